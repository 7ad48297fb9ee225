"""Benchmark: which route to PostgreSQL: DuckDB with the database attached (what the app
uses) or the queries sent natively through psycopg 3, next to the DuckDB file.

On the demo data in a PostgreSQL/PostGIS cluster of its own (a temporary folder, on
localhost), each query runs ``--runs`` times after a warm-up; printed: the median and p95
in milliseconds per route.

- *one plot*: one row by primary key (what a form opens);
- *plot list*: every plot's attributes, no geometry (150 rows);
- *plot geometry*: every plot's outline as WKB (the map's layer);
- *the search* (``filtered_plots``): the app's plot filter with the holding rule, its views
  and macros. Natively this would need the rule written a second time in PostgreSQL's
  dialect (``arg_min``, macros, ``list_*`` functions do not exist there): not measured.

Run: ``python bench/postgres_route.py [--runs 200]`` (needs postgresql and postgis).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

from gebrookerbos import db  # noqa: E402
from gebrookerbos.domain import plot_filter  # noqa: E402
from gebrookerbos.services import bootstrap  # noqa: E402
from tests.pg import LocalCluster, create_database  # noqa: E402

QUERIES = {
    "one plot": ("SELECT name, area_m2, availability, version FROM plots WHERE plot_id = $1",
                 "SELECT name, area_m2, availability, version FROM plots WHERE plot_id = %s",
                 ["KV-0004"]),
    "plot list": ("SELECT plot_id, name, area_m2, availability, soil, owner_type FROM plots",
                  "SELECT plot_id, name, area_m2, availability, soil, owner_type FROM plots",
                  []),
    "plot geometry": ("SELECT plot_id, ST_AsWKB(geom) FROM plots",
                      "SELECT plot_id, ST_AsBinary(geom) FROM plots", []),
}


def timed(run, runs: int) -> str:
    """``run`` timed ``runs`` times: "median / p95" in ms."""
    run()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        run()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return f"{statistics.median(times):.2f} / {p95:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    cluster = LocalCluster()
    try:
        url = create_database(cluster.url, "route")
        engine = db.connect(url)
        bootstrap.initialise(engine, demo=True)
        native = psycopg.connect(url, autocommit=True)
        with tempfile.TemporaryDirectory(prefix="gebrookerbos-route-") as tmp:
            file = db.connect(Path(tmp) / "demo.duckdb")
            bootstrap.initialise(file, demo=True)
            print("query | DuckDB file median / p95 ms | attached PostgreSQL median / p95 ms"
                  " | psycopg native median / p95 ms")
            for name, (duck_sql, pg_sql, params) in QUERIES.items():
                row = [name]
                for con in (file, engine):
                    cur = con.cursor()
                    row.append(timed(lambda c=cur, q=duck_sql, p=params: c.execute(q, p).fetchall(),
                                     args.runs))
                row.append(timed(lambda q=pg_sql, p=params: native.execute(q, p or None).fetchall(),
                                 args.runs))
                print(" | ".join(row))
            row = ["the search (filtered_plots)"]
            for con in (file, engine):
                cur = con.cursor()
                row.append(timed(lambda c=cur: plot_filter.filtered_plots(
                    c, plot_filter.PlotFilter(), geometry=False), args.runs // 4 or 1))
            row.append("(the rule in a second dialect)")
            print(" | ".join(row))
            file.close()
        engine.close()
        native.close()
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
