"""The domain vocabulary (see shared DOMAIN.md): one set of codes used everywhere in code.

Dutch and English labels for these codes live in the translation table (``i18n``).
"""

from __future__ import annotations

from enum import StrEnum


class Availability(StrEnum):
    """Whether a plot (kavel) can be given to an initiative."""

    AVAILABLE = "available"
    RESERVED = "reserved"
    IN_USE = "in_use"
    UNAVAILABLE = "unavailable"


class Stage(StrEnum):
    """The stage of an initiative; ``STOPPED`` may follow any stage before ``REALISED``."""

    IDEA = "idea"
    EXPLORING = "exploring"
    PLAN = "plan"
    APPROVED = "approved"
    IN_PROGRESS = "in_progress"
    REALISED = "realised"
    STOPPED = "stopped"


# The forward path; STOPPED is off the path.
STAGE_ORDER: tuple[Stage, ...] = (
    Stage.IDEA,
    Stage.EXPLORING,
    Stage.PLAN,
    Stage.APPROVED,
    Stage.IN_PROGRESS,
    Stage.REALISED,
)

# Progress (percent) that follows from a stage unless set explicitly.
STAGE_PROGRESS: dict[Stage, int] = {
    Stage.IDEA: 5,
    Stage.EXPLORING: 15,
    Stage.PLAN: 35,
    Stage.APPROVED: 55,
    Stage.IN_PROGRESS: 75,
    Stage.REALISED: 100,
    Stage.STOPPED: 0,
}

def is_forward_step(old: Stage | None, new: Stage) -> bool:
    """True for the next stage on the path, or for stopping before realisation."""
    if old is None:
        return new == Stage.IDEA
    if new == Stage.STOPPED:
        return old not in (Stage.REALISED, Stage.STOPPED)
    if old == Stage.STOPPED:
        return False
    return STAGE_ORDER.index(new) == STAGE_ORDER.index(old) + 1


class Theme(StrEnum):
    """The three programme themes."""

    NATURE = "nature"  # wildernis
    RECREATION = "recreation"  # recreatief netwerk
    URBAN_FARMING = "urban_farming"  # stadslandbouw


class OwnerType(StrEnum):
    MUNICIPALITY = "municipality"
    HOUSING_CORPORATION = "housing_corporation"
    PRIVATE = "private"


class Soil(StrEnum):
    CLEAN = "clean"
    SUSPECT = "suspect"
    CONTAMINATED = "contaminated"
    UNKNOWN = "unknown"


class Role(StrEnum):
    """Logged-in roles; not logged in is the public."""

    POLICY_OFFICER = "beleidsmedewerker"
    BROKER = "brooker"
    ADMIN = "beheerder"


ZONINGS: tuple[str, ...] = ("groen", "wonen", "maatschappelijk", "bedrijven", "agrarisch")

# Columns that hold personal data of initiators: never shown to the public.
PERSONAL_COLUMNS: tuple[str, ...] = (
    "initiator_group",
    "contact_name",
    "contact_email",
    "contact_phone",
    "account_manager",
)

# Internal data: what staff write or what names staff, per table (besides the initiators'
# personal data above). Only broker and administrator see it (auth.Action.VIEW_INTERNAL);
# the public and the policy officer never receive it: the queries of their paths do not
# select it, and public exports leave it out. The README lists it next to the roles.
INTERNAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "plots": ("owner_name", "notes", "updated_by"),  # a private owner's name is personal
    "initiatives": ("partners", "next_action", "next_action_due", "updated_by"),
    "stage_events": ("by_whom", "note"),
    "plot_events": ("by_whom", "note"),
}
# Tables that are internal as a whole: the accounts and the audit trail of every change.
PRIVATE_TABLES: frozenset[str] = frozenset({"users", "audit_log"})

__all__ = [
    "ZONINGS", "PERSONAL_COLUMNS", "INTERNAL_COLUMNS", "PRIVATE_TABLES", "STAGE_ORDER", "STAGE_PROGRESS",
    "Availability", "Stage", "Theme", "OwnerType", "Soil", "Role",
    "is_forward_step",
]
