"""The public screen in a real headless Chromium that can reach nothing but the app.

The server is fresh and its first request is /scherm, as on a wall screen that boots
straight into the screen.
"""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import Error as PlaywrightError

from gebrookerbos.domain import PERSONAL_COLUMNS

from .conftest import AppServer, wait_until_idle

pytestmark = pytest.mark.browser

SIGNUP_URL = "https://example.org/gebrookerbos/meld-je-idee"
TITLE = ".gb-slide-title"
MAP_FRAME = 'iframe[title^="Kaart met"]'


@pytest.fixture(scope="module")
def screen_server(tmp_path_factory, demo_db_file):
    path = tmp_path_factory.mktemp("screen") / "gebrookerbos.duckdb"
    shutil.copyfile(demo_db_file, path)
    server = AppServer(path, extra_env={"GEBROOKERBOS_SIGNUP_URL": SIGNUP_URL})
    yield server
    server.stop()


@pytest.fixture(scope="module")
def personal_values(ro_con) -> set[str]:
    rows = ro_con.execute(f"SELECT {', '.join(PERSONAL_COLUMNS)} FROM initiatives").fetchall()
    values = {v for row in rows for v in row if isinstance(v, str) and len(v) > 3}
    assert len(values) > 50
    return values


def _title(page) -> str:
    return page.locator(TITLE).first.inner_text()


INTERVAL = 12  # seconds a slide stays: time for its map to draw on a busy machine


def test_screen_runs_by_itself_offline_and_shows_no_personal_data(
        page, screen_server, personal_values):
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(screen_server.url + f"/scherm?interval={INTERVAL}")
    page.locator(TITLE).first.wait_for(timeout=60_000)
    page.evaluate("window.__not_reloaded = true")
    first = _title(page)

    seen_titles, documents, map_frames, qr_text = [first], [page.content()], 0, None
    for _ in range(13):  # a full round of 8 slides, and the next five
        previous = _title(page)
        # the next slide comes by itself within the interval (5 s) plus a margin
        page.wait_for_function(
            "([sel, old]) => { const e = document.querySelector(sel);"
            " return e && e.innerText !== old; }",
            arg=[TITLE, previous], timeout=20_000,
        )
        wait_until_idle(page, quiet_ms=500)  # the slide's run is over
        title = _title(page)
        seen_titles.append(title)
        documents.append(page.content())
        if title == "Doe mee" and qr_text is None:  # read while the slide is up
            qr_text = _decode_qr(page)
        frame_el = page.query_selector(MAP_FRAME)
        frame = frame_el.content_frame() if frame_el is not None else None
        if frame is not None:  # (None: the next slide removed it meanwhile)
            # the plot layer (the same as on every map) and the boundaries are drawn without
            # any basemap tile; read it all before the next slide replaces the frame
            try:
                frame.wait_for_function(
                    "document.querySelector('[data-plots]') &&"
                    " /^(detail|points|raster):[1-9]/.test("
                    "document.querySelector('[data-plots]').getAttribute('data-plots')) &&"
                    " document.querySelectorAll('.leaflet-overlay-pane svg path').length > 20",
                    timeout=INTERVAL * 1000)
                attribution = frame.locator(".leaflet-control-attribution").inner_text(
                    timeout=2_000)
                content = frame.content()
            except PlaywrightError:  # the next slide came first: this map is not counted
                continue
            assert "Centraal Bureau voor de Statistiek" in attribution
            documents.append(content)
            map_frames += 1

    assert page.evaluate("window.__not_reloaded") is True  # it changed without a reload
    assert len(set(seen_titles)) == 5, seen_titles
    assert map_frames >= 4
    assert qr_text == SIGNUP_URL
    # no initiator name, e-mail, phone or account manager in the page or any map frame
    everything = "\n".join(documents)
    assert [v for v in personal_values if v in everything] == []
    # only basemap tiles were refused: everything else came from the app
    assert page.offline.blocked_except_tiles() == []
    # the attribution is on the screen
    assert "Kadaster / Centraal Bureau voor de Statistiek (CBS), 2024" in page.inner_text("body")


def _decode_qr(page) -> str | None:
    """Read the QR code on the screen the way a phone would: from its pixels.

    A phone keeps looking while the slide is up: the picture is read again until it decodes
    or the slide has moved on (a picture caught mid-rerun, dimmed or half-drawn, is not a
    reading).
    """
    zxingcpp = pytest.importorskip("zxingcpp")
    import io

    from PIL import Image

    while _title(page) == "Doe mee":
        try:
            page.wait_for_function(
                "() => { const i = document.querySelector('img.gb-qr');"
                " return i && i.complete && i.naturalWidth > 0; }", timeout=5_000)
            wait_until_idle(page, quiet_ms=300)
            png = page.locator("img.gb-qr").screenshot(timeout=5_000)
        except PlaywrightError:
            continue
        results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)).convert("L"))
        if results:
            return results[0].text
    return None


def test_screen_configured_by_url_inside_embed(page, screen_server, ro_con):
    wijk, name = ro_con.execute(
        "SELECT w.code, w.name FROM plots p JOIN neighbourhoods b ON b.code = p.buurt_code "
        "JOIN neighbourhoods w ON w.code = b.wijk_code GROUP BY ALL ORDER BY count(*) DESC "
        "LIMIT 1").fetchone()
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(screen_server.url + f"/scherm?embed=true&wijk={wijk}&lang=en&interval=60")
    page.locator(TITLE).first.wait_for(timeout=60_000)
    assert _title(page) == "Where we stand"
    assert name in page.locator(".gb-brand").inner_text()
    # full screen: no sidebar, no header or toolbar
    for testid in ("stSidebar", "stHeader", "stToolbar"):
        hidden = page.locator(f'[data-testid="{testid}"]')
        assert hidden.count() == 0 or not hidden.first.is_visible(), testid
    assert page.offline.blocked_except_tiles() == []
