"""The broker's pipeline: initiatives by stage, next actions, what is overdue, and the user
agreements that end soon ("loopt af").

The pipeline shows account managers (personal data, see ``domain.PERSONAL_COLUMNS``), so
the page calls :func:`pipeline_initiatives` only for logged-in users.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import pandas as pd

from gebrookerbos import db
from gebrookerbos.domain import STAGE_ORDER, Stage
from gebrookerbos.domain.auth import Action, Actor, require
from gebrookerbos.domain.plot_filter import add_months

BOARD_STAGES: tuple[Stage, ...] = (*STAGE_ORDER, Stage.STOPPED)


def wijk_of(code: str) -> str | None:
    """The wijk code of a CBS wijk or buurt code (BU0917xxyy -> WK0917xx)."""
    code = code.strip()
    if code.startswith("WK"):
        return code
    if code.startswith("BU") and len(code) >= 8:
        return "WK" + code[2:8]
    return None


def _date(value: Any) -> date | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    return pd.Timestamp(value).date()


@dataclass(frozen=True)
class Card:
    """One initiative on the board."""

    initiative_id: str
    title: str
    stage: str
    account_manager: str | None
    next_action: str | None
    due: date | None
    days_overdue: int  # > 0 when the due date has passed
    wijken: frozenset[str]

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0


def pipeline_initiatives(con: duckdb.DuckDBPyConnection, *, actor: Actor) -> pd.DataFrame:
    """All initiatives with account manager and next action (logged-in users only)."""
    require(con, actor, Action.VIEW_PERSONAL)  # account managers and internal actions
    return db.fetch_df(con, "pipeline_initiatives")


def cards(frame: pd.DataFrame, today: date) -> list[Card]:
    """The rows of ``pipeline_initiatives`` as cards; overdue when due before today.

    Stopped and realised initiatives have nothing left to do, so they are never overdue.
    """
    result = []
    for row in frame.to_dict("records"):
        due = _date(row.get("next_action_due"))
        finished = row["stage"] in (Stage.REALISED, Stage.STOPPED)
        plot_wijken = row.get("plot_wijken")
        codes = [*(list(plot_wijken) if plot_wijken is not None else []),
                 *str(row.get("need_wijken") or "").split(",")]
        manager = row.get("account_manager")
        action = row.get("next_action")
        result.append(Card(
            initiative_id=row["initiative_id"],
            title=row["title"],
            stage=row["stage"],
            account_manager=manager if isinstance(manager, str) and manager else None,
            next_action=action if isinstance(action, str) and action else None,
            due=due,
            days_overdue=(today - due).days if due and due < today and not finished else 0,
            wijken=frozenset(w for c in codes if c and (w := wijk_of(c))),
        ))
    return result


def filter_cards(
    all_cards: list[Card], account_manager: str | None = None, wijk: str | None = None
) -> list[Card]:
    """The cards of one account manager and/or about one wijk (None: no filter)."""
    return [
        c for c in all_cards
        if (account_manager is None or c.account_manager == account_manager)
        and (wijk is None or wijk in c.wijken)
    ]


def board(all_cards: list[Card]) -> dict[Stage, list[Card]]:
    """A column per stage, overdue cards first, then by due date."""
    columns: dict[Stage, list[Card]] = {s: [] for s in BOARD_STAGES}
    for c in all_cards:
        columns[Stage(c.stage)].append(c)
    for stage, items in columns.items():
        columns[stage] = sorted(
            items, key=lambda c: (not c.overdue, c.due or date.max, c.title)
        )
    return columns


def account_managers(all_cards: list[Card]) -> list[str]:
    return sorted({c.account_manager for c in all_cards if c.account_manager})


def agreements_ending(
    con: duckdb.DuckDBPyConnection, months: int, today: date | None = None
) -> pd.DataFrame:
    """Plots whose user agreement ends within ``months`` months ("loopt af"), soonest first."""
    today = today or date.today()
    frame = db.fetch_df(con, "agreements_ending", today=today,
                        until=add_months(today, int(months)))
    frame["days_left"] = [(_date(d) - today).days for d in frame["agreement_end"]]
    return frame
