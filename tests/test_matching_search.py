"""The plot filter of the map and the broker's search: every filter against plain SQL on the
demo data."""

from __future__ import annotations

from datetime import date

import pytest

from gebrookerbos.domain import plot_filter
from gebrookerbos.domain.plot_filter import PlotFilter, add_months

ON_BOTH_STORES = True  # the database tests run on the DuckDB file and on PostgreSQL


def _ids(con, where: str, params: dict | None = None) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT p.plot_id FROM plots p LEFT JOIN neighbourhoods b ON b.code = p.buurt_code "
        f"WHERE {where} ORDER BY p.plot_id", params or {}).fetchall()]


@pytest.mark.parametrize(("search", "where", "params"), [
    (PlotFilter(), "true", {}),
    (PlotFilter(owner_types=("housing_corporation", "private")),
     "p.owner_type IN ('housing_corporation', 'private')", {}),
    (PlotFilter(zonings=("groen",)), "p.zoning = 'groen'", {}),
    (PlotFilter(soils=("clean", "unknown")), "p.soil IN ('clean', 'unknown')", {}),
    (PlotFilter(availabilities=("available",)), "p.availability = 'available'", {}),
    (PlotFilter(water=True, car_access=True), "p.has_water AND p.has_car_access", {}),
    (PlotFilter(electricity=True), "p.has_electricity", {}),
    (PlotFilter(min_area=1000, max_area=3000), "p.area_m2 BETWEEN 1000 AND 3000", {}),
    # the map's filters, in the same query: 'none' = no initiative at all
    (PlotFilter(stages=("none",)),
     "NOT EXISTS (SELECT 1 FROM initiative_plots ip WHERE ip.plot_id = p.plot_id)", {}),
    (PlotFilter(stages=("none",), soils=("clean",), water=True),
     "p.soil = 'clean' AND p.has_water AND NOT EXISTS ("
     "SELECT 1 FROM initiative_plots ip WHERE ip.plot_id = p.plot_id)", {}),
])
def test_filters_match_plain_sql(ro_con, search, where, params):
    found = list(plot_filter.filtered_plots(ro_con, search)["plot_id"])
    expected = _ids(ro_con, where, params)
    assert found == expected
    assert 0 < len(found)


def test_wijk_and_buurt(ro_con):
    wijk, buurt = ro_con.execute(
        "SELECT b.wijk_code, p.buurt_code FROM plots p JOIN neighbourhoods b "
        "ON b.code = p.buurt_code GROUP BY ALL ORDER BY count(*) DESC LIMIT 1").fetchone()
    assert list(plot_filter.filtered_plots(ro_con, PlotFilter(wijk=wijk))["plot_id"]) == \
        _ids(ro_con, "b.wijk_code = $w", {"w": wijk})
    assert list(plot_filter.filtered_plots(ro_con, PlotFilter(buurt=buurt))["plot_id"]) == \
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
    found = plot_filter.filtered_plots(ro_con, PlotFilter(free_from=start, free_months=months))
    assert sorted(found["plot_id"]) == sorted(expected)


def test_add_months_keeps_the_day_or_the_month_end():
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2027, 11, 15), 3) == date(2028, 2, 15)
    assert add_months(date(2027, 5, 1), 0) == date(2027, 5, 1)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


def test_sorting_uses_an_allow_list(ro_con):
    rows = plot_filter.filtered_plots(ro_con, PlotFilter())
    by_area = plot_filter.sort_plots(rows, "area_m2", descending=True)
    assert list(by_area["area_m2"]) == sorted(rows["area_m2"], reverse=True)
    with pytest.raises(ValueError):
        plot_filter.sort_plots(rows, "geojson; DROP TABLE plots")
    assert plot_filter.zoning_values(ro_con) == sorted(
        r[0] for r in ro_con.execute("SELECT DISTINCT zoning FROM plots WHERE zoning IS NOT NULL")
        .fetchall())
