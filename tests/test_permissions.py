"""Permissions are checked in the functions that write, whoever calls them.

Every writing service (and the read of personal data) is called directly as the public, a
policy officer, a broker and an administrator: the policy decides (``domain.auth``), a
refusal raises PermissionDenied with a clear message, and nothing changes. A blocked or
demoted account loses its rights at the next call, in the services and in the app.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gebrookerbos import db
from gebrookerbos.domain import Role
from gebrookerbos.domain.auth import COMMAND_LINE, Action, PermissionDenied, may
from gebrookerbos.services import accounts, backup, edits, importer, reservations, stages
from tests.actors import ADMIN, BROKER, POLICY_OFFICER, PUBLIC, session_user
from tests.dm_helpers import interior_points, rectangle, snapshot, to_wgs84, write_geojson

ON_BOTH_STORES = True  # the database tests run on the DuckDB file and on PostgreSQL

WHO = {"public": PUBLIC, "beleidsmedewerker": POLICY_OFFICER, "brooker": BROKER,
       "beheerder": ADMIN}
# What each role may do, written out from the roles table in the README.
ALLOWED = {
    "public": set(),
    "beleidsmedewerker": set(),
    "brooker": {"reserve", "release", "change_stage", "edit_plot", "edit_initiative",
                "register_initiative", "read_personal"},
    "beheerder": {"reserve", "release", "change_stage", "edit_plot", "edit_initiative",
                  "register_initiative", "read_personal", "import", "create_user",
                  "set_role", "block", "list_users", "backup", "full_export"},
}


def _free_plot(con) -> str:
    return con.execute("SELECT plot_id FROM plot_holding WHERE availability = 'available' "
                       "AND holders = 0 ORDER BY 1 LIMIT 1").fetchone()[0]


def _exploring(con) -> str:
    return con.execute("SELECT initiative_id FROM initiatives WHERE stage = 'exploring' "
                       "ORDER BY 1 LIMIT 1").fetchone()[0]


def _reserved(con) -> tuple[str, str]:
    return con.execute("SELECT plot_id, holder_id FROM plot_holding WHERE held_as = 'reserved' "
                       "ORDER BY 1 LIMIT 1").fetchone()


def _operation(con, name: str, actor, tmp: Path):
    if name == "reserve":
        return reservations.reserve(con, _free_plot(con), _exploring(con), actor=actor)
    if name == "release":
        plot_id, ini = _reserved(con)
        return reservations.release(con, plot_id, ini, actor=actor)
    if name == "change_stage":
        return stages.change_stage(con, _exploring(con), "plan", actor=actor, note="Plan klaar")
    if name == "edit_plot":
        row = edits.plot_for_edit(con, "KV-0004", actor=COMMAND_LINE)
        values = {s.name: row[s.name] for s in edits.PLOT_FIELDS} | {"name": "Nieuwe naam"}
        return edits.update_plot(con, "KV-0004", values, expected_version=row["version"],
                                 actor=actor)
    if name == "edit_initiative":
        ini = _exploring(con)
        row = edits.initiative_for_edit(con, ini, actor=COMMAND_LINE)
        values = {s.name: row[s.name] for s in edits.INITIATIVE_FIELDS} | {"title": "Anders"}
        return edits.update_initiative(con, ini, values, expected_version=row["version"],
                                       actor=actor)
    if name == "register_initiative":
        return edits.create_initiative(con, {"title": "Bloemenweide", "theme": "nature"},
                                       actor=actor, note="Aangemeld")
    if name == "read_personal":
        return edits.initiative_for_edit(con, _exploring(con), actor=actor)
    if name == "import":
        (x, y), = interior_points(con, 1)
        path = write_geojson(tmp / "k.geojson", [({"plot_id": "PERM-1"},
                                                  to_wgs84(rectangle(x, y, 20, 20)))])
        report = importer.import_plots(con, path, actor=actor)
        assert report.ok, report.summary("en")
        return report
    if name == "create_user":
        return accounts.create_user(con, "nieuw", "brooker", "een lang wachtwoord", actor=actor)
    if name == "set_role":
        return accounts.set_role(con, "piet", "brooker", actor=actor)
    if name == "block":
        return accounts.set_active(con, "anna", False, actor=actor)
    if name == "list_users":
        return accounts.list_users(con, actor=actor)
    if name == "backup":
        return backup.backup_database(con, tmp / "b.duckdb", actor=actor)
    if name == "full_export":
        return backup.export_geopackage(con, tmp / "e.gpkg", public=False, actor=actor)
    raise AssertionError(name)


OPERATIONS = sorted(set().union(*ALLOWED.values()))


@pytest.mark.parametrize("role", list(WHO))
@pytest.mark.parametrize("name", OPERATIONS)
def test_each_service_checks_the_role_itself(con, tmp_path, role, name):
    actor = WHO[role]
    out = tmp_path / "out"  # files an operation writes (backups, exports, import files)
    out.mkdir()
    if name in ALLOWED[role]:
        _operation(con, name, actor, out)
        return
    before = snapshot(con)
    with pytest.raises(PermissionDenied) as refused:
        _operation(con, name, actor, out)
    assert "Nothing was changed" in refused.value.message("en")
    assert "Er is niets veranderd" in refused.value.message("nl")
    assert snapshot(con) == before
    assert not list(out.glob("*.duckdb")) and not list(out.glob("*.gpkg"))


def test_the_policy_table_matches_the_readme_roles():
    for role, allowed in ALLOWED.items():
        r = None if role == "public" else Role(role)
        assert may(r, Action.RESERVE) == ("reserve" in allowed)
        assert may(r, Action.VIEW_PERSONAL) == ("read_personal" in allowed)
        assert may(r, Action.IMPORT_PLOTS) == ("import" in allowed)
        assert may(r, Action.MANAGE_ACCOUNTS) == ("create_user" in allowed)
        assert may(r, Action.BACKUP) == ("backup" in allowed)


def test_who_acted_is_recorded(con):
    plot_id, ini = _free_plot(con), _exploring(con)
    reservations.reserve(con, plot_id, ini, actor=BROKER, today=date.today())
    assert con.execute("SELECT by_whom FROM plot_events ORDER BY event_id DESC LIMIT 1"
                       ).fetchone()[0] == "bea"
    assert con.execute("SELECT username FROM audit_log ORDER BY audit_id DESC LIMIT 1"
                       ).fetchone()[0] == "bea"
    assert con.execute("SELECT updated_by FROM plots WHERE plot_id = $p",
                       {"p": plot_id}).fetchone()[0] == "bea"


def test_a_blocked_broker_is_refused_at_the_next_call(con):
    ini = _exploring(con)
    accounts.set_active(con, "bea", False, actor=ADMIN)
    before = snapshot(con)
    with pytest.raises(PermissionDenied) as refused:
        reservations.reserve(con, _free_plot(con), ini, actor=BROKER)
    assert "blocked" in refused.value.message("en")
    assert snapshot(con) == before
    accounts.set_active(con, "bea", True, actor=ADMIN)
    reservations.reserve(con, _free_plot(con), ini, actor=BROKER)  # unblocked: allowed again


def test_a_demoted_broker_is_refused_at_the_next_call(con):
    accounts.set_role(con, "bea", "beleidsmedewerker", actor=ADMIN)
    before = snapshot(con)
    with pytest.raises(PermissionDenied) as refused:
        stages.change_stage(con, _exploring(con), "plan", actor=BROKER, note="x")
    assert "Policy officer" in refused.value.message("en")  # the role as it is now
    assert snapshot(con) == before


def test_the_app_logs_out_a_blocked_broker_at_the_next_click(app, store):
    app.session_state["user"] = session_user("brooker")
    app.switch_page("pages/beheer.py").run()
    assert not app.exception
    assert "Kavels bewerken" in [t.label for t in app.tabs]
    other = db.connect(store)  # the administrator blocks bea meanwhile
    try:
        accounts.set_active(other, "bea", False, actor=ADMIN)
    finally:
        other.close()
    app.run()
    assert not app.exception
    assert "Kavels bewerken" not in [t.label for t in app.tabs]
    assert any("uitgelogd" in w.value for w in app.warning)


def test_the_app_logs_out_a_demoted_broker_and_promotes_at_once(app, store):
    """Fewer rights end the session (log in again); more rights apply at the next click."""
    app.session_state["user"] = session_user("brooker")
    app.switch_page("pages/beheer.py").run()
    other = db.connect(store)
    try:
        accounts.set_role(other, "bea", "beleidsmedewerker", actor=ADMIN)
    finally:
        other.close()
    app.run()
    assert not app.exception
    assert [t.label for t in app.tabs] == []
    assert "user" not in app.session_state
    assert any("uitgelogd" in w.value for w in app.warning)

    app.session_state["user"] = session_user("beleidsmedewerker")
    app.run()
    assert [t.label for t in app.tabs] == ["Mijn account"]
    other = db.connect(store)
    try:
        accounts.set_role(other, "piet", "brooker", actor=ADMIN)
    finally:
        other.close()
    app.run()
    assert not app.exception
    assert "Kavels bewerken" in [t.label for t in app.tabs]
    assert any("Brooker" in i.value for i in app.info)
