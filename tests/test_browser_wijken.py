"""The Wijken page in a real headless Chromium that can reach nothing but the app."""

from __future__ import annotations

import pytest

from .conftest import MAP_FRAME, wait_until_idle

pytestmark = pytest.mark.browser

FEATURE_CODES_JS = """() => {
    const codes = [];
    window.map_div.eachLayer(l => {
        if (l.feature && l.feature.properties && l.feature.properties.code) {
            codes.push(l.feature.properties.code);
        }
    });
    return codes;
}"""


def _open_wijken(page, app_server):
    page.goto(app_server.url + "/")
    page.get_by_role("link", name="Wijken").first.click()
    page.get_by_role("heading", name="Wijken en buurten").first.wait_for(timeout=60_000)
    frame = _the_map(page)
    frame.locator("path.leaflet-interactive").first.wait_for(timeout=60_000)
    return frame


def _the_map(page):
    """The map frame, once the previous map (shown stale during a rerun) is gone."""
    wait_until_idle(page)
    page.wait_for_function(
        "sel => document.querySelectorAll(sel).length === 1", arg=MAP_FRAME, timeout=30_000)
    # the first map frame, looked up anew on every use: a rerun that shows the stale map
    # beside the new one for a moment does not make it ambiguous
    return page.frame_locator(MAP_FRAME).first


def _wait_for_features(page, n: int) -> None:
    page.wait_for_function(
        """([sel, n]) => {
            const f = document.querySelector(sel);
            return f && f.contentDocument &&
                   f.contentDocument.querySelectorAll('path.leaflet-interactive').length === n;
        }""",
        arg=[MAP_FRAME, n], timeout=30_000,
    )


def _codes(ro_con, level: str) -> list[str]:
    return [r[0] for r in ro_con.execute(
        "SELECT code FROM neighbourhoods WHERE level = $l ORDER BY code", {"l": level}).fetchall()]


def test_choropleth_draws_one_feature_per_buurt_with_its_code_offline(page, app_server, ro_con):
    frame = _open_wijken(page, app_server)
    buurten = _codes(ro_con, "buurt")
    _wait_for_features(page, len(buurten))
    codes = frame.locator("#map_div").evaluate(FEATURE_CODES_JS.replace("() =>", "(el) =>"))
    assert sorted(codes) == buurten  # each buurt exactly once
    legend = page.locator(".gb-choropleth-legend").first.inner_text()
    assert "Inwoners" in legend and "onbekend" in legend
    assert "Bron: CBS, Kerncijfers wijken en buurten, 2020" in frame.locator(
        ".leaflet-control-attribution").inner_text()
    # Leaflet and everything else came from the app: only basemap tiles were refused
    assert page.offline.blocked_except_tiles() == []


def test_unknown_density_is_hatched(page, app_server):
    frame = _open_wijken(page, app_server)
    wait_until_idle(page)
    page.get_by_label("Indicator").first.click()
    page.get_by_role("option", name="Bevolkingsdichtheid (inw. per km² land)").first.click()
    frame = _the_map(page)
    frame.locator('path[fill="url(#gb-unknown-hatch)"]').first.wait_for(timeout=30_000)
    # In de Cramer has no CBS density: exactly one buurt is drawn as unknown
    assert frame.locator('path[fill="url(#gb-unknown-hatch)"]').count() == 1


def test_wijken_switch_and_click_drills_down(page, app_server, ro_con):
    frame = _open_wijken(page, app_server)
    page.get_by_text("Wijken", exact=True).last.click()
    wijken = _codes(ro_con, "wijk")
    _wait_for_features(page, len(wijken))
    frame = _the_map(page)
    codes = frame.locator("#map_div").evaluate(FEATURE_CODES_JS.replace("() =>", "(el) =>"))
    assert sorted(codes) == wijken

    code, name, lon, lat = ro_con.execute(
        "SELECT code, name, ST_X(pt), ST_Y(pt) FROM (SELECT code, name, polygon_area_m2, "
        "ST_Transform(ST_PointOnSurface(geom), 'EPSG:28992', 'EPSG:4326', always_xy := true) AS pt "
        "FROM neighbourhoods WHERE level = 'wijk') ORDER BY polygon_area_m2 DESC LIMIT 1"
    ).fetchone()
    point = frame.locator("#map_div").evaluate(
        "(el, ll) => { const p = window.map_div.latLngToContainerPoint(ll); return [p.x, p.y]; }",
        [lat, lon],
    )
    box = frame.locator("#map_div").bounding_box()
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])
    page.get_by_role("heading", name=name).first.wait_for(timeout=30_000)
    assert page.get_by_text("Buurten in deze wijk").first.is_visible()
    assert page.get_by_text("Cijfers door de tijd").first.is_visible()
    assert page.offline.blocked_except_tiles() == []
