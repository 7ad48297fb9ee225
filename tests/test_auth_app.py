"""Login and roles in the app (AppTest): the sidebar login, session timeout, sessions that
end when the account's password, access or rights change, no personal data for the public
or the policy officer on ANY registered page, and who may edit."""

from __future__ import annotations

import re
import time

import pandas as pd
import pytest
from google.protobuf import text_format

from gebrookerbos import config, db
from tests import ROOT
from tests.actors import PASSWORD, session_user

PAGE_RE = re.compile(r'st\.Page\(\s*"(pages/[a-z_]+\.py)"')


def registered_pages() -> list[str]:
    """The pages dashboard.py registers (new pages are covered automatically)."""
    return PAGE_RE.findall((ROOT / "dashboard.py").read_text(encoding="utf-8"))


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def rendered_text(at) -> str:
    """Everything the app sent to the browser: texts, labels, options, tables, component
    arguments (the map's HTML)."""
    parts = []
    for node in _walk(at._tree):
        value = getattr(node, "value", None) if type(node).__name__ != "ElementTree" else None
        if isinstance(value, pd.DataFrame):
            parts.append(value.to_csv())
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(text_format.MessageToString(proto, as_utf8=True))
        for attr in ("label", "options", "placeholder", "help"):
            item = getattr(node, attr, None)
            if item is not None:
                parts.append(str(item))
    return "\n".join(parts)


def personal_values(con) -> set[str]:
    """The initiators' names, groups, e-mail addresses and phone numbers in the database."""
    rows = con.execute(
        "SELECT contact_name, contact_email, contact_phone, initiator_group FROM initiatives"
    ).fetchall()
    return {v for row in rows for v in row if v}


def _as(at, role: str):
    """Log in as the staff member of ``role`` (a real account: the app re-reads it)."""
    at.session_state["user"] = session_user(role)
    return at


def test_every_page_is_registered_and_found():
    pages = registered_pages()
    assert "pages/kaart.py" in pages and "pages/beheer.py" in pages


@pytest.mark.parametrize("role", [None, "beleidsmedewerker"])
def test_no_personal_data_on_any_page(app, con, role):
    personal = personal_values(con)
    assert len(personal) > 100
    con.close()
    for page in registered_pages():
        at = app if role is None else _as(app, role)
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        text = rendered_text(at)
        assert len(text) > 150, page  # the page rendered
        leaked = sorted(v for v in personal if v in text)
        assert not leaked, f"{page} shows personal data to {role or 'the public'}: {leaked[:5]}"


def test_the_check_finds_personal_data_where_it_is_allowed(app, con):
    """The broker's edit form shows an initiator's e-mail: the check above can fail."""
    email = con.execute("SELECT contact_email FROM initiatives WHERE initiative_id = 'INI-001'"
                        ).fetchone()[0]
    con.close()
    at = _as(app, "brooker")
    at.switch_page("pages/beheer.py").run()
    at.selectbox(key="edit_initiative_id").set_value("INI-001").run()
    assert not at.exception
    assert email in rendered_text(at)


# The login form itself is tested in a real browser (test_browser_beheer.py): AppTest runs
# a rerun of a switched-to page without dashboard.py while a directory named pages/ sits next
# to it (Streamlit's multipage-v1 fallback), so the sidebar frame only renders on a first run.


def test_the_sidebar_offers_a_login_to_the_public(app):
    at = app.run()
    assert not at.exception
    assert at.sidebar.text_input(key="login_username").label == "Gebruikersnaam"
    assert at.sidebar.text_input(key="login_password").label == "Wachtwoord"
    assert any("alles behalve persoonsgegevens" in c.value for c in at.sidebar.caption)


def test_a_logged_in_user_is_named_in_the_sidebar(app):
    at = _as(app, "brooker").run()
    assert "Ingelogd als **bea** (Brooker)" in [c.value for c in at.sidebar.caption]
    assert at.sidebar.button(key="auth_logout").label == "Uitloggen"


def test_session_times_out_after_idle_minutes(app, monkeypatch):
    monkeypatch.setenv("GEBROOKERBOS_SESSION_MINUTES", "10")
    at = app
    at.session_state["user"] = {**session_user("brooker"), "login_at": time.time() - 3600,
                                "last_seen": time.time() - 11 * 60}
    at.run()
    assert "user" not in at.session_state
    assert any("sessie is verlopen na 10 minuten" in i.value for i in at.sidebar.info)
    assert at.sidebar.text_input(key="login_username")  # the login form is back


def test_an_active_session_stays_and_counts_as_activity(app, monkeypatch):
    monkeypatch.setenv("GEBROOKERBOS_SESSION_MINUTES", "10")
    at = app
    nine_minutes_ago = time.time() - 9 * 60
    at.session_state["user"] = {**session_user("brooker"), "login_at": time.time() - 3600,
                                "last_seen": nine_minutes_ago}
    at.run()
    assert at.session_state["user"]["username"] == "bea"
    assert at.session_state["user"]["last_seen"] > nine_minutes_ago + 8 * 60
    at.session_state["user"]["last_seen"] = time.time() - 11 * 60
    at.switch_page("pages/beheer.py").run()
    assert "user" not in at.session_state
    assert any("Log in" in i.value for i in at.info)  # Beheer asks to log in again


def test_sections_of_the_beheer_page_per_role(app, con):
    con.close()
    expected = {
        "beleidsmedewerker": ["Mijn account"],
        "brooker": ["Kavels bewerken", "Initiatieven bewerken", "Wijzigingslog",
                    "Mijn account"],
        "beheerder": ["Kavels bewerken", "Initiatieven bewerken", "Kavels importeren",
                      "Accounts", "Back-up en export", "Wijzigingslog", "Mijn account"],
    }
    for role, tabs in expected.items():
        at = _as(app, role)
        at.switch_page("pages/beheer.py").run()
        assert not at.exception
        assert [t.label for t in at.tabs] == tabs
    public = app
    public.session_state["user"] = None
    public.run()
    assert [t.label for t in public.tabs] == []


def test_an_editor_can_edit_a_plot(app, con):
    plot_id, name, version = con.execute(
        "SELECT plot_id, name, version FROM plots ORDER BY plot_id LIMIT 1").fetchone()
    con.close()
    at = _as(app, "brooker")
    at.switch_page("pages/beheer.py").run()
    at.selectbox(key="edit_plot_id").set_value(plot_id).run()
    at.text_input(key=f"plot_{plot_id}_v{version}_name").input("Nieuwe naam – Brüll")
    at.button(key=f"plot_save_{plot_id}").click().run()
    assert not at.exception
    assert any("opgeslagen" in s.value for s in at.success)
    check = db.connect(config.db_path())  # same settings as the app's connection
    try:
        row = check.execute("SELECT name, version, updated_by FROM plots WHERE plot_id = $p",
                            {"p": plot_id}).fetchone()
        audit = check.execute(
            "SELECT username, action, changes FROM audit_log WHERE record_id = $p "
            "ORDER BY audit_id DESC LIMIT 1", {"p": plot_id}).fetchone()
    finally:
        check.close()
    assert row == ("Nieuwe naam – Brüll", version + 1, "bea")
    assert audit[0] == "bea" and audit[1] == "update"
    assert name in audit[2] and "Nieuwe naam – Brüll" in audit[2]


def test_a_viewer_cannot_edit(app, con):
    con.close()
    at = _as(app, "beleidsmedewerker")
    at.switch_page("pages/beheer.py").run()
    assert not at.exception
    assert any("mag gegevens bekijken, niet wijzigen" in i.value for i in at.info)
    keys = {getattr(w, "key", None) for w in at.selectbox}
    assert "edit_plot_id" not in keys and "edit_initiative_id" not in keys
    assert not [b for b in at.button if (b.key or "").startswith("plot_save_")]


# --- sessions that end when the account changes ------------------------------------------------


def _tab(app_env):
    """Another browser tab (its own Streamlit session) on the same dashboard and database."""
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)


def _log_in(at, username: str, password: str = PASSWORD):
    """Log in through the sidebar form, as a person does."""
    at.run()
    at.sidebar.text_input(key="login_username").input(username)
    at.sidebar.text_input(key="login_password").input(password)
    at.button(key="login_submit").click().run()
    assert not at.exception
    assert at.session_state["user"]["username"] == username
    return at


def _change_account(admin, username: str, *, role=None, active=None, password=""):
    """The administrator changes an account on page Beheer (tab Accounts)."""
    admin.switch_page("pages/beheer.py").run()
    admin.selectbox(key="change_user_name").set_value(username)
    admin.selectbox(key="change_user_role").set_value(role)
    admin.radio(key="change_user_active").set_value(active)
    admin.text_input(key="change_user_pw").input(password)
    admin.button(key="change_user_submit").click().run()
    assert not admin.exception
    assert not admin.error, [e.value for e in admin.error]


def _logged_out_because_ended(at) -> bool:
    at.run()
    assert not at.exception
    return ("user" not in at.session_state
            and any("Je bent uitgelogd" in w.value for w in at.sidebar.warning)
            and bool(at.sidebar.text_input(key="login_username")))


def test_a_new_password_ends_the_other_sessions_not_this_one(app, app_env):
    here = _log_in(app, "bea")
    there = _log_in(_tab(app_env), "bea")
    here.switch_page("pages/beheer.py").run()
    here.text_input(key="own_pw_old").input(PASSWORD)
    here.text_input(key="own_pw_new1").input("a brand new password")
    here.text_input(key="own_pw_new2").input("a brand new password")
    here.button(key="own_pw_submit").click().run()
    assert not here.exception
    assert any("andere sessies" in s.value for s in here.success)
    assert _logged_out_because_ended(there)
    here.run()  # the session that changed it stays logged in
    assert here.session_state["user"]["username"] == "bea"
    _log_in(there, "bea", "a brand new password")  # and the new password works


def test_a_session_ends_when_the_administrator_changes_the_password(app, app_env):
    bea = _log_in(app, "bea")
    admin = _log_in(_tab(app_env), "admin")
    _change_account(admin, "bea", password="set by the administrator")
    assert _logged_out_because_ended(bea)


def test_a_session_ends_on_fewer_rights_and_when_blocked_meanwhile(app, app_env):
    bea = _log_in(app, "bea")
    piet = _log_in(_tab(app_env), "piet")
    admin = _log_in(_tab(app_env), "admin")
    _change_account(admin, "bea", role="beleidsmedewerker")  # demoted
    assert _logged_out_because_ended(bea)
    _change_account(admin, "piet", role="brooker")  # promoted: applies at once
    piet.run()
    assert piet.session_state["user"]["role"] == "brooker"
    assert any("rol is gewijzigd" in i.value for i in piet.sidebar.info)
    _change_account(admin, "piet", active=False)
    _change_account(admin, "piet", active=True)  # unblocked before piet's next click
    assert _logged_out_because_ended(piet)
    _log_in(piet, "piet")  # logging in again works


def test_a_blocked_account_is_logged_out_at_its_next_click(app, app_env):
    bea = _log_in(app, "bea")
    admin = _log_in(_tab(app_env), "admin")
    _change_account(admin, "bea", active=False)
    bea.run()
    assert "user" not in bea.session_state
    assert any("geblokkeerd" in w.value for w in bea.sidebar.warning)


def test_a_session_that_did_not_log_in_is_no_session(app):
    """A session entry without the account's session generation is not a login."""
    app.session_state["user"] = {"username": "bea", "role": "brooker"}
    app.run()
    assert "user" not in app.session_state


def test_a_refused_password_on_beheer_changes_nothing(app, app_env, con):
    con.close()
    admin = _log_in(app, "admin")
    admin.switch_page("pages/beheer.py").run()
    admin.selectbox(key="change_user_name").set_value("bea")
    admin.selectbox(key="change_user_role").set_value("beheerder")
    admin.text_input(key="change_user_pw").input("wachtwoord1234")
    admin.button(key="change_user_submit").click().run()
    assert any("te makkelijk te raden" in e.value for e in admin.error)
    check = db.connect(config.db_path())
    try:
        assert check.execute("SELECT role, session_generation FROM users "
                             "WHERE username = 'bea'").fetchone() == ("brooker", 0)
    finally:
        check.close()
