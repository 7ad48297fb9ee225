"""Accounts: logging in, creating and changing accounts (each change checked and audited)."""

from __future__ import annotations

import base64
import functools
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
from gebrookerbos.domain.auth import Action, Actor, AuthError, PermissionDenied, _role, current, require
from gebrookerbos.domain.passwords import check_password

SCRYPT_N = 2**14


SCRYPT_R = 8


SCRYPT_P = 1


SCRYPT_DKLEN = 32


FREE_ATTEMPTS = 3


FIRST_DELAY_S = 5


MAX_DELAY_S = 15 * 60


USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,63}$")


@dataclass(frozen=True)
class User:
    username: str
    role: Role


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


@functools.cache
def _dummy_hash() -> str:
    """A hash to check unknown usernames against, so they take as long as known ones."""
    return hash_password(secrets.token_hex(16))


def normalise_username(username: str) -> str:
    name = (username or "").strip().lower()
    if not USERNAME_RE.match(name):
        raise AuthError("auth.error.username", name=username)
    return name


def delay_seconds(failed_attempts: int) -> int:
    """The wait before the next try after ``failed_attempts`` wrong passwords in a row."""
    if failed_attempts < FREE_ATTEMPTS:
        return 0
    return min(FIRST_DELAY_S * 2 ** (failed_attempts - FREE_ATTEMPTS), MAX_DELAY_S)


def authenticate(con: duckdb.DuckDBPyConnection, username: str, password: str) -> User:
    """The user for a correct password; raises :class:`AuthError` otherwise.

    Wrong passwords are counted; while an account must wait (:func:`delay_seconds`) the
    password is not even checked, and the message says how long to wait.
    """
    try:
        name = normalise_username(username)
    except AuthError:
        verify_password(password, _dummy_hash())
        raise AuthError("auth.error.wrong") from None
    row = db.fetch_one(con, "user_for_login", username=name)
    if row is None:
        verify_password(password, _dummy_hash())
        raise AuthError("auth.error.wrong")
    _, role, stored, failed, active, since_failed = row
    wait = delay_seconds(int(failed))
    if wait and since_failed is not None and since_failed < wait:
        raise AuthError("auth.error.wait", seconds=int(wait - since_failed) + 1)
    if not verify_password(password, stored):
        db.execute(con, "record_failed_login", username=name)
        next_wait = delay_seconds(int(failed) + 1)
        if next_wait:
            raise AuthError("auth.error.wrong_wait", seconds=next_wait)
        raise AuthError("auth.error.wrong")
    if not active:
        raise AuthError("auth.error.blocked")
    if failed:
        db.execute(con, "reset_failed_logins", username=name)
    return User(name, Role(role))


def user_for_identity(con: duckdb.DuckDBPyConnection, email: str) -> User | None:
    """The active account whose username is ``email`` (for a login via OIDC)."""
    try:
        name = normalise_username(email)
    except AuthError:
        return None
    row = db.fetch_one(con, "user_for_login", username=name)
    if row is None or not row[4]:
        return None
    return User(name, Role(row[1]))


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
    with db.transaction(con):
        if db.fetch_value(con, "user_exists", username=name):
            raise AuthError("auth.error.exists", name=name)
        db.execute(con, "insert_user", username=name, role=checked.value,
                   password_hash=hash_password(password))
        audit.record(con, username=by, table_name="users", record_id=name,
                     action="create", changes={"role": [None, checked.value]})
    return User(name, checked)


def _existing(con: duckdb.DuckDBPyConnection, username: str) -> tuple:
    name = normalise_username(username)
    row = db.fetch_one(con, "user_for_login", username=name)
    if row is None:
        raise AuthError("auth.error.unknown_user", name=name)
    return row


def set_password(con: duckdb.DuckDBPyConnection, username: str, password: str, *,
                 actor: Actor) -> None:
    """Give an account a new password (also clears its failed attempts)."""
    by = require(con, actor, Action.MANAGE_ACCOUNTS).name
    _store_password(con, username, password, by=by)


def _store_password(con: duckdb.DuckDBPyConnection, username: str, password: str, *,
                    by: str) -> None:
    name = _existing(con, username)[0]
    check_password(password, name)
    with db.transaction(con):
        db.execute(con, "set_user_password", username=name,
                   password_hash=hash_password(password))
        audit.record(con, username=by, table_name="users", record_id=name,
                     action="set_password", changes={"password": ["***", "***"]})


def change_own_password(con: duckdb.DuckDBPyConnection, actor: Actor, old: str,
                        new: str) -> None:
    """A logged-in user changes their own password; the old one must be right."""
    me = current(con, actor)
    if me.username is None:
        raise PermissionDenied("auth.denied.login", action=Action.MANAGE_ACCOUNTS.value)
    row = _existing(con, me.username)
    if not verify_password(old, row[2]):
        raise AuthError("auth.error.old_password")
    _store_password(con, row[0], new, by=row[0])


def _would_leave_no_admin(con: duckdb.DuckDBPyConnection, row: tuple) -> bool:
    is_active_admin = row[1] == Role.ADMIN and row[4]
    return bool(is_active_admin and db.fetch_value(con, "count_active_admins") <= 1)


def set_role(con: duckdb.DuckDBPyConnection, username: str, role: str | Role, *,
             actor: Actor) -> None:
    """Give an account another role (the last active administrator keeps theirs)."""
    by = require(con, actor, Action.MANAGE_ACCOUNTS).name
    checked = _check_role(role)
    row = _existing(con, username)
    if row[1] == checked.value:
        return
    with db.transaction(con):
        if checked != Role.ADMIN and _would_leave_no_admin(con, row):
            raise AuthError("auth.error.last_admin")
        db.execute(con, "set_user_role", username=row[0], role=checked.value)
        audit.record(con, username=by, table_name="users", record_id=row[0],
                     action="set_role", changes={"role": [row[1], checked.value]})


def set_active(con: duckdb.DuckDBPyConnection, username: str, active: bool, *,
               actor: Actor) -> None:
    """Block or unblock an account (the last active administrator cannot be blocked)."""
    by = require(con, actor, Action.MANAGE_ACCOUNTS).name
    row = _existing(con, username)
    with db.transaction(con):
        if not active and _would_leave_no_admin(con, row):
            raise AuthError("auth.error.last_admin")
        db.execute(con, "set_user_active", username=row[0], active=bool(active))
        audit.record(con, username=by, table_name="users", record_id=row[0],
                     action="set_active", changes={"active": [bool(row[4]), bool(active)]})


def list_users(con: duckdb.DuckDBPyConnection, *, actor: Actor) -> pd.DataFrame:
    """All accounts, without password hashes (for those who manage accounts)."""
    require(con, actor, Action.MANAGE_ACCOUNTS)
    return db.fetch_df(con, "list_users")
