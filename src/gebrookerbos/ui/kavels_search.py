"""UI helper (Streamlit) of the page Kavels: the broker's search and match.

The filters in the sidebar (one :class:`~gebrookerbos.domain.plot_filter.PlotFilter`), the
matching needs, the found plots on a map with the selected plot's details and reserve
panel, the sortable results table and the exports of exactly those plots.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

import pandas as pd
import streamlit as st

from gebrookerbos import ui
from gebrookerbos.domain import Availability, OwnerType, Soil, Theme, matching, plot_filter
from gebrookerbos.domain.matching import Need
from gebrookerbos.present import exports, plot_tables, search_results
from gebrookerbos.present.url_state import DATE_MAX, DATE_MIN, Kind
from gebrookerbos.ui import kavels, plot_maps, reserve
from gebrookerbos.ui.kavels import AREA_MAX, FACILITIES, MONTHS_MAX

NEED_KEYS = ("need_area_min", "need_area_max", "need_wijken", "need_facility",
             "need_clean_soil", "need_start", "need_months", "need_theme")
SORT_LABELS = {"plot_id": "plot.plot_id", "name": "plot.name", "area_m2": "plot.area_m2",
               "wijk_name": "plot.wijk", "availability": "plot.availability"}
Explain = Callable[[pd.DataFrame], list[str]]  # the match explanations of these rows


def _fill_needs() -> None:
    """Copy the chosen initiative's stored needs into the need widgets."""
    ini_id = st.session_state.get("initiative")
    inits = kavels.initiatives_with_needs().set_index("initiative_id")
    if ini_id not in inits.index:
        return
    needs = matching.Needs.from_initiative({**inits.loc[ini_id].to_dict()})
    valid_codes = set(kavels.area_names())
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


def matching_needs(first_run: bool) -> tuple[matching.Needs, list[str]] | None:
    """The needs widgets; None when matching is off."""
    if not st.toggle(ui.t("match.enable"), key="match"):
        return None
    inits = kavels.initiatives_with_needs()
    titles = dict(zip(inits["initiative_id"], inits["title"], strict=True))
    kavels.keep_valid("initiative", [None, *titles], Kind.TEXT)
    if first_run and st.session_state.get("initiative") and not any(
            k in st.query_params for k in NEED_KEYS):
        _fill_needs()  # a shared URL with only ?initiative=: take its stored needs
    codes_all = [*ui.reference("wijken")["code"], *ui.reference("buurten")["code"]]
    for key, options in (("need_wijken", codes_all), ("need_facility", FACILITIES),
                         ("hard", [n.value for n in Need])):
        kavels.keep_valid(key, options, Kind.TEXTS)
    kavels.keep_valid("need_theme", [None, *[th.value for th in Theme]], Kind.TEXT)
    with st.container(border=True):
        st.markdown(f"**{ui.t('match.title')}**")
        st.selectbox(
            ui.t("match.initiative"), [None, *titles], key="initiative", on_change=_fill_needs,
            format_func=lambda i: ui.t("match.own_needs") if i is None
            else ui.option_label(i, titles[i]),
            placeholder=ui.t("match.own_needs"),
        )
        c1, c2, c3, c4 = st.columns(4)
        min_area = c1.number_input(ui.t("match.min_area"), min_value=0, max_value=AREA_MAX,
                                   value=None, step=50, key="need_area_min")
        max_area = c1.number_input(ui.t("match.max_area"), min_value=0, max_value=AREA_MAX,
                                   value=None, step=50, key="need_area_max")
        codes = c2.multiselect(ui.t("match.wijken"), codes_all, key="need_wijken",
                               format_func=kavels.area_name, placeholder=ui.t("filter.all"))
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
                              min_value=DATE_MIN, max_value=DATE_MAX, format="DD-MM-YYYY")
        months = c4.number_input(ui.t("match.duration"), min_value=0, max_value=MONTHS_MAX,
                                 value=None, step=1, key="need_months")
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
    wijken, buurten = ui.reference("wijken"), ui.reference("buurten")
    zoning_options = kavels.zonings()
    kavels.keep_valid("wijk", [None, *wijken["code"]], Kind.TEXT)
    for key, options in (("owner", [o.value for o in OwnerType]), ("zoning", zoning_options),
                         ("soil", [x.value for x in Soil]), ("facility", FACILITIES),
                         ("availability", [a.value for a in Availability])):
        kavels.keep_valid(key, options, Kind.TEXTS)
    with st.sidebar:
        st.subheader(ui.t("kavels.filters"))
        wijk = st.selectbox(ui.t("filter.wijk"), [None, *wijken["code"]], key="wijk",
                            format_func=kavels.area_name, placeholder=ui.t("filter.all"))
        buurt_options = buurten if wijk is None else buurten[buurten["wijk_code"] == wijk]
        kavels.keep_valid("buurt", [None, *buurt_options["code"]], Kind.TEXT)
        buurt = st.selectbox(ui.t("filter.buurt"), [None, *buurt_options["code"]], key="buurt",
                             format_func=kavels.area_name, placeholder=ui.t("filter.all"))
        c1, c2 = st.columns(2)
        area_min = c1.number_input(ui.t("kavels.area_min"), min_value=0, max_value=AREA_MAX,
                                   value=None, step=100, key="area_min")
        area_max = c2.number_input(ui.t("kavels.area_max"), min_value=0, max_value=AREA_MAX,
                                   value=None, step=100, key="area_max")
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
                                  min_value=DATE_MIN, max_value=DATE_MAX, format="DD-MM-YYYY",
                                  help=ui.t("kavels.window_help"))
        months = st.number_input(ui.t("kavels.free_months"), min_value=0, max_value=MONTHS_MAX,
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


def results_map(shown: pd.DataFrame, best: list[str]) -> None:
    """The found plots on a map, framed on them (the best matches ranked); a click selects
    a plot."""
    clicked = plot_maps.plot_map(
        "kavels_map", shown, bounds=ui.plot_bounds(shown["plot_id"]),
        selected=st.session_state.get("plot"), ranks=best, height=520,
    )
    if clicked and clicked != st.session_state.get("plot"):
        st.session_state["plot"] = clicked
        st.rerun()


def selected_plot(shown: pd.DataFrame, today: date, explain: Explain | None = None) -> None:
    """The plot picker; the chosen plot's match explanation, details, reserve panel and
    history."""
    reserve.show_flash()
    plot_id = plot_maps.plot_picker(shown, "plot", label=ui.t("kavels.pick"),
                                    hint=ui.t("kavels.pick_hint"))
    if plot_id:
        chosen = shown.loc[shown["plot_id"] == plot_id]
        row = chosen.iloc[0]
        if explain is not None:
            st.markdown(f"**{ui.t('kavels.why')}** ({ui.t('kavels.score')} "
                        f"{int(row['score'])}): {explain(chosen)[0]}")
        ui.plot_details(plot_id)
        reserve.reserve_panel(plot_id, int(row["version"]), row["availability"], today)
        reserve.plot_history(plot_id)


def results_table(shown: pd.DataFrame, best: list[str],
                  explain: Explain | None = None) -> pd.DataFrame:
    """The sort controls and the table of found plots (the first rows, with their match
    explanation when matching); returns all rows in table order."""
    st.subheader(ui.t("kavels.results"))
    c1, c2 = st.columns([3, 1])
    kavels.keep_valid("sort", ["default", *plot_filter.SORT_COLUMNS], Kind.TEXT, "default")
    sort = c1.selectbox(
        ui.t("kavels.sort"), ["default", *plot_filter.SORT_COLUMNS], key="sort",
        format_func=lambda c: ui.t("kavels.sort_default") if c == "default"
        else ui.t(SORT_LABELS[c]),
    )
    desc = c2.toggle(ui.t("kavels.sort_desc"), key="desc")
    if sort != "default":
        shown = plot_filter.sort_plots(shown, sort, desc)
    elif desc:
        shown = shown.iloc[::-1].reset_index(drop=True)
    if shown.empty:
        st.info(ui.t("map.none_match"))
    else:
        if len(shown) > plot_tables.TABLE_MAX_ROWS:  # 100,000 rows would be MBs for the browser
            st.caption(ui.t("map.table_first", rows=plot_tables.TABLE_MAX_ROWS, shown=len(shown)))
        visible = shown.head(plot_tables.TABLE_MAX_ROWS)
        if explain is not None:  # the texts of the rows shown only
            visible = visible.assign(explanation=explain(visible))
        st.dataframe(
            search_results.results_table(visible, ui.lang(), best),
            hide_index=True,
            width="stretch", key="results_table",
            column_config={ui.t("kavels.why"): st.column_config.TextColumn(width="large")},
        )
    return shown


def export_buttons(con, plot_ids: list[str], scores: dict[str, int] | None) -> None:
    """Downloads of exactly these plots (with the match scores when matching)."""
    lang = ui.lang()
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


def show_search(first_run: bool, today: date) -> None:
    """The search view: filters, matching, map and selected plot, results and exports."""
    lang = ui.lang()
    search = search_filters()
    match = matching_needs(first_run)
    total = ui.reference("plot_count")
    best: list[str] = []
    explain: Explain | None = None
    if match is not None:
        needs, hard = match
        shown = matching.match_plots(ui.connection(), search, needs, hard)
        explain = partial(matching.explanations, needs=needs, lang=lang)
        best = matching.best_matches(shown)
        st.markdown(f"**{ui.t('kavels.count_matched', shown=len(shown), total=total)}**")
    else:
        shown = ui.filtered_plot_rows(search)
        st.markdown(f"**{ui.t('kavels.count', shown=len(shown), total=total)}**")
    st.caption(ui.t("kavels.share"))

    map_col, detail_col = st.columns([3, 2], gap="medium")
    with map_col:
        results_map(shown, best)
    with detail_col:
        selected_plot(shown, today, explain)

    shown = results_table(shown, best, explain)
    scores = dict(zip(shown["plot_id"], shown["score"], strict=True)) if match else None
    export_buttons(ui.connection(), list(shown["plot_id"]), scores)
