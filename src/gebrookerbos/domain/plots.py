"""Queries about plots (kavels): outlines, details, their initiatives, reference data.

Which plots match the filters of the map and the search: :mod:`gebrookerbos.domain.plot_filter`.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from gebrookerbos import db
from gebrookerbos.domain import auth
from gebrookerbos.domain.auth import PUBLIC, Actor


def with_geojson(con: duckdb.DuckDBPyConnection, rows: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``rows`` (with a ``plot_id`` column) with their WGS84 outlines, ``geojson``."""
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


def plot_detail(con: duckdb.DuckDBPyConnection, plot_id: str, *,
                actor: Actor = PUBLIC) -> dict | None:
    """One plot's fields; the owner's name, staff notes and last editor only for staff."""
    frame = db.fetch_df(con, auth.named_query(con, actor, "plot_detail"), plot_id=plot_id)
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
