"""Every map by keyboard, with a name and in the page's language: one place for all maps.

:class:`MapAccess` is added to each map by its builder (:func:`gebrookerbos.maps.plot_map.
build_map`, :func:`gebrookerbos.maps.choropleth.build_choropleth`). In the browser
(``map_access.js``) an interactive map is one tab stop, named after what it shows ("Kaart
met 57 kavels"), that Leaflet's keyboard handler pans with the arrow keys and zooms with
+ and -; nothing inside it is a tab stop of its own (every plot stays reachable through the
picker and the table beside the map); the focus ring is visible; the attribution's links
are underlined. A map in its own frame (``st_folium``) also sets the frame's ``<html lang>``
and ``<title>`` and the title of its iframe element. And the map frame lets the reader zoom
the page (no ``user-scalable=no``, WCAG 1.4.4).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from gebrookerbos import i18n

# folium writes a viewport that forbids zooming; the frame gets this one instead.
ZOOMABLE_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1.0" />'
_FOLIUM_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>', re.DOTALL)


def plots_name(n: int, lang: str) -> str:
    """The name of a map of plots: "Kaart met 1.234 kavels" / "Map with 1,234 plots"."""
    key = "map.name_one" if n == 1 else "map.name"
    return i18n.t(key, lang, n=i18n.format_number(n, lang))


def areas_name(title: str, n: int, lang: str) -> str:
    """The name of a map of an indicator per area: "Kaart van Inwoners met 57 gebieden"."""
    return i18n.t("map.name_areas", lang, title=title, n=i18n.format_number(n, lang))


@cache
def map_access_script() -> str:
    """The browser side (defines ``window.gbMapAccess``); package data."""
    return resources.files("gebrookerbos.maps").joinpath("map_access.js").read_text(
        encoding="utf-8")


class MapAccess(MacroElement):
    """The map's keyboard behaviour, name and language (see the module doc).

    ``name``: what the map shows, until its plot layer names it with its count;
    ``interactive``: False for a map to look at (no tab stop, like the public screen's);
    ``frame``: the map has its own frame document whose language and title it sets.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
        {{ this.code }}
        window.gbMapAccess.setUp({{ this._parent.get_name() }}, {{ this.config|tojson }});
        {% endmacro %}"""
    )

    def __init__(self, name: str, lang: str, *, interactive: bool = True, frame: bool = True):
        super().__init__()
        self._name = "MapAccess"
        self.code = map_access_script()
        self.config = {"name": name, "lang": lang, "interactive": interactive, "frame": frame}

    def render(self, **kwargs) -> None:
        super().render(**kwargs)
        # The map has written its header (with folium's viewport) before its children render.
        figure, parent = self.get_root(), self._parent
        header = figure.header._children.get(parent.get_name()) if parent is not None else None
        if isinstance(header, Element):
            text = header.render()
            if _FOLIUM_VIEWPORT.search(text):
                figure.header.add_child(
                    Element(_FOLIUM_VIEWPORT.sub(ZOOMABLE_VIEWPORT, text)), name=parent.get_name())


def add_to(m: folium.Map, name: str, lang: str, *, interactive: bool = True,
           frame: bool = True) -> None:
    """Make ``m`` one named keyboard stop in ``lang`` (see :class:`MapAccess`)."""
    MapAccess(name, lang, interactive=interactive, frame=frame).add_to(m)
