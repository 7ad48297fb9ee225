"""The map pages' map parts: the legend beside the map and what the browser reports back
(the view, the clicked plot). Pure functions; the plots as a table are
in :mod:`gebrookerbos.present.plot_tables`."""

from __future__ import annotations

import html
import math

import pandas as pd
import shapely

from gebrookerbos import i18n
from gebrookerbos.maps.layers import MAX_ZOOM, Viewport
from gebrookerbos.maps.plot_map import legend_title
from gebrookerbos.maps.style import ColourBy, legend_swatches, swatch_css

PICKER_MAX_OPTIONS = 2_000  # above this the page asks for a plot id instead of a list


def legend_html(colour_by: ColourBy, lang: str) -> str:
    """The legend as HTML text beside the map (readable by screen readers): each status in
    words, its swatch drawn as the plots are (hatched where they are)."""
    title = legend_title(colour_by, lang)
    items = " ".join(
        f'<span style="white-space:nowrap;margin-right:12px">'
        f'<span aria-hidden="true" style="display:inline-block;width:14px;height:14px;'
        f'{swatch_css(swatch)};box-sizing:border-box;margin-right:4px;vertical-align:middle">'
        f'</span>{html.escape(swatch.label)}</span>'
        for swatch in legend_swatches(colour_by, lang)
    )
    return f"**{html.escape(i18n.t('map.legend', lang))} ({html.escape(title)}):** {items}"


def area_bounds(boundaries: pd.DataFrame, code: str) -> tuple[float, float, float, float] | None:
    """The WGS84 box of one area of a ``neighbourhood_boundaries`` frame (None: unknown)."""
    match = boundaries[boundaries["code"] == code]
    if match.empty:
        return None
    west, south, east, north = shapely.from_geojson(match.iloc[0]["geojson"]).bounds
    return (float(west), float(south), float(east), float(north))


def viewport_from(state: dict | None) -> Viewport | None:
    """The map's view from what ``st_folium`` returned last (``bounds`` and ``zoom``).

    None before the browser has reported a view (the first run of the page), and for
    anything a map cannot show: the browser's report is input like any other, so a zoom
    that is not a whole number from 0 to :data:`~gebrookerbos.maps.layers.MAX_ZOOM`, or a
    box that is not finite, ordered and on the globe, is no view at all (the map then gets
    its overview layer).
    """
    if not isinstance(state, dict):
        return None
    bounds, zoom = state.get("bounds") or {}, state.get("zoom")
    if not isinstance(bounds, dict) or isinstance(zoom, bool):
        return None
    south_west, north_east = bounds.get("_southWest") or {}, bounds.get("_northEast") or {}
    try:
        west, south = float(south_west["lng"]), float(south_west["lat"])
        east, north = float(north_east["lng"]), float(north_east["lat"])
        level = float(zoom)
    except (KeyError, TypeError, ValueError, OverflowError):
        return None
    if not all(math.isfinite(v) for v in (west, south, east, north, level)):
        return None
    if level != int(level) or not 0 <= level <= MAX_ZOOM:
        return None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        return None
    return Viewport(west=west, south=south, east=east, north=north, zoom=int(level))


def clicked_plot_id(state: dict | None) -> str | None:
    """The plot the user clicked last (a feature's or a dot's ``plot_id``), if any."""
    if not isinstance(state, dict):
        return None
    drawing = state.get("last_active_drawing") or {}
    plot_id = (drawing.get("properties") or {}).get("plot_id")
    return plot_id if isinstance(plot_id, str) else None


def clicked_point(state: dict | None) -> tuple[float, float, float] | None:
    """Where the user clicked the picture of dots last (lon, lat, zoom): the server finds
    the plot there (:func:`gebrookerbos.maps.layers.pick`). None otherwise, or when what the
    browser sent is not three finite numbers in range."""
    if not isinstance(state, dict):
        return None
    drawing = state.get("last_active_drawing") or {}
    at = (drawing.get("properties") or {}).get("pick")
    try:
        lon, lat, zoom = (float(v) for v in at)
    except (TypeError, ValueError):
        return None
    if not (-180 <= lon <= 180 and -85 <= lat <= 85 and 0 <= zoom <= 24):
        return None
    return lon, lat, zoom
