"""How long matching (pure Python scoring) and the exports take for many candidate plots.

Synthetic rows shaped like the ``filtered_plots`` query; prints seconds per size.
Run: python bench/matching_scale.py [SIZES...]
"""

from __future__ import annotations

import json
import random
import sys
import time
from datetime import date

import pandas as pd

from gebrookerbos.domain import matching, plot_filter
from gebrookerbos.domain.matching import Needs


def candidates(n: int, seed: int = 1) -> pd.DataFrame:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        x, y = 5.9 + rng.random() * 0.1, 50.85 + rng.random() * 0.1
        rows.append({
            "plot_id": f"KV-{i:06d}", "name": f"Kavel {i}", "area_m2": rng.uniform(100, 10000),
            "availability": rng.choice(["available"] * 3 + ["reserved", "in_use"]),
            "soil": rng.choice(["clean", "suspect", "unknown"]),
            "zoning": rng.choice(["groen", "wonen", "bedrijven"]),
            "has_water": rng.random() < 0.4, "has_electricity": rng.random() < 0.3,
            "has_car_access": rng.random() < 0.6,
            "buurt_code": f"BU0917{rng.randint(10, 42)}01", "wijk_code": f"WK0917{rng.randint(10, 42)}",
            "buurt_name": "b", "wijk_name": "w", "available_from": None, "available_until": None,
            "active_links": 0, "open_ended": 0, "held_until": None,
            "geojson": json.dumps({"type": "Polygon", "coordinates": [[[x, y], [x + 1e-4, y],
                                   [x + 1e-4, y + 1e-4], [x, y]]]}),
        })
    return pd.DataFrame(rows)


def main(sizes: list[int]) -> None:
    needs = Needs(min_area=1000, max_area=3000, wijken=("WK091711", "WK091720"), water=True,
                  electricity=True, clean_soil=True, start=date(2027, 3, 1), duration_months=24,
                  theme="nature")
    for n in sizes:
        frame = candidates(n)
        t = time.perf_counter()
        result = matching.match_plots(frame, needs, hard=[], today=date(2026, 11, 28))
        t_match = time.perf_counter() - t
        t = time.perf_counter()
        plot_filter.sort_plots(result, "area_m2")
        t_sort = time.perf_counter() - t
        print(f"{n:>7} candidates: match_plots {t_match:6.2f} s "
              f"({1e6 * t_match / n:5.1f} µs/plot), sort {t_sort:5.3f} s")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000])
