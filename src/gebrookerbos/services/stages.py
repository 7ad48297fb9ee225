"""The one way to change an initiative's stage (the rules: :mod:`gebrookerbos.domain.stages`).

Every change writes a ``stage_events`` row (date, from, to, who, note), updates the
initiative (stage, progress, version) and the audit log, and then settles the initiative's
plots with :func:`gebrookerbos.services.holding.settle`: what the new stage implies by the one
definition of holding (exploring, plan and approved hold them ``reserved``; in_progress and
realised ``in_use``; at idea and stopped they are released to ``available`` unless another
initiative holds them). Each availability change is a ``plot_events`` row too. A refused
change raises :class:`~gebrookerbos.domain.stages.StageChangeError` (or
:class:`~gebrookerbos.domain.auth.PermissionDenied`) and changes nothing.
"""

from __future__ import annotations

from datetime import date, datetime

import duckdb

from gebrookerbos import db, i18n
from gebrookerbos.db import audit
from gebrookerbos.domain import STAGE_PROGRESS, Availability, Stage
from gebrookerbos.domain.auth import Action, Actor, require
from gebrookerbos.domain.stages import StageChangeError, _stage, check_transition
from gebrookerbos.services import holding


def _as_date(value: date | datetime | str | None) -> date:
    if value is None:
        return date.today()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise StageChangeError("stages.error.bad_date", value=str(value)) from None


def _combined_note(note: str, reason: str | None) -> str:
    parts = [p.strip() for p in (note, reason or "") if p and p.strip()]
    return " — ".join(parts)


def change_stage(
    con: duckdb.DuckDBPyConnection,
    initiative_id: str,
    new_stage: Stage | str,
    *,
    actor: Actor,
    note: str,
    on_date: date | datetime | str | None = None,
    reason: str | None = None,
    progress: int | None = None,
    expected_version: int | None = None,
) -> None:
    """Move an initiative to ``new_stage`` (all or nothing; see the module doc).

    Parameters
    ----------
    actor
        Who makes the change; must be allowed to change stages (broker, administrator).
    note
        Why; required.
    on_date
        The date of the event (default today); not in the future, not before the
        initiative's latest event, nor before the latest event of a plot it changes.
    reason
        Required for a step back or a restart after stopping; recorded in the note.
    progress
        Explicit progress (0-100); otherwise progress follows the new stage.
    expected_version
        The version the caller read; a different current version is refused (someone
        else changed the initiative in the meantime).
    """
    new = _stage(new_stage)
    assert new is not None
    if not (note or "").strip():
        raise StageChangeError("stages.error.note_required")
    event_date = _as_date(on_date)
    if event_date > date.today():
        raise StageChangeError("stages.error.future_date", date=event_date.isoformat())
    if progress is not None:
        if isinstance(progress, bool) or not isinstance(progress, int) or not 0 <= progress <= 100:
            raise StageChangeError("stages.error.progress_range", value=str(progress))

    with db.transaction(con, on_conflict=lambda: StageChangeError(
            "stages.error.version_conflict", initiative_id=initiative_id)):
        by = require(con, actor, Action.CHANGE_STAGE).name
        row = db.fetch_one(con, "stage_change_initiative", initiative_id=initiative_id)
        if row is None:
            raise StageChangeError("stages.error.not_found", initiative_id=initiative_id)
        _, title, old_stage, old_progress, old_explicit, version = row
        if expected_version is not None and int(expected_version) != int(version):
            raise StageChangeError("stages.error.version_conflict", initiative_id=initiative_id)
        old = Stage(old_stage)
        check_transition(old, new, reason)
        last = db.fetch_value(con, "stage_last_event_date", initiative_id=initiative_id)
        if last is not None and event_date < last:
            raise StageChangeError("stages.error.before_last_event", date=last.isoformat())

        new_progress = STAGE_PROGRESS[new] if progress is None else progress
        explicit = progress is not None
        db.execute(
            con, "stage_insert_event", initiative_id=initiative_id, event_date=event_date,
            from_stage=old.value, to_stage=new.value, by_whom=by,
            note=_combined_note(note, reason),
        )
        db.execute(
            con, "stage_update_initiative", initiative_id=initiative_id, stage=new.value,
            progress=new_progress, progress_explicit=explicit, by_whom=by, version=version,
        )
        audit.record(
            con, username=by, table_name="initiatives", record_id=initiative_id,
            action="change_stage",
            changes=audit.diff(
                {"stage": old.value, "progress": old_progress,
                 "progress_explicit": old_explicit, "version": version},
                {"stage": new.value, "progress": new_progress,
                 "progress_explicit": explicit, "version": version + 1},
            ),
        )
        changes = _plot_changes(con, initiative_id, title, event_date)
        holding.change_availability(con, changes, by=by, on_date=event_date,
                                    action="availability_by_stage")


def _plot_changes(
    con: duckdb.DuckDBPyConnection, initiative_id: str, title: str, event_date: date
) -> list[holding.AvailabilityChange]:
    """What the new stage implies for the initiative's plots; raises when that is refused.

    Runs after the stage is written (inside the transaction), so the one definition of
    holding decides; a refusal rolls the stage change back.
    """
    plots = db.fetch_all(con, "plots_of_initiative_holding", initiative_id=initiative_id)
    ids = [p[0] for p in plots]
    changes = holding.pending(
        con, ids, initiative_id=initiative_id,
        note={a: i18n.t(f"stages.plot_note.{a}", i18n.DEFAULT_LANGUAGE, title=title)
              for a in (Availability.AVAILABLE, Availability.RESERVED, Availability.IN_USE)},
    )
    changing = {c.plot_id for c in changes}
    for plot_id, name, availability, last_event, other_holder, held_by_this in plots:
        # a plot it no longer holds is released, and another initiative may hold it
        if held_by_this and other_holder is not None:
            raise StageChangeError("stages.error.plot_taken", plot=f"{plot_id} {name}",
                                   other=other_holder)
        if held_by_this and availability == Availability.UNAVAILABLE:
            raise StageChangeError("stages.error.plot_unavailable", plot=f"{plot_id} {name}")
        if plot_id in changing and last_event is not None and event_date < last_event:
            raise StageChangeError("stages.error.before_plot_event", plot=f"{plot_id} {name}",
                                   date=last_event.isoformat())
    return changes


def record_creation(
    con: duckdb.DuckDBPyConnection,
    initiative_id: str,
    *,
    actor: Actor,
    note: str,
    on_date: date | datetime | str | None = None,
) -> bool:
    """Write the first stage event of a new initiative (from nothing to its stage).

    For whoever creates initiatives: without this event the history does not know when
    the initiative began. Does nothing (returns False) when it already has events.
    """
    event_date = _as_date(on_date)
    with db.transaction(con):
        by = require(con, actor, Action.REGISTER_INITIATIVE).name
        row = db.fetch_one(con, "stage_change_initiative", initiative_id=initiative_id)
        if row is None:
            raise StageChangeError("stages.error.not_found", initiative_id=initiative_id)
        if db.fetch_value(con, "stage_event_count", initiative_id=initiative_id):
            return False
        db.execute(
            con, "stage_insert_event", initiative_id=initiative_id, event_date=event_date,
            from_stage=None, to_stage=row[2], by_whom=by, note=note,
        )
    return True
