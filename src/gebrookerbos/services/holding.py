"""A plot's availability follows from who holds it, and this is the one way it changes.

Which initiative holds which plot is defined once, in SQL (the views ``plot_holders`` and
``plot_holding``, ``queries/migrations/002_plot_holding.sql``): an initiative holds its linked
plots while its stage is exploring, plan or approved (the plot is ``reserved``) or
in_progress or realised (``in_use``); at idea and stopped it holds nothing. A plot without a
holder is ``available`` or ``unavailable``, as set by hand.

Reservations, releases, stage changes, edits and imports change links, stages or plots and
then call :func:`settle` (or, for a hand-set availability and for new plots,
:func:`change_availability` directly). :func:`change_availability` is the only code that
writes a plot's availability: with it, in the same transaction, a ``plot_events`` row (the
plot's history, and the initiative's when one caused it) and an audit entry.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb
import pandas as pd

from gebrookerbos import db

# What a plot's availability may be without a holder (set by hand, or by an import).
HAND_SET_AVAILABILITIES = ("available", "unavailable")

STAGING = "availability_changes"  # the registered relation the named queries read


class AvailabilityConflict(RuntimeError):
    """A plot's availability changed while the change was being made; nothing was written."""

    def __init__(self, plot_ids: Sequence[str]):
        self.plot_ids = list(plot_ids)
        super().__init__(f"availability changed meanwhile: {', '.join(self.plot_ids)}")


@dataclass(frozen=True)
class AvailabilityChange:
    """One plot going from one availability to another.

    ``from_availability`` None marks a new plot's first availability (an import): the plot
    was inserted with it, so only its event and audit entry are written.
    """

    plot_id: str
    from_availability: str | None
    to_availability: str
    initiative_id: str | None = None
    note: str | None = None
    audit_extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Holder:
    initiative_id: str
    title: str
    stage: str
    held_as: str
    agreement_start: date | None
    agreement_end: date | None


def holders_of(con: duckdb.DuckDBPyConnection, plot_id: str) -> list[Holder]:
    """The initiatives that hold the plot (at most one, as every write path ensures)."""
    return [Holder(*row) for row in db.fetch_all(con, "holders_of_plot", plot_id=plot_id)]


def pending(
    con: duckdb.DuckDBPyConnection,
    plot_ids: Iterable[str],
    *,
    initiative_id: str | None = None,
    note: str | Mapping[str, str] | None = None,
    audit_extra: Mapping[str, Any] | None = None,
) -> list[AvailabilityChange]:
    """The changes that would bring these plots in line with what their holders imply.

    ``note`` is one text, or one per target availability (``{"reserved": ...}``).
    """
    ids = sorted(set(plot_ids))
    if not ids:
        return []
    changes = []
    for plot_id, availability, _, _, _, implied in db.fetch_all(
            con, "holding_of_plots", plot_ids=ids):
        if availability == implied:
            continue
        text = note.get(implied) if isinstance(note, Mapping) else note
        changes.append(AvailabilityChange(plot_id, availability, implied, initiative_id, text,
                                          dict(audit_extra or {})))
    return changes


def settle(
    con: duckdb.DuckDBPyConnection,
    plot_ids: Iterable[str],
    *,
    by: str,
    on_date: date,
    action: str,
    initiative_id: str | None = None,
    note: str | Mapping[str, str] | None = None,
    audit_extra: Mapping[str, Any] | None = None,
) -> list[AvailabilityChange]:
    """Give these plots the availability their holders imply; returns what changed."""
    changes = pending(con, plot_ids, initiative_id=initiative_id, note=note,
                      audit_extra=audit_extra)
    change_availability(con, changes, by=by, on_date=on_date, action=action)
    return changes


def change_availability(
    con: duckdb.DuckDBPyConnection,
    changes: Sequence[AvailabilityChange],
    *,
    by: str,
    on_date: date,
    action: str,
    bump_version: bool = True,
) -> None:
    """Write the changes: the plots' availability, a plot event and an audit entry each.

    Set-based (one statement per table), so an import of 100,000 plots costs the same three
    statements as one reservation. Runs in the caller's transaction (or its own); a plot
    whose availability is no longer ``from_availability`` raises
    :class:`AvailabilityConflict` and nothing is written.
    """
    if not changes:
        return
    frame = pd.DataFrame({
        "plot_id": [c.plot_id for c in changes],
        # "string" columns: all-None stays a VARCHAR column for DuckDB, not a null type
        "from_availability": pd.Series([c.from_availability for c in changes], dtype="string"),
        "to_availability": [str(c.to_availability) for c in changes],
        "initiative_id": pd.Series([c.initiative_id for c in changes], dtype="string"),
        "note": pd.Series([c.note for c in changes], dtype="string"),
        "changes": [json.dumps({"availability": [c.from_availability, str(c.to_availability)],
                                **c.audit_extra}, ensure_ascii=False, default=str)
                    for c in changes],
    })
    existing = sum(c.from_availability is not None for c in changes)
    with db.transaction(con):
        con.register(STAGING, frame)
        try:
            updated = db.fetch_value(con, "apply_availability_changes", by_whom=by,
                                     bump_version=bump_version) if existing else 0
            if int(updated or 0) != existing:
                raise AvailabilityConflict(_conflicting(con, changes))
            db.execute(con, "insert_availability_events", event_date=on_date, by_whom=by)
            db.execute(con, "insert_availability_audit", by_whom=by, action=action)
        finally:
            con.unregister(STAGING)


def _conflicting(con: duckdb.DuckDBPyConnection, changes: Sequence[AvailabilityChange]) -> list[str]:
    wanted = {c.plot_id: c.from_availability for c in changes if c.from_availability is not None}
    now = {row[0]: row[1] for row in db.fetch_all(con, "holding_of_plots", plot_ids=sorted(wanted))}
    return sorted(p for p, a in wanted.items() if now.get(p) != a)


def out_of_step(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Plots whose availability is not what their holders imply (empty when all is well)."""
    return db.fetch_df(con, "plots_out_of_step")
