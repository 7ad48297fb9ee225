"""Scherm: the public screen for neighbourhood meetings. Runs by itself; public data only.

URL: /scherm?wijk=WK0917xx&interval=15&lang=nl (all optional; also inside ?embed=true).
Whoever is logged in on this browser, the screen shows only what the public may see.
"""

from __future__ import annotations

import os

import streamlit as st

from gebrookerbos import ui
from gebrookerbos.domain import screen
from gebrookerbos.domain.screen import SlideKind
from gebrookerbos.maps import screen_map
from gebrookerbos.maps.layers import DETAIL_MAX_PLOTS, Emphasis
from gebrookerbos.maps.map_view import area_bounds
from gebrookerbos.maps.screen_map import Focus, build_screen_map, map_html
from gebrookerbos.maps.style import ColourBy
from gebrookerbos.present import screen as screen_view

COUNTER = "screen_counter"  # advanced by one on every slide change
MAP_HEIGHT = 780  # px; CSS lets it follow the window height

ui.run_through_entrypoint()
st.set_page_config(initial_sidebar_state="collapsed")
wijken = ui.reference("wijken")
cfg = screen_view.parse_config(
    ui.url_query(), dict(zip(wijken["code"], wijken["name"], strict=True)),
    os.environ, default_lang=ui.lang(),
)
st.html(screen_view.screen_css())


def _map(plots, bounds, *, focus, marked=(), alt: str) -> None:
    buurten = ui.reference("buurt_boundaries")
    # nobody clicks a wall screen: many plots come as one picture, drawn in an instant
    layer = ui.plot_layer(plots, ColourBy.AVAILABILITY, None,
                          Emphasis(marked=frozenset(marked)), picture_above=DETAIL_MAX_PLOTS)
    fmap = build_screen_map(
        layer, bounds, focus=focus, wijk=cfg.wijk, lang=cfg.lang,
        wijken=ui.reference("wijk_boundaries"), buurten=buurten,
        labels=screen_map.labels_for(buurten, focus, cfg.wijk),
    )
    st.iframe(map_html(fmap), height=MAP_HEIGHT, alt=alt)


def _scope_bounds():
    if cfg.wijk:
        return area_bounds(ui.reference("wijk_boundaries"), cfg.wijk)
    return ui.reference("bounds")


@st.fragment(run_every=cfg.interval)
def show_slide() -> None:
    """One slide; the fragment reruns every interval, re-queries and shows the next one."""
    counter = st.session_state.get(COUNTER, 0)
    st.session_state[COUNTER] = counter + 1
    con = ui.connection()
    initiatives = screen.initiatives(con, cfg.wijk)
    slide = screen.slide_at(counter, len(initiatives))
    st.html(screen_view.topbar_html(cfg, slide, counter))

    if slide.kind == SlideKind.HEADLINES:
        st.html(screen_view.headlines_html(screen.headline_figures(con, cfg.wijk), cfg))
        if initiatives.empty:
            st.html(screen_view.no_initiatives_html(cfg))
    elif slide.kind == SlideKind.INITIATIVE:
        row = initiatives.iloc[slide.initiative_index].to_dict()
        map_col, card_col = st.columns([3, 2], gap="medium")
        with map_col:
            _map(screen.plots_near(con, row), screen.initiative_bounds(row),
                 focus=Focus.INITIATIVE, marked=row["plot_ids"],
                 alt=screen_view.map_alt(slide, cfg, row["title"]))
        with card_col:
            st.html(screen_view.initiative_card_html(
                row, slide.initiative_index + 1, len(initiatives), cfg.lang))
    elif slide.kind == SlideKind.NEIGHBOURHOODS:
        st.html(screen_view.overview_html(
            screen.neighbourhood_overview(con, cfg.wijk),
            screen.ideas_without_place(con, cfg.wijk), cfg,
        ))
    elif slide.kind == SlideKind.AVAILABLE:
        plots = screen.map_plots(con, cfg.wijk)
        map_col, list_col = st.columns([3, 2], gap="medium")
        with map_col:
            _map(plots, _scope_bounds(), focus=Focus.AVAILABLE,
                 marked=plots.loc[plots["availability"] == "available", "plot_id"],
                 alt=screen_view.map_alt(slide, cfg))
        with list_col:
            st.html(screen_view.available_html(plots, screen.headline_figures(con, cfg.wijk), cfg))
    else:
        st.html(screen_view.join_html(cfg))


show_slide()
