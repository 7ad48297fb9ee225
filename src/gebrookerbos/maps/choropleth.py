"""The choropleth of an indicator per buurt or wijk: a pure function of the data.

Classes come from mapclassify (natural breaks, i.e. Fisher-Jenks, or quantiles); colours
are ColorBrewer YlGnBu (sequential, colour-blind safe), hard-coded so that no colormap
JavaScript (branca/d3 from a CDN) is needed. Unknown values get a grey hatch and the
legend entry "onbekend". Every area feature carries its CBS code as property ``code``.
"""

from __future__ import annotations

import html
import json
import math
import warnings
from dataclasses import dataclass, field
from enum import StrEnum

import folium
import mapclassify
import numpy as np
import pandas as pd
from branca.element import Element

from gebrookerbos import i18n
from gebrookerbos.maps import access, assets
from gebrookerbos.maps.plot_map import (
    OSM_ATTRIBUTION,
    OSM_URL,
    PDOK_ATTRIBUTION,
    PDOK_GREY_URL,
    Attribution,
    Basemap,
)

# ColorBrewer YlGnBu, by number of classes (light = low, dark = high).
PALETTES: dict[int, tuple[str, ...]] = {
    1: ("#41b6c4",),
    2: ("#a1dab4", "#2c7fb8"),
    3: ("#edf8b1", "#7fcdbb", "#2c7fb8"),
    4: ("#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"),
    5: ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"),
}
MAX_CLASSES = 5
UNKNOWN_COLOUR = "#9e9e9e"
UNKNOWN_PATTERN_ID = "gb-unknown-hatch"
UNKNOWN_FILL = f"url(#{UNKNOWN_PATTERN_ID})"
SELECTED_COLOUR = "#d55e00"  # Okabe-Ito vermillion: stands out against YlGnBu


class Scheme(StrEnum):
    NATURAL_BREAKS = "natural_breaks"
    QUANTILES = "quantiles"


@dataclass(frozen=True)
class Classes:
    """Class bounds: class i holds values in (upper[i-1], upper[i]]; class 0 from ``lower``."""

    lower: float | None
    upper: tuple[float, ...]
    colours: tuple[str, ...] = field(default=())
    exact: bool = False  # one class per distinct value (few distinct values)

    def index(self, value: float | None) -> int:
        """The class of a value; -1 for unknown."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return -1
        i = int(np.searchsorted(np.asarray(self.upper), value, side="left"))
        return min(i, len(self.upper) - 1)

    def colour(self, value: float | None) -> str:
        i = self.index(value)
        return UNKNOWN_FILL if i < 0 else self.colours[i]


def classify(values: pd.Series, scheme: Scheme = Scheme.NATURAL_BREAKS,
             k: int = MAX_CLASSES) -> Classes:
    """Class bounds for the known values (unknown ones are left out), at most ``k`` classes."""
    known = pd.to_numeric(values, errors="coerce").dropna().astype(float).to_numpy()
    if known.size == 0:
        return Classes(None, (), ())
    distinct = np.unique(known)
    k = max(1, min(k, MAX_CLASSES, distinct.size))
    if k == distinct.size:
        upper = tuple(float(v) for v in distinct)
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # mapclassify warns about duplicate bins
            if scheme == Scheme.QUANTILES:
                bins = mapclassify.Quantiles(known, k=k).bins
            else:
                bins = mapclassify.FisherJenks(known, k=k).bins
        upper = tuple(float(b) for b in np.unique(np.asarray(bins, dtype=float)))
    return Classes(float(distinct[0]), upper, PALETTES[len(upper)], exact=k == distinct.size)


def format_value(value: float | None, decimals: int, lang: str) -> str:
    """A number in Dutch or English notation; "onbekend"/"unknown" for NaN."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return i18n.t("value.unknown", lang)
    text = f"{value:,.{decimals}f}"
    if lang == "nl":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def legend_entries(classes: Classes, decimals: int, lang: str) -> list[tuple[str, str]]:
    """(label, fill) per class, and the unknown entry last."""
    entries = []
    lower = classes.lower
    for i, (up, colour) in enumerate(zip(classes.upper, classes.colours, strict=True)):
        lo_txt = format_value(lower if i == 0 else classes.upper[i - 1], decimals, lang)
        up_txt = format_value(up, decimals, lang)
        if classes.exact:
            text = up_txt
        elif i == 0:
            text = up_txt if lo_txt == up_txt else f"{lo_txt} – {up_txt}"
        else:
            text = f"> {lo_txt} – {up_txt}"
        entries.append((text, colour))
    entries.append((i18n.t("value.unknown", lang), UNKNOWN_FILL))
    return entries


def _swatch_css(fill: str) -> str:
    if fill == UNKNOWN_FILL:
        return (f"background:repeating-linear-gradient(45deg,{UNKNOWN_COLOUR} 0 2px,"
                "#ffffff 2px 5px)")
    return f"background:{fill}"


def legend_html(title: str, entries: list[tuple[str, str]], *, floating: bool) -> str:
    """The legend with class bounds; ``floating`` for inside the map, else inline text."""
    items = "".join(
        f'<li style="white-space:nowrap"><span aria-hidden="true" style="display:inline-block;'
        f'width:14px;height:14px;{_swatch_css(fill)};border:1px solid #333;margin-right:6px;'
        f'vertical-align:middle"></span>{html.escape(label)}</li>'
        for label, fill in entries
    )
    style = (
        "position:absolute;top:10px;right:10px;z-index:1000;pointer-events:none;"
        if floating else "display:inline-block;"
    )
    return (
        f'<div class="gb-choropleth-legend" role="region" aria-label="{html.escape(title)}" '
        f'style="{style}max-width:230px;background:#fff;padding:6px 10px;border:1px solid #666;'
        f'border-radius:4px;font:13px/1.5 sans-serif;color:#111"><strong>{html.escape(title)}'
        f'</strong><ul style="list-style:none;margin:4px 0 0;padding:0">{items}</ul></div>'
    )


_HATCH_SVG = (
    '<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>'
    f'<pattern id="{UNKNOWN_PATTERN_ID}" patternUnits="userSpaceOnUse" width="8" height="8" '
    'patternTransform="rotate(45)"><rect width="8" height="8" fill="#ffffff"/>'
    f'<rect width="3" height="8" fill="{UNKNOWN_COLOUR}"/></pattern></defs></svg>'
)


# The sources make a long attribution line: keep it small so it covers little of the map.
_ATTRIBUTION_CSS = (
    "<style>.leaflet-container .leaflet-control-attribution"
    "{font-size:11px;line-height:1.35}</style>"
)


def feature_collection(
    boundaries: pd.DataFrame, values: pd.Series, classes: Classes, decimals: int, lang: str,
) -> dict:
    """The areas as GeoJSON (WGS84) with ``code``, ``name``, the value and its fill.

    ``boundaries`` has code, name, geojson; ``values`` is indexed by code.
    """
    features = []
    for row in boundaries.to_dict("records"):
        raw = values.get(row["code"], np.nan)
        value = None if raw is None or pd.isna(raw) else float(raw)
        text = format_value(value, decimals, lang)
        features.append(
            {
                "type": "Feature",
                "geometry": json.loads(row["geojson"]),
                "properties": {
                    "code": row["code"],
                    "name": row["name"],
                    "value": value,
                    "value_text": text,
                    "class_index": classes.index(value),
                    "fill": classes.colour(value),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


@dataclass(frozen=True)
class ChoroplethOptions:
    title: str  # the indicator's label, with its unit
    value_label: str  # tooltip label of the value (with its unit)
    source: str  # the figures' credit, e.g. "Bron: CBS, Kerncijfers wijken en buurten, 2020"
    decimals: int = 0
    basemap: Basemap = Basemap.PDOK
    lang: str = i18n.DEFAULT_LANGUAGE
    legend_in_map: bool = True  # False when the page shows the legend beside the map


def build_choropleth(
    boundaries: pd.DataFrame,
    values: pd.Series,
    classes: Classes,
    bounds: tuple[float, float, float, float],
    options: ChoroplethOptions,
) -> folium.Map:
    """The choropleth map: one feature per area, coloured by class, with legend and sources.

    Parameters
    ----------
    boundaries
        Rows of ``neighbourhood_boundaries`` (code, name, geojson in WGS84).
    values
        The indicator per CBS code (NaN = unknown).
    classes
        From :func:`classify`.
    bounds
        (min lon, min lat, max lon, max lat) to frame.
    """
    lang = options.lang
    min_x, min_y, max_x, max_y = bounds
    m = folium.Map(
        location=[(min_y + max_y) / 2, (min_x + max_x) / 2],
        zoom_start=12, tiles=None, control_scale=True,
    )
    # Only Leaflet, from the app's static files: no jQuery/Bootstrap/CDN links.
    m.default_js = [("leaflet", assets.LEAFLET_JS_URL)]
    m.default_css = [("leaflet_css", assets.LEAFLET_CSS_URL)]
    # One named keyboard stop, like every map (its areas are chosen in the list beside it).
    access.add_to(m, access.areas_name(options.title, len(boundaries), lang), lang)
    if options.basemap == Basemap.PDOK:
        folium.TileLayer(PDOK_GREY_URL, attr=PDOK_ATTRIBUTION,
                         name=i18n.t("map.basemap_pdok", lang), max_zoom=19).add_to(m)
    elif options.basemap == Basemap.OSM:
        folium.TileLayer(OSM_URL, attr=OSM_ATTRIBUTION, name=i18n.t("map.basemap_osm", lang),
                         max_zoom=19).add_to(m)
    Attribution(i18n.t("app.attribution_source", lang)).add_to(m)
    if options.source:
        Attribution(options.source).add_to(m)

    folium.GeoJson(
        feature_collection(boundaries, values, classes, options.decimals, lang),
        name=options.title,
        style_function=lambda f: {
            "fillColor": f["properties"]["fill"],
            "fillOpacity": 0.8,
            "color": "#333333",
            "weight": 1,
        },
        highlight_function=lambda f: {"weight": 3, "color": "#000000"},
        tooltip=folium.GeoJsonTooltip(
            fields=["name", "value_text"],
            aliases=[i18n.t("ind.area", lang), options.value_label],
        ),
    ).add_to(m)
    root = m.get_root()
    root.html.add_child(Element(_HATCH_SVG))
    root.header.add_child(Element(_ATTRIBUTION_CSS))
    if options.legend_in_map:
        root.html.add_child(Element(legend_html(
            options.title, legend_entries(classes, options.decimals, lang), floating=True)))
    m.fit_bounds([[min_y, min_x], [max_y, max_x]])
    return m


def selection_layer(boundaries: pd.DataFrame, code: str | None) -> folium.FeatureGroup:
    """An outline of the selected area, updated without redrawing the map."""
    group = folium.FeatureGroup(name="selection")
    if code is None:
        return group
    match = boundaries.loc[boundaries["code"] == code]
    if not match.empty:
        folium.GeoJson(
            match.iloc[0]["geojson"],
            style_function=lambda f: {"color": SELECTED_COLOUR, "weight": 4, "fill": False},
            interactive=False,
        ).add_to(group)
    return group
