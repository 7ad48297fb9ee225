"""Initiatieven: the list with filters, one initiative in detail (plots, timeline, history,
stage change), and the programme over time (charts with PNG/CSV downloads)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from gebrookerbos import ui
from gebrookerbos.domain import Stage, Theme, history, programme
from gebrookerbos.domain import initiatives as overview
from gebrookerbos.domain.auth import PermissionDenied
from gebrookerbos.domain.plot_filter import PlotFilter
from gebrookerbos.domain.stages import StageChangeError, allowed_targets, needs_reason
from gebrookerbos.maps.plot_map import Basemap
from gebrookerbos.present import history as history_view
from gebrookerbos.present import initiatives as initiatives_view
from gebrookerbos.present import programme as programme_view
from gebrookerbos.present import url_state
from gebrookerbos.services import stages
from gebrookerbos.ui import plot_maps

ui.run_through_entrypoint()  # a direct link on a fresh server: run inside dashboard.py

lang = ui.lang()
today = date.today()
con = ui.connection()
personal = ui.can_see_personal_data()
PICK = "ini_picker"
INITIATIVE_PARAM = url_state.Param("initiatief", url_state.Kind.TEXT)  # ?initiatief=INI-038
FLASH = "ini_flash"
FORM_RESET = "ini_form_reset"

st.title(ui.t("initiatives.title"))
st.caption(ui.t("initiatives.intro"))
ui.demo_banner()

list_tab, programme_tab = st.tabs([ui.t("initiatives.tab_list"), ui.t("programme.tab")])


def show_detail(initiative_id: str) -> None:
    """One initiative: summary, plots on a small map, timeline, history, stage change."""
    ini = overview.detail(con, initiative_id, actor=ui.actor())
    if ini is None:
        return
    with st.container(border=True):
        st.subheader(ini["title"])
        st.caption(f"{ini['initiative_id']} · {ui.label('theme', ini['theme'])}")
        if st.session_state.get(FLASH):
            st.success(st.session_state.pop(FLASH))
        st.markdown(f"**{ui.t('initiative.stage')}:** {ui.label('stage', ini['stage'])}")
        st.progress(int(ini["progress"]) / 100,
                    text=f"{ui.t('initiative.progress')}: {int(ini['progress'])}%")
        if ini["public_summary"]:
            st.write(ini["public_summary"])
        fmt = lambda d: history_view.long_date(d, lang) if d == d and d is not None else "–"  # noqa: E731
        rows = {
            ui.t("initiatives.start_date"): fmt(ini["start_date"]),
            ui.t("initiatives.expected_date"): fmt(ini["expected_date"]),
        }
        if "next_action" in ini:  # staff only: the public query has no internal planning
            rows[ui.t("initiatives.partners")] = ini["partners"] or "–"
            rows[ui.t("initiatives.next_action")] = (
                f"{ini['next_action']} ({ui.t('initiatives.due')} {fmt(ini['next_action_due'])})"
                if ini["next_action"] else "–"
            )
        st.markdown("\n".join(f"- **{k}:** {v}" for k, v in rows.items()))
        if personal:
            data = overview.personal_detail(con, initiative_id, actor=ui.actor()) or {}
            st.markdown(f"**{ui.t('initiatives.personal')}**")
            st.markdown("\n".join(
                f"- **{ui.t(f'initiatives.{k}')}:** {data.get(k) or '–'}"
                for k in ("initiator_group", "contact_name", "contact_email", "contact_phone",
                          "account_manager")
            ))

        st.markdown(f"#### {ui.t('initiatives.plots_title')}")
        ids = overview.plot_ids(con, initiative_id)
        all_plots = ui.filtered_plot_rows(PlotFilter())  # no outlines: fast at any size
        its_plots = all_plots[all_plots["plot_id"].isin(ids)]
        if its_plots.empty:
            st.write(ui.t("initiatives.no_plots"))
        else:
            st.markdown(", ".join(ui.option_label(p, n) for p, n in
                                  zip(its_plots["plot_id"], its_plots["name"], strict=True)))
            map_key, chosen_key = f"ini_map_{initiative_id}", f"ini_plot_{initiative_id}"
            clicked = plot_maps.plot_map(
                map_key, its_plots, bounds=ui.plot_bounds(its_plots["plot_id"]),
                selected=st.session_state.get(chosen_key), boundaries=False, height=300,
                basemap=Basemap(st.session_state.get("basemap", Basemap.PDOK)),
            )
            if clicked:
                st.session_state[chosen_key] = clicked
                st.rerun()
            chosen = plot_maps.plot_picker(its_plots, chosen_key, label=ui.t("plot.details"),
                                           hint=ui.t("map.click_hint"))
            if chosen:
                ui.plot_details(chosen)

        st.markdown(f"#### {ui.t('initiatives.timeline')}")
        stage_ev = history.stage_events(con, initiative_id, actor=ui.actor())
        segments = history.timeline_segments(stage_ev, today)
        if segments.empty:
            st.write(ui.t("initiatives.no_history"))
        else:
            steps = " · ".join(
                f"{ui.label('stage', s)} {history_view.long_date(a, lang)}"
                for s, a in zip(segments["stage"], segments["start"], strict=True)
            )
            st.altair_chart(history_view.timeline_chart(segments, lang), width="stretch",
                            alt=f"{ui.t('initiatives.timeline')}: {steps}")
            st.caption(steps)
        st.markdown(f"#### {ui.t('initiatives.history')}")
        table = history_view.history_table(
            stage_ev, history.plot_events(con, initiative_id, actor=ui.actor()), lang)
        st.dataframe(table, hide_index=True, width="stretch")

        if ui.can_edit():
            stage_form(ini)


def stage_form(ini: dict) -> None:
    """Change the stage (editors only); a refusal is shown and changes nothing."""
    initiative_id = ini["initiative_id"]
    version_key = f"ini_version_{initiative_id}"
    expected = st.session_state.get(version_key, int(ini["version"]))
    current = Stage(ini["stage"])
    targets = allowed_targets(current)
    st.markdown(f"#### {ui.t('stageform.title')}")
    if st.session_state.pop(FORM_RESET, False):  # after a change: an empty form
        st.session_state.update({"sf_note": "", "sf_reason": "", "sf_explicit": False})
        st.session_state.pop("sf_stage", None)
        st.session_state.pop("sf_progress", None)
    if not targets:
        st.info(ui.t("stageform.final", stage=ui.label("stage", current)))
        st.session_state[version_key] = int(ini["version"])
        return
    with st.form(f"stage_form_{initiative_id}", clear_on_submit=False):
        new = st.selectbox(
            ui.t("stageform.new_stage"), [*targets, *[s for s in Stage if s not in targets
                                                     and s != current]],
            format_func=lambda s: ui.label("stage", s)
            + ("" if s in targets else f" ({ui.t('stageform.not_allowed')})")
            + (f" ({ui.t('stageform.needs_reason')})"
               if s in targets and needs_reason(current, s) else ""),
            key="sf_stage",
        )
        on = st.date_input(ui.t("stageform.date"), value=today, max_value=today,
                           min_value=history.HISTORY_START, key="sf_date",
                           format="DD-MM-YYYY")
        note = st.text_area(ui.t("stageform.note"), key="sf_note")
        reason = st.text_input(ui.t("stageform.reason"), key="sf_reason",
                               help=ui.t("stageform.reason_help"))
        explicit = st.checkbox(ui.t("stageform.explicit_progress"), key="sf_explicit")
        progress = st.slider(ui.t("initiative.progress"), 0, 100, int(ini["progress"]),
                             key="sf_progress")
        submitted = st.form_submit_button(ui.t("stageform.submit"), type="primary")
    if submitted:
        try:
            stages.change_stage(
                con, initiative_id, new, actor=ui.actor(), note=note,
                on_date=on, reason=reason or None,
                progress=int(progress) if explicit else None, expected_version=expected,
            )
        except (StageChangeError, PermissionDenied) as exc:
            st.error(ui.t("stageform.refused", message=exc.message(lang)),
                     icon=":material/block:")
        else:
            ui.clear_data_cache()
            st.session_state.pop(version_key, None)
            st.session_state[FORM_RESET] = True
            st.session_state[FLASH] = ui.t(
                "stageform.done", id=initiative_id, old=ui.label("stage", current),
                new=ui.label("stage", new))
            st.rerun()
    st.session_state[version_key] = int(ini["version"])


with list_tab:
    cols = st.columns(4 if personal else 3)
    chosen_stages = cols[0].multiselect(
        ui.t("filter.stage"), list(Stage), key="i_stage",
        format_func=lambda s: ui.label("stage", s), placeholder=ui.t("filter.all"),
    )
    chosen_themes = cols[1].multiselect(
        ui.t("filter.theme"), list(Theme), key="i_theme",
        format_func=lambda s: ui.label("theme", s), placeholder=ui.t("filter.all"),
    )
    wijken = ui.reference("wijken")
    wijk_names = dict(zip(wijken["code"], wijken["name"], strict=True))
    wijk = cols[2].selectbox(
        ui.t("filter.wijk"), [None, *wijken["code"]], key="i_wijk", placeholder=ui.t("filter.all"),
        format_func=lambda c: ui.t("filter.all") if c is None else wijk_names[c],
    )
    manager = None
    if personal:  # account managers' names are personal data: not for the public
        manager = cols[3].selectbox(
            ui.t("initiatives.account_manager"),
            [None, *overview.personal_account_managers(con, actor=ui.actor())],
            key="i_manager", placeholder=ui.t("filter.all"),
            format_func=lambda m: ui.t("filter.all") if m is None else m,
        )
    frame = overview.initiatives(con, overview.InitiativeFilter(
        stages=tuple(chosen_stages), themes=tuple(chosen_themes), wijk=wijk,
        account_manager=manager,
    ))
    st.markdown(f"**{ui.t('initiatives.count', shown=len(frame))}**")
    if frame.empty:
        st.info(ui.t("initiatives.none_match"))
    else:
        st.dataframe(
            initiatives_view.list_table(
                frame, lang,
                overview.personal_account_manager_of(con, actor=ui.actor()) if personal else None),
            hide_index=True, width="stretch",
        )
    ids = list(frame["initiative_id"])
    titles = dict(zip(frame["initiative_id"], frame["title"], strict=True))
    if PICK not in st.session_state:  # the first run: a shared link to one initiative
        found = url_state.read(ui.url_query(), [INITIATIVE_PARAM], {INITIATIVE_PARAM.name: ids})
        ui.report_url_notices(found.notices)
        st.session_state[PICK] = found.values.get(INITIATIVE_PARAM.name)
    if st.session_state[PICK] not in ids:
        st.session_state[PICK] = None
    choice = st.selectbox(
        ui.t("initiatives.pick"), [None, *ids], key=PICK, placeholder=ui.t("initiatives.pick_hint"),
        format_func=lambda i: ui.t("initiatives.pick_hint") if i is None
        else ui.option_label(i, titles[i]),
    )
    if choice:
        st.query_params[INITIATIVE_PARAM.name] = choice  # a link to this initiative
        show_detail(choice)
    else:
        st.query_params.pop(INITIATIVE_PARAM.name, None)

with programme_tab:
    st.subheader(ui.t("programme.title"))
    st.caption(ui.t("programme.intro"))
    for which in programme.CHARTS:
        data = ui.programme_chart_data(which, today)
        summary = programme_view.summary(which, data, lang)
        st.altair_chart(programme_view.chart(which, data, lang), width="stretch",
                        key=f"chart_{which}", alt=f"{ui.t(f'programme.chart_{which}')}. {summary}")
        st.caption(summary)
        left, right = st.columns(2)
        name = f"gebrookerbos_{which}_{today.isoformat()}"
        left.download_button(
            ui.t("programme.download_csv"), data=programme_view.to_csv(which, data, lang),
            file_name=f"{name}.csv", mime="text/csv", key=f"csv_{which}",
            icon=":material/download:", on_click="ignore",
        )
        right.download_button(
            ui.t("programme.download_png"),
            data=lambda which=which, data=data: programme_view.to_png(which, data, lang),
            file_name=f"{name}.png", mime="image/png", key=f"png_{which}",
            icon=":material/image:", on_click="ignore",
        )
