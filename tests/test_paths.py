"""Where the package reads its data files and where the app writes (gebrookerbos.config)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from gebrookerbos import config
from tests import ROOT


@pytest.fixture()
def no_path_settings(monkeypatch) -> None:
    for name in (config.DATA_DIR_ENV, config.DB_ENV, "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)


def test_a_checkout_keeps_its_database_in_its_data_folder(no_path_settings):
    assert config.CHECKOUT == ROOT  # the tests run against this checkout (pip install -e .)
    assert config.data_dir() == ROOT / "data"
    assert config.db_path() == ROOT / "data" / "gebrookerbos.duckdb"  # /data/ is git-ignored


def test_the_data_dir_setting_wins(no_path_settings, monkeypatch, tmp_path):
    monkeypatch.setenv(config.DATA_DIR_ENV, str(tmp_path / "d"))
    assert config.data_dir() == tmp_path / "d"
    assert config.db_path() == tmp_path / "d" / "gebrookerbos.duckdb"


def test_an_installed_package_uses_the_per_user_data_folder(no_path_settings, monkeypatch, tmp_path):
    monkeypatch.setattr(config, "CHECKOUT", None)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert config.data_dir() == tmp_path / "home" / ".local" / "share" / "gebrookerbos"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/xdg")  # the XDG spec: ignore a relative path
    assert config.data_dir() == tmp_path / "home" / ".local" / "share" / "gebrookerbos"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert config.data_dir() == tmp_path / "xdg" / "gebrookerbos"
    assert config.db_path() == tmp_path / "xdg" / "gebrookerbos" / "gebrookerbos.duckdb"


def test_db_setting_and_argument_win_over_the_data_dir(no_path_settings, monkeypatch, tmp_path):
    monkeypatch.setenv(config.DATA_DIR_ENV, str(tmp_path / "d"))
    monkeypatch.setenv(config.DB_ENV, str(tmp_path / "env.duckdb"))
    assert config.db_path() == tmp_path / "env.duckdb"
    assert config.db_path(tmp_path / "arg.duckdb") == tmp_path / "arg.duckdb"


def test_the_static_folder_is_beside_the_main_script_not_the_package(tmp_path):
    """Streamlit serves static/ beside the script it runs; the Leaflet copy goes there."""
    script = tmp_path / "app.py"
    script.write_text(
        "import streamlit as st\n"
        "from gebrookerbos import ui\n"
        "ui.prepare_static_assets()\n"
        "st.write(str(ui.static_dir()))\n",
        encoding="utf-8",
    )
    at = AppTest.from_file(str(script), default_timeout=60).run()
    assert not at.exception
    assert at.markdown[0].value == str(tmp_path.resolve() / "static")
    assert (tmp_path / "static" / "vendor" / "leaflet" / "leaflet.js").is_file()


def test_the_editable_install_maps_queries_and_geodata_into_the_package(tmp_path):
    """requirements.txt installs the checkout editable: the package data is the checkout's
    queries/ and geodata/, whatever the working directory."""
    code = (
        "from importlib import resources\n"
        "print(resources.files('gebrookerbos.db.sql'))\n"
        "print(resources.files('gebrookerbos.geodata'))\n"
        "print(resources.files('gebrookerbos.maps').joinpath('plot_layer.js'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    sql, geodata, script = (Path(line) for line in result.stdout.splitlines())
    assert sql == ROOT / "queries" and geodata == ROOT / "geodata"
    assert script == ROOT / "src" / "gebrookerbos" / "maps" / "plot_layer.js" and script.is_file()
