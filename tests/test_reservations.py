"""Reserving (in optie) and releasing plots: one active initiative per plot, all or nothing."""

from __future__ import annotations

import json
from datetime import date

import pytest

from gebrookerbos import db
from gebrookerbos.services import holding, reservations
from gebrookerbos.services.reservations import ReservationError
from tests.actors import BROKER, BROKER_3, COMMAND_LINE

ON_BOTH_STORES = True  # the database tests run on the DuckDB file and on PostgreSQL

TODAY = date(2026, 11, 28)
TABLES = ("plots", "initiative_plots", "plot_events", "audit_log", "initiatives")


def dump(con) -> dict[str, list[tuple]]:
    """Every row of the tables a reservation touches (geometry as text)."""
    out = {}
    for table in TABLES:
        cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
        select = ", ".join(f"ST_AsText({c})" if c == "geom" else c for c in cols)
        out[table] = con.execute(f"SELECT {select} FROM {table} ORDER BY ALL").fetchall()
    return out


def free_plot(con) -> tuple[str, int]:
    """An available plot that no active initiative holds."""
    return con.execute(
        "SELECT plot_id, version FROM plots p WHERE availability = 'available' AND NOT EXISTS ("
        " SELECT 1 FROM initiative_plots ip JOIN initiatives i USING (initiative_id)"
        " WHERE ip.plot_id = p.plot_id AND i.stage <> 'stopped') ORDER BY plot_id LIMIT 1"
    ).fetchone()


def active_initiatives(con, n: int = 2) -> list[tuple[str, str]]:
    return con.execute(
        "SELECT initiative_id, title FROM initiatives WHERE stage = 'exploring' "
        "ORDER BY initiative_id LIMIT $n", {"n": n}).fetchall()


def test_reservation_links_marks_records_and_audits(con):
    plot_id, version = free_plot(con)
    (ini, _), _ = active_initiatives(con)
    events_before = con.execute("SELECT count(*) FROM plot_events").fetchone()[0]
    new_version = reservations.reserve(con, plot_id, ini, actor=BROKER, note="Bezichtiging op 3/12",
                                       today=TODAY, expected_version=version)
    assert new_version == version + 1
    assert con.execute("SELECT availability, version, updated_by FROM plots WHERE plot_id = $p",
                       {"p": plot_id}).fetchone() == ("reserved", version + 1, "bea")
    assert con.execute("SELECT count(*) FROM initiative_plots WHERE plot_id = $p AND "
                       "initiative_id = $i", {"p": plot_id, "i": ini}).fetchone()[0] == 1
    event = con.execute(
        "SELECT event_date, from_availability, to_availability, initiative_id, by_whom, note "
        "FROM plot_events ORDER BY event_id DESC LIMIT 1").fetchone()
    assert event == (TODAY, "available", "reserved", ini, "bea", "Bezichtiging op 3/12")
    assert con.execute("SELECT count(*) FROM plot_events").fetchone()[0] == events_before + 1
    # the event is in the initiative's history
    history = reservations.initiative_plot_events(con, ini)
    assert history.iloc[0]["plot_id"] == plot_id and history.iloc[0]["to_availability"] == "reserved"
    assert reservations.plot_history(con, plot_id).iloc[0]["initiative_id"] == ini
    username, action, changes = con.execute(
        "SELECT username, action, changes FROM audit_log WHERE table_name = 'plots' AND "
        "record_id = $p ORDER BY audit_id DESC LIMIT 1", {"p": plot_id}).fetchone()
    assert (username, action) == ("bea", "reserve")
    assert json.loads(changes)["availability"] == ["available", "reserved"]
    assert json.loads(changes)["initiative_id"] == [None, ini]


def test_second_reservation_is_refused_and_changes_nothing(con):
    plot_id, _ = free_plot(con)
    (first, first_title), (second, _) = active_initiatives(con)
    reservations.reserve(con, plot_id, first, actor=BROKER, today=TODAY)
    before = dump(con)
    with pytest.raises(ReservationError) as refused:
        reservations.reserve(con, plot_id, second, actor=BROKER, today=TODAY)
    assert dump(con) == before
    message = refused.value.message("nl")
    assert first_title in message and "niets veranderd" in message
    assert "two active initiatives" in str(refused.value)
    # the same initiative again: refused too, nothing changed
    with pytest.raises(ReservationError):
        reservations.reserve(con, plot_id, first, actor=BROKER, today=TODAY)
    assert dump(con) == before


def test_a_plot_in_use_cannot_be_reserved_for_another_initiative(con):
    plot_id, holder = con.execute(
        "SELECT p.plot_id, i.title FROM plots p JOIN initiative_plots ip USING (plot_id) "
        "JOIN initiatives i USING (initiative_id) WHERE p.availability = 'in_use' "
        "AND i.stage IN ('in_progress', 'realised') AND (ip.agreement_end IS NULL OR "
        "ip.agreement_end >= $t) ORDER BY 1 LIMIT 1", {"t": TODAY}).fetchone()
    (ini, _), _ = active_initiatives(con)
    before = dump(con)
    with pytest.raises(ReservationError) as refused:
        reservations.reserve(con, plot_id, ini, actor=BROKER, today=TODAY)
    assert holder in refused.value.message("en")
    assert dump(con) == before


@pytest.mark.parametrize("case", ["stopped", "unknown_plot", "unknown_initiative", "stale",
                                  "unavailable"])
def test_refusals_change_nothing(con, case):
    plot_id, version = free_plot(con)
    (ini, _), _ = active_initiatives(con)
    kwargs = {"actor": BROKER, "today": TODAY}
    if case == "stopped":
        ini = con.execute("SELECT initiative_id FROM initiatives WHERE stage = 'stopped' "
                          "LIMIT 1").fetchone()[0]
    elif case == "unknown_plot":
        plot_id = "KV-9999"
    elif case == "unknown_initiative":
        ini = "INI-999"
    elif case == "stale":
        kwargs["expected_version"] = version - 1
    elif case == "unavailable":
        plot_id = con.execute("SELECT plot_id FROM plots WHERE availability = 'unavailable' "
                              "LIMIT 1").fetchone()[0]
    before = dump(con)
    with pytest.raises(ReservationError) as refused:
        reservations.reserve(con, plot_id, ini, **kwargs)
    assert "nothing was changed" in str(refused.value)
    assert dump(con) == before


def test_release_makes_the_plot_available_again(con):
    plot_id, version = free_plot(con)
    (ini, _), (other, _) = active_initiatives(con)
    reservations.reserve(con, plot_id, ini, actor=BROKER, today=TODAY)
    # another initiative cannot release it
    before = dump(con)
    with pytest.raises(ReservationError):
        reservations.release(con, plot_id, other, actor=BROKER, today=TODAY)
    assert dump(con) == before
    reservations.release(con, plot_id, ini, actor=BROKER, note="Past toch niet", today=TODAY)
    assert con.execute("SELECT availability, version FROM plots WHERE plot_id = $p",
                       {"p": plot_id}).fetchone() == ("available", version + 2)
    assert con.execute("SELECT count(*) FROM initiative_plots WHERE plot_id = $p AND "
                       "initiative_id = $i", {"p": plot_id, "i": ini}).fetchone()[0] == 0
    last = con.execute("SELECT from_availability, to_availability, initiative_id, note "
                       "FROM plot_events ORDER BY event_id DESC LIMIT 1").fetchone()
    assert last == ("reserved", "available", ini, "Past toch niet")
    assert [r[0] for r in con.execute(
        "SELECT action FROM audit_log WHERE record_id = $p ORDER BY audit_id",
        {"p": plot_id}).fetchall()] == ["reserve", "release"]
    # now the other initiative may reserve it
    reservations.reserve(con, plot_id, other, actor=BROKER, today=TODAY)
    assert [h.initiative_id for h in holding.holders_of(con, plot_id)] == [other]


def test_a_race_between_two_sessions_leaves_one_reservation(db_file):
    """Two sessions (connections to one database) reserve the same plot for different
    initiatives, the second after it read the old version: one wins, one is refused."""
    first = db.connect(db_file)
    try:
        second = first.cursor()
        plot_id, version = free_plot(first)
        (a, _), (b, _) = active_initiatives(first)
        reservations.reserve(first, plot_id, a, actor=BROKER, today=TODAY, expected_version=version)
        before = dump(second)
        with pytest.raises(ReservationError):
            reservations.reserve(second, plot_id, b, actor=BROKER_3, today=TODAY,
                                 expected_version=version)
        assert dump(second) == before
        assert first.execute("SELECT count(*) FROM initiative_plots WHERE plot_id = $p",
                             {"p": plot_id}).fetchone()[0] == 1
    finally:
        first.close()


def test_an_idea_that_reserves_a_plot_starts_exploring(con):
    """Reserving is looking for a place: an initiative at idea moves on to exploring, with a
    stage event, and from then on holds the plot."""
    plot_id, version = free_plot(con)
    ini = con.execute("SELECT initiative_id FROM initiatives WHERE stage = 'idea' "
                      "ORDER BY 1 LIMIT 1").fetchone()[0]
    reservations.reserve(con, plot_id, ini, actor=BROKER, note="Bezichtiging", today=date.today(),
                         expected_version=version)
    assert con.execute("SELECT stage FROM initiatives WHERE initiative_id = $i",
                       {"i": ini}).fetchone()[0] == "exploring"
    assert con.execute(
        "SELECT from_stage, to_stage, by_whom, note FROM stage_events WHERE initiative_id = $i "
        "ORDER BY event_id DESC LIMIT 1", {"i": ini}).fetchone() == (
        "idea", "exploring", "bea", "Bezichtiging")
    assert con.execute("SELECT availability FROM plots WHERE plot_id = $p",
                       {"p": plot_id}).fetchone()[0] == "reserved"
    assert [h.initiative_id for h in holding.holders_of(con, plot_id)] == [ini]


def test_reserved_for_an_idea_then_set_available_by_hand_is_refused(con):
    """The plot stays what its holder implies: an edit cannot make it available."""
    from gebrookerbos.services import edits

    reservations.reserve(con, "KV-0004", "INI-035", actor=BROKER, today=date.today())
    row = edits.plot_for_edit(con, "KV-0004", actor=COMMAND_LINE)
    values = {s.name: row[s.name] for s in edits.PLOT_FIELDS} | {"availability": "available"}
    before = dump(con)
    with pytest.raises(edits.EditError) as refused:
        edits.update_plot(con, "KV-0004", values, expected_version=row["version"], actor=BROKER)
    assert "follows the stage of the initiative" in \
        refused.value.message("en")
    assert dump(con) == before
    # and no second initiative can reserve it
    other = active_initiatives(con)[0][0]
    with pytest.raises(ReservationError):
        reservations.reserve(con, "KV-0004", other, actor=BROKER, today=date.today())


@pytest.mark.parametrize("stage", ["in_progress", "realised"])
def test_an_initiative_that_is_building_or_realised_cannot_reserve(con, stage):
    plot_id, _ = free_plot(con)
    ini = con.execute("SELECT initiative_id FROM initiatives WHERE stage = $s ORDER BY 1 LIMIT 1",
                      {"s": stage}).fetchone()[0]
    before = dump(con)
    with pytest.raises(ReservationError) as refused:
        reservations.reserve(con, plot_id, ini, actor=BROKER, today=TODAY)
    assert refused.value.key == "reserve.err_building"
    assert "nothing was changed" in refused.value.message("en").lower()
    assert dump(con) == before
