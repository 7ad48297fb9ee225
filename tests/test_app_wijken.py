"""The Wijken page in-process with AppTest, on a real demo database."""

from __future__ import annotations

import pandas as pd

from tests.actors import session_user

PERSONAL = ("contact_name", "contact_email", "contact_phone")


def _texts(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [str(x.value) for x in at.info] + [t.value for t in at.title]
    parts += [s.value for s in at.subheader] + [h.value for h in at.header]
    return "\n".join(parts)


def _frame(at, column: str, without: str | None = None):
    """The first table on the page with ``column`` (and without ``without``)."""
    for element in at.dataframe:
        cols = element.value.columns
        if column in cols and (without is None or without not in cols):
            return element
    raise AssertionError(f"no table with column {column!r}")


def _open(app):
    at = app.switch_page("pages/wijken.py").run()
    assert not at.exception, at.exception
    return at


def _busiest_wijk(con) -> str:
    return con.execute(
        "SELECT b.wijk_code FROM initiative_plots ip JOIN plots p USING (plot_id) "
        "JOIN neighbourhoods b ON b.code = p.buurt_code GROUP BY 1 ORDER BY count(*) DESC, 1 "
        "LIMIT 1").fetchone()[0]


def test_page_shows_map_choices_and_the_table_of_all_areas(app, con):
    at = _open(app)
    assert at.title[0].value == "Wijken en buurten"
    assert at.sidebar.radio(key="wk_level").value == "buurt"
    table = _frame(at, "Niveau").value
    n_areas = con.execute("SELECT count(*) FROM neighbourhoods").fetchone()[0]
    assert len(table) == n_areas
    rows = table.set_index("CBS-code")
    # every CBS figure is credited with the table and year
    assert rows.loc["BU09171000", "Bron CBS-cijfers"] == "Bron: CBS, Kerncijfers wijken en buurten, 2020"
    assert rows.loc["WK091710", "Bron CBS-cijfers"] == (
        "Bron: CBS, Kerncijfers wijken en buurten (85984NED), 2024")
    # unknown stays unknown (shown as "onbekend" by the table's placeholder), never 0
    assert pd.isna(rows.loc["BU09173002", "Bevolkingsdichtheid (inw. per km² land)"])
    assert rows.loc["BU09173002", "Huishoudens (aantal)"] == 0  # a real 0 stays 0
    assert _frame(at, "Niveau").proto.placeholder == "onbekend"
    # the figures are the CBS ones
    inh = con.execute("SELECT value FROM neighbourhood_figures WHERE region_code = 'BU09171000' "
                      "AND year = 2020 AND variable = 'Bevolking_Aantal_inwoners'").fetchone()[0]
    assert rows.loc["BU09171000", "Inwoners (aantal)"] == inh
    texts = _texts(at)
    assert "Bron: CBS, Kerncijfers wijken en buurten, 2020" in texts  # the map's source
    assert "Kadaster / Centraal Bureau voor de Statistiek (CBS), 2024" in texts  # attribution
    assert "Fictieve demodata" in texts


def test_switching_to_wijken_and_indicators(app):
    at = _open(app)
    at.sidebar.radio(key="wk_level").set_value("wijk").run()
    at.sidebar.selectbox(key="wk_indicator").set_value("population_change").run()
    assert not at.exception
    assert "Bron: CBS, Kerncijfers wijken en buurten, 2016 en 2020" in _texts(at)
    at.sidebar.selectbox(key="wk_indicator").set_value("m2_in_use_per_1000").run()
    at.sidebar.radio(key="wk_scheme").set_value("quantiles").run()
    assert not at.exception
    assert "Gebrookerbos (demodata)" in _texts(at)
    at.sidebar.selectbox(key="wk_year_wijk").set_value(2016).run()
    assert not at.exception
    table = _frame(at, "Niveau").value.set_index("CBS-code")
    assert table.loc["WK091712", "Jaar CBS-cijfers"] == 2016
    assert table.loc["WK091712", "Bron CBS-cijfers"] == "Bron: CBS, Kerncijfers wijken en buurten, 2016"


def test_drill_down_shows_buurten_plots_and_initiatives_without_personal_data(app, con):
    wijk = _busiest_wijk(con)
    at = _open(app)
    at.selectbox(key="wk_drill").set_value(wijk).run()
    assert not at.exception
    name = con.execute("SELECT name FROM neighbourhoods WHERE code = $c", {"c": wijk}).fetchone()[0]
    texts = _texts(at)
    assert name in texts and "Buurten in deze wijk" in texts and "Cijfers door de tijd" in texts
    buurten = _frame(at, "CBS-code", without="Niveau").value
    expected = {r[0] for r in con.execute(
        "SELECT code FROM neighbourhoods WHERE level = 'buurt' AND wijk_code = $w", {"w": wijk}
    ).fetchall()}
    assert set(buurten["CBS-code"]) == expected
    frames = [d.value for d in at.dataframe]
    plot_ids = {r[0] for r in con.execute(
        "SELECT plot_id FROM plots p JOIN neighbourhoods b ON b.code = p.buurt_code "
        "WHERE b.wijk_code = $w", {"w": wijk}).fetchall()}
    plot_table = next(f for f in frames if "Kavelnummer" in f.columns)
    assert set(plot_table["Kavelnummer"]) == plot_ids
    titles = {r[0] for r in con.execute(
        "SELECT DISTINCT i.title FROM initiatives i JOIN initiative_plots USING (initiative_id) "
        "JOIN plots p USING (plot_id) JOIN neighbourhoods b ON b.code = p.buurt_code "
        "WHERE b.wijk_code = $w", {"w": wijk}).fetchall()}
    init_table = next(f for f in frames if "Fase" in f.columns and "Thema" in f.columns)
    assert set(init_table["Initiatief"]) == titles
    # four trend charts (inhabitants, share 65+, households, density)
    assert len(at.get("vega_lite_chart")) == 4
    # the public sees no personal data
    personal = con.execute(
        "SELECT DISTINCT contact_name, contact_email, contact_phone FROM initiatives i "
        "JOIN initiative_plots USING (initiative_id) JOIN plots p USING (plot_id) "
        "JOIN neighbourhoods b ON b.code = p.buurt_code WHERE b.wijk_code = $w", {"w": wijk}
    ).fetchall()
    shown = "\n".join(f.to_csv() for f in frames) + texts
    for row in personal:
        for value in row:
            if value:
                assert value not in shown
    assert "Contactpersoon" not in init_table.columns


def test_logged_in_users_see_the_initiators(app, con):
    wijk = _busiest_wijk(con)
    at = app
    at.session_state["user"] = session_user("brooker")
    at = _open(at)
    at.selectbox(key="wk_drill").set_value(wijk).run()
    assert not at.exception
    frames = [d.value for d in at.dataframe]
    init_table = next(f for f in frames if "Fase" in f.columns and "Thema" in f.columns)
    names = {r[0] for r in con.execute(
        "SELECT DISTINCT contact_name FROM initiatives i JOIN initiative_plots USING (initiative_id) "
        "JOIN plots p USING (plot_id) JOIN neighbourhoods b ON b.code = p.buurt_code "
        "WHERE b.wijk_code = $w", {"w": wijk}).fetchall()}
    assert set(init_table["Contactpersoon"]) == names


def test_compare_two_areas_side_by_side(app):
    at = _open(app)
    assert "Kies twee of meer gebieden" in _texts(at)
    at.multiselect(key="wk_compare").set_value(["WK091712", "BU09171000"]).run()
    assert not at.exception
    frames = [d.value for d in at.dataframe]
    compare = next(f for f in frames if "Wijk 12 Hoensbroek-De Dem" in f.columns)
    assert list(compare.columns) == ["Wijk 12 Hoensbroek-De Dem", "Maria Gewanden"]
    assert compare.loc["Inwoners (aantal)", "Maria Gewanden"] == "3.460"
    assert compare.loc["Jaar CBS-cijfers", "Wijk 12 Hoensbroek-De Dem"] == "2024"
    assert len(at.get("vega_lite_chart")) == 1


def test_english(app):
    app.session_state["lang"] = "en"
    at = _open(app)
    assert at.title[0].value == "Wijken and buurten"
    assert "Inhabitants (number)" in _frame(at, "Level").value.columns
