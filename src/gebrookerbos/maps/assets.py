"""Front-end assets served by the app itself (Streamlit static serving), never from a CDN.

Leaflet comes from the pip package ``xstatic-leaflet`` (the same 1.9.3 that folium
expects) and is copied into ``static/vendor/`` at start-up; Streamlit serves that folder
at ``/app/static/`` when ``server.enableStaticServing`` is on (.streamlit/config.toml).
Streamlit serves only the ``static/`` folder beside the main script (dashboard.py), and no
file whose real path lies outside it (a symlink out of it gets 400), so the copy goes there:
the caller passes that folder (:func:`gebrookerbos.ui.static_dir`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

STATIC_URL = "/app/static"
LEAFLET_DIR = "vendor/leaflet"
LEAFLET_JS_URL = f"{STATIC_URL}/{LEAFLET_DIR}/leaflet.js"
LEAFLET_CSS_URL = f"{STATIC_URL}/{LEAFLET_DIR}/leaflet.css"


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
