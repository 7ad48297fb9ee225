"""UI helper (Streamlit): the login box in the shared sidebar.

Username and password against the ``users`` table (:mod:`gebrookerbos.services.accounts`;
wrong passwords are counted per account and the browser's network address); when an
OIDC provider is configured in ``.streamlit/secrets.toml`` (section ``[auth]``), also
``st.login``, for people whose e-mail address is an account's username.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from gebrookerbos import ui
from gebrookerbos.domain import auth
from gebrookerbos.services import accounts

LOGIN_ERROR_KEY = "login_error"


def _oidc_configured() -> bool:
    """True when secrets.toml has an [auth] section with a client id (one provider or more)."""
    try:
        section = st.secrets.get("auth")
    except Exception:  # no secrets.toml at all: no OIDC
        return False
    if not isinstance(section, Mapping):
        return False
    return "client_id" in section or any(
        isinstance(v, Mapping) and "client_id" in v for v in section.values())


def _oidc_logged_in() -> bool:
    try:
        return bool(st.user.is_logged_in)
    except Exception:  # st.user unavailable without an auth configuration
        return False


def _oidc_box() -> None:
    if not _oidc_logged_in():
        st.button(ui.t("auth.login_oidc"), key="auth_oidc_login", on_click=st.login)
        return
    email = str(st.user.get("email") or "")
    found = accounts.user_for_identity(ui.connection(), email)
    if found is None:
        st.warning(ui.t("auth.oidc_no_account", email=email))
        st.button(ui.t("auth.logout"), key="auth_oidc_logout", on_click=st.logout)
        return
    ui.login(found.username, found.role, found.generation)
    st.rerun()


def _logout() -> None:
    ui.logout()
    if _oidc_logged_in():
        st.logout()


def login_box() -> None:
    """Who is logged in (with a logout button), or the login form."""
    user = ui.current_user()
    if st.session_state.pop(ui.EXPIRED_KEY, False):
        st.info(ui.t("auth.expired", minutes=int(auth.session_minutes())))
    if st.session_state.pop(ui.BLOCKED_KEY, False):
        st.warning(ui.t("app.session_blocked"))
    if st.session_state.pop(ui.ENDED_KEY, False):
        st.warning(ui.t("app.session_ended"))
    changed = st.session_state.pop(ui.ROLE_CHANGED_KEY, None)
    if changed:
        st.info(ui.t("app.role_changed", role=ui.label("role", changed)))
    if user is not None:
        st.caption(ui.t("auth.logged_in_as", user=user["username"],
                        role=ui.label("role", user["role"])))
        st.button(ui.t("auth.logout"), key="auth_logout", on_click=_logout)
        return
    with st.expander(ui.t("auth.login"), icon=":material/login:",
                     expanded=bool(st.session_state.get(LOGIN_ERROR_KEY))):
        with st.form("login_form", clear_on_submit=True, border=False):
            username = st.text_input(ui.t("auth.username"), key="login_username",
                                     autocomplete="username")
            password = st.text_input(ui.t("auth.password"), type="password",
                                     key="login_password", autocomplete="current-password")
            submitted = st.form_submit_button(ui.t("auth.login_button"), key="login_submit")
        if submitted:
            try:
                found = accounts.authenticate(ui.connection(), username, password,
                                              client=ui.client_address())
            except auth.AuthError as exc:
                # kept until the next try: a rerun by another widget (the map) must not
                # make the message vanish before it is read
                st.session_state[LOGIN_ERROR_KEY] = exc.message(ui.lang())
            else:
                st.session_state.pop(LOGIN_ERROR_KEY, None)
                ui.login(found.username, found.role, found.generation)
                st.rerun()
        if st.session_state.get(LOGIN_ERROR_KEY):
            st.error(st.session_state[LOGIN_ERROR_KEY])
        if _oidc_configured():
            _oidc_box()
        st.caption(ui.t("auth.public_note"))
