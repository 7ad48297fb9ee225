"""Scherm: the public screen for neighbourhood meetings. Runs by itself; public data only.

URL: /scherm?wijk=WK0917xx&interval=15&lang=nl (all optional; also inside ?embed=true).
Whoever is logged in on this browser, the screen shows only what the public may see.
"""

from __future__ import annotations

import os

import streamlit as st

from gebrookerbos import i18n, ui
from gebrookerbos.domain import screen
from gebrookerbos.domain.screen import SlideKind
from gebrookerbos.maps import screen_map
from gebrookerbos.maps.layers import DETAIL_MAX_PLOTS, Emphasis
from gebrookerbos.maps.map_view import area_bounds
from gebrookerbos.maps.screen_map import Focus, build_screen_map, map_html
from gebrookerbos.maps.style import ColourBy
from gebrookerbos.present import screen as screen_view

COUNTER = "screen_counter"  # the step (0, 1, 2, ...) of the slide on the screen
PAUSED = "screen_paused"  # the rotation is stopped (the pause button or the space bar)
HOLD = "screen_hold"  # the pause button was pressed: the next run shows the same slide
# (step, language, wijk) and the map's page: a slide that is shown again (paused, resumed)
# keeps the very same map, which then does not load and draw anew
MAP_SHOWN = "screen_map_shown"
MAP_HEIGHT = 780  # px; CSS lets it follow the window height

ui.run_through_entrypoint()
st.set_page_config(initial_sidebar_state="collapsed")
wijken = ui.reference("wijken")
cfg = screen_view.parse_config(
    ui.url_query(), dict(zip(wijken["code"], wijken["name"], strict=True)),
    os.environ, default_lang=ui.lang(),
)
st.html(screen_view.screen_css())
# (in the sidebar, which the screen hides, where the script's element takes no room)
st.sidebar.html(screen_view.space_bar_script(), unsafe_allow_javascript=True)


def _map(step: int, plots, bounds, *, focus, marked=(), alt: str) -> None:
    shown = st.session_state.get(MAP_SHOWN)
    if shown is not None and shown[0] == (step, cfg.lang, cfg.wijk):
        page = shown[1]
    else:
        buurten = ui.reference("buurt_boundaries")
        # nobody clicks a wall screen: many plots come as one picture, drawn in an instant
        layer = ui.plot_layer(plots(), ColourBy.AVAILABILITY, None,
                              Emphasis(marked=frozenset(marked)), picture_above=DETAIL_MAX_PLOTS)
        fmap = build_screen_map(
            layer, bounds, focus=focus, wijk=cfg.wijk, lang=cfg.lang,
            wijken=ui.reference("wijk_boundaries"), buurten=buurten,
            labels=screen_map.labels_for(buurten, focus, cfg.wijk),
        )
        page = map_html(fmap, lang=cfg.lang, title=alt)
        st.session_state[MAP_SHOWN] = ((step, cfg.lang, cfg.wijk), page)
    st.iframe(page, height=MAP_HEIGHT, alt=alt)


def _scope_bounds():
    if cfg.wijk:
        return area_bounds(ui.reference("wijk_boundaries"), cfg.wijk)
    return ui.reference("bounds")


def _toggle_pause() -> None:
    st.session_state[PAUSED] = not st.session_state.get(PAUSED, False)
    st.session_state[HOLD] = True


paused = st.session_state.get(PAUSED, False)


# WCAG 2.2.2 Pause, Stop, Hide: while paused the fragment has no timer at all (no reruns,
# the slide and its map stay as they are); resuming starts the timer again.
@st.fragment(run_every=None if paused else cfg.interval)
def show_slide(rotating: bool) -> None:
    """One slide; the fragment reruns every interval, re-queries and shows the next one."""
    if rotating == st.session_state.get(PAUSED, False):
        # The pause button (in this fragment) was pressed: only a run of the whole page
        # starts or stops the fragment's timer. The slide stays (HOLD).
        st.rerun()
    hold = st.session_state.pop(HOLD, False)
    counter = st.session_state.get(COUNTER)
    counter = 0 if counter is None else counter if hold or not rotating else counter + 1
    st.session_state[COUNTER] = counter
    con = ui.connection()
    initiatives = screen.initiatives(con, cfg.wijk)
    slide = screen.slide_at(counter, len(initiatives))
    with st.container(horizontal=True, vertical_alignment="center", gap="small"):
        st.html(screen_view.topbar_html(cfg, slide, counter, paused=not rotating))
        st.button(
            i18n.t("screen.resume" if not rotating else "screen.pause", cfg.lang),
            key=screen_view.PAUSE_KEY, on_click=_toggle_pause,
            icon=":material/play_arrow:" if not rotating else ":material/pause:",
            help=i18n.t("screen.pause_help", cfg.lang),
        )

    if slide.kind == SlideKind.HEADLINES:
        st.html(screen_view.headlines_html(screen.headline_figures(con, cfg.wijk), cfg))
        if initiatives.empty:
            st.html(screen_view.no_initiatives_html(cfg))
    elif slide.kind == SlideKind.INITIATIVE:
        row = initiatives.iloc[slide.initiative_index].to_dict()
        map_col, card_col = st.columns([3, 2], gap="medium")
        with map_col:
            _map(counter, lambda: screen.plots_near(con, row), screen.initiative_bounds(row),
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
            _map(counter, lambda: plots, _scope_bounds(), focus=Focus.AVAILABLE,
                 marked=plots.loc[plots["availability"] == "available", "plot_id"],
                 alt=screen_view.map_alt(slide, cfg))
        with list_col:
            st.html(screen_view.available_html(plots, screen.headline_figures(con, cfg.wijk), cfg))
    else:
        st.html(screen_view.join_html(cfg))


show_slide(rotating=not paused)
