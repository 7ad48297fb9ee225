"""UI helper (Streamlit) of the page Kavels: the pipeline of initiatives and the agreements
that end soon.

Logged-in staff only: the cards show account managers and internal actions (personal data),
read uncached.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from gebrookerbos import i18n, ui
from gebrookerbos.domain import STAGE_ORDER, Stage, pipeline
from gebrookerbos.present.url_state import Kind
from gebrookerbos.ui import kavels


def _card(card: pipeline.Card) -> None:
    lang = ui.lang()
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


def show_pipeline(today: date) -> None:
    """The board (a column per stage, filters on account manager and wijk) and the user
    agreements that end within the chosen number of months."""
    lang = ui.lang()
    wijken = ui.reference("wijken")
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
                        format_func=kavels.area_name, placeholder=ui.t("filter.all"))
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
    low, high = kavels.ENDING_MONTHS
    if not low <= (st.session_state.get("ending_months") or 0) <= high:
        st.session_state["ending_months"] = 12
    months = st.number_input(ui.t("pipeline.ending_months"), min_value=low, max_value=high,
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
