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

from datetime import date, timedelta

import altair as alt
import duckdb
import pandas as pd

from gebrookerbos import db, i18n
from gebrookerbos.domain import STAGE_PROGRESS, Stage

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


def long_date(day: date, lang: str) -> str:
    """'1 januari 2018' / '1 January 2018'."""
    return f"{day.day} {i18n.t(f'date.month_{day.month}', lang)} {day.year}"


# --- one initiative's history --------------------------------------------------------------


def stage_events(con: duckdb.DuckDBPyConnection, initiative_id: str) -> pd.DataFrame:
    return db.fetch_df(con, "history_stage_events", initiative_id=initiative_id)


def plot_events(con: duckdb.DuckDBPyConnection, initiative_id: str) -> pd.DataFrame:
    return db.fetch_df(con, "history_plot_events", initiative_id=initiative_id)


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


def history_table(
    stage_ev: pd.DataFrame, plot_ev: pd.DataFrame, lang: str, *, personal: bool
) -> pd.DataFrame:
    """Stage changes and plot events of one initiative in one list, oldest first.

    ``personal=False`` (the public) leaves out who made the change and the free-text notes:
    names of staff and whatever a note may say about people are not for the public.
    """
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    rows = []
    for r in stage_ev.to_dict("records"):
        change = (i18n.label("stage", r["to_stage"], lang) if r["from_stage"] is None
                  or r["from_stage"] != r["from_stage"]
                  else f"{i18n.label('stage', r['from_stage'], lang)} → "
                       f"{i18n.label('stage', r['to_stage'], lang)}")
        rows.append((r["event_date"], 0, r["event_id"], t("history.kind_stage"), change,
                     r["by_whom"], r["note"]))
    for r in plot_ev.to_dict("records"):
        frm = r["from_availability"]
        to = i18n.label("availability", r["to_availability"], lang)
        change = f"{r['plot_id']} {r['plot_name']}: " + (
            to if frm is None or frm != frm else f"{i18n.label('availability', frm, lang)} → {to}"
        )
        rows.append((r["event_date"], 1, r["event_id"], t("history.kind_plot"), change,
                     r["by_whom"], r["note"]))
    rows.sort(key=lambda r: (pd.Timestamp(r[0]), r[1], r[2]))
    table = pd.DataFrame(
        {
            t("history.date"): [pd.Timestamp(r[0]).date() for r in rows],
            t("history.kind"): [r[3] for r in rows],
            t("history.change"): [r[4] for r in rows],
        }
    )
    if personal:
        table[t("history.by")] = [r[5] or "" for r in rows]
        table[t("history.note")] = [r[6] or "" for r in rows]
    return table


def timeline_chart(segments: pd.DataFrame, lang: str) -> alt.Chart:
    """A Gantt-like bar per stage period, from its event date to the next one."""
    from gebrookerbos.maps.style import STAGE_COLOURS

    order = [s.value for s in Stage]
    labels = [i18n.label("stage", s, lang) for s in order]
    data = segments.assign(
        label=[i18n.label("stage", s, lang) for s in segments["stage"]],
        start=pd.to_datetime(segments["start"]),
        end=pd.to_datetime(segments["end"]),
        # a period that starts and ends on one day still gets a visible sliver
        bar_end=pd.to_datetime(segments["end"]) + timedelta(days=1),
    )
    stage_t = i18n.t("initiative.stage", lang)
    span = (data["bar_end"].max() - data["start"].min()).days if len(data) else 0
    axis_format = "%Y" if span > 3 * 365 else "%m-%Y"
    return (
        alt.Chart(data)
        .mark_bar(cornerRadius=2)
        .encode(
            # numeric dates only: Vega's own month and day names are English
            x=alt.X("start:T", title=i18n.t("history.date", lang),
                    axis=alt.Axis(format=axis_format)),
            x2="bar_end:T",
            y=alt.Y("label:N", title=stage_t, sort=labels),
            color=alt.Color(
                "label:N", title=stage_t, legend=None,
                scale=alt.Scale(domain=labels, range=[STAGE_COLOURS[s] for s in order]),
            ),
            tooltip=[
                alt.Tooltip("label:N", title=stage_t),
                alt.Tooltip("start:T", title=i18n.t("history.from", lang), format="%d-%m-%Y"),
                alt.Tooltip("end:T", title=i18n.t("history.to", lang), format="%d-%m-%Y"),
            ],
        )
        .properties(height=alt.Step(28), width="container")
    )
