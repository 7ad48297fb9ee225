"""Focus visible (WCAG 2.4.7, with 1.4.11's 3:1 for the indicator): a keyboard user always
sees where the keyboard is. In a real browser the test presses Tab through whole pages as a
user would and, at every stop, reads the ring drawn around the focused control (on it or
on the frame around it) and its contrast with what is behind it; in a table it moves to
a cell with the arrow keys and looks at the pixels that change.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image

from gebrookerbos.maps.style import contrast_ratio
from tests.actors import ADMIN, PASSWORD

from .conftest import open_as, settle

pytestmark = pytest.mark.browser

MAX_STOPS = 150  # more than any page has; a page with more stops than this fails anyway

# The focused element of a document (going into a frame is the caller's), its ring (an
# outline of 2px or more on it or on one of the elements around it: a field's frame) and
# the colour behind the ring.
_RING = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {tag: 'body'};
  const hex = c => {
    const m = /rgba?\\(([^)]+)\\)/.exec(c || '');
    if (!m) return null;
    const p = m[1].split(',').map(Number);
    if (p.length > 3 && p[3] === 0) return null;
    return '#' + p.slice(0, 3).map(v => Math.round(v).toString(16).padStart(2, '0')).join('');
  };
  // The colour behind the ring: the background of the nearest element around it that
  // covers the whole ring (a slider's thin track behind its thumb does not).
  const behind = (e, ring) => {
    for (; e; e = e.parentElement) {
      const c = hex(getComputedStyle(e).backgroundColor);
      const r = e.getBoundingClientRect();
      if (c && r.left <= ring.left && r.top <= ring.top && r.right >= ring.right &&
          r.bottom >= ring.bottom) return c;
    }
    return '#ffffff';
  };
  const name = (el.getAttribute('aria-label') || el.innerText || el.value || el.tagName)
    .toString().trim().slice(0, 40);
  const what = {tag: el.tagName.toLowerCase(), name,
                testid: (el.closest('[data-testid]') || el).getAttribute('data-testid')};
  for (let e = el, i = 0; e && i < 8; e = e.parentElement, i++) {
    const s = getComputedStyle(e);
    if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && hex(s.outlineColor)) {
      const out = parseFloat(s.outlineOffset) + parseFloat(s.outlineWidth);
      const r = e.getBoundingClientRect();
      const ring = {left: r.left - out, top: r.top - out, right: r.right + out,
                    bottom: r.bottom + out};
      return {...what, ring: hex(s.outlineColor), width: parseFloat(s.outlineWidth),
              behind: behind(e.parentElement, ring)};
    }
  }
  return what;
}"""


def _focused(page):
    """The focused control and its ring, inside frames (a map) too."""
    frame = page.main_frame
    for _ in range(3):
        here = frame.evaluate(_RING)
        if here["tag"] != "iframe":
            return here
        handle = frame.evaluate_handle("document.activeElement")
        inner = handle.as_element().content_frame()
        if inner is None or inner.evaluate("document.activeElement === document.body"):
            return frame.evaluate(_RING)  # the frame element itself has the focus
        frame = inner
    return here


def _start_at_the_top(page) -> None:
    """The next Tab goes to the first control of the page (as after loading it)."""
    page.evaluate("""() => { const b = document.body; b.tabIndex = -1; b.focus();
                             b.removeAttribute('tabindex'); }""")


def _walk(page) -> list[dict]:
    """Every tab stop of the page, from the top, until the focus comes round again."""
    _start_at_the_top(page)
    stops, seen = [], set()
    for _ in range(MAX_STOPS):
        page.keyboard.press("Tab")
        stop = _focused(page)
        key = page.evaluate(
            "(() => { const e = document.activeElement; if (!e) return '';"
            " if (!e.dataset.gbStop) e.dataset.gbStop = String(Math.random()); return e.dataset.gbStop; })()"
        ) + stop.get("name", "")
        if stop["tag"] == "body" or key in seen:
            break
        seen.add(key)
        stops.append(stop)
    return stops


def _without_visible_ring(stops: list[dict]) -> list[str]:
    return [
        f"{s['tag']} {s.get('testid')} '{s['name']}': "
        + (f"ring {s['ring']} on {s['behind']} is "
           f"{contrast_ratio(s['ring'], s['behind']):.2f}:1, {s['width']}px" if "ring" in s
           else "no ring")
        for s in stops
        if "ring" not in s or contrast_ratio(s["ring"], s["behind"]) < 3 or s["width"] < 2
    ]


PAGES = {
    "kaart": ("/", None),
    "kavels": ("/kavels?plot=KV-0019", None),
    "initiatieven": ("/initiatieven?initiatief=INI-038", None),
    "wijken": ("/wijken", None),
    "beheer": ("/beheer", ADMIN),
    "toegankelijkheid": ("/toegankelijkheid", None),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_every_tab_stop_shows_a_ring_of_3_to_1(page, app_server, name):
    path, account = PAGES[name]
    open_as(page, app_server.url + path, account.username if account else None, PASSWORD)
    stops = _walk(page)
    assert len(stops) >= 5, stops  # the page has controls, and the keyboard reached them
    assert len(stops) < MAX_STOPS, "the focus never came round again"
    # the keyboard got past every table and map to the page's last control, the footer link
    assert stops[-1]["testid"] == "stPageLink-NavLink", stops[-3:]
    assert _without_visible_ring(stops) == []


def test_a_table_cell_chosen_by_keyboard_is_outlined_at_3_to_1(page, app_server):
    open_as(page, app_server.url + "/kavels", None, PASSWORD)
    table = page.locator('[data-testid="stDataFrame"]').first
    table.scroll_into_view_if_needed()
    settle(page)
    # by keyboard into the table, as a user: Tab until the focus is inside it
    _start_at_the_top(page)
    for _ in range(MAX_STOPS):
        page.keyboard.press("Tab")
        if table.evaluate("t => t.querySelector('[data-testid=\"stDataFrameResizable\"]')"
                          ".contains(document.activeElement)"):  # the cells, not the toolbar
            break
    else:
        pytest.fail("the table is not reachable by Tab")
    before = Image.open(io.BytesIO(table.screenshot())).convert("RGB")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(  # the second column's cell of the first row has the focus
        "/^glide-cell-1-/.test(document.activeElement.getAttribute('data-testid') || '')")
    page.wait_for_function(  # and the grid has drawn it (two frames on)
        "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))")
    after = Image.open(io.BytesIO(table.screenshot())).convert("RGB")
    assert before.size == after.size
    ring = [
        a for a, b in zip(after.getdata(), before.getdata(), strict=True)
        if a != b and contrast_ratio("#{:02x}{:02x}{:02x}".format(*a), "#ffffff") >= 3
    ]
    # a ring of 1 px around a cell of about 70 x 35 px is some 200 pixels
    assert len(ring) >= 100, f"{len(ring)} changed pixels of 3:1 or more"
