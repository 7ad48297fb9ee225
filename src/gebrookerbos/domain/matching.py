"""Matching plots to an initiative's needs: hard needs filter, soft needs rank.

Whether a plot meets a need is decided in SQL only (query ``matched_plots``, on the rows of
the search filter ``filtered_plots``): it returns a ``meets_<need>`` column per need (NULL
for the needs that are not stated) and leaves out the plots that miss a *hard* need. Here
the others get a score of 0-100 on those columns, as arrays: the weighted share of the
stated needs the plot meets (no stated needs: 100). The explanation ("waarom deze kavel")
says in words, in the UI language, which needs a plot meets and which it misses; it is
built from the ``meets_*`` columns and the plot's values, for the rows that are shown only
(the text for 100,000 plots costs more than the match itself).

Needs that are not stated (no area range, no wijken, facility not needed, ...) count
neither for nor against a plot. By default area, clean soil and the availability window
are hard; the broker can change that per search.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow.compute as pc

from gebrookerbos import db, i18n
from gebrookerbos.domain.plot_filter import PlotFilter, add_months


class Need(StrEnum):
    AREA = "area"
    WIJKEN = "wijken"
    WATER = "water"
    ELECTRICITY = "electricity"
    CAR_ACCESS = "car_access"
    CLEAN_SOIL = "clean_soil"
    WINDOW = "window"  # free from the start date for the duration
    THEME = "theme"  # the plot's zoning suits the theme


# How much each need weighs in the score (only stated needs count).
WEIGHTS: dict[Need, int] = {
    Need.AREA: 25,
    Need.WINDOW: 20,
    Need.CLEAN_SOIL: 15,
    Need.WIJKEN: 15,
    Need.WATER: 8,
    Need.THEME: 7,
    Need.ELECTRICITY: 5,
    Need.CAR_ACCESS: 5,
}
DEFAULT_HARD: tuple[Need, ...] = (Need.AREA, Need.CLEAN_SOIL, Need.WINDOW)

# Zonings (bestemming) on which a theme's initiatives usually fit; the matching query gets
# the theme's set as a parameter (kept here, beside the themes, rather than in a table: it is
# part of the product's rules, changed with the code, not data a user edits).
THEME_ZONINGS: dict[str, frozenset[str]] = {
    "nature": frozenset({"groen", "agrarisch"}),
    "recreation": frozenset({"groen", "maatschappelijk", "wonen"}),
    "urban_farming": frozenset({"agrarisch", "groen", "wonen"}),
}

TOP_N = 5  # the best matches highlighted on the map


@dataclass(frozen=True)
class Needs:
    """What an initiative needs from a plot; empty fields are "no need"."""

    min_area: float | None = None
    max_area: float | None = None
    wijken: Sequence[str] = field(default_factory=tuple)  # CBS wijk or buurt codes
    water: bool = False
    electricity: bool = False
    car_access: bool = False
    clean_soil: bool = False
    start: date | None = None
    duration_months: int | None = None
    theme: str | None = None

    def stated(self) -> list[Need]:
        """The needs that are stated, in weight order."""
        present = {
            Need.AREA: self.min_area is not None or self.max_area is not None,
            Need.WIJKEN: bool(self.wijken),
            Need.WATER: self.water,
            Need.ELECTRICITY: self.electricity,
            Need.CAR_ACCESS: self.car_access,
            Need.CLEAN_SOIL: self.clean_soil,
            Need.WINDOW: self.start is not None,
            Need.THEME: bool(self.theme),
        }
        return [n for n in WEIGHTS if present[n]]

    @classmethod
    def from_initiative(cls, row: Mapping[str, Any]) -> Needs:
        """The needs stored with an initiative (a row of ``initiatives_with_needs``)."""

        def num(v: Any) -> float | None:
            return None if v is None or v != v else float(v)

        def day(v: Any) -> date | None:
            return None if v is None or v is pd.NaT or v != v else pd.Timestamp(v).date()

        codes = row.get("need_wijken") or ""
        months = num(row.get("need_duration_months"))
        return cls(
            min_area=num(row.get("need_min_area_m2")),
            max_area=num(row.get("need_max_area_m2")),
            wijken=tuple(c.strip() for c in str(codes).split(",") if c.strip()),
            water=bool(row.get("need_water")),
            electricity=bool(row.get("need_electricity")),
            car_access=bool(row.get("need_car_access")),
            clean_soil=bool(row.get("need_clean_soil")),
            start=day(row.get("need_start")),
            duration_months=None if months is None else int(months),
            theme=row.get("theme") or None,
        )


# Areas in the explanation are written as on the map: 1.234 m² in both languages.
_area = i18n.format_area


def _query_params(flt: PlotFilter, needs: Needs, hard: Iterable[Need | str]) -> dict[str, Any]:
    """The parameters of ``matched_plots``: the search filter's and the needs'."""
    stated = needs.stated()
    months = needs.duration_months or 0
    return {
        **flt.params(),
        "stated": [n.value for n in stated],
        "hard": sorted({Need(h).value for h in hard}),
        "need_min_area": needs.min_area,
        "need_max_area": needs.max_area,
        "need_wijken": list(needs.wijken),
        "need_start": needs.start,
        "need_until": None if needs.start is None else add_months(needs.start, months),
        "theme_zonings": sorted(THEME_ZONINGS.get(str(needs.theme), ())),
    }


def match_plots(
    con: duckdb.DuckDBPyConnection,
    flt: PlotFilter,
    needs: Needs,
    hard: Iterable[Need | str] = DEFAULT_HARD,
) -> pd.DataFrame:
    """The plots of the search ``flt`` that meet every hard need, best first.

    The columns of ``filtered_plots``, the ``meets_<need>`` columns of ``matched_plots``,
    ``score`` (0-100) and ``rank`` (1 = best); ties are broken by plot id. The words for
    the rows that are shown: :func:`explanations`.
    """
    # Arrow, not fetchdf: at 100,000 rows DuckDB's own conversion to pandas costs more than
    # the query; the rows are ranked before they become a DataFrame.
    rows = db.execute(con, "matched_plots", **_query_params(flt, needs, hard)).to_arrow_table()
    stated = needs.stated()
    if stated:
        weights = np.array([WEIGHTS[n] for n in stated], dtype=float)
        met = np.column_stack([rows.column(f"meets_{n.value}").to_numpy(zero_copy_only=False)
                               for n in stated]).astype(bool)
        score = np.rint(100 * (met @ weights) / weights.sum()).astype(np.int64)
    else:
        score = np.full(rows.num_rows, 100, dtype=np.int64)
    by_id = pc.sort_indices(rows, [("plot_id", "ascending")]).to_numpy()  # rows: no order
    order = by_id[np.argsort(-score[by_id], kind="stable")]  # best first, ties by plot id
    result = rows.take(order).to_pandas(date_as_object=False)
    result["score"] = score[order]
    result["rank"] = np.arange(1, len(result) + 1)
    return result


def _wanted_range(needs: Needs, lang: str) -> str:
    lo, hi = needs.min_area, needs.max_area
    if lo is not None and hi is not None:
        return i18n.t("match.range_both", lang, min=_area(lo), max=_area(hi))
    if lo is not None:
        return i18n.t("match.range_min", lang, min=_area(lo))
    return i18n.t("match.range_max", lang, max=_area(hi or 0))


def _place(plot: Mapping[str, Any]) -> str:
    names = [plot["buurt_name"], plot["wijk_name"]]
    return ", ".join(str(n) for n in names if isinstance(n, str) and n) or "–"


# The plot's values that the explanation puts in words.
_SAID_COLUMNS = ("area_m2", "buurt_name", "wijk_name", "soil", "zoning")


def _sentences(needs: Needs, lang: str) -> dict[Need, Any]:
    """For each need: ``(plot, met) -> text``, with the plot's values in words."""
    t = lambda key, **kw: i18n.t(key, lang, **kw)  # noqa: E731
    wanted = _wanted_range(needs, lang)
    months = needs.duration_months or 0
    window = "match.window" if months else "match.window_at"
    start = i18n.format_date(needs.start, lang)
    theme = i18n.label("theme", needs.theme, lang)

    def fixed(key: str, **kw: Any) -> Any:
        """A sentence that depends on met or missed only."""
        said = {met: t(f"{key}_{'ok' if met else 'no'}", **kw) for met in (True, False)}
        return lambda plot, met: said[met]

    def area(plot: Mapping[str, Any], met: bool) -> str:
        size = float(plot["area_m2"])
        key = ("match.area_ok" if met
               else "match.area_small" if needs.min_area is not None and size < needs.min_area
               else "match.area_large")
        return t(key, area=_area(size), wanted=wanted)

    def zoning(plot: Mapping[str, Any]) -> str:
        value = plot["zoning"]
        return value if isinstance(value, str) and value else t("value.unknown")

    return {
        Need.AREA: area,
        Need.WIJKEN: lambda plot, met: t("match.wijk_ok" if met else "match.wijk_no",
                                         place=_place(plot)),
        Need.WATER: fixed("match.water"),
        Need.ELECTRICITY: fixed("match.electricity"),
        Need.CAR_ACCESS: fixed("match.car_access"),
        Need.CLEAN_SOIL: lambda plot, met: t("match.soil_ok" if met else "match.soil_no",
                                             soil=i18n.label("soil", plot["soil"], lang)),
        Need.WINDOW: fixed(window, start=start, months=months),
        Need.THEME: lambda plot, met: t("match.theme_ok" if met else "match.theme_no",
                                        zoning=zoning(plot), theme=theme),
    }


def explanations(rows: pd.DataFrame, needs: Needs, lang: str) -> list[str]:
    """Why these plots (rows of :func:`match_plots`): per plot the needs it meets and those it
    misses, in words ("Voldoet aan: ...; Mist: ..."), in weight order.

    Build it for the rows that are shown (a table page, the selected plot): whether a need
    is met comes from the ``meets_*`` columns, the words from the plot's values.
    """
    stated = needs.stated()
    if not stated:
        return [i18n.t("match.no_needs", lang)] * len(rows)
    sentences = _sentences(needs, lang)
    say = [(f"meets_{need.value}", sentences[need]) for need in stated]
    meets, misses = i18n.t("match.meets", lang), i18n.t("match.misses", lang)
    columns = [*_SAID_COLUMNS, *(column for column, _ in say)]
    texts = []
    for plot in rows[columns].to_dict("records"):
        met, missed = [], []
        for column, sentence in say:
            ok = bool(plot[column])
            (met if ok else missed).append(sentence(plot, ok))
        parts = []
        if met:
            parts.append(f"{meets}: {'; '.join(met)}.")
        if missed:
            parts.append(f"{misses}: {'; '.join(missed)}.")
        texts.append(" ".join(parts))
    return texts


def best_matches(matched: pd.DataFrame, n: int = TOP_N) -> list[str]:
    """The plot ids of the ``n`` best matches (rows of :func:`match_plots`, in any order)."""
    if matched.empty or "rank" not in matched.columns:
        return []
    return list(matched.nsmallest(n, "rank")["plot_id"])
