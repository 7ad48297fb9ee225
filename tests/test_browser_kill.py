"""The real dashboard (``streamlit run dashboard.py``) killed with SIGKILL while it saves an
edit made in a real browser: nothing it confirmed is lost, the file is not damaged, and the
dashboard starts again on it and shows the saved data.

Design: a broker edits plot KV-0004 on page Beheer and saves twice; each save is confirmed
on the page (the version shown goes up), so both must survive. The third save is the one
the kill interrupts. A save is a few milliseconds of a rerun that takes a second or more,
so a kill after a random delay would nearly always land before or after it; the test
aims instead: it watches DuckDB's write-ahead log next to the database file, and kills the
server a random 0-20 ms after the log starts to grow, i.e. while the save's transaction
commits, before the browser is told. That save must then be in the database whole (name,
version and audit entry together) or not at all; with a commit this small (one write of
the log) it is in practice there. Kills that leave a save out, at random moments of many
saves through the service functions the page calls: ``tests/test_kill_safety.py``.

Two saves in a row of a renamed plot also show that the plot stays chosen after a save
(the picker's text changed with the name; it used to fall back to nothing, and the next
save was lost with the form).
"""

from __future__ import annotations

import random
import shutil
import time

from gebrookerbos import db
from tests.actors import BROKER, PASSWORD
from tests.conftest import AppServer, wait_until_idle
from tests.test_browser_beheer import _login, _open

PLOT = "KV-0004"
NAMES = ("Na de crash 1", "Na de crash 2", "Na de crash 3")


def _plot(path) -> tuple[str, int, list[str]]:
    """The plot's name and version, and the names its audit entries by the broker set,
    after opening the file as the dashboard does (schema brought up to date)."""
    con = db.connect(path)
    try:
        assert db.ensure_schema(con) == db.latest_schema_version()
        name, version = con.execute("SELECT name, version FROM plots WHERE plot_id = $p",
                                    {"p": PLOT}).fetchone()
        names = [r[0] for r in con.execute(
            "SELECT json_extract_string(changes, '$.name[1]') FROM audit_log "
            "WHERE table_name = 'plots' AND record_id = $p AND username = $u "
            "AND action = 'update' ORDER BY audit_id", {"p": PLOT, "u": BROKER.username}
        ).fetchall()]
        return name, int(version), names
    finally:
        con.close()


def _open_plot_form(page, server) -> None:
    _open(page, server)
    _login(page, BROKER.username, PASSWORD)
    page.get_by_text("Ingelogd als").wait_for(timeout=60_000)
    page.get_by_role("link", name="Beheer").click()
    page.get_by_role("heading", name="Kavel bewerken").wait_for(timeout=60_000)
    page.get_by_label("Zoeken").first.fill(PLOT)
    page.get_by_label("Zoeken").first.press("Enter")
    wait_until_idle(page)
    page.get_by_label("Kavel", exact=True).click()
    page.get_by_role("option", name=PLOT, exact=False).click()
    page.get_by_label("Naam", exact=True).first.wait_for(timeout=60_000)
    wait_until_idle(page, quiet_ms=500)


def _form(page, version: int):
    """The plot's edit form at ``version`` (while the page reruns, the form of the version
    before may still be on the page next to it)."""
    return page.locator('[data-testid="stForm"]').filter(
        has_text=f"Versie {version}, laatst gewijzigd")


def _wal_state(path) -> tuple[bool, int]:
    wal = path.with_name(path.name + ".wal")
    try:
        return True, wal.stat().st_size
    except FileNotFoundError:
        return False, 0


def test_the_dashboard_killed_during_a_save_loses_nothing_it_confirmed(
        page, demo_db_file, tmp_path):
    path = tmp_path / "gebrookerbos.duckdb"
    shutil.copyfile(demo_db_file, path)
    _, base_version, _ = _plot(path)
    server = AppServer(path)
    try:
        _open_plot_form(page, server)
        for i, name in enumerate(NAMES[:2]):  # confirmed saves
            form = _form(page, base_version + i)
            form.get_by_label("Naam", exact=True).fill(name)
            form.get_by_role("button", name="Opslaan").click()
            _form(page, base_version + i + 1).wait_for(timeout=60_000)  # the page says so
            wait_until_idle(page, quiet_ms=500)
        form = _form(page, base_version + 2)
        form.get_by_label("Naam", exact=True).fill(NAMES[2])
        before = _wal_state(path)
        form.get_by_role("button", name="Opslaan").click()
        deadline = time.monotonic() + 30
        while _wal_state(path) == before and time.monotonic() < deadline:
            time.sleep(0.001)
        grew = _wal_state(path) != before
        time.sleep(random.uniform(0, 0.02))
        server.proc.kill()  # SIGKILL: no clean-up runs in the server
        server.proc.wait(30)
    finally:
        if server.proc.poll() is None:
            server.proc.kill()
            server.proc.wait(30)
        server.log.close()
    assert grew, "the save never reached the database file"

    name, version, audit_names = _plot(path)
    saved = 3 if name == NAMES[2] else 2
    assert name == NAMES[saved - 1]  # the confirmed second save, or the interrupted third
    assert version == base_version + saved
    assert audit_names == list(NAMES[:saved])
    print(f"the interrupted save is {'in the database' if saved == 3 else 'not there'}")

    # the dashboard starts again on the same file and shows what was saved
    again = AppServer(path)
    try:
        _open_plot_form(page, again)
        form = _form(page, version)
        form.wait_for(timeout=60_000)
        assert form.get_by_label("Naam", exact=True).input_value() == name
    finally:
        again.stop()
