"""What the browser reports about the map (its view) is input like any other: a made-up view
never crashes a page, one session cannot fill the server's disk with layer files, and the
layer cache stays bounded however many sessions write to it."""

from __future__ import annotations

import math
import os
import time
from pathlib import Path

import pytest

from gebrookerbos.maps import layers
from gebrookerbos.maps.map_view import viewport_from

HEERLEN = {"_southWest": {"lng": 5.93, "lat": 50.85}, "_northEast": {"lng": 6.02, "lat": 50.93}}


def _state(bounds=HEERLEN, zoom=14) -> dict:
    return {"bounds": bounds, "zoom": zoom}


def _box(west, south, east, north) -> dict:
    return {"_southWest": {"lng": west, "lat": south}, "_northEast": {"lng": east, "lat": north}}


def test_a_real_view_is_read():
    view = viewport_from(_state())
    assert (view.west, view.south, view.east, view.north, view.zoom) == (
        5.93, 50.85, 6.02, 50.93, 14)


@pytest.mark.parametrize("zoom", [2000, -1, 23, 13.5, math.nan, math.inf, "14x", None, True,
                                  10**400])
def test_a_zoom_no_map_can_have_is_no_view(zoom):
    assert viewport_from(_state(zoom=zoom)) is None


@pytest.mark.parametrize("bounds", [
    _box(6.02, 50.85, 5.93, 50.93),  # west and east swapped
    _box(5.93, 50.93, 6.02, 50.85),  # south and north swapped
    _box(-400, 50.85, 6.02, 50.93),  # off the globe
    _box(5.93, 50.85, 6.02, 95),
    _box(math.nan, 50.85, 6.02, 50.93),
    _box(5.93, 50.85, math.inf, 50.93),
    {"_southWest": "x"}, "bounds", [],
])
def test_a_box_no_map_can_show_is_no_view(bounds):
    assert viewport_from(_state(bounds=bounds)) is None


STATIC = Path(__file__).resolve().parents[1] / "static"  # the app's static folder


def _cache_files_used_since(start: float) -> set[str]:
    """The layer files written (or found again and touched) since ``start``."""
    folder = STATIC / layers.CACHE_DIR
    return {p.name for p in folder.glob("*.*") if p.stat().st_mtime >= start - 1} if (
        folder.is_dir()) else set()


@pytest.fixture()
def views_matter(monkeypatch):
    """So few plots fit in detail that every view of the demo data is a layer of its own
    (as with many plots)."""
    monkeypatch.setattr(layers, "DETAIL_MAX_PLOTS", 10)


def test_a_made_up_zoom_from_the_browser_does_not_break_the_map_page(app, views_matter):
    app.run()
    for zoom in (2000, 10**400, -5, 17):
        app.session_state["plot_map"] = _state(zoom=zoom)
        app.run()
        assert not app.exception, (zoom, app.exception)
    assert any("kavels getoond" in m.value for m in app.markdown)


def test_one_session_cannot_have_more_views_drawn_than_its_share(app, views_matter,
                                                                 monkeypatch):
    monkeypatch.setattr(layers, "SESSION_MAX_VIEWS", 5)
    app.run()
    start = time.time()
    for i in range(25):  # a script sending a new view each time, all over the municipality
        west = 5.90 + 0.004 * i
        app.session_state["plot_map"] = _state(_box(west, 50.86, west + 0.01, 50.87), 17)
        app.run()
        assert not app.exception
    used = _cache_files_used_since(start)
    assert 0 < len(used) <= 5 + 1, sorted(used)  # its five views, and the shared overview


def _write(path, size: int, age: float) -> os.PathLike:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    stamp = time.time() - age
    os.utime(path, (stamp, stamp))
    return path


def test_above_the_hard_ceiling_even_files_used_just_now_go(tmp_path, monkeypatch):
    monkeypatch.setattr(layers, "CACHE_HARD_BYTES", 2_500)
    folder = tmp_path / layers.CACHE_DIR
    files = [_write(folder / f"{i:024x}.json", 1_000, age=60 - i) for i in range(5)]
    removed = layers.prune_cache(tmp_path, keep=files[0])
    assert removed == files[1:4]  # least recently used first, never the one kept
    assert sum(p.stat().st_size for p in files if p.exists()) <= 2_500
    assert files[0].exists()


def test_a_session_gets_a_view_again_and_new_ones_once_its_window_has_passed():
    budget = layers.ViewBudget(limit=2, window=600)
    a, b, c = (layers.Viewport(5.9 + i / 100, 50.8, 6.0, 50.9, 15) for i in range(3))
    assert budget.allows(a, now=0) and budget.allows(b, now=1)
    assert not budget.allows(c, now=2)
    assert budget.allows(a, now=3)  # one it had: drawn again
    assert budget.allows(c, now=601)  # a's and b's time is up
