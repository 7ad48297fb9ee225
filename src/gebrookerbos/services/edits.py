"""Editing plots and initiatives: validation, optimistic locking and the audit trail.

Every record has a ``version``. A form remembers the version (and the values) it was
loaded with; saving updates the record only ``WHERE version = expected_version``. When
someone else saved in between, :class:`EditConflict` says what they changed, and nothing
is written: the user's input stays with the caller, who can reapply it to the latest
version. Every saved change is an audit entry (who, when, {field: [old, new]}); a changed
plot availability is also a plot event. Stage changes go through the stage rules
(:func:`gebrookerbos.services.stages.change_stage`) and become stage events.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import duckdb

from gebrookerbos import db, i18n
from gebrookerbos.db import audit
from gebrookerbos.domain import (
    STAGE_PROGRESS,
    Availability,
    OwnerType,
    Soil,
    Stage,
    Theme,
)
from gebrookerbos.domain.auth import Action, Actor, require
from gebrookerbos.domain.stages import StageChangeError
from gebrookerbos.services import holding, stages

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_RE = re.compile(r"^\+?[0-9 ()\-]{6,20}$")
MAX_TEXT = 2000


@dataclass(frozen=True)
class FieldSpec:
    """One editable field: its kind decides how its value is cleaned and checked."""

    name: str
    kind: str  # text, required, choice, bool, date, int, float, email, phone, codes
    choices: tuple[str, ...] = ()
    lo: float | None = None
    hi: float | None = None


PLOT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", "required"),
    FieldSpec("location_description", "text"),
    FieldSpec("owner_type", "choice", tuple(OwnerType)),
    FieldSpec("owner_name", "text"),
    FieldSpec("zoning", "text"),
    FieldSpec("soil", "choice", tuple(Soil)),
    FieldSpec("has_water", "bool"),
    FieldSpec("has_electricity", "bool"),
    FieldSpec("has_car_access", "bool"),
    FieldSpec("availability", "choice", tuple(Availability)),
    FieldSpec("available_from", "date"),
    FieldSpec("available_until", "date"),
    FieldSpec("notes", "text"),
)

INITIATIVE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", "required"),
    FieldSpec("public_summary", "text"),
    FieldSpec("theme", "choice", tuple(Theme)),
    FieldSpec("progress", "int", lo=0, hi=100),
    FieldSpec("initiator_group", "text"),
    FieldSpec("contact_name", "text"),
    FieldSpec("contact_email", "email"),
    FieldSpec("contact_phone", "phone"),
    FieldSpec("account_manager", "text"),
    FieldSpec("partners", "text"),
    FieldSpec("start_date", "date"),
    FieldSpec("expected_date", "date"),
    FieldSpec("next_action", "text"),
    FieldSpec("next_action_due", "date"),
    FieldSpec("need_min_area_m2", "float", lo=0),
    FieldSpec("need_max_area_m2", "float", lo=0),
    FieldSpec("need_wijken", "codes"),
    FieldSpec("need_water", "bool"),
    FieldSpec("need_electricity", "bool"),
    FieldSpec("need_car_access", "bool"),
    FieldSpec("need_clean_soil", "bool"),
    FieldSpec("need_start", "date"),
    FieldSpec("need_duration_months", "int", lo=0, hi=1200),
)


def field_label(table: str, name: str, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
    """The label of an editable field (plots reuse the plot.* labels)."""
    key = f"plot.{name}" if table == "plots" else f"edit.initiative.{name}"
    return i18n.t(key, lang)


# --- errors -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldProblem:
    field: str | None
    key: str
    params: dict[str, Any] = field(default_factory=dict)


class EditError(ValueError):
    """Input that cannot be saved (every problem listed); nothing was changed."""

    def __init__(self, table: str, problems: list[FieldProblem]):
        self.table = table
        self.problems = problems
        super().__init__(self.message("en"))

    def message(self, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
        lines = []
        for p in self.problems:
            params = dict(p.params)
            if "other" in params:  # another field, named in the reader's language
                params["other"] = field_label(self.table, params["other"], lang)
            text = i18n.t(p.key, lang, **params)
            lines.append(f"{field_label(self.table, p.field, lang)}: {text}" if p.field
                         else text)
        return "\n".join(lines)


class EditConflict(Exception):
    """Someone else saved the record after the form was loaded; nothing was written.

    ``mine`` holds the user's changes, ``theirs`` what the other person changed since
    ``base`` (the values the form was loaded with), ``current`` the record now (None when
    it was deleted).
    """

    def __init__(self, table: str, record_id: str, *, mine: dict[str, Any],
                 base: Mapping[str, Any], current: dict[str, Any] | None):
        self.table = table
        self.record_id = record_id
        self.mine = mine
        self.base = dict(base)
        self.current = current
        super().__init__(f"{table} {record_id} was changed by someone else")

    @property
    def theirs(self) -> dict[str, list[Any]]:
        if self.current is None:
            return {}
        names = [k for k in self.current if k in self.base and k not in _META]
        return audit.diff({k: self.base[k] for k in names},
                          {k: self.current[k] for k in names})

    @property
    def clashes(self) -> list[str]:
        """Fields both people changed, to different values."""
        theirs = self.theirs
        return [k for k, v in self.mine.items()
                if k in theirs and audit.diff({k: theirs[k][1]}, {k: v})]

    @property
    def changed_by(self) -> str | None:
        return None if self.current is None else self.current.get("updated_by")

    def message(self, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
        if self.current is None:
            return i18n.t("edit.conflict.deleted", lang, id=self.record_id)
        return i18n.t("edit.conflict.changed", lang, id=self.record_id,
                      who=self.changed_by or "?", n=len(self.theirs))


_META = ("version", "updated_at", "updated_by", "plot_id", "initiative_id", "stage",
         "progress_explicit")


# --- cleaning ---------------------------------------------------------------------------


def _as_date(value: Any) -> date | None:
    if value is None or value == "" or value != value:  # NaN/NaT
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if hasattr(value, "date"):  # pandas Timestamp
        return value.date()
    return date.fromisoformat(str(value).strip())


def _clean_one(spec: FieldSpec, value: Any, problems: list[FieldProblem]) -> Any:
    if spec.kind == "bool":
        return bool(value)
    if spec.kind == "date":
        try:
            return _as_date(value)
        except ValueError:
            problems.append(FieldProblem(spec.name, "edit.error.date", {"value": value}))
            return None
    if spec.kind in ("int", "float"):
        if value is None or value == "" or value != value:
            if spec.name == "progress":
                problems.append(FieldProblem(spec.name, "edit.error.required"))
            return None
        try:
            number = float(value)
            if spec.kind == "int":
                if number != int(number):
                    raise ValueError(value)
                number = int(number)
        except (TypeError, ValueError):
            problems.append(FieldProblem(spec.name, "edit.error.number", {"value": value}))
            return None
        if (spec.lo is not None and number < spec.lo) or (
                spec.hi is not None and number > spec.hi):
            problems.append(FieldProblem(spec.name, "edit.error.range", {
                "lo": spec.lo if spec.lo is not None else "-",
                "hi": spec.hi if spec.hi is not None else "-"}))
        return number
    text = None if value is None else str(value).strip()
    text = text or None
    if text is not None and len(text) > MAX_TEXT:
        problems.append(FieldProblem(spec.name, "edit.error.too_long", {"n": MAX_TEXT}))
    if spec.kind == "required" and text is None:
        problems.append(FieldProblem(spec.name, "edit.error.required"))
    elif spec.kind == "choice":
        if text not in spec.choices:
            problems.append(FieldProblem(spec.name, "edit.error.choice", {
                "value": text, "choices": ", ".join(spec.choices)}))
    elif spec.kind == "email" and text is not None and not EMAIL_RE.match(text):
        problems.append(FieldProblem(spec.name, "edit.error.email", {"value": text}))
    elif spec.kind == "phone" and text is not None and not PHONE_RE.match(text):
        problems.append(FieldProblem(spec.name, "edit.error.phone", {"value": text}))
    elif spec.kind == "codes" and text is not None:
        text = ",".join(c.strip().upper() for c in text.split(",") if c.strip()) or None
    return text


def clean_values(specs: tuple[FieldSpec, ...], values: Mapping[str, Any],
                 table: str) -> dict[str, Any]:
    """The values of the known fields, normalised; raises :class:`EditError`."""
    problems: list[FieldProblem] = []
    cleaned = {s.name: _clean_one(s, values[s.name], problems)
               for s in specs if s.name in values}
    for lo, hi in (("available_from", "available_until"), ("start_date", "expected_date"),
                   ("need_min_area_m2", "need_max_area_m2")):
        if cleaned.get(lo) is not None and cleaned.get(hi) is not None and (
                cleaned[hi] < cleaned[lo]):
            problems.append(FieldProblem(hi, "edit.error.order", {"other": lo}))
    if problems:
        raise EditError(table, problems)
    return cleaned


def _row(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> dict[str, Any] | None:
    result = db.execute(con, name, **params)
    row = result.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in result.description], row, strict=True))


# --- plots ------------------------------------------------------------------------------


def plot_for_edit(con: duckdb.DuckDBPyConnection, plot_id: str, *,
                  actor: Actor) -> dict[str, Any] | None:
    """The editable fields of a plot, with its version (with the owner's name, the notes and
    the last editor: editors only)."""
    require(con, actor, Action.EDIT_PLOT)
    return _plot_row(con, plot_id)


def _plot_row(con: duckdb.DuckDBPyConnection, plot_id: str) -> dict[str, Any] | None:
    return _row(con, "edit_plot_row", plot_id=plot_id)


def recent_changes(con: duckdb.DuckDBPyConnection, *, actor: Actor,
                   limit: int = 200) -> Any:
    """The latest entries of the audit trail (internal: staff only)."""
    require(con, actor, Action.VIEW_INTERNAL)
    return audit.recent(con, limit=limit)


def update_plot(
    con: duckdb.DuckDBPyConnection, plot_id: str, values: Mapping[str, Any], *,
    expected_version: int, actor: Actor,
    base: Mapping[str, Any] | None = None,
) -> dict[str, list[Any]]:
    """Save a plot's fields if nobody changed it since ``expected_version``.

    The availability may be set by hand only between ``available`` and ``unavailable``, and
    only while no initiative holds the plot: otherwise it follows from the holder (the one
    definition of holding, :mod:`gebrookerbos.services.holding`).

    Returns the changes ({field: [old, new]}, empty when nothing changed). Raises
    :class:`EditError` (invalid input, not allowed) or :class:`EditConflict`; in both
    cases nothing is written.
    """
    username = require(con, actor, Action.EDIT_PLOT).name
    cleaned = clean_values(PLOT_FIELDS, values, "plots")

    def changed_meanwhile() -> EditConflict:  # (the user's changes, the plot as it is now)
        return EditConflict("plots", plot_id, mine=audit.diff(base or {}, cleaned),
                            base=base or {}, current=_plot_row(con, plot_id))

    with db.transaction(con, on_conflict=changed_meanwhile):
        current = _plot_row(con, plot_id)
        if current is None or int(current["version"]) != int(expected_version):
            raise changed_meanwhile()
        changes = audit.diff(current, cleaned)
        if not changes:
            return {}
        if "availability" in changes:
            holders = holding.holders_of(con, plot_id)
            if holders:
                raise EditError("plots", [FieldProblem("availability",
                                                       "edit.error.availability_held",
                                                       {"initiative": holders[0].title})])
            if cleaned["availability"] not in holding.HAND_SET_AVAILABILITIES:
                raise EditError("plots", [FieldProblem("availability",
                                                       "edit.error.availability_no_holder")])
        params = {s.name: current[s.name] for s in PLOT_FIELDS if s.name != "availability"} | {
            k: cleaned[k] for k in changes if k != "availability"}
        params["plot_name"] = params.pop("name")  # `name` is db.execute's own argument
        updated = db.fetch_value(con, "update_plot_fields", plot_id=plot_id,
                                 expected_version=int(expected_version), username=username,
                                 **params)
        if not updated:
            raise EditConflict("plots", plot_id, mine=changes, base=base or current,
                               current=_plot_row(con, plot_id))
        if "availability" in changes:
            holding.change_availability(
                con, [holding.AvailabilityChange(
                    plot_id, current["availability"], cleaned["availability"],
                    note=i18n.t("edit.plot_event_note", i18n.DEFAULT_LANGUAGE))],
                by=username, on_date=date.today(), action="availability_by_hand",
                bump_version=False,  # the field update above bumped it
            )
        audit.record(con, username=username, table_name="plots", record_id=plot_id,
                     action="update", changes=changes)
    return changes


# --- initiatives --------------------------------------------------------------------------


def initiative_for_edit(
    con: duckdb.DuckDBPyConnection, initiative_id: str, *, actor: Actor
) -> dict[str, Any] | None:
    """The editable fields of an initiative (with personal data: editors only)."""
    require(con, actor, Action.VIEW_PERSONAL)
    return _row(con, "edit_initiative_row", initiative_id=initiative_id)


def _check_codes(con: duckdb.DuckDBPyConnection, cleaned: dict[str, Any]) -> None:
    text = cleaned.get("need_wijken")
    if not text:
        return
    codes = text.split(",")
    known = {r[0] for r in db.fetch_all(con, "neighbourhood_codes_among", codes=codes)}
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise EditError("initiatives", [FieldProblem("need_wijken", "edit.error.codes",
                                                     {"codes": ", ".join(unknown)})])


def update_initiative(
    con: duckdb.DuckDBPyConnection, initiative_id: str, values: Mapping[str, Any], *,
    expected_version: int, actor: Actor,
    base: Mapping[str, Any] | None = None,
    new_stage: Stage | str | None = None, stage_note: str | None = None,
    stage_reason: str | None = None, stage_date: date | None = None,
) -> dict[str, list[Any]]:
    """Save an initiative's fields and (optionally) change its stage by the stage rules.

    One transaction: the stage change (:func:`stages.change_stage`, which may refuse it
    with :class:`stages.StageChangeError`) and the other fields are saved together or not
    at all.
    Returns the changes. Raises :class:`EditError`, :class:`EditConflict` or
    :class:`stages.StageChangeError`.
    """
    username = require(con, actor, Action.EDIT_INITIATIVE).name
    cleaned = clean_values(INITIATIVE_FIELDS, values, "initiatives")
    _check_codes(con, cleaned)

    def changed_meanwhile() -> EditConflict:  # (the user's changes, the record as it is now)
        return EditConflict("initiatives", initiative_id, mine=audit.diff(base or {}, cleaned),
                            base=base or {},
                            current=initiative_for_edit(con, initiative_id, actor=actor))

    with db.transaction(con, on_conflict=changed_meanwhile):
        current = initiative_for_edit(con, initiative_id, actor=actor)
        if current is None or int(current["version"]) != int(expected_version):
            raise changed_meanwhile()
        changes = audit.diff(current, cleaned)
        version = int(expected_version)
        stage_changes: dict[str, list[Any]] = {}
        if new_stage is not None and str(new_stage) != current["stage"]:
            progress = cleaned.get("progress") if "progress" in changes else None
            try:
                stages.change_stage(
                    con, initiative_id, new_stage, actor=actor, note=stage_note or "",
                    on_date=stage_date, reason=stage_reason, progress=progress,
                    expected_version=version,
                )
            except StageChangeError as exc:
                if exc.key == "stages.error.version_conflict":
                    raise EditConflict("initiatives", initiative_id, mine=changes,
                                       base=base or current,
                                       current=initiative_for_edit(con, initiative_id,
                                                                   actor=actor)) from exc
                raise
            stage_changes = {"stage": [current["stage"], str(new_stage)]}
            changes.pop("progress", None)
            version += 1
            current = initiative_for_edit(con, initiative_id, actor=actor) or current
        if not changes:
            return stage_changes
        with db.transaction(con):
            params = {s.name: current[s.name] for s in INITIATIVE_FIELDS} | {
                k: cleaned[k] for k in changes}
            explicit = bool(current["progress_explicit"]) or "progress" in changes
            updated = db.fetch_value(con, "update_initiative_fields", initiative_id=initiative_id,
                                     expected_version=version, username=username,
                                     progress_explicit=explicit, **params)
            if not updated:
                raise EditConflict("initiatives", initiative_id, mine=changes,
                                   base=base or current,
                                   current=initiative_for_edit(con, initiative_id, actor=actor))
            audit.record(con, username=username, table_name="initiatives",
                         record_id=initiative_id, action="update", changes=changes)
        return stage_changes | changes


# Defaults of a new initiative's fields (the form may leave any of them out).
_NEW_INITIATIVE_DEFAULTS: dict[str, Any] = {
    s.name: (False if s.kind == "bool" else None) for s in INITIATIVE_FIELDS
}


def create_initiative(
    con: duckdb.DuckDBPyConnection, values: Mapping[str, Any], *, actor: Actor,
    note: str, on_date: date | None = None,
) -> str:
    """Register a new initiative at stage idea; returns its id (INI-NNN).

    All or nothing: the validated fields, the first stage event (its start in the
    history, dated ``on_date`` or today) and the audit entry. Raises :class:`EditError`.
    """
    username = require(con, actor, Action.REGISTER_INITIATIVE).name
    if values.get("theme") in (None, ""):
        raise EditError("initiatives", [FieldProblem("theme", "edit.error.required")])
    cleaned = clean_values(INITIATIVE_FIELDS, {"title": None, **values}, "initiatives")
    if not (note or "").strip():
        raise EditError("initiatives", [FieldProblem(None, "edit.error.note_required")])
    _check_codes(con, cleaned)
    params = {**_NEW_INITIATIVE_DEFAULTS, **cleaned}
    params["progress"] = STAGE_PROGRESS[Stage.IDEA]
    params["start_date"] = params["start_date"] or on_date or date.today()

    def create() -> str:  # two registering at once may draw the same number: again
        with db.transaction(con):
            number = int(db.fetch_value(con, "next_initiative_number"))
            initiative_id = f"INI-{number:03d}"
            db.execute(con, "insert_new_initiative", initiative_id=initiative_id,
                       username=username, **params)
            stages.record_creation(con, initiative_id, actor=actor, note=note,
                                   on_date=on_date or date.today())
            audit.record(con, username=username, table_name="initiatives",
                         record_id=initiative_id, action="create",
                         changes=audit.diff({}, {k: v for k, v in params.items()
                                                 if v is not None}))
        return initiative_id

    return db.retry_conflicts(create)


def plots_matching(con: duckdb.DuckDBPyConnection, text: str, limit: int = 200) -> list[tuple]:
    """(plot_id, name) of plots whose id or name contains ``text``."""
    return db.fetch_all(con, "plots_matching", text=(text or "").strip(), limit=limit)


def initiatives_matching(
    con: duckdb.DuckDBPyConnection, text: str, limit: int = 200
) -> list[tuple]:
    """(initiative_id, title) of initiatives whose id or title contains ``text``."""
    return db.fetch_all(con, "initiatives_matching", text=(text or "").strip(), limit=limit)
