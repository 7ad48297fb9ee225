"""Putting a plot in option (``reserved``) for an initiative, and releasing it.

A plot is never held by two active initiatives at once. Every check runs inside the
transaction that makes the change, so a refused attempt (or a race with another user)
changes nothing. A reservation writes: the initiative-plot link, the plot's availability
(with a version bump), a ``plot_events`` row carrying the initiative id (that is the event
in the initiative's history) and an audit entry. A release does the reverse.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from gebrookerbos import db, i18n
from gebrookerbos.db import audit
from gebrookerbos.domain import Availability, Stage


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
        return i18n.t(self.key, lang, **fmt)


def active_holders(
    con: duckdb.DuckDBPyConnection, plot_id: str, today: date | None = None
) -> pd.DataFrame:
    """The initiatives that hold the plot now (not stopped, agreement not ended)."""
    return db.fetch_df(con, "active_holders_of_plot", plot_id=plot_id,
                       today=today or date.today())


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


def _set_availability(
    con: duckdb.DuckDBPyConnection, plot_id: str, version: int, to: Availability, by: str
) -> int:
    row = db.fetch_one(con, "set_plot_availability", plot_id=plot_id, version=version,
                       availability=str(to), by_whom=by)
    if row is None:
        raise ReservationError("reserve.err_changed", plot=plot_id)
    return int(row[0])


def reserve(
    con: duckdb.DuckDBPyConnection,
    plot_id: str,
    initiative_id: str,
    *,
    by: str,
    note: str | None = None,
    today: date | None = None,
    expected_version: int | None = None,
) -> int:
    """Put an available plot in option for an active initiative; returns the new version.

    Raises :class:`ReservationError` (and changes nothing) when the plot or initiative does
    not exist, the initiative is stopped, the plot is not available, another active
    initiative holds it, or the plot changed since ``expected_version``.
    """
    today = today or date.today()
    with db.transaction(con):
        _, plot_name, availability, version = _plot(con, plot_id)
        _, title, stage = _initiative(con, initiative_id)
        if stage == Stage.STOPPED:
            raise ReservationError("reserve.err_stopped", initiative=title)
        if expected_version is not None and int(expected_version) != int(version):
            raise ReservationError("reserve.err_changed", plot=plot_name)
        holders = active_holders(con, plot_id, today)
        if not holders.empty:
            holder = holders.iloc[0]
            key = ("reserve.err_already_this" if holder["initiative_id"] == initiative_id
                   else "reserve.err_held")
            raise ReservationError(key, plot=plot_name, initiative=holder["title"])
        if availability != Availability.AVAILABLE:
            raise ReservationError("reserve.err_not_available", plot=plot_name,
                                   availability=availability)
        if db.fetch_one(con, "reservation_link", initiative_id=initiative_id,
                        plot_id=plot_id) is not None:
            # an old (ended) link of the same initiative: keep its agreement data intact
            raise ReservationError("reserve.err_old_link", plot=plot_name, initiative=title)
        db.execute(con, "insert_reservation_link", initiative_id=initiative_id, plot_id=plot_id)
        new_version = _change_availability(
            con, plot_id, int(version), availability, Availability.RESERVED,
            initiative_id=initiative_id, by=by, note=note, on_date=today, action="reserve",
            extra={"initiative_id": [None, initiative_id]},
        )
    return new_version


def _change_availability(
    con: duckdb.DuckDBPyConnection,
    plot_id: str,
    version: int,
    old: str,
    new: Availability,
    *,
    initiative_id: str,
    by: str,
    note: str | None,
    on_date: date,
    action: str,
    extra: dict,
) -> int:
    """Set the plot's availability, record it as a plot event and in the audit log."""
    new_version = _set_availability(con, plot_id, version, new, by)
    db.execute(con, "insert_plot_event", plot_id=plot_id, event_date=on_date,
               from_availability=old, to_availability=str(new),
               initiative_id=initiative_id, by_whom=by, note=note)
    audit.record(
        con, username=by, table_name="plots", record_id=plot_id, action=action,
        changes={
            **audit.diff({"availability": old, "version": version},
                         {"availability": str(new), "version": new_version}),
            **extra,
        },
    )
    return new_version


def release(
    con: duckdb.DuckDBPyConnection,
    plot_id: str,
    initiative_id: str,
    *,
    by: str,
    note: str | None = None,
    today: date | None = None,
    expected_version: int | None = None,
) -> int:
    """Release a plot that is in option for the initiative: available again.

    Only a ``reserved`` plot held by this initiative can be released (a plot in use ends
    with its user agreement). The removed link is kept in the audit log.
    """
    today = today or date.today()
    with db.transaction(con):
        _, plot_name, availability, version = _plot(con, plot_id)
        _, title, _ = _initiative(con, initiative_id)
        if expected_version is not None and int(expected_version) != int(version):
            raise ReservationError("reserve.err_changed", plot=plot_name)
        link = db.fetch_one(con, "reservation_link", initiative_id=initiative_id,
                            plot_id=plot_id)
        if availability != Availability.RESERVED or link is None:
            raise ReservationError("reserve.err_not_reserved_for", plot=plot_name,
                                   initiative=title)
        db.execute(con, "delete_reservation_link", initiative_id=initiative_id, plot_id=plot_id)
        new_version = _change_availability(
            con, plot_id, int(version), availability, Availability.AVAILABLE,
            initiative_id=initiative_id, by=by, note=note, on_date=today, action="release",
            extra={"initiative_id": [initiative_id, None],
                   "agreement": [[_iso(link[2]), _iso(link[3])], None]},
        )
    return new_version


def _iso(value: object) -> str | None:
    return None if value is None else str(value)


def plot_history(con: duckdb.DuckDBPyConnection, plot_id: str) -> pd.DataFrame:
    """The plot's availability events, newest first (no personal data)."""
    return db.fetch_df(con, "plot_history", plot_id=plot_id)


def initiative_plot_events(con: duckdb.DuckDBPyConnection, initiative_id: str) -> pd.DataFrame:
    """The reservations and releases in an initiative's history, newest first."""
    return db.fetch_df(con, "initiative_plot_events", initiative_id=initiative_id)
