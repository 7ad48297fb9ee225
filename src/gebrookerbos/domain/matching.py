"""Matching plots to an initiative's needs: hard needs filter, soft needs rank.

Pure Python on the rows of the ``filtered_plots`` query (the candidates), so that the rules
are testable without a UI. Every stated need is checked per plot; a plot that misses a
*hard* need is dropped; the others get a score of 0-100: the weighted share of the stated
needs the plot meets (no stated needs: 100). The explanation ("waarom deze kavel") says in
words, in the UI language, which needs the plot meets and which it misses.

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

import pandas as pd

from gebrookerbos import i18n
from gebrookerbos.domain.plot_filter import free_for


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

# Zonings (bestemming) on which a theme's initiatives usually fit.
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


@dataclass(frozen=True)
class Check:
    """One need checked against one plot, with the sentence that says so."""

    need: Need
    met: bool
    text: str


# Areas in the explanation are written as on the map: 1.234 m² in both languages.
_area = i18n.format_area


def _wanted_range(needs: Needs, lang: str) -> str:
    lo, hi = needs.min_area, needs.max_area
    if lo is not None and hi is not None:
        return i18n.t("match.range_both", lang, min=_area(lo), max=_area(hi))
    if lo is not None:
        return i18n.t("match.range_min", lang, min=_area(lo))
    return i18n.t("match.range_max", lang, max=_area(hi or 0))


def _place(plot: Mapping[str, Any]) -> str:
    names = [plot.get("buurt_name"), plot.get("wijk_name")]
    return ", ".join(str(n) for n in names if isinstance(n, str) and n) or "–"


def check_needs(
    plot: Mapping[str, Any], needs: Needs, lang: str, today: date | None = None
) -> list[Check]:
    """Every stated need checked against the plot, in weight order."""
    checks: list[Check] = []
    t = lambda key, **kw: i18n.t(key, lang, **kw)  # noqa: E731
    for need in needs.stated():
        if need == Need.AREA:
            area = float(plot["area_m2"])
            small = needs.min_area is not None and area < needs.min_area
            large = needs.max_area is not None and area > needs.max_area
            key = "match.area_small" if small else "match.area_large" if large else "match.area_ok"
            checks.append(Check(need, not (small or large),
                                t(key, area=_area(area), wanted=_wanted_range(needs, lang))))
        elif need == Need.WIJKEN:
            codes = set(needs.wijken)
            met = plot.get("buurt_code") in codes or plot.get("wijk_code") in codes
            checks.append(Check(need, met, t("match.wijk_ok" if met else "match.wijk_no",
                                             place=_place(plot))))
        elif need in (Need.WATER, Need.ELECTRICITY, Need.CAR_ACCESS):
            met = bool(plot.get(f"has_{need.value}"))
            checks.append(Check(need, met, t(f"match.{need.value}_{'ok' if met else 'no'}")))
        elif need == Need.CLEAN_SOIL:
            met = plot.get("soil") == "clean"
            checks.append(Check(need, met, t("match.soil_ok" if met else "match.soil_no",
                                             soil=i18n.label("soil", plot.get("soil"), lang))))
        elif need == Need.WINDOW:
            start = needs.start or today or date.today()
            months = needs.duration_months or 0
            met = free_for(plot, start, months)
            key = "match.window" if months else "match.window_at"
            checks.append(Check(need, met, t(f"{key}_{'ok' if met else 'no'}",
                                             start=i18n.format_date(start, lang), months=months)))
        elif need == Need.THEME:
            zoning = plot.get("zoning")
            met = zoning in THEME_ZONINGS.get(str(needs.theme), frozenset())
            checks.append(Check(need, met, t("match.theme_ok" if met else "match.theme_no",
                                             zoning=zoning or t("value.unknown"),
                                             theme=i18n.label("theme", needs.theme, lang))))
    return checks


def score(checks: Iterable[Check]) -> int:
    """The weighted share (0-100) of the stated needs that are met; 100 without needs."""
    checks = list(checks)
    total = sum(WEIGHTS[c.need] for c in checks)
    if total == 0:
        return 100
    return round(100 * sum(WEIGHTS[c.need] for c in checks if c.met) / total)


def explain(checks: Sequence[Check], lang: str) -> str:
    """Why this plot: the needs it meets and those it misses, in words."""
    met = [c.text for c in checks if c.met]
    missed = [c.text for c in checks if not c.met]
    parts = []
    if met:
        parts.append(f"{i18n.t('match.meets', lang)}: {'; '.join(met)}.")
    if missed:
        parts.append(f"{i18n.t('match.misses', lang)}: {'; '.join(missed)}.")
    return " ".join(parts) or i18n.t("match.no_needs", lang)


def match_plots(
    candidates: pd.DataFrame,
    needs: Needs,
    hard: Iterable[Need] = DEFAULT_HARD,
    lang: str = i18n.DEFAULT_LANGUAGE,
    today: date | None = None,
) -> pd.DataFrame:
    """The candidates that meet every hard need, best first, with score and explanation.

    Adds the columns ``score`` (0-100), ``met`` and ``missed`` (lists of need codes),
    ``explanation`` (text) and ``rank`` (1 = best). Ties are broken by plot id.
    """
    hard = set(hard)
    rows = []
    for plot in candidates.to_dict("records"):
        checks = check_needs(plot, needs, lang, today)
        if any(not c.met and c.need in hard for c in checks):
            continue
        rows.append({
            **plot,
            "score": score(checks),
            "met": [c.need.value for c in checks if c.met],
            "missed": [c.need.value for c in checks if not c.met],
            "explanation": explain(checks, lang),
        })
    columns = [*candidates.columns, "score", "met", "missed", "explanation"]
    result = pd.DataFrame(rows, columns=columns)
    if not result.empty:
        result = result.sort_values(["score", "plot_id"], ascending=[False, True],
                                    kind="stable").reset_index(drop=True)
    result["rank"] = range(1, len(result) + 1)
    return result


def best_matches(matched: pd.DataFrame, n: int = TOP_N) -> list[str]:
    """The plot ids of the ``n`` best matches (``matched`` is sorted best first)."""
    if matched.empty or "score" not in matched.columns:
        return []
    return list(matched.sort_values(["score", "plot_id"], ascending=[False, True])
                .head(n)["plot_id"])
