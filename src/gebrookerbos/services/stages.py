"""The stage rules of an initiative, in one place, and the one way to change a stage.

The path: idea -> exploring -> plan -> approved -> in_progress -> realised.

- One step forward on the path is always allowed; skipping a stage is not.
- ``stopped`` may follow any stage before ``realised`` (not ``realised`` itself).
- A step back to any earlier stage on the path (also from ``realised``, to correct a
  mistake) needs a non-empty reason; the reason is recorded in the event's note.
- A stopped initiative may be restarted, with a reason, at ``idea`` or ``exploring``
  only (it has to find its plot and partners again); nothing else follows ``stopped``.

Every change writes a ``stage_events`` row (date, from, to, who, note), updates the
initiative (stage, progress, version) and the audit log, and keeps the initiative's plots
consistent with the stage (:func:`gebrookerbos.domain.plot_availability_for`): exploring,
plan and approved hold them ``reserved``; in_progress and realised ``in_use``; idea and
stopped release them to ``available`` (unless another active initiative holds them).
Each availability change is a ``plot_events`` row too. A refused change raises
:class:`StageChangeError` and changes nothing.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import duckdb

from gebrookerbos import db, i18n
from gebrookerbos.db import audit
from gebrookerbos.domain import (
    HOLDING_STAGES,
    STAGE_ORDER,
    STAGE_PROGRESS,
    Availability,
    Stage,
    is_forward_step,
    plot_availability_for,
)

# Stages a stopped initiative may restart at (with a reason).
RESTART_STAGES: tuple[Stage, ...] = (Stage.IDEA, Stage.EXPLORING)

# Parameters of an error message that hold stage codes (shown as translated labels).
_STAGE_PARAMS = frozenset({"old", "new", "next"})


class StageChangeError(ValueError):
    """A refused stage change; ``key``/``params`` give the message in any language."""

    def __init__(self, key: str, **params: Any):
        self.key = key
        self.params = params
        super().__init__(self.message(i18n.DEFAULT_LANGUAGE))

    def message(self, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
        """The reason for the refusal in ``lang`` (stage codes become labels)."""
        fmt = {
            k: i18n.label("stage", v, lang) if k in _STAGE_PARAMS else v
            for k, v in self.params.items()
        }
        return i18n.t(self.key, lang, **fmt)


def _stage(value: str | Stage | None) -> Stage | None:
    if value is None:
        return None
    try:
        return Stage(value)
    except ValueError:
        raise StageChangeError("stages.error.unknown_stage", value=str(value)) from None


def needs_reason(old: Stage | str, new: Stage | str) -> bool:
    """True for changes that are only allowed with a reason (step back, restart)."""
    o, n = Stage(old), Stage(new)
    if o == Stage.STOPPED:
        return n in RESTART_STAGES
    if n == Stage.STOPPED or n == o:
        return False
    return STAGE_ORDER.index(n) < STAGE_ORDER.index(o)


def check_transition(
    old: Stage | str | None, new: Stage | str, reason: str | None = None
) -> None:
    """Raise :class:`StageChangeError` unless ``old -> new`` is allowed (see module doc)."""
    o, n = _stage(old), _stage(new)
    assert n is not None
    if o is None:
        if n != Stage.IDEA:
            raise StageChangeError("stages.error.must_start_as_idea", new=n)
        return
    if n == o:
        raise StageChangeError("stages.error.same_stage", old=o)
    if is_forward_step(o, n):
        return
    has_reason = bool((reason or "").strip())
    if o == Stage.STOPPED:
        if n in RESTART_STAGES:
            if not has_reason:
                raise StageChangeError("stages.error.reason_required", old=o, new=n)
            return
        raise StageChangeError("stages.error.stopped_restart", new=n)
    if n == Stage.STOPPED:  # old is REALISED: is_forward_step allows every other stop
        raise StageChangeError("stages.error.realised_cannot_stop")
    old_i, new_i = STAGE_ORDER.index(o), STAGE_ORDER.index(n)
    if new_i > old_i:
        raise StageChangeError(
            "stages.error.skip", old=o, new=n, next=STAGE_ORDER[old_i + 1]
        )
    if not has_reason:
        raise StageChangeError("stages.error.reason_required", old=o, new=n)


def allowed_targets(old: Stage | str) -> list[Stage]:
    """The stages ``old`` may change to (some only with a reason: :func:`needs_reason`),
    the likeliest first: the next stage, stopping, then steps back (nearest first)."""
    targets = []
    for candidate in Stage:
        try:
            check_transition(old, candidate, reason="x")
        except StageChangeError:
            continue
        targets.append(candidate)

    def likeliness(stage: Stage) -> tuple[int, int]:
        if needs_reason(old, stage):
            return (2, -STAGE_ORDER.index(stage))
        return (1, 0) if stage == Stage.STOPPED else (0, 0)

    return sorted(targets, key=likeliness)


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
    by: str,
    note: str,
    on_date: date | datetime | str | None = None,
    reason: str | None = None,
    progress: int | None = None,
    expected_version: int | None = None,
) -> None:
    """Move an initiative to ``new_stage`` (all or nothing; see the module doc).

    Parameters
    ----------
    by, note
        Who makes the change (username) and why; both required.
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
    if not (by or "").strip():
        raise StageChangeError("stages.error.by_required")
    if not (note or "").strip():
        raise StageChangeError("stages.error.note_required")
    event_date = _as_date(on_date)
    if event_date > date.today():
        raise StageChangeError("stages.error.future_date", date=event_date.isoformat())
    if progress is not None:
        if isinstance(progress, bool) or not isinstance(progress, int) or not 0 <= progress <= 100:
            raise StageChangeError("stages.error.progress_range", value=str(progress))

    with db.transaction(con):
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

        plot_changes = _plot_changes(con, initiative_id, new, event_date)

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
        for plot_id, old_availability, new_availability in plot_changes:
            db.execute(
                con, "stage_update_plot_availability", plot_id=plot_id,
                availability=new_availability.value, by_whom=by,
            )
            db.execute(
                con, "stage_insert_plot_event", plot_id=plot_id, event_date=event_date,
                from_availability=old_availability, to_availability=new_availability.value,
                initiative_id=initiative_id, by_whom=by,
                note=i18n.t(f"stages.plot_note.{new_availability.value}",
                            i18n.DEFAULT_LANGUAGE, title=title),
            )
            audit.record(
                con, username=by, table_name="plots", record_id=plot_id,
                action="availability_by_stage",
                changes=audit.diff({"availability": old_availability},
                                   {"availability": new_availability.value}),
            )


def _plot_changes(
    con: duckdb.DuckDBPyConnection, initiative_id: str, new: Stage, event_date: date
) -> list[tuple[str, str, Availability]]:
    """(plot_id, old, new availability) for the initiative's plots; raises when refused."""
    target = plot_availability_for(new)
    plots = db.fetch_all(
        con, "stage_plots_of_initiative", initiative_id=initiative_id,
        holding_stages=sorted(s.value for s in HOLDING_STAGES),
    )
    changes: list[tuple[str, str, Availability]] = []
    for plot_id, name, availability, last_event, other_holder in plots:
        if target is not None:
            if other_holder is not None:
                raise StageChangeError(
                    "stages.error.plot_taken", plot=f"{plot_id} {name}", other=other_holder
                )
            if availability == Availability.UNAVAILABLE:
                raise StageChangeError("stages.error.plot_unavailable", plot=f"{plot_id} {name}")
            wanted = target
        elif other_holder is None and availability in (Availability.RESERVED, Availability.IN_USE):
            wanted = Availability.AVAILABLE
        else:
            continue
        if availability == wanted:
            continue
        if last_event is not None and event_date < last_event:
            raise StageChangeError(
                "stages.error.before_plot_event", plot=f"{plot_id} {name}",
                date=last_event.isoformat(),
            )
        changes.append((plot_id, availability, wanted))
    return changes


def record_creation(
    con: duckdb.DuckDBPyConnection,
    initiative_id: str,
    *,
    by: str,
    note: str,
    on_date: date | datetime | str | None = None,
) -> bool:
    """Write the first stage event of a new initiative (from nothing to its stage).

    For whoever creates initiatives: without this event the history does not know when
    the initiative began. Does nothing (returns False) when it already has events.
    """
    event_date = _as_date(on_date)
    with db.transaction(con):
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
