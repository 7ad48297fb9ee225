"""The overview picture of many plots: decoded as a browser would show it.

Where a plot should appear is worked out independently of the code under test: pyproj takes
its point to Web Mercator metres (EPSG:3857), and the raster's box to the same metres; the
pixel is the point's share of that span times the image's size.
"""

from __future__ import annotations

import io

import numpy as np
import pyproj
import pytest
from PIL import Image

from gebrookerbos.maps import overview
from gebrookerbos.maps.layers import palette
from gebrookerbos.maps.style import ColourBy

ON_BOTH_STORES = True  # the database tests run on the DuckDB file and on PostgreSQL

TO_METRES = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
PALETTE = palette(ColourBy.AVAILABILITY)  # available, reserved, in use, unavailable
GREEN, GREY = 0, 3
HEERLEN = (5.90, 50.84, 6.04, 50.93)  # west, south, east, north
CENTRE = (5.97, 50.885)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


def _luminance(rgb) -> float:
    r, g, b = (int(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _pixels(raster: overview.Raster) -> np.ndarray:
    """The image as the browser shows it: height x width x RGBA."""
    image = Image.open(io.BytesIO(raster.png))
    assert image.format == "PNG" and image.size == (raster.width, raster.height)
    return np.asarray(image.convert("RGBA"))


def _where(raster: overview.Raster, lon: float, lat: float) -> tuple[int, int]:
    """(row, column) of the pixel that (lon, lat) falls in, placed by the raster's box."""
    west, south, east, north = raster.box
    (x0, x1), (y0, y1) = TO_METRES.transform([west, east], [north, south])
    x, y = TO_METRES.transform(lon, lat)
    return (int((y0 - y) / (y0 - y1) * raster.height), int((x - x0) / (x1 - x0) * raster.width))


def _render(points: list[tuple[float, float, int]], zoom: float, box=HEERLEN, **kw):
    lon, lat, colour = (np.array(v) for v in zip(*points, strict=True))
    return overview.render_dots(lon, lat, colour.astype(np.uint8), PALETTE, box, zoom, **kw)


def test_a_plot_is_a_dot_of_its_colour_where_it_lies_and_elsewhere_is_transparent():
    green_at, grey_at = (5.95, 50.87), (6.00, 50.90)
    raster = _render([(*green_at, GREEN), (*grey_at, GREY)], 13)
    pixels = _pixels(raster)
    for (lon, lat), colour in ((green_at, GREEN), (grey_at, GREY)):
        row, col = _where(raster, lon, lat)
        assert tuple(pixels[row, col]) == (*_rgb(PALETTE[colour]), 255)
    # far from both dots (and in the image's corners) nothing covers the base map
    row, col = _where(raster, 5.975, 50.885)
    assert pixels[row, col, 3] == 0
    assert pixels[0, 0, 3] == pixels[-1, -1, 3] == 0
    assert raster.drawn == 2
    # the box the image covers holds the requested one (Leaflet stretches it over this box)
    west, south, east, north = raster.box
    assert west <= HEERLEN[0] and south <= HEERLEN[1] and east >= HEERLEN[2] and north >= HEERLEN[3]
    # the image has the pixel size of zoom 13: 256 * 2**13 pixels around the world
    assert raster.width == pytest.approx((east - west) / 360 * 256 * 2**13, abs=1)


def test_dots_grow_with_the_zoom_and_get_a_dark_edge_close_in():
    lon, lat = CENTRE
    box = (lon - 0.01, lat - 0.006, lon + 0.01, lat + 0.006)
    sizes = {}
    for zoom in (12, 13, 14, 16):
        raster = _render([(lon, lat, GREEN)], zoom, box=box)
        pixels = _pixels(raster)
        painted = pixels[..., 3] > 0
        sizes[zoom] = int(painted.sum())
        colours = {tuple(p) for p in pixels[painted][:, :3]}
        row, col = _where(raster, lon, lat)
        assert tuple(pixels[row, col, :3]) == _rgb(PALETTE[GREEN])  # the fill in the middle
        if zoom >= 14:  # a ring of a darker colour around it
            assert len(colours) == 2
            edge = (colours - {_rgb(PALETTE[GREEN])}).pop()
            assert _luminance(edge) < _luminance(_rgb(PALETTE[GREEN])) / 2
            assert tuple(pixels[row, col + round(overview.dot_radius(zoom)), :3]) == edge
        else:
            assert colours == {_rgb(PALETTE[GREEN])}
    assert sizes[12] < sizes[13] < sizes[14] < sizes[16]
    assert sizes[16] <= 11 * 11  # a disc of radius 5 px, on screen as in the points layer


@pytest.mark.parametrize("many, few", [(GREEN, GREY), (GREY, GREEN)])
def test_where_many_plots_overlap_the_picture_shows_their_mix(many, few):
    """Far out, dots of two colours cover the same pixels many times over: the pixels show
    the colours in the shares of the plots there, whichever colour comes first or last."""
    rng = np.random.default_rng(3)
    lon, lat = CENTRE
    spread = 30 / (256 * 2**12) * 360  # some 30 x 30 pixels at zoom 12
    points = [(lon + dx, lat + dy * 0.6, c)
              for c, n in ((many, 3_000), (few, 1_000))
              for dx, dy in rng.uniform(-spread / 2, spread / 2, size=(n, 2))]
    for ordered in (points, points[::-1]):
        pixels = _pixels(_render(ordered, 12))
        painted = pixels[pixels[..., 3] > 0][:, :3]
        shares = {c: float(np.all(painted == _rgb(PALETTE[c]), axis=1).mean()) for c in (many, few)}
        assert shares[many] == pytest.approx(0.75, abs=0.1), shares
        assert shares[few] == pytest.approx(0.25, abs=0.1), shares


def test_the_image_stays_within_max_px_and_the_dots_stay_in_place():
    lon, lat = 5.955, 50.875
    raster = _render([(lon, lat, GREY)], 18, max_px=1024)  # all of Heerlen: 25,000 px at zoom 18
    assert raster.width <= 1024 and raster.height <= 1024
    assert max(raster.width, raster.height) > 1000  # coarser, not smaller than allowed
    pixels = _pixels(raster)
    row, col = _where(raster, lon, lat)
    assert tuple(pixels[row, col]) == (*_rgb(PALETTE[GREY]), 255)
    # as large on screen as at zoom 18 after all: 5 px on the screen is under a pixel here
    assert (pixels[..., 3] > 0).sum() <= 9


def test_plots_outside_the_box_are_left_out():
    inside, outside = (5.95, 50.87), (6.20, 50.87)
    raster = _render([(*inside, GREEN), (*outside, GREEN), (np.nan, np.nan, GREEN)], 13)
    assert raster.drawn == 1
    assert np.array_equal(_pixels(raster), _pixels(_render([(*inside, GREEN)], 13)))


def test_a_click_finds_the_plot_under_the_pointer_and_nothing_beyond_reach():
    rng = np.random.default_rng(5)
    lon = rng.uniform(HEERLEN[0], HEERLEN[2], 200_000)
    lat = rng.uniform(HEERLEN[1], HEERLEN[3], 200_000)
    target = 12_345
    metres = np.hypot((lon - lon[target]) * 70_000, (lat - lat[target]) * 111_000)
    keep = (metres > 20) | (np.arange(len(lon)) == target)  # no other plot within 20 m
    lon, lat, target = lon[keep], lat[keep], int(keep[:target].sum())
    # a click 2 m beside the plot's point, which is under a pixel at zoom 16
    at_lon, at_lat = lon[target] + 2 / 70_000, lat[target]
    assert overview.nearest(lon, lat, at_lon, at_lat, 16, 8) == target
    # a click 100 m from the one plot there: within 8 px at zoom 11, not at zoom 16 (66 px)
    lone_lon, lone_lat = np.array([5.95]), np.array([50.87])
    assert overview.nearest(lone_lon, lone_lat, 5.95 + 100 / 70_000, 50.87, 11, 8) == 0
    assert overview.nearest(lone_lon, lone_lat, 5.95 + 100 / 70_000, 50.87, 16, 8) == -1
    assert overview.nearest(lon[:0], lat[:0], *CENTRE, 13, 8) == -1  # no plots shown


def test_a_colour_outside_the_palette_is_refused():
    with pytest.raises(ValueError, match="palette"):
        overview.render_dots(np.array([5.95]), np.array([50.87]), np.array([len(PALETTE)]),
                             PALETTE, HEERLEN, 13)
