"""What the benchmarks share: generated plots loaded through the normal import, the app
served by ``streamlit run``, and the browser side (an offline Chromium context, the bytes a
page receives, the map's drawn state).

Used by ``bench/map_scale.py`` and ``bench/page_scale.py`` (and ``tests/test_map_scale.py``
through ``bench.map_scale.build_database``).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from gebrookerbos import config, db, i18n
from gebrookerbos.domain.auth import COMMAND_LINE
from gebrookerbos.services import bootstrap, importer

ROOT = Path(__file__).resolve().parents[1]  # the checkout
CHROMIUM = os.environ.get("GEBROOKERBOS_CHROMIUM", "/usr/bin/chromium")
MAP_FRAME = 'iframe[src*="streamlit_folium"]'  # the component frame (its title names the map)
# what an offline page may reach: the app on this machine
LOCAL = ("http://localhost", "http://127.0.0.1", "ws://localhost", "ws://127.0.0.1", "data:",
         "blob:", "about:")
# a new plot is available or unavailable: reserved and in use come from initiatives
AVAILABILITY = ("available", "unavailable")
AVAILABILITY_WEIGHTS = (0.7, 0.3)


# --- data ------------------------------------------------------------------------------------


def municipality() -> shapely.Geometry:
    """Heerlen (CBS 2024) in RD New."""
    frame = gpd.read_file(ROOT / "geodata" / "heerlen_gemeente_2024.geojson")
    return frame.to_crs(config.RD_NEW).geometry.iloc[0]


def generate_plots(n: int, seed: int = 8) -> gpd.GeoDataFrame:
    """``n`` small plots inside Heerlen in RD New, vectorised and without overlaps.

    One plot per cell of a square grid laid over the municipality (cells chosen at random
    among those well inside it); each plot is an irregular polygon of 4 to 12 vertices
    within its cell, so no two plots overlap. Sizes follow from the density: at 100,000
    plots (a plot per 400 m² of Heerlen) they are 50-300 m², at 1,000 plots 5,000-30,000 m².
    """
    rng = np.random.default_rng(seed)
    area = municipality()
    cell = float(np.sqrt(area.area / (n * 1.15)))
    minx, miny, maxx, maxy = area.bounds
    xs, ys = np.meshgrid(np.arange(minx + cell / 2, maxx, cell),
                         np.arange(miny + cell / 2, maxy, cell))
    xs, ys = xs.ravel(), ys.ravel()
    inside = shapely.contains_xy(area.buffer(-cell * 0.55), xs, ys)
    xs, ys = xs[inside], ys[inside]
    if len(xs) < n:
        raise ValueError(f"only {len(xs)} cells for {n} plots")
    pick = np.sort(rng.choice(len(xs), size=n, replace=False))
    cx, cy = xs[pick], ys[pick]
    k = rng.integers(4, 13, size=n)  # vertices per plot
    ring = k + 1
    idx = np.repeat(np.arange(n), ring)
    start = np.concatenate([[0], np.cumsum(ring)[:-1]])
    pos = np.arange(int(ring.sum())) - np.repeat(start, ring)
    kk = np.repeat(k, ring)
    step = 2 * np.pi / kk
    angle = (np.repeat(rng.uniform(0, 2 * np.pi, n), ring) + pos * step
             + rng.uniform(-0.3, 0.3, len(pos)) * step)
    radius = np.repeat(rng.uniform(0.3, 0.48, n) * cell, ring) * rng.uniform(0.8, 1.0, len(pos))
    px = np.repeat(cx, ring) + radius * np.cos(angle)
    py = np.repeat(cy, ring) + radius * np.sin(angle)
    last = pos == kk
    px[last], py[last] = px[start], py[start]
    geoms = shapely.polygons(shapely.linearrings(np.column_stack([px, py]), indices=idx))
    return gpd.GeoDataFrame(
        {
            "plot_id": [f"BM-{i:06d}" for i in range(1, n + 1)],
            "naam": [f"Testkavel {i}" for i in range(1, n + 1)],
            "beschikbaarheid": rng.choice(AVAILABILITY, n, p=AVAILABILITY_WEIGHTS),
            "eigenaar_type": rng.choice(["gemeente", "woningcorporatie", "particulier"], n),
            "bestemming": rng.choice(["groen", "wonen", "maatschappelijk", "bedrijven"], n),
        },
        geometry=geoms,
        crs=config.RD_NEW,
    )


def build_database(path: Path, n: int, workdir: Path) -> dict:
    """A fresh database (CBS geography, no demo data) with ``n`` plots, imported from a
    GeoPackage through ``importer.import_plots``; returns timings."""
    path.unlink(missing_ok=True)
    t0 = time.perf_counter()
    frame = generate_plots(n)
    gpkg = workdir / f"plots_{n}.gpkg"
    gpkg.unlink(missing_ok=True)
    frame.to_file(gpkg, layer="kavels", driver="GPKG")
    t_file = time.perf_counter() - t0
    con = db.connect(path)
    try:
        bootstrap.initialise(con, demo=False)
        t0 = time.perf_counter()
        report = importer.import_plots(con, gpkg, actor=COMMAND_LINE)
        t_import = time.perf_counter() - t0
        if not report.ok or report.imported != n:
            raise RuntimeError(f"import refused: {report.summary('en')}")
    finally:
        con.close()
    return {"generate_and_write_s": round(t_file, 3), "import_s": round(t_import, 3),
            "file_bytes": gpkg.stat().st_size}


# --- in the browser --------------------------------------------------------------------------


def port_free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


@contextlib.contextmanager
def app_server(db_path: Path | None, port: int, log: Path,
               script: Path = ROOT / "dashboard.py") -> Iterator[subprocess.Popen]:
    """``streamlit run script`` on ``port`` (the dashboard by default, on the given database),
    with the flags every benchmark uses; stopped when the block ends."""
    if not port_free(port):
        raise RuntimeError(f"port {port} is in use")
    env = dict(os.environ)
    if db_path is not None:
        env["GEBROOKERBOS_DB"] = str(db_path)
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script),
             "--server.port", str(port), "--server.headless", "true",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.time() + 90
            while True:
                try:
                    with urllib.request.urlopen(
                            f"http://localhost:{port}/_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    if time.time() > deadline or proc.poll() is not None:
                        raise RuntimeError(f"the app did not start; see {log}") from None
                    time.sleep(0.3)
            yield proc
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


def launch_browser(playwright):
    """Headless Chromium as the benchmarks use it."""
    return playwright.chromium.launch(executable_path=CHROMIUM,
                                      args=["--no-sandbox", "--disable-gpu"])


def offline_context(browser, **options):
    """A fresh browser context (empty cache) that can reach nothing but localhost."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, **options)
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(LOCAL) else r.abort())
    return context


def memory(pid: int) -> dict:
    """VmRSS and VmHWM (peak) of a process, in bytes."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) * 1024
    return fields


class Traffic:
    """Bytes the page received: HTTP bodies (as transferred) and websocket frames."""

    def __init__(self, page) -> None:
        self.requests: list = []
        self.frames: list[bytes] = []
        page.on("requestfinished", lambda req: self.requests.append(req))
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload) -> None:
        self.frames.append(payload if isinstance(payload, bytes) else payload.encode())

    def reset(self) -> None:
        self.requests.clear()
        self.frames.clear()

    def totals(self) -> dict:
        http_all = http_map = decoded_map = 0
        for req in list(self.requests):
            try:
                size = req.sizes()["responseBodySize"]
                body = len(req.response().body()) if req.response() else 0
            except Exception:  # noqa: BLE001 - a request of a closed frame
                continue
            http_all += size
            if "/component/streamlit_folium" in req.url or "/app/static/" in req.url:
                http_map += size
                decoded_map += body
        ws_all = sum(len(f) for f in self.frames)
        ws_map = sum(len(f) for f in self.frames if b"streamlit_folium" in f)
        return {"map_bytes": http_map + ws_map, "map_bytes_decoded": decoded_map + ws_map,
                "page_bytes": http_all + ws_all, "ws_map_bytes": ws_map}

    def split(self) -> dict:
        """Bytes received (HTTP bodies as transferred, websocket frames) by kind:
        ``framework`` is Streamlit's own frontend (the page document, ``/static/``,
        ``/_stcore/``), which every page loads, the bare floor page too; ``data`` is the
        rest: websocket messages (elements, tables, charts), components, the app's static
        files (Leaflet, the plot layer files) and media."""
        framework = http_data = 0
        for req in list(self.requests):
            try:
                size = req.sizes()["responseBodySize"]
                top = req.resource_type == "document" and req.frame.parent_frame is None
            except Exception:  # noqa: BLE001 - a request of a closed frame
                continue
            path = urllib.parse.urlsplit(req.url).path
            if top or path.startswith(("/static/", "/_stcore/")) or path == "/favicon.png":
                framework += size
            else:
                http_data += size
        ws = sum(len(f) for f in self.frames)
        return {"framework": framework, "http_data": http_data, "websocket": ws,
                "data": http_data + ws, "total": framework + http_data + ws}


def plots_state(page) -> str:
    return page.frame_locator(MAP_FRAME).locator("#map_div").get_attribute("data-plots") or ""


def wait_plots(page, count: int, timeout_s: float) -> str:
    """Wait until the map says it has drawn ``count`` plots (as outlines or dots);
    returns what it says ("detail:n" or "points:n")."""
    t0 = time.perf_counter()
    state = ""
    while time.perf_counter() - t0 < timeout_s:
        with contextlib.suppress(Exception):  # the frame may be (re)loading
            if page.frame_locator(MAP_FRAME).locator("#map_div").count():
                state = plots_state(page)
                if state.endswith(f":{count}"):
                    return state
        page.wait_for_timeout(50)
    raise TimeoutError(f"map not drawn with {count} plots within {timeout_s} s "
                       f"(last: {state!r})")


def open_availability(page, label: str):
    """Open the sidebar's availability filter (a Streamlit multiselect); returns the option
    ``label``, ready to be clicked: that click is the filter change."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has_text=i18n.t("filter.availability", "nl"))
    return open_list(page, lambda: box.locator("input").click(timeout=5000),
                     page.get_by_role("option", name=label, exact=True))


def open_list(page, click, option, timeout_s: float = 30.0):
    """Click (``click()``) until ``option`` shows: a rerun that comes in just then (a map
    reporting its view) closes a list that was opening. Returns ``option``."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    deadline = time.perf_counter() + timeout_s
    while True:
        try:
            click()
            option.wait_for(timeout=3000)
            return option
        except PlaywrightTimeout:
            if time.perf_counter() > deadline:
                raise
            page.keyboard.press("Escape")
