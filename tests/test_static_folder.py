"""The static folder (served at /app/static/) holds only the app's assets, and the map layer
cache stays small: pruned by age, count and size, never under a page that still needs its
file. ``test_browser_static.py`` checks the same over HTTP on a running server."""

from __future__ import annotations

import os
import time
from pathlib import Path

from gebrookerbos.maps import assets, layers


def _write(path: Path, data: bytes = b"{}", age: float = 0.0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if age:
        stamp = time.time() - age
        os.utime(path, (stamp, stamp))
    return path


def _layer(static: Path, n: int, suffix: str = "json") -> Path:
    return static / layers.CACHE_DIR / f"{n:024x}.{suffix}"


def test_only_the_apps_assets_stay_in_the_static_folder(tmp_path):
    static = tmp_path / "static"
    assets.ensure_static_assets(static)
    kept = [_layer(static, 1), _layer(static, 2, "png"),
            _write(static / layers.CACHE_DIR / f".{3:024x}.{os.getpid()}.tmp")]  # being written
    for path in kept[:2]:
        _write(path)
    secret = _write(tmp_path / "secrets.toml", b"password = 'x'")
    planted = [
        _write(static / "notes.txt"), _write(static / ".gitignore"),
        _write(static / "cache" / ".gitignore"), _write(static / "index.html", b"<script>"),
        _write(static / layers.CACHE_DIR / f"{4:024x}.duckdb"),
        _write(static / layers.CACHE_DIR / "backup.json"),
        _write(static / assets.LEAFLET_DIR / "leaflet.js.map"),
        _write(static / "vendor" / "other" / "x.js"),
        _write(static / layers.CACHE_DIR / f".{5:024x}.1.tmp", age=600),  # left behind
    ]
    link = static / "link.json"
    link.symlink_to(secret)
    folder_link = static / "linked"
    folder_link.symlink_to(tmp_path, target_is_directory=True)

    removed = assets.tidy_static_folder(static)

    assert sorted(removed) == sorted(
        [p.relative_to(static).as_posix() for p in planted] + ["link.json", "linked"])
    assert not any(p.exists() for p in planted) and not os.path.lexists(link)
    assert not os.path.lexists(folder_link) and secret.exists()  # links gone, never followed
    assert all(p.exists() for p in kept)
    assert (static / assets.LEAFLET_DIR / "leaflet.js").is_file()
    left = [p.relative_to(static).as_posix() for p in static.rglob("*") if p.is_file()]
    assert all(assets.is_static_asset(p) for p in left if not p.endswith(".tmp"))
    assert assets.tidy_static_folder(static) == []
    assert assets.tidy_static_folder(tmp_path / "missing") == []


def test_the_cache_drops_files_not_used_for_an_hour(tmp_path):
    idle = _write(_layer(tmp_path, 1), age=layers.CACHE_IDLE_SECONDS + 1)
    recent = _write(_layer(tmp_path, 2), age=layers.CACHE_KEEP_SECONDS + 1)
    assert layers.prune_cache(tmp_path) == [idle]
    assert recent.exists()


def test_the_cache_is_bounded_by_count_least_recently_used_first(tmp_path, monkeypatch):
    monkeypatch.setattr(layers, "CACHE_MAX_FILES", 3)
    old = [_write(_layer(tmp_path, i), age=1_000 - i) for i in range(5)]
    assert layers.prune_cache(tmp_path) == old[:2]
    assert all(p.exists() for p in old[2:])


def test_the_cache_is_bounded_by_size(tmp_path, monkeypatch):
    monkeypatch.setattr(layers, "CACHE_MAX_BYTES", 2_500)
    files = [_write(_layer(tmp_path, i, "png"), b"x" * 1_000, age=1_000 - i) for i in range(4)]
    assert layers.prune_cache(tmp_path) == files[:2]
    assert sum(p.stat().st_size for p in files if p.exists()) <= 2_500


def test_a_file_used_in_the_last_minutes_is_never_pruned(tmp_path, monkeypatch):
    monkeypatch.setattr(layers, "CACHE_MAX_FILES", 1)
    monkeypatch.setattr(layers, "CACHE_MAX_BYTES", 1)
    young = [_write(_layer(tmp_path, i), age=layers.CACHE_KEEP_SECONDS - 30 - i)
             for i in range(3)]
    assert layers.prune_cache(tmp_path) == []
    assert all(p.exists() for p in young)
    # a few minutes is what a page needs: the app hands out a URL for at most 60 s
    assert 120 <= layers.CACHE_KEEP_SECONDS <= 600
    assert layers.CACHE_MAX_BYTES < 1024**3  # Streamlit stops serving a static/ above 1 GB


def test_writing_a_layer_prunes_the_cache(ro_con, tmp_path, monkeypatch):
    from gebrookerbos.domain import plot_filter
    from gebrookerbos.maps.style import ColourBy

    stale = _write(_layer(tmp_path, 1), age=layers.CACHE_IDLE_SECONDS + 1)
    shown = plot_filter.filtered_plots(ro_con, plot_filter.PlotFilter(), geometry=False)
    layer = layers.plot_layer(ro_con, shown.head(5), ColourBy.AVAILABILITY, "nl", None,
                              static_dir=tmp_path)
    assert layers.layer_path(layer.url, tmp_path).exists() and not stale.exists()


def test_a_layer_pruned_meanwhile_is_written_again(app_env, tmp_path):
    """ui.plot_layer hands out a cached URL only while its file exists."""
    from streamlit.testing.v1 import AppTest

    script = tmp_path / "app.py"
    script.write_text(
        "import streamlit as st\n"
        "from gebrookerbos import ui\n"
        "from gebrookerbos.domain import plot_filter\n"
        "from gebrookerbos.maps import layers\n"
        "from gebrookerbos.maps.style import ColourBy\n"
        "shown = ui.filtered_plot_rows(plot_filter.PlotFilter())\n"
        "first = ui.plot_layer(shown, ColourBy.AVAILABILITY, None)\n"
        "path = layers.layer_path(first.url, ui.static_dir())\n"
        "path.unlink()  # pruned between two runs\n"
        "again = ui.plot_layer(shown, ColourBy.AVAILABILITY, None)\n"
        "st.write(f'{again.url == first.url} {path.exists()}')\n",
        encoding="utf-8",
    )
    at = AppTest.from_file(str(script), default_timeout=60).run()
    assert not at.exception
    assert at.markdown[0].value == "True True"
