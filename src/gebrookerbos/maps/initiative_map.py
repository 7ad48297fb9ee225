"""One initiative's plots on a small map (the same builder as the main map)."""

from __future__ import annotations

import folium
import pandas as pd
import shapely

from gebrookerbos.maps.plot_map import MapOptions, build_map


def plots_bounds(plots: pd.DataFrame, pad: float = 0.0015) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) around the plots' WGS84 GeoJSON, padded."""
    geoms = [shapely.from_geojson(g) for g in plots["geojson"]]
    x0, y0, x1, y1 = shapely.total_bounds(geoms)
    return (x0 - pad, y0 - pad, x1 + pad, y1 + pad)


def small_map(plots: pd.DataFrame, lang: str, basemap) -> folium.Map:
    """The initiative's plots on a small map (the same builder as the main map)."""
    return build_map(
        plots, plots_bounds(plots),
        MapOptions(basemap=basemap, lang=lang, show_buurten=False, show_wijken=False,
                   height=300),
    )
