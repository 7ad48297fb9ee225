"""The maps' colours: the Okabe-Ito palette per availability and per stage, and the legend.

Okabe-Ito is safe for the common forms of colour blindness. Shared by the plot map, the map
layer at scale, the legends beside the maps and the charts of stages.
"""

from __future__ import annotations

from enum import StrEnum

import pandas as pd

from gebrookerbos import i18n
from gebrookerbos.domain import Availability, Stage

# Okabe-Ito colours.
AVAILABILITY_COLOURS: dict[str, str] = {
    Availability.AVAILABLE: "#009E73",  # bluish green
    Availability.RESERVED: "#E69F00",  # orange
    Availability.IN_USE: "#0072B2",  # blue
    Availability.UNAVAILABLE: "#999999",  # grey
}
STAGE_COLOURS: dict[str, str] = {
    Stage.IDEA: "#F0E442",  # yellow
    Stage.EXPLORING: "#E69F00",  # orange
    Stage.PLAN: "#56B4E9",  # sky blue
    Stage.APPROVED: "#009E73",  # bluish green
    Stage.IN_PROGRESS: "#0072B2",  # blue
    Stage.REALISED: "#CC79A7",  # reddish purple
    Stage.STOPPED: "#D55E00",  # vermillion
    "none": "#BBBBBB",  # no initiative
}
SELECTED_COLOUR = "#000000"


class ColourBy(StrEnum):
    AVAILABILITY = "availability"
    STAGE = "stage"


def legend_entries(colour_by: ColourBy, lang: str) -> list[tuple[str, str]]:
    """(label, colour) pairs for the legend of the chosen colouring."""
    if colour_by == ColourBy.AVAILABILITY:
        return [(i18n.label("availability", a, lang), c) for a, c in AVAILABILITY_COLOURS.items()]
    return [
        (i18n.label("stage", None if s == "none" else s, lang), c)
        for s, c in STAGE_COLOURS.items()
    ]


def plot_colour(row: pd.Series | dict, colour_by: ColourBy) -> str:
    if colour_by == ColourBy.AVAILABILITY:
        return AVAILABILITY_COLOURS.get(row["availability"], "#999999")
    stage = row.get("stage")
    return STAGE_COLOURS.get(stage if isinstance(stage, str) else "none", "#BBBBBB")
