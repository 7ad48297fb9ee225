"""The Kavels page's found plots as a readable table (the text alternative to the map).

The best matches on the map itself are ranked plots of the map's one plot layer."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from gebrookerbos import i18n
from gebrookerbos.present.plot_tables import facilities_text


def results_table(rows: pd.DataFrame, lang: str, best: Sequence[str] = ()) -> pd.DataFrame:
    """The found plots as a readable table (the text alternative to the map).

    With a ``score`` column (matching), the table starts with rank and score and ends with
    the explanation "waarom deze kavel"; the best matches are marked in words.
    """
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    records = rows.to_dict("records")
    table = pd.DataFrame({
        t("plot.plot_id"): rows["plot_id"],
        t("plot.name"): rows["name"],
        t("plot.wijk"): rows["wijk_name"],
        t("plot.buurt"): rows["buurt_name"],
        t("plot.area_m2"): rows["area_m2"].round(0).astype("Int64"),
        t("plot.availability"): [i18n.label("availability", a, lang) for a in rows["availability"]],
        t("plot.owner_type"): [i18n.label("owner_type", o, lang) for o in rows["owner_type"]],
        t("plot.zoning"): [z if isinstance(z, str) else "–" for z in rows["zoning"]],
        t("plot.soil"): [i18n.label("soil", s, lang) for s in rows["soil"]],
        t("plot.facilities"): [facilities_text(r, lang) for r in records],
        t("initiative.title"): [v if isinstance(v, str) else "" for v in rows["initiative_title"]],
    })
    if "score" in rows.columns:
        table.insert(0, t("kavels.score"), rows["score"].astype(int))
        table.insert(0, t("kavels.rank"), rows["rank"].astype(int))
        best_set = set(best)
        table[t("kavels.best")] = ["★ " + t("kavels.best") if p in best_set else ""
                                   for p in rows["plot_id"]]
        table[t("kavels.why")] = rows["explanation"]
    return table
