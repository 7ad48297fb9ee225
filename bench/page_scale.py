"""Benchmark: every page of the app at 100,000 plots and 10,000 initiatives, against the floor.

The data: ``--plots`` generated plots loaded through the normal import
(``bench.common.build_database``) and ``--initiatives`` generated initiatives with their
stage histories, plot links, agreements and plot events (``bench.initiatives_gen``).

The floor: a bare Streamlit page (``bench/floor_page.py``: a title and one line), started as
its own ``streamlit run`` with the same flags on ``--port`` + 1 and opened the same way,
several times in the same run (the median is the floor). Nothing can open faster on this
machine; every page's time is printed as a multiple of it.

Every page and state is opened fresh (a new browser context: empty cache, a new session) in
headless Chromium that can reach nothing but localhost, after the app's process has gone
quiet (its CPU use below 10% of a core). Measured:

- bytes received after opening: HTTP bodies as transferred and websocket frames, split into
  Streamlit's own frontend and the page's *data* (websocket messages, components, Leaflet,
  the plot layer files, media), counted once the app has been idle for 1.5 s;
- open -> drawn: from ``page.goto`` to the first moment the page is drawn, a state:
  the app is idle (``stApp`` reports ``notRunning`` and no running indicator), the page's
  own element is visible (its count of plots, the initiative's title, ...) and every map is
  drawn. A map that reports ``data-plots="<mode>:<n>"`` on its Leaflet container is drawn
  when it reports the expected count (criterion ``data-plots``; a map with the plot layer's
  script, ``plot_layer.js``, is waited for until it reports); a map without that script is
  drawn when its overlay pane holds its vector paths or canvas (criterion
  ``idle+element+map``; after a change the map must then be a new frame, as ``st_folium``
  makes one for a changed map). No fixed wait decides "drawn".
- redraw: a filter change (an availability added in the sidebar, three in a row, median),
  a match (an initiative chosen with matching on), the drill into a wijk and the screen's
  next slides, each timed from the click (the slide: from the start of its run) to the
  drawn state as above.

Every state is visited twice (``--visits``), each time in a new browser: *first* finds the
server's caches (``st.cache_data``, 60 s, shared by all sessions) as the states before left
them, as on a server in use (the very first visit also pays for the server's first run of
the code); *again* follows at once, with this state's data cached. The states run in the
order printed; targets are checked on the worse visit.

Prints a table and writes ``bench/results/page_scale.json`` (git-ignored, like map_scale).

Run: ``python bench/page_scale.py [--plots 100000] [--initiatives 10000] [--port 8636]
[--keep-db PATH] [--pages kaart,kavels,...] [--visits 2] [--timeout 240]``; a quick run:
``--plots 5000 --initiatives 500``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the checkout's bench package
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (  # noqa: E402 - after the path for a run as a script
    ROOT,
    Traffic,
    app_server,
    build_database,
    launch_browser,
    memory,
    offline_context,
    open_availability,
    open_list,
)
from bench.initiatives_gen import add_initiatives  # noqa: E402
from gebrookerbos import db, i18n  # noqa: E402
from gebrookerbos.domain import matching, plot_filter  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "page_scale.json"
FLOOR_PAGE = ROOT / "bench" / "floor_page.py"
TARGETS = {"data_bytes": 3_000_000, "open_to_drawn_s": 8.0, "ratio_to_floor": 1.5,
           "redraw_s": 2.0}
REDRAW_TARGET = ("filter change", "match")  # the redraws with a target (2 s)
PAGES = ("kaart", "kavels", "kavels_match", "initiatieven", "wijken", "scherm")
LANG = "nl"
# every map on a page: the st_folium component, and the screen's map (an iframe of its own)
MAP_IFRAMES = 'iframe[src*="streamlit_folium"], iframe[title^="Kaart met"]'
SLIDES = 5  # the screen's first slides (the one on opening and the next four)
SCREEN_INTERVAL = 5  # seconds per slide (the shortest the screen allows)
QUIET_S = 1.5  # idle this long before the bytes are counted

# The app's script state, kept by a MutationObserver from the start of the page
# (transitions with their performance.now()), so that a short run is never missed.
RUN_RECORDER = """(() => {
  window.__gbRuns = [];
  const note = (app) => {
    const s = app.getAttribute('data-test-script-state');
    const runs = window.__gbRuns;
    if (s && (!runs.length || runs[runs.length - 1].s !== s)) runs.push({s, t: performance.now()});
  };
  const watch = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app) return false;
    note(app);
    new MutationObserver(() => note(app)).observe(app, {attributes: true,
      attributeFilter: ['data-test-script-state']});
    return true;
  };
  const start = () => {
    if (watch()) return;
    const wait = new MutationObserver(() => { if (watch()) wait.disconnect(); });
    wait.observe(document.documentElement, {childList: true, subtree: true});
  };
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start);
})();"""
PAGE_PROBE = """(sel) => {
  const app = document.querySelector('[data-testid="stApp"]');
  return {state: app ? app.getAttribute('data-test-script-state') : null,
          busy: !!document.querySelector('[data-testid="stStatusWidget"]'),
          map_frames: document.querySelectorAll(sel).length,
          now: performance.now()};
}"""
MAP_PROBE = """() => {
  const c = document.querySelector('.leaflet-container');
  if (!c) return null;
  return {plots: c.getAttribute('data-plots'),
          reports: typeof window.gbPlotLayer === 'function',
          drawn: !!c.querySelector('.leaflet-overlay-pane path, .leaflet-overlay-pane canvas'),
          old: !!window.__gbBenchOld};
}"""


# --- the data --------------------------------------------------------------------------------


def prepare_database(path: Path, n_plots: int, n_initiatives: int, workdir: Path) -> dict:
    """A database with the plots and initiatives; an existing file with those counts is
    reused (``--keep-db``)."""
    if path.exists():
        con = db.connect(path, read_only=True)
        try:
            have = con.execute("SELECT (SELECT count(*) FROM plots), "
                               "(SELECT count(*) FROM initiatives)").fetchone()
        finally:
            con.close()
        if have != (n_plots, n_initiatives):
            raise SystemExit(f"{path} has {have[0]} plots and {have[1]} initiatives, not "
                             f"{n_plots} and {n_initiatives}: remove it or pick another path")
        return {"reused": str(path)}
    load = build_database(path, n_plots, workdir)
    con = db.connect(path)
    try:
        load["initiatives"] = add_initiatives(con, n_initiatives)
    finally:
        con.close()
    return load


def scenario(path: Path) -> dict:
    """What the pages must show, from the app's own queries: plot counts per filter, the
    initiative to match and its result, the initiative to open, the wijk to drill into."""
    con = db.connect(path, read_only=True)
    try:
        def count(*availabilities: str) -> int:
            return len(plot_filter.filtered_plots(
                con, plot_filter.PlotFilter(availabilities=availabilities), geometry=False))

        rows = plot_filter.filtered_plots(con, plot_filter.PlotFilter(), geometry=False)
        added = ["available", "reserved", "in_use"]  # one more availability each change
        filters = [(i18n.t(f"availability.{a}", LANG), count(*added[:k + 1]))
                   for k, a in enumerate(added)]
        # the initiative to match: the first exploring one whose needs a plot can meet
        candidates = db.fetch_df(con, "initiatives_with_needs")
        candidates = candidates[(candidates["stage"] == "exploring")
                                & ~candidates["need_clean_soil"].astype(bool)]
        match = None
        for row in candidates.sort_values("initiative_id").to_dict("records"):
            needs = matching.Needs.from_initiative(row)
            found = matching.match_plots(con, plot_filter.PlotFilter(), needs)
            if len(found):
                match = {"initiative_id": row["initiative_id"], "title": row["title"],
                         "matched": len(found)}
                break
        # the initiative to open: the one with the most plots (first by id)
        ini = con.execute("""
            SELECT i.initiative_id, i.title, count(ip.plot_id) AS plots
            FROM initiatives i LEFT JOIN initiative_plots ip USING (initiative_id)
            GROUP BY ALL ORDER BY plots DESC, i.initiative_id LIMIT 1""").fetchone()
        # the wijk to drill into: the one with the most plots
        wijk = con.execute("""
            SELECT w.code, w.name, count(*) AS plots
            FROM plots p JOIN neighbourhoods b ON b.code = p.buurt_code
            JOIN neighbourhoods w ON w.code = b.wijk_code
            GROUP BY ALL ORDER BY plots DESC, w.code LIMIT 1""").fetchone()
    finally:
        con.close()
    return {"plots": len(rows), "filters": filters, "match": match,
            "initiative": {"initiative_id": ini[0], "title": ini[1], "plots": ini[2]},
            "wijk": {"code": wijk[0], "name": wijk[1], "plots": wijk[2]}}


# --- the drawn state -------------------------------------------------------------------------


@dataclass(frozen=True)
class Want:
    """What a drawn page shows: its element, and at least ``maps`` drawn maps (every map on
    it drawn), each reporting ``count`` plots when it reports (None: any count)."""

    element: Callable  # page -> Locator that must be visible
    maps: int = 0
    count: int | None = None
    fresh: bool = False  # after a change: a map without data-plots must be a new frame


class NotDrawn(TimeoutError):
    def __init__(self, seconds: float, last: dict):
        self.last = last
        super().__init__(f"not drawn within {seconds:.0f} s (last: {last})")


@dataclass
class Drawn:
    seconds: float
    criterion: str
    maps: list = field(default_factory=list)  # what each map reported
    first_maps_s: float | None = None  # when the maps were first drawn (app maybe busy)
    page_now: float = 0.0  # performance.now() in the page at that moment


def _maps(page) -> list[dict]:
    out = []
    for frame in page.frames[1:]:
        with contextlib.suppress(Exception):  # a frame (re)loading or gone
            state = frame.evaluate(MAP_PROBE)
            if state is not None:
                out.append(state)
    return out


def _map_ready(m: dict, want: Want) -> bool:
    plots = m.get("plots")
    if plots:
        mode, _, n = plots.partition(":")
        return mode != "error" and (want.count is None or n == str(want.count))
    if m["reports"]:  # the map has the plot layer's script: it will say what it drew
        return False
    return m["drawn"] and not (want.fresh and m["old"])


def wait_drawn(page, want: Want, t0: float, timeout_s: float) -> Drawn:
    """Poll until the page is drawn (see the module docstring); times from ``t0``."""
    first_maps = None
    last: dict = {}
    while True:
        now = time.perf_counter()
        with contextlib.suppress(Exception):  # the page navigating
            probe = page.evaluate(PAGE_PROBE, MAP_IFRAMES)
            maps = _maps(page)
            maps_ok = (len(maps) >= max(want.maps, probe["map_frames"])
                       and all(_map_ready(m, want) for m in maps))
            if maps_ok and first_maps is None:
                first_maps = now - t0
            idle = probe["state"] == "notRunning" and not probe["busy"]
            visible = want.element(page).first.is_visible()
            last = {"state": probe["state"], "busy": probe["busy"], "element": visible,
                    "maps": [m.get("plots") or ("drawn" if m["drawn"] else "empty")
                             for m in maps], "map_frames": probe["map_frames"]}
            if maps_ok and idle and visible:
                criterion = ("idle+element" if not maps else "data-plots"
                             if all(m.get("plots") for m in maps) else "idle+element+map")
                return Drawn(round(now - t0, 2), criterion, last["maps"],
                             None if first_maps is None else round(first_maps, 2),
                             probe["now"])
        if now - t0 > timeout_s:
            raise NotDrawn(timeout_s, last)
        time.sleep(0.05)


def settle(page, timeout_s: float = 30.0) -> None:
    """Wait until the app has been idle for QUIET_S (for counting the bytes of a state)."""
    since = None
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        probe = page.evaluate(PAGE_PROBE, MAP_IFRAMES)
        if probe["state"] == "notRunning" and not probe["busy"]:
            since = since or time.perf_counter()
            if time.perf_counter() - since >= QUIET_S:
                return
        else:
            since = None
        time.sleep(0.1)


def mark_maps_old(page) -> None:
    """Tag the maps on the page, so that a redrawn map is known by being a new frame."""
    for frame in page.frames[1:]:
        with contextlib.suppress(Exception):
            frame.evaluate("window.__gbBenchOld = true")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_quiet(pid: int, timeout_s: float = 120.0) -> float:
    """Wait until the process uses less than 10% of a core over 0.5 s (twice in a row);
    returns the seconds waited."""
    t0 = time.perf_counter()
    calm = 0
    while calm < 2 and time.perf_counter() - t0 < timeout_s:
        before = cpu_seconds(pid)
        time.sleep(0.5)
        calm = calm + 1 if cpu_seconds(pid) - before < 0.05 else 0
    return round(time.perf_counter() - t0, 1)


# --- the pages -------------------------------------------------------------------------------


def _text(text: str) -> Callable:
    return lambda page: page.get_by_text(text, exact=True)


def _heading(text: str) -> Callable:
    return lambda page: page.get_by_role("heading", name=text)


class Session:
    """One fresh browser context on the app: opens a URL and measures it."""

    def __init__(self, browser, base: str, timeout_s: float):
        self.context = offline_context(browser, locale="nl-NL")
        self.context.add_init_script(RUN_RECORDER)
        self.page = self.context.new_page()
        self.traffic = Traffic(self.page)
        self.base = base
        self.timeout_s = timeout_s

    def close(self) -> None:
        self.context.close()

    def open(self, path: str, want: Want) -> dict:
        t0 = time.perf_counter()
        self.page.goto(self.base + path, wait_until="commit")
        return self._drawn(want, t0)

    def change(self, choose: Callable, want: Want, timeout_s: float = 60.0) -> dict:
        """Click the option ``choose()`` opens (the change) and time it to the drawn state.

        A rerun that comes in just then can close the list before the click lands: then
        the list is opened again and the click is timed from the attempt that landed."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        deadline = time.perf_counter() + timeout_s
        while True:
            option = choose()
            self.traffic.reset()
            mark_maps_old(self.page)
            t0 = time.perf_counter()
            try:
                option.click(timeout=5000)
                break
            except PlaywrightTimeout:
                if time.perf_counter() > deadline:
                    raise
                self.page.keyboard.press("Escape")
        return self._drawn(want, t0)

    def _drawn(self, want: Want, t0: float) -> dict:
        try:
            drawn = wait_drawn(self.page, want, t0, self.timeout_s)
        except NotDrawn as exc:
            return {"seconds": None, "error": str(exc), "last": exc.last,
                    "bytes": self.traffic.split()}
        settle(self.page)
        return {"seconds": drawn.seconds, "criterion": drawn.criterion, "maps": drawn.maps,
                "first_maps_s": drawn.first_maps_s, "page_now": drawn.page_now,
                "bytes": self.traffic.split()}


def pick_option(page, box_label: str, option: str, *, type_it=True):
    """Open a Streamlit select box by its label and return its option ``option``, ready to
    be clicked (typing filters the list first: the list of 10,000 titles is virtual)."""
    box = page.locator('[data-testid="stSelectbox"]').filter(
        has=page.get_by_text(box_label, exact=True))

    def click() -> None:
        box.click(timeout=5000)
        if type_it:
            page.keyboard.type(option)

    return open_list(page, click, page.get_by_role("option", name=option, exact=True))


def filter_changes(s: Session, facts: dict, count_text: str, fresh: bool, out: dict) -> None:
    """Add the availabilities one by one in the sidebar; each timed to the redrawn map
    (``out["redraw"]``, filled as they go)."""
    runs: list[dict] = []
    red = out["redraw"] = {"kind": "filter change", "seconds": None, "runs": runs}
    for label, n in facts["filters"]:
        total = facts["plots"]
        want = Want(_text(i18n.t(count_text, LANG, shown=n, total=total)), maps=1, count=n,
                    fresh=fresh)
        run = s.change(lambda label=label: open_availability(s.page, label), want)
        run["label"], run["count"] = label, n
        runs.append(run)
        done = [r["seconds"] for r in runs if r["seconds"] is not None]
        red["seconds"] = statistics.median(done) if done else None
        red["criterion"] = run.get("criterion")
        s.page.keyboard.press("Escape")
        if run["seconds"] is None:
            break


def measure_kaart(s: Session, facts: dict, out: dict) -> None:
    n = facts["plots"]
    out["open"] = s.open("/", Want(_text(i18n.t("map.count", LANG, shown=n, total=n)),
                                   maps=1, count=n))
    if out["open"]["seconds"] is not None:
        filter_changes(s, facts, "map.count", False, out)


def measure_kavels(s: Session, facts: dict, out: dict) -> None:
    n = facts["plots"]
    out["open"] = s.open("/kavels", Want(_text(i18n.t("kavels.count", LANG, shown=n, total=n)),
                                         maps=1, count=n))
    if out["open"]["seconds"] is not None:
        filter_changes(s, facts, "kavels.count", True, out)


def measure_kavels_match(s: Session, facts: dict, out: dict) -> None:
    """Matching on (a shared link with the toggle on), then an initiative chosen."""
    n, match = facts["plots"], facts["match"]
    # the toggle on, own needs still empty: every plot is a candidate
    out["open"] = s.open("/kavels?match=true", Want(
        _text(i18n.t("kavels.count_matched", LANG, shown=n, total=n)), maps=1, count=n))
    if out["open"]["seconds"] is not None and match:
        run = s.change(lambda: pick_option(s.page, i18n.t("match.initiative", LANG),
                                           match["title"]), Want(
            _text(i18n.t("kavels.count_matched", LANG, shown=match["matched"], total=n)),
            maps=1, count=match["matched"], fresh=True))
        out["redraw"] = {"kind": "match", **match, **run}


def measure_initiatieven(s: Session, facts: dict, out: dict) -> None:
    ini = out["initiative"] = facts["initiative"]
    out["open"] = s.open(f"/initiatieven?initiatief={ini['initiative_id']}", Want(
        _heading(ini["title"]), maps=1 if ini["plots"] else 0, count=ini["plots"] or None))


def measure_wijken(s: Session, facts: dict, out: dict) -> None:
    wijk = facts["wijk"]
    out["open"] = s.open("/wijken", Want(_heading(i18n.t("wijken.title", LANG)), maps=1))
    if out["open"]["seconds"] is not None:
        run = s.change(lambda: pick_option(s.page, i18n.t("wijken.drill_pick", LANG),
                                           wijk["name"], type_it=False),
                       Want(_heading(i18n.t("wijken.plots", LANG)), maps=1))
        out["redraw"] = {"kind": "drill into a wijk", **wijk, **run}


def measure_scherm(s: Session, facts: dict, out: dict) -> None:
    """The screen: the first slide on opening, then the next slides as they come by, each
    from the start of its run to drawn (a slide of an initiative or of what is available
    shows a map; its frame comes in after the run). A slide's bytes are those received
    until the next slide's title shows (no quiet period: the next slide comes in 5 s)."""
    title = s.page.locator(".gb-slide-title").first
    out["open"] = s.open(f"/scherm?interval={SCREEN_INTERVAL}", Want(
        lambda page: page.locator(".gb-slide-title")))
    if out["open"]["seconds"] is None:
        return
    with_map = {i18n.t(f"screen.title_{kind}", LANG) for kind in ("initiative", "available")}
    slides = out["slides"] = []
    previous = title.inner_text()
    for k in range(SLIDES):
        start = s.page.evaluate("window.__gbRuns.length")
        s.page.wait_for_function(
            "old => { const e = document.querySelector('.gb-slide-title');"
            " return e && e.innerText !== old; }", arg=previous,
            timeout=(SCREEN_INTERVAL * 4 + s.timeout_s) * 1000, polling=50)
        changed = s.page.evaluate("performance.now()")
        if slides:
            slides[-1]["bytes"] = s.traffic.split()
        s.traffic.reset()
        if k == SLIDES - 1:  # this change only closed the last slide's bytes
            break
        current = title.inner_text()
        runs = s.page.evaluate("i => window.__gbRuns.slice(i)", start)
        began = next((r["t"] for r in runs if r["s"] == "running"), None)
        slide = {"title": current, "seconds": None,
                 "from": "run start" if began is not None else "title change"}
        slides.append(slide)
        previous = current
        try:  # drawn before the next slide replaces it, or not at all (no waiting a round)
            drawn = wait_drawn(s.page, Want(_text(current), maps=int(current in with_map)),
                               time.perf_counter(), 2 * SCREEN_INTERVAL)
        except NotDrawn as exc:
            slide.update(error="not drawn before the next slide", last=exc.last)
            continue
        slide.update(seconds=round((drawn.page_now - (began or changed)) / 1000, 2),
                     criterion=drawn.criterion, maps=drawn.maps)


MEASURE = {"kaart": measure_kaart, "kavels": measure_kavels,
           "kavels_match": measure_kavels_match, "initiatieven": measure_initiatieven,
           "wijken": measure_wijken, "scherm": measure_scherm}
LABELS = {"kaart": "/ (Kaart)", "kavels": "/kavels search", "kavels_match": "/kavels match",
          "initiatieven": "/initiatieven, one open", "wijken": "/wijken (+ drill)",
          "scherm": "/scherm, first slide"}


def measure_floor(browser, port: int, timeout_s: float) -> dict:
    s = Session(browser, f"http://localhost:{port}", timeout_s)
    try:
        return s.open("/", Want(_heading("Vloer")))
    finally:
        s.close()


# --- report ----------------------------------------------------------------------------------


def _mb(b) -> str:
    return "-" if b is None else f"{b / 1e6:.2f}"


def _s(x) -> str:
    return "-" if x is None else f"{x:.2f}"


def _loads(values) -> str:
    return "-" if not values else " ".join(f"{x:.1f}" for x in values)


def verdict(open_s, data, ratio, redraw_s=None, redraw_target=True) -> str:
    missed = []
    if open_s is None or open_s > TARGETS["open_to_drawn_s"]:
        missed.append("open")
    if data is None or data > TARGETS["data_bytes"]:
        missed.append("bytes")
    if ratio is None or ratio > TARGETS["ratio_to_floor"]:
        missed.append("floor")
    if redraw_target and redraw_s is not None and redraw_s > TARGETS["redraw_s"]:
        missed.append("redraw")
    return "yes" if not missed else "no (" + ", ".join(missed) + ")"


def _redraws(visit: dict) -> list[float]:
    red = visit.get("redraw") or {}
    runs = red.get("runs") or [red]
    return [r["seconds"] for r in runs if r.get("seconds") is not None]


def rows_of(results: dict) -> list[dict]:
    """The table's rows: one per page/state (its visits: the first, then again), the
    screen's slides (of the first visit) after it. Targets are checked on the worst visit."""
    floor = results["floor"]["median_s"]
    rows = []
    for name, visits in results["pages"].items():
        opens = [v.get("open") or {} for v in visits]
        seconds = [o.get("seconds") for o in opens]
        ratios = [round(x / floor, 2) if x and floor else None for x in seconds]
        datas = [(o.get("bytes") or {}).get("data") for o in opens]
        redraws = [x for v in visits for x in _redraws(v)]
        red = visits[0].get("redraw") or {}
        criterion = opens[0].get("criterion") or "timeout"
        if red:
            criterion += f"; {red['kind']}: {red.get('criterion') or 'timeout'}"
        errors = [v["error"] for v in visits if "error" in v]
        if errors:
            criterion += f"; stopped: {errors[0][:60]}"
        worst = (lambda xs: None if None in xs else max(xs))  # noqa: E731
        rows.append({
            "state": LABELS[name], "data": datas[0],
            "total": (opens[0].get("bytes") or {}).get("total"),
            "open_s": seconds, "ratio": ratios,
            "redraw_s": statistics.median(redraws) if redraws else None,
            "redraws_s": redraws, "criterion": criterion,
            "met": verdict(worst(seconds), worst(datas), worst(ratios),
                           statistics.median(redraws) if redraws else None,
                           red.get("kind") in REDRAW_TARGET),
        })
        # the screen's slides: each "opened" by the timer, timed from the start of its run
        for k, slide in enumerate(visits[0].get("slides", []), start=2):
            same = [v["slides"][k - 2] for v in visits if len(v.get("slides", [])) > k - 2]
            rows.append({"state": f"  slide {k}: {slide['title']}",
                         "data": slide.get("bytes", {}).get("data"),
                         "total": slide.get("bytes", {}).get("total"),
                         "open_s": [x["seconds"] for x in same], "ratio": [], "redraw_s": None,
                         "criterion": f"{slide.get('criterion') or slide.get('error')}, "
                                      f"from {slide['from']}", "met": "-"})
    return rows


def print_report(results: dict) -> None:
    f = results["floor"]
    print()
    print(f"floor (bare Streamlit page, median of {len(f['runs'])}): {f['median_s']:.2f} s "
          f"({', '.join(_s(x) for x in f['runs'])}); data {_mb(f['data'])} MB, "
          f"total {_mb(f['total'])} MB")
    print(f"targets: data <= {TARGETS['data_bytes'] / 1e6:.0f} MB, open -> drawn <= "
          f"{TARGETS['open_to_drawn_s']:.0f} s and <= {TARGETS['ratio_to_floor']}x the floor, "
          f"filter change or match -> redrawn <= {TARGETS['redraw_s']:.0f} s")
    head = (f"{'page / state':<34} | {'data MB':>7} | {'total MB':>8} | "
            f"{'open->drawn s':>13} | {'x floor':>11} | {'redraw s':>8} | {'target met':<26} | "
            f"drawn by")
    print(head)
    print(f"{'':<34} | {'':>7} | {'':>8} | {'first / again':>13} | {'first/again':>11} | "
          f"{'median':>8} | {'(worst visit)':<26} |")
    print("-" * len(head))
    for r in rows_of(results):
        opened = " / ".join(_s(x) for x in r["open_s"]) or "-"
        ratio = " / ".join("-" if x is None else f"{x:.1f}x" for x in r["ratio"]) or "-"
        print(f"{r['state']:<34} | {_mb(r['data']):>7} | {_mb(r['total']):>8} | "
              f"{opened:>13} | {ratio:>11} | {_s(r['redraw_s']):>8} | {r['met']:<26} | "
              f"{r['criterion']}")
    print("-" * len(head))
    print("slides: open->drawn = from the start of the slide's run to drawn (no target); "
          "data = all but Streamlit's own frontend files")
    load = results["machine"]
    print(f"load average (1, 5, 15 min) before: {_loads(load['load_before'])}, after: "
          f"{_loads(load.get('load_after'))} on {load['cpus']} cores")
    m = results.get("memory") or {}
    if m:
        print(f"app memory after all pages: RSS {_mb(m.get('VmRSS'))} MB, "
              f"peak {_mb(m.get('VmHWM'))} MB")


def visit(browser, name: str, args, facts: dict, pid: int) -> dict:
    """One visit of a page/state in a fresh browser context, once the app is quiet."""
    waited = wait_quiet(pid)
    s = Session(browser, f"http://localhost:{args.port}", args.timeout)
    entry: dict = {}
    try:
        MEASURE[name](s, facts, entry)
    except Exception as exc:  # noqa: BLE001 - report it, go on with the next
        entry["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
        with contextlib.suppress(Exception):  # what the page showed
            args.out.parent.mkdir(parents=True, exist_ok=True)
            s.page.screenshot(path=args.out.parent / f"page_scale_{name}.png")
    finally:
        s.close()
    entry["waited_for_quiet_s"] = waited
    entry["load_after"] = os.getloadavg()  # the machine is shared: a busy minute shows here
    return entry


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plots", type=int, default=100_000)
    parser.add_argument("--initiatives", type=int, default=10_000)
    parser.add_argument("--port", type=int, default=8636,
                        help="port for the app; the floor page uses port + 1")
    parser.add_argument("--keep-db", type=Path, default=None,
                        help="database file to build once and reuse between runs")
    parser.add_argument("--pages", default=",".join(PAGES),
                        help=f"comma-separated, of {','.join(PAGES)}")
    parser.add_argument("--floor-runs", type=int, default=5)
    parser.add_argument("--visits", type=int, default=2,
                        help="visits of every state: the first, then again (caches warm)")
    parser.add_argument("--timeout", type=float, default=240.0,
                        help="seconds a state may take before it counts as not drawn")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    pages = [p for p in args.pages.split(",") if p]
    if unknown := set(pages) - set(PAGES):
        parser.error(f"unknown pages: {', '.join(sorted(unknown))}")
    from playwright.sync_api import sync_playwright

    # stopped from outside: leave by the normal way, so both servers are stopped too
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    results: dict = {"machine": {"cpus": os.cpu_count(), "load_before": os.getloadavg()},
                     "args": {"plots": args.plots, "initiatives": args.initiatives},
                     "targets": TARGETS, "pages": {}}
    with tempfile.TemporaryDirectory(prefix="page_scale_") as tmp:
        work = Path(tmp)
        db_path = args.keep_db or work / "bench.duckdb"
        t0 = time.perf_counter()
        results["load"] = prepare_database(db_path, args.plots, args.initiatives, work)
        results["load"]["seconds"] = round(time.perf_counter() - t0, 1)
        print(f"data: {results['load']}", flush=True)
        facts = scenario(db_path)
        results["scenario"] = facts
        print(f"scenario: {facts}", flush=True)
        with (app_server(None, args.port + 1, work / "floor.log", FLOOR_PAGE) as floor_proc,
              app_server(db_path, args.port, work / "app.log") as proc,
              sync_playwright() as p):
            browser = launch_browser(p)
            try:
                floor_runs = []

                def floor(k: int) -> None:
                    for _ in range(k):
                        wait_quiet(floor_proc.pid)
                        floor_runs.append(measure_floor(browser, args.port + 1, args.timeout))
                        print(f"floor: {floor_runs[-1]['seconds']} s", flush=True)

                floor(args.floor_runs - args.floor_runs // 2)
                for name in pages:
                    visits = results["pages"][name] = []
                    for _ in range(args.visits):
                        visits.append(visit(browser, name, args, facts, proc.pid))
                        print(f"{name}: {json.dumps(visits[-1], default=str)[:1500]}",
                              flush=True)
                floor(args.floor_runs // 2)
                results["memory"] = memory(proc.pid)
                results["machine"]["load_after"] = os.getloadavg()
            finally:
                browser.close()
    times = [r["seconds"] for r in floor_runs if r["seconds"] is not None]
    results["floor"] = {"runs": [r["seconds"] for r in floor_runs],
                        "median_s": statistics.median(times) if times else None,
                        "data": statistics.median(r["bytes"]["data"] for r in floor_runs),
                        "total": statistics.median(r["bytes"]["total"] for r in floor_runs),
                        "detail": floor_runs}
    results["table"] = rows_of(results)
    print_report(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, default=str))
    print(f"\nwritten: {args.out}")
    return results


if __name__ == "__main__":
    main()
