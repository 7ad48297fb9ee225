"""The overview of many plots as one picture: every shown plot a coloured dot in a PNG.

At a million plots a file with a point per plot is 20 MB; a picture of the same dots is
bounded by its pixels, not by the number of plots (a few hundred kB for all of Heerlen).
:func:`render_dots` draws the dots server-side into a palette PNG with a transparent
background; the image spans its :attr:`Raster.box` on the Web Mercator pixel grid of the
view's zoom (256 px tiles), so Leaflet's ``L.imageOverlay(url, box)`` puts every dot on the
plot it stands for. A click on the picture is answered here too: :func:`nearest` finds the
plot under the pointer.

The dots look like those of the points layer in ``plot_layer.js``: a radius that grows with
the zoom (:func:`dot_radius`) and a dark edge from a radius of 3 px on. Where dots overlap,
no colour may hide the others by coming last. ``plot_layer.js`` draws the colours in 8
interleaved rounds; at a million plots that is not enough (all of Heerlen at zoom 12 came out
98 % grey for 30 % unavailable plots: the last round of the last colour covers it all), so here
the interleaving is complete: every dot has its own place in a fixed pseudo-random drawing
order, and an area shows its colours in the shares of its plots.

Pure functions of numpy arrays (numpy and Pillow, no Streamlit, no database).
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image

TILE_PX = 256  # Leaflet's tile size: the world is 256 * 2**zoom pixels wide
MAX_LAT = 85.0511287798  # the latitude Web Mercator (and Leaflet) clamps to
CHUNK = 1 << 18  # dots stamped at a time (bounds the memory of the offsets)
EDGE_FROM_RADIUS = 3.0  # dots this large get a dark edge, as in plot_layer.js
EDGE_COLOUR = "#333333"  # the edge: the canvas strokes black at 60 % over the fill

Box = tuple[float, float, float, float]  # west, south, east, north (WGS84 degrees)


@dataclass(frozen=True)
class Raster:
    """A rendered overview: the PNG and where it goes on the map.

    ``box`` is the area the image covers exactly (the requested box widened to whole pixels);
    ``drawn`` counts the dots whose plot point lies inside it.
    """

    png: bytes
    box: Box
    width: int
    height: int
    drawn: int


def dot_radius(zoom: float) -> float:
    """The radius in screen pixels of a plot's dot at ``zoom`` (as ``_radius`` in plot_layer.js):
    1.5 px far out, growing to 5 px from zoom 16."""
    z = math.floor(zoom)
    return 5.0 if z >= 16 else 4.0 if z >= 15 else 3.0 if z >= 14 else 2.0 if z >= 13 else 1.5


def _world_x(lon: np.ndarray | float) -> np.ndarray:
    """Web Mercator x in world units (0..1 west to east)."""
    return (np.asarray(lon, dtype=float) + 180.0) / 360.0


def _world_y(lat: np.ndarray | float) -> np.ndarray:
    """Web Mercator y in world units (0..1 north to south)."""
    phi = np.radians(np.clip(np.asarray(lat, dtype=float), -MAX_LAT, MAX_LAT))
    return 0.5 - np.arcsinh(np.tan(phi)) / (2.0 * math.pi)


def _lon(x: float) -> float:
    return x * 360.0 - 180.0


def _lat(y: float) -> float:
    return math.degrees(math.atan(math.sinh(math.pi * (1.0 - 2.0 * y))))


def _disc(radius: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pixel offsets (dx, dy) of a disc of ``radius`` around a dot's pixel, and which of
    them are its 1 px edge (only from :data:`EDGE_FROM_RADIUS` on)."""
    reach = math.ceil(radius)
    dy, dx = np.mgrid[-reach:reach + 1, -reach:reach + 1]
    d2 = dx * dx + dy * dy
    inside = d2 <= radius * radius
    edge = inside & (d2 > (radius - 1.0) ** 2) if radius >= EDGE_FROM_RADIUS else np.zeros_like(inside)
    return dx[inside], dy[inside], edge[inside]


def _drawing_order(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """A place in the drawing order for each dot (31-bit integers): a hash of its point.

    Where dots overlap the one drawn last shows; in this order that is any of them alike, so
    an area shows its colours in the shares of its plots, and a plot keeps its place whatever
    else a filter shows or hides (pixels change only where plots came or went).
    """
    h = lon.view(np.uint64) ^ (lat.view(np.uint64) * np.uint64(0x9E3779B97F4A7C15))
    h ^= h >> np.uint64(33)  # the finaliser of MurmurHash3 / splitmix64
    h *= np.uint64(0xFF51AFD7ED558CCD)
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xC4CEB9FE1A85EC53)
    h ^= h >> np.uint64(33)
    return (h >> np.uint64(33)).astype(np.int64)


def _rgb(hex_colour: str) -> list[int]:
    value = hex_colour.lstrip("#")
    return [int(value[i:i + 2], 16) for i in (0, 2, 4)]


def render_dots(
    lon: np.ndarray,
    lat: np.ndarray,
    colour: np.ndarray,
    palette: Sequence[str],
    box: Box,
    zoom: float,
    *,
    max_px: int = 4096,
) -> Raster:
    """The plots as dots in a transparent palette PNG spanning ``box`` at ``zoom``.

    ``lon``/``lat``: a point per plot (WGS84), ``colour``: each plot's index into ``palette``
    (``"#rrggbb"`` colours, e.g. :func:`gebrookerbos.maps.layers.palette`). The image has the
    pixel size of Web Mercator zoom ``zoom``; when that would make a side longer than
    ``max_px`` it is drawn coarser (fewer pixels per degree, the dots as large on screen).
    Plots outside the box (and points that are NaN) are left out; dots at its border are cut.
    """
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    colour = np.asarray(colour, dtype=np.int64)
    if not (len(lon) == len(lat) == len(colour)):
        raise ValueError("lon, lat and colour must have one value per plot")
    if len(colour) and (colour.min() < 0 or colour.max() >= len(palette)):
        raise ValueError("a colour index is outside the palette")
    if len(palette) > 254:  # with transparency and the edge, one byte per pixel
        raise ValueError("at most 254 colours")
    west, south, east, north = box
    if not (west < east and south < north):
        raise ValueError(f"an empty box: {box}")

    # The pixel grid: world units times `scale`; coarser than the zoom when it is too large.
    x0, x1 = float(_world_x(west)), float(_world_x(east))
    y0, y1 = float(_world_y(north)), float(_world_y(south))
    scale = TILE_PX * 2.0 ** zoom
    coarsen = min(1.0, (max_px - 1) / ((x1 - x0) * scale), (max_px - 1) / ((y1 - y0) * scale))
    scale *= coarsen
    left, top = math.floor(x0 * scale), math.floor(y0 * scale)
    width = max(math.ceil(x1 * scale) - left, 1)
    height = max(math.ceil(y1 * scale) - top, 1)
    covered = (_lon(left / scale), _lat((top + height) / scale),
               _lon((left + width) / scale), _lat(top / scale))

    radius = max(dot_radius(zoom) * coarsen, 0.5)  # at least the dot's own pixel
    dx, dy, edge = _disc(radius)
    reach = math.ceil(radius)
    with np.errstate(invalid="ignore"):
        px = np.floor(_world_x(lon) * scale) - left
        py = np.floor(_world_y(lat) * scale) - top
    near = (px >= -reach) & (px < width + reach) & (py >= -reach) & (py < height + reach)
    drawn = int(((px >= 0) & (px < width) & (py >= 0) & (py < height)).sum())
    px, py = px[near].astype(np.int64), py[near].astype(np.int64)
    # Each dot's pixels compete by the dot's place in the drawing order (high bits) and
    # carry its palette index (low byte): the highest key of a pixel is what it shows.
    value = colour[near] + 1
    order = _drawing_order(lon[near], lat[near]) << np.int64(8)
    edge_index = len(palette) + 1
    parts = [(dx[part], dy[part], (dy[part] * width + dx[part]).astype(np.int64), is_edge)
             for part, is_edge in ((~edge, False), (edge, True)) if part.any()]  # fill, edge
    whole = (px >= reach) & (px < width - reach) & (py >= reach) & (py < height - reach)
    centre = py * width + px
    keys = np.zeros(width * height, dtype=np.int64)  # 0: nothing drawn, transparent
    for lo in range(0, len(px), CHUNK):
        part_of = slice(lo, lo + CHUNK)
        c, r, w = centre[part_of], order[part_of], whole[part_of]
        x, y, v = px[part_of], py[part_of], value[part_of]
        for ox, oy, flat, is_edge in parts:
            key = r | (edge_index if is_edge else v)
            # dots wholly inside the image: by flat offsets, without checks
            np.maximum.at(keys, (c[w, None] + flat[None, :]).ravel(),
                          np.repeat(key[w], len(flat)))
            # the few at its border: pixel by pixel, cut at the edge
            xx, yy = x[~w, None] + ox[None, :], y[~w, None] + oy[None, :]
            ok = (xx >= 0) & (xx < width) & (yy >= 0) & (yy < height)
            np.maximum.at(keys, (yy * width + xx)[ok],
                          np.broadcast_to(key[~w, None], xx.shape)[ok])
    image = (keys & 0xFF).astype(np.uint8)  # 0: transparent, k + 1: palette[k]

    picture = Image.frombytes("P", (width, height), image.tobytes())
    picture.putpalette([0, 0, 0, *(v for c in palette for v in _rgb(c)), *_rgb(EDGE_COLOUR)])
    out = io.BytesIO()
    picture.save(out, format="PNG", transparency=0)
    return Raster(png=out.getvalue(), box=covered, width=width, height=height, drawn=drawn)


def nearest(
    lon: np.ndarray,
    lat: np.ndarray,
    at_lon: float,
    at_lat: float,
    zoom: float,
    reach_px: float,
) -> int:
    """The index of the plot point nearest to a click at (``at_lon``, ``at_lat``), measured in
    screen pixels at ``zoom``; -1 when none lies within ``reach_px`` pixels."""
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    scale = TILE_PX * 2.0 ** zoom
    # A first cut in degrees: reach_px is this many degrees of longitude, and at most as many
    # of latitude (a degree of latitude is the longer one on a Mercator map).
    degrees = reach_px / scale * 360.0
    with np.errstate(invalid="ignore"):
        candidates = np.flatnonzero((np.abs(lon - at_lon) <= degrees)
                                    & (np.abs(lat - at_lat) <= degrees))
    if not len(candidates):
        return -1
    dx = (_world_x(lon[candidates]) - _world_x(at_lon)) * scale
    dy = (_world_y(lat[candidates]) - _world_y(at_lat)) * scale
    d2 = dx * dx + dy * dy
    best = int(np.argmin(d2))
    return int(candidates[best]) if d2[best] <= reach_px * reach_px else -1
