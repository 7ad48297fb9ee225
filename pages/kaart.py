"""Kaart: all plots on the map, with filters, the clicked plot's details and a table."""

from __future__ import annotations

import streamlit as st

from gebrookerbos import ui
from gebrookerbos.domain import Availability, Stage, Theme, plot_filter
from gebrookerbos.maps.plot_map import Basemap
from gebrookerbos.maps.style import ColourBy
from gebrookerbos.present import history as history_view
from gebrookerbos.present import plot_tables
from gebrookerbos.ui import plot_maps

ui.run_through_entrypoint()  # a direct link on a fresh server: run inside dashboard.py

lang = ui.lang()
SELECTED = "selected_plot"

st.title(ui.t("map.title"))
st.caption(ui.t("map.intro"))
ui.demo_banner()

# --- filters (sidebar) -----------------------------------------------------------------
wijken = ui.reference("wijken")
buurten = ui.reference("buurten")
lo, hi = ui.reference("area_range")
names = dict(zip(wijken["code"], wijken["name"], strict=True)) | dict(
    zip(buurten["code"], buurten["name"], strict=True))
with st.sidebar:
    st.subheader(ui.t("map.filters"))
    wijk = st.selectbox(
        ui.t("filter.wijk"), [None, *wijken["code"]], key="f_wijk", placeholder=ui.t("filter.all"),
        format_func=lambda c: ui.t("filter.all") if c is None else names[c],
    )
    buurt_options = buurten if wijk is None else buurten[buurten["wijk_code"] == wijk]
    buurt = st.selectbox(
        ui.t("filter.buurt"), [None, *buurt_options["code"]], key="f_buurt", placeholder=ui.t("filter.all"),
        format_func=lambda c: ui.t("filter.all") if c is None else names[c],
    )
    availabilities = st.multiselect(
        ui.t("filter.availability"), list(Availability), key="f_availability",
        format_func=lambda a: ui.label("availability", a), placeholder=ui.t("filter.all"),
    )
    stages = st.multiselect(
        ui.t("filter.stage"), [*Stage, "none"], key="f_stage",
        format_func=lambda s: ui.label("stage", None if s == "none" else s),
        placeholder=ui.t("filter.all"),
    )
    themes = st.multiselect(
        ui.t("filter.theme"), list(Theme), key="f_theme",
        format_func=lambda th: ui.label("theme", th), placeholder=ui.t("filter.all"),
    )
    area = st.slider(
        ui.t("filter.area"), min_value=0, max_value=max(int(hi) + 1, 1),
        value=(0, max(int(hi) + 1, 1)), step=50, key="f_area",
    )
    colour_by = ColourBy(st.radio(
        ui.t("map.colour_by"), list(ColourBy), key="colour_by",
        format_func=lambda c: ui.t(f"map.colour_{c}"),
    ))
    basemap = Basemap(st.radio(
        ui.t("map.basemap"), list(Basemap), key="basemap",
        format_func=lambda b: ui.t(f"map.basemap_{b}"),
    ))
    # The boundaries on or off here too: the map's own layer control takes a mouse.
    wijk_lines = st.checkbox(ui.t("map.layer_wijken"), value=True, key="lines_wijken")
    buurt_lines = st.checkbox(ui.t("map.layer_buurten"), value=True, key="lines_buurten")

flt = plot_filter.PlotFilter(
    wijk=wijk, buurt=buurt, availabilities=tuple(availabilities), stages=tuple(stages),
    themes=tuple(themes),
    min_area=float(area[0]) if area[0] > 0 else None,
    max_area=float(area[1]) if area[1] <= int(hi) else None,
)
# --- the map at a date: today = the current state, else from the history -------
day = ui.map_date_control()
shown = ui.map_plots(flt, day)
if day < ui.today():
    st.markdown(f"### {ui.t('map.state_on', date=history_view.long_date(day, lang))}")
    missing = ui.plots_without_history()
    st.caption(ui.t("map.past_note") + (f" {ui.t('map.no_history', n=missing)}" if missing else ""))
else:
    st.markdown(f"### {ui.t('map.state_today', date=history_view.long_date(day, lang))}")
st.markdown(f"**{ui.t('map.count', shown=len(shown), total=ui.reference('plot_count'))}**")

# --- map and details ---------------------------------------------------------------------
map_col, detail_col = st.columns([3, 2], gap="medium")
with map_col:
    # The municipality stays framed; the plots (a file, see maps.layers) and the selection
    # are layers updated in place. Detail or dots depends on the view the browser reported.
    clicked = plot_maps.plot_map(
        "plot_map", shown, bounds=ui.reference("bounds"),
        selected=st.session_state.get(SELECTED), colour_by=colour_by, basemap=basemap,
        lines=(wijk_lines, buurt_lines),
    )
    if clicked:
        st.session_state[SELECTED] = st.session_state["plot_picker"] = clicked
        st.rerun()
    selected = st.session_state.get(SELECTED)
    if selected is not None and not shown["plot_id"].eq(selected).any():
        selected = None

with detail_col:
    if selected is None:
        st.session_state[SELECTED] = None
    current = plot_maps.plot_picker(
        shown, "plot_picker", label=ui.t("plot.details"), hint=ui.t("map.click_hint"),
        on_change=lambda: st.session_state.update(
            {SELECTED: (st.session_state["plot_picker"] or "").strip() or None}),
    )
    if current:
        if day < ui.today():  # the map shows the past; the details are today's
            st.caption(ui.t("map.details_today"))
        ui.plot_details(current)

# --- the same plots as a table ------------------------------------------------------------
st.subheader(ui.t("map.table"))
if shown.empty:
    st.info(ui.t("map.none_match"))
else:
    if len(shown) > plot_tables.TABLE_MAX_ROWS:  # 100,000 rows would be 14 MB for the browser
        st.caption(ui.t("map.table_first", rows=plot_tables.TABLE_MAX_ROWS, shown=len(shown)))
    st.dataframe(plot_tables.plots_table(shown.head(plot_tables.TABLE_MAX_ROWS), lang),
                 hide_index=True, width="stretch")
