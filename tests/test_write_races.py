"""Two people pressing the same button at the same moment, many rounds: each on its own
cursor of one real database (as the app gives every session its own cursor of the shared
connection), released together by a barrier, on both stores: a DuckDB file and PostgreSQL
(where each cursor is a PostgreSQL session of its own, as two dashboard processes are).
One wins; the other gets the product's own "changed by someone else" refusal with their
input kept, never the database's raw conflict, and the data holds exactly the winner's
change."""

from __future__ import annotations

import threading
from functools import partial

import duckdb
import pytest

from gebrookerbos import db
from gebrookerbos.domain import Stage
from gebrookerbos.services import edits, holding, reservations, stages
from gebrookerbos.services.stages import StageChangeError
from tests.actors import BROKER, BROKER_2

ROUNDS = 12


ON_BOTH_STORES = True


def _at_once(con, *calls) -> list[object]:
    """Run each call (a function of a cursor) in its own thread, all released together;
    returns each one's result or exception."""
    results: list[object] = [None] * len(calls)
    start = threading.Barrier(len(calls))

    def run(i: int) -> None:
        cur = con.cursor()
        try:
            start.wait()
            results[i] = calls[i](cur)
        except Exception as exc:  # noqa: BLE001 (each outcome is checked by the test)
            results[i] = exc
        finally:
            cur.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def _no_raw_errors(results) -> None:
    raw = [r for r in results if isinstance(r, (duckdb.Error, db.WriteConflict))]
    assert raw == [], raw


def test_two_editors_saving_the_same_plot_at_once(con):
    plot_id = "KV-0004"
    for n in range(ROUNDS):
        base = edits.plot_for_edit(con, plot_id, actor=BROKER)
        mine = {"name": f"Beekzone ronde {n} (Bea)"}
        theirs = {"name": f"Beekzone ronde {n} (Anna)"}
        def save(cur, who, change, base=base):
            return edits.update_plot(cur, plot_id, {**base, **change},
                                     expected_version=base["version"], actor=who, base=base)

        results = _at_once(con, partial(save, who=BROKER, change=mine),
                           partial(save, who=BROKER_2, change=theirs))
        _no_raw_errors(results)
        conflicts = [r for r in results if isinstance(r, edits.EditConflict)]
        saved = [i for i, r in enumerate(results) if isinstance(r, dict)]
        assert len(saved) == 1 and len(conflicts) == 1, results
        winner, loser = (mine, theirs) if saved == [0] else (theirs, mine)
        assert conflicts[0].mine["name"][1] == loser["name"]  # their input is kept
        now = edits.plot_for_edit(con, plot_id, actor=BROKER)
        assert now["name"] == winner["name"]
        assert int(now["version"]) == int(base["version"]) + 1


def test_two_brokers_reserving_the_same_plot_at_once(con):
    plots = [r[0] for r in con.execute(
        "SELECT plot_id FROM plots WHERE availability = 'available' ORDER BY plot_id "
        "LIMIT $n", {"n": ROUNDS}).fetchall()]
    ideas = [r[0] for r in con.execute(
        "SELECT initiative_id FROM initiatives WHERE stage IN ('exploring', 'plan') "
        "ORDER BY initiative_id LIMIT 2").fetchall()]
    assert len(plots) == ROUNDS and len(ideas) == 2
    for plot_id in plots:
        results = _at_once(
            con,
            lambda cur, p=plot_id: reservations.reserve(cur, p, ideas[0], actor=BROKER),
            lambda cur, p=plot_id: reservations.reserve(cur, p, ideas[1], actor=BROKER_2),
        )
        _no_raw_errors(results)
        refused = [r for r in results if isinstance(r, reservations.ReservationError)]
        won = [i for i, r in enumerate(results) if isinstance(r, int)]
        assert len(won) == 1 and len(refused) == 1, results
        holders = holding.holders_of(con, plot_id)
        assert [h.initiative_id for h in holders] == [ideas[won[0]]]


def test_two_brokers_moving_the_same_initiative_at_once(con):
    initiative_id = con.execute(
        "SELECT initiative_id FROM initiatives WHERE stage = 'exploring' "
        "ORDER BY initiative_id LIMIT 1").fetchone()[0]
    for n in range(ROUNDS):
        version, stage = con.execute(
            "SELECT version, stage FROM initiatives WHERE initiative_id = $i",
            {"i": initiative_id}).fetchone()
        target = Stage.PLAN if stage == Stage.EXPLORING else Stage.EXPLORING
        reason = None if target == Stage.PLAN else f"terug, ronde {n}"
        def move(cur, who, target=target, reason=reason, version=version, n=n):
            return stages.change_stage(cur, initiative_id, target, actor=who,
                                       note=f"ronde {n} door {who.username}", reason=reason,
                                       expected_version=version)

        results = _at_once(con, partial(move, who=BROKER), partial(move, who=BROKER_2))
        _no_raw_errors(results)
        refused = [r for r in results if isinstance(r, StageChangeError)]
        assert results.count(None) == 1 and len(refused) == 1, results
        assert refused[0].key == "stages.error.version_conflict"
        assert con.execute("SELECT stage FROM initiatives WHERE initiative_id = $i",
                           {"i": initiative_id}).fetchone()[0] == target


@pytest.mark.parametrize("sessions", [4])
def test_registering_initiatives_at_once_gives_each_its_own_number(con, sessions):
    values = {"title": "Buurtmoestuin", "theme": "urban_farming"}
    results = _at_once(con, *[
        lambda cur, i=i: edits.create_initiative(cur, {**values, "title": f"Tuin {i}"},
                                                 actor=BROKER, note="aangemeld")
        for i in range(sessions)])
    _no_raw_errors(results)
    assert all(isinstance(r, str) for r in results), results
    assert len(set(results)) == sessions
