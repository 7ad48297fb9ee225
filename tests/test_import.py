"""Importing plots: GDAL-written files import with the right areas; every bad input is
refused with a clear message and changes nothing (full table dump before and after)."""

from __future__ import annotations

import json

import pyogrio
import pytest
import shapely
from shapely.geometry import LineString, Polygon

from gebrookerbos import db
from gebrookerbos.services import importer
from tests.actors import ADMIN
from tests.dm_helpers import (
    TO_WGS84,
    cli,
    interior_points,
    rectangle,
    run_ogr2ogr,
    snapshot,
    to_wgs84,
    write_geojson,
    zip_dir,
)

ON_BOTH_STORES = True  # the database tests run on the DuckDB file and on PostgreSQL

NAMES = ["Kapelaan Brüllstraat", "Schaesbergerveld ë", "Crèche Mariënberg"]
SIZES = [(30.0, 40.0), (25.0, 12.0), (50.0, 50.0)]  # m: areas 1200, 300, 2500 m²


@pytest.fixture()
def source(con, tmp_path):
    """Three rectangles of known size (RD New) in three buurten, written as WGS84 GeoJSON."""
    points = interior_points(con, 3)
    rd = [rectangle(x, y, w, h) for (x, y), (w, h) in zip(points, SIZES, strict=True)]
    features = [
        ({"plot_id": f"IMP-{i + 1}", "naam": NAMES[i], "beschikbaarheid": "niet beschikbaar",
          "bestemming": "groen", "water": "ja", "gemeentecode_intern": f"X{i}"}, to_wgs84(g))
        for i, g in enumerate(rd)
    ]
    path = write_geojson(tmp_path / "bron.geojson", features)
    return path, rd


def _areas(con, ids) -> dict[str, float]:
    return dict(con.execute(
        "SELECT plot_id, area_m2 FROM plots WHERE list_contains($ids, plot_id)", {"ids": ids}
    ).fetchall())


def _check_imported(con, report, rd):
    assert report.ok, report.summary("en")
    assert report.imported == 3
    areas = _areas(con, ["IMP-1", "IMP-2", "IMP-3"])
    for i, (w, h) in enumerate(SIZES):
        # hand computed (w x h); the WGS84 round trip moves corners by millimetres
        assert areas[f"IMP-{i + 1}"] == pytest.approx(w * h, abs=0.5)
        assert areas[f"IMP-{i + 1}"] == pytest.approx(rd[i].area, abs=0.5)
    names = dict(con.execute(
        "SELECT plot_id, name FROM plots WHERE plot_id LIKE 'IMP-%'").fetchall())
    assert names == {f"IMP-{i + 1}": n for i, n in enumerate(NAMES)}
    rows = con.execute(
        "SELECT availability, zoning, has_water, buurt_code IS NOT NULL FROM plots "
        "WHERE plot_id LIKE 'IMP-%'").fetchall()
    assert set(rows) == {("unavailable", "groen", True, True)}
    # the buurt is the one that holds the plot (checked in plain SQL with ST_Contains)
    for pid in ("IMP-1", "IMP-2", "IMP-3"):
        assert con.execute(
            "SELECT ST_Contains(n.geom, p.geom) FROM plots p JOIN neighbourhoods n "
            "ON n.code = p.buurt_code WHERE p.plot_id = $id", {"id": pid}).fetchone()[0]
    events = con.execute(
        "SELECT count(*) FROM plot_events WHERE plot_id LIKE 'IMP-%' "
        "AND from_availability IS NULL AND to_availability = 'unavailable'").fetchone()[0]
    assert events == 3
    # each has its place on the map, written with it
    assert con.execute("SELECT count(*) FROM plot_places WHERE plot_id LIKE 'IMP-%'"
                       ).fetchone()[0] == 3
    audit = con.execute(
        "SELECT count(*) FROM audit_log WHERE table_name = 'plots' AND action = 'import' "
        "AND record_id LIKE 'IMP-%'").fetchone()[0]
    assert audit == 3
    assert db.fetch_value(con, "get_meta", key="dataset") == "own"
    # reported, not fatal (a Shapefile cuts the name to 10 characters)
    assert [c[:10] for c in report.unknown_columns] == ["gemeenteco"]


def test_geopackage_written_by_gdal(con, source, tmp_path):
    src, rd = source
    out = tmp_path / "kavels.gpkg"
    run_ogr2ogr("-f", "GPKG", str(out), str(src), "-t_srs", "EPSG:28992", "-nln", "kavels")
    _check_imported(con, importer.import_plots(con, out, actor=ADMIN), rd)


def test_zipped_shapefile_written_by_gdal(con, source, tmp_path):
    src, rd = source
    shp = tmp_path / "shp"
    shp.mkdir()
    run_ogr2ogr("-f", "ESRI Shapefile", str(shp / "kavels.shp"), str(src),
                "-t_srs", "EPSG:28992")
    archive = zip_dir(shp, tmp_path / "kavels.zip")
    _check_imported(con, importer.import_plots(con, archive, actor=ADMIN), rd)


def test_geojson_written_by_gdal(con, source, tmp_path):
    src, rd = source
    out = tmp_path / "kavels.geojson"
    run_ogr2ogr("-f", "GeoJSON", str(out), str(src))
    _check_imported(con, importer.import_plots(con, out, actor=ADMIN), rd)


def test_csv_with_wkt_needs_a_crs(con, source, tmp_path):
    _, rd = source
    path = tmp_path / "kavels.csv"
    lines = ["plot_id;naam;beschikbaarheid;bestemming;water;gemeentecode_intern;wkt"]
    lines += [f"IMP-{i + 1};{NAMES[i]};niet beschikbaar;groen;ja;X{i};{g.wkt}"
              for i, g in enumerate(rd)]
    path.write_text("\n".join(lines), encoding="utf-8")
    before = snapshot(con)
    refused = importer.import_plots(con, path, actor=ADMIN)
    assert not refused.ok and snapshot(con) == before
    message = refused.summary("en")
    assert "does not declare its coordinate system" in message
    assert "--crs" in message and "RD New" in message  # the hint: the values look like RD
    _check_imported(con, importer.import_plots(con, path, crs="28992", actor=ADMIN), rd)


# --- bad input: refused, clear message, nothing changed ------------------------------------


def _refused(con, path, *expected: str, **kwargs) -> importer.ImportReport:
    before = snapshot(con)
    report = importer.import_plots(con, path, **kwargs, actor=ADMIN)
    assert not report.ok
    assert report.imported == 0
    assert snapshot(con) == before
    text = report.summary("en")
    assert "Nothing was changed" in text or "nothing was changed" in text.lower()
    for phrase in expected:
        assert phrase in text, text
    return report


def _good(con, n=2):
    points = interior_points(con, n)
    return [rectangle(x, y, 20, 20) for x, y in points]


def test_line_geometry_is_refused(con, tmp_path):
    good = _good(con)
    x0, y0, x1, y1 = good[1].bounds
    line = LineString(zip(*TO_WGS84.transform([x0, x1], [y0, y1]), strict=True))
    path = write_geojson(tmp_path / "f.geojson", [
        ({"plot_id": "A"}, to_wgs84(good[0])), ({"plot_id": "B"}, line)])
    report = _refused(con, path, "Feature 2 (B)", "geometry type LineString",
                      "only polygons")
    assert report.counts() == {"geometry_type": 1}


def test_invalid_geometry_refused_unless_repair_asked(con, tmp_path):
    (a,) = _good(con, 1)
    x0, y0, x1, y1 = a.bounds
    bowtie = Polygon([(x0, y0), (x1, y1), (x1, y0), (x0, y1)])  # self-intersecting
    path = write_geojson(tmp_path / "f.geojson", [({"plot_id": "BOW", "naam": "Strik"},
                                                   to_wgs84(bowtie))])
    _refused(con, path, "invalid geometry", "Self-intersection", "--repair")
    repaired = importer.import_plots(con, path, repair=True, actor=ADMIN)
    assert repaired.ok and repaired.imported == 1
    assert repaired.warning_counts() == {"repaired": 1}
    area = con.execute("SELECT area_m2 FROM plots WHERE plot_id = 'BOW'").fetchone()[0]
    assert area == pytest.approx(shapely.make_valid(bowtie).area, rel=1e-3)  # two triangles


def test_swapped_axes_are_recognised_and_corrected(con, tmp_path):
    (a,) = _good(con, 1)
    wgs = to_wgs84(a)
    swapped = Polygon([(y, x) for x, y in wgs.exterior.coords])  # lat/lon instead of lon/lat
    path = write_geojson(tmp_path / "f.geojson", [({"plot_id": "SW", "name": "Omgedraaid"},
                                                   swapped)])
    report = importer.import_plots(con, path, actor=ADMIN)
    assert report.ok and report.warning_counts() == {"axes_swapped": 1}
    assert "x and y" in report.summary("en") and "swapped" in report.summary("en")
    area = con.execute("SELECT area_m2 FROM plots WHERE plot_id = 'SW'").fetchone()[0]
    assert area == pytest.approx(400, abs=0.5)


def test_rd_coordinates_declared_as_wgs84_are_refused(con, tmp_path):
    (a,) = _good(con, 1)
    path = write_geojson(tmp_path / "f.geojson", [({"plot_id": "RD"}, a)])  # no crs member
    _refused(con, path, "too large for degrees", "RD New")


def test_crs_conflict_with_the_file_is_refused(con, tmp_path):
    (a,) = _good(con, 1)
    path = write_geojson(tmp_path / "f.geojson", [({"plot_id": "C"}, to_wgs84(a))])
    _refused(con, path, "differs from --crs", crs="28992")


def test_plot_outside_heerlen_is_refused(con, tmp_path):
    good = _good(con)
    maastricht = rectangle(176_000, 317_000, 30, 30)
    path = write_geojson(tmp_path / "f.geojson", [
        ({"plot_id": "IN"}, to_wgs84(good[0])), ({"plot_id": "OUT"}, to_wgs84(maastricht))])
    report = _refused(con, path, "Feature 2 (OUT)", "outside the municipality of Heerlen",
                      "1 of 2 features rejected")
    assert report.counts() == {"outside_municipality": 1}


def test_missing_and_duplicate_ids_are_refused(con, tmp_path):
    good = _good(con, 4)
    existing = con.execute("SELECT min(plot_id) FROM plots").fetchone()[0]
    path = write_geojson(tmp_path / "f.geojson", [
        ({"plot_id": "D1"}, to_wgs84(good[0])), ({"plot_id": "D1"}, to_wgs84(good[1])),
        ({"plot_id": ""}, to_wgs84(good[2])), ({"plot_id": existing}, to_wgs84(good[3])),
    ])
    report = _refused(con, path, "plot id D1 occurs more than once",
                      "the plot id (plot_id) is empty", f"plot {existing} already exists")
    assert report.counts() == {"duplicate_in_file": 2, "missing_plot_id": 1,
                               "duplicate_existing": 1}


def test_no_plot_id_column_is_refused(con, tmp_path):
    (a,) = _good(con, 1)
    path = write_geojson(tmp_path / "f.geojson", [({"naam": "zonder id"}, to_wgs84(a))])
    _refused(con, path, "Required column missing: plot_id")


def test_invalid_values_are_refused(con, tmp_path):
    (a,) = _good(con, 1)
    path = write_geojson(tmp_path / "f.geojson", [
        ({"plot_id": "V", "beschikbaarheid": "misschien", "beschikbaar_vanaf": "gisteren"},
         to_wgs84(a))])
    _refused(con, path, "availability = misschien", "available_from = gisteren")


def test_a_new_plot_cannot_arrive_reserved_or_in_use(con, tmp_path):
    """Without an initiative a plot is available or unavailable: the import refuses the rest."""
    a, b = _good(con, 2)
    path = write_geojson(tmp_path / "held.geojson", [
        ({"plot_id": "H1", "beschikbaarheid": "in optie"}, to_wgs84(a)),
        ({"plot_id": "H2", "beschikbaarheid": "in gebruik"}, to_wgs84(b))])
    _refused(con, path, "can only be 'available' or 'unavailable' (reserved)",
             "can only be 'available' or 'unavailable' (in_use)")


def test_shapefile_in_cp1252_without_declaration_is_refused_then_read_when_declared(
        con, tmp_path):
    (a,) = _good(con, 1)
    src = write_geojson(tmp_path / "src.geojson", [
        ({"plot_id": "ENC", "naam": "Kapelaan Brüllstraat"}, a)], crs_name="EPSG:28992")
    shp = tmp_path / "shp"
    shp.mkdir()
    run_ogr2ogr("-f", "ESRI Shapefile", str(shp / "k.shp"), str(src), "-lco", "ENCODING=CP1252")
    (shp / "k.cpg").unlink(missing_ok=True)  # an old export: cp1252 bytes, nothing declared
    archive = zip_dir(shp, tmp_path / "k.zip")
    _refused(con, archive, "not UTF-8", "--encoding cp1252")
    report = importer.import_plots(con, archive, encoding="cp1252", actor=ADMIN)
    assert report.ok, report.summary("en")
    name = con.execute("SELECT name FROM plots WHERE plot_id = 'ENC'").fetchone()[0]
    assert name == "Kapelaan Brüllstraat"


def test_double_encoded_text_is_refused(con, tmp_path):
    (a,) = _good(con, 1)
    garbled = "Kapelaan Brüllstraat".encode().decode("latin-1")  # 'BrÃ¼llstraat'
    path = write_geojson(tmp_path / "f.geojson", [({"plot_id": "G", "naam": garbled},
                                                   to_wgs84(a))])
    _refused(con, path, "garbled by a wrong text encoding", "BrÃ¼ll")


@pytest.mark.parametrize("name,content,expected", [
    ("kapot.geojson", b'{"type": "FeatureCollection", "features": [{"type": "Fea',
     "not a readable geodata file"),
    ("tekst.geojson", b"dit is geen geobestand\n", "is called .geojson but is not GeoJSON: it is text"),
    ("leeg.gpkg", b"", "empty file"),
    ("kapot.gpkg", b"SQLite format 3\x00" + b"\x00" * 200, "not a readable geodata file"),
    ("kapot.zip", b"PK\x03\x04 not really a zip", "not a readable geodata file"),
    ("plaatje.png", b"\x89PNG\r\n", "is not supported"),
    ("kavels.csv", b"plot_id,naam\nA,zonder geometrie\n", "no geometry column"),
])
def test_garbage_and_truncated_files_are_refused(con, tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    _refused(con, path, expected)


def test_a_refusal_names_no_server_path_and_no_library_error(con, tmp_path):
    """What GDAL says of an unreadable file names the file's place on the server: the
    refusal says what is wrong in words of its own."""
    path = tmp_path / "kapot.gpkg"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    report = _refused(con, path, "not a readable geodata file")
    for lang in ("nl", "en"):
        text = report.summary(lang)
        assert str(tmp_path) not in text and "/tmp" not in text, text
        assert "sqlite" not in text.lower() and "gdal" not in text.lower(), text


def test_a_geopackage_with_only_a_table_of_data_is_refused(con, store, tmp_path):
    import pandas as pd

    path = tmp_path / "alleen-een-tabel.gpkg"
    table = pd.DataFrame({"plot_id": ["T-1", "T-2"], "naam": ["Een", "Twee"]})
    pyogrio.write_dataframe(table, path, driver="GPKG", layer="kavels")
    assert pyogrio.read_info(path, layer="kavels")["geometry_type"] is None  # no geometry
    _refused(con, path, "has no geometry (only a table of data)")
    con.close()  # the CLI needs the file for itself
    result = cli("import-plots", str(path), "--db", store)
    assert result.returncode == 2
    assert "has no geometry" in result.stderr and "Traceback" not in result.stderr


def test_truncated_geopackage_written_by_gdal_is_refused(con, source, tmp_path):
    src, _ = source
    out = tmp_path / "kavels.gpkg"
    run_ogr2ogr("-f", "GPKG", str(out), str(src), "-t_srs", "EPSG:28992")
    data = out.read_bytes()
    out.write_bytes(data[: len(data) // 3])
    _refused(con, out, "not a readable geodata file")


def test_zip_without_shapefile_is_refused(con, tmp_path):
    folder = tmp_path / "z"
    folder.mkdir()
    (folder / "leesmij.txt").write_text("geen shapefile")
    _refused(con, zip_dir(folder, tmp_path / "z.zip"), "holds no Shapefile")


def test_geopackage_with_several_layers_needs_a_layer(con, source, tmp_path):
    src, rd = source
    out = tmp_path / "twee.gpkg"
    run_ogr2ogr("-f", "GPKG", str(out), str(src), "-t_srs", "EPSG:28992", "-nln", "kavels")
    run_ogr2ogr("-f", "GPKG", "-update", str(out), str(src), "-nln", "kopie")
    _refused(con, out, "several layers", "kavels", "kopie")
    _refused(con, out, "Layer not found: bestaat_niet", layer="bestaat_niet")
    _check_imported(con, importer.import_plots(con, out, layer="kavels", actor=ADMIN), rd)


def test_dry_run_changes_nothing(con, source):
    src, _ = source
    before = snapshot(con)
    report = importer.import_plots(con, src, dry_run=True, actor=ADMIN)
    assert report.ok and report.features == 3 and report.imported == 0
    assert "Dry run" in report.summary("en")
    assert snapshot(con) == before


def test_a_large_refusal_stays_readable(con, tmp_path):
    """500 bad features: counts per kind and only the first problems are listed."""
    (x, y), = interior_points(con, 1)
    feats = [({"plot_id": f"L{i}"}, to_wgs84(rectangle(x + (i % 20) * 3, y + (i // 20) * 3,
                                                       2, 2)))
             for i in range(400)]
    feats += [({"plot_id": f"M{i}"}, to_wgs84(rectangle(176_000 + i * 3, 317_000, 2, 2)))
              for i in range(100)]
    feats += [({"plot_id": "L0"}, to_wgs84(rectangle(x, y, 2, 2)))]
    path = write_geojson(tmp_path / "groot.geojson", feats)
    report = _refused(con, path, "100 x outside the municipality of Heerlen",
                      "2 x plot id twice in the file", "The first 20 of 102 problems")
    assert len(report.summary("en").splitlines()) < 30


# --- the command line ------------------------------------------------------------------------


def test_cli_import_exit_codes_and_messages(store, con, source, tmp_path):
    src, _ = source
    con.close()  # the CLI needs a DuckDB file for itself (a PostgreSQL store is shared)
    ok = cli("import-plots", str(src), "--db", store)
    assert ok.returncode == 0, ok.stderr
    assert "Imported 3 plots" in ok.stdout and ok.stderr == ""
    again = cli("import-plots", str(src), "--db", store)
    assert again.returncode == 2
    assert "already exists in the database" in again.stderr and "Traceback" not in again.stderr
    garbage = tmp_path / "x.geojson"
    garbage.write_text("{{{ garbage")
    bad = cli("import-plots", str(garbage), "--db", store)
    assert bad.returncode == 2 and "not a readable geodata file" in bad.stderr
    assert "Traceback" not in bad.stderr + bad.stdout
    dutch = cli("import-plots", str(garbage), "--db", store, env={"GEBROOKERBOS_LANG": "nl"})
    assert "Er is niets veranderd" in dutch.stderr


def test_cli_dry_run_and_missing_database(store, con, source, tmp_path):
    src, _ = source
    con.close()
    dry = cli("import-plots", str(src), "--db", store, "--dry-run")
    assert dry.returncode == 0 and "Dry run" in dry.stdout
    missing = cli("import-plots", str(src), "--db", str(tmp_path / "nope.duckdb"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    assert not (tmp_path / "nope.duckdb").exists()


def test_report_messages_exist_in_both_languages():
    kinds = [k.split(".")[-1] for k in importer.i18n.TEXT if k.startswith("import.kind.")]
    for kind in kinds:
        p = importer.Problem(kind, feature=1, plot_id="X", detail="d")
        assert p.message("nl") and p.message("en")
    assert json.dumps(kinds)
