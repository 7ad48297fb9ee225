"""UI helper (Streamlit): the sections of the Beheer page, and reusable edit forms.

Which sections a role sees is decided by :mod:`gebrookerbos.domain.auth`; the functions that
write (:mod:`edits`, :mod:`importer`, :mod:`auth`, :mod:`backup`) check the role again.
Edit forms keep what the user typed: after a conflict (someone else saved first) the
form shows what the other person changed and offers to reapply the user's changes to the
latest version.
"""

from __future__ import annotations

import json
import math
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from gebrookerbos import i18n, ui
from gebrookerbos.domain import OwnerType, Role, Soil, Theme, auth, passwords
from gebrookerbos.domain.stages import StageChangeError, allowed_targets
from gebrookerbos.services import accounts, backup, edits, holding, importer

MIN_DATE = date(1990, 1, 1)
MAX_DATE = date(2100, 12, 31)
FLASH_KEY = "admin_flash"
IMPORT_RESULT_KEY = "import_result"  # the last import's report, shown until the next one
KEEP_CHOICE_KEY = "admin_keep_choice_"  # + kind: the record just saved stays chosen
PICKER_NAMES_KEY = "admin_picker_names_"  # + kind: the names as the session first saw them


# --- which sections ------------------------------------------------------------------------


def sections_for(role: str | None) -> list[str]:
    """The Beheer sections of a role, in tab order."""
    found = []
    if auth.can_edit(role):
        found += ["plots", "initiatives"]
    if auth.can_import(role):
        found += ["import"]
    if auth.can_manage_accounts(role):
        found += ["users", "backup"]
    if auth.can_see_personal_data(role):
        found += ["audit"]
    return [*found, "account"]


def render_sections(role: str | None) -> None:
    names = sections_for(role)
    renderers: dict[str, Callable[[], None]] = {
        "plots": plot_editor, "initiatives": initiative_editor, "import": import_section,
        "users": users_section, "backup": backup_section, "audit": audit_section,
        "account": account_section,
    }
    flash = st.session_state.pop(FLASH_KEY, None)
    if flash:
        st.success(flash)
    # keyed: the open tab stays open when the page above it changes (e.g. the demo banner
    # disappears after the first import)
    tabs = st.tabs([ui.t(f"admin.tab.{n}") for n in names], key=f"admin_tabs_{len(names)}")
    for tab, name in zip(tabs, names, strict=True):
        with tab:
            renderers[name]()


def _user() -> dict:
    user = ui.current_user()
    assert user is not None
    return user


# --- editing: shared form helpers ---------------------------------------------------------


def _value_text(value: Any) -> str:
    if value is None or value != value:
        return "–"
    if isinstance(value, bool):
        return ui.t(f"bool.{str(value).lower()}")
    return str(value)


def _conflict_view(conflict: edits.EditConflict, table: str) -> None:
    """What the other person changed, next to what this user wanted."""
    st.error(conflict.message(ui.lang()), icon=":material/sync_problem:")
    names = list(dict.fromkeys([*conflict.theirs, *conflict.mine]))
    rows = [{
        ui.t("edit.conflict.field"): edits.field_label(table, n, ui.lang()),
        ui.t("edit.conflict.before"): _value_text(conflict.base.get(n)),
        ui.t("edit.conflict.theirs"): _value_text((conflict.current or {}).get(n)),
        ui.t("edit.conflict.mine"): _value_text(
            conflict.mine[n][1] if n in conflict.mine else conflict.base.get(n)),
    } for n in names]
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    if conflict.clashes:
        st.warning(ui.t("edit.conflict.clashes", fields=", ".join(
            edits.field_label(table, n, ui.lang()) for n in conflict.clashes)))


def _form_state(kind: str, record_id: str, load: Callable[[], dict | None]) -> dict | None:
    """The record the form edits (base) and the values to show, kept across reruns."""
    key = f"edit_{kind}_{record_id}"
    state = st.session_state.get(key)
    if state is None:
        base = load()
        if base is None:
            return None
        state = {"base": base, "values": dict(base), "conflict": None}
        st.session_state[key] = state
    return state


def _conflict_actions(kind: str, record_id: str, state: dict,
                      load: Callable[[], dict | None]) -> None:
    conflict: edits.EditConflict = state["conflict"]
    _conflict_view(conflict, "plots" if kind == "plot" else "initiatives")
    if conflict.current is None:
        return
    left, right = st.columns(2)
    if left.button(ui.t("edit.conflict.reapply"), key=f"reapply_{kind}_{record_id}",
                   type="primary"):
        current = load() or conflict.current
        mine = {k: v[1] for k, v in conflict.mine.items()}
        state.update(base=current, values={**current, **mine}, conflict=None)
        # (renamed by the other person: the picker would lose the record, see _keep_choice)
        st.session_state[f"{KEEP_CHOICE_KEY}{kind}"] = record_id
        st.rerun()
    if right.button(ui.t("edit.conflict.discard"), key=f"discard_{kind}_{record_id}"):
        current = load() or conflict.current
        state.update(base=current, values=dict(current), conflict=None)
        st.session_state[f"{KEEP_CHOICE_KEY}{kind}"] = record_id
        st.rerun()


def _saved(kind: str, record_id: str, changes: dict) -> None:
    st.session_state.pop(f"edit_{kind}_{record_id}", None)
    st.session_state.get(f"{PICKER_NAMES_KEY}{kind}", {}).pop(record_id, None)  # its new name
    st.session_state[f"{KEEP_CHOICE_KEY}{kind}"] = record_id
    ui.clear_data_cache()
    st.session_state[FLASH_KEY] = (
        ui.t("edit.saved", id=record_id, n=len(changes)) if changes
        else ui.t("edit.nothing_changed", id=record_id))
    st.rerun()


def _picker_names(kind: str, names: dict[str, str]) -> dict[str, str]:
    """The names the picker shows: each record's name as this session first saw it.

    A record renamed by someone else (another session, another dashboard process) keeps
    its text in the picker, so the choice the browser sends back still names an option and
    the open form stays; the form itself shows the record as it is now.
    """
    seen = st.session_state.setdefault(f"{PICKER_NAMES_KEY}{kind}", {})
    for record_id, name in names.items():
        seen.setdefault(record_id, name)
    return {record_id: seen[record_id] for record_id in names}


def _keep_choice(kind: str, widget_key: str, options: dict) -> None:
    """Keep the record just saved chosen in its picker.

    The picker shows "id – name"; Streamlit keeps a selectbox's value as that text, so
    after a save that renamed the record the browser's next message names an option that
    no longer exists and the picker falls back to nothing, taking the form (and what the
    user typed next) with it. Setting the value anew before the picker is drawn gives the
    browser the new text.
    """
    keep = st.session_state.pop(f"{KEEP_CHOICE_KEY}{kind}", None)
    if keep is not None and keep in options:
        st.session_state[widget_key] = keep


def _choice(label: str, options: list[str], kind: str, value: Any, key: str) -> str:
    index = options.index(value) if value in options else 0
    return st.selectbox(label, options, index=index, key=key,
                        format_func=lambda c: ui.label(kind, c))


def _date(label: str, value: Any, key: str) -> date | None:
    value = edits._as_date(value)
    return st.date_input(label, value=value, min_value=MIN_DATE, max_value=MAX_DATE,
                         key=key, format="DD-MM-YYYY")


# --- editing plots ----------------------------------------------------------------------


def plot_form(plot_id: str) -> None:
    """The edit form of one plot (reusable on other pages; editors only)."""
    if not ui.can_edit():
        st.info(ui.t("edit.not_allowed"))
        return
    con = ui.connection()

    def load() -> dict | None:
        return edits.plot_for_edit(con, plot_id, actor=ui.actor())

    state = _form_state("plot", plot_id, load)
    if state is None:
        st.warning(ui.t("edit.not_found", id=plot_id))
        return
    if state["conflict"] is not None:
        _conflict_actions("plot", plot_id, state, load)
        return
    base, v = state["base"], state["values"]
    k = f"plot_{plot_id}_v{base['version']}_"
    pl = lambda name: ui.t(f"plot.{name}")  # noqa: E731
    with st.form(f"plot_form_{plot_id}"):
        st.caption(ui.t("edit.version", version=base["version"],
                        who=base.get("updated_by") or "–"))
        values = {
            "name": st.text_input(pl("name"), v["name"], key=k + "name"),
            "location_description": st.text_area(pl("location_description"),
                                                 v["location_description"] or "",
                                                 key=k + "location_description"),
        }
        c1, c2, c3 = st.columns(3)
        with c1:
            # by hand only between available and unavailable, and only while nobody holds
            # the plot: otherwise it follows the initiative (services.holding)
            holders = holding.holders_of(con, plot_id)
            options = ([v["availability"]] if holders else
                       list(dict.fromkeys([*holding.HAND_SET_AVAILABILITIES, v["availability"]])))
            values["availability"] = _choice(pl("availability"), options, "availability",
                                             v["availability"], k + "availability")
            if holders:
                st.caption(ui.t("edit.availability_follows", initiative=holders[0].title))
            values["available_from"] = _date(pl("available_from"), v["available_from"],
                                             k + "available_from")
            values["available_until"] = _date(pl("available_until"), v["available_until"],
                                              k + "available_until")
        with c2:
            values["owner_type"] = _choice(pl("owner_type"), list(OwnerType), "owner_type",
                                           v["owner_type"], k + "owner_type")
            values["owner_name"] = st.text_input(pl("owner_name"), v["owner_name"] or "",
                                                 key=k + "owner_name")
            values["zoning"] = st.text_input(pl("zoning"), v["zoning"] or "",
                                             key=k + "zoning")
        with c3:
            values["soil"] = _choice(pl("soil"), list(Soil), "soil", v["soil"], k + "soil")
            for f in ("has_water", "has_electricity", "has_car_access"):
                values[f] = st.checkbox(pl(f), bool(v[f]), key=k + f)
        values["notes"] = st.text_area(pl("notes"), v["notes"] or "", key=k + "notes")
        submitted = st.form_submit_button(ui.t("edit.save"), type="primary",
                                          key=f"plot_save_{plot_id}")
    if not submitted:
        return
    try:
        changes = edits.update_plot(con, plot_id, values, expected_version=base["version"],
                                    base=base, actor=ui.actor())
    except (edits.EditError, auth.PermissionDenied) as exc:
        st.error(exc.message(ui.lang()))
    except edits.EditConflict as conflict:
        state["values"] = {**base, **values}
        state["conflict"] = conflict
        st.rerun()
    else:
        _saved("plot", plot_id, changes)


def plot_editor() -> None:
    st.subheader(ui.t("edit.plots_title"))
    con = ui.connection()
    search = st.text_input(ui.t("edit.search"), key="edit_plot_search",
                           placeholder=ui.t("edit.search_plot_hint"))
    matches = edits.plots_matching(con, search)
    names = _picker_names("plot", dict(matches))
    _keep_choice("plot", "edit_plot_id", names)
    plot_id = st.selectbox(ui.t("edit.choose_plot"), [None, *names], key="edit_plot_id",
                           format_func=lambda p: "–" if p is None else ui.option_label(p, names[p]))
    if len(matches) >= 200:
        st.caption(ui.t("edit.first_200"))
    if plot_id:
        plot_form(plot_id)


# --- editing initiatives --------------------------------------------------------------------


def initiative_form(initiative_id: str) -> None:
    """The edit form of one initiative, with its stage change (editors only)."""
    if not ui.can_edit():
        st.info(ui.t("edit.not_allowed"))
        return
    con = ui.connection()

    def load() -> dict | None:
        return edits.initiative_for_edit(con, initiative_id, actor=ui.actor())

    state = _form_state("initiative", initiative_id, load)
    if state is None:
        st.warning(ui.t("edit.not_found", id=initiative_id))
        return
    if state["conflict"] is not None:
        _conflict_actions("initiative", initiative_id, state, load)
        return
    base, v = state["base"], state["values"]
    k = f"ini_{initiative_id}_v{base['version']}_"
    lb = lambda name: edits.field_label("initiatives", name, ui.lang())  # noqa: E731
    values: dict[str, Any] = {}
    with st.form(f"initiative_form_{initiative_id}"):
        st.caption(ui.t("edit.version", version=base["version"],
                        who=base.get("updated_by") or "–"))
        values["title"] = st.text_input(lb("title"), v["title"], key=k + "title")
        values["public_summary"] = st.text_area(lb("public_summary"),
                                                v["public_summary"] or "",
                                                key=k + "public_summary")
        c1, c2 = st.columns(2)
        with c1:
            values["theme"] = _choice(lb("theme"), list(Theme), "theme", v["theme"],
                                      k + "theme")
            values["progress"] = st.number_input(lb("progress"), 0, 100, int(v["progress"]),
                                                 key=k + "progress")
            values["start_date"] = _date(lb("start_date"), v["start_date"], k + "start_date")
            values["expected_date"] = _date(lb("expected_date"), v["expected_date"],
                                            k + "expected_date")
            values["next_action"] = st.text_input(lb("next_action"), v["next_action"] or "",
                                                  key=k + "next_action")
            values["next_action_due"] = _date(lb("next_action_due"), v["next_action_due"],
                                              k + "next_action_due")
            values["partners"] = st.text_input(lb("partners"), v["partners"] or "",
                                               key=k + "partners")
        with c2:
            st.markdown(f"**{ui.t('edit.personal_data')}**")
            for f in ("initiator_group", "contact_name", "contact_email", "contact_phone",
                      "account_manager"):
                values[f] = st.text_input(lb(f), v[f] or "", key=k + f)
        st.markdown(f"**{ui.t('edit.needs')}**")
        c3, c4 = st.columns(2)
        with c3:
            for f in ("need_min_area_m2", "need_max_area_m2"):
                values[f] = st.number_input(lb(f), min_value=0.0, value=None if v[f] is None
                                            or v[f] != v[f] else float(v[f]), step=50.0,
                                            key=k + f)
            values["need_wijken"] = st.text_input(lb("need_wijken"), v["need_wijken"] or "",
                                                  key=k + "need_wijken",
                                                  help=ui.t("edit.need_wijken_help"))
            values["need_start"] = _date(lb("need_start"), v["need_start"], k + "need_start")
            duration = v["need_duration_months"]
            values["need_duration_months"] = st.number_input(
                lb("need_duration_months"), min_value=0, max_value=1200, step=1,
                value=None if duration is None or duration != duration else int(duration),
                key=k + "need_duration_months")
        with c4:
            for f in ("need_water", "need_electricity", "need_car_access", "need_clean_soil"):
                values[f] = st.checkbox(lb(f), bool(v[f]), key=k + f)
        st.markdown(f"**{ui.t('edit.stage_title')}**")
        targets = [base["stage"], *[s.value for s in allowed_targets(base["stage"])]]
        s1, s2 = st.columns(2)
        with s1:
            new_stage = st.selectbox(
                lb("stage"), targets, key=k + "stage",
                format_func=lambda s: ui.label("stage", s) + (
                    f" ({ui.t('edit.stage_current')})" if s == base["stage"] else ""))
            stage_date = st.date_input(ui.t("edit.stage_date"), value=date.today(),
                                       min_value=MIN_DATE, max_value=date.today(),
                                       key=k + "stage_date", format="DD-MM-YYYY")
        with s2:
            stage_note = st.text_input(ui.t("edit.stage_note"), key=k + "stage_note")
            stage_reason = st.text_input(ui.t("edit.stage_reason"), key=k + "stage_reason",
                                         help=ui.t("edit.stage_reason_help"))
        submitted = st.form_submit_button(ui.t("edit.save"), type="primary",
                                          key=f"initiative_save_{initiative_id}")
    if not submitted:
        return
    try:
        changes = edits.update_initiative(
            con, initiative_id, values, expected_version=base["version"], base=base,
            actor=ui.actor(),
            new_stage=new_stage if new_stage != base["stage"] else None,
            stage_note=stage_note, stage_reason=stage_reason, stage_date=stage_date,
        )
    except (edits.EditError, auth.PermissionDenied) as exc:
        st.error(exc.message(ui.lang()))
    except StageChangeError as exc:
        st.error(ui.t("edit.stage_refused", reason=exc.message(ui.lang())))
    except edits.EditConflict as conflict:
        state["values"] = {**base, **values}
        state["conflict"] = conflict
        st.rerun()
    else:
        _saved("initiative", initiative_id, changes)


NEW_INITIATIVE_FIELDS = ("title", "public_summary", "initiator_group", "contact_name",
                         "contact_email", "contact_phone", "account_manager", "partners",
                         "next_action")


def new_initiative_form() -> None:
    """Register a new idea (stage idea): the start of its history."""
    with st.expander(ui.t("edit.new_initiative"), icon=":material/add:"):
        with st.form("new_initiative_form", clear_on_submit=False):
            lb = lambda name: edits.field_label("initiatives", name, ui.lang())  # noqa: E731
            values: dict[str, Any] = {}
            for name in NEW_INITIATIVE_FIELDS:
                widget = st.text_area if name == "public_summary" else st.text_input
                values[name] = widget(lb(name), key=f"new_ini_{name}")
            values["theme"] = st.selectbox(lb("theme"), list(Theme), key="new_ini_theme",
                                           format_func=lambda c: ui.label("theme", c))
            values["next_action_due"] = _date(lb("next_action_due"), None, "new_ini_due")
            note = st.text_input(ui.t("edit.new_initiative_note"), key="new_ini_note")
            submitted = st.form_submit_button(ui.t("edit.new_initiative_button"))
        if submitted:
            try:
                new_id = edits.create_initiative(
                    ui.connection(), values, actor=ui.actor(), note=note)
            except (edits.EditError, auth.PermissionDenied) as exc:
                st.error(exc.message(ui.lang()))
            else:
                for name in (*NEW_INITIATIVE_FIELDS, "theme", "due", "note"):
                    st.session_state.pop(f"new_ini_{name}", None)
                ui.clear_data_cache()
                st.session_state[FLASH_KEY] = ui.t("edit.new_initiative_done", id=new_id)
                st.rerun()


def initiative_editor() -> None:
    st.subheader(ui.t("edit.initiatives_title"))
    new_initiative_form()
    con = ui.connection()
    search = st.text_input(ui.t("edit.search"), key="edit_initiative_search",
                           placeholder=ui.t("edit.search_initiative_hint"))
    names = _picker_names("initiative", dict(edits.initiatives_matching(con, search)))
    _keep_choice("initiative", "edit_initiative_id", names)
    initiative_id = st.selectbox(
        ui.t("edit.choose_initiative"), [None, *names], key="edit_initiative_id",
        format_func=lambda i: "–" if i is None else ui.option_label(i, names[i]))
    if initiative_id:
        initiative_form(initiative_id)


# --- import -----------------------------------------------------------------------------------


def import_section() -> None:
    st.subheader(ui.t("admin.import_title"))
    st.caption(ui.t("admin.import_intro"))
    st.caption(ui.t("admin.import_limits", mb=importer.MAX_FILE_BYTES // importer.MB,
                    unzipped=i18n.format_number(importer.MAX_UNZIPPED_BYTES // importer.MB,
                                                ui.lang())))
    # no type= filter: every file reaches the importer, which checks name, content and size
    # and says in the user's language what is wrong (Streamlit's own refusal is English and
    # is not a message of the app); Streamlit's size limit (whole MB) is the importer's
    upload = st.file_uploader(ui.t("admin.import_file"), key="import_file",
                              max_upload_size=math.ceil(importer.MAX_FILE_BYTES / importer.MB))
    c1, c2, c3 = st.columns(3)
    crs = c1.text_input(ui.t("admin.import_crs"), key="import_crs",
                        help=ui.t("admin.import_crs_help"))
    layer = c2.text_input(ui.t("admin.import_layer"), key="import_layer")
    encoding = c3.text_input(ui.t("admin.import_encoding"), key="import_encoding",
                             help=ui.t("admin.import_encoding_help"))
    repair = st.checkbox(ui.t("admin.import_repair"), key="import_repair")
    b1, b2 = st.columns(2)
    check = b1.button(ui.t("admin.import_check"), key="import_check", disabled=upload is None)
    run = b2.button(ui.t("admin.import_run"), key="import_run", type="primary",
                    disabled=upload is None)
    if upload is not None and (check or run):
        suffix = Path(upload.name).suffix.lower()
        with tempfile.TemporaryDirectory(prefix="gebrookerbos-upload-") as tmp:
            path = Path(tmp) / f"upload{suffix}"
            path.write_bytes(upload.getvalue())
            with st.spinner(ui.t("admin.import_busy")):
                try:
                    report = importer.import_plots(
                        ui.connection(), path, layer=layer.strip() or None,
                        crs=crs.strip() or None, dry_run=bool(check), repair=repair,
                        encoding=encoding.strip() or None, actor=ui.actor(),
                        file_name=upload.name,
                    )
                except auth.PermissionDenied as exc:
                    st.error(exc.message(ui.lang()))
                    return
        level = "error" if not report.ok else "info" if report.dry_run else "success"
        st.session_state[IMPORT_RESULT_KEY] = (level, report.summary(ui.lang()))
        if report.ok and not report.dry_run:
            ui.clear_data_cache()
            st.rerun()  # every page, banner and footer now shows the imported data
    result = st.session_state.get(IMPORT_RESULT_KEY)
    if result:
        level, summary = result
        getattr(st, level)(summary.splitlines()[0])
        st.code(summary, language=None)


# --- accounts ---------------------------------------------------------------------------------


def _password_rule() -> str:
    return ui.t("auth.password_rule", n=passwords.MIN_LENGTH)


def users_section() -> None:
    st.subheader(ui.t("admin.users_title"))
    con = ui.connection()
    users = accounts.list_users(con, actor=ui.actor())
    shown = users.assign(role=users["role"].map(lambda r: ui.label("role", r)))
    st.dataframe(shown.rename(columns=lambda c: ui.t(f"admin.users_col.{c}")),
                 hide_index=True, width="stretch")
    roles = [r.value for r in Role]
    left, right = st.columns(2)
    with left, st.form("new_user_form", clear_on_submit=True):
        st.markdown(f"**{ui.t('admin.users_new')}**")
        name = st.text_input(ui.t("auth.username"), key="new_user_name")
        role = st.selectbox(ui.t("admin.users_role"), roles, key="new_user_role",
                            format_func=lambda r: ui.label("role", r))
        pw1 = st.text_input(ui.t("auth.password"), type="password", key="new_user_pw1",
                            help=_password_rule())
        pw2 = st.text_input(ui.t("auth.password_repeat"), type="password", key="new_user_pw2")
        create = st.form_submit_button(ui.t("admin.users_create"), key="new_user_submit")
    if create:
        try:
            if pw1 != pw2:
                raise auth.AuthError("auth.error.passwords_differ")
            created = accounts.create_user(con, name, role, pw1, actor=ui.actor())
        except auth.AuthError as exc:
            left.error(exc.message(ui.lang()))
        else:
            st.session_state[FLASH_KEY] = ui.t("admin.users_created", name=created.username)
            st.rerun()
    if users.empty:
        return
    with right, st.form("change_user_form", clear_on_submit=True):
        st.markdown(f"**{ui.t('admin.users_change')}**")
        target = st.selectbox(ui.t("auth.username"), list(users["username"]),
                              key="change_user_name")
        new_role = st.selectbox(ui.t("admin.users_role"), [None, *roles],
                                key="change_user_role",
                                format_func=lambda r: ui.t("admin.users_keep") if r is None
                                else ui.label("role", r))
        active = st.radio(ui.t("admin.users_active"), [None, True, False], horizontal=True,
                          key="change_user_active",
                          format_func=lambda a: ui.t("admin.users_keep") if a is None
                          else ui.t(f"admin.users_active_{str(a).lower()}"))
        new_pw = st.text_input(ui.t("admin.users_new_password"), type="password",
                               key="change_user_pw", help=_password_rule())
        change = st.form_submit_button(ui.t("admin.users_apply"), key="change_user_submit")
    if change:
        me = ui.actor()
        try:  # one change, all or nothing: a refused password leaves the role as it was
            changed = accounts.update_account(con, target, role=new_role or None,
                                              active=active, password=new_pw or None,
                                              actor=me)
        except auth.AuthError as exc:
            right.error(exc.message(ui.lang()))
        else:
            if changed.username == me.username:  # this session stays; the others end
                ui.keep_session(changed.generation)
            st.session_state[FLASH_KEY] = ui.t("admin.users_changed", name=target)
            st.rerun()


def account_section() -> None:
    """Every logged-in user: their role, and changing their own password."""
    user = _user()
    st.subheader(ui.t("admin.account_title"))
    st.write(ui.t("admin.account_role", user=user["username"],
                  role=ui.label("role", user["role"])))
    st.caption(ui.t(f"admin.role_rights.{user['role']}"))
    with st.form("own_password_form", clear_on_submit=True):
        old = st.text_input(ui.t("admin.account_old"), type="password", key="own_pw_old")
        new1 = st.text_input(ui.t("admin.account_new"), type="password", key="own_pw_new1",
                             help=_password_rule())
        new2 = st.text_input(ui.t("auth.password_repeat"), type="password",
                             key="own_pw_new2")
        submitted = st.form_submit_button(ui.t("admin.account_change"), key="own_pw_submit")
    if submitted:
        try:
            if new1 != new2:
                raise auth.AuthError("auth.error.passwords_differ")
            changed = accounts.change_own_password(ui.connection(), ui.actor(), old, new1,
                                                   client=ui.client_address())
        except auth.AuthError as exc:
            st.error(exc.message(ui.lang()))
        else:
            ui.keep_session(changed.generation)  # this session stays; the others end
            st.success(ui.t("admin.account_changed"))


# --- backup and export ----------------------------------------------------------------------


def backup_section() -> None:
    st.subheader(ui.t("admin.backup_title"))
    st.caption(ui.t("admin.backup_intro"))
    con = ui.connection()
    b1, b2, b3 = st.columns(3)
    if b1.button(ui.t("admin.backup_make"), key="backup_make"):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "gebrookerbos-backup.duckdb"
            try:
                backup.backup_database(con, out, actor=ui.actor())
            except backup.BackupError as exc:
                st.error(exc.message(ui.lang()))
            except auth.PermissionDenied as exc:
                st.error(exc.message(ui.lang()))
            else:
                st.session_state["backup_bytes"] = ("duckdb", out.read_bytes())
    for col, public in ((b2, False), (b3, True)):
        label = ui.t("admin.export_public" if public else "admin.export_full")
        if col.button(label, key=f"export_gpkg_{'public' if public else 'full'}"):
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp) / "export.gpkg"
                try:
                    backup.export_geopackage(con, out, public=public, actor=ui.actor())
                except auth.PermissionDenied as exc:
                    st.error(exc.message(ui.lang()))
                else:
                    st.session_state["backup_bytes"] = (
                        "public.gpkg" if public else "full.gpkg", out.read_bytes())
    ready = st.session_state.get("backup_bytes")
    if ready:
        kind, data = ready
        stamp = date.today().isoformat()
        names = {"duckdb": f"gebrookerbos-backup-{stamp}.duckdb",
                 "full.gpkg": f"gebrookerbos-volledig-{stamp}.gpkg",
                 "public.gpkg": f"gebrookerbos-openbaar-{stamp}.gpkg"}
        st.download_button(ui.t("admin.backup_download", name=names[kind]), data,
                           file_name=names[kind], key="backup_download",
                           mime="application/octet-stream")
    st.caption(ui.t("admin.backup_restore_note"))
    st.caption(ui.t("app.attribution"))


# --- the audit trail --------------------------------------------------------------------------


def audit_section() -> None:
    st.subheader(ui.t("admin.audit_title"))
    frame = edits.recent_changes(ui.connection(), actor=ui.actor(), limit=200)
    if frame.empty:
        st.info(ui.t("admin.audit_empty"))
        return
    frame = frame.assign(changes=frame["changes"].map(_changes_text))
    st.dataframe(frame.rename(columns=lambda c: ui.t(f"admin.audit_col.{c}")),
                 hide_index=True, width="stretch")


def _changes_text(raw: Any) -> str:
    if not isinstance(raw, str):  # NULL arrives as NaN
        return ""
    try:
        data = json.loads(raw or "{}")
    except ValueError:
        return raw
    parts = []
    for k, v in data.items():
        if isinstance(v, list) and len(v) == 2:
            parts.append(f"{k}: {_value_text(v[0])} → {_value_text(v[1])}")
        else:
            parts.append(f"{k}: {_value_text(v)}")
    return "; ".join(parts)
