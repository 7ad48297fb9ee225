"""Benchmark: the map at a date and the programme charts on a large generated history.

Run: ``python bench/history_scale.py [N_PLOTS]`` (default 100,000). Builds an in-memory
database with N plots (three availability events each), N/10 initiatives (six stage events
each, one plot each) and prints how long :func:`history.plot_state_at`,
:func:`history.apply_state` and the three programme chart queries take.
"""

from __future__ import annotations

import sys
import time
from datetime import date

from gebrookerbos import db
from gebrookerbos.domain import history, plot_filter, programme


def build(n: int):
    con = db.connect(":memory:")
    db.ensure_schema(con)
    con.execute("""
        INSERT INTO plots (plot_id, name, geom, area_m2, availability)
        SELECT 'P' || i, 'Kavel ' || i,
               ST_MakeEnvelope(190000 + (i % 300) * 30, 320000 + (i // 300) * 30,
                               190020 + (i % 300) * 30, 320020 + (i // 300) * 30),
               400, 'in_use'
        FROM range($n) t(i)""", {"n": n})
    m = n // 10
    con.execute("""
        INSERT INTO initiatives (initiative_id, title, theme, stage, progress)
        SELECT 'I' || i, 'Initiatief ' || i, 'nature', 'realised', 100 FROM range($m) t(i)""",
                {"m": m})
    con.execute("""
        INSERT INTO initiative_plots SELECT 'I' || i, 'P' || i, NULL, NULL FROM range($m) t(i)""",
                {"m": m})
    stages = ["idea", "exploring", "plan", "approved", "in_progress", "realised"]
    con.execute("""
        INSERT INTO stage_events (initiative_id, event_date, from_stage, to_stage)
        SELECT 'I' || i, DATE '2014-03-01' + CAST(i % 2500 + k * 60 AS INTEGER),
               CASE WHEN k = 0 THEN NULL ELSE $stages[k] END, $stages[k + 1]
        FROM range($m) t(i), range(6) s(k)""", {"m": m, "stages": stages})
    con.execute("""
        INSERT INTO plot_events (plot_id, event_date, from_availability, to_availability)
        SELECT 'P' || i, DATE '2014-01-01' + CAST(i % 2500 + k * 120 AS INTEGER),
               [NULL, 'available', 'reserved'][k + 1], ['available', 'reserved', 'in_use'][k + 1]
        FROM range($n) t(i), range(3) s(k)""", {"n": n})
    return con


def timed(label: str, fn, repeat: int = 3):
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<45} {best * 1000:8.0f} ms")
    return result


def main(n: int) -> None:
    start = time.perf_counter()
    con = build(n)
    print(f"built {n:,} plots, {n // 10:,} initiatives in {time.perf_counter() - start:.1f} s")
    today = date.today()
    state = timed("plot_state_at(2018-01-01)", lambda: history.plot_state_at(con, date(2018, 1, 1)))
    timed("plot_state_at(today)", lambda: history.plot_state_at(con, today))
    base = plot_filter.filtered_plots(con)
    shown = timed("apply_state (merge + filters)",
                  lambda: history.apply_state(base, state, availabilities=("in_use",)))
    print(f"  plots on the map at 2018-01-01: {len(state):,}; in use: {len(shown):,}")
    for which in programme.CHARTS:
        timed(f"programme chart data: {which}", lambda w=which: programme.chart_data(con, w, today))
    con.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
