"""Reflow (WCAG 1.4.10): at 320 CSS pixels wide, which is a 1280 pixel screen at 400 %
zoom, every page and state still works without scrolling sideways. Maps, data tables and
charts may scroll inside their own frame (the criterion's exception for content that needs
two dimensions); the page itself may not, and no text may stick out of the screen.

Measured in a real browser on the demo data: the page's scroll width, and every element
with text of its own that lies partly outside the screen.
"""

from __future__ import annotations

import pytest

from gebrookerbos import i18n
from tests.actors import ADMIN, PASSWORD
from tests.test_browser_a11y import ADMIN_TABS, STATES, _tab, _with_lang
from tests.test_browser_scherm import (
    BUTTONS,
    FAST,
    TITLE,
    _focus_nothing,
    _next_slide,
    _now_showing,
    _slide,
)

from .conftest import open_as, open_sidebar, settle, wait_until_idle

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 800}

# What sticks out: the scroll widths of the page and of Streamlit's main area, and the
# elements with text of their own that lie partly left or right of the screen. Content that
# scrolls in its own box (maps, tables, charts, code) and the closed sidebar (off screen on
# purpose) are not the page's reflow.
_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const main = document.querySelector('[data-testid="stMain"]');
  const own = ['iframe', '[data-testid="stDataFrame"]', '[data-testid="stTable"]',
    '[data-testid="stVegaLiteChart"]', '[data-testid="stArrowVegaLiteChart"]',
    '[data-testid="stCode"]', '.leaflet-container',
    '[data-testid="stSidebar"][data-collapsed="true"]'].join(',');
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const hasText = [...el.childNodes].some(
      n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!hasText || el.closest(own)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right > width + 1 || r.left < -1) {
      out.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 40)}"` +
               ` at ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
  }
  return {
    width,
    page: document.documentElement.scrollWidth,
    main: main ? main.scrollWidth : width,
    outside: out.slice(0, 10),
  };
}"""


def _assert_reflows(page, where: str) -> None:
    m = page.evaluate(_OVERFLOW)
    assert m["width"] == NARROW["width"], where
    assert m["page"] <= m["width"], f"{where}: the page scrolls sideways ({m['page']} px)"
    assert m["main"] <= m["width"], f"{where}: the main area scrolls sideways ({m['main']} px)"
    assert m["outside"] == [], f"{where}: text outside the screen: {m['outside']}"


def _narrow_page(browser):
    context = browser.new_context(viewport=NARROW, locale="nl-NL")
    context.route("**/*", lambda route: route.continue_()
                  if route.request.url.startswith("http://localhost") else route.abort())
    return context, context.new_page()


@pytest.fixture()
def narrow(browser):
    context, pg = _narrow_page(browser)
    yield pg
    context.close()


@pytest.mark.parametrize("state", list(STATES))
def test_every_page_reflows_at_320_css_pixels(narrow, app_server, state):
    path, account, act, proof = STATES[state]
    # (a logged-in state also shows that the sidebar, closed on a narrow screen, opens and
    # its login form works)
    open_as(narrow, app_server.url + _with_lang(path, "nl"),
            account.username if account else None, PASSWORD, "nl")
    if act:
        act(narrow, "nl")
    if proof.startswith("css="):
        narrow.locator(proof[4:]).first.wait_for(timeout=30_000)
    else:
        text = i18n.t(proof, "nl") if proof in i18n.TEXT else proof
        narrow.get_by_text(text, exact=False).first.wait_for(timeout=30_000)
    settle(narrow)
    _assert_reflows(narrow, state)


def test_the_sidebar_starts_closed_on_a_narrow_screen_and_reflows_when_opened(
        narrow, app_server):
    narrow.goto(app_server.url + "/")
    narrow.locator('[data-testid="stSidebar"][data-collapsed="true"]').wait_for(
        state="attached", timeout=60_000)
    settle(narrow)
    assert open_sidebar(narrow)
    sidebar = narrow.locator('[data-testid="stSidebar"]')
    sidebar.get_by_role("link", name=i18n.t("nav.plots", "nl")).wait_for()
    _assert_reflows(narrow, "sidebar open")


def test_every_admin_tab_reflows(narrow, app_server):
    open_as(narrow, app_server.url + "/beheer", ADMIN.username, PASSWORD)
    for name in ADMIN_TABS:
        _tab(f"admin.tab.{name}")(narrow, "nl")
        _assert_reflows(narrow, f"beheer {name}")


def test_every_slide_of_the_screen_reflows(narrow, app_server):
    pause, resume = BUTTONS["nl"]
    narrow.goto(f"{app_server.url}/scherm?interval={FAST}")
    narrow.locator(TITLE).first.wait_for(timeout=60_000)
    wait_until_idle(narrow, quiet_ms=500)
    _focus_nothing(narrow)
    titles = set()
    for _ in range(7):  # the round up to the sign-up slide: every kind of slide
        narrow.keyboard.press("Space")  # paused, the slide holds still while it is measured
        _now_showing(narrow, resume)
        settle(narrow)
        title, where = _slide(narrow)
        titles.add(title)
        _assert_reflows(narrow, f"{where} ({title})")
        narrow.keyboard.press("Space")
        _now_showing(narrow, pause)
        assert _next_slide(narrow, where, FAST + 30)
        wait_until_idle(narrow, quiet_ms=500)
    assert len(titles) == 5, titles
