"""Benchmark: page Kaart at a million plots; three ways to draw the overview, measured.

The requirement: with 1,000,000 plots, Kaart receives at most 5 MB and has drawn them within
10 s; a close-in zoom shows full outlines within 2 s; a filter change does not send
everything again. The plots are generated and imported as in ``bench/map_scale.py``
(``build_database``: a GeoPackage in RD New through ``importer.import_plots``). For each
size (default 100,000 and 1,000,000) this measures, for the opening view (all of Heerlen in
a 1000 x 560 px map: zoom 12, the fit, and zoom 13):

(a) **points file**, today's overview (``layers.points_payload``): a point, a colour digit
    and the id per plot; its bytes with and without the ids, raw and gzip'd (the app's server
    gzips ``/app/static`` at level 5), and the server time to build it;
(b) **vector tiles**: DuckDB spatial's ``ST_AsMVT`` / ``ST_AsMVTGeom`` / ``ST_TileEnvelope``
    over the tiles that cover the view (Streamlit has no tile endpoint, so they would be
    written as files): the plots as points and as outlines, each with an integer feature id
    (what a click needs), bytes raw and gzip'd, and the time to build them;
(c) **dot raster**: the shown plots as dots in one palette PNG (``maps.overview.render_dots``)
    over Heerlen's box at the view's zoom: bytes, build time, again after a filter change,
    how faithfully its pixels show the colour mix, and the time to answer a click
    (``overview.nearest``).

The close-in view (zoom 17, 1000 x 560 px in the centre) is measured for today's detail
layer (``layers.plot_layer``, the same with (a) and (c)) and for outline tiles (b).

Then the real app in headless Chromium (``streamlit run``; network outside localhost
blocked): bytes received for the map, open page -> plots drawn (the map's ``#map_div``
gets ``data-plots="<mode>:<n>"``), zoom in close on a plot -> its outlines drawn
(``detail:<k>``), and a filter change -> redrawn, with the bytes it cost. The app meets the
targets only once it draws the overview as a raster; until then this reports what it does.

Prints a comparison table and writes ``bench/results/million_scale.json``.

Run: ``python bench/million_scale.py [--sizes 100000,1000000] [--keep-db DIR] [--port 8626]
[--no-browser]``. ``--keep-db DIR`` keeps the generated databases in DIR
(``plots_<n>.duckdb``) and reuses them on the next run (the 1M build takes about a minute
and 4 GB of memory).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import gzip
import io
import json
import math
import multiprocessing
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from PIL import Image

if __package__ in (None, ""):  # run as a script: the checkout's bench package
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (  # noqa: E402
    CHROMIUM,
    MAP_FRAME,
    Traffic,
    app_server,
    build_database,
    memory,
    open_availability,
)
from bench.common import wait_plots as _wait_plots  # noqa: E402
from bench.map_scale import best_of  # noqa: E402
from gebrookerbos import db  # noqa: E402
from gebrookerbos.domain import plot_filter, plots  # noqa: E402
from gebrookerbos.maps import layers, overview  # noqa: E402
from gebrookerbos.maps.style import ColourBy  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]  # the checkout
RESULTS = ROOT / "bench" / "results" / "million_scale.json"
SIZES = (100_000, 1_000_000)
TARGETS = {"bytes": 5_000_000, "open_to_drawn_s": 10.0, "close_detail_s": 2.0}
MAP_PX = (1000, 560)  # the map on page Kaart, as the requirement puts it
CLOSE_ZOOM = 17
GZIP_LEVEL = 5  # what Streamlit's server applies to /app/static (starlette_server_config)
COLOUR_BY = ColourBy.AVAILABILITY
TILE_EXTENT, TILE_BUFFER = 4096, 64

# Vector tiles. Measured here, not used by the app (so the SQL stays in the benchmark):
# the plots in Web Mercator with their bounding boxes, once; then one ST_AsMVT per tile.
MVT_PREPARE = """
CREATE OR REPLACE TEMP TABLE mvt_plots AS
SELECT k, c, geom, pt, ST_XMin(geom) AS x0, ST_XMax(geom) AS x1,
       ST_YMin(geom) AS y0, ST_YMax(geom) AS y1
FROM (
    SELECT s.k, s.c,
           ST_Transform(p.geom, 'EPSG:28992', 'EPSG:3857', always_xy := true) AS geom,
           ST_Transform(ST_PointOnSurface(p.geom), 'EPSG:28992', 'EPSG:3857',
                        always_xy := true) AS pt
    FROM plots p JOIN mvt_shown s USING (plot_id)
)
"""
MVT_TILE = """
SELECT ST_AsMVT(f, 'plots', {extent}, 'geometry', 'k'), count(*)
FROM (
    SELECT {{'geometry': ST_AsMVTGeom({column}, ST_Extent(ST_TileEnvelope($z, $x, $y)),
                                      {extent}, {buffer}, true),
             'k': k, 'c': c}} AS f
    FROM mvt_plots, (SELECT ST_Extent(ST_TileEnvelope($z, $x, $y)) AS e)
    WHERE x1 >= ST_XMin(e) AND x0 <= ST_XMax(e) AND y1 >= ST_YMin(e) AND y0 <= ST_YMax(e)
)
WHERE f.geometry IS NOT NULL
"""


# --- the database ----------------------------------------------------------------------------


def _build(path: str, n: int, workdir: str) -> dict:
    return build_database(Path(path), n, Path(workdir))


def database(n: int, keep: Path | None, work: Path) -> tuple[Path, dict]:
    """The database with ``n`` generated plots: reused from ``keep`` when it holds it, else
    built (in a child process, so its peak memory can be told)."""
    folder = keep or work
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"plots_{n}.duckdb"
    if path.exists():
        with contextlib.suppress(Exception):
            con = db.connect(path)
            try:
                if con.execute("SELECT count(*) FROM plots").fetchone()[0] == n:
                    # a file kept from an older schema is brought up to date, as the app does
                    db.ensure_schema(con)
                    return path, {"reused": str(path)}
            finally:
                con.close()
    t0 = time.perf_counter()
    spawn = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=spawn) as pool:
        load = pool.submit(_build, str(path), n, str(work)).result()
    load["build_s"] = round(time.perf_counter() - t0, 1)
    # the largest child so far: the build (the app server is started later)
    load["build_peak_rss_bytes"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    (work / f"plots_{n}.gpkg").unlink(missing_ok=True)
    return path, load


# --- views -----------------------------------------------------------------------------------


def _wx(lon: float) -> float:
    return (lon + 180.0) / 360.0


def _wy(lat: float) -> float:
    return 0.5 - math.asinh(math.tan(math.radians(lat))) / (2 * math.pi)


def _lon(x: float) -> float:
    return x * 360.0 - 180.0


def _lat(y: float) -> float:
    return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y))))


def fit_zoom(box: tuple[float, float, float, float], size=MAP_PX) -> int:
    """The zoom Leaflet's fitBounds picks for ``box`` in a map of ``size`` pixels."""
    west, south, east, north = box
    span_x, span_y = _wx(east) - _wx(west), _wy(south) - _wy(north)
    return int(math.floor(min(math.log2(size[0] / (256 * span_x)),
                              math.log2(size[1] / (256 * span_y)))))


def view_box(lon: float, lat: float, zoom: int, size=MAP_PX) -> tuple[float, float, float, float]:
    """The WGS84 box a map of ``size`` pixels shows around (lon, lat) at ``zoom``."""
    scale = 256 * 2**zoom
    cx, cy = _wx(lon) * scale, _wy(lat) * scale
    return (_lon((cx - size[0] / 2) / scale), _lat((cy + size[1] / 2) / scale),
            _lon((cx + size[0] / 2) / scale), _lat((cy - size[1] / 2) / scale))


def tiles_of(box: tuple[float, float, float, float], zoom: int) -> list[tuple[int, int, int]]:
    """The 256 px tiles (z, x, y) that cover ``box``."""
    west, south, east, north = box
    n = 2**zoom
    xs = range(int(_wx(west) * n), int(_wx(east) * n) + 1)
    ys = range(int(_wy(north) * n), int(_wy(south) * n) + 1)
    return [(zoom, x, y) for x in xs for y in ys]


# --- the three overviews -----------------------------------------------------------------------


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, GZIP_LEVEL))


def measure_points(con, shown: pd.DataFrame, labels: pd.DataFrame) -> dict:
    """(a) today's points file: what the browser gets, with and without the ids."""
    t_build, text = best_of(lambda: layers.points_payload(con, shown, COLOUR_BY, labels), 2)
    data = text.encode()
    payload = json.loads(text)
    payload.pop("ids")
    no_ids = json.dumps(payload, separators=(",", ":")).encode()
    return {"build_s": round(t_build, 3), "bytes": len(data), "bytes_gzip": _gz(data),
            "bytes_no_ids": len(no_ids), "bytes_no_ids_gzip": _gz(no_ids),
            "bytes_per_plot": round(len(data) / max(len(shown), 1), 1)}


def prepare_tiles(con, shown: pd.DataFrame) -> float:
    """The shown plots in Web Mercator for tiling (once per data and filter); seconds."""
    frame = pd.DataFrame({"plot_id": shown["plot_id"].to_numpy(),
                          "k": np.arange(len(shown), dtype=np.int32),
                          "c": layers.colour_indices(shown, COLOUR_BY).astype(np.int32)})
    t0 = time.perf_counter()
    con.register("mvt_shown", frame)
    con.execute(MVT_PREPARE)
    con.unregister("mvt_shown")
    return time.perf_counter() - t0


def measure_tiles(con, tiles: list[tuple[int, int, int]], column: str) -> dict:
    """(b) the vector tiles over a view; ``column``: ``pt`` (points) or ``geom`` (outlines)."""
    sql = MVT_TILE.format(column=column, extent=TILE_EXTENT, buffer=TILE_BUFFER)
    t0 = time.perf_counter()
    raw = gz = written = 0
    for z, x, y in tiles:
        blob, features = con.execute(sql, {"z": z, "x": x, "y": y}).fetchone()
        if features:  # an empty tile is not written (the browser gets a 404)
            data = bytes(blob)
            raw, gz, written = raw + len(data), gz + _gz(data), written + 1
    return {"build_s": round(time.perf_counter() - t0, 2), "tiles": len(tiles),
            "tiles_with_plots": written, "bytes": raw, "bytes_gzip": gz}


def pixel_shares(raster: overview.Raster, palette: list[str]) -> list[float]:
    """The share of the painted pixels in each palette colour."""
    rgba = np.asarray(Image.open(io.BytesIO(raster.png)).convert("RGBA"))
    painted = rgba[rgba[..., 3] > 0][:, :3]
    rgb = [[int(c[i:i + 2], 16) for i in (1, 3, 5)] for c in palette]
    return [round(float(np.all(painted == v, axis=1).mean()), 3) if len(painted) else 0.0
            for v in rgb]


def measure_raster(lon, lat, colour, box, zoom: int) -> dict:
    """(c) the dot raster over ``box`` at ``zoom``."""
    palette = layers.palette(COLOUR_BY)
    t_build, raster = best_of(
        lambda: overview.render_dots(lon, lat, colour, palette, box, zoom), 3)
    return {"build_s": round(t_build, 3), "bytes": len(raster.png), "width": raster.width,
            "height": raster.height, "drawn": raster.drawn,
            "pixel_shares": pixel_shares(raster, palette)}


def measure_server(con, n: int, static_dir: Path) -> dict:
    out: dict = {}
    t, shown = best_of(lambda: plot_filter.filtered_plots(con, geometry=False), 2)
    out["filter_query_s"] = round(t, 3)
    t, labels = best_of(lambda: layers.label_points(con), 2)
    out["label_points_s"] = round(t, 3)  # the app caches these (the same for every filter)
    where = pd.Index(labels["plot_id"]).get_indexer(shown["plot_id"])
    lon, lat = labels["lon"].to_numpy()[where], labels["lat"].to_numpy()[where]
    colour = layers.colour_indices(shown, COLOUR_BY)
    out["plot_shares"] = [round(float((colour == k).mean()), 3)
                          for k in range(len(layers.palette(COLOUR_BY)))]

    box = plots.municipality_bounds(con)
    zoom = fit_zoom(box)
    centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    views = {f"open_z{zoom}": (view_box(*centre, zoom), zoom),
             f"open_z{zoom + 1}": (view_box(*centre, zoom + 1), zoom + 1)}
    close = view_box(*centre, CLOSE_ZOOM)
    out["views"] = {"fit_zoom": zoom, "box": box, "close_box": close, "map_px": MAP_PX}

    print("   (a) points file", flush=True)
    out["points"] = measure_points(con, shown, labels)

    print("   (b) vector tiles", flush=True)
    tiles: dict = {"prepare_s": round(prepare_tiles(con, shown), 2)}
    for name, (vbox, z) in views.items():
        tiles[name] = {"points": measure_tiles(con, tiles_of(vbox, z), "pt")}
        if z == zoom:  # outlines far out: the slowest case, measured once
            tiles[name]["outlines"] = measure_tiles(con, tiles_of(vbox, z), "geom")
    tiles["close_z17"] = {"outlines": measure_tiles(con, tiles_of(close, CLOSE_ZOOM), "geom")}
    out["tiles"] = tiles

    print("   (c) dot raster", flush=True)
    raster: dict = {}
    for name, (_vbox, z) in views.items():
        raster[name] = measure_raster(lon, lat, colour, box, z)
    available = (shown["availability"] == "available").to_numpy()

    def after_filter():  # what a filter change costs: the colours, then the picture
        part = shown[available]
        return overview.render_dots(lon[available], lat[available],
                                    layers.colour_indices(part, COLOUR_BY),
                                    layers.palette(COLOUR_BY), box, zoom)

    t, filtered = best_of(after_filter, 3)
    raster["filter_change"] = {"build_s": round(t, 3), "bytes": len(filtered.png),
                               "drawn": filtered.drawn}
    rng = np.random.default_rng(1)
    picks = rng.integers(0, len(lon), 20)
    t_click = min(
        best_of(lambda i=i: overview.nearest(lon, lat, lon[i], lat[i], zoom, 6), 1)[0]
        for i in picks)
    raster["click_s"] = round(t_click, 4)
    out["raster"] = raster

    print("   close in: today's detail layer", flush=True)
    view = layers.Viewport(*close, CLOSE_ZOOM)
    t, layer = best_of(lambda: layers.plot_layer(con, shown, COLOUR_BY, "nl", view,
                                                 labels=labels, static_dir=static_dir), 2)
    data = layers.layer_path(layer.url, static_dir).read_bytes()
    out["close_detail"] = {"build_s": round(t, 3), "mode": layer.mode, "drawn": layer.drawn,
                           "bytes": len(data), "bytes_gzip": _gz(data)}
    out["centre_plot"] = _centre_plot(labels, centre)
    return out


def _centre_plot(labels: pd.DataFrame, centre: tuple[float, float]) -> dict:
    """The plot nearest to the map's centre (where the browser zooms in)."""
    d = (labels["lon"] - centre[0]) ** 2 + (labels["lat"] - centre[1]) ** 2
    row = labels.iloc[int(np.argmin(d.to_numpy()))]
    return {"plot_id": row["plot_id"], "lon": float(row["lon"]), "lat": float(row["lat"])}


# --- the app in the browser --------------------------------------------------------------------


def _wait_prefix(page, prefix: str, timeout_s: float) -> str:
    """Wait until the map says it has drawn a layer of this mode ("detail:")."""
    page.wait_for_function(
        """([sel, prefix]) => {
            const f = document.querySelector(sel);
            const m = f && f.contentDocument && f.contentDocument.querySelector('#map_div');
            return m && (m.getAttribute('data-plots') || '').startsWith(prefix);
        }""", arg=[MAP_FRAME, prefix], timeout=timeout_s * 1000, polling=50)
    return page.frame_locator(MAP_FRAME).locator("#map_div").get_attribute("data-plots")


def measure_app(db_path: Path, port: int, n: int, centre_plot: dict, n_available: int,
                workdir: Path, timeout_s: float) -> dict:
    """Kaart in Chromium: open -> drawn, close in -> outlines, a filter change; each step
    reports what it reached, or where it gave up."""
    from playwright.sync_api import sync_playwright

    out: dict = {}
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
            # (the view changes return nothing: Playwright would serialise the whole Leaflet
            # map they return, seconds with thousands of outlines on it)
            steps = [
                ("open", lambda: page.goto(f"http://localhost:{port}/"),
                 lambda: _wait_plots(page, n, timeout_s)),
                ("close_in", lambda: page.frame_locator(MAP_FRAME).locator("#map_div").evaluate(
                    "(el, v) => { window.map_div.setView(v.slice(0, 2), v[2], {animate: false}); }",
                    [centre_plot["lat"], centre_plot["lon"], CLOSE_ZOOM]),
                 lambda: _wait_prefix(page, "detail:", timeout_s)),
                ("zoom_out", lambda: page.frame_locator(MAP_FRAME).locator("#map_div").evaluate(
                    "el => { window.map_div.setZoom(12, {animate: false}); }"),
                 lambda: _wait_plots(page, n, timeout_s)),
            ]
            for name, act, wait in steps:
                traffic.reset()
                t0 = time.perf_counter()
                try:
                    act()
                    state = wait()
                    out[name] = {"s": round(time.perf_counter() - t0, 2), "state": state}
                except Exception as exc:  # noqa: BLE001 - a timeout is a figure too
                    out[name] = {"s": None, "error": str(exc).splitlines()[0][:200]}
                    break
                page.wait_for_timeout(3000)  # let the view's report and its rerun settle
                out[name].update(traffic.totals())
            if all(out.get(k, {}).get("s") is not None for k in ("open", "zoom_out")):
                traffic.reset()
                try:
                    option = open_availability(page, "Beschikbaar")
                    t0 = time.perf_counter()
                    option.click()
                    state = _wait_plots(page, n_available, timeout_s)
                    out["filter_change"] = {"s": round(time.perf_counter() - t0, 2),
                                            "state": state}
                    page.keyboard.press("Escape")
                    page.wait_for_timeout(3000)
                    out["filter_change"].update(traffic.totals())
                except Exception as exc:  # noqa: BLE001
                    out["filter_change"] = {"s": None, "error": str(exc).splitlines()[0][:200]}
            mem = memory(proc.pid)
            out["rss_bytes"], out["peak_rss_bytes"] = mem.get("VmRSS"), mem.get("VmHWM")
        finally:
            browser.close()
    return out


# --- report --------------------------------------------------------------------------------------


def _mb(b) -> str:
    return "-" if b is None else f"{b / 1e6:.2f} MB"


def _s(x) -> str:
    return "-" if x is None else f"{x:.2f} s"


def _bytes(d: dict) -> str:
    return f"{_mb(d['bytes'])} / {_mb(d['bytes_gzip'])}"


def report_lines(r: dict) -> list[tuple[str, str]]:
    """(label, value) for one size, in the table's order."""
    s = r["server"]
    z0 = s["views"]["fit_zoom"]
    tiles, raster = s["tiles"], s["raster"]
    lines = [
        ("filter query (all plots)", _s(s["filter_query_s"])),
        ("label points (cached by the app)", _s(s["label_points_s"])),
        ("(a) points file: build", _s(s["points"]["build_s"])),
        ("(a)   bytes / gzip", _bytes(s["points"])),
        ("(a)   without the ids / gzip", f"{_mb(s['points']['bytes_no_ids'])} / "
                                         f"{_mb(s['points']['bytes_no_ids_gzip'])}"),
        ("(b) tiles: prepare (per filter)", _s(tiles["prepare_s"])),
    ]
    for z in (z0, z0 + 1):
        t = tiles[f"open_z{z}"]["points"]
        lines += [(f"(b) point tiles z{z}: build", _s(t["build_s"])),
                  (f"(b)   z{z} tiles: n: bytes / gzip", f"{t['tiles_with_plots']}: {_bytes(t)}")]
    for name in (f"open_z{z0}", "close_z17"):
        t, z = tiles[name]["outlines"], name.split("_")[-1]
        lines += [(f"(b) outline tiles {z}: build", _s(t["build_s"])),
                  (f"(b)   {z} outline tiles: n: bytes / gzip",
                   f"{t['tiles_with_plots']}: {_bytes(t)}")]
    for z in (z0, z0 + 1):
        t = raster[f"open_z{z}"]
        lines += [(f"(c) raster z{z}: build", _s(t["build_s"])),
                  (f"(c)   z{z} bytes (pixels)", f"{_mb(t['bytes'])} ({t['width']}x{t['height']})")]
    lines += [
        (f"(c)   green pixels z{z0} / plots", f"{raster[f'open_z{z0}']['pixel_shares'][0]:.3f}"
                                              f" / {s['plot_shares'][0]:.3f}"),
        ("(c) filter change: build", _s(raster["filter_change"]["build_s"])),
        ("(c)   filter change bytes", _mb(raster["filter_change"]["bytes"])),
        ("(c) click -> plot (nearest)", f"{raster['click_s'] * 1000:.1f} ms"),
        ("close z17: detail layer build (plots)",
         f"{_s(s['close_detail']['build_s'])} ({s['close_detail']['drawn']})"),
        ("close z17: bytes / gzip", _bytes(s["close_detail"])),
    ]
    app = r.get("app")
    if app:
        for step in ("open", "close_in", "zoom_out", "filter_change"):
            got = app.get(step) or {}
            lines += [
                (f"app {step}: time", _s(got["s"]) if got.get("s") is not None else "gave up"),
                (f"app {step}: received for the map", _mb(got.get("map_bytes"))),
                (f"app {step}: state", str(got.get("state", got.get("error", "-")))[:22]),
            ]
        lines.append(("app memory (RSS / peak)",
                      f"{_mb(app['rss_bytes'])} / {_mb(app['peak_rss_bytes'])}"))
    return lines


def print_report(results: dict) -> None:
    sizes = list(results["sizes"])
    columns = [dict(report_lines(results["sizes"][n])) for n in sizes]
    labels = list(dict.fromkeys(label for n in sizes
                                for label, _ in report_lines(results["sizes"][n])))
    width = max(len(label) for label in labels)
    print()
    print(f"{'plots':<{width}} | " + " | ".join(f"{int(n):>24,}" for n in sizes))
    print("-" * (width + 27 * len(sizes) + 1))
    for label in labels:
        print(f"{label:<{width}} | " + " | ".join(f"{c.get(label, '-'):>24}" for c in columns))
    print(f"\ntargets at 1M: <= {_mb(TARGETS['bytes'])} received, drawn <= "
          f"{TARGETS['open_to_drawn_s']:.0f} s, outlines close in <= "
          f"{TARGETS['close_detail_s']:.0f} s")


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)),
                        help="comma-separated plot counts (default 100000,1000000)")
    parser.add_argument("--keep-db", type=Path, metavar="DIR",
                        help="keep the databases in DIR and reuse them on the next run")
    parser.add_argument("--port", type=int, default=8626, help="port for the app")
    parser.add_argument("--no-browser", action="store_true", help="server figures only")
    parser.add_argument("--timeout", type=float, default=180.0,
                        help="seconds to wait for each step in the browser")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]

    results: dict = {"machine": {"cpus": os.cpu_count()}, "targets": TARGETS, "sizes": {}}
    with tempfile.TemporaryDirectory(prefix="million_scale_") as tmp:
        work = Path(tmp)
        for n in sizes:
            print(f"== {n:,} plots", flush=True)
            db_path, load = database(n, args.keep_db, work)
            entry: dict = {"load": load}
            print(f"   database: {load}", flush=True)
            con = db.connect(db_path, read_only=True)
            try:
                entry["server"] = measure_server(con, n, work / "static")
                n_available = len(plot_filter.filtered_plots(
                    con, plot_filter.PlotFilter(availabilities=("available",)), geometry=False))
            finally:
                con.close()
            print(f"   server: {json.dumps(entry['server'])}", flush=True)
            if not args.no_browser:
                app_db = work / f"app_{n}.duckdb"  # the app may write (first start, audit)
                shutil.copyfile(db_path, app_db)
                entry["app"] = measure_app(app_db, args.port, n, entry["server"]["centre_plot"],
                                           n_available, work, args.timeout)
                app_db.unlink()
                print(f"   app: {json.dumps(entry['app'])}", flush=True)
            results["sizes"][str(n)] = entry
    print_report(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    print(f"\nwritten: {args.out}")
    return results


if __name__ == "__main__":
    main()
