"""Exports of exactly the filtered plots: CSV (WKT), GeoJSON (RFC 7946) and GeoPackage.

* CSV: one row per plot, geometry as WKT in RD New in the column ``wkt_rd``
  (EPSG:28992, metres); the attribution in the column ``attribution`` (so it travels with
  every copy of the file). The CLI also writes ``FILE.prj`` (read by GDAL's CSV driver).
  GDAL: ``ogrinfo -oo GEOM_POSSIBLE_NAMES=wkt_rd -oo KEEP_GEOM_COLUMNS=NO -a_srs EPSG:28992
  plots.csv`` (QGIS: Delimited Text, WKT, EPSG:28992).
* GeoJSON: RFC 7946 - WGS84 lon/lat (EPSG:4326), no ``crs`` member, polygons wound by the
  right-hand rule (exterior counter-clockwise), 7 decimals; the attribution as the foreign
  member ``attribution`` of the FeatureCollection.
* GeoPackage: layer ``kavels`` in RD New (EPSG:28992); the attribution in the layer's
  description (gpkg_contents) and in the layer and dataset metadata.

Public exports only: the columns come from the ``export_plots`` query, which selects no
personal data (and leaves out ``owner_name``, as a private owner's name is personal data).
"""

from __future__ import annotations

import json
import math
import tempfile
from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

import duckdb
import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import mapping
from shapely.geometry.polygon import orient

from gebrookerbos import config, db, i18n
from gebrookerbos.services import bootstrap

LAYER = "kavels"
WKT_COLUMN = "wkt_rd"
DATE_COLUMNS = ("available_from", "available_until")
BOOL_COLUMNS = ("has_water", "has_electricity", "has_car_access")


class ExportFormat(StrEnum):
    CSV = "csv"
    GEOJSON = "geojson"
    GPKG = "gpkg"


MIME: dict[ExportFormat, str] = {
    ExportFormat.CSV: "text/csv",
    ExportFormat.GEOJSON: "application/geo+json",
    ExportFormat.GPKG: "application/geopackage+sqlite3",
}


def attribution(con: duckdb.DuckDBPyConnection, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
    """The data attribution for an export (with the demo-data label when it applies)."""
    text = config.ATTRIBUTION
    if bootstrap.is_demo_dataset(con):
        text = f"{text}. {i18n.t('app.demo_data', lang)}"
    return text


def export_frame(
    con: duckdb.DuckDBPyConnection,
    plot_ids: Sequence[str],
    extra: Mapping[str, Mapping[str, Any]] | None = None,
) -> gpd.GeoDataFrame:
    """The plots ``plot_ids`` (public columns) as a GeoDataFrame in RD New, in that order.

    ``extra`` adds columns per plot id (e.g. the match score): {column: {plot_id: value}}.
    """
    ids = list(dict.fromkeys(plot_ids))
    frame = db.fetch_df(con, "export_plots", plot_ids=ids)
    frame = frame.set_index("plot_id").loc[[i for i in ids if i in set(frame["plot_id"])]]
    frame = frame.reset_index()
    for column, values in (extra or {}).items():
        frame[column] = [values.get(pid) for pid in frame["plot_id"]]
    geometry = gpd.GeoSeries.from_wkb([bytes(b) for b in frame.pop("wkb")], crs=config.RD_NEW)
    for col in DATE_COLUMNS:
        frame[col] = [None if pd.isna(v) else pd.Timestamp(v).date().isoformat()
                      for v in frame[col]]
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=config.RD_NEW)


def _plain(value: Any) -> Any:
    """A JSON-safe value (NaN/NA to null, numpy scalars to Python)."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def to_csv(gdf: gpd.GeoDataFrame, attribution_text: str) -> bytes:
    """CSV with the geometry as WKT in RD New (column ``wkt_rd``) and the attribution."""
    table = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
    table[WKT_COLUMN] = shapely.to_wkt(gdf.geometry.to_crs(config.RD_NEW).values,
                                       rounding_precision=3)
    table["attribution"] = attribution_text
    for col in table.columns:
        if table[col].map(lambda v: isinstance(v, list)).any():
            table[col] = table[col].map(lambda v: ",".join(map(str, v)) if isinstance(v, list)
                                        else v)
    return table.to_csv(index=False, lineterminator="\n").encode("utf-8")


def _rfc7946_geometry(geom) -> dict:
    """WGS84 geometry with right-hand-rule winding and 7 decimals."""
    if geom.geom_type == "Polygon":
        geom = orient(geom, sign=1.0)
    elif geom.geom_type == "MultiPolygon":
        geom = shapely.MultiPolygon([orient(p, sign=1.0) for p in geom.geoms])
    rounded = shapely.transform(geom, lambda xy: xy.round(7))
    return mapping(rounded)


def to_geojson(gdf: gpd.GeoDataFrame, attribution_text: str) -> bytes:
    """GeoJSON by RFC 7946 (EPSG:4326 lon/lat, no ``crs``) with an ``attribution`` member."""
    wgs = gdf.to_crs(config.WGS84)
    props = pd.DataFrame(wgs.drop(columns=wgs.geometry.name))
    features = [
        {
            "type": "Feature",
            "id": row["plot_id"],
            "geometry": _rfc7946_geometry(geom),
            "properties": {k: _plain(v) for k, v in row.items()},
        }
        for row, geom in zip(props.to_dict("records"), wgs.geometry, strict=True)
    ]
    collection = {
        "type": "FeatureCollection",
        "name": LAYER,
        "attribution": attribution_text,
        "features": features,
    }
    return json.dumps(collection, ensure_ascii=False, default=str).encode("utf-8")


def to_gpkg(gdf: gpd.GeoDataFrame, attribution_text: str) -> bytes:
    """A GeoPackage with the layer ``kavels`` in RD New and the attribution as metadata."""
    import pyogrio

    frame = gdf.to_crs(config.RD_NEW).copy()
    for col in frame.columns:
        if col != frame.geometry.name and frame[col].map(lambda v: isinstance(v, list)).any():
            frame[col] = frame[col].map(lambda v: ",".join(map(str, v)) if isinstance(v, list)
                                        else v)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kavels.gpkg"
        pyogrio.write_dataframe(
            frame, path, layer=LAYER, driver="GPKG",
            layer_options={"DESCRIPTION": attribution_text, "IDENTIFIER": "Kavels Gebrookerbos"},
            layer_metadata={"attribution": attribution_text},
            dataset_metadata={"attribution": attribution_text},
        )
        return path.read_bytes()


def export_bytes(gdf: gpd.GeoDataFrame, fmt: ExportFormat | str, attribution_text: str) -> bytes:
    """The plots in the chosen format."""
    fmt = ExportFormat(fmt)
    writer = {ExportFormat.CSV: to_csv, ExportFormat.GEOJSON: to_geojson,
              ExportFormat.GPKG: to_gpkg}[fmt]
    return writer(gdf, attribution_text)


def write_prj(csv_path: str | Path) -> Path:
    """Write ``<name>.prj`` next to a CSV: GDAL's CSV driver then knows it is EPSG:28992."""
    import pyproj

    prj = Path(csv_path).with_suffix(".prj")
    prj.write_text(pyproj.CRS(config.RD_NEW).to_wkt(), encoding="utf-8")
    return prj


def file_name(fmt: ExportFormat | str) -> str:
    return f"kavels.{ExportFormat(fmt).value}"


def export_plots(
    con: duckdb.DuckDBPyConnection,
    plot_ids: Sequence[str],
    fmt: ExportFormat | str,
    out: str | Path,
    lang: str = i18n.DEFAULT_LANGUAGE,
) -> int:
    """Write the plots to a file; returns the number of plots written."""
    gdf = export_frame(con, plot_ids)
    Path(out).write_bytes(export_bytes(gdf, fmt, attribution(con, lang)))
    return len(gdf)
