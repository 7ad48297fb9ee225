"""Shareable views: the page Kavels restores its filters, needs and selection from the URL.

Opening a URL is simulated with AppTest by setting the query parameters before the first
run; the browser test (test_browser_kavels.py) checks that the URL follows the widgets.
"""

from __future__ import annotations

from datetime import date

import pytest

from gebrookerbos import db
from gebrookerbos.domain import plot_filter
from tests.actors import session_user

PAGE = "pages/kavels.py"


def _open(app, params: dict, user: dict | None = None):
    app.switch_page(PAGE)
    app.query_params.update(params)
    if user:
        app.session_state["user"] = user
    at = app.run()
    assert not at.exception, at.exception
    return at


def _texts(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [s.value for s in at.subheader] + [str(x.value) for x in at.info]
    return "\n".join(parts)


def results(at):
    """The table of found plots (the one with the facilities column)."""
    return next(d.value for d in at.dataframe if "Voorzieningen" in d.value.columns)


def _table_ids(at) -> list[str]:
    return list(results(at)["Kavelnummer"])


def test_filters_come_back_from_the_url(app, con):
    wijk = con.execute("SELECT b.wijk_code FROM plots p JOIN neighbourhoods b ON "
                       "b.code = p.buurt_code GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
                       ).fetchone()[0]
    at = _open(app, {"wijk": wijk, "availability": ["available", "reserved"],
                     "owner": ["municipality"], "area_min": "200", "area_max": "6000"})
    assert at.selectbox(key="wijk").value == wijk
    assert at.multiselect(key="availability").value == ["available", "reserved"]
    assert at.multiselect(key="owner").value == ["municipality"]
    assert (at.number_input(key="area_min").value, at.number_input(key="area_max").value) == (
        200, 6000)
    expected = [r[0] for r in con.execute(
        "SELECT p.plot_id FROM plots p JOIN neighbourhoods b ON b.code = p.buurt_code "
        "WHERE b.wijk_code = $w AND p.availability IN ('available', 'reserved') "
        "AND p.owner_type = 'municipality' AND p.area_m2 BETWEEN 200 AND 6000 ORDER BY 1",
        {"w": wijk}).fetchall()]
    assert expected
    total = db.fetch_value(con, "plot_count")
    assert f"{len(expected)} van {total} kavels" in _texts(at)
    assert _table_ids(at) == expected


def test_window_and_sort_come_back_from_the_url(app, con):
    at = _open(app, {"free_from": "2027-06-01", "months": "24", "sort": "area_m2",
                     "desc": "true"})
    assert at.date_input(key="free_from").value == date(2027, 6, 1)
    assert at.number_input(key="months").value == 24
    assert at.selectbox(key="sort").value == "area_m2" and at.toggle(key="desc").value
    free = plot_filter.filtered_plots(
        con, plot_filter.PlotFilter(free_from=date(2027, 6, 1), free_months=24))
    expected = list(free.sort_values(["area_m2", "plot_id"], ascending=[False, True])["plot_id"])
    assert _table_ids(at) == expected


def test_selected_plot_comes_back_from_the_url(app, con):
    plot_id, name = con.execute("SELECT plot_id, name FROM plots ORDER BY area_m2 DESC "
                                "LIMIT 1").fetchone()
    at = _open(app, {"plot": plot_id})
    assert at.selectbox(key="plot").value == plot_id
    assert name in [s.value for s in at.subheader]


def test_matching_needs_come_back_from_the_url(app, con):
    at = _open(app, {"match": "true", "need_area_min": "1000", "need_area_max": "2000",
                     "need_facility": ["water"], "hard": ["area"]})
    assert at.toggle(key="match").value
    assert at.number_input(key="need_area_min").value == 1000
    assert at.multiselect(key="need_facility").value == ["water"]
    assert at.multiselect(key="hard").value == ["area"]
    # only the area is hard: exactly the plots of 1000-2000 m2, those with water first
    rows = con.execute("SELECT plot_id, has_water FROM plots WHERE area_m2 BETWEEN 1000 AND "
                       "2000 ORDER BY has_water DESC, plot_id").fetchall()
    assert _table_ids(at) == [r[0] for r in rows]
    table = results(at)
    assert set(table["Score"]) == {100, round(100 * 25 / 33)}  # area 25 + water 8 by hand


def test_an_initiative_in_the_url_brings_its_stored_needs(app, con):
    ini, lo, hi, months = con.execute(
        "SELECT initiative_id, need_min_area_m2, need_max_area_m2, need_duration_months "
        "FROM initiatives WHERE stage = 'exploring' AND need_min_area_m2 IS NOT NULL AND "
        "need_duration_months IS NOT NULL ORDER BY 1 LIMIT 1").fetchone()
    at = _open(app, {"match": "true", "initiative": ini})
    assert at.selectbox(key="initiative").value == ini
    assert at.number_input(key="need_area_min").value == round(lo)
    assert at.number_input(key="need_area_max").value == round(hi)
    assert at.number_input(key="need_months").value == months


@pytest.mark.parametrize("params", [{"wijk": "WK000000"}, {"plot": "KV-9999"},
                                    {"availability": ["gratis"]}, {"view": "kaart"}])
def test_nonsense_in_the_url_is_ignored(app, con, params):
    at = _open(app, params)
    total = db.fetch_value(con, "plot_count")
    assert f"{total} van {total} kavels" in _texts(at)


def test_the_view_comes_back_from_the_url(app):
    at = _open(app, {"view": "pipeline", "ending_months": "6"},
               user=session_user("brooker"))
    assert at.radio(key="view").value == "pipeline"
    assert at.number_input(key="ending_months").value == 6
    assert "Pipeline van initiatieven" in _texts(at)


def test_encode_and_decode_round_trip():
    from gebrookerbos.present.url_state import Kind, Param, decode, encode, valid

    params = [Param("wijk", Kind.TEXT), Param("owner", Kind.TEXTS, []),
              Param("hard", Kind.TEXTS, ["area"]), Param("months", Kind.INT),
              Param("from", Kind.DATE), Param("match", Kind.BOOL, False),
              Param("view", Kind.TEXT, "search"), Param("ending", Kind.INT, 12)]
    state = {"wijk": "WK091711", "owner": ["municipality", "private"], "hard": [],
             "months": 24, "from": date(2027, 3, 1), "match": True, "view": "search",
             "ending": 12}
    query = encode(state, params)
    # defaults are left out; an emptied list with a non-empty default is kept as ""
    assert query == {"wijk": ["WK091711"], "owner": ["municipality", "private"], "hard": [""],
                     "months": ["24"], "from": ["2027-03-01"], "match": ["true"]}
    back = decode(query, params)
    assert back == {k: v for k, v in state.items() if k not in ("view", "ending")}
    # what cannot be read is left out (the page then uses its default)
    assert decode({"months": ["many"], "from": ["31-02-2027"], "match": ["misschien"]},
                  params) == {}
    assert valid(["municipality", "castle"], ["municipality", "private"], Kind.TEXTS, []) == [
        "municipality"]
    assert valid("WK0", ["WK091711"], Kind.TEXT, None) is None


def test_round_trip_widgets_to_url_to_a_new_session(app, con):
    at = _open(app, {})
    wijk = con.execute("SELECT b.wijk_code FROM plots p JOIN neighbourhoods b ON "
                       "b.code = p.buurt_code GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
                       ).fetchone()[0]
    at.sidebar.selectbox(key="wijk").set_value(wijk)
    at.sidebar.multiselect(key="soil").set_value(["clean", "unknown"])
    at.sidebar.date_input(key="free_from").set_value(date(2027, 1, 1)).run()
    shown = _table_ids(at)
    at.selectbox(key="plot").set_value(shown[0]).run()
    written = {k: at.query_params[k] for k in at.query_params}
    # codes, not labels; only what differs from the default
    assert written == {"wijk": wijk, "soil": ["clean", "unknown"], "free_from": "2027-01-01",
                       "plot": shown[0]}
    # a new session (a fresh browser) opens that URL
    from streamlit.testing.v1 import AppTest

    fresh = AppTest.from_file(str(app._script_path), default_timeout=60)
    again = _open(fresh, written)
    assert again.selectbox(key="wijk").value == wijk
    assert again.multiselect(key="soil").value == ["clean", "unknown"]
    assert again.date_input(key="free_from").value == date(2027, 1, 1)
    assert again.selectbox(key="plot").value == shown[0]
    assert _table_ids(again) == shown
