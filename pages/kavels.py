"""Kavels: the broker's workspace - find, match, reserve and export plots; the pipeline.

Every filter, the matching needs, the view and the selected plot live in the URL (the
widget key is the query parameter; values are codes, see ``url_state``): the address bar
always holds the view, and opening it in a fresh browser restores it.
"""

from __future__ import annotations

from datetime import date

import streamlit as st
from streamlit_folium import st_folium

from gebrookerbos import i18n, ui
from gebrookerbos.domain import (
    STAGE_ORDER,
    Availability,
    OwnerType,
    Soil,
    Stage,
    Theme,
    matching,
    pipeline,
    plot_filter,
)
from gebrookerbos.domain.auth import PermissionDenied
from gebrookerbos.domain.matching import Need
from gebrookerbos.domain.stages import StageChangeError
from gebrookerbos.maps import map_view, matches
from gebrookerbos.maps.plot_map import MapOptions, build_map
from gebrookerbos.maps.style import ColourBy
from gebrookerbos.present import exports, search_results
from gebrookerbos.present.url_state import Kind, Param
from gebrookerbos.services import reservations
from gebrookerbos.ui import kavels

ui.run_through_entrypoint()  # a direct link on a fresh server: run inside dashboard.py

FACILITIES = ("water", "electricity", "car_access")
NEED_KEYS = ("need_area_min", "need_area_max", "need_wijken", "need_facility",
             "need_clean_soil", "need_start", "need_months", "need_theme")
FLASH = "_kavels_flash"
PARAMS = [
    Param("view", Kind.TEXT, "search"),
    Param("wijk", Kind.TEXT), Param("buurt", Kind.TEXT),
    Param("area_min", Kind.INT), Param("area_max", Kind.INT),
    Param("owner", Kind.TEXTS, []), Param("zoning", Kind.TEXTS, []),
    Param("soil", Kind.TEXTS, []), Param("facility", Kind.TEXTS, []),
    Param("availability", Kind.TEXTS, []),
    Param("free_from", Kind.DATE), Param("months", Kind.INT),
    Param("match", Kind.BOOL, False), Param("initiative", Kind.TEXT),
    Param("need_area_min", Kind.INT), Param("need_area_max", Kind.INT),
    Param("need_wijken", Kind.TEXTS, []), Param("need_facility", Kind.TEXTS, []),
    Param("need_clean_soil", Kind.BOOL, False), Param("need_start", Kind.DATE),
    Param("need_months", Kind.INT), Param("need_theme", Kind.TEXT),
    Param("hard", Kind.TEXTS, [n.value for n in matching.DEFAULT_HARD]),
    Param("plot", Kind.TEXT),
    Param("sort", Kind.TEXT, "default"), Param("desc", Kind.BOOL, False),
    Param("pipeline_wijk", Kind.TEXT), Param("ending_months", Kind.INT, 12),
]
# Kept in the session but not in the URL: an account manager's name is personal data.
SESSION_ONLY = {"manager": None}

lang = ui.lang()
today = date.today()
first_run = kavels.restore_state(PARAMS, SESSION_ONLY)

st.title(ui.t("kavels.title"))
st.caption(ui.t("kavels.intro"))
ui.demo_banner()

kavels.keep_valid("view", ["search", "pipeline"], Kind.TEXT, "search")
view = st.radio(
    ui.t("kavels.view"), ["search", "pipeline"], key="view", horizontal=True,
    format_func=lambda v: ui.t(f"kavels.view_{v}"),
)
wijken = ui.reference("wijken")
buurten = ui.reference("buurten")
wijk_names = dict(zip(wijken["code"], wijken["name"], strict=True))
buurt_names = dict(zip(buurten["code"], buurten["name"], strict=True))


def _name(code: str | None) -> str:
    if code is None:
        return ui.t("filter.all")
    return wijk_names.get(code) or buurt_names.get(code) or code


# =========================================================================================
# Pipeline
# =========================================================================================


def _card(card: pipeline.Card) -> None:
    lines = [f"**{card.title}**",
             f":material/person: {card.account_manager or ui.t('pipeline.no_manager')}",
             f":material/task_alt: {card.next_action or ui.t('pipeline.no_action')}"]
    if card.due:
        lines.append(":material/event: " + ui.t("pipeline.due",
                                                 date=i18n.format_date(card.due, lang)))
    if card.overdue:
        lines.append(f":red[:material/warning: **{ui.t('pipeline.overdue', days=card.days_overdue)}**]")
    with st.container(border=True):
        st.markdown("  \n".join(lines))


def show_pipeline() -> None:
    st.subheader(ui.t("pipeline.title"))
    if not ui.can_see_personal_data():
        st.info(ui.t("pipeline.login"), icon=":material/lock:")
        return
    con = ui.connection()
    all_cards = pipeline.cards(pipeline.pipeline_initiatives(con, actor=ui.actor()), today)
    c1, c2, c3 = st.columns(3)
    managers = [None, *pipeline.account_managers(all_cards)]
    kavels.keep_valid("manager", managers, Kind.TEXT)
    manager = c1.selectbox(
        ui.t("pipeline.account_manager"), managers, key="manager",
        format_func=lambda m: ui.t("filter.all") if m is None else m,
        placeholder=ui.t("filter.all"),
    )
    kavels.keep_valid("pipeline_wijk", [None, *wijken["code"]], Kind.TEXT)
    wijk = c2.selectbox(ui.t("pipeline.wijk"), [None, *wijken["code"]], key="pipeline_wijk",
                        format_func=_name, placeholder=ui.t("filter.all"))
    shown = pipeline.filter_cards(all_cards, manager, wijk)
    overdue = sum(c.overdue for c in shown)
    c3.markdown(f"{ui.t('pipeline.count', n=len(shown))}  \n"
                f":material/warning: **{ui.t('pipeline.overdue_count', n=overdue)}**")
    columns = pipeline.board(shown)
    for col, stage in zip(st.columns(len(STAGE_ORDER)), STAGE_ORDER, strict=True):
        with col:
            st.markdown(f"**{ui.label('stage', stage)} ({len(columns[stage])})**")
            for card in columns[stage]:
                _card(card)
    stopped = columns[Stage.STOPPED]
    with st.expander(ui.t("pipeline.stopped", n=len(stopped))):
        for card in stopped:
            _card(card)

    st.subheader(ui.t("pipeline.ending_title"))
    if not 1 <= (st.session_state.get("ending_months") or 0) <= 120:
        st.session_state["ending_months"] = 12
    months = st.number_input(ui.t("pipeline.ending_months"), min_value=1, max_value=120,
                             step=1, key="ending_months")
    ending = pipeline.agreements_ending(con, int(months), today)
    if ending.empty:
        st.info(ui.t("pipeline.ending_none"))
    else:
        st.dataframe({
            ui.t("plot.plot_id"): ending["plot_id"],
            ui.t("plot.name"): ending["plot_name"],
            ui.t("plot.wijk"): ending["wijk_name"],
            ui.t("initiative.title"): ending["initiative_title"],
            ui.t("initiative.stage"): [ui.label("stage", s) for s in ending["stage"]],
            ui.t("pipeline.agreement_end"): [i18n.format_date(d, lang)
                                             for d in ending["agreement_end"]],
            ui.t("pipeline.days_left"): ending["days_left"],
        }, hide_index=True, width="stretch", key="ending_table")


# =========================================================================================
# Search and match
# =========================================================================================


def _fill_needs() -> None:
    """Copy the chosen initiative's stored needs into the need widgets."""
    ini_id = st.session_state.get("initiative")
    inits = kavels.initiatives_with_needs().set_index("initiative_id")
    if ini_id not in inits.index:
        return
    needs = matching.Needs.from_initiative({**inits.loc[ini_id].to_dict()})
    valid_codes = set(wijk_names) | set(buurt_names)
    st.session_state.update({
        "need_area_min": None if needs.min_area is None else int(round(needs.min_area)),
        "need_area_max": None if needs.max_area is None else int(round(needs.max_area)),
        "need_wijken": [c for c in needs.wijken if c in valid_codes],
        "need_facility": [f for f in FACILITIES if getattr(needs, f)],
        "need_clean_soil": needs.clean_soil,
        "need_start": needs.start,
        "need_months": needs.duration_months,
        "need_theme": needs.theme,
    })


def matching_needs() -> tuple[matching.Needs, list[str]] | None:
    """The needs widgets; None when matching is off."""
    if not st.toggle(ui.t("match.enable"), key="match"):
        return None
    inits = kavels.initiatives_with_needs()
    titles = dict(zip(inits["initiative_id"], inits["title"], strict=True))
    kavels.keep_valid("initiative", [None, *titles], Kind.TEXT)
    if first_run and st.session_state.get("initiative") and not any(
            k in st.query_params for k in NEED_KEYS):
        _fill_needs()  # a shared URL with only ?initiative=: take its stored needs
    codes_all = [*wijken["code"], *buurten["code"]]
    for key, options in (("need_wijken", codes_all), ("need_facility", FACILITIES),
                         ("hard", [n.value for n in Need])):
        kavels.keep_valid(key, options, Kind.TEXTS)
    kavels.keep_valid("need_theme", [None, *[th.value for th in Theme]], Kind.TEXT)
    with st.container(border=True):
        st.markdown(f"**{ui.t('match.title')}**")
        st.selectbox(
            ui.t("match.initiative"), [None, *titles], key="initiative", on_change=_fill_needs,
            format_func=lambda i: ui.t("match.own_needs") if i is None else titles[i],
            placeholder=ui.t("match.own_needs"),
        )
        c1, c2, c3, c4 = st.columns(4)
        min_area = c1.number_input(ui.t("match.min_area"), min_value=0, value=None, step=50,
                                   key="need_area_min")
        max_area = c1.number_input(ui.t("match.max_area"), min_value=0, value=None, step=50,
                                   key="need_area_max")
        codes = c2.multiselect(ui.t("match.wijken"), codes_all, key="need_wijken",
                               format_func=_name, placeholder=ui.t("filter.all"))
        theme = c2.selectbox(
            ui.t("match.theme"), [None, *[th.value for th in Theme]], key="need_theme",
            format_func=lambda th: ui.t("match.no_theme") if th is None else ui.label("theme", th),
            placeholder=ui.t("match.no_theme"),
        )
        facilities = c3.multiselect(
            ui.t("match.facilities"), list(FACILITIES), key="need_facility",
            format_func=lambda f: ui.t(f"plot.has_{f}"), placeholder=ui.t("plot.none"),
        )
        clean_soil = c3.checkbox(ui.t("match.clean_soil"), key="need_clean_soil")
        start = c4.date_input(ui.t("match.start"), value=None, key="need_start",
                              format="DD-MM-YYYY")
        months = c4.number_input(ui.t("match.duration"), min_value=0, max_value=600, value=None,
                                 step=1, key="need_months")
        hard = st.multiselect(
            ui.t("match.hard"), [n.value for n in Need], key="hard",
            format_func=lambda n: ui.t(f"need.{n}"), help=ui.t("match.hard_help"),
        )
    needs = matching.Needs(
        min_area=None if min_area is None else float(min_area),
        max_area=None if max_area is None else float(max_area),
        wijken=tuple(codes), water="water" in facilities,
        electricity="electricity" in facilities, car_access="car_access" in facilities,
        clean_soil=bool(clean_soil), start=start,
        duration_months=None if months is None else int(months), theme=theme,
    )
    return needs, hard


def search_filters() -> plot_filter.PlotFilter:
    """The sidebar filters."""
    zoning_options = kavels.zonings()
    kavels.keep_valid("wijk", [None, *wijken["code"]], Kind.TEXT)
    for key, options in (("owner", [o.value for o in OwnerType]), ("zoning", zoning_options),
                         ("soil", [x.value for x in Soil]), ("facility", FACILITIES),
                         ("availability", [a.value for a in Availability])):
        kavels.keep_valid(key, options, Kind.TEXTS)
    with st.sidebar:
        st.subheader(ui.t("kavels.filters"))
        wijk = st.selectbox(ui.t("filter.wijk"), [None, *wijken["code"]], key="wijk",
                            format_func=_name, placeholder=ui.t("filter.all"))
        buurt_options = buurten if wijk is None else buurten[buurten["wijk_code"] == wijk]
        kavels.keep_valid("buurt", [None, *buurt_options["code"]], Kind.TEXT)
        buurt = st.selectbox(ui.t("filter.buurt"), [None, *buurt_options["code"]], key="buurt",
                             format_func=_name, placeholder=ui.t("filter.all"))
        c1, c2 = st.columns(2)
        area_min = c1.number_input(ui.t("kavels.area_min"), min_value=0, value=None, step=100,
                                   key="area_min")
        area_max = c2.number_input(ui.t("kavels.area_max"), min_value=0, value=None, step=100,
                                   key="area_max")
        owners = st.multiselect(
            ui.t("plot.owner_type"), [o.value for o in OwnerType], key="owner",
            format_func=lambda o: ui.label("owner_type", o), placeholder=ui.t("filter.all"),
        )
        zonings = st.multiselect(ui.t("plot.zoning"), zoning_options, key="zoning",
                                 placeholder=ui.t("filter.all"))
        soils = st.multiselect(
            ui.t("plot.soil"), [x.value for x in Soil], key="soil",
            format_func=lambda x: ui.label("soil", x), placeholder=ui.t("filter.all"),
        )
        facilities = st.multiselect(
            ui.t("kavels.facilities"), list(FACILITIES), key="facility",
            format_func=lambda f: ui.t(f"plot.has_{f}"), placeholder=ui.t("plot.none"),
        )
        availabilities = st.multiselect(
            ui.t("filter.availability"), [a.value for a in Availability], key="availability",
            format_func=lambda a: ui.label("availability", a), placeholder=ui.t("filter.all"),
        )
        st.markdown(f"**{ui.t('kavels.window')}**")
        free_from = st.date_input(ui.t("kavels.free_from"), value=None, key="free_from",
                                  format="DD-MM-YYYY", help=ui.t("kavels.window_help"))
        months = st.number_input(ui.t("kavels.free_months"), min_value=0, max_value=600,
                                 value=None, step=1, key="months")
    return plot_filter.PlotFilter(
        wijk=wijk, buurt=buurt,
        min_area=None if area_min is None else float(area_min),
        max_area=None if area_max is None else float(area_max),
        owner_types=tuple(owners), zonings=tuple(zonings), soils=tuple(soils),
        availabilities=tuple(availabilities),
        water="water" in facilities, electricity="electricity" in facilities,
        car_access="car_access" in facilities,
        free_from=free_from, free_months=None if months is None else int(months),
    )


def reserve_panel(plot_id: str, version: int, availability: str) -> None:
    """Who holds the plot; reserve or release it (logged-in brokers only)."""
    con = ui.connection()
    holders = reservations.holders(con, plot_id)
    st.markdown(f"**{ui.t('reserve.title')}**")
    if holders:
        st.write(ui.t("reserve.held_by", initiatives=", ".join(h.title for h in holders)))
    if not ui.can_edit():
        st.caption(ui.t("reserve.login"))
        return

    def attempt(action, initiative_id: str, note: str | None, done_key: str, title: str) -> None:
        try:
            action(con, plot_id, initiative_id, actor=ui.actor(), note=note or None,
                   today=today, expected_version=version)
        except (reservations.ReservationError, StageChangeError, PermissionDenied) as exc:
            st.error(exc.message(lang), icon=":material/block:")
            return
        ui.clear_data_cache()
        st.session_state[FLASH] = ui.t(done_key, plot=plot_id, initiative=title)
        st.rerun()

    if availability == Availability.RESERVED:
        for holder in holders:
            if st.button(ui.t("reserve.release", initiative=holder.title),
                         key=f"release_{holder.initiative_id}", icon=":material/lock_open:"):
                attempt(reservations.release, holder.initiative_id, None, "reserve.released",
                        holder.title)
        return
    if availability != Availability.AVAILABLE:
        st.caption(ui.t("reserve.not_available"))
    inits = kavels.initiatives_with_needs()
    inits = inits[inits["stage"].isin(list(reservations.RESERVING_STAGES))]  # still looking
    titles = dict(zip(inits["initiative_id"], inits["title"], strict=True))
    chosen = st.session_state.get("initiative")
    ids = list(titles)
    target = st.selectbox(ui.t("reserve.for"), ids, key="reserve_for",
                          index=ids.index(chosen) if chosen in ids else 0,
                          format_func=lambda i: titles[i])
    note = st.text_input(ui.t("reserve.note"), key="reserve_note")
    if st.button(ui.t("reserve.button"), key="reserve_button", type="primary",
                 icon=":material/bookmark_add:"):
        attempt(reservations.reserve, target, note, "reserve.done", titles[target])


def plot_history(plot_id: str) -> None:
    history = reservations.plot_history(ui.connection(), plot_id)
    with st.expander(ui.t("reserve.history")):
        if history.empty:
            st.write(ui.t("reserve.no_history"))
            return
        st.dataframe({
            ui.t("reserve.event_date"): [i18n.format_date(d, lang) for d in history["event_date"]],
            ui.t("reserve.event_from"): [ui.label("availability", a) if isinstance(a, str) else "–"
                                         for a in history["from_availability"]],
            ui.t("reserve.event_to"): [ui.label("availability", a) for a in history["to_availability"]],
            ui.t("initiative.title"): history["initiative_title"].fillna(""),
            ui.t("reserve.note"): history["note"].fillna(""),
        }, hide_index=True, width="stretch")


def export_buttons(con, plot_ids: list[str], scores: dict[str, int] | None) -> None:
    st.subheader(ui.t("export.title"))
    st.caption(ui.t("export.caption", n=len(plot_ids)))
    text = exports.attribution(con, lang)
    extra = {"match_score": scores} if scores else None
    cols = st.columns(3)
    for col, fmt in zip(cols, exports.ExportFormat, strict=True):

        def data(fmt=fmt) -> bytes:
            return exports.export_bytes(exports.export_frame(con, plot_ids, extra), fmt, text)

        col.download_button(
            ui.t(f"export.{fmt.value}"), data=data, file_name=exports.file_name(fmt),
            mime=exports.MIME[fmt], key=f"export_{fmt.value}", icon=":material/download:",
            on_click="ignore", disabled=not plot_ids,
        )


def show_search() -> None:
    search = search_filters()
    match = matching_needs()
    rows = ui.filtered_plots(search)
    total = ui.reference("plot_count")
    best: list[str] = []
    if match is not None:
        needs, hard = match
        shown = matching.match_plots(rows, needs, hard, lang, today)
        best = matching.best_matches(shown)
        st.markdown(f"**{ui.t('kavels.count_matched', shown=len(shown), total=total)}**")
    else:
        shown = rows
        st.markdown(f"**{ui.t('kavels.count', shown=len(shown), total=total)}**")
    st.caption(ui.t("kavels.share"))

    ids = list(shown["plot_id"])
    kavels.keep_valid("plot", [None, *ids], Kind.TEXT)  # no longer in the results: none
    map_col, detail_col = st.columns([3, 2], gap="medium")
    with map_col:
        fmap = build_map(
            shown, matches.bounds_of(shown, ui.reference("bounds")), MapOptions(lang=lang),
            buurten=ui.reference("buurt_boundaries"), wijken=ui.reference("wijk_boundaries"),
        )
        if best:
            matches.add_best_legend(fmap, len(best), lang)
        # highlights and selection as dynamic layers: updated without redrawing the map
        layers = [map_view.selection_layer(shown, st.session_state.get("plot")),
                  matches.best_matches_layer(shown, best)]
        result = st_folium(
            fmap, key="kavels_map", height=520, use_container_width=True,
            returned_objects=["last_active_drawing"], feature_group_to_add=layers,
        )
        clicked = ((result or {}).get("last_active_drawing") or {}).get("properties", {})
        if clicked.get("plot_id") in ids and clicked["plot_id"] != st.session_state.get("plot"):
            st.session_state["plot"] = clicked["plot_id"]
            st.rerun()
        st.markdown(map_view.legend_html(ColourBy.AVAILABILITY, lang),
                    unsafe_allow_html=True)
        if best:
            st.markdown(matches.best_legend_html(len(best), lang), unsafe_allow_html=True)
        st.caption(ui.t("map.aria"))
    with detail_col:
        if FLASH in st.session_state:
            st.success(st.session_state.pop(FLASH), icon=":material/check_circle:")
        names = dict(zip(shown["plot_id"], shown["name"], strict=True))
        plot_id = st.selectbox(
            ui.t("kavels.pick"), [None, *ids], key="plot",
            placeholder=ui.t("kavels.pick_hint"),
            format_func=lambda p: ui.t("kavels.pick_hint") if p is None else f"{p} – {names[p]}",
        )
        if plot_id:
            row = shown.loc[shown["plot_id"] == plot_id].iloc[0]
            if "explanation" in row:
                st.markdown(f"**{ui.t('kavels.why')}** ({ui.t('kavels.score')} "
                            f"{int(row['score'])}): {row['explanation']}")
            ui.plot_details(plot_id)
            reserve_panel(plot_id, int(row["version"]), row["availability"])
            plot_history(plot_id)

    st.subheader(ui.t("kavels.results"))
    c1, c2 = st.columns([3, 1])
    kavels.keep_valid("sort", ["default", *plot_filter.SORT_COLUMNS], Kind.TEXT, "default")
    sort = c1.selectbox(
        ui.t("kavels.sort"), ["default", *plot_filter.SORT_COLUMNS], key="sort",
        format_func=lambda c: ui.t("kavels.sort_default") if c == "default" else ui.t({
            "plot_id": "plot.plot_id", "name": "plot.name", "area_m2": "plot.area_m2",
            "wijk_name": "plot.wijk", "availability": "plot.availability"}[c]),
    )
    desc = c2.toggle(ui.t("kavels.sort_desc"), key="desc")
    if sort != "default":
        shown = plot_filter.sort_plots(shown, sort, desc)
    elif desc:
        shown = shown.iloc[::-1].reset_index(drop=True)
    if shown.empty:
        st.info(ui.t("map.none_match"))
    else:
        st.dataframe(
            search_results.results_table(shown, lang, best), hide_index=True, width="stretch",
            key="results_table",
            column_config={ui.t("kavels.why"): st.column_config.TextColumn(width="large")},
        )
    scores = dict(zip(shown["plot_id"], shown["score"], strict=True)) if match else None
    export_buttons(ui.connection(), list(shown["plot_id"]), scores)


if view == "pipeline":
    show_pipeline()
else:
    show_search()
kavels.save_state(PARAMS, [p.name for p in PARAMS] + list(SESSION_ONLY))
