"""Benchmark: import 100,000 generated plots (GeoPackage) into a fresh database.

Run: ``python bench/import_scale.py [N]`` (default 100,000). Prints the time to write the
file, a dry run (read + validate), the real import (validate + insert + buurten + events +
audit) and a refused import of the same size with 1% bad features (and how long its
summary is), so the figure in the README can be checked.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from gebrookerbos import config, db
from gebrookerbos.domain.auth import COMMAND_LINE
from gebrookerbos.services import bootstrap, importer


def generate_plots(con, n: int, seed: int = 1) -> gpd.GeoDataFrame:
    """``n`` small quadrilaterals (10-40 m wide) at random places inside Heerlen."""
    rng = np.random.default_rng(seed)
    gemeente = shapely.from_wkb(bytes(db.fetch_value(
        con, "municipality_geometry_wkb", code=config.MUNICIPALITY_CODE)))
    inner = gemeente.buffer(-60)
    shapely.prepare(inner)
    minx, miny, maxx, maxy = inner.bounds
    centres = np.empty((0, 2))
    while len(centres) < n:
        pts = rng.uniform((minx, miny), (maxx, maxy), size=(n, 2))
        keep = shapely.contains_xy(inner, pts[:, 0], pts[:, 1])
        centres = np.vstack([centres, pts[keep]])[:n]
    w = rng.uniform(10, 40, n)
    h = rng.uniform(10, 40, n)
    corners = np.stack([
        np.column_stack([centres[:, 0] - w / 2, centres[:, 1] - h / 2]),
        np.column_stack([centres[:, 0] + w / 2, centres[:, 1] - h / 2]),
        np.column_stack([centres[:, 0] + w / 2, centres[:, 1] + h / 2]),
        np.column_stack([centres[:, 0] - w / 2, centres[:, 1] + h / 2]),
    ], axis=1)
    geoms = shapely.polygons(corners)
    return gpd.GeoDataFrame({
        "plot_id": [f"BM-{i:06d}" for i in range(n)],
        "naam": [f"Bench kavel {i} – Brüllstraat" for i in range(n)],
        "beschikbaarheid": rng.choice(["beschikbaar", "niet beschikbaar"], n),
        "eigenaar_type": rng.choice(["gemeente", "woningcorporatie"], n),
        "bestemming": rng.choice(["groen", "wonen"], n),
    }, geometry=geoms, crs=config.RD_NEW)


def main(n: int = 100_000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        con = db.connect(path)
        bootstrap.initialise(con, demo=False)
        frame = generate_plots(con, n)
        gpkg = Path(tmp) / "plots.gpkg"
        t = time.perf_counter()
        frame.to_file(gpkg, layer="kavels", engine="pyogrio")
        print(f"plots: {n:,}")
        print(f"write GeoPackage:       {time.perf_counter() - t:6.2f} s")

        t = time.perf_counter()
        report = importer.import_plots(con, gpkg, dry_run=True, actor=COMMAND_LINE)
        print(f"dry run (read+check):   {time.perf_counter() - t:6.2f} s  ok={report.ok}")

        t = time.perf_counter()
        report = importer.import_plots(con, gpkg, actor=COMMAND_LINE)
        elapsed = time.perf_counter() - t
        print(f"import (all steps):     {elapsed:6.2f} s  imported={report.imported:,} "
              f"({report.imported / elapsed:,.0f} plots/s)")
        with_buurt = con.execute("SELECT count(buurt_code) FROM plots").fetchone()[0]
        print(f"plots with a buurt:     {with_buurt:,}")

        bad = generate_plots(con, n, seed=2)
        bad["plot_id"] = [f"BX-{i:06d}" for i in range(n)]
        step = 100  # 1% bad: every 100th feature lies in Maastricht
        bad.loc[::step, "geometry"] = bad.geometry[::step].translate(-15_000, -10_000)
        bad_path = Path(tmp) / "bad.gpkg"
        bad.to_file(bad_path, layer="kavels", engine="pyogrio")
        t = time.perf_counter()
        refused = importer.import_plots(con, bad_path, actor=COMMAND_LINE)
        elapsed = time.perf_counter() - t
        summary = refused.summary("en")
        print(f"refused (1% bad):       {elapsed:6.2f} s  problems={len(refused.problems):,} "
              f"summary lines={len(summary.splitlines())}")
        con.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
