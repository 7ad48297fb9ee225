"""The public screen in a real headless Chromium that can reach nothing but the app.

The server is fresh and its first request is /scherm, as on a wall screen that boots
straight into the screen.
"""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from gebrookerbos.domain import PERSONAL_COLUMNS
from gebrookerbos.domain.screen import INTERVAL_MIN

from .a11y import audit, blocking
from .conftest import AppServer, settle, wait_until_idle

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


# --- pausing the screen (WCAG 2.2.2) ------------------------------------------------------

FAST = INTERVAL_MIN  # seconds a slide stays: the shortest the screen allows
DOTS = ".gb-dots"  # the slide indicator: its name says where in the round the screen is
BUTTONS = {"nl": ("Pauzeren", "Verder"), "en": ("Pause", "Resume")}


def _open_fast(page, server, lang: str = "nl") -> None:
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{server.url}/scherm?interval={FAST}&lang={lang}")
    page.locator(TITLE).first.wait_for(timeout=60_000)
    wait_until_idle(page, quiet_ms=500)


def _where(page) -> str:
    return page.locator(DOTS).first.get_attribute("aria-label")


def _slide(page) -> tuple[str, str]:
    return _title(page), _where(page)


def _next_slide(page, where: str, seconds: float) -> bool:
    """Whether another slide than the one at ``where`` came up within ``seconds``."""
    try:
        page.wait_for_function(
            "([sel, old]) => { const e = document.querySelector(sel);"
            " return e && e.getAttribute('aria-label') !== old; }",
            arg=[DOTS, where], timeout=seconds * 1000)
    except PlaywrightTimeout:
        return False
    return True


def _now_showing(page, label: str) -> None:
    """Wait until the pause button says ``label`` and the run it took is over."""
    page.get_by_role("button", name=label, exact=True).wait_for(timeout=30_000)
    wait_until_idle(page, quiet_ms=500)


def _pause_label(page) -> str:
    return page.evaluate(
        "[...document.querySelectorAll('.st-key-screen_pause button')]"
        ".filter(b => b.offsetParent !== null).map(b => b.innerText.trim().split(/\\s+/).pop())"
        ".join(' ')")


def _focus_nothing(page) -> None:
    page.evaluate("document.activeElement && document.activeElement.blur()")


def test_the_pause_button_stops_the_slides_and_starts_them_again(page, screen_server):
    _open_fast(page, screen_server)
    page.get_by_role("button", name="Pauzeren", exact=True).click()
    _now_showing(page, "Verder")
    held = _slide(page)
    assert page.locator(".gb-timer.gb-paused").is_visible()  # the timer bar stands still
    # more than two intervals go by: the same slide
    assert not _next_slide(page, held[1], 2.5 * FAST)
    assert _slide(page) == held
    # the keyboard reaches the button, and keeps it after pressing it
    button = page.get_by_role("button", name="Verder", exact=True)
    button.focus()
    page.keyboard.press("Enter")
    _now_showing(page, "Pauzeren")
    assert page.evaluate("document.activeElement.innerText").endswith("Pauzeren")
    assert _next_slide(page, held[1], FAST + 30)


def test_the_space_bar_pauses_and_resumes_the_screen(page, screen_server):
    _open_fast(page, screen_server)
    _focus_nothing(page)
    page.keyboard.press("Space")
    _now_showing(page, "Verder")
    held = _slide(page)
    assert not _next_slide(page, held[1], 2.5 * FAST)
    assert _slide(page) == held
    page.keyboard.press("Space")
    _now_showing(page, "Pauzeren")
    assert _next_slide(page, held[1], FAST + 30)
    # space on the focused button presses it once: not once by the screen's own key as it
    # goes down and once more by the browser as it comes up (paused: no slide comes between)
    page.keyboard.press("Space")
    _now_showing(page, "Verder")
    page.get_by_role("button", name="Verder", exact=True).focus()
    page.keyboard.down("Space")
    wait_until_idle(page, quiet_ms=1_000)
    page.keyboard.up("Space")
    _now_showing(page, "Pauzeren")  # the browser's press on the button
    page.evaluate("window.__gbIdleSince = null")  # (quiet from now on, not from before)
    wait_until_idle(page, quiet_ms=2_000)  # the runs of a second press would be over
    assert _pause_label(page) == "Pauzeren"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_serious_accessibility_finding_on_any_slide(page, screen_server, lang):
    """Every kind of slide, paused (as a screen reader user would read it), audited in the
    page and in its map frame."""
    pause, resume = BUTTONS[lang]
    _open_fast(page, screen_server, lang)
    _focus_nothing(page)
    titles, problems = set(), []
    for _ in range(7):  # the round up to the sign-up slide: every kind of slide
        page.keyboard.press("Space")
        _now_showing(page, resume)
        settle(page)  # the map has drawn
        title, where = _slide(page)
        titles.add(title)
        problems += [f"{where} ({title}): {f}" for f in blocking(audit(page))]
        page.keyboard.press("Space")
        _now_showing(page, pause)
        assert _next_slide(page, where, FAST + 30)
        wait_until_idle(page, quiet_ms=500)
    assert len(titles) == 5, titles
    assert problems == [], "\n".join(problems)
