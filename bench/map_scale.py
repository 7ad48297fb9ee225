"""Benchmark: the map at scale, against a plain folium GeoJson layer.

For 1,000, 10,000 and 100,000 generated plots (small polygons inside Heerlen, written to a
GeoPackage in RD New and loaded with the normal import, ``importer.import_plots``) it
measures

* the filter query (``plot_filter.filtered_plots`` without geometry, availability = available);
* the server build of what the map page sends: rows, plot layer file, folium map and the
  strings ``st_folium`` sends (at the opening view, and at close zoom in the centre);
* in the real app (``streamlit run`` on ``--port``, headless Chromium): the bytes the
  browser receives for the map (component, Leaflet, layer files, map messages) and for the
  whole page, the time from opening the page to drawn plots, the time from a filter change
  to the redrawn map, and the app's memory (VmRSS / VmHWM of the streamlit process);
* the baseline: the plots as one folium GeoJson layer with a style function and tooltip
  (what the map page did before), its build time, HTML bytes and draw time in Chromium
  (the saved HTML served from localhost, Leaflet local).

Prints both side by side with the ratio and writes ``bench/results/map_scale.json``.

Run: ``python bench/map_scale.py [--sizes 1000,10000,100000] [--port 8616] [--no-browser]``
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gebrookerbos import config, db, i18n
from gebrookerbos.domain import plot_filter, plots
from gebrookerbos.domain.auth import COMMAND_LINE
from gebrookerbos.maps import layers
from gebrookerbos.maps.plot_map import (
    Basemap,
    MapOptions,
    build_map,
    plot_layer_group,
    selection_group,
)
from gebrookerbos.maps.style import ColourBy, plot_colour
from gebrookerbos.services import bootstrap, importer

ROOT = Path(__file__).resolve().parents[1]  # the checkout
RESULTS = ROOT / "bench" / "results" / "map_scale.json"
SIZES = (1_000, 10_000, 100_000)
CHROMIUM = os.environ.get("GEBROOKERBOS_CHROMIUM", "/usr/bin/chromium")
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
TARGETS = {"bytes": 3_000_000, "build_s": 1.0, "filter_redraw_s": 2.0, "open_to_drawn_s": 8.0,
           "rss_bytes": 1_000_000_000, "build_s_10000": 0.3}
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


# --- server side -----------------------------------------------------------------------------


def best_of(fn, repeat: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def component_strings(fmap: folium.Map, groups: list[folium.FeatureGroup]) -> dict[str, str]:
    """What ``st_folium`` sends to the browser for this map and these layers."""
    import streamlit_folium as sf

    fmap.get_root().render()
    fmap.render()
    out = {"html": sf._get_html(fmap), "header": sf._get_header(fmap),
           "script": sf._get_map_string(fmap)}
    out["feature_group"] = "".join(
        sf._get_feature_group_string(g, map=fmap, idx=i) for i, g in enumerate(groups))
    out["layer_control"] = sf._get_layer_control_string(folium.LayerControl(), fmap)
    return out


def page_build(con, flt: plot_filter.PlotFilter, view: layers.Viewport | None,
               static_dir: Path) -> dict:
    """Build what the map page sends (as pages/kaart.py does, without the Streamlit cache)."""
    shown = plot_filter.filtered_plots(con, flt, geometry=False)
    layer = layers.plot_layer(con, shown, ColourBy.AVAILABILITY, "nl", view,
                                static_dir=static_dir)
    fmap = build_map(
        None, plots.municipality_bounds(con),
        MapOptions(basemap=Basemap.PDOK, layer_control=False),
        buurten=plots.boundaries(con, "buurt"), wijken=plots.boundaries(con, "wijk"),
    )
    strings = component_strings(fmap, [plot_layer_group(layer, "nl"), selection_group(None)])
    return {"layer": layer, "component_bytes": sum(len(s.encode()) for s in strings.values())}


def measure_server(con, n: int, static_dir: Path) -> dict:
    bounds = plots.municipality_bounds(con)
    flt = plot_filter.PlotFilter(availabilities=("available",))
    t_filter, rows = best_of(lambda: plot_filter.filtered_plots(con, flt, geometry=False))
    out: dict = {"filter_query_s": round(t_filter, 4), "filtered": len(rows)}
    cx, cy = (bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2
    views = {
        "open": None,  # the first run of the page: no view reported yet
        "close_z17": layers.Viewport(cx - 0.0047, cy - 0.0012, cx + 0.0047, cy + 0.0012, 17),
    }
    for name, view in views.items():
        t_build, built = best_of(lambda v=view: page_build(con, plot_filter.PlotFilter(), v,
                                                           static_dir))
        layer = built["layer"]
        out[name] = {
            "build_s": round(t_build, 4), "mode": layer.mode, "drawn": layer.drawn,
            "layer_bytes": layer.nbytes, "component_bytes": built["component_bytes"],
            "bytes": layer.nbytes + built["component_bytes"],
        }
    return out


def plots_feature_collection(plots: pd.DataFrame, colour_by: ColourBy, lang: str) -> dict:
    """The plots as one GeoJSON FeatureCollection with display properties: what the map
    page sent before the layer files (the baseline)."""
    features = []
    for row in plots.to_dict("records"):
        status = i18n.label("availability", row["availability"], lang)
        if isinstance(row.get("stage"), str):
            status = f"{status} · {i18n.label('stage', row['stage'], lang)}"
        features.append({
            "type": "Feature", "geometry": json.loads(row["geojson"]),
            "properties": {"plot_id": row["plot_id"], "name": row["name"],
                           "area": i18n.format_area(row["area_m2"]), "status": status,
                           "fill": plot_colour(row, colour_by)},
        })
    return {"type": "FeatureCollection", "features": features}


def baseline_map(rows: pd.DataFrame, bounds, buurten, wijken, lang: str = "nl") -> folium.Map:
    """The map as it was built before: one folium GeoJson layer, a style per feature."""
    m = build_map(None, bounds, MapOptions(basemap=Basemap.PDOK, lang=lang, layer_control=False),
                  buurten=buurten, wijken=wijken)
    folium.GeoJson(
        plots_feature_collection(rows, ColourBy.AVAILABILITY, lang),
        name=i18n.t("map.layer_plots", lang),
        style_function=lambda f: {"fillColor": f["properties"]["fill"], "color": "#222222",
                                  "weight": 1, "fillOpacity": 0.75},
        highlight_function=lambda f: {"weight": 3, "color": "#000000"},
        tooltip=folium.GeoJsonTooltip(
            fields=["name", "area", "status"],
            aliases=[i18n.t("plot.name", lang), i18n.t("plot.area_m2", lang),
                     i18n.t("plot.status", lang)],
        ),
    ).add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    return m


def measure_baseline(con, html_path: Path) -> dict:
    bounds = plots.municipality_bounds(con)
    t0 = time.perf_counter()
    rows = plot_filter.filtered_plots(con)
    html = baseline_map(rows, bounds, plots.boundaries(con, "buurt"),
                        plots.boundaries(con, "wijk")).get_root().render()
    t_build = time.perf_counter() - t0
    html_path.write_text(html, encoding="utf-8")
    return {"build_s": round(t_build, 3), "bytes": len(html.encode())}


# --- in the browser --------------------------------------------------------------------------


def _free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


@contextlib.contextmanager
def app_server(db_path: Path, port: int, log: Path) -> Iterator[subprocess.Popen]:
    """The dashboard on ``port`` (``streamlit run``), on the given database."""
    if not _free(port):
        raise RuntimeError(f"port {port} is in use")
    env = {**os.environ, "GEBROOKERBOS_DB": str(db_path)}
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
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


def _plots_state(page) -> str:
    return page.frame_locator(MAP_FRAME).locator("#map_div").get_attribute("data-plots") or ""


def _wait_plots(page, count: int, timeout_s: float) -> str:
    """Wait until the map says it has drawn ``count`` plots (as outlines or dots);
    returns what it says ("detail:n" or "points:n")."""
    t0 = time.perf_counter()
    state = ""
    while time.perf_counter() - t0 < timeout_s:
        with contextlib.suppress(Exception):  # the frame may be (re)loading
            if page.frame_locator(MAP_FRAME).locator("#map_div").count():
                state = _plots_state(page)
                if state.endswith(f":{count}"):
                    return state
        page.wait_for_timeout(50)
    raise TimeoutError(f"map not drawn with {count} plots within {timeout_s} s "
                       f"(last: {state!r})")


def open_availability(page, label: str):
    """Open the sidebar's availability filter (a Streamlit multiselect); returns the option
    ``label``, ready to be clicked: that click is the filter change."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has_text="Beschikbaarheid")
    box.locator("input").click()
    option = page.get_by_role("option", name=label, exact=True)
    option.wait_for()
    return option


def measure_app(db_path: Path, port: int, n: int, n_available: list[tuple[str, int]],
                workdir: Path) -> dict:
    """The app in Chromium; ``n_available``: (option to add, plots shown after) per filter
    change, measured one after the other (the median is reported)."""
    from playwright.sync_api import sync_playwright

    log = workdir / f"app_{n}.log"
    with app_server(db_path, port, log) as proc, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--no-sandbox", "--disable-gpu"])
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
                ("http://localhost", "http://127.0.0.1", "ws://localhost", "data:", "blob:",
                 "about:")) else r.abort())
            page = context.new_page()
            traffic = Traffic(page)
            t0 = time.perf_counter()
            page.goto(f"http://localhost:{port}/")
            open_state = _wait_plots(page, n, 120)
            open_s = time.perf_counter() - t0
            page.wait_for_timeout(3000)  # let the first view report and rerun settle
            opened = traffic.totals()
            traffic.reset()
            redraws = []
            for label, count in n_available:  # one more availability each time
                option = open_availability(page, label)
                t0 = time.perf_counter()
                option.click()
                filter_state = _wait_plots(page, count, 60)
                redraws.append(round(time.perf_counter() - t0, 2))
                page.keyboard.press("Escape")
                page.wait_for_timeout(1500)
                if len(redraws) == 1:
                    changed = traffic.totals()
            redraw_s = statistics.median(redraws)
            mem = memory(proc.pid)
        finally:
            browser.close()
    return {"open_to_drawn_s": round(open_s, 2), "filter_redraw_s": round(redraw_s, 2),
            "filter_redraws_s": redraws,
            "drawn_on_open": open_state, "drawn_after_filter": filter_state,
            "open": opened, "filter_change": changed, "rss_bytes": mem.get("VmRSS"),
            "peak_rss_bytes": mem.get("VmHWM")}


def measure_baseline_browser(html_path: Path, n: int, port: int, timeout_s: float) -> dict:
    """Draw time of the saved baseline HTML, served from localhost with Leaflet local."""
    from playwright.sync_api import sync_playwright

    site = html_path.parent / "site"
    (site / "app").mkdir(parents=True, exist_ok=True)
    link = site / "app" / "static"
    if not link.exists():
        link.symlink_to(ROOT / "static")  # what the app serves
    shutil.copyfile(html_path, site / "index.html")
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM,
                                        args=["--no-sandbox", "--disable-gpu"])
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
                    ("http://127.0.0.1", "http://localhost", "data:", "about:"))
                    else r.abort())
                t0 = time.perf_counter()
                page.goto(f"http://127.0.0.1:{port}/index.html", timeout=timeout_s * 1000)
                page.wait_for_function(
                    "n => document.querySelectorAll('path.leaflet-interactive').length >= n",
                    arg=n, timeout=timeout_s * 1000, polling=100)
                return {"open_to_drawn_s": round(time.perf_counter() - t0, 2)}
            except Exception as exc:  # noqa: BLE001 - report a timeout as a figure
                return {"open_to_drawn_s": None, "error": str(exc).splitlines()[0][:200]}
            finally:
                browser.close()
    finally:
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # noqa: D102
        pass


# --- report ----------------------------------------------------------------------------------


def _mb(b: float | None) -> str:
    return "-" if b is None else f"{b / 1e6:.2f} MB"


def _s(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f} s"


def _ratio(base: float | None, ours: float | None) -> str:
    if not base or not ours:
        return "-"
    return f"{base / ours:.0f}x" if base / ours >= 10 else f"{base / ours:.1f}x"


def print_report(results: dict) -> None:
    print()
    print(f"{'plots':>8} | {'measure':<34} | {'this map':>12} | {'baseline':>12} | {'ratio':>6}")
    print("-" * 86)
    for n, r in results["sizes"].items():
        s, b, app = r["server"], r["baseline"], r.get("app") or {}
        rows = [
            ("filter query", _s(s["filter_query_s"]), "", ""),
            ("build (opening view)", _s(s["open"]["build_s"]), _s(b["build_s"]),
             _ratio(b["build_s"], s["open"]["build_s"])),
            ("build (close zoom, z17)", _s(s["close_z17"]["build_s"]), "", ""),
            (f"sent for the map, open ({s['open']['mode']})", _mb(s["open"]["bytes"]),
             _mb(b["bytes"]), _ratio(b["bytes"], s["open"]["bytes"])),
            ("sent for the map, close zoom", _mb(s["close_z17"]["bytes"]), "", ""),
        ]
        if app:
            rows += [
                ("browser received for the map", _mb(app["open"]["map_bytes"]), "",
                 ""),
                ("  (decoded, before gzip)", _mb(app["open"]["map_bytes_decoded"]), "", ""),
                ("browser received, whole page", _mb(app["open"]["page_bytes"]), "", ""),
                ("open page -> plots drawn", _s(app["open_to_drawn_s"]),
                 _s(b.get("open_to_drawn_s")),
                 _ratio(b.get("open_to_drawn_s"), app["open_to_drawn_s"])),
                ("filter change -> map redrawn (median)", _s(app["filter_redraw_s"]),
                 " ".join(f"{x:.1f}" for x in app["filter_redraws_s"]), ""),
                ("app memory (RSS / peak)",
                 f"{_mb(app['rss_bytes'])}", f"peak {_mb(app['peak_rss_bytes'])}", ""),
            ]
        for label, ours, base, ratio in rows:
            print(f"{n:>8} | {label:<34} | {ours:>12} | {base:>12} | {ratio:>6}")
        print("-" * 86)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)),
                        help="comma-separated plot counts (default 1000,10000,100000)")
    parser.add_argument("--port", type=int, default=8616,
                        help="port for the app; the baseline page uses port + 1")
    parser.add_argument("--no-browser", action="store_true", help="server figures only")
    parser.add_argument("--baseline-timeout", type=float, default=240.0,
                        help="seconds to wait for the baseline to draw in Chromium")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]

    results: dict = {"machine": {"cpus": os.cpu_count()}, "targets": TARGETS, "sizes": {}}
    with tempfile.TemporaryDirectory(prefix="map_scale_") as tmp:
        work = Path(tmp)
        for n in sizes:
            print(f"== {n} plots", flush=True)
            db_path = work / f"bench_{n}.duckdb"
            entry: dict = {"load": build_database(db_path, n, work)}
            print(f"   loaded: {entry['load']}", flush=True)
            con = db.connect(db_path, read_only=True)
            try:
                entry["server"] = measure_server(con, n, work / "static")
                print(f"   server: {entry['server']}", flush=True)
                n_available = [
                    (label, len(plot_filter.filtered_plots(
                        con, plot_filter.PlotFilter(availabilities=AVAILABILITY[:k]), geometry=False)))
                    for k, label in enumerate(("Beschikbaar", "Beschikbaar of niet beschikbaar"), 1)
                ]
                entry["baseline"] = measure_baseline(con, work / f"baseline_{n}.html")
            finally:
                con.close()
            if not args.no_browser:
                entry["baseline"].update(measure_baseline_browser(
                    work / f"baseline_{n}.html", n, args.port + 1, args.baseline_timeout))
                entry["app"] = measure_app(db_path, args.port, n, n_available, work)
            print(f"   baseline: {entry['baseline']}", flush=True)
            if "app" in entry:
                print(f"   app: {entry['app']}", flush=True)
            results["sizes"][str(n)] = entry
    print_report(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    print(f"\nwritten: {args.out}")
    return results


if __name__ == "__main__":
    main()
