"""The page Kavels in a real headless Chromium that can reach nothing but the app."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from gebrookerbos import db

from .conftest import MAP_FRAME, Offline, wait_until_idle

pytestmark = pytest.mark.browser
WAIT = 120_000  # the machine may be busy: generous, the test still fails when it never shows


def _count_text(shown: int, total: int) -> str:
    return f"{shown} van {total} kavels"


def _wait_for_plots(page, n: int) -> None:
    page.wait_for_function(
        """([sel, n]) => {
            const f = document.querySelector(sel);
            return f && f.contentDocument &&
                   f.contentDocument.querySelectorAll('path.leaflet-interactive').length === n;
        }""",
        arg=[MAP_FRAME, n], timeout=WAIT,
    )


def _fresh_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    offline = Offline()
    context.route("**/*", offline.handle)
    pg = context.new_page()
    pg.offline = offline
    return context, pg


def test_a_shared_url_restores_the_view_in_a_fresh_browser(page, browser, app_server, ro_con):
    wijk, plot_id, name = ro_con.execute(
        "SELECT b.wijk_code, max(p.plot_id), arg_max(p.name, p.plot_id) FROM plots p "
        "JOIN neighbourhoods b ON b.code = p.buurt_code WHERE p.availability = 'available' "
        "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()
    total = db.fetch_value(ro_con, "plot_count")
    shown = ro_con.execute(
        "SELECT count(*) FROM plots p JOIN neighbourhoods b ON b.code = p.buurt_code "
        "WHERE b.wijk_code = $w AND p.availability = 'available'", {"w": wijk}).fetchone()[0]
    page.goto(f"{app_server.url}/kavels?wijk={wijk}&availability=available&plot={plot_id}")
    page.get_by_text(_count_text(shown, total)).wait_for(timeout=WAIT)
    _wait_for_plots(page, shown)
    page.get_by_role("heading", name=name).wait_for(timeout=WAIT)

    # the broker narrows the search in the sidebar: clean soil only
    clean = ro_con.execute(
        "SELECT count(*) FROM plots p JOIN neighbourhoods b ON b.code = p.buurt_code "
        "WHERE b.wijk_code = $w AND p.availability = 'available' AND p.soil = 'clean'",
        {"w": wijk}).fetchone()[0]
    assert clean != shown
    sidebar = page.locator('[data-testid="stSidebar"]')
    for attempt in range(3):  # a rerun may replace the open list under the pointer
        wait_until_idle(page)
        sidebar.locator('[data-testid="stMultiSelect"]').filter(has_text="Bodem").click()
        try:
            page.get_by_role("option", name="Schoon", exact=True).click(timeout=10_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    page.keyboard.press("Escape")
    page.get_by_text(_count_text(clean, total)).wait_for(timeout=WAIT)
    page.wait_for_url(re.compile(r"soil=clean"), timeout=WAIT)
    url = page.url
    assert f"wijk={wijk}" in url and "availability=available" in url

    # the same address in a browser that has never seen the app
    context, fresh = _fresh_page(browser)
    try:
        fresh.goto(url)
        fresh.get_by_text(_count_text(clean, total)).wait_for(timeout=WAIT)
        _wait_for_plots(fresh, clean)
        soil = fresh.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
            has_text="Bodem")
        assert "Schoon" in soil.inner_text()
        if f"plot={plot_id}" in url:  # the chosen plot is still among the results
            fresh.get_by_role("heading", name=name).wait_for(timeout=WAIT)
        assert fresh.offline.blocked_except_tiles() == []
    finally:
        context.close()
    assert page.offline.blocked_except_tiles() == []


def test_best_matches_are_highlighted_on_the_map(page, app_server, ro_con):
    ini = ro_con.execute(
        "SELECT initiative_id FROM initiatives WHERE stage = 'exploring' "
        "AND need_min_area_m2 IS NOT NULL ORDER BY 1 LIMIT 1").fetchone()[0]
    page.goto(f"{app_server.url}/kavels?match=true&initiative={ini}&hard=area")
    page.get_by_text("voldoen aan de filters en de harde eisen").wait_for(timeout=WAIT)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".gb-rank").first.wait_for(timeout=WAIT)
    assert frame.locator(".gb-rank").count() == 5
    assert [frame.locator(".gb-rank").nth(i).inner_text() for i in range(5)] == \
        ["1", "2", "3", "4", "5"]
    assert "de 5 beste matches" in frame.locator(".gb-best-legend").inner_text()
    assert "Kadaster / Centraal Bureau voor de Statistiek" in frame.locator(
        ".leaflet-control-attribution").inner_text()
    assert page.offline.blocked_except_tiles() == []


def test_downloads_hold_exactly_the_plots_shown(page, app_server, ro_con, tmp_path):
    import json

    import pyogrio

    expected = [r[0] for r in ro_con.execute(
        "SELECT plot_id FROM plots WHERE soil = 'clean' AND availability = 'available' "
        "ORDER BY 1").fetchall()]
    total = db.fetch_value(ro_con, "plot_count")
    page.goto(f"{app_server.url}/kavels?soil=clean&availability=available")
    page.get_by_text(_count_text(len(expected), total)).wait_for(timeout=WAIT)
    _wait_for_plots(page, len(expected))  # drawn: the map reports its view, the page reruns
    wait_until_idle(page)
    personal = [v for row in ro_con.execute(
        "SELECT contact_name, contact_email, contact_phone, account_manager FROM initiatives"
    ).fetchall() for v in row if v]
    for label, suffix in [("GeoPackage (RD New)", "gpkg"), ("GeoJSON (WGS84)", "geojson"),
                          ("CSV (WKT in RD New)", "csv")]:
        wait_until_idle(page)  # a rerun would replace the button's file while clicked
        with page.expect_download(timeout=WAIT) as info:
            page.get_by_role("button", name=label).click()
        path = tmp_path / f"download.{suffix}"
        info.value.save_as(path)
        blob = path.read_bytes()
        assert [v for v in personal if v.encode() in blob] == []
        if suffix == "csv":
            frame = pyogrio.read_dataframe(path, GEOM_POSSIBLE_NAMES="wkt_rd",
                                           KEEP_GEOM_COLUMNS="NO")
        else:
            frame = pyogrio.read_dataframe(path)
            assert pyogrio.read_info(path)["crs"] == (
                "EPSG:28992" if suffix == "gpkg" else "EPSG:4326")
        assert list(frame["plot_id"]) == expected, suffix
        if suffix == "geojson":
            assert "Kadaster" in json.loads(blob)["attribution"]


def test_clicking_a_plot_selects_it_and_puts_it_in_the_url(page, app_server, ro_con):
    wijk, plot_id, name, lon, lat = ro_con.execute(
        "SELECT b.wijk_code, p.plot_id, p.name, ST_X(pt), ST_Y(pt) FROM ("
        "  SELECT *, ST_Transform(ST_PointOnSurface(geom), 'EPSG:28992', 'EPSG:4326',"
        "         always_xy := true) AS pt FROM plots) p"
        " JOIN neighbourhoods b ON b.code = p.buurt_code ORDER BY p.area_m2 DESC LIMIT 1"
    ).fetchone()
    page.goto(f"{app_server.url}/kavels?wijk={wijk}")
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.leaflet-interactive").first.wait_for(timeout=WAIT)
    frame.locator("#map_div").scroll_into_view_if_needed()
    wait_until_idle(page)  # the map has reported its view and the page has rerun
    point = frame.locator("#map_div").evaluate(
        "(el, ll) => { const p = window.map_div.latLngToContainerPoint(ll); return [p.x, p.y]; }",
        [lat, lon],
    )
    box = frame.locator("#map_div").bounding_box()
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])
    page.get_by_role("heading", name=name).wait_for(timeout=WAIT)
    page.wait_for_url(re.compile(f"plot={plot_id}"), timeout=WAIT)


def test_a_direct_url_to_a_fresh_server_gets_the_whole_app(browser, demo_db_file, tmp_path):
    import shutil

    from .conftest import AppServer

    path = tmp_path / "fresh.duckdb"
    shutil.copyfile(demo_db_file, path)
    server = AppServer(path)
    context, fresh = _fresh_page(browser)
    try:
        fresh.goto(f"{server.url}/kavels?availability=available")
        fresh.get_by_text("Exporteren").wait_for(timeout=WAIT)
        wait_until_idle(fresh)
        sidebar = fresh.locator('[data-testid="stSidebar"]').inner_text()
        assert "Taal" in sidebar  # the frame of dashboard.py: language, login
        # the attribution footer of the frame, and the filter from the URL survived
        attribution = "Kadaster / Centraal Bureau voor de Statistiek (CBS), 2024"
        assert fresh.get_by_text(attribution).first.is_visible()
        assert "availability=available" in fresh.url
    finally:
        context.close()
        server.stop()
