"""Accounts and passwords: salted scrypt hashes, slowed-down guessing, the role policy,
and `add-user` on the command line."""

from __future__ import annotations

import pytest

from gebrookerbos import db
from gebrookerbos.domain import Role, auth
from gebrookerbos.services import accounts
from tests.actors import ADMIN, BROKER, COMMAND_LINE
from tests.dm_helpers import cli, snapshot

PASSWORD = "correct horse battery"


@pytest.fixture()
def db_file(tmp_path):
    """A database without accounts: these tests create every account themselves."""
    path = tmp_path / "accounts.duckdb"
    con = db.connect(path)
    db.ensure_schema(con)
    con.close()
    return path


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
    ("bea", "koning", PASSWORD, "auth.error.role"),
    ("b", "brooker", PASSWORD, "auth.error.username"),
    ("bea de brooker", "brooker", PASSWORD, "auth.error.username"),
    ("bea", "brooker", " " + PASSWORD, "auth.error.password_spaces"),
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
    """Pretend the last wrong password was ``seconds`` ago (instead of sleeping)."""
    con.execute("UPDATE users SET last_failed_at = now()::TIMESTAMP - to_seconds($s) "
                "WHERE username = 'bea'", {"s": seconds})


def test_repeated_wrong_passwords_are_slowed_down(con):
    accounts.create_user(con, "bea", "brooker", PASSWORD, actor=COMMAND_LINE)
    for _ in range(accounts.FREE_ATTEMPTS - 1):
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
    failed = con.execute("SELECT failed_attempts FROM users WHERE username = 'bea'").fetchone()
    assert failed == (0,)


def test_delays_double_up_to_fifteen_minutes():
    waits = [accounts.delay_seconds(n) for n in range(0, 14)]
    assert waits[:3] == [0, 0, 0]
    assert waits[3:7] == [5, 10, 20, 40]
    assert max(waits) == 15 * 60


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
    accounts.change_own_password(con, BROKER, PASSWORD, "a new password!")
    assert accounts.authenticate(con, "bea", "a new password!").username == "bea"


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
    con = db.connect(db_file, read_only=True)
    try:
        assert accounts.authenticate(con, "admin", PASSWORD).role == Role.ADMIN
    finally:
        con.close()


def test_cli_add_user_refusals(db_file):
    short = cli("add-user", "bea", "--role", "brooker", "--db", str(db_file),
                "--password-stdin", stdin="kort\n")
    assert short.returncode == 2
    assert "at least 12 characters" in short.stderr and "Traceback" not in short.stderr
    ok = cli("add-user", "bea", "--role", "brooker", "--db", str(db_file), stdin=PASSWORD)
    assert ok.returncode == 0
    again = cli("add-user", "bea", "--role", "beheerder", "--db", str(db_file),
                stdin=PASSWORD)
    assert again.returncode == 2 and "exists already" in again.stderr
    update = cli("add-user", "bea", "--role", "beheerder", "--update", "--db", str(db_file),
                 stdin="another password\n")
    assert update.returncode == 0, update.stderr
    con = db.connect(db_file, read_only=True)
    try:
        assert accounts.authenticate(con, "bea", "another password").role == Role.ADMIN
    finally:
        con.close()
    bad_role = cli("add-user", "x1", "--role", "koning", "--db", str(db_file), stdin=PASSWORD)
    assert bad_role.returncode == 2 and "invalid choice" in bad_role.stderr
