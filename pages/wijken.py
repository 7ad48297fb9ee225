"""Wijken: CBS figures and programme figures per buurt and wijk, as a choropleth, a drill
down into one wijk, a comparison and a downloadable table."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from gebrookerbos import ui
from gebrookerbos.domain import indicators, plot_filter
from gebrookerbos.maps import choropleth, map_view
from gebrookerbos.maps.plot_map import Basemap
from gebrookerbos.present import plot_tables, wijken_view
from gebrookerbos.ui import plot_maps

ui.run_through_entrypoint()  # a direct link on a fresh server: run inside dashboard.py

lang = ui.lang()
unknown_text = ui.t("value.unknown")
DRILL = "wk_drill"
LAST_CLICK = "wk_last_click"
TREND_KEYS = indicators.TREND_KEYS
SUMMARY_KEYS = ("inhabitants", "share_65plus", "households", "density", "population_change",
                "share_65plus_change", "plot_count", "m2_available", "m2_in_use",
                "initiatives_active", "m2_in_use_per_1000")

st.title(ui.t("wijken.title"))
st.caption(ui.t("wijken.intro"))
ui.demo_banner()
demo = ui.is_demo()


def trend_chart(long, trend_key: str, key: str) -> None:
    """A trend chart with a description for screen readers (its figures are in the table
    "De cijfers als tabel" that goes with it)."""
    st.altair_chart(wijken_view.trend_chart(long, trend_key, lang), width="stretch", key=key,
                    alt=wijken_view.trend_alt(long, trend_key, lang))


# --- choices (sidebar) -------------------------------------------------------------------
with st.sidebar:
    st.subheader(ui.t("wijken.choices"))
    level = st.radio(ui.t("wijken.level"), list(indicators.LEVELS), key="wk_level",
                     format_func=lambda lv: ui.t(f"level.{lv}_plural"), horizontal=True)
    key = st.selectbox(ui.t("wijken.indicator"), list(indicators.REGISTRY), key="wk_indicator",
                       format_func=lambda k: wijken_view.column_label(k, lang))
    years = ui.neighbourhood_years(level)
    year = st.selectbox(ui.t("wijken.year"), [None, *years], key=f"wk_year_{level}",
                        format_func=lambda y: ui.t("wijken.year_latest") if y is None else str(y),
                        help=ui.t("wijken.year_help"))
    scheme = choropleth.Scheme(st.radio(
        ui.t("wijken.scheme"), list(choropleth.Scheme), key="wk_scheme",
        format_func=lambda s: ui.t(f"wijken.scheme_{s}"),
    ))
    basemap = Basemap(st.radio(ui.t("map.basemap"), list(Basemap), key="wk_basemap",
                               format_func=lambda b: ui.t(f"map.basemap_{b}")))

item = indicators.indicator(key)
table = ui.neighbourhood_indicators(year)
rows = indicators.for_level(table, level)
values = rows.set_index("code")[key]
classes = choropleth.classify(values, scheme)
source = "; ".join(sorted({
    indicators.source_text(item, y, lang, demo) for y in rows["cbs_year"].dropna().unique()
} or {indicators.source_text(item, None, lang, demo)}))
title = wijken_view.column_label(key, lang)
wijk_boundaries = ui.reference("wijk_boundaries")
boundaries = wijk_boundaries if level == "wijk" else ui.reference("buurt_boundaries")

# --- the choropleth --------------------------------------------------------------------
map_col, side_col = st.columns([3, 2], gap="medium")
with map_col:
    fmap = choropleth.build_choropleth(
        boundaries, values, classes, ui.reference("bounds"),
        choropleth.ChoroplethOptions(
            title=title, value_label=title, source=source, decimals=item.decimals,
            basemap=basemap, lang=lang, legend_in_map=False,
        ),
    )
    result = st_folium(
        fmap, key="wk_map", height=560, use_container_width=True,
        returned_objects=["last_active_drawing"],
        feature_group_to_add=choropleth.selection_layer(
            wijk_boundaries, st.session_state.get(DRILL)),
    )
    clicked = (((result or {}).get("last_active_drawing") or {}).get("properties") or {})
    code = clicked.get("code")
    if code and code != st.session_state.get(LAST_CLICK):
        st.session_state[LAST_CLICK] = code
        wijk = indicators.wijk_of(table, code)
        if wijk and wijk != st.session_state.get(DRILL):
            st.session_state[DRILL] = wijk
            st.rerun()
    st.caption(ui.t("wijken.map_aria"))

with side_col:
    st.markdown(choropleth.legend_html(
        title, choropleth.legend_entries(classes, item.decimals, lang), floating=False),
        unsafe_allow_html=True)
    st.caption(source)
    if item.kind == "cbs" and level == "buurt":
        st.caption(ui.t("wijken.buurt_years_note"))
    unknown = int(values.isna().sum())
    if unknown:
        st.caption(ui.t("wijken.unknown_count", n=unknown))
    wijken = indicators.for_level(table, "wijk")
    names = dict(zip(table["code"], table["name"], strict=True))
    st.selectbox(ui.t("wijken.drill_pick"), [None, *wijken["code"]], key=DRILL,
                 placeholder=ui.t("wijken.click_hint"),
                 format_func=lambda c: ui.t("wijken.click_hint") if c is None else names[c])

# --- drill down: one wijk -------------------------------------------------------------
drill = st.session_state.get(DRILL)
if drill:
    st.header(names[drill])
    buurten = indicators.buurten_of(table, drill)
    st.subheader(ui.t("wijken.buurten"))
    st.dataframe(
        wijken_view.indicator_table(
            buurten, lang, demo=demo, keys=SUMMARY_KEYS
        ).drop(columns=[ui.t("ind.col_level"), ui.t("ind.col_wijk")]),
        hide_index=True, width="stretch", key="wk_buurten_table", placeholder=unknown_text,
    )

    st.subheader(ui.t("wijken.trends"))
    with_buurten = st.checkbox(ui.t("wijken.trend_with_buurten"), key="wk_trend_buurten")
    codes = [drill, *(buurten["code"] if with_buurten else [])]
    long = indicators.trends_for(ui.neighbourhood_trends(), codes, names)
    chart_cols = st.columns(2)
    for i, trend_key in enumerate(TREND_KEYS):
        with chart_cols[i % 2]:
            trend_chart(long, trend_key, f"wk_trend_{trend_key}")
    st.caption(ui.t("wijken.trend_source"))
    with st.expander(ui.t("wijken.trend_table")):
        st.dataframe(wijken_view.trend_table(long, lang), hide_index=True, width="stretch",
                     placeholder=unknown_text)

    st.subheader(ui.t("wijken.plots"))
    wijk_plots = ui.filtered_plot_rows(plot_filter.PlotFilter(wijk=drill))  # no outlines
    if wijk_plots.empty:
        st.write(ui.t("wijken.no_plots"))
    else:
        plots_col, plot_col = st.columns([3, 2], gap="medium")
        with plots_col:
            clicked = plot_maps.plot_map(
                "wk_plots_map", wijk_plots,
                bounds=map_view.area_bounds(wijk_boundaries, drill) or ui.reference("bounds"),
                selected=st.session_state.get("wk_plot"), basemap=basemap, height=420,
            )
            if clicked:
                st.session_state["wk_plot"] = clicked
                st.rerun()
        with plot_col:
            chosen = plot_maps.plot_picker(wijk_plots, "wk_plot", label=ui.t("plot.details"),
                                           hint=ui.t("map.click_hint"))
            if chosen:
                ui.plot_details(chosen)
        if len(wijk_plots) > plot_tables.TABLE_MAX_ROWS:
            st.caption(ui.t("map.table_first", rows=plot_tables.TABLE_MAX_ROWS,
                            shown=len(wijk_plots)))
        st.dataframe(plot_tables.plots_table(wijk_plots.head(plot_tables.TABLE_MAX_ROWS), lang),
                     hide_index=True, width="stretch")

    st.subheader(ui.t("wijken.initiatives"))
    personal = ui.can_see_personal_data()
    inits = indicators.initiatives_in_area(ui.connection(), drill, actor=ui.actor())
    if inits.empty:
        st.write(ui.t("wijken.no_initiatives"))
    else:
        st.dataframe(wijken_view.initiatives_table(inits, lang, personal=personal),
                     hide_index=True, width="stretch")
    if personal:
        st.caption(ui.t("wijken.personal_note"))

# --- compare ---------------------------------------------------------------------------
st.header(ui.t("wijken.compare"))
all_codes = list(table["code"])
chosen = st.multiselect(
    ui.t("wijken.compare_pick"), all_codes, key="wk_compare",
    format_func=lambda c: wijken_view.area_option(table, c, lang),
    placeholder=ui.t("wijken.compare_placeholder"), max_selections=wijken_view.MAX_COMPARE,
)
if len(chosen) < 2:
    st.info(ui.t("wijken.compare_hint"))
else:
    st.dataframe(wijken_view.comparison_table(table, chosen, lang), width="stretch")
    trend_key = st.selectbox(ui.t("wijken.compare_indicator"), list(TREND_KEYS),
                             key="wk_compare_indicator",
                             format_func=lambda k: wijken_view.column_label(k, lang))
    long = indicators.trends_for(ui.neighbourhood_trends(), chosen, names)
    trend_chart(long, trend_key, "wk_compare_trend")
    with st.expander(ui.t("wijken.trend_table")):
        st.dataframe(wijken_view.trend_table(long, lang), hide_index=True, width="stretch",
                     placeholder=unknown_text, key="wk_compare_trend_table")
    st.caption(ui.t("wijken.trend_source"))

# --- the table of all neighbourhoods ---------------------------------------------------
st.header(ui.t("wijken.table"))
st.caption(ui.t("wijken.table_note"))
st.dataframe(wijken_view.indicator_table(table, lang, demo=demo), hide_index=True,
             width="stretch", key="wk_table", placeholder=unknown_text)
st.download_button(
    ui.t("wijken.download"), data=wijken_view.csv_bytes(table, lang, demo=demo),
    file_name=f"gebrookerbos_wijken_{year or 'recent'}.csv", mime="text/csv",
    key="wk_download", icon=":material/download:",
)
with st.expander(ui.t("wijken.definitions")):
    st.markdown(ui.t("wijken.definitions_text"))
