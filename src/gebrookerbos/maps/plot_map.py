"""Building the folium map of plots: a pure function of the data, tested on what it emits.

Colours and legend entries come from :mod:`gebrookerbos.maps.style` (Okabe-Ito).
Every plot feature carries its id as the GeoJSON property ``plot_id``. Leaflet is served
by the app (see :mod:`gebrookerbos.maps.assets`), so the map has no CDN dependency.

Every map of the app draws its plots the same way: a layer file (:mod:`gebrookerbos.maps.layers`)
that a small script of our own (``plot_layer.js``) fetches and draws, with one style function
in the browser that reads each feature's colour index, the best matches' ranks and the marked
plots as properties of that one layer, one selection outline (:func:`selection_group`) and
one legend (:func:`_legend_html`, from :func:`gebrookerbos.maps.style.legend_swatches`). On an
interactive page the layer is a FeatureGroup that the page updates in place
(``st_folium(feature_group_to_add=...)``), so the map never remounts: the legend inside the
map and the map's name ("Kaart met 57 kavels") travel with the layer, so they follow the
colouring and the filter. Every map is one named keyboard stop (:mod:`gebrookerbos.maps.access`).
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

import folium
import pandas as pd
import shapely
from branca.element import MacroElement
from jinja2 import Template

from gebrookerbos import i18n
from gebrookerbos.maps import access, assets
from gebrookerbos.maps.layers import PlotLayer
from gebrookerbos.maps.style import SELECTED_COLOUR, ColourBy, legend_swatches, swatch_css

PDOK_GREY_URL = (
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/grijs/EPSG:3857/{z}/{x}/{y}.png"
)
PDOK_ATTRIBUTION = (
    'Kaartgegevens &copy; <a href="https://www.kadaster.nl">Kadaster</a> (PDOK)'
)
OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-bijdragers'
)


class Basemap(StrEnum):
    PDOK = "pdok"
    OSM = "osm"
    NONE = "none"


@dataclass(frozen=True)
class MapOptions:
    colour_by: ColourBy = ColourBy.AVAILABILITY
    basemap: Basemap = Basemap.PDOK
    lang: str = i18n.DEFAULT_LANGUAGE
    show_buurten: bool = True
    show_wijken: bool = True
    selected_plot_id: str | None = None
    height: int = 560
    layer_control: bool = True  # False when the page passes its own to st_folium
    interactive: bool = True  # False: a map to look at (the public screen): no pan, no clicks


def boundaries_feature_collection(boundaries: pd.DataFrame) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": json.loads(r["geojson"]),
                "properties": {"code": r["code"], "name": r["name"]},
            }
            for r in boundaries.to_dict("records")
        ],
    }


class Attribution(MacroElement):
    """Adds a text to the map's attribution control (works with or without a basemap)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});
        {% endmacro %}"""
    )

    def __init__(self, text: str):
        super().__init__()
        self._name = "Attribution"
        self.text = text


@cache
def plot_layer_script() -> str:
    """The browser side of the plot layer (defines ``window.gbPlotLayer``); package data."""
    return resources.files("gebrookerbos.maps").joinpath("plot_layer.js").read_text(encoding="utf-8")


class _PlotLayerLibrary(MacroElement):
    """Puts ``plot_layer.js`` into the map's own script, ahead of any plot layer."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        {{ this.code }}
        {% endmacro %}"""
    )

    def __init__(self):
        super().__init__()
        self._name = "PlotLayerLibrary"
        self.code = plot_layer_script()


class _PlotLayer(MacroElement):
    """Draws one plot layer (a file URL, or inline data) into its parent FeatureGroup."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        window.gbPlotLayer({{ this._parent.get_name() }}, {{ this.config|tojson }});
        {% endmacro %}"""
    )

    def __init__(self, config: dict):
        super().__init__()
        self._name = "PlotLayer"
        self.config = config


def _layer_config(layer: PlotLayer, lang: str, interactive: bool, colour_by: ColourBy) -> dict:
    labels = {
        "name": i18n.t("plot.name", lang),
        "area": i18n.t("plot.area_m2", lang),
        "status": i18n.t("plot.status", lang),
    }
    return {"url": layer.url, "labels": labels, "interactive": interactive,
            "legend": _legend_html(colour_by, lang), "name": access.plots_name(layer.total, lang)}


def plot_layer_group(layer: PlotLayer, lang: str, interactive: bool = True, *,
                     colour_by: ColourBy = ColourBy.AVAILABILITY) -> folium.FeatureGroup:
    """The plots of a :class:`~gebrookerbos.maps.layers.PlotLayer` as a FeatureGroup.

    Pass it to ``st_folium(feature_group_to_add=...)``: when the filter or the view changes,
    only this group is replaced in the browser, with the legend of ``colour_by`` (the
    colouring the layer was made with) and the map's name. The map must come from
    :func:`build_map` (which carries the script that draws it).
    """
    group = folium.FeatureGroup(name=i18n.t("map.layer_plots", lang))
    _PlotLayer(_layer_config(layer, lang, interactive, colour_by)).add_to(group)
    return group


class _FitSelection(MacroElement):
    """Zooms the map to the selected plot when asked, once per choice: a later redraw of the
    same selection (after a pan, a new layer) leaves the reader's view alone. Every drawn
    selection (none, or one not to zoom to) is noted, so that choosing a plot again later
    zooms again."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        (function (group, fit) {
          function go(map) {
            if (map._gbFitted === fit.id) { return; }
            map._gbFitted = fit.id;
            if (fit.bounds) { map.fitBounds(fit.bounds, {padding: [40, 40], maxZoom: 18}); }
          }
          if (group._map) { go(group._map); }
          else { group.once("add", function () { go(group._map); }); }
        })({{ this._parent.get_name() }}, {{ this.config|tojson }});
        {% endmacro %}"""
    )

    def __init__(self, plot_id: str | None,
                 bounds: tuple[float, float, float, float] | None = None):
        super().__init__()
        self._name = "FitSelection"
        box = None
        if bounds is not None:
            west, south, east, north = bounds
            box = [[south, west], [north, east]]
        self.config = {"id": plot_id, "bounds": box}


def selection_group(outline: dict | None, points: bool = False, *,
                    zoom: bool = False) -> folium.FeatureGroup:
    """The selected plot's outline (thick black); in the points view also a ring around its
    dot, since an outline of a few pixels is hard to see there. ``zoom``: the map zooms to
    the plot (once), as when it was chosen in the picker beside the map."""
    group = folium.FeatureGroup(name="selection", control=False)
    if outline is None:
        _FitSelection(None).add_to(group)
        return group
    plot_id = str(outline.get("plot_id", ""))
    if zoom:
        box = tuple(float(b) for b in shapely.from_geojson(outline["geojson"]).bounds)
        _FitSelection(plot_id, box).add_to(group)
    else:  # (a plot clicked on the map: the reader looks at it already)
        _FitSelection(plot_id).add_to(group)
    folium.GeoJson(
        outline["geojson"],
        style_function=lambda f: {"color": SELECTED_COLOUR, "weight": 5, "fill": False},
        interactive=False,
    ).add_to(group)
    if points:
        folium.CircleMarker(
            [outline["lat"], outline["lon"]], radius=9, color=SELECTED_COLOUR, weight=3,
            fill=False, interactive=False,
        ).add_to(group)
    return group


def legend_title(colour_by: ColourBy, lang: str) -> str:
    """What the colours mean: "Beschikbaarheid" or "Fase van het initiatief"."""
    return i18n.t(
        "map.colour_availability" if colour_by == ColourBy.AVAILABILITY else "map.colour_stage",
        lang,
    )


def _legend_html(colour_by: ColourBy, lang: str) -> str:
    """The legend inside the map (the same swatches as :func:`map_view.legend_html` beside
    it): each status in words, its swatch drawn as the plots are (hatched where they are)."""
    title = legend_title(colour_by, lang)
    items = "".join(
        f'<li><span aria-hidden="true" style="display:inline-block;width:14px;height:14px;'
        f'{swatch_css(swatch)};box-sizing:border-box;margin-right:6px;vertical-align:middle">'
        f"</span>{html.escape(swatch.label)}</li>"
        for swatch in legend_swatches(colour_by, lang)
    )
    return (
        '<div class="gb-legend" role="region" aria-label="' + html.escape(title) + '" '
        'style="background:#fff;padding:6px 10px;border:1px solid #666;border-radius:4px;'
        'font:13px/1.5 sans-serif;color:#111"><strong>' + html.escape(title) + "</strong>"
        '<ul style="list-style:none;margin:4px 0 0;padding:0">' + items + "</ul></div>"
    )


def _use_local_assets(m: folium.Map) -> None:
    """Load only Leaflet, from the app's static files (no jQuery/Bootstrap/CDN links)."""
    m.default_js = [("leaflet", assets.LEAFLET_JS_URL)]
    m.default_css = [("leaflet_css", assets.LEAFLET_CSS_URL)]


def build_map(
    layer: PlotLayer | None,
    bounds: tuple[float, float, float, float],
    options: MapOptions = MapOptions(),
    buurten: pd.DataFrame | None = None,
    wijken: pd.DataFrame | None = None,
    *,
    selection: dict | None = None,
) -> folium.Map:
    """The map of plots, coloured by availability or stage, with boundaries and a legend.

    Parameters
    ----------
    layer
        The plots: a :class:`~gebrookerbos.maps.layers.PlotLayer` (a file the browser
        fetches), the one kind of plot input of every map; None when the page adds it
        itself with :func:`plot_layer_group` through ``st_folium(feature_group_to_add=...)``.
    bounds
        (min lon, min lat, max lon, max lat) to frame: the municipality or the plots.
    options
        Colouring, basemap, language, layers, and whether the map is interactive.
    selection
        The selected plot's outline (:func:`gebrookerbos.maps.layers.plot_outline`), when the
        map is not updated in place.
    """
    lang = options.lang
    min_x, min_y, max_x, max_y = bounds
    still = {} if options.interactive else {
        "zoom_control": False, "dragging": False, "scrollWheelZoom": False,
        "doubleClickZoom": False, "touchZoom": False, "boxZoom": False, "keyboard": False,
        "zoom_snap": 0.25,
    }
    m = folium.Map(
        location=[(min_y + max_y) / 2, (min_x + max_x) / 2],
        zoom_start=13,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
        **still,
    )
    _use_local_assets(m)
    _PlotLayerLibrary().add_to(m)
    # Named after its plots; the plot layer renames it with their number when it has drawn.
    access.add_to(m, access.plots_name(layer.total, lang) if layer is not None
                  else i18n.t("nav.map", lang), lang,
                  interactive=options.interactive, frame=options.interactive)
    if options.basemap == Basemap.PDOK:
        folium.TileLayer(
            PDOK_GREY_URL, attr=PDOK_ATTRIBUTION, name=i18n.t("map.basemap_pdok", lang),
            max_zoom=19, max_native_zoom=19,
        ).add_to(m)
    elif options.basemap == Basemap.OSM:
        folium.TileLayer(
            OSM_URL, attr=OSM_ATTRIBUTION, name=i18n.t("map.basemap_osm", lang), max_zoom=19
        ).add_to(m)
    Attribution(i18n.t("app.attribution_source", lang)).add_to(m)

    if wijken is not None and options.show_wijken and len(wijken):
        folium.GeoJson(
            boundaries_feature_collection(wijken),
            name=i18n.t("map.layer_wijken", lang),
            style_function=lambda f: {"color": "#333333", "weight": 2.5, "fill": False},
            tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
            interactive=False,
        ).add_to(m)
    if buurten is not None and options.show_buurten and len(buurten):
        folium.GeoJson(
            boundaries_feature_collection(buurten),
            name=i18n.t("map.layer_buurten", lang),
            style_function=lambda f: {
                "color": "#666666", "weight": 1, "dashArray": "4 4", "fill": False,
            },
            interactive=False,
        ).add_to(m)

    if layer is not None:
        plot_layer_group(layer, lang, options.interactive, colour_by=options.colour_by).add_to(m)
        if selection is not None:
            selection_group(selection, points=layer.mode == "points").add_to(m)
    if options.layer_control:
        folium.LayerControl(collapsed=True).add_to(m)
    m.fit_bounds([[min_y, min_x], [max_y, max_x]])
    return m


def external_links(m: folium.Map) -> list[str]:
    """Every JS/CSS URL the map would make the browser load (for offline checks)."""
    links: list[str] = []

    def walk(el):
        links.extend(u for _, u in getattr(el, "default_js", []))
        links.extend(u for _, u in getattr(el, "default_css", []))
        for child in getattr(el, "_children", {}).values():
            walk(child)

    walk(m)
    return links
