"""Accounts, passwords and roles: who may see and do what.

Roles (``domain.Role``) and what they may do — the one place that decides it:

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

Passwords are stored as ``scrypt$n$r$p$salt$hash`` (``hashlib.scrypt``, a random 16-byte
salt per password) and compared in constant time. After :data:`FREE_ATTEMPTS` wrong
passwords in a row an account must wait before the next try: 5 s, doubling with every
further wrong password, at most 15 minutes; a correct password resets the count.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os
import re
import secrets
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from gebrookerbos import db, i18n
from gebrookerbos.db import audit
from gebrookerbos.domain import Role

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SCRYPT_DKLEN = 32
MIN_PASSWORD_LENGTH = 10
FREE_ATTEMPTS = 3
FIRST_DELAY_S = 5
MAX_DELAY_S = 15 * 60
DEFAULT_SESSION_MINUTES = 30
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,63}$")

# --- the role policy ----------------------------------------------------------------------

PERSONAL_DATA_ROLES = frozenset({Role.BROKER, Role.ADMIN})
EDIT_ROLES = frozenset({Role.BROKER, Role.ADMIN})
ADMIN_ROLES = frozenset({Role.ADMIN})


def _role(role: str | Role | None) -> Role | None:
    try:
        return None if role is None else Role(role)
    except ValueError:
        return None


def can_see_personal_data(role: str | Role | None) -> bool:
    """Initiators' names and contact details: broker and administrator only."""
    return _role(role) in PERSONAL_DATA_ROLES


def can_edit(role: str | Role | None) -> bool:
    """Editing plots and initiatives: broker and administrator."""
    return _role(role) in EDIT_ROLES


def can_import(role: str | Role | None) -> bool:
    """Importing plots, backups and full exports: administrator only."""
    return _role(role) in ADMIN_ROLES


def can_manage_accounts(role: str | Role | None) -> bool:
    return _role(role) in ADMIN_ROLES


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


@dataclass(frozen=True)
class User:
    username: str
    role: Role


# --- passwords ------------------------------------------------------------------------------


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


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AuthError("auth.error.password_short", n=MIN_PASSWORD_LENGTH)
    if password.strip() != password or not password.strip():
        raise AuthError("auth.error.password_spaces")


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


# --- login ----------------------------------------------------------------------------------


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


# --- accounts -------------------------------------------------------------------------------


def _check_role(role: str | Role) -> Role:
    checked = _role(role)
    if checked is None:
        raise AuthError("auth.error.role", role=str(role),
                        roles=", ".join(r.value for r in Role))
    return checked


def create_user(con: duckdb.DuckDBPyConnection, username: str, role: str | Role,
                password: str, *, by: str | None = None) -> User:
    """Create an account (refused when it exists, or for a bad name, role or password)."""
    name = normalise_username(username)
    checked = _check_role(role)
    check_password_rules(password)
    with db.transaction(con):
        if db.fetch_value(con, "user_exists", username=name):
            raise AuthError("auth.error.exists", name=name)
        db.execute(con, "insert_user", username=name, role=checked.value,
                   password_hash=hash_password(password))
        audit.record(con, username=by or name, table_name="users", record_id=name,
                     action="create", changes={"role": [None, checked.value]})
    return User(name, checked)


def _existing(con: duckdb.DuckDBPyConnection, username: str) -> tuple:
    name = normalise_username(username)
    row = db.fetch_one(con, "user_for_login", username=name)
    if row is None:
        raise AuthError("auth.error.unknown_user", name=name)
    return row


def set_password(con: duckdb.DuckDBPyConnection, username: str, password: str, *,
                 by: str | None = None) -> None:
    """Give an account a new password (also clears its failed attempts)."""
    check_password_rules(password)
    name = _existing(con, username)[0]
    with db.transaction(con):
        db.execute(con, "set_user_password", username=name,
                   password_hash=hash_password(password))
        audit.record(con, username=by or name, table_name="users", record_id=name,
                     action="set_password", changes={"password": ["***", "***"]})


def change_own_password(con: duckdb.DuckDBPyConnection, username: str, old: str,
                        new: str) -> None:
    """A logged-in user changes their password; the old one must be right."""
    row = _existing(con, username)
    if not verify_password(old, row[2]):
        raise AuthError("auth.error.old_password")
    set_password(con, row[0], new, by=row[0])


def _would_leave_no_admin(con: duckdb.DuckDBPyConnection, row: tuple) -> bool:
    is_active_admin = row[1] == Role.ADMIN and row[4]
    return bool(is_active_admin and db.fetch_value(con, "count_active_admins") <= 1)


def set_role(con: duckdb.DuckDBPyConnection, username: str, role: str | Role, *,
             by: str | None = None) -> None:
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
               by: str | None = None) -> None:
    """Block or unblock an account (the last active administrator cannot be blocked)."""
    row = _existing(con, username)
    with db.transaction(con):
        if not active and _would_leave_no_admin(con, row):
            raise AuthError("auth.error.last_admin")
        db.execute(con, "set_user_active", username=row[0], active=bool(active))
        audit.record(con, username=by, table_name="users", record_id=row[0],
                     action="set_active", changes={"active": [bool(row[4]), bool(active)]})


def list_users(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """All accounts, without password hashes."""
    return db.fetch_df(con, "list_users")
