"""Kaart: all plots on the map, with filters, the clicked plot's details and a table."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from gebrookerbos import map_view, plots, ui
from gebrookerbos.domain import Availability, Stage, Theme
from gebrookerbos.plot_map import Basemap, ColourBy, MapOptions, build_map

lang = ui.lang()
SELECTED = "selected_plot"

st.title(ui.t("map.title"))
st.caption(ui.t("map.intro"))
ui.demo_banner()

# --- filters (sidebar) -----------------------------------------------------------------
wijken = ui.reference("wijken")
buurten = ui.reference("buurten")
lo, hi = ui.reference("area_range")
with st.sidebar:
    st.subheader(ui.t("map.filters"))
    wijk = st.selectbox(
        ui.t("filter.wijk"), [None, *wijken["code"]], key="f_wijk",
        format_func=lambda c: ui.t("filter.all") if c is None
        else wijken.set_index("code").loc[c, "name"],
    )
    buurt_options = buurten if wijk is None else buurten[buurten["wijk_code"] == wijk]
    buurt = st.selectbox(
        ui.t("filter.buurt"), [None, *buurt_options["code"]], key="f_buurt",
        format_func=lambda c: ui.t("filter.all") if c is None
        else buurten.set_index("code").loc[c, "name"],
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

flt = plots.PlotFilter(
    wijk=wijk, buurt=buurt, availabilities=tuple(availabilities), stages=tuple(stages),
    themes=tuple(themes),
    min_area=float(area[0]) if area[0] > 0 else None,
    max_area=float(area[1]) if area[1] <= int(hi) else None,
)
shown = ui.filtered_plots(flt)
st.markdown(f"**{ui.t('map.count', shown=len(shown), total=ui.reference('plot_count'))}**")

# --- map and details ---------------------------------------------------------------------
map_col, detail_col = st.columns([3, 2], gap="medium")
with map_col:
    fmap = build_map(
        shown, ui.reference("bounds"),
        MapOptions(colour_by=colour_by, basemap=basemap, lang=lang),
        buurten=ui.reference("buurt_boundaries"), wijken=ui.reference("wijk_boundaries"),
    )
    result = st_folium(
        fmap, key="plot_map", height=560, use_container_width=True,
        returned_objects=["last_active_drawing"],
        feature_group_to_add=map_view.selection_layer(shown, st.session_state.get(SELECTED)),
    )
    clicked = ((result or {}).get("last_active_drawing") or {}).get("properties", {})
    if clicked.get("plot_id") and clicked["plot_id"] != st.session_state.get(SELECTED):
        st.session_state[SELECTED] = st.session_state["plot_picker"] = clicked["plot_id"]
        st.rerun()
    st.markdown(map_view.legend_html(colour_by, lang), unsafe_allow_html=True)
    st.caption(ui.t("map.aria"))

with detail_col:
    ids = list(shown["plot_id"])
    names = dict(zip(shown["plot_id"], shown["name"], strict=True))
    if st.session_state.get(SELECTED) not in ids:
        st.session_state[SELECTED] = st.session_state["plot_picker"] = None
    current = st.session_state.get(SELECTED)
    st.selectbox(
        ui.t("plot.details"), [None, *ids],
        format_func=lambda p: ui.t("map.click_hint") if p is None else f"{p} – {names[p]}",
        key="plot_picker", placeholder=ui.t("map.click_hint"), on_change=lambda: st.session_state.update(
            {SELECTED: st.session_state["plot_picker"]}),
    )
    if current:
        ui.plot_details(current)

# --- the same plots as a table ------------------------------------------------------------
st.subheader(ui.t("map.table"))
if shown.empty:
    st.info(ui.t("map.none_match"))
else:
    st.dataframe(map_view.plots_table(shown, lang), hide_index=True, width="stretch")
