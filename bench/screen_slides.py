"""Benchmark: what one slide of the public screen costs on the server, per slide kind.

Run: ``python bench/screen_slides.py [DB]`` (default: a fresh copy of the demo database in
a temporary folder). Every slide re-queries its data (no cache), so this is the work done
every interval for each screen. Prints the median time per slide kind (queries + HTML, and
the map document for the map slides) and the size of the map document sent to the browser.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from gebrookerbos import db
from gebrookerbos.domain import plots, screen
from gebrookerbos.domain.screen import SlideKind
from gebrookerbos.maps import layers
from gebrookerbos.maps.screen_map import Focus, build_screen_map, map_html
from gebrookerbos.maps.style import ColourBy
from gebrookerbos.present import screen as screen_view
from gebrookerbos.services import bootstrap


def main() -> None:
    if len(sys.argv) > 1:
        con = db.connect(sys.argv[1], read_only=True)
    else:
        path = Path(tempfile.mkdtemp()) / "bench.duckdb"
        con = db.connect(path)
        bootstrap.initialise(con, demo=True)
    cfg = screen_view.parse_config({}, {}, {})
    wijken, buurten = plots.boundaries(con, "wijk"), plots.boundaries(con, "buurt")
    bounds = plots.municipality_bounds(con)
    folder = Path(tempfile.mkdtemp())  # stands for the app's static folder
    timings: dict[str, list[float]] = {k.value: [] for k in SlideKind}
    sizes: list[int] = []
    for counter in range(40):
        start = time.perf_counter()
        inits = screen.initiatives(con, None)
        slide = screen.slide_at(counter, len(inits))
        screen_view.topbar_html(cfg, slide, counter)
        if slide.kind == SlideKind.HEADLINES:
            screen_view.headlines_html(screen.headline_figures(con, None), cfg)
        elif slide.kind == SlideKind.INITIATIVE:
            row = inits.iloc[slide.initiative_index].to_dict()
            layer = layers.plot_layer(
                con, screen.plots_near(con, row), ColourBy.AVAILABILITY, "nl", None,
                emphasis=layers.Emphasis(marked=frozenset(row["plot_ids"])), static_dir=folder)
            doc = map_html(build_screen_map(
                layer, screen.initiative_bounds(row), focus=Focus.INITIATIVE, wijken=wijken,
                buurten=buurten, labels=buurten))
            sizes.append(len(doc) + layer.nbytes)
            screen_view.initiative_card_html(row, 1, len(inits), cfg.lang)
        elif slide.kind == SlideKind.NEIGHBOURHOODS:
            screen_view.overview_html(screen.neighbourhood_overview(con, None),
                                 screen.ideas_without_place(con, None), cfg)
        elif slide.kind == SlideKind.AVAILABLE:
            shown = screen.map_plots(con, None)
            available = shown.loc[shown["availability"] == "available", "plot_id"]
            layer = layers.plot_layer(con, shown, ColourBy.AVAILABILITY, "nl", None,
                                      emphasis=layers.Emphasis(marked=frozenset(available)),
                                      static_dir=folder)
            doc = map_html(build_screen_map(layer, bounds, focus=Focus.AVAILABLE,
                                            wijken=wijken, buurten=buurten))
            sizes.append(len(doc) + layer.nbytes)
            screen_view.available_html(shown, screen.headline_figures(con, None), cfg)
        else:
            screen_view.join_html(cfg)
        timings[slide.kind.value].append(time.perf_counter() - start)
    print(f"plots in database: {plots.plot_count(con)}")
    for kind, values in timings.items():
        print(f"{kind:15s} median {statistics.median(values) * 1000:7.1f} ms  (n={len(values)})")
    print(f"map document and its layer file: median {statistics.median(sizes) / 1024:.0f} KiB, "
          f"max {max(sizes) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
