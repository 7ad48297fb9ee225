"""The programme over time: chart data against numbers worked out by hand from the
hand-made history (tests/handmade_history.py), and the CSV/PNG exports."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
import pytest

from gebrookerbos import db
from gebrookerbos.domain import programme
from gebrookerbos.present import programme as programme_view

from .handmade_history import AREA, build

ON_BOTH_STORES = True  # the database tests run on the DuckDB file and on PostgreSQL

END = date(2026, 11, 15)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    path = build(tmp_path_factory.mktemp("programme") / "world.duckdb")
    con = db.connect(path, read_only=True)
    yield con
    con.close()


def test_month_ends():
    assert programme.month_ends(date(2014, 1, 1), date(2014, 3, 10)) == [
        date(2014, 1, 31), date(2014, 2, 28), date(2014, 3, 10)]
    assert programme.month_ends(date(2016, 2, 1), date(2016, 2, 29)) == [date(2016, 2, 29)]
    ends = programme.month_ends(date(2014, 1, 1), END)
    assert len(ends) == 12 * 12 + 11 and ends[-1] == END


def _stages_on(frame: pd.DataFrame, day: date) -> dict[str, int]:
    rows = frame[frame["day"] == day]
    return {s: int(n) for s, n in zip(rows["stage"], rows["initiatives"], strict=True) if n}


@pytest.mark.parametrize("day,expected", [
    (date(2014, 12, 31), {}),
    (date(2015, 3, 31), {"idea": 1}),                      # A
    (date(2016, 4, 30), {"plan": 2}),                      # A plan; B plan (2 events 1 day)
    (date(2017, 9, 30), {"realised": 1, "plan": 1}),       # A realised on the last day
    (date(2018, 7, 31), {"realised": 1, "stopped": 1}),
    (date(2019, 9, 30), {"realised": 1, "stopped": 1, "exploring": 1}),  # C stepped back
    (date(2022, 1, 31), {"realised": 1, "stopped": 1, "in_progress": 1, "idea": 1}),
    (date(2024, 5, 31), {"realised": 2, "stopped": 1, "in_progress": 1, "idea": 1}),
])
def test_initiatives_per_stage_at_month_ends(world, day, expected):
    frame = programme.stages_over_time(world, END)
    assert _stages_on(frame, day) == expected


def test_stages_grid_is_complete(world):
    frame = programme.stages_over_time(world, END)
    assert len(frame) == len(programme.month_ends(date(2014, 1, 1), END)) * 7
    assert list(frame.columns) == ["day", "stage", "initiatives"]


def test_land_in_use_over_time(world):
    frame = programme.land_in_use_over_time(world, END).set_index("day")
    expected = {
        date(2017, 1, 31): (0.0, 0),
        date(2017, 2, 28): (AREA["P1"], 1),                             # 100
        date(2021, 4, 30): (AREA["P1"], 1),
        date(2021, 5, 31): (AREA["P1"] + AREA["P3"], 2),                # 2 100
        date(2023, 1, 31): (AREA["P1"] + AREA["P3"] + AREA["P2"], 3),   # 2 700
        END: (2700.0, 3),
    }
    for day, (area, n) in expected.items():
        assert frame.loc[day, "area_m2"] == pytest.approx(area), day
        assert frame.loc[day, "plots"] == n, day


def test_realised_and_stopped_per_year(world):
    frame = programme.realised_stopped_per_year(world, 2026)
    got = {(int(y), s): int(n) for y, s, n in frame.itertuples(index=False) if n}
    assert got == {(2017, "realised"): 1, (2023, "realised"): 1, (2018, "stopped"): 1}
    assert len(frame) == (2026 - 2014 + 1) * 2


def test_an_initiative_counts_once_per_year(tmp_path):
    path = build(tmp_path / "w.duckdb")
    con = db.connect(path)
    # D realised, stepped back and realised again in 2023
    con.execute("INSERT INTO stage_events (initiative_id, event_date, from_stage, to_stage) "
                "VALUES ('D', DATE '2023-07-01', 'realised', 'in_progress'), "
                "('D', DATE '2023-08-01', 'in_progress', 'realised')")
    frame = programme.realised_stopped_per_year(con, 2026)
    row = frame[(frame["year"] == 2023) & (frame["stage"] == "realised")]
    assert int(row["initiatives"].iloc[0]) == 1
    con.close()


def test_csv_download_has_translated_headers_and_the_same_numbers(world):
    data = programme.chart_data(world, "per_year", END)
    text = programme_view.to_csv("per_year", data, "nl").decode("utf-8-sig")
    frame = pd.read_csv(io.StringIO(text), sep=";")
    assert list(frame.columns) == ["Jaar", "Fase", "Aantal initiatieven"]
    assert frame.loc[(frame["Jaar"] == 2017) & (frame["Fase"] == "Gerealiseerd"),
                     "Aantal initiatieven"].item() == 1
    land = programme_view.to_csv("land", programme.chart_data(world, "land", END), "en")
    frame = pd.read_csv(io.BytesIO(land))
    assert list(frame.columns) == ["Date", "Area in use (m²)", "Plots in use"]
    assert frame["Area in use (m²)"].iloc[-1] == 2700


def test_png_export_renders_offline(world):
    for which in programme.CHARTS:
        png = programme_view.to_png(which, programme.chart_data(world, which, END), "nl")
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert len(png) > 5_000


def test_charts_and_summaries(world):
    stages = programme.chart_data(world, "stages", END)
    spec = programme_view.chart("stages", stages, "en").to_dict()
    assert spec["mark"]["type"] == "area"
    assert spec["encoding"]["y"]["stack"] == "zero"
    assert programme_view.summary("stages", stages, "nl") == (
        "Op 15-11-2026: 5 initiatieven (1 idee, 1 uitvoering, 2 gerealiseerd, 1 gestopt).")
    land = programme.chart_data(world, "land", END)
    assert programme_view.summary("land", land, "en") == "On 15-11-2026, 2,700 m² is in use, on 3 plots."
    assert "2.700 m²" in programme_view.summary("land", land, "nl")
    per_year = programme.chart_data(world, "per_year", END)
    assert programme_view.chart("per_year", per_year, "nl").to_dict()["mark"]["type"] == "bar"
    assert programme_view.summary("per_year", per_year, "nl") == "Sinds 2014: 2 gerealiseerd, 1 gestopt."
    with pytest.raises(ValueError):
        programme.chart_data(world, "pie", END)
