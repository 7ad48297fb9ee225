"""The past as people read it: dates in words, an initiative's events, its timeline chart.

The data (events, periods in a stage) comes from :mod:`gebrookerbos.domain.history`.
"""

from __future__ import annotations

from datetime import date, timedelta

import altair as alt
import pandas as pd

from gebrookerbos import i18n
from gebrookerbos.domain import Stage
from gebrookerbos.maps.style import STAGE_COLOURS


def long_date(day: date, lang: str) -> str:
    """'1 januari 2018' / '1 January 2018'."""
    return f"{day.day} {i18n.t(f'date.month_{day.month}', lang)} {day.year}"


def history_table(stage_ev: pd.DataFrame, plot_ev: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Stage changes and plot events of one initiative in one list, oldest first.

    Who made each change and the staff notes are columns when the events hold them (the
    internal queries, for staff); the public's events do not have them at all.
    """
    internal = "note" in stage_ev.columns and "note" in plot_ev.columns
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    rows = []
    for r in stage_ev.to_dict("records"):
        change = (i18n.label("stage", r["to_stage"], lang) if r["from_stage"] is None
                  or r["from_stage"] != r["from_stage"]
                  else f"{i18n.label('stage', r['from_stage'], lang)} → "
                       f"{i18n.label('stage', r['to_stage'], lang)}")
        rows.append((r["event_date"], 0, r["event_id"], t("history.kind_stage"), change,
                     r.get("by_whom"), r.get("note")))
    for r in plot_ev.to_dict("records"):
        frm = r["from_availability"]
        to = i18n.label("availability", r["to_availability"], lang)
        change = f"{r['plot_id']} {r['plot_name']}: " + (
            to if frm is None or frm != frm else f"{i18n.label('availability', frm, lang)} → {to}"
        )
        rows.append((r["event_date"], 1, r["event_id"], t("history.kind_plot"), change,
                     r.get("by_whom"), r.get("note")))
    rows.sort(key=lambda r: (pd.Timestamp(r[0]), r[1], r[2]))
    table = pd.DataFrame(
        {
            t("history.date"): [pd.Timestamp(r[0]).date() for r in rows],
            t("history.kind"): [r[3] for r in rows],
            t("history.change"): [r[4] for r in rows],
        }
    )
    if internal:
        table[t("history.by")] = [r[5] or "" for r in rows]
        table[t("history.note")] = [r[6] or "" for r in rows]
    return table


def timeline_chart(segments: pd.DataFrame, lang: str) -> alt.Chart:
    """A Gantt-like bar per stage period, from its event date to the next one."""
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
