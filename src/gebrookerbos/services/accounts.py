"""Accounts: logging in, creating and changing accounts (each change checked and audited).

Logging in is slowed down per account and client (:mod:`login_throttle`); new passwords
must pass the policy (:func:`gebrookerbos.domain.passwords.check_password`); a new
password, blocking an account or taking rights from it ends the account's browser
sessions (its session generation goes up, see :func:`gebrookerbos.domain.auth.current`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

import duckdb
import pandas as pd

from gebrookerbos import db
from gebrookerbos.db import audit
from gebrookerbos.domain import Role
from gebrookerbos.domain.auth import (
    Action,
    Actor,
    AuthError,
    PermissionDenied,
    _role,
    current,
    loses_rights,
    require,
)
from gebrookerbos.domain.passwords import check_password
from gebrookerbos.services import login_throttle

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SCRYPT_DKLEN = 32

# What a name that is no account is checked against, so that it takes as long as a wrong
# password for a real one (a hash of a random password that nobody knows; same parameters).
DUMMY_HASH = ("scrypt$16384$8$1$3jlseSkqOjhfr/cNHomqZQ==$"
              "/NeidFIJ6BHTsBouC5FgZrinyrTxezwym4TI4NE3i6o=")

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,63}$")


@dataclass(frozen=True)
class User:
    """An account as a login sees it; ``generation`` is what its session remembers."""

    username: str
    role: Role
    generation: int = 0


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def hash_password(password: str) -> str:
    """A salted scrypt hash of ``password`` in the self-describing stored format."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R,
                            p=SCRYPT_P, dklen=SCRYPT_DKLEN)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` matches ``stored``; constant-time comparison."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt),
                                n=int(n), r=int(r), p=int(p), dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def normalise_username(username: str) -> str:
    name = (username or "").strip().lower()
    if not USERNAME_RE.match(name):
        raise AuthError("auth.error.username", name=username)
    return name


def authenticate(con: duckdb.DuckDBPyConnection, username: str, password: str,
                 client: str | None = None) -> User:
    """The user for a correct password; raises :class:`AuthError` otherwise.

    ``client`` is the address the attempt comes from (None: unknown). The attempt is
    counted as a failure of this name and client before the password is checked
    (:func:`login_throttle.count_attempt`, which refuses it while the client must wait) and
    taken back when the password is right. A name that is no account goes through the same
    steps, against :data:`DUMMY_HASH`: the same message, about the same time.
    """
    try:
        name = normalise_username(username)
    except AuthError:
        name = ""  # cannot be an account; still counted and checked like one
    key = login_throttle.client_key(client)
    next_wait = login_throttle.count_attempt(con, name, key)
    row = db.fetch_one(con, "user_for_login", username=name)  # '' finds none, in the same time
    right = verify_password(password or "", DUMMY_HASH if row is None else row[2])
    if row is None or not right:
        if next_wait:
            raise AuthError("auth.error.wrong_wait", seconds=next_wait)
        raise AuthError("auth.error.wrong")
    login_throttle.clear(con, name, key)
    _, role, _, active, generation = row
    if not active:
        raise AuthError("auth.error.blocked")
    return User(name, Role(role), int(generation))


def user_for_identity(con: duckdb.DuckDBPyConnection, email: str) -> User | None:
    """The active account whose username is ``email`` (for a login via OIDC)."""
    try:
        name = normalise_username(email)
    except AuthError:
        return None
    row = db.fetch_one(con, "user_for_login", username=name)
    if row is None or not row[3]:
        return None
    return User(name, Role(row[1]), int(row[4]))


def _check_role(role: str | Role) -> Role:
    checked = _role(role)
    if checked is None:
        raise AuthError("auth.error.role", role=str(role),
                        roles=", ".join(r.value for r in Role))
    return checked


def create_user(con: duckdb.DuckDBPyConnection, username: str, role: str | Role,
                password: str, *, actor: Actor) -> User:
    """Create an account (refused when it exists, or for a bad name, role or password)."""
    by = require(con, actor, Action.MANAGE_ACCOUNTS).name
    name = normalise_username(username)
    checked = _check_role(role)
    check_password(password, name)
    password_hash = hash_password(password)

    def write() -> None:
        with db.transaction(con):
            if db.fetch_value(con, "user_exists", username=name):
                raise AuthError("auth.error.exists", name=name)
            db.execute(con, "insert_user", username=name, role=checked.value,
                       password_hash=password_hash)
            audit.record(con, username=by, table_name="users", record_id=name,
                         action="create", changes={"role": [None, checked.value]})

    db.retry_conflicts(write)
    return User(name, checked)


def _existing(con: duckdb.DuckDBPyConnection, username: str) -> tuple:
    """The account's row (username, role, password_hash, active, session_generation)."""
    name = normalise_username(username)
    row = db.fetch_one(con, "user_for_login", username=name)
    if row is None:
        raise AuthError("auth.error.unknown_user", name=name)
    return row


def _would_leave_no_admin(con: duckdb.DuckDBPyConnection, row: tuple) -> bool:
    is_active_admin = row[1] == Role.ADMIN and row[3]
    return bool(is_active_admin and db.fetch_value(con, "count_active_admins") <= 1)


def _change(con: duckdb.DuckDBPyConnection, username: str, *, by: str,
            role: str | Role | None = None, active: bool | None = None,
            password: str | None = None) -> User:
    """Change an account's role, access and/or password together, all or nothing.

    Everything is checked before anything is written (a refused password leaves the role
    as it was). A new password, blocking and a role with fewer rights end the account's
    sessions; a new password and unblocking clear its failed logins from every client.
    """
    row = _existing(con, username)
    name = row[0]
    new_role = None if role is None else _check_role(role)
    if password is not None:
        check_password(password, name)
    password_hash = None if password is None else hash_password(password)

    def write() -> User:
        with db.transaction(con):
            now = _existing(con, name)  # read again inside the transaction
            old_role, old_active = now[1], bool(now[3])
            role_changes = new_role is not None and new_role.value != old_role
            active_changes = active is not None and bool(active) != old_active
            leaves_admin = ((role_changes and new_role != Role.ADMIN)
                            or (active_changes and not active))
            if leaves_admin and _would_leave_no_admin(con, now):
                raise AuthError("auth.error.last_admin")
            end_sessions = False
            if role_changes:
                db.execute(con, "set_user_role", username=name, role=new_role.value)
                audit.record(con, username=by, table_name="users", record_id=name,
                             action="set_role", changes={"role": [old_role, new_role.value]})
                end_sessions = loses_rights(old_role, new_role)
            if active_changes:
                db.execute(con, "set_user_active", username=name, active=bool(active))
                audit.record(con, username=by, table_name="users", record_id=name,
                             action="set_active",
                             changes={"active": [old_active, bool(active)]})
                if active:
                    login_throttle.forget_failures_of(con, name)
                else:
                    end_sessions = True
            if password_hash is not None:
                db.execute(con, "set_user_password", username=name,
                           password_hash=password_hash)
                login_throttle.forget_failures_of(con, name)
                audit.record(con, username=by, table_name="users", record_id=name,
                             action="set_password", changes={"password": ["***", "***"]})
                end_sessions = True
            if end_sessions:
                db.execute(con, "end_user_sessions", username=name)
            _, now_role, _, _, generation = _existing(con, name)
        return User(name, Role(now_role), int(generation))

    return db.retry_conflicts(write)


def update_account(con: duckdb.DuckDBPyConnection, username: str, *,
                   role: str | Role | None = None, active: bool | None = None,
                   password: str | None = None, actor: Actor) -> User:
    """Change an account's role, access (active/blocked) and/or password in one step (None:
    keep). Refused as a whole for a bad role or password or when the last active
    administrator would be blocked or demoted. Returns the account as it is now.
    """
    by = require(con, actor, Action.MANAGE_ACCOUNTS).name
    return _change(con, username, by=by, role=role, active=active, password=password)


def set_password(con: duckdb.DuckDBPyConnection, username: str, password: str, *,
                 actor: Actor) -> User:
    """Give an account a new password (ends its sessions, clears its failed attempts)."""
    return update_account(con, username, password=password, actor=actor)


def set_role(con: duckdb.DuckDBPyConnection, username: str, role: str | Role, *,
             actor: Actor) -> User:
    """Give an account another role (the last active administrator keeps theirs); a role
    with fewer rights ends the account's sessions."""
    return update_account(con, username, role=role, actor=actor)


def set_active(con: duckdb.DuckDBPyConnection, username: str, active: bool, *,
               actor: Actor) -> User:
    """Block (ends its sessions) or unblock an account (the last active administrator
    cannot be blocked)."""
    return update_account(con, username, active=active, actor=actor)


def change_own_password(con: duckdb.DuckDBPyConnection, actor: Actor, old: str, new: str,
                        client: str | None = None) -> User:
    """A logged-in user changes their own password; the old one must be right.

    The check of the old password is counted like a login from ``client``
    (:mod:`login_throttle`), so a session left open is no way to guess it. The account's
    other sessions end; the returned user carries the new session generation, for the
    session that made the change.
    """
    me = current(con, actor)
    if me.username is None:
        raise PermissionDenied("auth.denied.login", action=Action.MANAGE_ACCOUNTS.value)
    check_password(new, me.username)
    key = login_throttle.client_key(client)
    login_throttle.count_attempt(con, me.username, key)
    if not verify_password(old or "", _existing(con, me.username)[2]):
        raise AuthError("auth.error.old_password")
    login_throttle.clear(con, me.username, key)
    return _change(con, me.username, by=me.username, password=new)


def list_users(con: duckdb.DuckDBPyConnection, *, actor: Actor) -> pd.DataFrame:
    """All accounts, without password hashes (for those who manage accounts)."""
    require(con, actor, Action.MANAGE_ACCOUNTS)
    return db.fetch_df(con, "list_users", forget_after_s=login_throttle.FORGET_AFTER_S)
