"""The Initiatieven page's data: the filtered list, one initiative, its plots on a small map.

Public functions return public columns only; the ``personal_*`` functions return personal
data of initiators and may only be called when the viewer is logged in
(``ui.can_see_personal_data()``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import duckdb
import folium
import pandas as pd
import shapely

from gebrookerbos import db, i18n
from gebrookerbos.maps.plot_map import MapOptions, build_map


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


def detail(con: duckdb.DuckDBPyConnection, initiative_id: str) -> dict | None:
    """One initiative's public fields, or None."""
    frame = db.fetch_df(con, "initiative_overview_detail", initiative_id=initiative_id)
    return None if frame.empty else frame.iloc[0].to_dict()


def plot_ids(con: duckdb.DuckDBPyConnection, initiative_id: str) -> list[str]:
    return [r[0] for r in db.fetch_all(con, "initiative_overview_plot_ids",
                                       initiative_id=initiative_id)]


def personal_detail(con: duckdb.DuckDBPyConnection, initiative_id: str) -> dict | None:
    """PERSONAL DATA of one initiative (initiator, contact, account manager)."""
    frame = db.fetch_df(con, "initiative_overview_personal", initiative_id=initiative_id)
    return None if frame.empty else frame.iloc[0].to_dict()


def personal_account_managers(con: duckdb.DuckDBPyConnection) -> list[str]:
    """PERSONAL DATA: the account managers, for the logged-in filter."""
    return [r[0] for r in db.fetch_all(con, "initiative_overview_account_managers")]


def personal_account_manager_of(con: duckdb.DuckDBPyConnection) -> dict[str, str | None]:
    """PERSONAL DATA: initiative_id -> account manager."""
    return dict(db.fetch_all(con, "initiative_overview_account_managers_of"))


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


def plots_bounds(plots: pd.DataFrame, pad: float = 0.0015) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) around the plots' WGS84 GeoJSON, padded."""
    geoms = [shapely.from_geojson(g) for g in plots["geojson"]]
    x0, y0, x1, y1 = shapely.total_bounds(geoms)
    return (x0 - pad, y0 - pad, x1 + pad, y1 + pad)


def small_map(plots: pd.DataFrame, lang: str, basemap) -> folium.Map:
    """The initiative's plots on a small map (the same builder as the main map)."""
    return build_map(
        plots, plots_bounds(plots),
        MapOptions(basemap=basemap, lang=lang, show_buurten=False, show_wijken=False,
                   height=300),
    )
