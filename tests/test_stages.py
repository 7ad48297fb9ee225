"""The stage rules: which changes are allowed, what a change writes, and that a refused
change changes nothing (every table dumped before and after)."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from itertools import product

import pytest

from gebrookerbos import db
from gebrookerbos.domain import Stage, history
from gebrookerbos.domain import stages as rules
from gebrookerbos.domain.auth import PermissionDenied
from gebrookerbos.services import stages
from tests.actors import BROKER, POLICY_OFFICER, PUBLIC

from .handmade_history import build, dump

ON_BOTH_STORES = True  # the database tests run on the DuckDB file and on PostgreSQL

PATH = ["idea", "exploring", "plan", "approved", "in_progress", "realised"]

# Written out by hand from the issue: the next step, and stopping before realised.
ALLOWED_WITHOUT_REASON = {
    ("idea", "exploring"), ("exploring", "plan"), ("plan", "approved"),
    ("approved", "in_progress"), ("in_progress", "realised"),
    ("idea", "stopped"), ("exploring", "stopped"), ("plan", "stopped"),
    ("approved", "stopped"), ("in_progress", "stopped"),
}
# Steps back on the path, and restarting a stopped initiative at idea or exploring.
ALLOWED_WITH_REASON_ONLY = {
    (old, new) for i, old in enumerate(PATH) for new in PATH[:i]
} | {("stopped", "idea"), ("stopped", "exploring")}


@pytest.mark.parametrize("old,new", list(product([s.value for s in Stage], repeat=2)))
def test_every_transition_against_the_rules(old, new):
    if (old, new) in ALLOWED_WITHOUT_REASON:
        rules.check_transition(old, new)
        rules.check_transition(old, new, "ook met reden")
    elif (old, new) in ALLOWED_WITH_REASON_ONLY:
        with pytest.raises(rules.StageChangeError) as exc:
            rules.check_transition(old, new, "   ")
        assert exc.value.key == "stages.error.reason_required"
        rules.check_transition(old, new, "Subsidie ingetrokken")
    else:
        with pytest.raises(rules.StageChangeError):
            rules.check_transition(old, new, "een reden helpt hier niet")


def test_refusals_say_why_in_dutch_and_english():
    with pytest.raises(rules.StageChangeError) as exc:
        rules.check_transition("idea", "approved")
    assert exc.value.key == "stages.error.skip"
    assert "Verkenning" in exc.value.message("nl") and "Akkoord" in exc.value.message("nl")
    assert "the next stage is Exploring" in exc.value.message("en")
    assert str(exc.value) == exc.value.message("nl")
    with pytest.raises(rules.StageChangeError) as exc:
        rules.check_transition("realised", "stopped")
    assert "gerealiseerd initiatief kan niet meer stoppen" in exc.value.message("nl")
    with pytest.raises(rules.StageChangeError) as exc:
        rules.check_transition("idea", "finished")
    assert exc.value.key == "stages.error.unknown_stage"


def test_allowed_targets_and_reasons():
    assert rules.allowed_targets("idea") == [Stage.EXPLORING, Stage.STOPPED]
    assert rules.allowed_targets("stopped") == [Stage.EXPLORING, Stage.IDEA]
    assert rules.allowed_targets("realised") == [Stage(s) for s in reversed(PATH[:-1])]
    assert rules.allowed_targets("plan") == [Stage.APPROVED, Stage.STOPPED, Stage.EXPLORING,
                                              Stage.IDEA]
    assert rules.needs_reason("plan", "idea") and rules.needs_reason("stopped", "idea")
    assert not rules.needs_reason("plan", "approved")
    assert not rules.needs_reason("plan", "stopped")


# --- change_stage on a real database -------------------------------------------------------


@pytest.fixture(scope="module")
def world_file(tmp_path_factory):
    return build(tmp_path_factory.mktemp("stages") / "world.duckdb")


@pytest.fixture()
def con(world_file, tmp_path):
    path = tmp_path / "w.duckdb"
    shutil.copyfile(world_file, path)
    connection = db.connect(path)
    yield connection
    connection.close()


def _initiative(con, ini):
    return con.execute(
        "SELECT stage, progress, progress_explicit, version, updated_by FROM initiatives "
        "WHERE initiative_id = $i", {"i": ini}).fetchone()


def _events(con, ini):
    return con.execute(
        "SELECT event_date, from_stage, to_stage, by_whom, note FROM stage_events "
        "WHERE initiative_id = $i ORDER BY event_id", {"i": ini}).fetchall()


def _refused(con, key, *args, **kwargs):
    before = dump(con)
    with pytest.raises(rules.StageChangeError) as exc:
        stages.change_stage(con, *args, **kwargs)
    assert exc.value.key == key, exc.value.message("en")
    assert dump(con) == before  # nothing changed, history intact
    return exc.value


def test_a_step_forward_writes_event_initiative_and_audit(con):
    before = _events(con, "E")
    stages.change_stage(con, "E", "exploring", actor=BROKER, note="Plek gezocht",
                        on_date=date(2025, 1, 6))
    assert _events(con, "E") == [*before,
                                 (date(2025, 1, 6), "idea", "exploring", "bea", "Plek gezocht")]
    assert _initiative(con, "E") == ("exploring", 15, False, 2, "bea")
    trail = con.execute("SELECT username, action, changes FROM audit_log "
                        "WHERE table_name = 'initiatives' AND record_id = 'E'").fetchall()
    assert len(trail) == 1 and trail[0][:2] == ("bea", "change_stage")
    assert json.loads(trail[0][2])["stage"] == ["idea", "exploring"]


def test_event_date_defaults_to_today(con):
    stages.change_stage(con, "E", "stopped", actor=BROKER, note="Niemand meer")
    assert _events(con, "E")[-1][0] == date.today()


def test_refused_skip_changes_nothing(con):
    _refused(con, "stages.error.skip", "E", "plan", actor=BROKER, note="te snel")


def test_refused_step_back_without_reason_then_allowed_with_one(con):
    _refused(con, "stages.error.reason_required", "C", "plan", actor=BROKER, note="terug")
    stages.change_stage(con, "C", "plan", actor=BROKER, note="Terug naar plan",
                        reason="Vergunning geweigerd", on_date=date(2025, 2, 1))
    event = _events(con, "C")[-1]
    assert event[1:3] == ("in_progress", "plan")
    assert "Terug naar plan" in event[4] and "Vergunning geweigerd" in event[4]
    assert _initiative(con, "C")[:2] == ("plan", 35)
    # C's plot goes back from in use to reserved, with a plot event
    assert con.execute("SELECT availability FROM plots WHERE plot_id = 'P3'").fetchone()[0] \
        == "reserved"


def test_realised_cannot_stop_and_stopped_restarts_only_early(con):
    _refused(con, "stages.error.realised_cannot_stop", "A", "stopped", actor=BROKER, note="x")
    _refused(con, "stages.error.stopped_restart", "B", "plan", actor=BROKER, note="x",
             reason="nieuwe trekker")
    _refused(con, "stages.error.same_stage", "A", "realised", actor=BROKER, note="x")


def test_refused_bad_input(con):
    _refused(con, "stages.error.note_required", "E", "exploring", actor=BROKER, note="  ")
    for who in (PUBLIC, POLICY_OFFICER):  # only staff who may change stages
        before = dump(con)
        with pytest.raises(PermissionDenied):
            stages.change_stage(con, "E", "exploring", actor=who, note="x")
        assert dump(con) == before
    _refused(con, "stages.error.not_found", "Z", "exploring", actor=BROKER, note="x")
    _refused(con, "stages.error.progress_range", "E", "exploring", actor=BROKER, note="x",
             progress=101)
    _refused(con, "stages.error.future_date", "E", "exploring", actor=BROKER, note="x",
             on_date=date.today() + timedelta(days=1))
    _refused(con, "stages.error.bad_date", "E", "exploring", actor=BROKER, note="x",
             on_date="31-02-2020")
    # E's latest event is 2024-05-01
    _refused(con, "stages.error.before_last_event", "E", "exploring", actor=BROKER, note="x",
             on_date=date(2024, 4, 30))
    stages.change_stage(con, "E", "exploring", actor=BROKER, note="same day is fine",
                        on_date=date(2024, 5, 1))


def test_optimistic_lock(con):
    version = _initiative(con, "E")[3]
    _refused(con, "stages.error.version_conflict", "E", "exploring", actor=BROKER, note="x",
             expected_version=version - 1)
    stages.change_stage(con, "E", "exploring", actor=BROKER, note="x", expected_version=version)
    assert _initiative(con, "E")[3] == version + 1


def test_progress_follows_the_stage_unless_set(con):
    stages.change_stage(con, "E", "exploring", actor=BROKER, note="x", progress=20)
    assert _initiative(con, "E")[1:3] == (20, True)
    stages.change_stage(con, "E", "plan", actor=BROKER, note="x")
    assert _initiative(con, "E")[1:3] == (35, False)


def _link(con, ini, plot):
    con.execute("INSERT INTO initiative_plots (initiative_id, plot_id) VALUES ($i, $p)",
                {"i": ini, "p": plot})


def _plot(con, plot):
    return con.execute("SELECT availability, version FROM plots WHERE plot_id = $p",
                       {"p": plot}).fetchone()


def _plot_events(con, plot):
    return con.execute(
        "SELECT event_date, from_availability, to_availability, initiative_id FROM plot_events "
        "WHERE plot_id = $p ORDER BY event_id", {"p": plot}).fetchall()


def test_plots_follow_the_stage_with_plot_events(con):
    _link(con, "E", "P5")  # P5: available
    day = date(2025, 3, 1)
    stages.change_stage(con, "E", "exploring", actor=BROKER, note="optie", on_date=day)
    assert _plot(con, "P5")[0] == "reserved"
    assert _plot_events(con, "P5")[-1] == (day, "available", "reserved", "E")
    for stage in ("plan", "approved"):
        stages.change_stage(con, "E", stage, actor=BROKER, note="x", on_date=day)
    assert len(_plot_events(con, "P5")) == 4  # still reserved: no new plot events
    stages.change_stage(con, "E", "in_progress", actor=BROKER, note="x", on_date=day)
    assert _plot_events(con, "P5")[-1] == (day, "reserved", "in_use", "E")
    stages.change_stage(con, "E", "stopped", actor=BROKER, note="gestopt", on_date=day)
    assert _plot(con, "P5")[0] == "available"
    assert _plot_events(con, "P5")[-1] == (day, "in_use", "available", "E")
    assert con.execute("SELECT count(*) FROM audit_log WHERE table_name = 'plots' "
                       "AND record_id = 'P5'").fetchone()[0] == 3
    # the map at that date agrees with the tables
    then = history.plot_state_at(con, day).set_index("plot_id")
    assert then.loc["P5", "availability"] == "available"
    assert then.loc["P5", "stage"] == "stopped"


def test_a_plot_held_by_another_initiative_is_refused_and_kept_when_stopping(con):
    # B (stopped) restarts: its plot P2 is now in use by D
    error = _refused(con, "stages.error.plot_taken", "B", "exploring", actor=BROKER, note="x",
                     reason="nieuwe trekker")
    assert "Jeu de boules D" in error.message("nl")
    # restarting as an idea holds no plot: allowed, and P2 stays with D
    stages.change_stage(con, "B", "idea", actor=BROKER, note="opnieuw", reason="nieuwe trekker")
    assert _plot(con, "P2")[0] == "in_use"
    stages.change_stage(con, "B", "stopped", actor=BROKER, note="toch niet")
    assert _plot(con, "P2")[0] == "in_use"


def test_an_unavailable_plot_cannot_be_reserved(con):
    con.execute("UPDATE plots SET availability = 'unavailable' WHERE plot_id = 'P4'")
    _link(con, "E", "P4")
    _refused(con, "stages.error.plot_unavailable", "E", "exploring", actor=BROKER, note="x")


def test_a_change_before_the_plots_latest_event_is_refused(con):
    _link(con, "E", "P5")  # P5's latest event: 2021-01-01; E's latest: 2024-05-01
    con.execute("INSERT INTO plot_events (plot_id, event_date, from_availability, "
                "to_availability) VALUES ('P5', DATE '2025-05-01', 'available', 'available')")
    _refused(con, "stages.error.before_plot_event", "E", "exploring", actor=BROKER, note="x",
             on_date=date(2025, 4, 1))


def test_changes_leave_the_past_untouched(con):
    past = {day: history.plot_state_at(con, day) for day in (date(2016, 4, 1), date(2019, 9, 1))}
    stages.change_stage(con, "C", "realised", actor=BROKER, note="Geopend")
    stages.change_stage(con, "E", "exploring", actor=BROKER, note="x")
    for day, frame in past.items():
        assert history.plot_state_at(con, day).equals(frame)


def test_record_creation_writes_the_first_event_once(con):
    con.execute("INSERT INTO initiatives (initiative_id, title, theme, stage) "
                "VALUES ('N', 'Nieuw', 'nature', 'idea')")
    assert stages.record_creation(con, "N", actor=BROKER, note="Aangemeld",
                                  on_date=date(2025, 6, 1)) is True
    assert _events(con, "N") == [(date(2025, 6, 1), None, "idea", "bea", "Aangemeld")]
    assert stages.record_creation(con, "N", actor=BROKER, note="nog eens") is False
    assert len(_events(con, "N")) == 1
