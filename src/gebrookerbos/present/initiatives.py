"""The Initiatieven page's list as a readable table (the data: :mod:`gebrookerbos.domain.initiatives`)."""

from __future__ import annotations

import pandas as pd

from gebrookerbos import i18n


def list_table(
    frame: pd.DataFrame, lang: str, account_managers: dict[str, str | None] | None = None
) -> pd.DataFrame:
    """The list as a readable table; the account manager column only when given."""
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    table = pd.DataFrame(
        {
            t("initiatives.id"): frame["initiative_id"],
            t("initiative.title"): frame["title"],
            t("initiative.stage"): [i18n.label("stage", s, lang) for s in frame["stage"]],
            t("initiative.theme"): [i18n.label("theme", s, lang) for s in frame["theme"]],
            t("initiative.progress"): frame["progress"].astype(int),
            t("initiatives.wijken"): frame["wijken"],
            t("initiatives.plots"): frame["plots"].astype(int),
            t("plot.area_m2"): frame["area_m2"].round(0).astype(int),
            t("initiatives.start_date"): pd.to_datetime(frame["start_date"]).dt.date,
        }
    )
    if account_managers is not None:
        table[t("initiatives.account_manager")] = [
            account_managers.get(i) or "" for i in frame["initiative_id"]
        ]
    return table
