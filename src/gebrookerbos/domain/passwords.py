"""The password policy: the one function that decides whether a new password is good enough.

Every place that sets a password calls :func:`check_password` through the account service
(creating an account, a new password on page Beheer, changing one's own password,
``add-user``). A password must

* be at least :data:`MIN_LENGTH` characters long and not start or end with a space;
* not contain the username (nor, for an e-mail address, the part before the ``@``);
* not be easy to guess: ``zxcvbn`` (Dropbox's estimator: common passwords, words and names,
  keyboard patterns, repeats, sequences, dates, l33t) must give it a score of at least
  :data:`MIN_SCORE` of 4, with the username and the words of this dashboard (Heerlen,
  Gebrookerbos, the roles) counted as easy to guess.

A refusal says what is wrong, in the user's language (``AuthError`` with a key of
``auth.error.password_*``); zxcvbn's own feedback is English only and is not shown.
"""

from __future__ import annotations

from zxcvbn import zxcvbn

from gebrookerbos import i18n
from gebrookerbos.domain.auth import AuthError

MIN_LENGTH = 12
MIN_SCORE = 3  # zxcvbn: 3 = "safely unguessable", about 10^8 guesses or more
ZXCVBN_MAX_CHARS = 72  # what zxcvbn accepts (it slows down on long input); only the start is judged

# Words anyone attacking this dashboard tries first (zxcvbn's own lists already hold the
# common Dutch passwords: wachtwoord, welkom, geheim, hallo, voetbal, ...).
LOCAL_WORDS = (
    "gebrookerbos", "heerlen", "hoensbroek", "brunssum", "limburg", "parkstad", "gemeente",
    "dashboard", "kavel", "kavels", "initiatief", "beheer", "beheerder", "brooker",
    "beleidsmedewerker",
)

# What the match that covers most of a weak password is, as the reason given for it.
_REASONS = {
    "spatial": "keyboard",
    "repeat": "repeat",
    "sequence": "sequence",
    "regex": "date",
    "date": "date",
}


class WeakPassword(AuthError):
    """A password that is too easy to guess; ``reason`` (a code) says why."""

    def message(self, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
        reason = i18n.t(f"auth.password_reason.{self.params['reason']}", lang)
        return i18n.t(self.key, lang, reason=reason)


def _name_parts(username: str) -> list[str]:
    name = (username or "").strip().lower()
    parts = [name, name.split("@", 1)[0]]
    return [p for p in dict.fromkeys(parts) if len(p) >= 3]


def _reason(match: dict) -> str:
    """The reason key for the zxcvbn match that covers most of the password."""
    pattern = match.get("pattern")
    if pattern == "dictionary":
        source = match.get("dictionary_name")
        if source == "passwords":
            return "common"
        if source == "user_inputs":
            return "local"
        return "words"
    return _REASONS.get(pattern, "short")


def check_password(password: str, username: str) -> None:
    """Refuse a password that breaks the policy, with a message that says what is wrong.

    Raises :class:`AuthError` (``auth.error.password_short``, ``_spaces``, ``_username``,
    ``_common``) or :class:`WeakPassword` (``_weak`` with the reason); returns None for a
    good password.
    """
    password = password or ""
    if len(password) < MIN_LENGTH:
        raise AuthError("auth.error.password_short", n=MIN_LENGTH, length=len(password))
    if password.strip() != password:
        raise AuthError("auth.error.password_spaces")
    folded = password.lower()
    parts = _name_parts(username)
    if any(part in folded for part in parts):
        raise AuthError("auth.error.password_username")
    result = zxcvbn(password[:ZXCVBN_MAX_CHARS], user_inputs=[*parts, *LOCAL_WORDS])
    if result["score"] >= MIN_SCORE:
        return
    guessable = [m for m in result["sequence"] if m.get("pattern") != "bruteforce"]
    main = max(guessable, key=lambda m: len(m["token"]), default={})
    reason = _reason(main)
    if reason == "common" and len(main["token"]) >= len(password) * 0.75:
        raise AuthError("auth.error.password_common")
    raise WeakPassword("auth.error.password_weak", reason=reason)
