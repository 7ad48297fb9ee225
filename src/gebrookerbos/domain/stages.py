"""The stage rules of an initiative, in one place (pure Python).

The path: idea -> exploring -> plan -> approved -> in_progress -> realised.

- One step forward on the path is always allowed; skipping a stage is not.
- ``stopped`` may follow any stage before ``realised`` (not ``realised`` itself).
- A step back to any earlier stage on the path (also from ``realised``, to correct a
  mistake) needs a non-empty reason; the reason is recorded in the event's note.
- A stopped initiative may be restarted, with a reason, at ``idea`` or ``exploring``
  only (it has to find its plot and partners again); nothing else follows ``stopped``.

The one way to change a stage is :func:`gebrookerbos.services.stages.change_stage`.
"""

from __future__ import annotations

from typing import Any

from gebrookerbos import i18n
from gebrookerbos.domain import (
    STAGE_ORDER,
    Stage,
    is_forward_step,
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
