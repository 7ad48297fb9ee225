"""The map of the public screen: a pure function of public data, for display only.

The same map builder and plot layer as every other map; unlike them it is not interactive
(nothing to click on a wall screen), it draws the neighbourhood boundaries on a light
background so it reads well without basemap tiles (offline), and it marks either one
initiative's plots or the available plots. Leaflet comes from the app's static files
(:mod:`gebrookerbos.maps.assets`), never from a CDN.
"""

from __future__ import annotations

import html
import json
from collections.abc import Collection
from enum import StrEnum

import folium
import pandas as pd
from branca.element import Element

from gebrookerbos import i18n
from gebrookerbos.maps.layers import PlotLayer
from gebrookerbos.maps.plot_map import (
    PDOK_ATTRIBUTION,
    PDOK_GREY_URL,
    Basemap,
    MapOptions,
    build_map,
    plot_layer_group,
)
from gebrookerbos.maps.style import ColourBy

BACKGROUND = "#E9EEEA"  # light grey-green: what shows where tiles are missing
HIGHLIGHT = "#D55E00"  # Okabe-Ito vermillion: the ring around an initiative


class Focus(StrEnum):
    INITIATIVE = "initiative"  # one initiative's plots highlighted
    AVAILABLE = "available"  # the available plots highlighted


Bounds = tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


def _collection(rows: pd.DataFrame, props: Collection[str]) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": json.loads(r["geojson"]),
                "properties": {k: r[k] for k in props},
            }
            for r in rows.to_dict("records")
        ],
    }


def build_screen_map(
    layer: PlotLayer,
    bounds: Bounds,
    *,
    focus: Focus,
    wijken: pd.DataFrame | None = None,
    buurten: pd.DataFrame | None = None,
    wijk: str | None = None,
    lang: str = i18n.DEFAULT_LANGUAGE,
    labels: pd.DataFrame | None = None,
    max_zoom: int = 15,
) -> folium.Map:
    """The screen map framed on ``bounds``.

    Parameters
    ----------
    layer
        The plots, drawn by the same layer as every map of the app
        (:func:`gebrookerbos.maps.layers.plot_layer`, coloured by availability) with what
        stands out marked in it: the initiative's plots, or the available plots.
    bounds
        What to frame: the initiative's plots, the wijk or the municipality.
    focus
        INITIATIVE: a ring around the initiative so that a small plot is seen from across
        the room; AVAILABLE: the marked available plots stand out by themselves.
    wijken, buurten
        Boundaries (``neighbourhood_boundaries`` rows); with ``wijk`` set, that wijk is
        drawn white and its buurten dashed, the rest greyed.
    labels
        Areas (boundary rows) whose names are written on the map, for orientation when
        there are no basemap tiles.
    """
    min_x, min_y, max_x, max_y = bounds
    m = build_map(
        None, bounds,
        MapOptions(colour_by=ColourBy.AVAILABILITY, basemap=Basemap.NONE, lang=lang,
                   show_buurten=False, show_wijken=False, layer_control=False,
                   interactive=False),
    )
    m.get_root().header.add_child(Element(
        f"<style>.leaflet-container{{background:{BACKGROUND}}}"
        ".leaflet-control-attribution{font-size:13px}"
        ".gb-label-icon{background:none;border:none}"
        ".gb-map-label{font:700 18px/24px Arial,sans-serif;color:#1a1a1a;text-align:center;"
        "white-space:nowrap;text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 3px #fff,0 0 3px #fff}"
        "</style>"
    ))
    # Tiles on top of the light background when reachable; without them nothing breaks.
    folium.TileLayer(
        PDOK_GREY_URL, attr=PDOK_ATTRIBUTION, name="PDOK", max_zoom=19, max_native_zoom=19,
        opacity=0.75,
    ).add_to(m)

    if wijken is not None and len(wijken):
        folium.GeoJson(
            _collection(wijken, ("code", "name")),
            style_function=lambda f: {
                "color": "#333333", "weight": 3 if f["properties"]["code"] == wijk else 1.5,
                "fillColor": "#FFFFFF" if wijk in (None, f["properties"]["code"]) else "#C9D0CB",
                "fillOpacity": 0.35,
            },
            interactive=False,
        ).add_to(m)
    if buurten is not None and len(buurten):
        shown = buurten if wijk is None else buurten[buurten["wijk_code"] == wijk]
        if len(shown):
            folium.GeoJson(
                _collection(shown, ("code", "name")),
                style_function=lambda f: {
                    "color": "#555555", "weight": 1, "dashArray": "5 5", "fill": False,
                },
                interactive=False,
            ).add_to(m)

    if labels is not None:
        for name, (lon, lat) in area_label_points(labels):
            folium.Marker(
                [lat, lon], interactive=False,
                icon=folium.DivIcon(
                    html=f'<div class="gb-map-label">{html.escape(name)}</div>',
                    icon_size=(240, 24), icon_anchor=(120, 12), class_name="gb-label-icon",
                ),
            ).add_to(m)

    plot_layer_group(layer, lang, interactive=False).add_to(m)
    if focus == Focus.INITIATIVE:
        # A ring around the initiative so that a small plot is seen from across the room.
        folium.CircleMarker(
            [(min_y + max_y) / 2, (min_x + max_x) / 2], radius=34, color=HIGHLIGHT,
            weight=6, fill=False, interactive=False,
        ).add_to(m)
    m.fit_bounds([[min_y, min_x], [max_y, max_x]], padding=(60, 60), max_zoom=max_zoom)
    return m


def map_html(m: folium.Map, *, lang: str = i18n.DEFAULT_LANGUAGE,
             title: str | None = None) -> str:
    """The complete HTML document of the map (for an iframe), in the map's language and
    with ``title`` (what the map shows) as its title, for whoever reads the frame."""
    root = m.get_root()
    root.title = html.escape(title) if title else None  # (branca writes it as it is)
    return root.render().replace("<html>", f'<html lang="{html.escape(lang)}">', 1)


def area_label_points(areas: pd.DataFrame) -> list[tuple[str, tuple[float, float]]]:
    """(name, (lon, lat)) of a point inside each area, where its name is written."""
    import shapely

    points = []
    for r in areas.to_dict("records"):
        point = shapely.from_geojson(r["geojson"]).representative_point()
        points.append((str(r["name"]), (point.x, point.y)))
    return points


def labels_for(buurten: pd.DataFrame, focus: Focus, wijk: str | None) -> pd.DataFrame | None:
    """Which buurt names to write: around an initiative all (only those in view show); on
    the map of a whole wijk its buurten; on the map of all Heerlen none (too many)."""
    if focus == Focus.INITIATIVE:
        return buurten
    if wijk is not None:
        return buurten[buurten["wijk_code"] == wijk]
    return None
