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
import functools
import http.server
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import folium
import pandas as pd

if __package__ in (None, ""):  # run as a script: the checkout's bench package
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (  # noqa: E402 - after the path for a run as a script
    AVAILABILITY,
    CHROMIUM,
    ROOT,
    Traffic,
    app_server,
    build_database,
    memory,
    open_availability,
    wait_plots,
)
from gebrookerbos import db, i18n  # noqa: E402
from gebrookerbos.domain import plot_filter, plots  # noqa: E402
from gebrookerbos.maps import layers  # noqa: E402
from gebrookerbos.maps.plot_map import (  # noqa: E402
    Basemap,
    MapOptions,
    build_map,
    plot_layer_group,
    selection_group,
)
from gebrookerbos.maps.style import ColourBy, plot_colour  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "map_scale.json"
SIZES = (1_000, 10_000, 100_000)
TARGETS = {"bytes": 3_000_000, "build_s": 1.0, "filter_redraw_s": 2.0, "open_to_drawn_s": 8.0,
           "rss_bytes": 1_000_000_000, "build_s_10000": 0.3}


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


# --- in the browser --------------------------------------------------------------------------


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
            open_state = wait_plots(page, n, 120)
            open_s = time.perf_counter() - t0
            page.wait_for_timeout(3000)  # let the first view report and rerun settle
            opened = traffic.totals()
            traffic.reset()
            redraws = []
            for label, count in n_available:  # one more availability each time
                option = open_availability(page, label)
                t0 = time.perf_counter()
                option.click()
                filter_state = wait_plots(page, count, 60)
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
                    # the option each change adds: its label in the sidebar
                    for k, label in enumerate(
                        (i18n.t(f"availability.{a}", "nl") for a in AVAILABILITY), 1)
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
