"""A ``kill -9`` at any moment loses nothing committed and corrupts nothing (real processes,
real files, SIGKILL: no clean-up code runs in the victim).

- The import (``python -m gebrookerbos import-plots``) of 20,000 plots, killed after a random
  delay and, in other rounds, at a random moment of its commit: the database opens, its
  schema is current, and it holds all of the plots (with their plot events, places and
  audit entries) or none of them.
- A process saving edits through the service functions, as the dashboard does, killed
  between and during saves: every save it reported as done is in the database, the one it
  was busy with is there whole or not at all. (The same against the real dashboard in a
  browser: ``tests/test_browser_kill.py``.)

The random delays come from a seed that is printed and can be set with
``$GEBROOKERBOS_KILL_SEED`` to repeat a run.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyogrio
import pytest

from gebrookerbos import db
from tests import ROOT
from tests.actors import BROKER

PLOTS = 20_000
SEED = int(os.environ.get("GEBROOKERBOS_KILL_SEED", str(time.time_ns() % 1_000_000)))


@pytest.fixture(scope="module")
def rng() -> random.Random:
    print(f"kill seed: {SEED} (repeat with GEBROOKERBOS_KILL_SEED={SEED})")
    return random.Random(SEED)


@pytest.fixture(scope="module")
def big_file(tmp_path_factory) -> Path:
    """20,000 generated plots inside Heerlen as a GeoPackage (written by pyogrio/GDAL)."""
    from bench.common import generate_plots

    path = tmp_path_factory.mktemp("kill") / "kavels.gpkg"
    pyogrio.write_dataframe(generate_plots(PLOTS), path, layer="kavels", driver="GPKG")
    return path


def _counts(path: Path) -> tuple[int, int, int, int]:
    """Open the file as the app would, bring the schema up to date, count what an import
    writes: plots, plot events, plot places, audit entries."""
    con = db.connect(path)
    try:
        assert db.ensure_schema(con) == db.latest_schema_version()
        return con.execute(
            "SELECT (SELECT count(*) FROM plots), (SELECT count(*) FROM plot_events), "
            "(SELECT count(*) FROM plot_places), (SELECT count(*) FROM audit_log)").fetchone()
    finally:
        con.close()


def _import(path: Path, big_file: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "gebrookerbos", "import-plots", str(big_file), "--db", str(path)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def test_an_import_killed_half_way_leaves_all_plots_or_none(demo_db_file, big_file,
                                                            tmp_path, rng):
    baseline = tmp_path / "baseline.duckdb"  # (the shared demo file stays untouched)
    shutil.copyfile(demo_db_file, baseline)
    old = _counts(baseline)
    # a whole import first: how long it takes here, and what "all" looks like
    reference = tmp_path / "reference.duckdb"
    shutil.copyfile(demo_db_file, reference)
    started = time.monotonic()
    done = _import(reference, big_file)
    out, err = done.communicate(timeout=300)
    duration = time.monotonic() - started
    assert done.returncode == 0, err
    new = _counts(reference)
    assert new[0] == old[0] + PLOTS and new[2] == old[2] + PLOTS

    outcomes = []
    for round_ in range(6):
        path = tmp_path / f"round{round_}.duckdb"
        shutil.copyfile(demo_db_file, path)
        proc = _import(path, big_file)
        if round_ < 3:  # anywhere in the run: reading, checking, inserting, committing
            delay = rng.uniform(0.15, 1.0) * duration
            time.sleep(delay)
            when = f"after {delay:.2f} s of {duration:.2f} s"
        else:  # inside the commit: DuckDB writes its log, then the database file
            deadline = time.monotonic() + 300
            while not _wal(path).exists() and proc.poll() is None:
                assert time.monotonic() < deadline
                time.sleep(0.002)
            delay = rng.uniform(0.0, 0.15)
            time.sleep(delay)
            when = f"{delay * 1000:.0f} ms into the commit"
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=60)
        counts = _counts(path)
        message = f"round {round_}, killed {when} (seed {SEED}): {counts}, old {old}, new {new}"
        assert counts in (old, new), message
        if "Imported" in out:  # it said it was done: then it is
            assert counts == new, message
        outcomes.append((when, "all" if counts == new else "none"))
    print("outcomes:", outcomes)

    # after a kill the file is fully usable: the same import runs again, to the end
    path = next(tmp_path / f"round{i}.duckdb" for i, (_, o) in enumerate(outcomes)
                if o == "none") if any(o == "none" for _, o in outcomes) else None
    if path is not None:
        again = _import(path, big_file)
        _, err = again.communicate(timeout=300)
        assert again.returncode == 0, err
        assert _counts(path) == new


# --- saves through the service functions --------------------------------------------------


def _writable_plots(con, n: int) -> list[str]:
    """Plots nobody holds, whose availability may therefore be set by hand."""
    rows = con.execute(
        "SELECT plot_id FROM plots WHERE availability IN ('available', 'unavailable') "
        "AND plot_id NOT IN (SELECT plot_id FROM plot_holders) ORDER BY plot_id LIMIT $n",
        {"n": n}).fetchall()
    return [r[0] for r in rows]


def _state(path: Path, plot_ids: list[str]) -> tuple[dict, dict[int, str]]:
    """Per plot (name, version, availability, plot events, last event's availability), and
    the saves the audit trail holds (save number -> plot)."""
    con = db.connect(path)
    try:
        assert db.ensure_schema(con) == db.latest_schema_version()
        plots = {}
        for pid in plot_ids:
            name, version, availability = con.execute(
                "SELECT name, version, availability FROM plots WHERE plot_id = $p",
                {"p": pid}).fetchone()
            events, last = con.execute(
                "SELECT count(*), arg_max(to_availability, event_id) FROM plot_events "
                "WHERE plot_id = $p", {"p": pid}).fetchone()
            plots[pid] = (name, version, availability, events, last)
        saves = {}
        for record_id, changes in con.execute(
                "SELECT record_id, changes FROM audit_log WHERE table_name = 'plots' "
                "AND action = 'update' AND username = $u", {"u": BROKER.username}).fetchall():
            new_name = json.loads(changes).get("name", [None, ""])[1]
            if new_name.startswith("save "):
                saves[int(new_name.split()[1])] = record_id
        return plots, saves
    finally:
        con.close()


def test_a_writer_killed_during_saves_loses_no_save_it_reported(db_file, rng):
    """The dashboard's way of writing, in a process of its own that is killed at random.

    A Streamlit server commits a save in a few milliseconds inside a rerun of a second or
    more, so a kill of the real server (``tests/test_browser_kill.py``) lands in a commit
    only when aimed. Here the same service function (``edits.update_plot``: plot, plot
    event and audit entry in one transaction, on one long-lived connection) runs in a tight
    loop, so that most of the process's time is spent inside transactions and a random
    kill falls inside one in most rounds. The process reports a save only after the service
    returned, as the page shows "opgeslagen" only then. Four rounds on the same file, as a
    server killed again and again.
    """
    con = db.connect(db_file)
    try:
        plot_ids = _writable_plots(con, 5)
    finally:
        con.close()
    assert len(plot_ids) == 5
    base, saves = _state(db_file, plot_ids)
    assert saves == {}
    reported: set[int] = set()
    committed: set[int] = set()  # in the database after the rounds before
    first = 0
    for round_ in range(4):
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.kill_writer", str(db_file), str(first), *plot_ids],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        ready = proc.stdout.readline().strip()
        assert ready == "READY", proc.stderr.read()
        delay = rng.uniform(0.05, 1.0)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == -signal.SIGKILL, err  # killed, not failed on its own
        this_round = [int(line.split()[1]) for line in out.splitlines()
                      if line.startswith("SAVED ")]
        reported |= set(this_round)
        plots, saves = _state(db_file, plot_ids)
        message = f"round {round_}, killed after {delay:.2f} s (seed {SEED})"
        # every reported save is there (and every one found before); at most the one being
        # made when the process was killed is there without having been reported
        assert reported | committed <= set(saves), message
        in_flight = (max(this_round) + 1) if this_round else first
        assert set(saves) - reported - committed <= {in_flight}, message
        committed = set(saves)
        # and each save is whole: name, version, availability and plot event together
        for pid in plot_ids:
            mine = sorted(n for n, p in saves.items() if p == pid)
            name, version, availability, events, last = plots[pid]
            b_name, b_version, b_availability, b_events, _ = base[pid]
            assert version == b_version + len(mine), (message, pid)
            assert events == b_events + len(mine), (message, pid)
            assert name == (f"save {mine[-1]}" if mine else b_name), (message, pid)
            flipped = len(mine) % 2 == 1
            other = "unavailable" if b_availability == "available" else "available"
            assert availability == (other if flipped else b_availability), (message, pid)
            assert last == availability, (message, pid)
        flips = {pid: sum(1 for p in saves.values() if p == pid) for pid in plot_ids}
        first = max(saves, default=first - 1) + 1
        print(f"{message}: {len(this_round)} saves reported, "
              f"{len(set(saves) - reported)} committed unreported; per plot {flips}")
    assert len(reported) > 0
