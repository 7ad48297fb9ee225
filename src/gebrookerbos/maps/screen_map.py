"""The map of the public screen: a pure function of public data, for display only.

Unlike the main map it is not interactive (nothing to click on a wall screen), it draws the
neighbourhood boundaries on a light background so it reads well without basemap tiles
(offline), and it highlights either one initiative's plots or the available plots. Leaflet
comes from the app's static files (:mod:`gebrookerbos.maps.assets`), never from a CDN.
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
from gebrookerbos.maps import assets
from gebrookerbos.maps.plot_map import PDOK_ATTRIBUTION, PDOK_GREY_URL, Attribution

BACKGROUND = "#E9EEEA"  # light grey-green: what shows where tiles are missing
OTHER_PLOT = "#8C9A93"
HIGHLIGHT = "#D55E00"  # Okabe-Ito vermillion
AVAILABLE = "#009E73"  # Okabe-Ito bluish green


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
    plots: pd.DataFrame,
    bounds: Bounds,
    *,
    focus: Focus,
    highlight: Collection[str] = (),
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
    plots
        Rows of ``screen_map_plots`` (public fields, ``geojson`` in WGS84).
    bounds
        What to frame: the initiative's plots, the wijk or the municipality.
    focus
        INITIATIVE: the plots in ``highlight`` stand out with a ring around them;
        AVAILABLE: every available plot stands out.
    wijken, buurten
        Boundaries (``neighbourhood_boundaries`` rows); with ``wijk`` set, that wijk is
        drawn white and its buurten dashed, the rest greyed.
    labels
        Areas (boundary rows) whose names are written on the map, for orientation when
        there are no basemap tiles.
    """
    min_x, min_y, max_x, max_y = bounds
    m = folium.Map(
        location=[(min_y + max_y) / 2, (min_x + max_x) / 2],
        zoom_start=13,
        tiles=None,
        zoom_control=False,
        dragging=False,
        scrollWheelZoom=False,
        doubleClickZoom=False,
        touchZoom=False,
        boxZoom=False,
        keyboard=False,
        zoom_snap=0.25,
        control_scale=True,
    )
    m.default_js = [("leaflet", assets.LEAFLET_JS_URL)]
    m.default_css = [("leaflet_css", assets.LEAFLET_CSS_URL)]
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
    Attribution(i18n.t("app.attribution_source", lang)).add_to(m)

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

    highlight = set(highlight)
    if focus == Focus.AVAILABLE:
        is_marked = plots["availability"] == "available"
        marked_colour, marked_edge = AVAILABLE, "#00452F"
    else:
        is_marked = plots["plot_id"].isin(highlight)
        marked_colour, marked_edge = HIGHLIGHT, "#000000"
    others, marked = plots[~is_marked], plots[is_marked]
    if len(others):
        folium.GeoJson(
            _collection(others, ("plot_id",)),
            style_function=lambda f: {
                "fillColor": OTHER_PLOT, "color": "#4A4A4A", "weight": 1, "fillOpacity": 0.8,
            },
            interactive=False,
        ).add_to(m)
    if len(marked):
        folium.GeoJson(
            _collection(marked, ("plot_id",)),
            style_function=lambda f: {
                "fillColor": marked_colour, "color": marked_edge, "weight": 3,
                "fillOpacity": 0.95,
            },
            interactive=False,
        ).add_to(m)
    if focus == Focus.INITIATIVE and highlight:
        # A ring around the initiative so that a small plot is seen from across the room.
        folium.CircleMarker(
            [(min_y + max_y) / 2, (min_x + max_x) / 2], radius=34, color=HIGHLIGHT,
            weight=6, fill=False, interactive=False,
        ).add_to(m)
    m.fit_bounds([[min_y, min_x], [max_y, max_x]], padding=(60, 60), max_zoom=max_zoom)
    return m


def map_html(m: folium.Map) -> str:
    """The complete HTML document of the map (for an iframe)."""
    return m.get_root().render()


def bounds_of(boundaries: pd.DataFrame, code: str) -> Bounds | None:
    """The WGS84 bounding box of one area in a ``neighbourhood_boundaries`` frame."""
    import shapely

    match = boundaries[boundaries["code"] == code]
    if match.empty:
        return None
    return tuple(float(v) for v in shapely.from_geojson(match.iloc[0]["geojson"]).bounds)


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
