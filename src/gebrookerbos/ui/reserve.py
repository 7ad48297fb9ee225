"""UI helper (Streamlit) of the page Kavels: reserving and releasing the selected plot, and
its history.

The service (:mod:`gebrookerbos.services.reservations`) checks the actor's right itself; the
panel only leaves the buttons out for the public.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from gebrookerbos import i18n, ui
from gebrookerbos.domain import Availability
from gebrookerbos.domain.auth import PermissionDenied
from gebrookerbos.domain.stages import StageChangeError
from gebrookerbos.services import holding, reservations
from gebrookerbos.ui import kavels

FLASH = "_kavels_flash"  # what the last reservation or release did, said once after the rerun
SEEN = "_reserve_seen"  # (plot, version) the reserve panel last showed


def show_flash() -> None:
    """Say what the last reservation or release did (once)."""
    if FLASH in st.session_state:
        st.success(st.session_state.pop(FLASH), icon=":material/check_circle:")


def reserve_panel(plot_id: str, version: int, availability: str, today: date) -> None:
    """Who holds the plot; reserve or release it (logged-in brokers only)."""
    lang = ui.lang()
    con = ui.connection()
    holders = holding.holders_of(con, plot_id)
    st.markdown(f"**{ui.t('reserve.title')}**")
    if holders:
        st.write(ui.t("reserve.held_by", initiatives=", ".join(
            ui.option_label(h.initiative_id, h.title) for h in holders)))
    if not ui.can_edit():
        st.caption(ui.t("reserve.login"))
        return

    def attempt(action, initiative_id: str, note: str | None, done_key: str, title: str,
                expected_version: int = version) -> None:
        try:
            action(con, plot_id, initiative_id, actor=ui.actor(), note=note or None,
                   today=today, expected_version=expected_version)
        except (reservations.ReservationError, StageChangeError, PermissionDenied) as exc:
            st.error(exc.message(lang), icon=":material/block:")
            return
        ui.clear_data_cache()
        st.session_state[FLASH] = ui.t(done_key, plot=plot_id, initiative=title)
        st.rerun()

    seen_plot, seen_version = st.session_state.get(SEEN, (None, None))
    changed_under_the_click = bool(
        st.session_state.get("reserve_button") and seen_plot == plot_id
        and seen_version != version and st.session_state.get("reserve_for"))
    if changed_under_the_click:
        # The button was pressed on the plot as it was; since then another session or
        # another dashboard process changed it (the button is no longer there): the
        # service answers for the version the user saw, so they hear why nothing changed.
        target = st.session_state["reserve_for"]
        attempt(reservations.reserve, target, st.session_state.get("reserve_note"),
                "reserve.done", target, expected_version=seen_version)
    st.session_state[SEEN] = (plot_id, version)
    if availability == Availability.RESERVED:
        for holder in holders:
            label = ui.option_label(holder.initiative_id, holder.title)
            if st.button(ui.t("reserve.release", initiative=label),
                         key=f"release_{holder.initiative_id}", icon=":material/lock_open:"):
                attempt(reservations.release, holder.initiative_id, None, "reserve.released",
                        label)
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
                          format_func=lambda i: ui.option_label(i, titles[i]))
    note = st.text_input(ui.t("reserve.note"), key="reserve_note")
    if st.button(ui.t("reserve.button"), key="reserve_button", type="primary",
                 icon=":material/bookmark_add:") and not changed_under_the_click:
        attempt(reservations.reserve, target, note, "reserve.done",
                ui.option_label(target, titles[target]))


def plot_history(plot_id: str) -> None:
    """The plot's availability changes, newest first (folded away)."""
    lang = ui.lang()
    history = reservations.plot_history(ui.connection(), plot_id, actor=ui.actor())
    with st.expander(ui.t("reserve.history")):
        if history.empty:
            st.write(ui.t("reserve.no_history"))
            return
        table = {
            ui.t("reserve.event_date"): [i18n.format_date(d, lang) for d in history["event_date"]],
            ui.t("reserve.event_from"): [ui.label("availability", a) if isinstance(a, str) else "–"
                                         for a in history["from_availability"]],
            ui.t("reserve.event_to"): [ui.label("availability", a) for a in history["to_availability"]],
            ui.t("initiative.title"): history["initiative_title"].fillna(""),
        }
        if "note" in history:  # staff only: the public history has no such columns
            table[ui.t("history.by")] = history["by_whom"].fillna("")
            table[ui.t("reserve.note")] = history["note"].fillna("")
        st.dataframe(table, hide_index=True, width="stretch")
