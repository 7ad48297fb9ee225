"""The Initiatieven page's data: the filtered list, one initiative and its plots.

Public functions return public columns only; the ``personal_*`` functions return personal
data of initiators and may only be called when the viewer is logged in
(``ui.can_see_personal_data()``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from gebrookerbos import db
from gebrookerbos.domain import auth
from gebrookerbos.domain.auth import PUBLIC, Action, Actor, require


@dataclass(frozen=True)
class InitiativeFilter:
    """The list's filters; empty means "no filter". ``account_manager`` only when logged in."""

    stages: Sequence[str] = field(default_factory=tuple)
    themes: Sequence[str] = field(default_factory=tuple)
    wijk: str | None = None
    account_manager: str | None = None

    def params(self) -> dict:
        return {
            "stages": list(self.stages),
            "themes": list(self.themes),
            "wijk": self.wijk,
            "account_manager": self.account_manager,
        }


def initiatives(
    con: duckdb.DuckDBPyConnection, flt: InitiativeFilter = InitiativeFilter()
) -> pd.DataFrame:
    """Initiatives matching the filter (public columns, wijken, plots and their area)."""
    return db.fetch_df(con, "initiative_overview_list", **flt.params())


def detail(con: duckdb.DuckDBPyConnection, initiative_id: str, *,
           actor: Actor = PUBLIC) -> dict | None:
    """One initiative's public fields (for staff also the partners and the next action), or
    None."""
    frame = db.fetch_df(con, auth.named_query(con, actor, "initiative_overview_detail"),
                        initiative_id=initiative_id)
    return None if frame.empty else frame.iloc[0].to_dict()


def plot_ids(con: duckdb.DuckDBPyConnection, initiative_id: str) -> list[str]:
    return [r[0] for r in db.fetch_all(con, "initiative_overview_plot_ids",
                                       initiative_id=initiative_id)]


def personal_detail(con: duckdb.DuckDBPyConnection, initiative_id: str, *,
                    actor: Actor) -> dict | None:
    """PERSONAL DATA of one initiative (initiator, contact, account manager)."""
    require(con, actor, Action.VIEW_PERSONAL)
    frame = db.fetch_df(con, "initiative_overview_personal", initiative_id=initiative_id)
    return None if frame.empty else frame.iloc[0].to_dict()


def personal_account_managers(con: duckdb.DuckDBPyConnection, *, actor: Actor) -> list[str]:
    """PERSONAL DATA: the account managers, for the logged-in filter."""
    require(con, actor, Action.VIEW_PERSONAL)
    return [r[0] for r in db.fetch_all(con, "initiative_overview_account_managers")]


def personal_account_manager_of(con: duckdb.DuckDBPyConnection, *,
                                actor: Actor) -> dict[str, str | None]:
    """PERSONAL DATA: initiative_id -> account manager."""
    require(con, actor, Action.VIEW_PERSONAL)
    return dict(db.fetch_all(con, "initiative_overview_account_managers_of"))
