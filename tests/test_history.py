"""The state of plots and initiatives at a date, from a hand-made history whose answers are
worked out by hand (see tests/handmade_history.py)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from gebrookerbos import db
from gebrookerbos.domain import history, plot_filter
from gebrookerbos.present import history as history_view

from .actors import BROKER, POLICY_OFFICER, PUBLIC
from .handmade_history import build, d

ON_BOTH_STORES = True  # the database tests run on the DuckDB file and on PostgreSQL


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    path = build(tmp_path_factory.mktemp("history") / "world.duckdb")
    con = db.connect(path, read_only=True)
    yield con
    con.close()


def state(con, day: str) -> dict[str, dict]:
    frame = history.plot_state_at(con, d(day))
    return {r["plot_id"]: r for r in frame.to_dict("records")}


def _stage(row) -> str | None:
    s = row["stage"]
    return s if isinstance(s, str) else None


def test_before_anything_happened_only_the_first_list_of_plots_exists(world):
    s = state(world, "2014-06-30")
    # P4 has no history and P5 entered the programme in 2020: neither is shown
    assert set(s) == {"P1", "P2", "P3"}
    assert {p: r["availability"] for p, r in s.items()} == {
        "P1": "available", "P2": "available", "P3": "unavailable"}
    assert all(_stage(r) is None for r in s.values())


def test_the_day_before_the_first_event_the_plot_is_not_there(world):
    assert "P5" not in state(world, "2020-05-31")
    assert "P5" in state(world, "2020-06-01")


def test_several_events_on_one_day_the_last_one_counts(world):
    # B went idea -> exploring -> plan on 2016-04-01; P2 was reserved that day
    s = state(world, "2016-04-01")
    assert s["P2"]["initiative_id"] == "B"
    assert s["P2"]["stage"] == "plan"
    assert s["P2"]["progress"] == 35
    assert s["P2"]["availability"] == "reserved"
    # P5 became available and unavailable again on 2020-06-01
    assert state(world, "2020-06-01")["P5"]["availability"] == "unavailable"
    assert state(world, "2021-01-01")["P5"]["availability"] == "available"


def test_the_day_before_a_change_shows_the_old_state(world):
    s = state(world, "2016-03-31")
    assert s["P2"]["initiative_id"] == "B"
    assert s["P2"]["stage"] == "idea"
    assert s["P2"]["availability"] == "available"
    assert s["P1"]["stage"] == "plan"  # A: plan since 2016-01-15, approved 2016-05-01
    assert s["P1"]["availability"] == "reserved"


def test_an_initiative_that_starts_after_the_date_does_not_exist_yet(world):
    s = state(world, "2018-12-31")
    # C starts in 2019: P3 was available then, without an initiative
    assert s["P3"]["availability"] == "available"
    assert _stage(s["P3"]) is None and pd.isna(s["P3"]["initiative_id"])
    # D starts in 2022: P2 still shows B, stopped
    assert s["P2"]["initiative_id"] == "B" and s["P2"]["stage"] == "stopped"
    assert s["P2"]["progress"] == 0
    ids = set(history.initiative_stages_at(world, d("2018-12-31"))["initiative_id"])
    assert ids == {"A", "B"}


def test_a_step_back_is_the_state_after_it(world):
    assert state(world, "2019-08-31")["P3"]["stage"] == "plan"
    s = state(world, "2019-09-01")
    assert s["P3"]["stage"] == "exploring"
    assert s["P3"]["progress"] == 15
    assert s["P3"]["availability"] == "reserved"


def test_a_new_initiative_on_a_released_plot_comes_before_the_stopped_one(world):
    s = state(world, "2022-01-31")
    assert s["P2"]["initiative_id"] == "D" and s["P2"]["stage"] == "idea"
    assert s["P2"]["availability"] == "available"
    s = state(world, "2022-02-01")
    assert s["P2"]["stage"] == "exploring" and s["P2"]["availability"] == "reserved"


def test_today_the_history_equals_the_current_state(world):
    s = state(world, date.today().isoformat())
    current = world.execute("SELECT plot_id, availability FROM plots").fetchall()
    for plot_id, availability in current:
        if plot_id == "P4":  # no history
            assert plot_id not in s
        else:
            assert s[plot_id]["availability"] == availability
    assert s["P2"]["initiative_id"] == "D" and s["P2"]["stage"] == "realised"
    assert s["P3"]["stage"] == "in_progress"
    assert history.plots_without_history(world) == 1


def test_demo_history_at_today_matches_the_current_map(ro_con):
    now = history.plot_state_at(ro_con, date.today())
    current = plot_filter.filtered_plots(ro_con)
    merged = current.merge(now, on="plot_id", suffixes=("", "_then"))
    assert len(merged) == len(current)  # every demo plot has a history
    for col in ("availability", "initiative_id", "stage", "theme"):
        assert (merged[col].fillna("-") == merged[f"{col}_then"].fillna("-")).all(), col


def test_explicit_progress_only_counts_in_the_current_stage(tmp_path):
    path = build(tmp_path / "w.duckdb")
    con = db.connect(path)
    con.execute("UPDATE initiatives SET progress = 90, progress_explicit = true "
                "WHERE initiative_id = 'C'")
    assert state(con, "2021-06-01")["P3"]["progress"] == 90  # in_progress since 2021-05-01
    assert state(con, "2020-04-01")["P3"]["progress"] == 55  # approved then
    con.close()


def test_apply_state_replaces_the_columns_and_filters_on_the_past(world):
    base = plot_filter.filtered_plots(world)
    assert len(base) == 5
    then = history.plot_state_at(world, d("2018-12-31"))
    shown = history.apply_state(base, then)
    assert list(shown.columns) == list(base.columns)
    assert set(shown["plot_id"]) == {"P1", "P2", "P3"}
    row = shown.set_index("plot_id").loc["P2"]
    assert row["availability"] == "available" and row["stage"] == "stopped"
    assert row["initiative_title"] == "Moestuin B"
    # geometry and names are kept
    assert row["geojson"] == base.set_index("plot_id").loc["P2", "geojson"]
    only_available = history.apply_state(base, then, availabilities=("available",))
    assert set(only_available["plot_id"]) == {"P2", "P3"}
    without_initiative = history.apply_state(base, then, stages=("none",))
    assert set(without_initiative["plot_id"]) == {"P3"}
    nature = history.apply_state(base, then, themes=("nature",))
    assert set(nature["plot_id"]) == {"P1"}


def test_play_dates_step_through_the_years():
    today = date(2017, 6, 15)
    assert history.play_dates(today) == [
        date(2014, 1, 1), date(2015, 1, 1), date(2016, 1, 1), date(2017, 1, 1), today]
    assert history.next_play_date(today, today) == date(2014, 1, 1)  # start over
    assert history.next_play_date(date(2014, 1, 1), today) == date(2015, 1, 1)
    assert history.next_play_date(date(2016, 3, 3), today) == date(2017, 1, 1)
    assert history.next_play_date(date(2017, 1, 1), today) == today
    assert history.play_dates(date(2020, 1, 1))[-1] == date(2020, 1, 1)


def test_long_date_in_both_languages():
    assert history_view.long_date(date(2018, 1, 1), "nl") == "1 januari 2018"
    assert history_view.long_date(date(2021, 5, 31), "en") == "31 May 2021"


def test_timeline_segments_from_event_to_next_event(world):
    events = history.stage_events(world, "C")
    seg = history.timeline_segments(events, date(2026, 1, 1))
    assert list(seg["stage"]) == [
        "idea", "exploring", "plan", "exploring", "plan", "approved", "in_progress"]
    assert seg.iloc[0]["start"] == date(2019, 1, 1) and seg.iloc[0]["end"] == date(2019, 3, 1)
    assert seg.iloc[-1]["end"] == date(2026, 1, 1) and bool(seg.iloc[-1]["current"])
    assert not seg.iloc[:-1]["current"].any()


def test_timeline_collapses_several_events_on_one_day(world):
    seg = history.timeline_segments(history.stage_events(world, "B"), date(2026, 1, 1))
    assert list(seg["stage"]) == ["idea", "plan", "stopped"]
    assert seg.iloc[1]["start"] == date(2016, 4, 1)


@pytest.mark.parametrize("actor", [PUBLIC, POLICY_OFFICER])
def test_who_and_notes_never_leave_the_database_for_the_public(world, actor):
    stage_ev = history.stage_events(world, "A", actor=actor)
    plot_ev = history.plot_events(world, "A", actor=actor)
    for events in (stage_ev, plot_ev):
        assert not {"by_whom", "note"} & set(events.columns)
        assert "bea" not in events.to_string()
    public = history_view.history_table(stage_ev, plot_ev, "nl")
    assert list(public.columns) == ["Datum", "Soort", "Wijziging"]
    assert len(public) == 6 + 2
    # in date order; the plot reservation on 2015-06-01 follows the stage change that day
    assert list(public["Datum"]) == sorted(public["Datum"])
    day = public[public["Datum"] == date(2015, 6, 1)]
    assert list(day["Soort"]) == ["Fase", "Kavel"]
    assert "Beschikbaar → In optie" in day.iloc[1]["Wijziging"]


def test_staff_see_who_made_each_change(world):
    staff = history_view.history_table(history.stage_events(world, "A", actor=BROKER),
                                       history.plot_events(world, "A", actor=BROKER), "en")
    assert list(staff.columns) == ["Date", "Kind", "Change", "By", "Note"]
    assert set(staff["By"]) == {"bea"}
    assert len(staff) == 6 + 2


def test_timeline_chart_has_a_bar_per_period(world):
    seg = history.timeline_segments(history.stage_events(world, "A"), date(2026, 1, 1))
    spec = history_view.timeline_chart(seg, "nl").to_dict()
    assert spec["mark"]["type"] == "bar"
    data = pd.DataFrame(next(iter(spec["datasets"].values())))
    assert list(data["label"]) == ["Idee", "Verkenning", "Plan", "Akkoord", "Uitvoering",
                                   "Gerealiseerd"]
