"""Exports of the filtered plots, read back with GDAL (pyogrio and ogrinfo)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pyogrio
import pytest
import shapely
from shapely.geometry import shape

from gebrookerbos import cli, config
from gebrookerbos.domain import plot_filter
from gebrookerbos.domain.plot_filter import PlotFilter
from gebrookerbos.present import exports

ON_BOTH_STORES = True  # the database tests run on the DuckDB file and on PostgreSQL

CSV_OPEN = {"GEOM_POSSIBLE_NAMES": "wkt_rd", "KEEP_GEOM_COLUMNS": "NO"}
# Heerlen in RD New (metres) and in WGS84 (degrees): a generous box
RD_BOX = (185_000, 312_000, 205_000, 332_000)
WGS_BOX = (5.85, 50.82, 6.05, 50.97)


def personal_values(con) -> list[str]:
    """Every personal value in the database: initiators, contacts, account managers and the
    names of private owners."""
    values = set()
    for row in con.execute("SELECT initiator_group, contact_name, contact_email, contact_phone, "
                           "account_manager FROM initiatives").fetchall():
        values.update(v for v in row if v)
    values.update(r[0] for r in con.execute(
        "SELECT owner_name FROM plots WHERE owner_type = 'private' AND owner_name IS NOT NULL"
    ).fetchall())
    return sorted(values)


@pytest.fixture(scope="module")
def written(ro_con, tmp_path_factory):
    """The available plots of the demo data, in every format."""
    flt = PlotFilter(availabilities=("available",), min_area=500)
    ids = list(plot_filter.filtered_plots(ro_con, flt, geometry=False)["plot_id"])
    out = tmp_path_factory.mktemp("exports")
    paths = {}
    for fmt in exports.ExportFormat:
        paths[fmt] = out / f"kavels.{fmt.value}"
        assert exports.export_plots(ro_con, ids, fmt, paths[fmt]) == len(ids)
    exports.write_prj(paths[exports.ExportFormat.CSV])
    return ids, paths


def _in_box(bounds, box) -> bool:
    return box[0] < bounds[0] < bounds[2] < box[2] and box[1] < bounds[1] < bounds[3] < box[3]


def test_geopackage_is_rd_new_with_count_and_attribution(written):
    ids, paths = written
    info = pyogrio.read_info(paths["gpkg"])
    assert info["crs"] == "EPSG:28992"
    assert info["features"] == len(ids)
    assert info["layer_metadata"]["attribution"].startswith(config.ATTRIBUTION)
    assert "Kadaster" in info["layer_metadata"]["DESCRIPTION"]
    assert _in_box(info["total_bounds"], RD_BOX)
    frame = pyogrio.read_dataframe(paths["gpkg"])
    assert list(frame["plot_id"]) == ids
    assert "owner_name" not in frame.columns


def test_geojson_follows_rfc7946(written, ro_con):
    ids, paths = written
    data = json.loads(paths["geojson"].read_text(encoding="utf-8"))
    assert "crs" not in data
    assert data["attribution"].startswith(config.ATTRIBUTION)
    assert [f["properties"]["plot_id"] for f in data["features"]] == ids
    for feature in data["features"]:
        geom = shape(feature["geometry"])
        assert _in_box(geom.bounds, WGS_BOX)  # lon, lat order
        polygons = geom.geoms if geom.geom_type == "MultiPolygon" else [geom]
        for poly in polygons:  # right-hand rule: exterior counter-clockwise, holes clockwise
            assert poly.exterior.is_ccw
            assert all(not ring.is_ccw for ring in poly.interiors)
    info = pyogrio.read_info(paths["geojson"])
    assert info["crs"] == "EPSG:4326" and info["features"] == len(ids)
    # same shape as in the database (independent route: DuckDB transforms the geometry)
    first = data["features"][0]
    area_db = ro_con.execute("SELECT area_m2 FROM plots WHERE plot_id = $p",
                             {"p": first["id"]}).fetchone()[0]
    assert first["properties"]["area_m2"] == pytest.approx(area_db, abs=0.1)


def test_csv_has_wkt_in_rd_new_and_the_attribution(written):
    ids, paths = written
    info = pyogrio.read_info(paths["csv"], **CSV_OPEN)
    assert info["features"] == len(ids)
    assert info["crs"] == "EPSG:28992"  # from the .prj next to it
    frame = pyogrio.read_dataframe(paths["csv"], **CSV_OPEN)
    assert _in_box(frame.total_bounds, RD_BOX)
    assert list(frame["plot_id"]) == ids
    assert frame["attribution"].nunique() == 1
    assert frame["attribution"][0].startswith(config.ATTRIBUTION)
    assert "Fictieve demodata" in frame["attribution"][0]


def test_no_personal_data_in_any_export(written, ro_con):
    _, paths = written
    secrets = personal_values(ro_con)
    assert len(secrets) > 20
    for path in paths.values():
        blob = path.read_bytes()
        found = [s for s in secrets if s.encode("utf-8") in blob]
        assert found == [], path.name


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="ogrinfo (gdal-bin) not installed")
@pytest.mark.parametrize("fmt", ["gpkg", "geojson", "csv"])
def test_ogrinfo_reads_crs_and_count(written, fmt):
    ids, paths = written
    args = ["ogrinfo", "-ro", "-so", "-al", str(paths[fmt])]
    if fmt == "csv":
        args[1:1] = ["-oo", "GEOM_POSSIBLE_NAMES=wkt_rd", "-oo", "KEEP_GEOM_COLUMNS=NO"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    assert f"Feature Count: {len(ids)}" in out
    assert ("WGS 84" if fmt == "geojson" else "Amersfoort / RD New") in out


@pytest.mark.parametrize("fmt", ["csv", "geojson", "gpkg"])
def test_cli_exports_exactly_the_filtered_set(demo_db_file, ro_con, tmp_path, fmt, capsys):
    wijk = ro_con.execute("SELECT b.wijk_code FROM plots p JOIN neighbourhoods b "
                          "ON b.code = p.buurt_code GROUP BY 1 ORDER BY count(*) DESC "
                          "LIMIT 1").fetchone()[0]
    expected = [r[0] for r in ro_con.execute(
        "SELECT p.plot_id FROM plots p JOIN neighbourhoods b ON b.code = p.buurt_code "
        "WHERE b.wijk_code = $w AND p.availability = 'available' AND p.area_m2 >= 300 "
        "AND p.area_m2 <= 5000 ORDER BY 1", {"w": wijk}).fetchall()]
    assert expected
    out = tmp_path / f"export.{fmt}"
    code = cli.main(["export-plots", "--db", str(demo_db_file), "--format", fmt, "--out",
                     str(out), "--wijk", wijk, "--availability", "available",
                     "--min-area", "300", "--max-area", "5000"])
    assert code == cli.EXIT_OK
    assert f"Wrote {len(expected)} plots" in capsys.readouterr().out
    frame = pyogrio.read_dataframe(out, **(CSV_OPEN if fmt == "csv" else {}))
    assert list(frame["plot_id"]) == expected
    assert pyogrio.read_info(out, **(CSV_OPEN if fmt == "csv" else {}))["crs"] == (
        "EPSG:4326" if fmt == "geojson" else "EPSG:28992")


@pytest.mark.parametrize("args", [
    ["--availability", "free"], ["--wijk", "WK999999"], ["--buurt", "BU0"],
    ["--min-area", "500", "--max-area", "100"],
])
def test_cli_refuses_bad_filters_and_writes_nothing(demo_db_file, tmp_path, args, capsys):
    out = tmp_path / "x.csv"
    code = cli.main(["export-plots", "--db", str(demo_db_file), "--format", "csv",
                     "--out", str(out), *args])
    assert code == cli.EXIT_REFUSED
    assert "Nothing was written" in capsys.readouterr().err
    assert not out.exists()


def test_extra_columns_and_order_follow_the_caller(ro_con):
    ids = ["KV-0003", "KV-0001", "KV-0002"]
    gdf = exports.export_frame(ro_con, ids, {"match_score": {"KV-0001": 90, "KV-0003": 50}})
    assert list(gdf["plot_id"]) == ids
    assert list(gdf["match_score"])[:2] == [50, 90]
    assert gdf.crs.to_epsg() == 28992
    assert shapely.get_num_geometries(gdf.geometry.values).min() >= 1
    data = json.loads(exports.to_geojson(gdf, "x"))
    assert [f["properties"]["match_score"] for f in data["features"]] == [50, 90, None]
