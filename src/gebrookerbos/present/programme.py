"""The programme over time as people see it: the charts, their CSV and PNG, one sentence each.

The figures come from :mod:`gebrookerbos.domain.programme`. PNG export uses vl-convert
(Vega-Lite rendered in-process, no browser and no network).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from gebrookerbos import i18n
from gebrookerbos.domain import Stage
from gebrookerbos.domain.programme import PER_YEAR_STAGES
from gebrookerbos.maps.style import STAGE_COLOURS


def readable(which: str, data: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The chart data with translated headers and labels (for the CSV download)."""
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    if which == "land":
        return pd.DataFrame({
            t("programme.date"): data["day"],
            t("programme.area_in_use"): data["area_m2"].round(0).astype(int),
            t("programme.plots_in_use"): data["plots"],
        })
    period = "day" if which == "stages" else "year"
    return pd.DataFrame({
        t("programme.date" if which == "stages" else "programme.year"): data[period],
        t("initiative.stage"): [i18n.label("stage", s, lang) for s in data["stage"]],
        t("programme.initiatives"): data["initiatives"],
    })


def to_csv(which: str, data: pd.DataFrame, lang: str) -> bytes:
    """CSV (UTF-8 with BOM so spreadsheet programs read the accents; ; as in NL Excel)."""
    sep = ";" if lang == "nl" else ","
    return readable(which, data, lang).to_csv(index=False, sep=sep).encode("utf-8-sig")


def number_locale(lang: str) -> alt.Locale:
    """Thousands and decimal separators of the language (1.234,5 in Dutch)."""
    if lang == "nl":
        return alt.Locale(number=alt.NumberLocale(
            decimal=",", thousands=".", grouping=[3], currency=["€ ", ""]))
    return alt.Locale(number=alt.NumberLocale(
        decimal=".", thousands=",", grouping=[3], currency=["€", ""]))


def _stage_scale(stages: list[str], lang: str) -> alt.Scale:
    return alt.Scale(
        domain=[i18n.label("stage", s, lang) for s in stages],
        range=[STAGE_COLOURS[s] for s in stages],
    )


def chart(which: str, data: pd.DataFrame, lang: str) -> alt.Chart:
    """The Altair chart of one programme figure (same data as the CSV)."""
    return _chart(which, data, lang).configure(locale=number_locale(lang))


def _chart(which: str, data: pd.DataFrame, lang: str) -> alt.Chart:
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    title = t(f"programme.chart_{which}")
    if which == "land":
        frame = data.assign(day=pd.to_datetime(data["day"]))
        return (
            alt.Chart(frame, title=title)
            .mark_area(line=True, color="#0072B2", opacity=0.6)
            .encode(
                x=alt.X("day:T", title=t("programme.date"), axis=alt.Axis(format="%Y")),
                y=alt.Y("area_m2:Q", title=t("programme.area_in_use")),
                tooltip=[
                    alt.Tooltip("day:T", title=t("programme.date"), format="%d-%m-%Y"),
                    alt.Tooltip("area_m2:Q", title=t("programme.area_in_use"), format=",.0f"),
                    alt.Tooltip("plots:Q", title=t("programme.plots_in_use")),
                ],
            )
            .properties(height=320, width="container")
        )
    stages = [s.value for s in (Stage if which == "stages" else PER_YEAR_STAGES)]
    frame = data.assign(
        label=[i18n.label("stage", s, lang) for s in data["stage"]],
        order=[stages.index(s) for s in data["stage"]],
    )
    colour = alt.Color("label:N", title=t("initiative.stage"), scale=_stage_scale(stages, lang),
                       sort=[i18n.label("stage", s, lang) for s in stages])
    tooltip = [alt.Tooltip("label:N", title=t("initiative.stage")),
               alt.Tooltip("initiatives:Q", title=t("programme.initiatives"))]
    if which == "stages":
        frame = frame.assign(day=pd.to_datetime(frame["day"]))
        return (
            alt.Chart(frame, title=title)
            .mark_area()
            .encode(
                x=alt.X("day:T", title=t("programme.date"), axis=alt.Axis(format="%Y")),
                y=alt.Y("initiatives:Q", stack="zero", title=t("programme.initiatives")),
                color=colour,
                order=alt.Order("order:Q"),
                tooltip=[alt.Tooltip("day:T", title=t("programme.date"), format="%m-%Y"),
                         *tooltip],
            )
            .properties(height=320, width="container")
        )
    return (
        alt.Chart(frame, title=title)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=t("programme.year")),
            xOffset=alt.XOffset("label:N", sort=[i18n.label("stage", s, lang) for s in stages]),
            y=alt.Y("initiatives:Q", title=t("programme.initiatives"),
                    axis=alt.Axis(tickMinStep=1)),
            color=colour,
            tooltip=[alt.Tooltip("year:O", title=t("programme.year")), *tooltip],
        )
        .properties(height=320, width="container")
    )


def to_png(which: str, data: pd.DataFrame, lang: str, width: int = 900) -> bytes:
    """The chart as a PNG image, rendered without a browser or network."""
    import vl_convert as vlc

    spec = chart(which, data, lang).properties(width=width).to_dict()
    return vlc.vegalite_to_png(spec, scale=2)


def summary(which: str, data: pd.DataFrame, lang: str) -> str:
    """The chart's message in one sentence (the text alternative to the chart)."""
    if data.empty:
        return ""
    if which == "land":
        last = data.iloc[-1]
        return i18n.t("programme.summary_land", lang, date=last["day"].strftime("%d-%m-%Y"),
                      area=i18n.format_number(last["area_m2"], lang), plots=int(last["plots"]))
    if which == "stages":
        day = data["day"].max()
        now = data[data["day"] == day]
        parts = ", ".join(
            f"{int(n)} {i18n.label('stage', s, lang).lower()}"
            for s, n in zip(now["stage"], now["initiatives"], strict=True) if n
        )
        return i18n.t("programme.summary_stages", lang, date=day.strftime("%d-%m-%Y"),
                      total=int(now["initiatives"].sum()), parts=parts)
    totals = data.groupby("stage")["initiatives"].sum()
    return i18n.t("programme.summary_per_year", lang, start=int(data["year"].min()),
                  realised=int(totals.get(Stage.REALISED.value, 0)),
                  stopped=int(totals.get(Stage.STOPPED.value, 0)))
