"""The map page in a real headless Chromium that can reach nothing but the app."""

from __future__ import annotations

import pytest

from gebrookerbos import db

from .conftest import MAP_FRAME, wait_until_idle

pytestmark = pytest.mark.browser


def _open_map(page, app_server):
    page.goto(app_server.url + "/")
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.leaflet-interactive").first.wait_for(timeout=60_000)
    return frame


def test_map_draws_every_plot_offline(page, app_server, ro_con):
    frame = _open_map(page, app_server)
    total = db.fetch_value(ro_con, "plot_count")
    page.wait_for_function(
        """([sel, n]) => {
            const f = document.querySelector(sel);
            return f && f.contentDocument &&
                   f.contentDocument.querySelectorAll('path.leaflet-interactive').length >= n;
        }""",
        arg=[MAP_FRAME, total], timeout=30_000,
    )
    assert frame.locator("path.leaflet-interactive").count() == total
    # Leaflet itself came from the app: only basemap tiles were refused
    assert page.offline.blocked_except_tiles() == []
    assert "Kadaster / Centraal Bureau voor de Statistiek" in frame.locator(
        ".leaflet-control-attribution").inner_text()


def test_clicking_a_plot_shows_its_details(page, app_server, ro_con):
    frame = _open_map(page, app_server)
    plot_id, name, lon, lat = ro_con.execute(
        "SELECT plot_id, name, ST_X(pt), ST_Y(pt) FROM ("
        "  SELECT plot_id, name, area_m2, ST_Transform(ST_PointOnSurface(geom), 'EPSG:28992',"
        "         'EPSG:4326', always_xy := true) AS pt FROM plots)"
        " ORDER BY area_m2 DESC LIMIT 1"
    ).fetchone()
    click_on_map(page, frame, lat, lon)
    page.get_by_text(name).first.wait_for(timeout=30_000)
    assert page.get_by_text(plot_id).first.is_visible()
    assert page.get_by_text("Initiatieven op deze kavel").first.is_visible()


def click_on_map(page, frame, lat: float, lon: float) -> None:
    """Click the map where a user would see the given point.

    The whole map is scrolled into view first: Leaflet focuses its container on mousedown,
    and a browser scrolls a focused element that sticks out of the window into view, which
    would move the map between mousedown and mouseup."""
    page.locator(MAP_FRAME).scroll_into_view_if_needed()
    point = frame.locator("#map_div").evaluate(
        "(el, ll) => { const p = window.map_div.latLngToContainerPoint(ll); return [p.x, p.y]; }",
        [lat, lon],
    )
    box = frame.locator("#map_div").bounding_box()
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])


def test_a_filter_change_redraws_the_plots_in_place(page, app_server, ro_con):
    """The plots are a layer updated in place: the map is not rebuilt on a filter change."""
    frame = _open_map(page, app_server)
    page.wait_for_function(
        """sel => { const f = document.querySelector(sel);
                    const m = f && f.contentDocument.querySelector('#map_div');
                    return m && (m.getAttribute('data-plots') || '').startsWith('detail:'); }""",
        arg=MAP_FRAME, timeout=30_000)
    wait_until_idle(page)  # the first view report and its rerun
    frame.locator("#map_div").evaluate("() => { window.__same_map = true; }")
    expected = ro_con.execute(
        "SELECT count(*) FROM plots WHERE availability = 'available'").fetchone()[0]
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has_text="Beschikbaarheid")
    box.locator("input").click()
    page.get_by_role("option", name="Beschikbaar", exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_function(
        """([sel, want]) => { const f = document.querySelector(sel);
                              const m = f && f.contentDocument.querySelector('#map_div');
                              return m && m.getAttribute('data-plots') === want; }""",
        arg=[MAP_FRAME, f"detail:{expected}"], timeout=30_000)
    assert frame.locator("#map_div").evaluate("() => window.__same_map === true")
    assert frame.locator("path.leaflet-interactive").count() == expected
    assert page.offline.blocked_except_tiles() == []


def test_the_legend_in_the_map_follows_the_colouring_and_says_it_in_words(page, app_server):
    """Colour by stage: the legend inside the map, in place, says the stages in words, as the
    one beside it does; by availability, reserved plots are hatched there and on the map."""
    frame = _open_map(page, app_server)
    wait_until_idle(page)
    legend = frame.locator(".gb-legend")
    legend.get_by_text("In optie", exact=True).wait_for(timeout=30_000)
    assert frame.locator("path.leaflet-interactive[fill^='url(#gb-hatch']").count() > 0
    frame.locator("#map_div").evaluate("() => { window.__same_map = true; }")
    page.locator('[data-testid="stSidebar"]').get_by_text(
        "Fase van het initiatief", exact=True).click()
    legend.get_by_text("Gerealiseerd", exact=True).wait_for(timeout=30_000)
    assert legend.get_by_text("Fase van het initiatief").is_visible()
    assert legend.get_by_text("In optie", exact=True).count() == 0
    assert frame.locator("#map_div").evaluate("() => window.__same_map === true")
    beside = page.locator('[data-testid="stMain"]').get_by_text("Legenda (Fase van het initiatief)")
    assert beside.first.is_visible()
