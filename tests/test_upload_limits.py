"""Limits on what an import reads, checked before anything reads the file: its size, that it
is what its name says, and for a zip its table of contents (a zip bomb is refused before a
byte is inflated). In the service, so the command line and the page Beheer refuse alike;
the page only shows the message. Real files, every refusal changes nothing."""

from __future__ import annotations

import csv
import time
import tomllib
import zipfile
from pathlib import Path

import pytest

from gebrookerbos import db
from gebrookerbos.services import importer
from tests import ROOT
from tests.actors import ADMIN, session_user
from tests.dm_helpers import cli, interior_points, run_ogr2ogr, snapshot

MB = importer.MB


def _refused(con, path: Path, *expected: str) -> importer.ImportReport:
    before = snapshot(con)
    started = time.monotonic()
    report = importer.import_plots(con, path, actor=ADMIN)
    assert time.monotonic() - started < 10  # refused at once, nothing inflated or parsed
    assert not report.ok and report.imported == 0
    assert snapshot(con) == before
    first = report.summary("en").splitlines()[0]
    assert first.startswith(f"Import of {path.name} refused: ") and "Nothing was changed" in first
    for phrase in expected:
        assert phrase in first, first
    return report


def _zeros_zip(path: Path, member: str, size: int) -> Path:
    """A real zip whose one member is ``size`` zero bytes, deflated (about 1,000 : 1)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        with zf.open(member, "w") as f:
            chunk = bytes(MB)
            for _ in range(size // MB):
                f.write(chunk)
    return path


def _patch_sizes(path: Path, declared: int, *, local: bool) -> None:
    """Make the zip lie: its (one) member declares ``declared`` bytes unpacked."""
    data = bytearray(path.read_bytes())
    at = data.rfind(b"PK\x01\x02")  # the central directory entry
    data[at + 24:at + 28] = declared.to_bytes(4, "little")
    if local:  # the local header, which GDAL and zipfile also read
        data[22:26] = declared.to_bytes(4, "little")
    path.write_bytes(bytes(data))


# --- size ------------------------------------------------------------------------------


def test_a_file_over_the_limit_is_refused_before_it_is_read(con, tmp_path):
    path = tmp_path / "groot.gpkg"
    with path.open("wb") as f:  # a sparse file: 201 MB long, no disk used
        f.write(b"SQLite format 3\x00")
        f.truncate(201 * MB)
    _refused(con, path, "The file is 201 MB; the limit is 200 MB", "Split the file")


def test_the_command_line_refuses_it_too_in_dutch(db_file, tmp_path):
    path = tmp_path / "groot.geojson"
    with path.open("wb") as f:
        f.write(b'{"type": "FeatureCollection", "features": [')
        f.truncate(250 * MB)
    result = cli("import-plots", str(path), "--db", str(db_file),
                 env={"GEBROOKERBOS_LANG": "nl"})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "Het bestand is 250 MB; het maximum is 200 MB" in result.stderr
    assert "Er is niets veranderd" in result.stderr


def test_streamlit_and_the_importer_have_the_same_limit():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * MB == importer.MAX_FILE_BYTES == 200 * MB


# --- not what the name says ------------------------------------------------------------------


@pytest.mark.parametrize("name, content, expected", [
    ("kavels.gpkg", b"plot_id;naam;wkt\nA;B;POLYGON((0 0,1 0,1 1,0 0))\n",
     "is called .gpkg but is not a GeoPackage: it is text"),
    ("kavels.zip", b"MZ\x90\x00\x03" + bytes(200), "is not a zip archive: it is a program"),
    ("kavels.geojson", b"SQLite format 3\x00" + bytes(200),
     "is not GeoJSON: it is a SQLite database (such as a GeoPackage)"),
    ("kavels.csv", b"PK\x03\x04" + bytes(200), "is not a CSV text file: it is a zip archive"),
    ("kavels.shp", b"%PDF-1.7\n", "is not a Shapefile: it is a PDF document"),
    ("setup.exe", b"MZ\x90\x00\x03" + bytes(200), "File type .exe is not supported"),
])
def test_a_file_that_is_not_what_its_name_says_is_refused(con, tmp_path, name, content,
                                                          expected):
    path = tmp_path / name
    path.write_bytes(content)
    _refused(con, path, expected)


# --- zip bombs and other strange zips ------------------------------------------------------


def test_a_zip_bomb_is_refused_before_anything_is_inflated(con, tmp_path):
    bomb = _zeros_zip(tmp_path / "bom.zip", "kavels.shp", 16 * MB)
    assert bomb.stat().st_size < 100_000  # 16 MB in under 100 kB
    _refused(con, bomb, "kavels.shp in the zip would unpack to",
             "(allowed: 500 times), as in a zip bomb")


def test_a_zip_of_a_zipped_shapefile_is_refused_unopened(con, tmp_path):
    inner = _zeros_zip(tmp_path / "kavels.zip", "kavels.shp", 64 * MB)
    outer = tmp_path / "verpakt.zip"
    with zipfile.ZipFile(outer, "w") as zf:
        zf.write(inner, "kavels.zip")
    _refused(con, outer, "The zip holds another archive (kavels.zip)")


def test_a_zip_declaring_more_than_the_limit_is_refused(con, tmp_path):
    path = tmp_path / "liegt.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr("kavels.dbf", b"klein")
    _patch_sizes(path, 0xFFFF_FFF0, local=False)  # says 4 GB
    _refused(con, path, "would be 4096 MB; the limit is 1024 MB")


def test_members_that_inflate_beyond_the_limit_together_are_refused(con, tmp_path,
                                                                    monkeypatch):
    monkeypatch.setattr(importer, "MAX_UNZIPPED_BYTES", 4 * MB)
    path = tmp_path / "veel.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as zf:
        for ext in ("shp", "dbf", "shx"):
            zf.writestr(f"kavels.{ext}", bytes(2 * MB))  # stored: no telling ratio
    _refused(con, path, "would be 6.0 MB; the limit is 4.0 MB")


def test_a_member_inflating_beyond_what_it_declares_is_cut_off(con, tmp_path):
    """Python's zipfile (and GDAL) read a member only as far as it declares, then check its
    checksum: a zip that declares 1 MB and holds 64 MB is refused after 1 MB."""
    path = _zeros_zip(tmp_path / "stiekem.zip", "kavels.shp", 64 * MB)
    _patch_sizes(path, MB, local=True)
    _refused(con, path, "damaged member kavels.shp")


def test_a_zip_with_too_many_members_is_refused(con, tmp_path):
    path = tmp_path / "vol.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(150):
            zf.writestr(f"kavels_{i}.txt", "x")
    _refused(con, path, "The zip holds 150 files; a zipped Shapefile has at most 100")


def test_a_zipped_shapefile_with_wide_empty_text_fields_is_accepted(con, tmp_path):
    """A .dbf of 254-wide, mostly empty text fields (as ArcGIS writes them) compresses very
    well, and is still no zip bomb: 400 plots, 14 such fields."""
    (x, y), = interior_points(con, 1)
    folder = tmp_path / "breed"
    folder.mkdir()
    fields = ["plot_id", "naam", *[f"veld{i}" for i in range(12)]]
    with (folder / "k.csv").open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow([*fields, "WKT"])
        for i in range(400):
            px, py = x - 100 + (i % 20) * 10, y - 100 + (i // 20) * 10
            out.writerow([f"BR-{i}", f"Kavel {i}", *[""] * 12,
                          f"POLYGON(({px} {py},{px + 5} {py},{px + 5} {py + 5},{px} {py + 5},"
                          f"{px} {py}))"])
    (folder / "k.csvt").write_text(",".join(['"String(254)"'] * len(fields) + ['"WKT"']))
    shp = tmp_path / "shp"
    shp.mkdir()
    run_ogr2ogr("-f", "ESRI Shapefile", str(shp / "kavels.shp"), str(folder / "k.csv"),
                "-a_srs", "EPSG:28992")
    archive = tmp_path / "breed.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for f in sorted(shp.iterdir()):
            zf.write(f, f.name)
    dbf = zipfile.ZipFile(archive).getinfo("kavels.dbf")
    assert dbf.file_size > importer.RATIO_FROM_BYTES  # the ratio is checked for it
    report = importer.import_plots(con, archive, dry_run=True, actor=ADMIN)
    assert report.ok and report.features == 400, report.summary("en")


# --- the page Beheer shows the message and changes nothing ------------------------------------


def _file_snapshot(path: Path) -> dict:
    con = db.connect(path)  # the same settings as the app's: one instance in this process
    try:
        return snapshot(con)
    finally:
        con.close()


def _upload(at, name: str, content: bytes, button: str) -> str:
    at.file_uploader(key="import_file").upload(name, content).run()
    at.button(key=button).click().run()
    assert not at.exception
    assert [e.value for e in at.success] == []
    errors = [e.value for e in at.error]
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"Import van {name} geweigerd: "), errors[0]
    assert errors[0].endswith("Er is niets veranderd."), errors[0]
    return errors[0]


def test_the_page_refuses_bad_uploads_with_the_reason_and_changes_nothing(
        app, db_file, tmp_path, monkeypatch):
    """One administrator uploads, in turn, a program, a GeoPackage that is text, a zip bomb
    and a file over the limit; each is refused with its reason, and nothing changes.

    Streamlit itself refuses an upload over its limit in the browser (the same limit, in
    whole MB: the uploader gets the importer's); the importer checks the size once more,
    here at 1.5 MB, not to send 200 MB through the test.
    """
    before = _file_snapshot(db_file)
    at = app
    at.session_state["user"] = session_user("beheerder")
    at.switch_page("pages/beheer.py").run()
    assert not at.exception
    assert any("Hooguit 200 MB per bestand; een zip mag uitgepakt hooguit 1.024 MB zijn"
               in c.value for c in at.caption)

    message = _upload(at, "kavels.exe", b"MZ\x90\x00\x03" + bytes(200), "import_run")
    assert "Bestandstype .exe wordt niet ondersteund" in message
    message = _upload(at, "kavels.gpkg", b"dit is gewoon tekst\n", "import_run")
    assert "Het bestand heet .gpkg, maar is geen GeoPackage: het is tekst" in message
    bomb = _zeros_zip(tmp_path / "bom.zip", "kavels.shp", 16 * MB).read_bytes()
    message = _upload(at, "kavels.zip", bomb, "import_check")
    assert "zoals bij een zipbom. Er is niets uitgepakt" in message

    monkeypatch.setattr(importer, "MAX_FILE_BYTES", int(1.5 * MB))
    at.run()  # the uploader gets the new limit (2 MB, whole MB) and starts empty
    message = _upload(at, "kavels.geojson",
                      b'{"type": "FeatureCollection"}' + b" " * int(1.8 * MB), "import_run")
    assert "Het bestand is 1.8 MB; het maximum is 1.5 MB" in message
    assert _file_snapshot(db_file) == before
