"""Which plots to show: one filter for the map (page Kaart) and the broker's search (Kavels).

:class:`PlotFilter` holds every filter either page asks; :func:`filtered_plots` runs the one
query ``filtered_plots`` for it. The rows carry no geometry unless asked: at 100,000 plots
reprojecting every outline costs about a second and tens of MB, and the map page draws the
outlines itself, by id and only where they are shown (``maps.layers``).

Availability window ("vrij vanaf datum D voor minstens N maanden"): a plot is free at D
for N months when it is not ``unavailable``; when an initiative holds it (the one definition
of holding, view ``plot_holding``), its user agreement ends before D, else the plot is
``available``; and its own dates (``available_from``, ``available_until``) span D to D + N
months. The rule is the SQL macro ``plot_is_free`` (``queries/migrations/
003_plot_filter_macros.sql``), used by this filter and by the matching's window need.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb
import pandas as pd

from gebrookerbos import db
from gebrookerbos.domain import plots

# Columns the table may be sorted on (allow-list; sorting happens in pandas).
SORT_COLUMNS: tuple[str, ...] = ("plot_id", "name", "area_m2", "wijk_name", "availability")


def add_months(day: date, months: int) -> date:
    """``day`` plus a number of calendar months (the 31st becomes the month's last day)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class PlotFilter:
    """The filters on plots; empty, ``None`` and ``False`` mean "no filter"."""

    wijk: str | None = None
    buurt: str | None = None
    min_area: float | None = None
    max_area: float | None = None
    availabilities: Sequence[str] = field(default_factory=tuple)
    stages: Sequence[str] = field(default_factory=tuple)  # 'none' = no initiative
    themes: Sequence[str] = field(default_factory=tuple)
    owner_types: Sequence[str] = field(default_factory=tuple)
    zonings: Sequence[str] = field(default_factory=tuple)
    soils: Sequence[str] = field(default_factory=tuple)
    water: bool = False
    electricity: bool = False
    car_access: bool = False
    free_from: date | None = None  # availability window: free at this date ...
    free_months: int | None = None  # ... for at least this many months

    def params(self) -> dict[str, Any]:
        free_until = (
            add_months(self.free_from, int(self.free_months or 0)) if self.free_from else None
        )
        return {
            "wijk": self.wijk,
            "buurt": self.buurt,
            "min_area": self.min_area,
            "max_area": self.max_area,
            "availabilities": list(self.availabilities),
            "stages": list(self.stages),
            "themes": list(self.themes),
            "owner_types": list(self.owner_types),
            "zonings": list(self.zonings),
            "soils": list(self.soils),
            "water": bool(self.water),
            "electricity": bool(self.electricity),
            "car_access": bool(self.car_access),
            "free_from": self.free_from,
            "free_until": free_until,
        }


def filtered_plots(
    con: duckdb.DuckDBPyConnection, flt: PlotFilter = PlotFilter(), *, geometry: bool = True
) -> pd.DataFrame:
    """The plots matching the filter, by plot id: public columns, the initiative they are
    shown with, who holds them, and (``geometry=True``) their WGS84 GeoJSON.

    ``geometry=False`` leaves out the ``geojson`` column: the map page and the exports do
    not need it (see the module docstring).
    """
    rows = db.fetch_df(con, "filtered_plots", **flt.params())
    if geometry:
        rows["geojson"] = rows["plot_id"].map(plots.plot_geojson(con, list(rows["plot_id"])))
    return rows


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
