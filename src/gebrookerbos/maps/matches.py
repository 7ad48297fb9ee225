"""The legend of the best matches on the Kavels map. The matches themselves are drawn by
the plot layer (their rank is a property of its plots, see :class:`maps.layers.Emphasis`)."""

from __future__ import annotations

import html

import folium
from branca.element import Element

from gebrookerbos import i18n


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
