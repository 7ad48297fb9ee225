"""Where the package reads its data files and where the app writes (gebrookerbos.config)."""

from __future__ import annotations

import pytest

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

