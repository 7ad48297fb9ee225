"""UI helper (Streamlit): the one interactive plot map that every page uses.

Kaart, Kavels (search and match), an initiative's small map and a wijk's plots on Wijken all
call :func:`plot_map`: the same layer file (:mod:`gebrookerbos.maps.layers`, outlines or
dots depending on the view the browser reported last), the same selection outline, the same
click behaviour (a click on a plot returns its id) and the same legend beside the map. The
map itself is built once per frame and options; the plots and the selection are layers that
the browser swaps in place, so a filter change or a zoom never remounts the map.
"""

from __future__ import annotations

from collections.abc import Sequence

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from gebrookerbos import ui
from gebrookerbos.maps import layers, map_view, matches
from gebrookerbos.maps.plot_map import (
    Basemap,
    MapOptions,
    build_map,
    plot_layer_group,
    selection_group,
)
from gebrookerbos.maps.style import ColourBy


def plot_map(
    key: str,
    shown: pd.DataFrame,
    *,
    bounds: tuple[float, float, float, float],
    selected: str | None = None,
    colour_by: ColourBy = ColourBy.AVAILABILITY,
    basemap: Basemap = Basemap.PDOK,
    ranks: Sequence[str] = (),
    marked: Sequence[str] = (),
    boundaries: bool = True,
    lines: tuple[bool, bool] = (True, True),
    height: int = 560,
) -> str | None:
    """Draw ``shown`` (rows of ``filtered_plots``, no geometry needed) on a map framed on
    ``bounds``; ``selected`` gets the selection outline, ``ranks`` (plot ids, best first)
    their number, ``marked`` a strong edge; ``lines``: the wijk and buurt boundaries on or
    off (with ``boundaries``). Returns the id of a plot the user has just clicked (one of
    ``shown``), else None."""
    lang = ui.lang()
    wijk_lines, buurt_lines = lines
    emphasis = layers.Emphasis(ranks=tuple(ranks), marked=frozenset(marked))
    layer = ui.plot_layer(shown, colour_by, map_view.viewport_from(st.session_state.get(key)),
                          emphasis)
    fmap = build_map(
        None, bounds,
        MapOptions(colour_by=colour_by, basemap=basemap, lang=lang, layer_control=False,
                   show_buurten=boundaries and buurt_lines,
                   show_wijken=boundaries and wijk_lines, height=height),
        buurten=ui.reference("buurt_boundaries") if boundaries and buurt_lines else None,
        wijken=ui.reference("wijk_boundaries") if boundaries and wijk_lines else None,
    )
    if ranks:
        matches.add_best_legend(fmap, len(ranks), lang)
    if selected is not None and not shown["plot_id"].eq(selected).any():
        selected = None
    last_key, by_click = f"{key}__last_click", f"{key}__selected_by_click"
    # A plot chosen beside the map (the picker, a link) is zoomed to; one clicked on the
    # map is where the reader already looks, as long as it stays the selection.
    if st.session_state.get(by_click) != selected:
        st.session_state[by_click] = None
    zoom = selected is not None and st.session_state.get(by_click) is None
    result = st_folium(
        fmap, key=key, height=height, use_container_width=True,
        returned_objects=["last_active_drawing", "bounds", "zoom"],
        feature_group_to_add=[
            plot_layer_group(layer, lang, colour_by=colour_by),
            selection_group(ui.plot_outline(selected),
                            points=layer.mode in (layers.POINTS, layers.RASTER), zoom=zoom),
        ],
        layer_control=folium.LayerControl(collapsed=True),
    )
    if layer.mode in (layers.POINTS, layers.RASTER):
        st.caption(ui.t("map.points_hint"))
    elif layer.drawn < layer.total:
        st.caption(ui.t("map.detail_partial", drawn=layer.drawn))
    st.markdown(map_view.legend_html(colour_by, lang), unsafe_allow_html=True)
    if ranks:
        st.markdown(matches.best_legend_html(len(ranks), lang), unsafe_allow_html=True)
    st.caption(ui.t("map.aria"))
    clicked, point = map_view.clicked_plot_id(result), map_view.clicked_point(result)
    what = clicked or point
    if what is None or what == st.session_state.get(last_key):
        return None
    st.session_state[last_key] = what  # each click is reported once
    if point is not None:  # a click on the picture of dots: which plot is there
        clicked = ui.pick_plot(shown, *point)
    elif not shown["plot_id"].eq(clicked).any():
        return None
    st.session_state[by_click] = clicked
    return clicked


def plot_picker(shown: pd.DataFrame, key: str, *, label: str, hint: str,
                on_change=None) -> str | None:
    """The plot beside the map, chosen without a mouse: a list of the shown plots, or above
    :data:`map_view.PICKER_MAX_OPTIONS` a field for the plot id (a list of 100,000 options
    is no use to anyone). Returns the chosen plot id when it is one of ``shown``."""
    if len(shown) <= map_view.PICKER_MAX_OPTIONS:
        names = dict(zip(shown["plot_id"], shown["name"], strict=True))
        if st.session_state.get(key) not in names:
            st.session_state[key] = None
        st.selectbox(
            label, [None, *names], key=key, placeholder=hint, on_change=on_change,
            format_func=lambda p: hint if p is None else ui.option_label(p, names[p]),
        )
    else:
        st.text_input(ui.t("map.plot_id_input"), key=key, placeholder=hint,
                      on_change=on_change, max_chars=64)
    chosen = (st.session_state.get(key) or "").strip()
    if not chosen:
        return None
    if not shown["plot_id"].eq(chosen).any():
        st.warning(ui.t("map.plot_id_unknown", plot_id=ui.markdown_literal(chosen)))
        return None
    return chosen
