"""The broker's plot search: every filter against plain SQL on the demo data."""

from __future__ import annotations

from datetime import date

import pytest

from gebrookerbos.domain import plot_search
from gebrookerbos.domain.plot_search import PlotSearch, add_months

TODAY = date(2026, 11, 28)


def _ids(con, where: str, params: dict | None = None) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT p.plot_id FROM plots p LEFT JOIN neighbourhoods b ON b.code = p.buurt_code "
        f"WHERE {where} ORDER BY p.plot_id", params or {}).fetchall()]


@pytest.mark.parametrize(("search", "where", "params"), [
    (PlotSearch(), "true", {}),
    (PlotSearch(owner_types=("housing_corporation", "private")),
     "p.owner_type IN ('housing_corporation', 'private')", {}),
    (PlotSearch(zonings=("groen",)), "p.zoning = 'groen'", {}),
    (PlotSearch(soils=("clean", "unknown")), "p.soil IN ('clean', 'unknown')", {}),
    (PlotSearch(availabilities=("available",)), "p.availability = 'available'", {}),
    (PlotSearch(water=True, car_access=True), "p.has_water AND p.has_car_access", {}),
    (PlotSearch(electricity=True), "p.has_electricity", {}),
    (PlotSearch(min_area=1000, max_area=3000), "p.area_m2 BETWEEN 1000 AND 3000", {}),
])
def test_filters_match_plain_sql(ro_con, search, where, params):
    found = list(plot_search.search_plots(ro_con, search, TODAY)["plot_id"])
    expected = _ids(ro_con, where, params)
    assert found == expected
    assert 0 < len(found)


def test_wijk_and_buurt(ro_con):
    wijk, buurt = ro_con.execute(
        "SELECT b.wijk_code, p.buurt_code FROM plots p JOIN neighbourhoods b "
        "ON b.code = p.buurt_code GROUP BY ALL ORDER BY count(*) DESC LIMIT 1").fetchone()
    assert list(plot_search.search_plots(ro_con, PlotSearch(wijk=wijk), TODAY)["plot_id"]) == \
        _ids(ro_con, "b.wijk_code = $w", {"w": wijk})
    assert list(plot_search.search_plots(ro_con, PlotSearch(buurt=buurt), TODAY)["plot_id"]) == \
        _ids(ro_con, "p.buurt_code = $b", {"b": buurt})


def test_window_by_hand_on_the_demo_data(ro_con):
    """Free at D for N months, computed by a separate route: Python over plain rows."""
    start, months = date(2027, 6, 1), 36
    until = date(2030, 6, 1)
    plots = ro_con.execute(
        "SELECT plot_id, availability, available_from, available_until FROM plots").fetchall()
    # holding: linked to an initiative at exploring up to realised, whatever the end date
    # (an agreement that has ended still holds the plot until the broker releases it)
    holds: dict[str, list] = {}
    for pid, end in ro_con.execute(
        "SELECT ip.plot_id, ip.agreement_end FROM initiative_plots ip JOIN initiatives i "
        "USING (initiative_id) WHERE i.stage IN ('exploring', 'plan', 'approved', "
        "'in_progress', 'realised')").fetchall():
        holds.setdefault(pid, []).append(end)
    expected = []
    for pid, availability, frm, unt in plots:
        ends = holds.get(pid, [])
        if availability == "unavailable":
            continue
        if ends and (None in ends or max(ends) >= start):
            continue
        if not ends and availability != "available":
            continue
        if (frm is None or frm <= start) and (unt is None or unt >= until):
            expected.append(pid)
    found = plot_search.search_plots(ro_con, PlotSearch(free_from=start, free_months=months),
                                     TODAY)
    assert sorted(found["plot_id"]) == sorted(expected)


def test_add_months_keeps_the_day_or_the_month_end():
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2027, 11, 15), 3) == date(2028, 2, 15)
    assert add_months(date(2027, 5, 1), 0) == date(2027, 5, 1)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


def test_sorting_uses_an_allow_list(ro_con):
    rows = plot_search.search_plots(ro_con, PlotSearch(), TODAY)
    by_area = plot_search.sort_plots(rows, "area_m2", descending=True)
    assert list(by_area["area_m2"]) == sorted(rows["area_m2"], reverse=True)
    with pytest.raises(ValueError):
        plot_search.sort_plots(rows, "geojson; DROP TABLE plots")
    assert plot_search.zoning_values(ro_con) == sorted(
        r[0] for r in ro_con.execute("SELECT DISTINCT zoning FROM plots WHERE zoning IS NOT NULL")
        .fetchall())
