"""Slowing down password guessing without locking out the account's owner.

Wrong passwords are counted per name tried and *client* (the network address the browser
connects from; ``unknown`` when the server cannot tell, e.g. on localhost or behind a
proxy that does not pass it on), in the table ``login_failures``. Three rules decide
whether a client must wait before its next try; the longest wait applies:

* this name from this client: after :data:`FREE_ATTEMPTS` failures 5 s, doubling with every
  further one, at most 15 minutes (:func:`delay_seconds`);
* this client on any name: the same after :data:`CLIENT_FREE_ATTEMPTS` failures in all
  (one client trying many accounts);
* this name from any client, but only for a client that has itself failed on it: the same
  after :data:`ACCOUNT_FREE_ATTEMPTS` failures in all (many clients guessing one account).

A client that has not failed on an account is never kept waiting by others' failures on
it: the owner gets in from their own computer while someone else guesses. A right password
clears the failures of its own name and client only; a new password (page Beheer, or
``add-user --update``) or unblocking the account clears them from every client. Failures
older than :data:`FORGET_AFTER_S` are forgotten.

Counting and checking are one step: :func:`count_attempt` counts the attempt as a failure
*before* the password is checked, in one transaction with the counts that decide the wait,
and :func:`clear` takes it back when the password was right. Every attempt also writes its
client's and its name's row of ``login_attempts``, so two attempts at the same time
conflict in DuckDB ("Conflict on update", a duplicate key at commit); the loser is retried
on the new counts. So ten sessions submitting at once get no more password checks than
one session trying ten times.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

import duckdb

from gebrookerbos import db
from gebrookerbos.domain.auth import AuthError

FREE_ATTEMPTS = 3  # wrong passwords for one name from one client before the first wait
CLIENT_FREE_ATTEMPTS = 10  # wrong passwords of one client on any names
ACCOUNT_FREE_ATTEMPTS = 10  # wrong passwords for one name from all clients together
FIRST_DELAY_S = 5
MAX_DELAY_S = 15 * 60
FORGET_AFTER_S = 24 * 60 * 60
UNKNOWN_CLIENT = "unknown"


def client_key(address: str | None) -> str:
    """The client an address stands for: IPv4 as it is, IPv6 by its /64 network (what one
    connection gets to choose from), anything else (None, localhost names) ``unknown``."""
    if not address:
        return UNKNOWN_CLIENT
    try:
        ip = ipaddress.ip_address(str(address).strip().strip("[]"))
    except ValueError:
        return UNKNOWN_CLIENT
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


def delay_seconds(failures: int, free: int = FREE_ATTEMPTS) -> int:
    """The wait before the next try after ``failures`` wrong passwords (``free`` cost none)."""
    if failures < free:
        return 0
    return min(FIRST_DELAY_S * 2 ** (failures - free), MAX_DELAY_S)


@dataclass(frozen=True)
class FailureCounts:
    """The recent failures that decide a client's wait, each with the seconds since its
    latest (None when there is none)."""

    pair: int = 0
    pair_since: float | None = None
    client: int = 0
    client_since: float | None = None
    account: int = 0
    account_since: float | None = None

    def wait(self) -> float:
        """Seconds this client must still wait before its next try (0: it may try now)."""
        rules = [(delay_seconds(self.pair), self.pair_since),
                 (delay_seconds(self.client, CLIENT_FREE_ATTEMPTS), self.client_since)]
        if self.pair:  # others' failures on this account only slow a client that failed too
            rules.append((delay_seconds(self.account, ACCOUNT_FREE_ATTEMPTS),
                          self.account_since))
        return max([0.0, *(d - (since or 0.0) for d, since in rules if d)])

    def after_failure(self) -> FailureCounts:
        """The counts once one more failure of this name from this client is counted now."""
        return FailureCounts(self.pair + 1, 0.0, self.client + 1, 0.0, self.account + 1, 0.0)


def failure_counts(con: duckdb.DuckDBPyConnection, username: str, client: str) -> FailureCounts:
    row = db.fetch_one(con, "login_failure_counts", username=username, client=client,
                       forget_after_s=FORGET_AFTER_S)
    pair, pair_since, client_n, client_since, account, account_since = row
    return FailureCounts(int(pair), pair_since, int(client_n), client_since, int(account),
                         account_since)


class _MustWait(Exception):
    def __init__(self, seconds: float):
        self.seconds = seconds


def count_attempt(con: duckdb.DuckDBPyConnection, username: str, client: str) -> int:
    """Count a login attempt as a failure before its password is checked.

    Raises :class:`AuthError` (``auth.error.wait``, with the seconds) when the client must
    wait first; nothing is counted then. Returns the wait that will apply if the password
    turns out wrong (0: none). Conflicts with attempts at the same time are retried; one
    that keeps conflicting is told to wait a second, never shown the database's error.
    """
    _forget_old(con)

    def attempt() -> int:
        with db.transaction(con):
            db.execute(con, "touch_login_scope", scope=f"client:{client}")
            db.execute(con, "touch_login_scope", scope=f"account:{username}")
            counts = failure_counts(con, username, client)
            wait = counts.wait()
            if wait > 0:
                raise _MustWait(wait)
            db.execute(con, "record_login_failure", username=username, client=client)
        return int(counts.after_failure().wait())

    try:
        return db.retry_conflicts(attempt)
    except _MustWait as must:
        raise AuthError("auth.error.wait", seconds=int(must.seconds) + 1) from None
    except db.WRITE_CONFLICTS:
        raise AuthError("auth.error.wait", seconds=1) from None


def clear(con: duckdb.DuckDBPyConnection, username: str, client: str) -> None:
    """A right password: take back its counted attempt and the earlier failures of this
    name from this client."""
    def attempt() -> None:
        with db.transaction(con):
            db.execute(con, "clear_login_failures", username=username, client=client)

    try:
        db.retry_conflicts(attempt)
    except db.WRITE_CONFLICTS:
        pass  # the login stands; its failures age out, or the next right password clears them


def forget_failures_of(con: duckdb.DuckDBPyConnection, username: str) -> None:
    """Clear the failures of an account from every client (inside the caller's transaction:
    a new password, an unblocked account)."""
    db.execute(con, "forget_login_failures_of", username=username)


def _forget_old(con: duckdb.DuckDBPyConnection) -> None:
    """Delete failures and counters older than a day (housekeeping; a conflict skips it)."""
    try:
        with db.transaction(con):
            db.execute(con, "forget_old_login_failures", forget_after_s=FORGET_AFTER_S)
            db.execute(con, "forget_old_login_attempts", forget_after_s=FORGET_AFTER_S)
    except db.WRITE_CONFLICTS:
        pass
