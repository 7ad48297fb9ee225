"""The password policy: one function, messages that say what is wrong in Dutch and English."""

from __future__ import annotations

import pytest

from gebrookerbos import i18n
from gebrookerbos.domain import passwords
from gebrookerbos.domain.auth import AuthError

ON_BOTH_STORES = True  # the database tests run on the DuckDB file and on PostgreSQL


@pytest.mark.parametrize("password", [
    "correct horse battery",
    "een lang genoeg wachtwoord",
    "Zomervakantie in Hoensbroek!",
    "fiets-paraplu-koffie-7",
])
def test_good_passwords_pass(password):
    passwords.check_password(password, "bea")


@pytest.mark.parametrize("password,username,key,reason,dutch", [
    ("kort", "bea", "auth.error.password_short", None, "minstens 12 tekens"),
    ("elf tekens!", "bea", "auth.error.password_short", None, "dit heeft er 11"),
    (" voorloopspatie", "bea", "auth.error.password_spaces", None, "spatie"),
    ("Bea-houdt-van-fietsen", "bea", "auth.error.password_username", None,
     "gebruikersnaam"),
    ("ilse.frijns-2024 zomer", "ilse.frijns@example.nl", "auth.error.password_username",
     None, "gebruikersnaam"),
    ("qwertyuiop123", "bea", "auth.error.password_common", None, "veelgebruikte"),
    ("wachtwoord1234", "bea", "auth.error.password_weak", "common", "veelgebruikt"),
    ("aaaaaaaaaaaaaa", "bea", "auth.error.password_weak", "repeat", "herhaalt"),
    ("abcdefghijklmn", "bea", "auth.error.password_weak", "sequence", "reeks"),
    ("19-05-1980abcd", "bea", "auth.error.password_weak", "date", "datum"),
    ("gebrookerbos2024", "bea", "auth.error.password_weak", "local", "dashboard"),
    ("michaeljordan", "bea", "auth.error.password_weak", "words", "bekend woord"),
])
def test_bad_passwords_are_refused_with_the_reason(password, username, key, reason, dutch):
    with pytest.raises(AuthError) as err:
        passwords.check_password(password, username)
    assert err.value.key == key
    assert err.value.params.get("reason") == reason
    assert dutch in err.value.message("nl")
    english = err.value.message("en")
    assert english and english != err.value.message("nl") and "{" not in english


def test_every_reason_has_a_text():
    reasons = {*passwords._REASONS.values(), "common", "local", "words", "short"}
    for reason in reasons:
        for lang in i18n.LANGUAGES:
            assert i18n.t(f"auth.password_reason.{reason}", lang)


def test_long_passwords_are_judged_on_their_start():
    """zxcvbn takes at most 72 characters; a longer password is judged on those."""
    passwords.check_password("Kasteel Hoensbroek in de regen, " * 5 + "en verder", "bea")
    with pytest.raises(AuthError):
        passwords.check_password("a" * 80 + "Kasteel Hoensbroek in de regen", "bea")
