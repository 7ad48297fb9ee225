"""Plots in words: the table beside the maps (their text alternative) and a plot's facilities."""

from __future__ import annotations

import pandas as pd

from gebrookerbos import i18n

TABLE_MAX_ROWS = 2_000  # the table under the map shows at most this many plots


def plots_table(plots: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The filtered plots as a readable table: the text alternative to the map."""
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    return pd.DataFrame(
        {
            t("plot.plot_id"): plots["plot_id"],
            t("plot.name"): plots["name"],
            t("plot.buurt"): plots["buurt_name"],
            t("plot.wijk"): plots["wijk_name"],
            t("plot.area_m2"): plots["area_m2"].round(0).astype("Int64"),
            t("plot.availability"): [i18n.label("availability", a, lang) for a in plots["availability"]],
            t("initiative.title"): plots["initiative_title"].fillna(""),
            t("initiative.stage"): [
                i18n.label("stage", s if isinstance(s, str) else None, lang) for s in plots["stage"]
            ],
        }
    )


def facilities_text(row: dict, lang: str) -> str:
    """A plot's facilities (water, electricity, car access) in words, or "none"."""
    names = [i18n.t(f"plot.{f}", lang)
             for f in ("has_water", "has_electricity", "has_car_access") if row.get(f)]
    return ", ".join(names) or i18n.t("plot.none", lang)
