"""Front-end assets served by the app itself (Streamlit static serving), never from a CDN.

Leaflet comes from the pip package ``xstatic-leaflet`` (the same 1.9.3 that folium
expects) and is copied into ``static/vendor/`` at start-up; Streamlit serves that folder
at ``/app/static/`` when ``server.enableStaticServing`` is on (.streamlit/config.toml).
Streamlit serves only the ``static/`` folder beside the main script (dashboard.py), and no
file whose real path lies outside it (a symlink out of it gets 400), so the copy goes there:
the caller passes that folder (:func:`gebrookerbos.ui.static_dir`).

The folder serves only the app's own assets: Leaflet's JS, CSS and images, and the map
layer files (``cache/map/<hash>.json`` and ``.png``); :func:`tidy_static_folder` removes
anything else at start-up.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import time
from pathlib import Path

STATIC_URL = "/app/static"
LEAFLET_DIR = "vendor/leaflet"
LEAFLET_JS_URL = f"{STATIC_URL}/{LEAFLET_DIR}/leaflet.js"
LEAFLET_CSS_URL = f"{STATIC_URL}/{LEAFLET_DIR}/leaflet.css"
LAYER_DIR = "cache/map"  # the map layer files (gebrookerbos.maps.layers)

# Everything Streamlit may serve from static/: the app's own assets, nothing else. Streamlit
# serves any file in the folder (it refuses traversal, symlinks out of it and directory
# listings, not file kinds), so the folder itself is kept to these (tidy_static_folder).
STATIC_FILES = (
    re.compile(rf"{LEAFLET_DIR}/leaflet\.(js|css)"),
    re.compile(rf"{LEAFLET_DIR}/images/[a-z0-9-]+\.png"),
    re.compile(rf"{LAYER_DIR}/[0-9a-f]{{24}}\.(json|png)"),
)
# A layer file being written (then renamed into place): left alone while it is this young.
_WRITING = re.compile(rf"{LAYER_DIR}/\.[0-9a-f]{{24}}\.\d+\.tmp")
WRITING_SECONDS = 60

_LOG = logging.getLogger(__name__)


def is_static_asset(relative: str) -> bool:
    """True for a path (relative to static/, with ``/``) that the app serves on purpose."""
    return any(p.fullmatch(relative) for p in STATIC_FILES)


def tidy_static_folder(static_dir: Path) -> list[str]:
    """Remove from ``static_dir`` every file that is not one of the app's assets.

    The folder belongs to the app (it writes all of it, and it is git-ignored): a file
    left there by hand, a backup or export saved into it by mistake, a symlink, an HTML
    page, would otherwise be public at /app/static/. Run at start-up; returns the
    relative paths removed (each also logged).
    """
    removed: list[str] = []
    if not static_dir.is_dir():
        return removed
    now = time.time()
    for folder, dirs, files in os.walk(static_dir, followlinks=False):
        base = Path(folder)
        for name in [*files, *(d for d in dirs if (base / d).is_symlink())]:
            path = base / name
            relative = path.relative_to(static_dir).as_posix()
            if not path.is_symlink() and is_static_asset(relative):
                continue
            try:
                if _WRITING.fullmatch(relative) and now - path.lstat().st_mtime < WRITING_SECONDS:
                    continue
                path.unlink()
            except FileNotFoundError:
                continue
            removed.append(relative)
            _LOG.warning("static/%s is not one of the app's assets: removed (it would be "
                         "served at %s/%s)", relative, STATIC_URL, relative)
    return removed


def leaflet_source_dir() -> Path:
    """Where the installed xstatic-leaflet package keeps Leaflet's files."""
    import xstatic.pkg.leaflet as leaflet_pkg

    return Path(leaflet_pkg.BASE_DIR)


def ensure_static_assets(static_dir: Path) -> Path:
    """Copy Leaflet's JS, CSS and images into the app's static folder (idempotent)."""
    source = leaflet_source_dir()
    target = static_dir / LEAFLET_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name in ("leaflet.js", "leaflet.css"):
        src, dst = source / name, target / name
        if not dst.exists() or dst.stat().st_size != src.stat().st_size:
            shutil.copyfile(src, dst)
    images = target / "images"
    if not images.exists():
        shutil.copytree(source / "images", images)
    return target
