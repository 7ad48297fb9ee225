"""Putting a plot in option (``reserved``) for an initiative, and releasing it.

Which initiative holds a plot is decided by the one definition of holding
(:mod:`gebrookerbos.services.holding`); a plot is never held by two initiatives at once.

- An initiative at ``idea``, ``exploring``, ``plan`` or ``approved`` may reserve an
  available plot that nobody holds. An initiative at ``idea`` moves to ``exploring`` in the
  same change (with a stage event): looking for a place is what exploring means, and only
  from exploring on does an initiative hold plots.
- An initiative ``in_progress`` or ``realised`` already has its place and a stopped one
  has none: both are refused.
- A release removes the link of a plot that is ``reserved`` for the initiative; the plot is
  available again. A plot in use ends with its user agreement (page Beheer).

Every check runs inside the transaction that makes the change, so a refused attempt (or a
race with another user) changes nothing. A reservation writes the initiative-plot link, then
lets :func:`holding.settle` set the plot's availability (with a version bump), its
``plot_events`` row (carrying the initiative id: the event in the initiative's history) and
the audit entry.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from gebrookerbos import db, i18n
from gebrookerbos.domain import Availability, Stage, auth
from gebrookerbos.domain.auth import PUBLIC, Action, Actor, require
from gebrookerbos.services import holding, stages

# The stages from which an initiative may reserve a plot (idea moves on to exploring).
RESERVING_STAGES = frozenset({Stage.IDEA, Stage.EXPLORING, Stage.PLAN, Stage.APPROVED})


class ReservationError(ValueError):
    """A reservation or release is refused; nothing was changed.

    ``key`` and ``fmt`` give the translatable message (``i18n.t(key, lang, **fmt)``).
    """

    def __init__(self, key: str, **fmt: object):
        self.key = key
        self.fmt = fmt
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        fmt = dict(self.fmt)
        if "availability" in fmt:  # a code: shown as its label
            fmt["availability"] = i18n.label("availability", fmt["availability"], lang)
        if "stage" in fmt:
            fmt["stage"] = i18n.label("stage", fmt["stage"], lang).lower()
        return i18n.t(self.key, lang, **fmt)


def _plot(con: duckdb.DuckDBPyConnection, plot_id: str) -> tuple[str, str, str, int]:
    row = db.fetch_one(con, "plot_for_reservation", plot_id=plot_id)
    if row is None:
        raise ReservationError("reserve.err_no_plot", plot=plot_id)
    return row  # type: ignore[return-value]


def _initiative(con: duckdb.DuckDBPyConnection, initiative_id: str) -> tuple[str, str, str]:
    row = db.fetch_one(con, "initiative_for_reservation", initiative_id=initiative_id)
    if row is None:
        raise ReservationError("reserve.err_no_initiative", initiative=initiative_id)
    return row  # type: ignore[return-value]


def _changed_meanwhile(con: duckdb.DuckDBPyConnection, plot_id: str) -> ReservationError:
    """The refusal when another session changed the plot at the same moment."""
    row = db.fetch_one(con, "plot_for_reservation", plot_id=plot_id)
    return ReservationError("reserve.err_changed", plot=row[1] if row else plot_id)


def _version(con: duckdb.DuckDBPyConnection, plot_id: str) -> int:
    return int(_plot(con, plot_id)[3])


def reserve(
    con: duckdb.DuckDBPyConnection,
    plot_id: str,
    initiative_id: str,
    *,
    actor: Actor,
    note: str | None = None,
    today: date | None = None,
    expected_version: int | None = None,
) -> int:
    """Put an available plot in option for an initiative; returns the plot's new version.

    Raises :class:`ReservationError` (and changes nothing) when the plot or initiative does
    not exist, the initiative's stage may not reserve, the plot is not available, another
    initiative holds it, or the plot changed since ``expected_version``; and
    :class:`~gebrookerbos.domain.auth.PermissionDenied` for an actor without the right.
    """
    today = today or date.today()
    with db.transaction(con, on_conflict=lambda: _changed_meanwhile(con, plot_id)):
        by = require(con, actor, Action.RESERVE).name
        _, plot_name, availability, version = _plot(con, plot_id)
        _, title, stage = _initiative(con, initiative_id)
        if stage == Stage.STOPPED:
            raise ReservationError("reserve.err_stopped", initiative=title)
        if expected_version is not None and int(expected_version) != int(version):
            raise ReservationError("reserve.err_changed", plot=plot_name)
        held = holding.holders_of(con, plot_id)
        if held:
            key = ("reserve.err_already_this" if held[0].initiative_id == initiative_id
                   else "reserve.err_held")
            raise ReservationError(key, plot=plot_name, initiative=held[0].title)
        if stage not in RESERVING_STAGES:
            raise ReservationError("reserve.err_building", initiative=title, stage=stage)
        if availability != Availability.AVAILABLE:
            raise ReservationError("reserve.err_not_available", plot=plot_name,
                                   availability=availability)
        if db.fetch_one(con, "reservation_link", initiative_id=initiative_id,
                        plot_id=plot_id) is None:
            db.execute(con, "insert_reservation_link", initiative_id=initiative_id,
                       plot_id=plot_id)
        # else: the idea's own link (kept from before it was stopped and restarted): it
        # holds again from exploring on, with its agreement dates intact
        if stage == Stage.IDEA:
            stages.change_stage(
                con, initiative_id, Stage.EXPLORING, actor=actor, on_date=today,
                note=note or i18n.t("reserve.stage_note", i18n.DEFAULT_LANGUAGE,
                                    plot=f"{plot_id} {plot_name}"),
            )
        else:
            holding.settle(con, [plot_id], by=by, on_date=today, action="reserve",
                           initiative_id=initiative_id, note=note,
                           audit_extra={"initiative_id": [None, initiative_id]})
        return _version(con, plot_id)


def release(
    con: duckdb.DuckDBPyConnection,
    plot_id: str,
    initiative_id: str,
    *,
    actor: Actor,
    note: str | None = None,
    today: date | None = None,
    expected_version: int | None = None,
) -> int:
    """Release a plot that is in option for the initiative: available again.

    Only a ``reserved`` plot held by this initiative can be released (a plot in use ends
    with its user agreement). The removed link is kept in the audit log.
    """
    today = today or date.today()
    with db.transaction(con, on_conflict=lambda: _changed_meanwhile(con, plot_id)):
        by = require(con, actor, Action.RESERVE).name
        _, plot_name, _, version = _plot(con, plot_id)
        _, title, _ = _initiative(con, initiative_id)
        if expected_version is not None and int(expected_version) != int(version):
            raise ReservationError("reserve.err_changed", plot=plot_name)
        link = db.fetch_one(con, "reservation_link", initiative_id=initiative_id,
                            plot_id=plot_id)
        mine = [h for h in holding.holders_of(con, plot_id) if h.initiative_id == initiative_id]
        if link is None or not mine or mine[0].held_as != Availability.RESERVED:
            raise ReservationError("reserve.err_not_reserved_for", plot=plot_name,
                                   initiative=title)
        db.execute(con, "delete_reservation_link", initiative_id=initiative_id, plot_id=plot_id)
        holding.settle(con, [plot_id], by=by, on_date=today, action="release",
                       initiative_id=initiative_id, note=note,
                       audit_extra={"initiative_id": [initiative_id, None],
                                    "agreement": [[_iso(link[2]), _iso(link[3])], None]})
        return _version(con, plot_id)


def _iso(value: object) -> str | None:
    return None if value is None else str(value)


def plot_history(con: duckdb.DuckDBPyConnection, plot_id: str, *,
                 actor: Actor = PUBLIC) -> pd.DataFrame:
    """The plot's availability events, newest first; who and the note only for staff."""
    return db.fetch_df(con, auth.named_query(con, actor, "plot_history"), plot_id=plot_id)


def initiative_plot_events(con: duckdb.DuckDBPyConnection, initiative_id: str, *,
                           actor: Actor = PUBLIC) -> pd.DataFrame:
    """The reservations and releases in an initiative's history, newest first; who and the
    note only for staff."""
    return db.fetch_df(con, auth.named_query(con, actor, "initiative_plot_events"),
                       initiative_id=initiative_id)
