"""First start: the dashboard creates and fills its database file by itself."""

from __future__ import annotations

import tomllib

from streamlit.testing.v1 import AppTest

from gebrookerbos import db
from gebrookerbos.services import bootstrap
from tests import ROOT


def _open_app(monkeypatch, path):
    monkeypatch.setenv("GEBROOKERBOS_DB", str(path))
    monkeypatch.chdir(ROOT)
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()


def test_missing_file_is_created_and_filled(tmp_path, monkeypatch):
    path = tmp_path / "sub" / "new.duckdb"
    at = _open_app(monkeypatch, path)
    assert not at.exception
    assert path.exists()
    con = db.connect(path)  # the same settings as the app's connection in this process
    n_plots = con.execute("SELECT count(*) FROM plots").fetchone()[0]
    n_buurten = con.execute("SELECT count(*) FROM neighbourhoods WHERE level='buurt'").fetchone()[0]
    con.close()
    assert n_buurten == 57 and n_plots > 100
    assert any(f"{n_plots} van {n_plots} kavels" in m.value for m in at.markdown)


def test_empty_file_is_filled(tmp_path):
    path = tmp_path / "empty.duckdb"
    path.touch()
    bootstrap.ensure_database(path)
    con = db.connect(path)
    assert db.fetch_value(con, "neighbourhood_count") == 81
    assert db.fetch_value(con, "plot_count") > 100


def test_existing_data_is_never_replaced(tmp_path):
    path = tmp_path / "mine.duckdb"
    con = db.connect(path)
    bootstrap.initialise(con, demo=False)
    con.execute(
        "INSERT INTO plots (plot_id, name, geom, area_m2) VALUES ('OWN-1', 'Eigen kavel', "
        "ST_GeomFromText('POLYGON((195000 322000, 195030 322000, 195030 322030, 195000 322030,"
        " 195000 322000))'), 900)"
    )
    con.close()
    bootstrap.ensure_database(path)
    con = db.connect(path)
    assert con.execute("SELECT plot_id FROM plots").fetchall() == [("OWN-1",)]


def test_no_demo_file_is_labelled_empty_not_demo(tmp_path):
    con = db.connect(tmp_path / "ref.duckdb")
    bootstrap.initialise(con, demo=False)
    assert not bootstrap.is_demo_dataset(con)
    assert db.fetch_value(con, "plot_count") == 0


def test_no_telemetry_and_static_serving_configured():
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert settings["browser"]["gatherUsageStats"] is False
    assert settings["server"]["enableStaticServing"] is True
