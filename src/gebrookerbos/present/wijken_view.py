"""What the Wijken page shows, as pure functions of the indicator table (no Streamlit here):
the labelled table, the CSV export with its sources, comparisons and trend charts."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from gebrookerbos import i18n
from gebrookerbos.domain import indicators as ind
from gebrookerbos.maps.choropleth import format_value

# Okabe-Ito colours for lines of different areas (colour-blind safe); the page lets people
# compare at most MAX_COMPARE areas so that every line has its own colour.
LINE_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#000000",
                "#F0E442")
MAX_COMPARE = len(LINE_COLOURS)


def column_label(key: str, lang: str) -> str:
    """The header of an indicator column: label with unit, e.g. "Aandeel 65+ (%)"."""
    item = ind.indicator(key)
    return f"{item.label(lang)} ({item.unit(lang)})"


def level_label(level: str, lang: str) -> str:
    return i18n.t(f"level.{level}", lang)


def area_option(table: pd.DataFrame, code: str, lang: str) -> str:
    """An area as a choice: "Maria Gewanden (buurt, Wijk 10 ...)"."""
    row = table.loc[table["code"] == code]
    if row.empty:
        return code
    rec = row.iloc[0]
    level = level_label(rec["level"], lang).lower()
    if rec["level"] == "buurt" and isinstance(rec["wijk_name"], str):
        return f"{rec['name']} ({level}, {rec['wijk_name']})"
    return f"{rec['name']} ({level})"


def indicator_table(
    table: pd.DataFrame, lang: str, *, demo: bool, keys: Sequence[str] | None = None,
) -> pd.DataFrame:
    """All areas with all indicators and their sources, labelled for people.

    Numbers stay numbers (sortable; rounded to the indicator's decimals) and unknown stays
    empty (NaN), never 0. Each row credits its CBS figures: "Bron: CBS", table and year.
    """
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    keys = list(keys) if keys is not None else list(ind.REGISTRY)
    out = pd.DataFrame(
        {
            t("ind.col_code"): table["code"],
            t("ind.col_name"): table["name"],
            t("ind.col_level"): [level_label(lv, lang) for lv in table["level"]],
            t("ind.col_wijk"): table["wijk_name"].where(table["level"] == "buurt", ""),
            t("ind.col_cbs_year"): table["cbs_year"].astype("Int64"),
        }
    )
    for key in keys:
        item = ind.indicator(key)
        values = pd.to_numeric(table[key], errors="coerce").astype(float).round(item.decimals)
        out[column_label(key, lang)] = values if item.decimals else values.astype("Int64")
    has_change = table["population_change"].notna() | table["share_65plus_change"].notna()
    out[t("ind.col_source_cbs")] = [ind.cbs_source(y) for y in table["cbs_year"]]
    out[t("ind.col_source_change")] = [ind.change_source() if c else "" for c in has_change]
    out[t("ind.col_source_programme")] = ind.programme_source(lang, demo)
    return out.reset_index(drop=True)


def csv_bytes(table: pd.DataFrame, lang: str, *, demo: bool) -> bytes:
    """The table as CSV (UTF-8, comma-separated, decimal point): one header row, unknown
    values as empty cells, the sources in columns so the file stays loadable as it is."""
    frame = indicator_table(table, lang, demo=demo)
    frame[i18n.t("ind.col_attribution", lang)] = i18n.t("app.attribution", lang)
    return frame.to_csv(index=False).encode("utf-8")


def comparison_table(table: pd.DataFrame, codes: Sequence[str], lang: str) -> pd.DataFrame:
    """Areas side by side: one row per indicator, one column per area; text values."""
    part = table.set_index("code").reindex(list(codes))
    rows = {i18n.t("ind.col_level", lang): [level_label(lv, lang) for lv in part["level"]],
            i18n.t("ind.col_cbs_year", lang): [
                i18n.t("value.unknown", lang) if pd.isna(y) else str(int(y))
                for y in part["cbs_year"]]}
    for key, item in ind.REGISTRY.items():
        rows[column_label(key, lang)] = [
            format_value(v, item.decimals, lang) for v in part[key].astype(float)
        ]
    frame = pd.DataFrame(rows, index=list(part["name"])).T
    frame.index.name = i18n.t("ind.indicator", lang)
    return frame


def trend_table(long: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The trend figures as a table (year x indicator), the text alternative to the charts."""
    if long.empty:
        return pd.DataFrame()
    frame = long.assign(label=[column_label(k, lang) for k in long["indicator"]])
    frame = frame.pivot_table(index=["name", "year"], columns="label", values="value",
                              aggfunc="first").reset_index()
    frame.columns.name = None
    return frame.rename(columns={"name": i18n.t("ind.col_name", lang),
                                 "year": i18n.t("ind.year", lang)})


def trend_chart(long: pd.DataFrame, key: str, lang: str) -> alt.Chart:
    """A line chart of one CBS indicator over the years, one line per area.

    Years are on a numeric axis, so the gap between 2020 and 2024 shows as a gap in time.
    """
    item = ind.indicator(key)
    data = long[long["indicator"] == key].rename(columns={"name": "area"})
    names = list(dict.fromkeys(data["area"]))
    return (
        alt.Chart(data, title=column_label(key, lang))
        .mark_line(point=True)
        .encode(
            x=alt.X("year:Q", title=i18n.t("ind.year", lang),
                    axis=alt.Axis(format="d", tickMinStep=1),
                    scale=alt.Scale(domain=[2016, 2024])),
            y=alt.Y("value:Q", title=item.unit(lang), scale=alt.Scale(zero=False)),
            color=alt.Color("area:N", title=i18n.t("ind.area", lang),
                            scale=alt.Scale(domain=names, range=[
                                LINE_COLOURS[i % len(LINE_COLOURS)]
                                for i in range(max(len(names), 1))]),
                            legend=alt.Legend(orient="right", labelLimit=220)),
            tooltip=[alt.Tooltip("area:N", title=i18n.t("ind.area", lang)),
                     alt.Tooltip("year:Q", title=i18n.t("ind.year", lang), format="d"),
                     alt.Tooltip("value:Q", title=item.label(lang),
                                 format=f",.{item.decimals}f")],
        )
        .properties(height=260)
    )


def trend_alt(long: pd.DataFrame, key: str, lang: str) -> str:
    """A short description of a trend chart for screen readers: what it shows, for which
    areas and years (the figures are in :func:`trend_table`, shown with it)."""
    data = long[long["indicator"] == key]
    years = sorted(int(y) for y in data["year"].unique())
    areas = list(dict.fromkeys(data["name"]))
    span = f"{years[0]}-{years[-1]}" if years else "–"
    return i18n.t("wijken.trend_alt", lang, what=column_label(key, lang),
                  areas=", ".join(areas), years=span)


def initiatives_table(frame: pd.DataFrame, lang: str, *, personal: bool) -> pd.DataFrame:
    """The initiatives of an area, labelled; personal columns only when ``personal``."""
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    out = pd.DataFrame(
        {
            t("initiative.title"): frame["title"],
            t("initiative.stage"): [i18n.label("stage", s, lang) for s in frame["stage"]],
            t("initiative.theme"): [i18n.label("theme", s, lang) for s in frame["theme"]],
            t("initiative.progress"): frame["progress"].astype("Int64"),
            t("ind.col_plots"): frame["plot_ids"],
            t("ind.col_buurten"): frame["buurt_names"],
            t("initiative.public_summary"): frame["public_summary"],
        }
    )
    if personal:
        for col in ("initiator_group", "contact_name", "contact_email", "contact_phone",
                    "account_manager"):
            if col in frame:
                out[t(f"ind.personal_{col}")] = frame[col]
    return out
