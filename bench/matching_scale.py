"""Benchmark: matching plots to an initiative's needs at scale, on a real database.

For 1,000, 10,000 and 100,000 generated plots (``bench.common.build_database``: small
polygons inside Heerlen, loaded with the normal import), with soil, facilities and
availability dates spread over the plots afterwards by one set-based UPDATE (the generator
leaves them at their defaults: every soil 'unknown', no facilities, which no need would
tell apart) and one generated initiative per ten plots (``bench.initiatives_gen``: stage
histories, plot links with agreements, the plots reserved or in use), it times what page
Kavels does for a match:

* ``matching.match_plots``: the query ``matched_plots`` (hard needs as SQL filters, a
  ``meets_*`` column per need) and the scores and ranks on arrays;
* ``matching.explanations`` for the rows shown: the table's first
  ``plot_tables.TABLE_MAX_ROWS`` rows and the selected plot.

The needs: an area range (the middle 60% of the plot sizes, so that it suits every size),
three wijken, water, electricity, clean soil, free from 1 March 2027 for 24 months and the
theme nature; once with the default hard needs (area, clean soil, window) and once with
none, so that every plot is returned and scored. Best of 3 runs; prints a table and the
target, and writes ``bench/results/matching_scale.json``.

Run: ``python bench/matching_scale.py [--sizes 1000,10000,100000]``
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the checkout's bench package
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import build_database  # noqa: E402 - after the path for a run as a script
from bench.initiatives_gen import add_initiatives  # noqa: E402
from bench.map_scale import best_of  # noqa: E402
from gebrookerbos import db  # noqa: E402
from gebrookerbos.domain import matching  # noqa: E402
from gebrookerbos.domain.matching import Need, Needs  # noqa: E402
from gebrookerbos.domain.plot_filter import PlotFilter  # noqa: E402
from gebrookerbos.present import plot_tables  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "matching_scale.json"
SIZES = (1_000, 10_000, 100_000)
TARGET_S = 0.5  # match + explanations of the rows shown, at 100,000 plots
TARGET_SIZE = 100_000
LANG = "nl"
TODAY = date(2026, 11, 28)  # the generated initiatives' "today": the same data every run

# Soil, facilities and dates per plot, from a hash of its id (the same on every run).
SPREAD = """
UPDATE plots SET
    soil = ['clean', 'clean', 'clean', 'suspect', 'unknown', 'contaminated']
           [(1 + hash(plot_id || 'soil') % 6)::BIGINT],
    has_water = hash(plot_id || 'water') % 10 < 4,
    has_electricity = hash(plot_id || 'power') % 10 < 3,
    has_car_access = hash(plot_id || 'car') % 10 < 6,
    available_from = CASE WHEN hash(plot_id || 'from') % 10 < 2
                          THEN DATE '2026-06-01' + (hash(plot_id || 'f') % 900)::INTEGER END,
    available_until = CASE WHEN hash(plot_id || 'until') % 10 < 3
                           THEN DATE '2027-06-01' + (hash(plot_id || 'u') % 2000)::INTEGER END
"""
RUNS = (("default", matching.DEFAULT_HARD), ("none", ()))


def prepare(path: Path, n: int, workdir: Path) -> dict:
    """The database with ``n`` plots, their attributes spread, and ``n / 10`` initiatives
    holding some of them (so that the window need meets held plots); returns timings."""
    load = build_database(path, n, workdir)
    con = db.connect(path)
    try:
        con.execute(SPREAD)
        t0 = time.perf_counter()
        add_initiatives(con, n // 10, today=TODAY)
        load["initiatives"] = n // 10
        load["initiatives_s"] = round(time.perf_counter() - t0, 3)
    finally:
        con.close()
    return load


def realistic_needs(con) -> Needs:
    """Several stated needs that fit the generated plots, whatever their number."""
    low, high = con.execute(
        "SELECT quantile_cont(area_m2, 0.2), quantile_cont(area_m2, 0.8) FROM plots").fetchone()
    wijken = tuple(code for (code,) in con.execute(
        "SELECT b.wijk_code FROM plots p JOIN neighbourhoods b ON b.code = p.buurt_code "
        "GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 3").fetchall())
    return Needs(min_area=round(low), max_area=round(high), wijken=wijken, water=True,
                 electricity=True, clean_soil=True, start=date(2027, 3, 1),
                 duration_months=24, theme="nature")


def measure(con, needs: Needs, hard: tuple[Need, ...]) -> dict:
    """Best of 3: the match, and the explanations of the rows a broker sees."""

    def match():
        return matching.match_plots(con, PlotFilter(), needs, hard)

    def explain(rows):
        texts = matching.explanations(rows.head(plot_tables.TABLE_MAX_ROWS), needs, LANG)
        selected = matching.explanations(rows.iloc[[len(rows) // 2]], needs, LANG)
        return texts + selected

    def both():
        rows = match()
        return rows, explain(rows) if len(rows) else []

    t_match, rows = best_of(match)
    t_explain, texts = best_of(lambda: explain(rows) if len(rows) else [])
    t_total, _ = best_of(both)
    return {"rows": len(rows), "explained": len(texts), "match_s": round(t_match, 4),
            "explain_s": round(t_explain, 4), "total_s": round(t_total, 4),
            "best_score": int(rows["score"].max()) if len(rows) else None}


def print_report(results: dict) -> None:
    machine = results["machine"]
    print(f"\nMatching at scale (best of 3, {machine['cpus']} CPUs, load average "
          f"{machine['load_before']:.1f} before, {machine['load_after']:.1f} after); "
          f"explained: the first {plot_tables.TABLE_MAX_ROWS} rows and a selected plot")
    print(f"{'plots':>8} {'hard needs':<26} {'rows':>8} {'match s':>8} {'explain s':>10} "
          f"{'total s':>8}")
    for n, entry in results["sizes"].items():
        for run in entry["runs"].values():
            hard = ", ".join(run["hard"]) or "none"
            print(f"{int(n):>8} {hard:<26} {run['rows']:>8} {run['match_s']:>8.3f} "
                  f"{run['explain_s']:>10.3f} {run['total_s']:>8.3f}")
    at_target = results["sizes"].get(str(TARGET_SIZE))
    print(f"\ntarget: match + explanations <= {TARGET_S} s at {TARGET_SIZE:,} plots", end="")
    if at_target:
        worst = max(run["total_s"] for run in at_target["runs"].values())
        print(f": worst {worst:.3f} s -> {'met' if worst <= TARGET_S else 'NOT met'}")
    else:
        print(" (not measured in this run)")


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)),
                        help="comma-separated plot counts (default 1000,10000,100000)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]

    results: dict = {"machine": {"cpus": os.cpu_count(), "load_before": os.getloadavg()[0]},
                     "target_s": TARGET_S, "sizes": {}}
    with tempfile.TemporaryDirectory(prefix="matching_scale_") as tmp:
        work = Path(tmp)
        for n in sizes:
            print(f"== {n} plots", flush=True)
            path = work / f"bench_{n}.duckdb"
            entry: dict = {"load": prepare(path, n, work), "runs": {}}
            con = db.connect(path, read_only=True)
            try:
                needs = realistic_needs(con)
                entry["needs"] = {k: (v.isoformat() if isinstance(v, date) else v)
                                  for k, v in needs.__dict__.items()}
                for label, hard in RUNS:
                    run = measure(con, needs, hard)
                    run["hard"] = [h.value for h in hard]
                    entry["runs"][label] = run
                    print(f"   hard {label}: {run}", flush=True)
            finally:
                con.close()
            results["sizes"][str(n)] = entry
    results["machine"]["load_after"] = os.getloadavg()[0]
    print_report(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    print(f"\nwritten: {args.out}")
    return results


if __name__ == "__main__":
    main()
