"""The staff of the test databases: real accounts in the users table, so that every service
function re-reads the actor's role and blocked flag as it does in the app."""

from __future__ import annotations

from gebrookerbos.domain import Role
from gebrookerbos.domain.auth import COMMAND_LINE, PUBLIC, Actor

PASSWORD = "een lang genoeg wachtwoord"

BROKER = Actor("bea", Role.BROKER)
BROKER_2 = Actor("anna", Role.BROKER)
BROKER_3 = Actor("ruud", Role.BROKER)
POLICY_OFFICER = Actor("piet", Role.POLICY_OFFICER)
ADMIN = Actor("admin", Role.ADMIN)
STAFF = (BROKER, BROKER_2, BROKER_3, POLICY_OFFICER, ADMIN)

# the account that logs in as each role in the app tests
BY_ROLE = {Role.BROKER: BROKER, Role.POLICY_OFFICER: POLICY_OFFICER, Role.ADMIN: ADMIN}

__all__ = ["ADMIN", "BROKER", "BROKER_2", "BROKER_3", "BY_ROLE", "COMMAND_LINE", "PASSWORD",
           "POLICY_OFFICER", "PUBLIC", "STAFF", "add_staff", "session_user"]


def add_staff(con) -> None:
    """Create the staff accounts through the account service, as the command line does."""
    from gebrookerbos.services import accounts

    for actor in STAFF:
        accounts.create_user(con, actor.username, actor.role, PASSWORD, actor=COMMAND_LINE)


def session_user(role: str | Role, generation: int = 0) -> dict:
    """What the app keeps in ``st.session_state["user"]`` for the staff member of ``role``
    (``generation``: the account's session generation; 0 until its password, access or
    rights change)."""
    import time

    actor = BY_ROLE[Role(role)]
    now = time.time()
    return {"username": actor.username, "role": str(actor.role), "generation": generation,
            "login_at": now, "last_seen": now}
