"""The maps' colours: the Okabe-Ito palette per availability and per stage, and the legend.

Okabe-Ito is safe for the common forms of colour blindness. Shared by the plot map, the map
layer at scale, the legends beside the maps and the charts of stages.

A plot is filled with its Okabe-Ito colour and outlined in a dark colour of the same family
that stands out (at least 4.5:1, WCAG 1.4.11 asks 3:1) against white, the PDOK grey
basemap's light greys and Leaflet's empty background (:data:`BACKGROUNDS`). Colour never
carries the meaning alone: reserved plots are hatched (:data:`HATCHED`, on the map and in
every legend swatch), and legends and the details say the status in words.
"""

from __future__ import annotations

from dataclasses import dataclass
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

# The outline of each colour: a dark shade of the same hue, readable on the light basemaps.
AVAILABILITY_OUTLINES: dict[str, str] = {
    Availability.AVAILABLE: "#006B4E",
    Availability.RESERVED: "#8A5300",
    Availability.IN_USE: "#005A8C",
    Availability.UNAVAILABLE: "#595959",
}
STAGE_OUTLINES: dict[str, str] = {
    Stage.IDEA: "#6B6300",
    Stage.EXPLORING: "#8A5300",
    Stage.PLAN: "#1F6391",
    Stage.APPROVED: "#006B4E",
    Stage.IN_PROGRESS: "#004A75",
    Stage.REALISED: "#8F3A6E",
    Stage.STOPPED: "#A33F00",
    "none": "#616161",
}
# What a plot's outline is seen against: white, the PDOK grey basemap's light greys and
# Leaflet's empty map background (where no tiles are drawn).
BACKGROUNDS: tuple[str, ...] = ("#FFFFFF", "#F2F2F2", "#E6E6E6", "#DDDDDD")
# Which codes are hatched (stripes of the outline colour over the fill), when colouring by
# availability: reserved tells itself from available without colour.
HATCHED: frozenset[str] = frozenset({Availability.RESERVED})
FILL_OPACITY = 0.8


def relative_luminance(colour: str) -> float:
    """The relative luminance of an sRGB colour ``#RRGGBB`` as WCAG 2.x defines it."""
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG 2.x contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


class ColourBy(StrEnum):
    AVAILABILITY = "availability"
    STAGE = "stage"


@dataclass(frozen=True)
class Swatch:
    """One legend entry as the map draws it: label, fill, outline, and whether hatched."""

    label: str
    fill: str
    outline: str
    hatched: bool = False


def colours_of(colour_by: ColourBy) -> tuple[dict[str, str], dict[str, str]]:
    """The fills and the outlines of the chosen colouring, by code, in legend order."""
    if colour_by == ColourBy.AVAILABILITY:
        return AVAILABILITY_COLOURS, AVAILABILITY_OUTLINES
    return STAGE_COLOURS, STAGE_OUTLINES


def hatched(colour_by: ColourBy) -> list[bool]:
    """Per legend entry of the chosen colouring: drawn hatched or not."""
    fills, _ = colours_of(colour_by)
    return [colour_by == ColourBy.AVAILABILITY and code in HATCHED for code in fills]


def legend_swatches(colour_by: ColourBy, lang: str) -> list[Swatch]:
    """The legend of the chosen colouring, each entry drawn as the plots are."""
    fills, outlines = colours_of(colour_by)
    return [
        Swatch(label, fill, outlines[code], hatch)
        for (label, fill), code, hatch in zip(
            legend_entries(colour_by, lang), fills, hatched(colour_by), strict=True)
    ]


def swatch_css(swatch: Swatch) -> str:
    """The CSS of a legend swatch: the plot's fill (hatched when the plots are), its outline."""
    if swatch.hatched:
        background = (f"background:repeating-linear-gradient(45deg,{swatch.outline} 0 2px,"
                      f"{swatch.fill} 2px 6px)")
    else:
        background = f"background:{swatch.fill}"
    return f"{background};border:2px solid {swatch.outline}"


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
