"""Accounts and passwords: salted scrypt hashes, slowed-down guessing, the password policy,
sessions that end when the account changes, the role policy, and `add-user` on the
command line. Guessing by many sessions at once: test_login_throttle.py."""

from __future__ import annotations

import pytest

from gebrookerbos import db
from gebrookerbos.domain import Role, auth
from gebrookerbos.services import accounts, login_throttle
from tests.actors import ADMIN, BROKER, COMMAND_LINE
from tests.dm_helpers import cli, snapshot

ON_BOTH_STORES = True  # the database tests run on the DuckDB file and on PostgreSQL

PASSWORD = "correct horse battery"


@pytest.fixture()
def db_file(tmp_path):
    """A database without accounts: these tests create every account themselves."""
    path = tmp_path / "accounts.duckdb"
    con = db.connect(path)
    db.ensure_schema(con)
    con.close()
    return path


@pytest.fixture()
def postgres_url(empty_postgres_url):
    """On PostgreSQL too, a database without accounts."""
    return empty_postgres_url


def test_hashes_are_salted_and_verify():
    first, second = accounts.hash_password(PASSWORD), accounts.hash_password(PASSWORD)
    assert first != second  # a random salt per password
    assert PASSWORD not in first and first.startswith("scrypt$")
    assert accounts.verify_password(PASSWORD, first) and accounts.verify_password(PASSWORD, second)
    assert not accounts.verify_password(PASSWORD + "!", first)
    assert not accounts.verify_password(PASSWORD, "garbage")


def test_create_user_and_login(con):
    accounts.create_user(con, "Bea", "brooker", PASSWORD, actor=COMMAND_LINE)
    stored = con.execute("SELECT password_hash FROM users WHERE username = 'bea'").fetchone()[0]
    assert PASSWORD not in stored
    user = accounts.authenticate(con, " BEA ", PASSWORD)
    assert user == accounts.User("bea", Role.BROKER)
    with pytest.raises(auth.AuthError) as wrong:
        accounts.authenticate(con, "bea", "wrong password")
    assert wrong.value.message("nl") == "Onbekende gebruikersnaam of verkeerd wachtwoord."
    with pytest.raises(auth.AuthError) as unknown:
        accounts.authenticate(con, "nobody", PASSWORD)
    assert unknown.value.message("en") == wrong.value.message("en")  # no hint which was wrong
    audit = con.execute("SELECT username, action FROM audit_log WHERE table_name = 'users'"
                        ).fetchall()
    assert (COMMAND_LINE.name, "create") in audit  # who created it: the command line


@pytest.mark.parametrize("name,role,password,key", [
    ("bea", "brooker", "kort", "auth.error.password_short"),
    ("bea", "brooker", "elf tekens!", "auth.error.password_short"),  # 11 < 12
    ("bea", "koning", PASSWORD, "auth.error.role"),
    ("b", "brooker", PASSWORD, "auth.error.username"),
    ("bea de brooker", "brooker", PASSWORD, "auth.error.username"),
    ("bea", "brooker", " " + PASSWORD, "auth.error.password_spaces"),
    ("bea", "brooker", "Bea houdt van fietsen", "auth.error.password_username"),
    ("bea", "brooker", "qwertyuiop123", "auth.error.password_common"),
    ("bea", "brooker", "wachtwoord1234", "auth.error.password_weak"),
])
def test_bad_accounts_are_refused_and_change_nothing(con, name, role, password, key):
    before = snapshot(con)
    with pytest.raises(auth.AuthError) as err:
        accounts.create_user(con, name, role, password, actor=COMMAND_LINE)
    assert err.value.key == key and err.value.message("en")
    assert snapshot(con) == before


def test_duplicate_account_is_refused(con):
    accounts.create_user(con, "bea", "brooker", PASSWORD, actor=COMMAND_LINE)
    before = snapshot(con)
    with pytest.raises(auth.AuthError, match="exists already"):
        accounts.create_user(con, "bea", "beheerder", PASSWORD, actor=COMMAND_LINE)
    assert snapshot(con) == before


def _age_failures(con, seconds: float) -> None:
    """Pretend the last wrong passwords were ``seconds`` ago (instead of sleeping)."""
    con.execute("UPDATE login_failures SET last_failed_at = now()::TIMESTAMP - to_seconds($s)",
                {"s": seconds})


def test_repeated_wrong_passwords_are_slowed_down(con):
    accounts.create_user(con, "bea", "brooker", PASSWORD, actor=COMMAND_LINE)
    for _ in range(login_throttle.FREE_ATTEMPTS - 1):
        with pytest.raises(auth.AuthError) as err:
            accounts.authenticate(con, "bea", "wrong password")
        assert err.value.key == "auth.error.wrong"
    with pytest.raises(auth.AuthError) as err:  # the third wrong one: now a wait
        accounts.authenticate(con, "bea", "wrong password")
    assert err.value.key == "auth.error.wrong_wait" and err.value.params["seconds"] == 5
    # during the wait even the right password is not accepted, and the message says so
    with pytest.raises(auth.AuthError) as err:
        accounts.authenticate(con, "bea", PASSWORD)
    assert err.value.key == "auth.error.wait"
    assert "seconden" in err.value.message("nl")
    assert 1 <= err.value.params["seconds"] <= 6
    _age_failures(con, 6)
    with pytest.raises(auth.AuthError) as err:  # 4th wrong: the wait doubles
        accounts.authenticate(con, "bea", "still wrong")
    assert err.value.params["seconds"] == 10
    _age_failures(con, 11)
    assert accounts.authenticate(con, "bea", PASSWORD).username == "bea"
    assert con.execute("SELECT count(*) FROM login_failures").fetchone() == (0,)


def test_delays_double_up_to_fifteen_minutes():
    waits = [login_throttle.delay_seconds(n) for n in range(0, 14)]
    assert waits[:3] == [0, 0, 0]
    assert waits[3:7] == [5, 10, 20, 40]
    assert max(waits) == 15 * 60
    client = [login_throttle.delay_seconds(n, login_throttle.CLIENT_FREE_ATTEMPTS)
              for n in range(9, 13)]
    assert client == [0, 5, 10, 20]


def test_a_guesser_waits_but_the_owner_gets_in_from_another_client(con):
    accounts.create_user(con, "admin", "beheerder", PASSWORD, actor=COMMAND_LINE)
    attacker, owner = "198.51.100.7", "203.0.113.20"
    for _ in range(5):
        with pytest.raises(auth.AuthError):
            accounts.authenticate(con, "admin", "guess guess guess", client=attacker)
    with pytest.raises(auth.AuthError) as err:  # the guesser waits, even with the password
        accounts.authenticate(con, "admin", PASSWORD, client=attacker)
    assert err.value.key == "auth.error.wait"
    assert "vanaf deze computer" in err.value.message("nl")
    # the owner's computer has not failed: a typo costs no wait, the password gets in
    with pytest.raises(auth.AuthError) as err:
        accounts.authenticate(con, "admin", "typo typo typo", client=owner)
    assert err.value.key == "auth.error.wrong"
    assert accounts.authenticate(con, "admin", PASSWORD, client=owner).role == Role.ADMIN
    # the owner's success clears only the owner's failures: the guesser still waits
    rows = con.execute("SELECT client, failures FROM login_failures").fetchall()
    assert rows == [(attacker, login_throttle.FREE_ATTEMPTS)]  # waits are not counted
    with pytest.raises(auth.AuthError) as err:
        accounts.authenticate(con, "admin", PASSWORD, client=attacker)
    assert err.value.key == "auth.error.wait"


def test_the_administrator_sees_the_failed_logins_per_account(con):
    accounts.create_user(con, "admin", "beheerder", PASSWORD, actor=COMMAND_LINE)
    for client in ("198.51.100.7", "198.51.100.7", "198.51.100.8"):
        with pytest.raises(auth.AuthError):
            accounts.authenticate(con, "admin", "guess guess guess", client=client)
    users = accounts.list_users(con, actor=COMMAND_LINE).set_index("username")
    assert users.loc["admin", "failed_attempts"] == 3
    assert users.loc["admin", "failed_clients"] == 2
    assert users.loc["admin", "last_failed_at"] is not None


def test_one_client_trying_many_accounts_is_slowed_down(con):
    accounts.create_user(con, "bea", "brooker", PASSWORD, actor=COMMAND_LINE)
    client = "198.51.100.7"
    names = [f"user{i}" for i in range(login_throttle.CLIENT_FREE_ATTEMPTS)]
    for name in names:  # one try per name: no name reaches its own limit
        with pytest.raises(auth.AuthError) as err:
            accounts.authenticate(con, name, "guess guess guess", client=client)
    assert err.value.key == "auth.error.wrong_wait" and err.value.params["seconds"] == 5
    with pytest.raises(auth.AuthError) as err:  # now even a new name waits
        accounts.authenticate(con, "bea", PASSWORD, client=client)
    assert err.value.key == "auth.error.wait"
    assert accounts.authenticate(con, "bea", PASSWORD, client="198.51.100.8").username == "bea"


def test_many_clients_guessing_one_account_slow_each_other_not_the_owner(con):
    accounts.create_user(con, "admin", "beheerder", PASSWORD, actor=COMMAND_LINE)
    guessers = [f"198.51.100.{i}" for i in range(login_throttle.ACCOUNT_FREE_ATTEMPTS)]
    for client in guessers:  # one guess each: no client reaches its own limit
        with pytest.raises(auth.AuthError):
            accounts.authenticate(con, "admin", "guess guess guess", client=client)
    with pytest.raises(auth.AuthError) as err:  # a second guess waits for the account's total
        accounts.authenticate(con, "admin", PASSWORD, client=guessers[0])
    assert err.value.key == "auth.error.wait"
    assert accounts.authenticate(con, "admin", PASSWORD, client="203.0.113.20").username \
        == "admin"


def test_client_addresses():
    assert login_throttle.client_key(None) == "unknown"
    assert login_throttle.client_key("") == "unknown"
    assert login_throttle.client_key("not an address") == "unknown"
    assert login_throttle.client_key("198.51.100.7") == "198.51.100.7"
    assert login_throttle.client_key("::ffff:198.51.100.7") == "198.51.100.7"
    # an IPv6 connection can pick any address of its /64: that is one client
    assert (login_throttle.client_key("2001:db8:1:2::1")
            == login_throttle.client_key("2001:db8:1:2:ffff::9") == "2001:db8:1:2::/64")


def test_an_unknown_name_costs_the_same_as_a_wrong_password(con, monkeypatch):
    """Same message, same work: one scrypt with the same parameters, one counted failure."""
    accounts.create_user(con, "bea", "brooker", PASSWORD, actor=COMMAND_LINE)
    calls = []
    real_scrypt = accounts.hashlib.scrypt

    def counting_scrypt(password, **kwargs):
        calls.append((kwargs["n"], kwargs["r"], kwargs["p"], kwargs["dklen"]))
        return real_scrypt(password, **kwargs)

    monkeypatch.setattr(accounts.hashlib, "scrypt", counting_scrypt)
    messages = {}
    for name in ("bea", "nobody", "no such name at all!"):
        calls.clear()
        for _ in range(login_throttle.FREE_ATTEMPTS):
            with pytest.raises(auth.AuthError) as err:
                accounts.authenticate(con, name, "wrong password", client="198.51.100.7")
        messages[name] = err.value.message("nl")
        assert calls == [(accounts.SCRYPT_N, accounts.SCRYPT_R, accounts.SCRYPT_P,
                          accounts.SCRYPT_DKLEN)] * login_throttle.FREE_ATTEMPTS, name
    assert len(set(messages.values())) == 1, messages  # the third: "wrong, now wait 5 s"
    assert "5 seconden" in messages["bea"]
    counted = dict(con.execute("SELECT username, failures FROM login_failures").fetchall())
    assert counted == {"bea": 3, "nobody": 3, "": 3}


def test_the_dummy_hash_is_checked_like_a_real_one():
    scheme, n, r, p, salt, digest = accounts.DUMMY_HASH.split("$")
    assert (scheme, int(n), int(r), int(p)) == (
        "scrypt", accounts.SCRYPT_N, accounts.SCRYPT_R, accounts.SCRYPT_P)
    assert len(accounts.base64.b64decode(digest)) == accounts.SCRYPT_DKLEN
    assert not accounts.verify_password("", accounts.DUMMY_HASH)


def test_blocked_account_cannot_log_in_and_last_admin_is_protected(con):
    accounts.create_user(con, "admin", "beheerder", PASSWORD, actor=COMMAND_LINE)
    accounts.create_user(con, "bea", "brooker", PASSWORD, actor=COMMAND_LINE)
    accounts.set_active(con, "bea", False, actor=ADMIN)
    with pytest.raises(auth.AuthError, match="blocked"):
        accounts.authenticate(con, "bea", PASSWORD)
    with pytest.raises(auth.AuthError, match="last active administrator"):
        accounts.set_active(con, "admin", False, actor=ADMIN)
    with pytest.raises(auth.AuthError, match="last active administrator"):
        accounts.set_role(con, "admin", "brooker", actor=ADMIN)
    accounts.set_active(con, "bea", True, actor=ADMIN)
    accounts.set_role(con, "bea", "beheerder", actor=ADMIN)
    accounts.set_role(con, "admin", "brooker", actor=BROKER)  # allowed now: bea is an admin too
    # the demoted administrator lost the right at once (the role is re-read), bea has it
    with pytest.raises(auth.PermissionDenied):
        accounts.list_users(con, actor=ADMIN)
    users = accounts.list_users(con, actor=BROKER).set_index("username")
    assert "password_hash" not in accounts.list_users(con, actor=BROKER).columns
    assert users.loc["bea", "role"] == "beheerder" and users.loc["admin", "role"] == "brooker"
    actions = [r[0] for r in con.execute(
        "SELECT action FROM audit_log WHERE table_name = 'users' ORDER BY audit_id").fetchall()]
    assert actions == ["create", "create", "set_active", "set_active", "set_role", "set_role"]


def test_change_own_password(con):
    accounts.create_user(con, "bea", "brooker", PASSWORD, actor=COMMAND_LINE)
    with pytest.raises(auth.AuthError, match="current password is wrong"):
        accounts.change_own_password(con, BROKER, "not it", "a new password!")
    before = snapshot(con)
    with pytest.raises(auth.AuthError) as err:  # the policy applies here too
        accounts.change_own_password(con, BROKER, PASSWORD, "bea123456789")
    assert err.value.key == "auth.error.password_username"
    assert snapshot(con) == before
    changed = accounts.change_own_password(con, BROKER, PASSWORD, "a new password!")
    assert changed.generation == 1  # the account's other sessions end
    assert accounts.authenticate(con, "bea", "a new password!").username == "bea"


def test_guessing_the_old_password_in_an_open_session_is_slowed_down(con):
    accounts.create_user(con, "bea", "brooker", PASSWORD, actor=COMMAND_LINE)
    for _ in range(login_throttle.FREE_ATTEMPTS):
        with pytest.raises(auth.AuthError):
            accounts.change_own_password(con, BROKER, "guess guess", "a new password!",
                                         client="198.51.100.7")
    with pytest.raises(auth.AuthError) as err:
        accounts.change_own_password(con, BROKER, PASSWORD, "a new password!",
                                     client="198.51.100.7")
    assert err.value.key == "auth.error.wait"
    assert accounts.authenticate(con, "bea", PASSWORD).username == "bea"  # unchanged


def _session(con, name: str) -> auth.Actor:
    """A browser session of ``name`` as the app keeps it after logging in now."""
    user = accounts.authenticate(con, name, PASSWORD)
    return auth.Actor(user.username, user.role, generation=user.generation)


def test_sessions_end_on_a_new_password_blocking_and_fewer_rights(con):
    accounts.create_user(con, "admin", "beheerder", PASSWORD, actor=COMMAND_LINE)
    accounts.create_user(con, "bea", "brooker", PASSWORD, actor=COMMAND_LINE)
    accounts.create_user(con, "piet", "beleidsmedewerker", PASSWORD, actor=COMMAND_LINE)

    def ended(session) -> bool:
        try:
            auth.current(con, session)
        except auth.PermissionDenied as exc:
            return exc.key == "auth.denied.session_ended"
        return False

    session = _session(con, "bea")
    assert not ended(session) and auth.current(con, session).role == Role.BROKER
    accounts.set_password(con, "bea", "a brand new password", actor=ADMIN)
    assert ended(session)
    with pytest.raises(auth.PermissionDenied):  # the writing services refuse it too
        auth.require(con, session, auth.Action.EDIT_PLOT)

    session = accounts.authenticate(con, "bea", "a brand new password")
    session = auth.Actor(session.username, session.role, generation=session.generation)
    accounts.set_role(con, "bea", "beleidsmedewerker", actor=ADMIN)  # fewer rights
    assert ended(session)

    session = _session(con, "piet")
    accounts.set_role(con, "piet", "brooker", actor=ADMIN)  # more rights: applies at once
    assert not ended(session) and auth.current(con, session).role == Role.BROKER

    accounts.set_active(con, "piet", False, actor=ADMIN)
    accounts.set_active(con, "piet", True, actor=ADMIN)  # unblocked before the next click
    assert ended(session)
    assert not ended(_session(con, "piet"))  # a new login works


def test_a_refused_change_changes_nothing(con):
    accounts.create_user(con, "admin", "beheerder", PASSWORD, actor=COMMAND_LINE)
    accounts.create_user(con, "bea", "brooker", PASSWORD, actor=COMMAND_LINE)
    before = snapshot(con)
    with pytest.raises(auth.AuthError) as err:  # role and access fine, the password is not
        accounts.update_account(con, "bea", role="beheerder", active=False,
                                password="kort", actor=ADMIN)
    assert err.value.key == "auth.error.password_short"
    with pytest.raises(auth.AuthError, match="last active administrator"):
        accounts.update_account(con, "admin", role="brooker", password="a brand new password",
                                actor=ADMIN)
    assert snapshot(con) == before


def test_role_policy():
    table = {
        None: (False, False, False),
        "beleidsmedewerker": (False, False, False),
        "brooker": (True, True, False),
        "beheerder": (True, True, True),
        "koning": (False, False, False),
    }
    for role, (personal, edit, admin) in table.items():
        assert auth.can_see_personal_data(role) is personal, role
        assert auth.can_edit(role) is edit, role
        assert auth.can_import(role) is admin and auth.can_manage_accounts(role) is admin, role


def test_session_minutes_from_environment(monkeypatch):
    monkeypatch.delenv("GEBROOKERBOS_SESSION_MINUTES", raising=False)
    assert auth.session_minutes() == 30
    monkeypatch.setenv("GEBROOKERBOS_SESSION_MINUTES", "5")
    assert auth.session_minutes() == 5
    monkeypatch.setenv("GEBROOKERBOS_SESSION_MINUTES", "nonsense")
    assert auth.session_minutes() == 30


def test_identity_login_needs_an_active_account(con):
    accounts.create_user(con, "ilse.frijns@example.nl", "brooker", PASSWORD, actor=COMMAND_LINE)
    assert accounts.user_for_identity(con, "Ilse.Frijns@example.nl") == accounts.User(
        "ilse.frijns@example.nl", Role.BROKER)
    assert accounts.user_for_identity(con, "someone@example.nl") is None


# --- the command line ------------------------------------------------------------------------


def test_cli_add_user_reads_the_password_from_stdin(db_file):
    result = cli("add-user", "Admin", "--role", "beheerder", "--db", str(db_file),
                 stdin=PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    assert "Created account admin" in result.stdout and PASSWORD not in result.stdout
    con = db.connect(db_file)
    try:
        assert accounts.authenticate(con, "admin", PASSWORD).role == Role.ADMIN
    finally:
        con.close()


def test_cli_add_user_refusals(db_file):
    short = cli("add-user", "bea", "--role", "brooker", "--db", str(db_file),
                "--password-stdin", stdin="kort\n")
    assert short.returncode == 2
    assert "at least 12 characters" in short.stderr and "Traceback" not in short.stderr
    common = cli("add-user", "bea", "--role", "brooker", "--db", str(db_file),
                 stdin="qwertyuiop123\n", env={"GEBROOKERBOS_LANG": "nl"})
    assert common.returncode == 2 and "veelgebruikte wachtwoorden" in common.stderr
    named = cli("add-user", "bea", "--role", "brooker", "--db", str(db_file),
                stdin="bea-op-de-fiets-2024\n")
    assert named.returncode == 2 and "may not contain the username" in named.stderr
    ok = cli("add-user", "bea", "--role", "brooker", "--db", str(db_file), stdin=PASSWORD)
    assert ok.returncode == 0
    again = cli("add-user", "bea", "--role", "beheerder", "--db", str(db_file),
                stdin=PASSWORD)
    assert again.returncode == 2 and "exists already" in again.stderr
    weak = cli("add-user", "bea", "--role", "beheerder", "--update", "--db", str(db_file),
               stdin="aaaaaaaaaaaaaaaa\n")
    assert weak.returncode == 2 and "too easy to guess" in weak.stderr
    con = db.connect(db_file, read_only=True)
    try:  # the refused update changed nothing: not the role either
        assert con.execute("SELECT role FROM users WHERE username = 'bea'").fetchone() == (
            "brooker",)
    finally:
        con.close()
    update = cli("add-user", "bea", "--role", "beheerder", "--update", "--db", str(db_file),
                 stdin="another password\n")
    assert update.returncode == 0, update.stderr
    con = db.connect(db_file)
    try:
        assert accounts.authenticate(con, "bea", "another password").role == Role.ADMIN
    finally:
        con.close()
    bad_role = cli("add-user", "x1", "--role", "koning", "--db", str(db_file), stdin=PASSWORD)
    assert bad_role.returncode == 2 and "invalid choice" in bad_role.stderr


def test_cli_add_user_update_lets_the_owner_in_from_a_guessed_client(db_file):
    """Behind a proxy every browser is the same client: a guesser there keeps the owner
    waiting too, and `add-user --update` on the server is the way in."""
    con = db.connect(db_file)
    try:
        accounts.create_user(con, "admin", "beheerder", PASSWORD, actor=COMMAND_LINE)
        for _ in range(6):
            with pytest.raises(auth.AuthError):
                accounts.authenticate(con, "admin", "guess guess guess")  # client unknown
        with pytest.raises(auth.AuthError) as err:
            accounts.authenticate(con, "admin", PASSWORD)
        assert err.value.key == "auth.error.wait"
    finally:
        con.close()
    update = cli("add-user", "admin", "--role", "beheerder", "--update", "--db", str(db_file),
                 stdin="the owner's new password\n")
    assert update.returncode == 0, update.stderr
    assert "failed logins cleared" in update.stdout
    con = db.connect(db_file)
    try:
        assert accounts.authenticate(con, "admin", "the owner's new password").role == Role.ADMIN
    finally:
        con.close()


def test_migration_moves_the_failed_logins_out_of_users(tmp_path):
    """A database of the previous version keeps its accounts; the per-account count goes."""
    path = tmp_path / "v4.duckdb"
    older = tmp_path / "migrations"
    older.mkdir()
    for version, script in db.migrations():
        if version < 5:
            (older / script.name).write_text(script.read_text(encoding="utf-8"))
    con = db.connect(path)
    try:
        assert db.ensure_schema(con, migrations_dir=older) == 4
        con.execute("INSERT INTO users (username, role, password_hash, created_at, "
                    "failed_attempts, last_failed_at, active) VALUES ('bea', 'brooker', $h, "
                    "now()::TIMESTAMP, 7, now()::TIMESTAMP, true)",
                    {"h": accounts.hash_password(PASSWORD)})
        assert db.ensure_schema(con) == db.latest_schema_version() >= 5
        columns = {r[0] for r in con.execute("DESCRIBE users").fetchall()}
        assert "failed_attempts" not in columns and "session_generation" in columns
        user = accounts.authenticate(con, "bea", PASSWORD)  # no wait left over
        assert user == accounts.User("bea", Role.BROKER, 0)
    finally:
        con.close()
