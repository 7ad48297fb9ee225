"""The public screen (page Scherm): configuration, slide order and the data of the slides.

Pure functions of the data; the slides' HTML is made by :mod:`gebrookerbos.present.screen`
and the maps by :mod:`gebrookerbos.maps.screen_map`, the URL is read by
:func:`gebrookerbos.present.screen.parse_config`; the page calls
these and renders. The screen is for residents at a neighbourhood meeting, so it uses ONLY
the public queries of ``queries/screen.sql`` (no personal data of initiators, whoever is
logged in).

Slides follow a fixed round (``ROUND``): headline figures, the map with one initiative
highlighted, the neighbourhood overview, what is still available, how to take part; every
second slide is the map with the next initiative (in ``initiative_id`` order).

Definitions (also in the header of ``queries/screen.sql``):

- *running* (lopend): stage idea, exploring, plan, approved or in_progress;
- *m² handed back*: the area of the distinct plots in use (availability ``in_use``) by an
  initiative that is being built or is realised (stage ``in_progress`` or ``realised``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

import duckdb
import pandas as pd

from gebrookerbos import db, i18n

INTERVAL_DEFAULT = 15
# At most 60 s, so that a change in the data shows within a minute (the slide re-queries).
INTERVAL_MIN, INTERVAL_MAX = 5, 60
SIGNUP_ENV = "GEBROOKERBOS_SIGNUP_URL"
# A placeholder until the programme has its own sign-up page; set GEBROOKERBOS_SIGNUP_URL.
DEFAULT_SIGNUP_URL = "https://www.heerlen.nl/gebrookerbos"
OVERVIEW_ROWS = 10  # rows of the neighbourhood overview that fit on one screen


class SlideKind(StrEnum):
    HEADLINES = "headlines"
    INITIATIVE = "initiative"
    NEIGHBOURHOODS = "neighbourhoods"
    AVAILABLE = "available"
    JOIN = "join"


ROUND: tuple[SlideKind, ...] = (
    SlideKind.HEADLINES,
    SlideKind.INITIATIVE,
    SlideKind.NEIGHBOURHOODS,
    SlideKind.INITIATIVE,
    SlideKind.AVAILABLE,
    SlideKind.INITIATIVE,
    SlideKind.JOIN,
    SlideKind.INITIATIVE,
)


# --------------------------------------------------------------------------------------
# Configuration from the URL
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScreenConfig:
    """What the URL (and the environment) asked for, after checking."""

    wijk: str | None = None  # CBS wijk code, None = all of Heerlen
    wijk_name: str | None = None
    interval: int = INTERVAL_DEFAULT
    lang: str = i18n.DEFAULT_LANGUAGE
    signup_url: str = DEFAULT_SIGNUP_URL
    notices: tuple[str, ...] = field(default_factory=tuple)  # translated, for bad values

    def scope_name(self) -> str:
        return self.wijk_name or i18n.t("screen.scope_all", self.lang)


# The URL is read by :func:`gebrookerbos.present.screen.parse_config` (the one URL check,
# :mod:`gebrookerbos.present.url_state`).


# --------------------------------------------------------------------------------------
# Slide order
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slide:
    kind: SlideKind
    position: int  # 0-based position in the round
    round_length: int
    initiative_index: int | None = None  # for INITIATIVE slides


def slide_round(n_initiatives: int) -> tuple[SlideKind, ...]:
    """The round of slides; without initiatives on plots the map slides are left out."""
    if n_initiatives > 0:
        return ROUND
    return tuple(k for k in ROUND if k != SlideKind.INITIATIVE)


def slide_at(counter: int, n_initiatives: int) -> Slide:
    """The slide shown at step ``counter`` (0, 1, 2, ...): deterministic, cycles forever.

    Each INITIATIVE slide highlights the next initiative, so over successive rounds every
    initiative with a plot comes by in turn.
    """
    counter = max(int(counter), 0)
    kinds = slide_round(n_initiatives)
    position = counter % len(kinds)
    kind = kinds[position]
    if kind != SlideKind.INITIATIVE:
        return Slide(kind, position, len(kinds))
    per_round = kinds.count(SlideKind.INITIATIVE)
    shown_before = (counter // len(kinds)) * per_round + kinds[:position].count(kind)
    return Slide(kind, position, len(kinds), shown_before % n_initiatives)


# --------------------------------------------------------------------------------------
# Data (public queries only)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeadlineFigures:
    realised: int
    running: int
    plots_handed_back: int
    area_handed_back_m2: float
    plots_available: int
    area_available_m2: float


def headline_figures(con: duckdb.DuckDBPyConnection, wijk: str | None) -> HeadlineFigures:
    row = db.fetch_one(con, "screen_headline_figures", wijk=wijk)
    return HeadlineFigures(
        realised=int(row[0]),
        running=int(row[1]),
        plots_handed_back=int(row[2]),
        area_handed_back_m2=float(row[3]),
        plots_available=int(row[4]),
        area_available_m2=float(row[5]),
    )


def initiatives(con: duckdb.DuckDBPyConnection, wijk: str | None) -> pd.DataFrame:
    """Initiatives (not stopped) with a plot in scope: public fields, plots and bounds."""
    return db.fetch_df(con, "screen_initiatives", wijk=wijk)


def map_plots(con: duckdb.DuckDBPyConnection, wijk: str | None) -> pd.DataFrame:
    """Plots in scope for the screen maps (public fields; the map draws them by id)."""
    return db.fetch_df(con, "screen_map_plots", wijk=wijk)


# Around an initiative the map shows at least this much (degrees lon, lat; about 2 x 1 km).
NEAR_SPAN = (0.03, 0.012)


def initiative_bounds(initiative: Mapping) -> tuple[float, float, float, float]:
    """The WGS84 box of an initiative's plots (from ``screen_initiatives``)."""
    return (float(initiative["min_lon"]), float(initiative["min_lat"]),
            float(initiative["max_lon"]), float(initiative["max_lat"]))


def near_box(bounds: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """A box around ``bounds`` of at least ``NEAR_SPAN``: what the map around it shows."""
    min_x, min_y, max_x, max_y = bounds
    cx, cy = (min_x + max_x) / 2, (min_y + max_y) / 2
    half_x = max((max_x - min_x) / 2, NEAR_SPAN[0] / 2) * 1.5
    half_y = max((max_y - min_y) / 2, NEAR_SPAN[1] / 2) * 1.5
    return (cx - half_x, cy - half_y, cx + half_x, cy + half_y)


def plots_near(con: duckdb.DuckDBPyConnection, initiative: Mapping) -> pd.DataFrame:
    """The plots around an initiative (its own among them), for the map that highlights it."""
    min_x, min_y, max_x, max_y = near_box(initiative_bounds(initiative))
    return db.fetch_df(con, "screen_plots_near", min_lon=min_x, min_lat=min_y, max_lon=max_x,
                       max_lat=max_y)


def neighbourhood_overview(con: duckdb.DuckDBPyConnection, wijk: str | None) -> pd.DataFrame:
    """Per wijk (or per buurt of the chosen wijk): inhabitants, plots, initiatives, m²."""
    return db.fetch_df(con, "screen_neighbourhood_overview", wijk=wijk)


def ideas_without_place(con: duckdb.DuckDBPyConnection, wijk: str | None) -> int:
    return int(db.fetch_value(con, "screen_ideas_without_place", wijk=wijk))


def overview_rows(overview: pd.DataFrame, limit: int = OVERVIEW_ROWS) -> tuple[pd.DataFrame, int]:
    """The most active areas first (running + realised, then m², then plots); and how many
    areas with anything at all did not fit."""
    active = overview[(overview["plots"] > 0) | (overview["running"] > 0)
                      | (overview["realised"] > 0)].copy()
    active["_activity"] = active["running"] + active["realised"]
    active = active.sort_values(
        ["_activity", "area_handed_back_m2", "plots", "code"],
        ascending=[False, False, False, True],
    ).drop(columns="_activity")
    return active.head(limit), max(len(active) - limit, 0)
