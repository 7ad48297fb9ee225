"""Login and roles in the app (AppTest): the sidebar login, session timeout, no personal
data for the public or the policy officer on ANY registered page, and who may edit."""

from __future__ import annotations

import re
import time

import pandas as pd
import pytest
from google.protobuf import text_format

from gebrookerbos import config, db
from tests import ROOT
from tests.actors import session_user

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
    at.session_state["user"] = {"username": "bea", "role": "brooker",
                                "login_at": time.time() - 3600,
                                "last_seen": time.time() - 11 * 60}
    at.run()
    assert "user" not in at.session_state
    assert any("sessie is verlopen na 10 minuten" in i.value for i in at.sidebar.info)
    assert at.sidebar.text_input(key="login_username")  # the login form is back


def test_an_active_session_stays_and_counts_as_activity(app, monkeypatch):
    monkeypatch.setenv("GEBROOKERBOS_SESSION_MINUTES", "10")
    at = app
    nine_minutes_ago = time.time() - 9 * 60
    at.session_state["user"] = {"username": "bea", "role": "brooker",
                                "login_at": time.time() - 3600, "last_seen": nine_minutes_ago}
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
