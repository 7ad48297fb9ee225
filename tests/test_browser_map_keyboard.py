"""The maps by keyboard (WCAG 2.1.1, 2.4.3, 2.4.7, 4.1.2) in a real headless Chromium: each
map is one tab stop with a name that says how many plots it shows, the arrow keys pan it
and + zooms it, nothing inside it is a stop of its own, its focus ring is visible, and a
plot chosen in the picker beside it is selected and zoomed to."""

from __future__ import annotations

import re

import pytest

from gebrookerbos import db, i18n
from gebrookerbos.maps.style import BACKGROUNDS, contrast_ratio

from .conftest import MAP_FRAME, settle, wait_until_idle

pytestmark = pytest.mark.browser

WAIT = 60_000
MAX_TABS = 150  # far more stops than any page has before and in its map

# Where the keyboard focus is: through the frames to the focused element.
FOCUSED = """() => {
    let doc = document, el = doc.activeElement, frame = null;
    while (el && el.tagName === 'IFRAME' && el.contentDocument) {
        frame = el.getAttribute('src') || '';
        doc = el.contentDocument;
        el = doc.activeElement;
    }
    if (!el || el === doc.body) return null;
    return {frame: frame, tag: el.tagName + '.' + (el.getAttribute('class') || ''), id: el.id || '',
            label: el.getAttribute('aria-label') || '', text: (el.innerText || '').slice(0, 40)};
}"""


def _open(page, url: str) -> None:
    page.goto(url)
    page.locator('[data-testid="stMain"]').wait_for(timeout=WAIT)
    settle(page)


def _tab_stops(page, until_after_map: int = 1) -> list[dict | None]:
    """Press Tab from the start of the page and note every stop, until the focus has left
    the ``until_after_map``-th map frame it entered (or a lap)."""
    page.evaluate("""() => {  // the focus at the very start of the page (not a stop)
        const start = document.createElement('span');
        start.tabIndex = -1;
        document.body.prepend(start);
        start.focus();
    }""")
    stops, maps_left, inside = [], 0, False
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        stops.append(stop)
        in_map = bool(stop and stop["frame"] and "streamlit_folium" in stop["frame"])
        if inside and not in_map:
            maps_left += 1
            if maps_left == until_after_map:
                break
        inside = in_map
    return stops


def _map_stops(stops: list[dict | None]) -> list[dict]:
    return [s for s in stops if s and s["frame"] and "streamlit_folium" in s["frame"]]


def _frame(page, index: int = 0):
    return page.frame_locator(MAP_FRAME).nth(index)


def _wait_drawn(page, index: int = 0) -> str:
    """Wait until the map has drawn its plots; its data-plots ("detail:57")."""
    page.wait_for_function(
        """([sel, i]) => { const f = document.querySelectorAll(sel)[i];
            const m = f && f.contentDocument && f.contentDocument.querySelector('#map_div');
            return m && /^(detail|points|raster):/.test(m.getAttribute('data-plots') || ''); }""",
        arg=[MAP_FRAME, index], timeout=WAIT)
    return _frame(page, index).locator("#map_div").get_attribute("data-plots")


def _wait_in_map(page, condition: str, arg, index: int = 0) -> None:
    """Wait until ``condition`` (a JS function of ``arg``) holds in the map's frame."""
    frame = page.locator(MAP_FRAME).nth(index).element_handle().content_frame()
    frame.wait_for_function(condition, arg=arg, timeout=WAIT, polling=50)


def _tabbable_inside(page, index: int = 0) -> list[str]:
    """Every element inside the map container that the Tab key would stop at."""
    return _frame(page, index).locator("#map_div").evaluate(
        """c => Array.from(c.querySelectorAll('*')).filter(el => el.tabIndex >= 0)
                 .map(el => el.tagName + '.' + (el.getAttribute('class') || ''))""")


def _view(page, index: int = 0) -> dict:
    return _frame(page, index).locator("#map_div").evaluate(
        """() => { const m = window.map_div, c = m.getCenter(), b = m.getBounds();
                   return {lat: c.lat, lng: c.lng, zoom: m.getZoom(),
                           west: b.getWest(), east: b.getEast(),
                           south: b.getSouth(), north: b.getNorth()}; }""")


def _hex(rgb: str) -> str:
    r, g, b = (int(v) for v in re.findall(r"\d+", rgb)[:3])
    return f"#{r:02X}{g:02X}{b:02X}"


def _name_count(name: str) -> int:
    return int(re.sub(r"\D", "", name))


def test_kaart_map_is_one_named_stop_with_nothing_tabbable_inside(page, app_server, ro_con):
    _open(page, app_server.url + "/")
    _wait_drawn(page)
    total = db.fetch_value(ro_con, "plot_count")
    name = i18n.t("map.name", "nl", n=i18n.format_number(total, "nl"))
    stops = _tab_stops(page)
    in_map = _map_stops(stops)
    assert [(s["tag"].split(".")[0], s["id"], s["label"]) for s in in_map] == [
        ("DIV", "map_div", name)]
    assert len(stops) < 60  # the page before the map is a handful of controls, not 200
    assert _tabbable_inside(page) == []
    frame_el = page.locator(MAP_FRAME).first
    assert frame_el.get_attribute("title") == name
    doc = _frame(page).locator("html")
    assert doc.get_attribute("lang") == "nl"
    assert _frame(page).locator("#map_div").evaluate("() => document.title") == name
    viewport = _frame(page).locator("meta[name=viewport]").evaluate_all(
        "els => els.map(e => e.getAttribute('content')).join(' ')")
    assert "user-scalable=no" not in viewport and "maximum-scale" not in viewport


def test_the_arrow_keys_pan_and_plus_zooms_the_focused_map(page, app_server):
    _open(page, app_server.url + "/")
    _wait_drawn(page)
    wait_until_idle(page)
    stops = _tab_stops(page)  # reach the map by keyboard, as a user does
    assert _map_stops(stops)
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(FOCUSED)["id"] == "map_div"
    frame = _frame(page)
    container = frame.locator("#map_div")
    ring = container.evaluate(
        "el => { const s = getComputedStyle(el);"
        " return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }")
    assert ring[0] == "solid" and float(ring[1].rstrip("px")) >= 2
    assert min(contrast_ratio(_hex(ring[2]), ground) for ground in BACKGROUNDS) >= 3

    before = _view(page)
    page.keyboard.press("ArrowRight")
    # the view moves east, then south (Leaflet pans by 80 px a press), then zooms in
    _wait_in_map(page, "lng => window.map_div.getCenter().lng > lng", before["lng"])
    page.keyboard.press("ArrowDown")
    _wait_in_map(page, "lat => window.map_div.getCenter().lat < lat", before["lat"])
    page.keyboard.press("+")
    _wait_in_map(page, "z => window.map_div.getZoom() > z", before["zoom"])
    after = _view(page)
    assert after["lng"] > before["lng"] and after["lat"] < before["lat"]
    assert after["zoom"] > before["zoom"]


def test_a_plot_chosen_in_the_picker_is_selected_and_zoomed_to(page, app_server, ro_con):
    plot_id, name, lon, lat = ro_con.execute(
        "SELECT plot_id, name, ST_X(pt), ST_Y(pt) FROM ("
        "  SELECT plot_id, name, area_m2, ST_Transform(ST_PointOnSurface(geom), 'EPSG:28992',"
        "         'EPSG:4326', always_xy := true) AS pt FROM plots)"
        " ORDER BY area_m2 LIMIT 1"
    ).fetchone()
    _open(page, app_server.url + "/")
    _wait_drawn(page)
    wait_until_idle(page)
    before = _view(page)
    picker = page.get_by_label(i18n.t("plot.details", "nl"), exact=True).first
    picker.click()
    page.keyboard.type(plot_id)
    page.get_by_role("option", name=re.compile(re.escape(plot_id))).first.click()
    page.get_by_role("heading", name=name).first.wait_for(timeout=WAIT)  # the details
    _wait_in_map(page, "w => { const b = window.map_div.getBounds();"
                       " return b.getEast() - b.getWest() < w / 4; }",
                 before["east"] - before["west"])
    after = _view(page)
    assert after["west"] < lon < after["east"] and after["south"] < lat < after["north"]
    assert after["zoom"] > before["zoom"] + 1
    # Zoomed to once: the reader pans on, the page redraws its layer, the view stays.
    wait_until_idle(page)
    _frame(page).locator("#map_div").focus()
    page.keyboard.press("ArrowRight")  # (Leaflet takes the next key when this pan is over)
    step = (after["east"] - after["west"]) / 20
    _wait_in_map(page, "lng => window.map_div.getCenter().lng > lng", after["lng"] + step)
    wait_until_idle(page)  # the view report and its rerun (a new layer for this view)
    _wait_drawn(page)
    moved = _view(page)
    assert moved["lng"] > after["lng"] + step
    assert moved["zoom"] == after["zoom"]


def test_kavels_map_is_one_named_stop_and_its_picker_zooms(page, app_server, ro_con):
    _open(page, app_server.url + "/kavels")
    drawn = _wait_drawn(page)
    stops = _tab_stops(page)
    in_map = _map_stops(stops)
    assert [s["id"] for s in in_map] == ["map_div"]
    assert in_map[0]["label"] == i18n.t(
        "map.name", "nl", n=i18n.format_number(_name_count(in_map[0]["label"]), "nl"))
    assert _name_count(in_map[0]["label"]) == int(drawn.split(":")[1])
    assert _tabbable_inside(page) == []
    plot_id, name = ro_con.execute(
        "SELECT plot_id, name FROM plots ORDER BY area_m2 LIMIT 1").fetchone()
    before = _view(page)
    picker = page.get_by_label(i18n.t("kavels.pick", "nl"), exact=True).first
    picker.click()
    page.keyboard.type(plot_id)
    page.get_by_role("option", name=re.compile(re.escape(plot_id))).first.click()
    page.get_by_role("heading", name=name).first.wait_for(timeout=WAIT)
    _wait_in_map(page, "w => { const b = window.map_div.getBounds();"
                       " return b.getEast() - b.getWest() < w / 2; }",
                 before["east"] - before["west"])


def test_wijken_map_is_one_named_stop_in_english_too(page, app_server, ro_con):
    _open(page, app_server.url + "/wijken?lang=en")
    page.wait_for_function(  # the choropleth has drawn its areas
        """sel => { const f = document.querySelector(sel);
            return f && f.contentDocument &&
                   f.contentDocument.querySelectorAll('path.leaflet-interactive').length > 10; }""",
        arg=MAP_FRAME, timeout=WAIT)
    stops = _tab_stops(page)
    in_map = _map_stops(stops)
    assert [s["id"] for s in in_map] == ["map_div"]
    assert re.fullmatch(r"Map of .+ with \d+ areas", in_map[0]["label"])
    assert _tabbable_inside(page) == []
    assert _frame(page).locator("html").get_attribute("lang") == "en"
    assert page.locator(MAP_FRAME).first.get_attribute("title") == in_map[0]["label"]
    page.keyboard.press("Shift+Tab")  # back on the map: the keys move it as on Kaart
    assert page.evaluate(FOCUSED)["id"] == "map_div"
    before = _view(page)
    page.keyboard.press("ArrowLeft")
    _wait_in_map(page, "lng => window.map_div.getCenter().lng < lng", before["lng"])
    page.keyboard.press("-")
    _wait_in_map(page, "z => window.map_div.getZoom() < z", before["zoom"])


def test_in_english_the_plot_map_is_a_map_with_plots(page, app_server, ro_con):
    _open(page, app_server.url + "/?lang=en")
    _wait_drawn(page)
    total = db.fetch_value(ro_con, "plot_count")
    name = f"Map with {i18n.format_number(total, 'en')} plots"
    container = _frame(page).locator("#map_div")
    page.wait_for_function(
        "([sel, name]) => { const f = document.querySelector(sel); return f &&"
        " f.getAttribute('title') === name; }", arg=[MAP_FRAME, name], timeout=WAIT)
    assert container.get_attribute("aria-label") == name
    assert container.get_attribute("tabindex") == "0"
    assert _frame(page).locator("html").get_attribute("lang") == "en"


def _boundary_lines(page) -> int:
    """The wijk boundaries drawn in the map (dark grey lines, 2.5 px)."""
    return _frame(page).locator('path[stroke="#333333"][stroke-width="2.5"]').count()


def test_the_boundaries_go_off_and_on_by_keyboard_beside_the_map(page, app_server):
    _open(page, app_server.url + "/")
    _wait_drawn(page)
    assert _boundary_lines(page) > 0
    box = page.get_by_role("checkbox", name=i18n.t("map.layer_wijken", "nl"), exact=True)
    box.focus()
    page.keyboard.press("Space")
    page.wait_for_function(
        """(sel) => { const f = document.querySelector(sel);
            const d = f && f.contentDocument;
            return d && d.querySelector('#map_div') &&
                   !d.querySelector('path[stroke="#333333"][stroke-width="2.5"]'); }""",
        arg=MAP_FRAME, timeout=WAIT)
    settle(page)
    assert _boundary_lines(page) == 0 and not box.is_checked()
    box.focus()
    page.keyboard.press("Space")
    page.wait_for_function(
        """(sel) => { const f = document.querySelector(sel);
            const d = f && f.contentDocument;
            return d && d.querySelector('path[stroke="#333333"][stroke-width="2.5"]'); }""",
        arg=MAP_FRAME, timeout=WAIT)
    assert box.is_checked()
