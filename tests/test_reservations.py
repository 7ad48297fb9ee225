"""Reserving (in optie) and releasing plots: one active initiative per plot, all or nothing."""

from __future__ import annotations

import json
from datetime import date

import pytest

from gebrookerbos import db
from gebrookerbos.services import reservations
from gebrookerbos.services.reservations import ReservationError

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
        "SELECT initiative_id, title FROM initiatives WHERE stage IN ('idea', 'exploring') "
        "ORDER BY initiative_id LIMIT $n", {"n": n}).fetchall()


def test_reservation_links_marks_records_and_audits(con):
    plot_id, version = free_plot(con)
    (ini, _), _ = active_initiatives(con)
    events_before = con.execute("SELECT count(*) FROM plot_events").fetchone()[0]
    new_version = reservations.reserve(con, plot_id, ini, by="bea", note="Bezichtiging op 3/12",
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
    reservations.reserve(con, plot_id, first, by="bea", today=TODAY)
    before = dump(con)
    with pytest.raises(ReservationError) as refused:
        reservations.reserve(con, plot_id, second, by="bea", today=TODAY)
    assert dump(con) == before
    message = refused.value.message("nl")
    assert first_title in message and "niets veranderd" in message
    assert "two active initiatives" in str(refused.value)
    # the same initiative again: refused too, nothing changed
    with pytest.raises(ReservationError):
        reservations.reserve(con, plot_id, first, by="bea", today=TODAY)
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
        reservations.reserve(con, plot_id, ini, by="bea", today=TODAY)
    assert holder in refused.value.message("en")
    assert dump(con) == before


@pytest.mark.parametrize("case", ["stopped", "unknown_plot", "unknown_initiative", "stale",
                                  "unavailable"])
def test_refusals_change_nothing(con, case):
    plot_id, version = free_plot(con)
    (ini, _), _ = active_initiatives(con)
    kwargs = {"by": "bea", "today": TODAY}
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
    reservations.reserve(con, plot_id, ini, by="bea", today=TODAY)
    # another initiative cannot release it
    before = dump(con)
    with pytest.raises(ReservationError):
        reservations.release(con, plot_id, other, by="bea", today=TODAY)
    assert dump(con) == before
    reservations.release(con, plot_id, ini, by="bea", note="Past toch niet", today=TODAY)
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
    reservations.reserve(con, plot_id, other, by="bea", today=TODAY)
    assert db.fetch_df(con, "active_holders_of_plot", plot_id=plot_id,
                       today=TODAY)["initiative_id"].tolist() == [other]


def test_a_race_between_two_sessions_leaves_one_reservation(db_file):
    """Two sessions (connections to one database) reserve the same plot for different
    initiatives, the second after it read the old version: one wins, one is refused."""
    first = db.connect(db_file)
    try:
        second = first.cursor()
        plot_id, version = free_plot(first)
        (a, _), (b, _) = active_initiatives(first)
        reservations.reserve(first, plot_id, a, by="bea", today=TODAY, expected_version=version)
        before = dump(second)
        with pytest.raises(ReservationError):
            reservations.reserve(second, plot_id, b, by="ruud", today=TODAY,
                                 expected_version=version)
        assert dump(second) == before
        assert first.execute("SELECT count(*) FROM initiative_plots WHERE plot_id = $p",
                             {"p": plot_id}).fetchone()[0] == 1
    finally:
        first.close()
