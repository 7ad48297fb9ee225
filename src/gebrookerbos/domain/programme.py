"""The programme over time: the figures of the charts, from the event history.

Pure functions of the database; the figures are taken at the end of every month from
January 2014 (the last month at today). The charts, their CSV and PNG and the sentence
that says what they show are in :mod:`gebrookerbos.present.programme`.
"""

from __future__ import annotations

import calendar
from datetime import date

import duckdb
import pandas as pd

from gebrookerbos import db
from gebrookerbos.domain import Stage
from gebrookerbos.domain.history import HISTORY_START

PER_YEAR_STAGES: tuple[Stage, ...] = (Stage.REALISED, Stage.STOPPED)
CHARTS: tuple[str, ...] = ("stages", "land", "per_year")


def month_ends(start: date, end: date) -> list[date]:
    """The last day of every month from ``start``'s month to ``end``'s (capped at ``end``)."""
    days = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        last = date(year, month, calendar.monthrange(year, month)[1])
        days.append(min(last, end))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return days


def stages_over_time(
    con: duckdb.DuckDBPyConnection, end: date, start: date = HISTORY_START
) -> pd.DataFrame:
    """Initiatives per stage at every month end: day, stage, initiatives (zeros included)."""
    days = month_ends(start, end)
    found = db.fetch_df(con, "programme_stages_over_time", days=days)
    grid = pd.MultiIndex.from_product([days, [s.value for s in Stage]], names=["day", "stage"])
    found["day"] = pd.to_datetime(found["day"]).dt.date
    counts = found.set_index(["day", "stage"])["initiatives"].reindex(grid, fill_value=0)
    return counts.astype(int).reset_index()


def land_in_use_over_time(
    con: duckdb.DuckDBPyConnection, end: date, start: date = HISTORY_START
) -> pd.DataFrame:
    """Area (m2) and number of plots in use at every month end: day, area_m2, plots."""
    frame = db.fetch_df(con, "programme_land_in_use_over_time", days=month_ends(start, end))
    frame["day"] = pd.to_datetime(frame["day"]).dt.date
    frame["area_m2"] = frame["area_m2"].astype(float)
    frame["plots"] = frame["plots"].astype(int)
    return frame


def realised_stopped_per_year(
    con: duckdb.DuckDBPyConnection, end_year: int, start_year: int = HISTORY_START.year
) -> pd.DataFrame:
    """Initiatives realised and stopped per year: year, stage, initiatives (zeros included)."""
    found = db.fetch_df(con, "programme_realised_stopped_per_year")
    grid = pd.MultiIndex.from_product(
        [range(start_year, end_year + 1), [s.value for s in PER_YEAR_STAGES]],
        names=["year", "stage"],
    )
    found["year"] = found["year"].astype(int)
    counts = found.set_index(["year", "stage"])["initiatives"].reindex(grid, fill_value=0)
    return counts.astype(int).reset_index()


def chart_data(con: duckdb.DuckDBPyConnection, which: str, today: date) -> pd.DataFrame:
    """The data of one chart (``stages``, ``land`` or ``per_year``) up to ``today``."""
    if which == "stages":
        return stages_over_time(con, today)
    if which == "land":
        return land_in_use_over_time(con, today)
    if which == "per_year":
        return realised_stopped_per_year(con, today.year)
    raise ValueError(f"unknown chart {which!r}")
