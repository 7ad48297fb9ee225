"""The best matches on the Kavels map: dashed outlines with their rank, the legend, the frame."""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

import folium
import pandas as pd
from branca.element import Element
from shapely.geometry import shape

from gebrookerbos import i18n

BEST_STYLE = {"color": "#000000", "weight": 6, "dashArray": "10 6", "fill": False}


def best_matches_layer(rows: pd.DataFrame, best: Sequence[str]) -> folium.FeatureGroup:
    """A layer with a thick dashed outline and the rank number on the best matches.

    The outlines are not interactive, so clicks reach the plot underneath; every outline
    keeps the ``plot_id`` property.
    """
    group = folium.FeatureGroup(name="best_matches")
    by_id = {r["plot_id"]: r for r in rows.to_dict("records")}
    for rank, plot_id in enumerate(best, start=1):
        row = by_id.get(plot_id)
        if row is None:
            continue
        geometry = json.loads(row["geojson"])
        folium.GeoJson(
            {"type": "Feature", "geometry": geometry, "properties": {"plot_id": plot_id}},
            style_function=lambda f: BEST_STYLE,
            interactive=False,
        ).add_to(group)
        point = shape(geometry).representative_point()
        folium.Marker(
            [point.y, point.x],
            icon=folium.DivIcon(
                html=(f'<div class="gb-rank" style="background:#000;color:#fff;'
                      f'border-radius:50%;width:22px;height:22px;text-align:center;'
                      f'font:bold 13px/22px sans-serif">{rank}</div>'),
                icon_size=(22, 22), icon_anchor=(11, 11),
            ),
            interactive=False,
        ).add_to(group)
    return group


def bounds_of(
    rows: pd.DataFrame, fallback: tuple[float, float, float, float], margin: float = 0.003
) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) around the plots found, so the map frames them;
    the municipality (``fallback``) when nothing was found. ``margin`` in degrees (~300 m)."""
    if rows.empty:
        return fallback
    boxes = [shape(json.loads(g)).bounds for g in rows["geojson"]]
    return (min(b[0] for b in boxes) - margin, min(b[1] for b in boxes) - margin,
            max(b[2] for b in boxes) + margin, max(b[3] for b in boxes) + margin)


def best_legend_html(n: int, lang: str) -> str:
    """The legend line for the highlighted best matches (beside the map)."""
    swatch = ('<span aria-hidden="true" style="display:inline-block;width:26px;height:0;'
              'border-top:4px dashed #000;vertical-align:middle;margin-right:6px"></span>')
    return swatch + html.escape(i18n.t("kavels.legend_best", lang, n=n))


def add_best_legend(fmap: folium.Map, n: int, lang: str) -> None:
    """Say on the map itself what the dashed outlines and numbers mean."""
    fmap.get_root().html.add_child(Element(
        '<div class="gb-best-legend" style="position:absolute;top:10px;right:60px;'
        'z-index:1000;background:#fff;padding:4px 8px;border:1px solid #666;'
        'border-radius:4px;font:13px/1.5 sans-serif;color:#111;pointer-events:none">'
        + best_legend_html(n, lang) + "</div>"
    ))
