"""Guessing in parallel: many sessions submitting at once, each on its own cursor of one
real DuckDB file (as the app gives every caller its own cursor of the shared connection),
get no more password checks than one session trying one after the other."""

from __future__ import annotations

import threading
import time

import pytest

from gebrookerbos import db
from gebrookerbos.domain import auth
from gebrookerbos.services import accounts, login_throttle
from tests.actors import COMMAND_LINE

ON_BOTH_STORES = True  # the database tests run on the DuckDB file and on PostgreSQL

PASSWORD = "correct horse battery"
SESSIONS = 10


@pytest.fixture()
def shared(tmp_path):
    """The app's shared connection to a real database file with two accounts."""
    con = db.connect(tmp_path / "throttle.duckdb")
    db.ensure_schema(con)
    for name in ("admin", "bea"):
        accounts.create_user(con, name, "beheerder", PASSWORD, actor=COMMAND_LINE)
    yield con
    con.close()


@pytest.fixture()
def password_checks(monkeypatch):
    """How many passwords were checked (scrypt runs), counted across threads."""
    checks = []
    real = accounts.verify_password

    def counting(password, stored):
        checks.append(stored)
        return real(password, stored)

    monkeypatch.setattr(accounts, "verify_password", counting)
    return checks


def _at_once(shared, attempts: list[tuple[str, str, str]]) -> list[object]:
    """Run each (username, password, client) in its own thread on its own cursor, all
    released together; returns each attempt's User or exception."""
    results: list[object] = [None] * len(attempts)
    start = threading.Barrier(len(attempts))

    def attempt(i: int, name: str, password: str, client: str) -> None:
        cur = shared.cursor()
        try:
            start.wait()
            results[i] = accounts.authenticate(cur, name, password, client=client)
        except Exception as exc:  # noqa: BLE001 (each outcome is checked below)
            results[i] = exc
        finally:
            cur.close()

    threads = [threading.Thread(target=attempt, args=(i, *a)) for i, a in enumerate(attempts)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return results


def _keys(results) -> list[str]:
    assert all(isinstance(r, auth.AuthError) for r in results), [
        r for r in results if not isinstance(r, auth.AuthError)]  # never a DuckDB error
    return sorted(r.key for r in results)


def test_ten_sessions_at_once_get_the_free_attempts_only(shared, password_checks):
    client = "198.51.100.7"
    results = _at_once(shared, [("admin", f"guess {i} guess", client) for i in range(SESSIONS)])
    keys = _keys(results)
    free = login_throttle.FREE_ATTEMPTS
    assert len(password_checks) == free, keys
    assert keys.count("auth.error.wait") == SESSIONS - free
    assert keys.count("auth.error.wrong") + keys.count("auth.error.wrong_wait") == free
    counted = shared.execute("SELECT failures FROM login_failures WHERE username = 'admin' "
                             "AND client = $c", {"c": client}).fetchone()
    assert counted == (free,)


def test_one_client_on_many_accounts_at_once_gets_no_more_than_its_limit(shared,
                                                                         password_checks):
    client = "198.51.100.7"
    already = login_throttle.CLIENT_FREE_ATTEMPTS - 2
    for i in range(already):  # one at a time: every name once, no name at its own limit
        with pytest.raises(auth.AuthError):
            accounts.authenticate(shared, f"earlier{i}", "guess guess guess", client=client)
    password_checks.clear()
    results = _at_once(shared, [(f"name{i}", "guess guess guess", client)
                                for i in range(SESSIONS)])
    keys = _keys(results)
    assert len(password_checks) == 2, keys  # the client's last two free attempts
    assert keys.count("auth.error.wait") == SESSIONS - 2


def test_the_owner_gets_in_while_ten_guessers_hammer_the_account(shared, password_checks):
    attempts = [("admin", f"guess {i} guess", "198.51.100.7") for i in range(SESSIONS)]
    attempts.append(("admin", PASSWORD, "203.0.113.20"))
    results = _at_once(shared, attempts)
    owner = results[-1]
    assert isinstance(owner, accounts.User) and owner.username == "admin", owner
    _keys(results[:-1])
    assert len(password_checks) == login_throttle.FREE_ATTEMPTS + 1


def test_an_attempt_that_conflicts_is_retried_not_shown(shared):
    """While another transaction holds the client's row, an attempt conflicts ("Conflict
    on update"); it is tried again until it gets through, and gives the normal answer."""
    client = "198.51.100.7"
    accounts.authenticate(shared, "bea", PASSWORD, client=client)  # the rows exist now
    other = shared.cursor()
    other.execute("BEGIN TRANSACTION")
    db.execute(other, "touch_login_scope", scope=f"client:{client}")
    outcome: list[object] = []

    def attempt() -> None:
        cur = shared.cursor()
        try:
            outcome.append(accounts.authenticate(cur, "bea", PASSWORD, client=client))
        except Exception as exc:  # noqa: BLE001
            outcome.append(exc)
        finally:
            cur.close()

    began = time.monotonic()
    thread = threading.Thread(target=attempt)
    thread.start()
    time.sleep(0.5)
    assert not outcome  # still retrying: the row is held
    other.execute("COMMIT")
    thread.join(30)
    other.close()
    assert isinstance(outcome[0], accounts.User), outcome
    assert time.monotonic() - began >= 0.5


def test_an_attempt_that_keeps_conflicting_is_told_to_wait(shared, monkeypatch):
    client = "198.51.100.7"
    accounts.authenticate(shared, "bea", PASSWORD, client=client)
    monkeypatch.setattr(db, "retry_conflicts",
                        lambda what, for_s=0.2: _real_retry(what, for_s=0.2))
    other = shared.cursor()
    other.execute("BEGIN TRANSACTION")
    db.execute(other, "touch_login_scope", scope=f"client:{client}")
    try:
        with pytest.raises(auth.AuthError) as err:
            accounts.authenticate(shared.cursor(), "bea", PASSWORD, client=client)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert err.value.key == "auth.error.wait" and err.value.params["seconds"] == 1


_real_retry = db.retry_conflicts
