"""The broker's plot search (page Kavels): every filter a broker asks, and the window rule.

Availability window ("vrij vanaf datum D voor minstens N maanden"): a plot is free at D
for N months when

* it is not ``unavailable``;
* the initiative that holds it (the one definition of holding, view ``plot_holding``) has a
  user agreement that ends before D. A plot held without an end date is never free; a
  ``reserved`` or ``in_use`` plot whose holder leaves before D counts as free (it becomes
  available). An ``available`` plot without a holder is free;
* ``available_from`` is empty or on/before D, and ``available_until`` is empty or on/after
  D + N months.

The same rule is applied in SQL (query ``search_plots``, to filter) and in Python
(:func:`free_for`, to score a need); a test checks that both agree.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb
import pandas as pd

from gebrookerbos import db

# Columns the table may be sorted on (allow-list; sorting happens in pandas).
SORT_COLUMNS: tuple[str, ...] = ("plot_id", "name", "area_m2", "wijk_name", "availability")


def add_months(day: date, months: int) -> date:
    """``day`` plus a number of calendar months (the 31st becomes the month's last day)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class PlotSearch:
    """The broker's filters; empty, ``None`` and ``False`` mean "no filter"."""

    wijk: str | None = None
    buurt: str | None = None
    min_area: float | None = None
    max_area: float | None = None
    owner_types: Sequence[str] = field(default_factory=tuple)
    zonings: Sequence[str] = field(default_factory=tuple)
    soils: Sequence[str] = field(default_factory=tuple)
    availabilities: Sequence[str] = field(default_factory=tuple)
    water: bool = False
    electricity: bool = False
    car_access: bool = False
    free_from: date | None = None  # availability window: free at this date ...
    free_months: int | None = None  # ... for at least this many months

    def params(self, today: date) -> dict[str, Any]:
        free_until = (
            add_months(self.free_from, int(self.free_months or 0)) if self.free_from else None
        )
        return {
            "wijk": self.wijk,
            "buurt": self.buurt,
            "min_area": self.min_area,
            "max_area": self.max_area,
            "owner_types": list(self.owner_types),
            "zonings": list(self.zonings),
            "soils": list(self.soils),
            "availabilities": list(self.availabilities),
            "water": bool(self.water),
            "electricity": bool(self.electricity),
            "car_access": bool(self.car_access),
            "free_from": self.free_from,
            "free_until": free_until,
        }


def search_plots(
    con: duckdb.DuckDBPyConnection, search: PlotSearch = PlotSearch(), today: date | None = None
) -> pd.DataFrame:
    """The plots matching the search (public columns, WGS84 GeoJSON), by plot id."""
    return db.fetch_df(con, "search_plots", **search.params(today or date.today()))


def _as_date(value: Any) -> date | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    return pd.Timestamp(value).date()


def free_for(plot: Mapping[str, Any], start: date, months: int | None) -> bool:
    """Whether a plot (a row of ``search_plots``) is free at ``start`` for ``months`` months."""
    if plot["availability"] == "unavailable":
        return False
    if int(plot.get("active_links") or 0) > 0:
        held_until = _as_date(plot.get("held_until"))
        if int(plot.get("open_ended") or 0) > 0 or held_until is None or held_until >= start:
            return False
    elif plot["availability"] != "available":
        return False
    available_from = _as_date(plot.get("available_from"))
    available_until = _as_date(plot.get("available_until"))
    if available_from is not None and available_from > start:
        return False
    return available_until is None or available_until >= add_months(start, int(months or 0))


def sort_plots(frame: pd.DataFrame, column: str, descending: bool = False) -> pd.DataFrame:
    """The rows sorted on an allowed column (ties by plot id)."""
    if column not in (*SORT_COLUMNS, "score"):
        raise ValueError(f"cannot sort on {column!r}")
    if column not in frame.columns:
        return frame
    keys = [column] if column == "plot_id" else [column, "plot_id"]
    order = [not descending] if column == "plot_id" else [not descending, True]
    return frame.sort_values(keys, ascending=order, kind="stable").reset_index(drop=True)


def zoning_values(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in db.fetch_all(con, "zoning_values")]
