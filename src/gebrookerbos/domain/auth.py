"""Who may see and do what: the one place that decides it, asked by every function that
writes or reads personal data (datasette's ``check_permission(actor, action)``).

Roles (``domain.Role``) and what they may do:

================== ============= ============== ======== ========================
role               personal data edit data      import   manage accounts
================== ============= ============== ======== ========================
public (no login)  no            no             no       no
beleidsmedewerker  no            no             no       no
brooker            yes           yes            no       no
beheerder          yes           yes            yes      yes
================== ============= ============== ======== ========================

The policy officer works with the map and the neighbourhood figures and reports on land
and results; no task of theirs needs the initiators' names or contact details, so they do
not see them (data minimisation). The broker and the administrator work with the
initiators and see them.

Every writing service takes the acting user (:class:`Actor`) and calls :func:`require`,
which re-reads the account from the database: a blocked or demoted user loses the right at
their next action, whatever their browser session still says. A browser session's actor
carries the account's session generation from its login: when the password was changed,
the account blocked or its role lost rights since, the generation differs and the session
is refused (and logged out by the app). The command line acts as :data:`COMMAND_LINE`:
whoever can run it holds the database file anyway.

Passwords (:mod:`gebrookerbos.services.accounts`) are stored as ``scrypt$n$r$p$salt$hash``
(``hashlib.scrypt``, a random 16-byte salt per password) and compared in constant time; the
policy for new ones is :mod:`gebrookerbos.domain.passwords`; wrong passwords are slowed down
per account and client (:mod:`gebrookerbos.services.login_throttle`).
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import duckdb

from gebrookerbos import db, i18n
from gebrookerbos.domain.codes import Role

DEFAULT_SESSION_MINUTES = 30


class Action(StrEnum):
    """What an actor may be allowed to do."""

    VIEW_PERSONAL = "view_personal"  # initiators' names and contact details
    VIEW_INTERNAL = "view_internal"  # staff notes, who did what, next actions, partners
    RESERVE = "reserve"  # put plots in option for an initiative and release them
    CHANGE_STAGE = "change_stage"
    EDIT_PLOT = "edit_plot"
    EDIT_INITIATIVE = "edit_initiative"
    REGISTER_INITIATIVE = "register_initiative"
    IMPORT_PLOTS = "import_plots"
    MANAGE_ACCOUNTS = "manage_accounts"
    BACKUP = "backup"  # backups, restores and the full (non-public) export


_STAFF = frozenset({Role.BROKER, Role.ADMIN})
_ADMIN = frozenset({Role.ADMIN})

# --- the role policy: the one table ------------------------------------------------------
PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.VIEW_PERSONAL: _STAFF,
    Action.VIEW_INTERNAL: _STAFF,
    Action.RESERVE: _STAFF,
    Action.CHANGE_STAGE: _STAFF,
    Action.EDIT_PLOT: _STAFF,
    Action.EDIT_INITIATIVE: _STAFF,
    Action.REGISTER_INITIATIVE: _STAFF,
    Action.IMPORT_PLOTS: _ADMIN,
    Action.MANAGE_ACCOUNTS: _ADMIN,
    Action.BACKUP: _ADMIN,
}


@dataclass(frozen=True)
class Actor:
    """Who acts: a logged-in account, the public (``username`` None) or the command line.

    ``generation`` is the account's session generation when a browser session logged in
    (None for an actor that is no session: a script, a test); :func:`current` refuses a
    session whose account has moved on since.
    """

    username: str | None
    role: Role | None = None
    command_line: bool = False
    generation: int | None = None

    @property
    def name(self) -> str:
        """The name recorded in events and the audit log."""
        return self.username or "public"


PUBLIC = Actor(None)


def command_line_actor() -> Actor:
    """The command line, recorded as ``cli:<os user>`` (it has every right)."""
    try:
        who = getpass.getuser()
    except Exception:  # no user name in this environment (a container, say)
        who = "unknown"
    return Actor(f"cli:{who}", Role.ADMIN, command_line=True)


COMMAND_LINE = command_line_actor()


def _role(role: str | Role | None) -> Role | None:
    try:
        return None if role is None else Role(role)
    except ValueError:
        return None


def may(role: str | Role | None, action: Action) -> bool:
    """Whether ``role`` may do ``action`` by the policy (no database: for showing the UI)."""
    return _role(role) in PERMISSIONS[Action(action)]


def loses_rights(old: str | Role | None, new: str | Role | None) -> bool:
    """True when going from role ``old`` to ``new`` takes away any right (a demotion)."""
    old_role, new_role = _role(old), _role(new)
    return any(old_role in roles and new_role not in roles for roles in PERMISSIONS.values())


def can_see_personal_data(role: str | Role | None) -> bool:
    """Initiators' names and contact details: broker and administrator only."""
    return may(role, Action.VIEW_PERSONAL)


def can_see_internal(role: str | Role | None) -> bool:
    """Staff notes, who made a change, next actions: broker and administrator only."""
    return may(role, Action.VIEW_INTERNAL)


def named_query(con: duckdb.DuckDBPyConnection, actor: Actor | None, name: str) -> str:
    """The named query a read runs for ``actor``: ``<name>_internal`` (with the internal
    columns) when the actor may see internal data now, else ``name`` (public columns only).
    The public query does not hold the internal columns at all: nothing to hide later."""
    return f"{name}_internal" if allowed(con, actor, Action.VIEW_INTERNAL) else name


def can_edit(role: str | Role | None) -> bool:
    """Editing plots and initiatives: broker and administrator."""
    return may(role, Action.EDIT_PLOT)


def can_import(role: str | Role | None) -> bool:
    """Importing plots, backups and full exports: administrator only."""
    return may(role, Action.IMPORT_PLOTS)


def can_manage_accounts(role: str | Role | None) -> bool:
    return may(role, Action.MANAGE_ACCOUNTS)


def session_minutes() -> float:
    """Idle minutes before a login expires: $GEBROOKERBOS_SESSION_MINUTES, default 30."""
    try:
        value = float(os.environ.get("GEBROOKERBOS_SESSION_MINUTES", DEFAULT_SESSION_MINUTES))
    except ValueError:
        return DEFAULT_SESSION_MINUTES
    return value if value > 0 else DEFAULT_SESSION_MINUTES


# --- errors ---------------------------------------------------------------------------------


class AuthError(ValueError):
    """A refused login or account change; ``key``/``params`` give the message."""

    def __init__(self, key: str, **params: Any):
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
        return i18n.t(self.key, lang, **self.params)


class PermissionDenied(AuthError):
    """The actor may not do this (not logged in, blocked, or the role lacks the right);
    nothing was changed or shown."""

    def message(self, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
        params = dict(self.params)
        if "action" in params:  # codes, shown in the reader's language
            params["action"] = i18n.t(f"auth.action.{params['action']}", lang)
        if "role" in params:
            params["role"] = i18n.label("role", params["role"], lang)
        return i18n.t(self.key, lang, **params)


# --- the check ------------------------------------------------------------------------------


def current(con: duckdb.DuckDBPyConnection, actor: Actor | None) -> Actor:
    """The actor as the database knows them now: role re-read, blocked accounts refused.

    Raises :class:`PermissionDenied` when the account no longer exists or is blocked, and
    for a session whose account's session generation has changed since its login
    (``auth.denied.session_ended``).
    """
    if actor is None or actor.username is None:
        return PUBLIC
    if actor.command_line:
        return actor
    row = db.fetch_one(con, "user_for_login", username=actor.username)
    if row is None:
        raise PermissionDenied("auth.denied.gone", name=actor.username)
    _, role, _, active, generation = row
    if not active:
        raise PermissionDenied("auth.denied.blocked", name=actor.username)
    if actor.generation is not None and actor.generation != generation:
        raise PermissionDenied("auth.denied.session_ended", name=actor.username)
    return Actor(actor.username, Role(role), generation=actor.generation)


def require(con: duckdb.DuckDBPyConnection, actor: Actor | None, action: Action) -> Actor:
    """Check that ``actor`` may do ``action`` now; returns the actor as re-read.

    Every function that writes (and every read of personal data) calls this first, so the
    check holds whichever page, command or script calls it.
    """
    action = Action(action)
    if actor is None or actor.username is None:
        raise PermissionDenied("auth.denied.login", action=action.value)
    checked = current(con, actor)
    if checked.command_line or checked.role in PERMISSIONS[action]:
        return checked
    raise PermissionDenied("auth.denied.role", name=checked.name, role=str(checked.role),
                           action=action.value)


def allowed(con: duckdb.DuckDBPyConnection, actor: Actor | None, action: Action) -> bool:
    """Whether ``actor`` may do ``action`` now (the same check as :func:`require`, as a
    yes/no for reads that only add personal columns)."""
    try:
        require(con, actor, action)
    except PermissionDenied:
        return False
    return True
