"""Personal and internal data never reach the public or the policy officer, in a real browser.

Unique values are planted through the service functions, as staff would write them, in every
personal field (the initiators' names, group, e-mail and phone, the account manager, a
private owner's name) and every internal one (the staff notes of plot and stage events and of
the plot itself, the next action, the partners, who made each change: a staff account with a
unique name). Then a public session and a policy officer's session open every page, in the
states where such data could show (a plot chosen with its history, an initiative open with
its history, match mode, the screen, Beheer), and everything they receive is searched: the
websocket frames, the HTTP responses, and every file the app serves from its static folder.
A broker's session on the same plot receives the note: the search can find what it looks for.
"""

from __future__ import annotations

import secrets
import shutil

import pytest

from gebrookerbos import db
from gebrookerbos.domain import INTERNAL_COLUMNS, PERSONAL_COLUMNS, Role, Stage
from gebrookerbos.domain.auth import COMMAND_LINE, Actor
from gebrookerbos.services import accounts, edits, reservations, stages

from . import ROOT
from .actors import PASSWORD
from .conftest import AppServer, open_as, settle, states

pytestmark = pytest.mark.browser

PLOT = "KV-0004"  # available, no initiative holds it in the demo data


def _token(kind: str) -> str:
    return f"zq{kind}{secrets.token_hex(5)}"


@pytest.fixture(scope="module")
def planted(tmp_path_factory, demo_db_file):
    """A copy of the demo database with unique values in every personal and internal field,
    written through the services; yields the server on it and the planted values."""
    path = tmp_path_factory.mktemp("private") / "gebrookerbos.duckdb"
    shutil.copyfile(demo_db_file, path)
    con = db.connect(path)
    staff_name = _token("staff")
    accounts.create_user(con, staff_name, Role.BROKER, PASSWORD, actor=COMMAND_LINE)
    staff = Actor(staff_name, Role.BROKER)
    initiative = con.execute(
        "SELECT initiative_id FROM initiatives WHERE stage = 'exploring' "
        "ORDER BY initiative_id LIMIT 1").fetchone()[0]
    values = {
        "owner_name": _token("owner"), "notes": _token("plotnote"),
        "reserve_note": _token("reservenote"), "stage_note": _token("stagenote"),
        "initiator_group": _token("group"), "contact_name": _token("name"),
        "contact_email": f"{_token('mail')}@example.org",
        "contact_phone": f"06-{secrets.randbelow(10**8):08d}",
        "account_manager": _token("manager"), "partners": _token("partners"),
        "next_action": _token("nextaction"),
    }
    # the plot: owner's name and notes, edited by the staff member
    row = edits.plot_for_edit(con, PLOT, actor=staff)
    plot_values = {s.name: row[s.name] for s in edits.PLOT_FIELDS}
    plot_values.update(owner_type="private", owner_name=values["owner_name"],
                       notes=values["notes"])
    edits.update_plot(con, PLOT, plot_values, expected_version=row["version"], actor=staff)
    # a reservation with a note, a stage change with a note
    reservations.reserve(con, PLOT, initiative, actor=staff, note=values["reserve_note"])
    stages.change_stage(con, initiative, Stage.PLAN, actor=staff, note=values["stage_note"])
    # the initiative's personal and internal fields
    row = edits.initiative_for_edit(con, initiative, actor=staff)
    ini_values = {s.name: row[s.name] for s in edits.INITIATIVE_FIELDS}
    ini_values.update({k: values[k] for k in (
        "initiator_group", "contact_name", "contact_email", "contact_phone",
        "account_manager", "partners", "next_action")})
    edits.update_initiative(con, initiative, ini_values, expected_version=row["version"],
                            actor=staff)
    con.close()
    values["by_whom"] = staff_name  # who made every change: a staff member's name
    # every personal and internal field holds a planted value
    fields = set(PERSONAL_COLUMNS) | {c for cs in INTERNAL_COLUMNS.values() for c in cs}
    covered = set(values) | {"note", "updated_by", "next_action_due"}
    assert fields <= covered, fields - covered
    server = AppServer(path)
    yield server, initiative, staff_name, values
    server.stop()


class Received:
    """Everything a browser page receives: websocket frames and HTTP response bodies."""

    def __init__(self, page):
        self.page, self.frames, self.bodies, self._pending = page, [], [], []
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))
        page.on("response", lambda response: self._pending.append(response))

    def _frame(self, payload) -> None:
        self.frames.append(payload if isinstance(payload, str)
                           else bytes(payload).decode("utf-8", "replace"))

    def collect(self) -> None:
        """Read the bodies of the responses so far (before the page navigates away)."""
        while self._pending:
            response = self._pending.pop()
            try:
                self.bodies.append(response.body().decode("utf-8", "replace"))
            except Exception:  # redirects and aborted requests have no body
                pass

    def text(self) -> str:
        self.collect()
        return "\n".join(self.frames + self.bodies)


def _visit(page, received: Received, server, path: str, username: str | None) -> None:
    open_as(page, server.url + path, username, PASSWORD)
    if path.startswith("/kavels?plot="):  # open the plot's history
        history = page.get_by_text("Geschiedenis van deze kavel")
        if history.count():
            history.first.click()
            settle(page)
    received.collect()


def _leaks(text: str, values: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in values.items() if v in text}


def _static_files_text() -> str:
    parts = []
    for path in (ROOT / "static").rglob("*"):  # what Streamlit serves at /app/static/
        if path.is_file() and path.stat().st_size < 50_000_000:
            parts.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(parts)


@pytest.mark.parametrize("who", ["public", "piet"])  # piet: the policy officer of tests.actors
def test_nothing_personal_or_internal_reaches_the_public_or_the_policy_officer(
        page, planted, who):
    server, initiative, _, values = planted
    received = Received(page)
    for path in states(PLOT, initiative):
        _visit(page, received, server, path, None if who == "public" else who)
    text = received.text()
    assert len(received.frames) > 20 and PLOT in text  # the pages were there
    assert _leaks(text, values) == {}, f"{who} received: {_leaks(text, values)}"
    assert _leaks(_static_files_text(), values) == {}


def test_a_broker_receives_the_notes_so_the_search_can_find_them(page, planted):
    server, _, staff_name, values = planted
    received = Received(page)
    _visit(page, received, server, f"/kavels?plot={PLOT}", staff_name)
    found = _leaks(received.text(), values)
    assert {"notes", "reserve_note", "by_whom"} <= set(found), found
