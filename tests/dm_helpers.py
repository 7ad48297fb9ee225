"""Helpers for the data-management tests: database snapshots, fixture files, CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pytest
from pyproj import Transformer
from shapely.geometry import Polygon, mapping

from gebrookerbos import db
from tests import ROOT

TO_WGS84 = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)


def snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Every row of every table (sorted), to prove that nothing changed."""
    tables = [r[0] for r in db.fetch_all(con, "backup_tables")]
    out = {}
    for table in tables:
        rows = db.execute(con, "backup_table_rows", table_name=table).fetchall()
        out[table] = sorted((tuple(bytes(v) if isinstance(v, bytearray) else v for v in r)
                             for r in rows), key=repr)
    return out


def interior_points(con: duckdb.DuckDBPyConnection, n: int) -> list[tuple[float, float]]:
    """``n`` points (RD New) well inside different buurten of Heerlen (plain SQL)."""
    rows = con.execute(
        "SELECT ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)) "
        "FROM neighbourhoods WHERE level = 'buurt' ORDER BY polygon_area_m2 DESC LIMIT $n",
        {"n": n},
    ).fetchall()
    return [(float(x), float(y)) for x, y in rows]


def rectangle(x: float, y: float, w: float, h: float) -> Polygon:
    return Polygon([(x, y), (x + w, y), (x + w, y + h), (x, y + h)])


def to_wgs84(poly: Polygon) -> Polygon:
    xs, ys = TO_WGS84.transform(*poly.exterior.coords.xy)
    return Polygon(list(zip(xs, ys, strict=True)))


def write_geojson(path: Path, features: list[dict], crs_name: str | None = None) -> Path:
    collection: dict = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props, "geometry": geom and mapping(geom)}
        for props, geom in features
    ]}
    if crs_name:
        collection["crs"] = {"type": "name", "properties": {"name": crs_name}}
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return path


def ogr2ogr() -> str:
    found = shutil.which("ogr2ogr")
    if found is None:
        message = "ogr2ogr (Debian gdal-bin) is needed to write the fixture files"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def run_ogr2ogr(*args: str) -> None:
    result = subprocess.run([ogr2ogr(), *args], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def zip_dir(directory: Path, out: Path) -> Path:
    with zipfile.ZipFile(out, "w") as zf:
        for f in sorted(directory.iterdir()):
            zf.write(f, f.name)
    return out


def cli(*args: str, stdin: str | None = None, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gebrookerbos", *args], input=stdin, capture_output=True,
        text=True, cwd=ROOT, env={**os.environ, **(env or {})}, timeout=300,
    )
