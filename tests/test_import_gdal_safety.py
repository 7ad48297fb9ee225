"""The import opens only the formats it names, with the driver it chose itself: never a
GDAL VRT (an XML file that makes GDAL read other files: the server's own, or a URL), never
a GDAL virtual file system it did not make, and GDAL reaches no network at all.

Real files (the attacker's own VRT, a real zip) and a real HTTP server on this machine that
counts every request it gets."""

from __future__ import annotations

import http.server
import threading
import zipfile
from pathlib import Path

import pyogrio
import pytest

from gebrookerbos.services import importer
from tests.actors import ADMIN, session_user
from tests.dm_helpers import snapshot

SECRET = "root:x:0:0"  # the first line of /etc/passwd on this machine


def _vrt(source: str, layer: str) -> str:
    """A GDAL VRT (391 bytes or so) that reads another dataset as plots."""
    return (
        "<OGRVRTDataSource>\n"
        f'  <OGRVRTLayer name="plots">\n    <SrcDataSource>{source}</SrcDataSource>\n'
        f"    <SrcLayer>{layer}</SrcLayer>\n    <GeometryType>wkbNone</GeometryType>\n"
        '    <Field name="plot_id" src="field_1" type="String"/>\n'
        "  </OGRVRTLayer>\n</OGRVRTDataSource>\n"
    )


class _Counting(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 - the standard library's name
        type(self).requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"field_1\nKV-9999\n")

    do_HEAD = do_GET  # noqa: N815

    def log_message(self, *args):
        pass


@pytest.fixture()
def http_server():
    _Counting.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Counting.requests
    server.shutdown()
    server.server_close()


def _refused(con, path: Path) -> str:
    before = snapshot(con)
    report = importer.import_plots(con, path, dry_run=True, actor=ADMIN)
    assert not report.ok and report.imported == 0
    assert snapshot(con) == before
    text = report.summary("en")
    assert SECRET not in text and "/etc/passwd" not in text
    return text


@pytest.mark.skipif(not Path("/etc/passwd").exists(), reason="needs a Unix machine")
def test_a_vrt_named_json_is_refused_and_reads_no_server_file(con, tmp_path):
    assert SECRET in Path("/etc/passwd").read_text()  # what it would have shown
    path = tmp_path / "kavels.json"
    path.write_text(_vrt("CSV:/etc/passwd", "passwd"))
    text = _refused(con, path)
    assert "is called .json but is not GeoJSON: it is text" in text, text


def test_a_vrt_pointing_at_a_url_is_refused_without_a_request(con, tmp_path, http_server):
    url, requests = http_server
    path = tmp_path / "kavels.geojson"
    path.write_text(_vrt(f"/vsicurl/{url}/plots.csv", "plots"))
    _refused(con, path)
    assert requests == []


def test_gdal_itself_reaches_no_network(http_server):
    """Even a path naming GDAL's network file system opens nothing: the server hears
    nothing (the importer's GDAL settings), so no file could ever make it send a request."""
    url, requests = http_server
    for source in (f"/vsicurl/{url}/plots.csv", f"/vsicurl/{url}/plots.geojson",
                   f"CSV:/vsicurl/{url}/plots.csv"):
        with pytest.raises(Exception):  # noqa: B017, PT011 - GDAL's own error
            pyogrio.read_dataframe(source)
    assert requests == []


def test_a_vrt_inside_a_zip_as_its_shapefile_is_refused(con, tmp_path):
    path = tmp_path / "kavels.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("kavels.shp", _vrt("CSV:/etc/passwd", "passwd"))
        zf.writestr("kavels.dbf", b"")
        zf.writestr("kavels.vrt", _vrt("CSV:/etc/passwd", "passwd"))
    text = _refused(con, path)
    assert "is called .shp but is not a Shapefile: it is text" in text, text


def test_only_the_chosen_shapefile_of_a_zip_is_read(con, tmp_path):
    """A zip of two Shapefiles: GDAL opens the one the user names (as a layer), by its
    member path, and the zip is never opened as a folder of datasets."""
    import geopandas as gpd

    from tests import GEODATA

    plots = gpd.read_file(GEODATA / "demo_plots.geojson").head(3)
    folder = tmp_path / "shp"
    folder.mkdir()
    plots.to_file(folder / "a.shp")
    plots.head(2).to_file(folder / "b.shp")
    path = tmp_path / "kavels.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for f in folder.iterdir():
            zf.write(f, f.name)
    with pytest.raises(importer.ImportRefused, match="layers:"):
        importer.read_features(path)
    assert len(importer.read_features(path, layer="a")) == 3
    assert len(importer.read_features(path, layer="b")) == 2


def test_the_page_refuses_the_vrt_upload_and_shows_no_server_file(app, db_file):
    at = app
    at.session_state["user"] = session_user("beheerder")
    at.switch_page("pages/beheer.py").run()
    at.file_uploader(key="import_file").upload(
        "kavels.json", _vrt("CSV:/etc/passwd", "passwd").encode()).run()
    at.button(key="import_check").click().run()
    assert not at.exception
    shown = "\n".join(str(e.value) for e in [*at.error, *at.markdown, *at.code, *at.caption])
    assert "Het bestand heet .json, maar is geen GeoJSON: het is tekst" in shown
    assert SECRET not in shown and "passwd" not in shown
