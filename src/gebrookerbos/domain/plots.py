"""Queries about plots (kavels): filtering for the map, details, their initiatives."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from gebrookerbos import db


@dataclass(frozen=True)
class PlotFilter:
    """The map's filters; empty means "no filter"."""

    wijk: str | None = None
    buurt: str | None = None
    availabilities: Sequence[str] = field(default_factory=tuple)
    stages: Sequence[str] = field(default_factory=tuple)  # 'none' = no initiative
    themes: Sequence[str] = field(default_factory=tuple)
    min_area: float | None = None
    max_area: float | None = None

    def params(self) -> dict:
        return {
            "wijk": self.wijk,
            "buurt": self.buurt,
            "availabilities": list(self.availabilities),
            "stages": list(self.stages),
            "themes": list(self.themes),
            "min_area": self.min_area,
            "max_area": self.max_area,
        }


def filtered_plots(
    con: duckdb.DuckDBPyConnection, flt: PlotFilter = PlotFilter(), *, geometry: bool = True
) -> pd.DataFrame:
    """Plots matching the filter, with their current initiative and WGS84 GeoJSON.

    ``geometry=False`` leaves out the ``geojson`` column: at 100,000 plots reprojecting
    every outline costs about a second and tens of MB, and the map page does not need it
    (the map fetches outlines itself, by id and only where they are drawn).
    """
    rows = db.fetch_df(con, "filtered_plots", **flt.params())
    if geometry:
        rows["geojson"] = rows["plot_id"].map(plot_geojson(con, list(rows["plot_id"])))
    return rows


def with_geojson(con: duckdb.DuckDBPyConnection, rows: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``rows`` (from ``filtered_plots(geometry=False)``) with their outlines."""
    rows = rows.copy()
    rows["geojson"] = rows["plot_id"].map(plot_geojson(con, list(rows["plot_id"])))
    return rows


def plot_geojson(con: duckdb.DuckDBPyConnection, plot_ids: Sequence[str]) -> dict[str, str]:
    """The outlines of these plots as WGS84 GeoJSON text, by plot id."""
    if not len(plot_ids):
        return {}
    return dict(db.fetch_all(con, "plot_geojson_wgs84", ids=list(plot_ids)))


def plot_count(con: duckdb.DuckDBPyConnection) -> int:
    return int(db.fetch_value(con, "plot_count"))


def plot_detail(con: duckdb.DuckDBPyConnection, plot_id: str) -> dict | None:
    frame = db.fetch_df(con, "plot_detail", plot_id=plot_id)
    return None if frame.empty else frame.iloc[0].to_dict()


def initiatives_on_plot(con: duckdb.DuckDBPyConnection, plot_id: str) -> pd.DataFrame:
    """The initiatives on a plot (public columns only)."""
    return db.fetch_df(con, "initiatives_on_plot", plot_id=plot_id)


def area_range(con: duckdb.DuckDBPyConnection) -> tuple[float, float]:
    lo, hi = db.fetch_one(con, "plot_area_range")
    return (float(lo or 0), float(hi or 0))


def wijken(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return db.fetch_df(con, "wijken")


def buurten(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return db.fetch_df(con, "buurten")


def boundaries(con: duckdb.DuckDBPyConnection, level: str) -> pd.DataFrame:
    if level not in ("wijk", "buurt"):
        raise ValueError(f"unknown level {level!r}")
    return db.fetch_df(con, "neighbourhood_boundaries", level=level)


def municipality_bounds(con: duckdb.DuckDBPyConnection) -> tuple[float, float, float, float]:
    return tuple(db.fetch_one(con, "municipality_bounds_wgs84"))  # type: ignore[return-value]
