"""The programme's memory: plots and initiatives as they were on any date since 2014.

"On a date" means at the END of that day, computed from ``stage_events`` and
``plot_events`` only: of several events on one day the one with the highest ``event_id``
wins. Decisions where the data is silent:

- An initiative exists from its first stage event; before that it is not on the map.
- A plot is on the map from its first plot event (the day it entered the programme's
  list of vacant land); before that it is not shown. A plot without any plot event has an
  unknown past and is not shown at past dates (the page says how many).
- The initiative shown on a plot at a date is, as on today's map, the linked initiative
  that existed then, a non-stopped one first, else the one that started last.
- Progress at a date follows the stage then; an explicitly set progress counts only while
  the initiative is still in its current stage.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from gebrookerbos import db
from gebrookerbos.domain import STAGE_PROGRESS, Stage, auth
from gebrookerbos.domain.auth import PUBLIC, Actor

HISTORY_START = date(2014, 1, 1)  # the programme started in 2014

# Columns of the map's plots that describe the state (replaced at a past date).
STATE_COLUMNS: tuple[str, ...] = (
    "availability", "initiative_id", "initiative_title", "stage", "theme", "progress",
)


def _stage_params() -> dict[str, list]:
    codes = [s.value for s in Stage]
    return {"stage_codes": codes, "stage_progress": [STAGE_PROGRESS[s] for s in Stage]}


def plot_state_at(con: duckdb.DuckDBPyConnection, on_date: date) -> pd.DataFrame:
    """Every plot in the programme at the end of ``on_date`` with its state then.

    Columns: plot_id, availability, initiative_id, initiative_title, stage, theme, progress.
    """
    return db.fetch_df(con, "plot_state_at", on_date=on_date, **_stage_params())


def initiative_stages_at(con: duckdb.DuckDBPyConnection, on_date: date) -> pd.DataFrame:
    """Every initiative that existed at the end of ``on_date`` and its stage then."""
    return db.fetch_df(con, "history_initiative_stages_at", on_date=on_date)


def plots_without_history(con: duckdb.DuckDBPyConnection) -> int:
    return int(db.fetch_value(con, "history_plots_without_events"))


def apply_state(
    plots: pd.DataFrame,
    state: pd.DataFrame,
    availabilities: tuple[str, ...] = (),
    stages: tuple[str, ...] = (),
    themes: tuple[str, ...] = (),
) -> pd.DataFrame:
    """The map's plots as they were: ``state`` (from :func:`plot_state_at`) replaces the
    state columns; plots not in the programme then are dropped; then the availability,
    stage ('none' = no initiative) and theme filters are applied to the past state.

    ``plots`` are rows of ``filtered_plots`` fetched WITHOUT those three filters (they
    describe today's state and would select the wrong plots for a past date).
    """
    keep = [c for c in plots.columns if c not in STATE_COLUMNS]
    merged = plots[keep].merge(
        state[["plot_id", *STATE_COLUMNS]], on="plot_id", how="inner", validate="one_to_one"
    )
    mask = pd.Series(True, index=merged.index)
    if availabilities:
        mask &= merged["availability"].isin(list(availabilities))
    if stages:
        mask &= merged["stage"].fillna("none").isin(list(stages))
    if themes:
        mask &= merged["theme"].isin(list(themes))
    return merged.loc[mask, list(plots.columns)].reset_index(drop=True)


# --- playing through the years -------------------------------------------------------------


def play_dates(today: date) -> list[date]:
    """The dates the play button steps through: 1 January of every year, then today."""
    dates = [date(y, 1, 1) for y in range(HISTORY_START.year, today.year + 1)]
    return [d for d in dates if d < today] + [today]


def next_play_date(current: date, today: date) -> date | None:
    """The next date to show while playing; None at the end. From today it starts over."""
    if current >= today:
        return HISTORY_START
    return next((d for d in play_dates(today) if d > current), None)


# --- one initiative's history --------------------------------------------------------------


def stage_events(con: duckdb.DuckDBPyConnection, initiative_id: str, *,
                 actor: Actor = PUBLIC) -> pd.DataFrame:
    """The initiative's stage changes; who and the note only for staff."""
    return db.fetch_df(con, auth.named_query(con, actor, "history_stage_events"),
                       initiative_id=initiative_id)


def plot_events(con: duckdb.DuckDBPyConnection, initiative_id: str, *,
                actor: Actor = PUBLIC) -> pd.DataFrame:
    """The plot events the initiative caused; who and the note only for staff."""
    return db.fetch_df(con, auth.named_query(con, actor, "history_plot_events"),
                       initiative_id=initiative_id)


def timeline_segments(events: pd.DataFrame, today: date) -> pd.DataFrame:
    """One row per period in a stage: stage, start, end (the next event, or today for the
    current one) and whether it is current. Several events on one day: only the last counts.
    """
    columns = ["stage", "start", "end", "current"]
    if events.empty:
        return pd.DataFrame(columns=columns)
    ordered = events.sort_values(["event_date", "event_id"])
    ordered = ordered.assign(event_date=pd.to_datetime(ordered["event_date"]).dt.date)
    last_per_day = ordered.groupby("event_date", as_index=False).last()
    rows = []
    records = last_per_day.to_dict("records")
    for i, row in enumerate(records):
        is_last = i == len(records) - 1
        end = today if is_last else records[i + 1]["event_date"]
        rows.append({"stage": row["to_stage"], "start": row["event_date"],
                     "end": max(end, row["event_date"]), "current": is_last})
    return pd.DataFrame(rows, columns=columns)


