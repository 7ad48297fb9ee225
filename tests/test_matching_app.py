"""Matching on the page Kavels (AppTest): the explanation a broker reads, for the plots shown."""

from __future__ import annotations

import pytest

from gebrookerbos import db
from gebrookerbos.present import plot_tables
from tests import ROOT

PAGE = "pages/kavels.py"
WHY = "Waarom deze kavel"


def _table(at):
    return next(d.value for d in at.dataframe if "Voorzieningen" in d.value.columns)


def _match_on(at, min_area: int):
    at.toggle(key="match").set_value(True).run()
    at.number_input(key="need_area_min").set_value(min_area)
    at.multiselect(key="need_facility").set_value(["water"])
    at.multiselect(key="hard").set_value([]).run()  # nothing hard: every plot is listed
    assert not at.exception, at.exception
    return at


def test_the_selected_plot_is_explained_as_in_the_table(app, con):
    (median,) = con.execute("SELECT median(area_m2) FROM plots").fetchone()
    app.switch_page(PAGE)
    at = _match_on(app.run(), round(median))
    table = _table(at)
    assert len(table) == db.fetch_value(con, "plot_count")
    why = dict(zip(table["Kavelnummer"], table[WHY], strict=True))
    small, water = con.execute(
        "SELECT plot_id, has_water FROM plots WHERE area_m2 < $m ORDER BY plot_id LIMIT 1",
        {"m": round(median)}).fetchone()
    assert "is te klein" in why[small]
    assert ("water aanwezig" if water else "geen water") in why[small]
    at.selectbox(key="plot").set_value(small).run()
    said = [m.value for m in at.markdown if m.value.startswith(f"**{WHY}**")]
    assert len(said) == 1 and said[0].endswith(why[small])


@pytest.fixture()
def many_plots_app(tmp_path, monkeypatch):
    """The app on a database with more plots than the table shows."""
    from streamlit.testing.v1 import AppTest

    from bench.map_scale import build_database

    path = tmp_path / "many.duckdb"
    build_database(path, plot_tables.TABLE_MAX_ROWS + 300, tmp_path)
    monkeypatch.setenv("GEBROOKERBOS_DB", str(path))
    monkeypatch.chdir(ROOT)
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)


def test_the_table_shows_the_first_matches_each_explained(many_plots_app):
    n = plot_tables.TABLE_MAX_ROWS + 300
    many_plots_app.switch_page(PAGE)
    at = _match_on(many_plots_app.run(), 10_000)
    table = _table(at)
    assert len(table) == plot_tables.TABLE_MAX_ROWS
    assert list(table["Nr."]) == list(range(1, plot_tables.TABLE_MAX_ROWS + 1))
    assert all(w.startswith(("Voldoet aan:", "Mist:")) and "oppervlakte" in w
               for w in table[WHY])
    assert any(f"{plot_tables.TABLE_MAX_ROWS} van {n}" in c.value for c in at.caption)
