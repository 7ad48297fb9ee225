"""A package that installs: the wheel, installed with its dependencies into a fresh venv (no
system site-packages), works from any directory, with its SQL, geodata and plot_layer.js
inside it, and writes nothing into itself. Also the editable install maps queries/ and
geodata/ into the package.

The venv tests are slow (about a minute: the build, a venv and pip installing the pinned
dependencies from the pip cache or index). They run in the normal suite, CI included;
``-m "not package"`` leaves them out.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import duckdb
import pytest

from tests import GEODATA, ROOT

# What the build needs is copied, so that building leaves nothing (build/, *.egg-info) in
# the checkout; these top-level entries are left out of the copy.
NOT_COPIED = {".git", ".ci", "bench", "tests", "data", "static", "build", "dist", ".venv", "tmp"}
NEVER_COPIED = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.duckdb", "*.duckdb.wal",
                                      ".ruff_cache", ".pytest_cache")


def _ignore(folder: str, names: list[str]) -> set[str]:
    ignored = set(NEVER_COPIED(folder, names))
    if Path(folder) == ROOT:
        ignored |= NOT_COPIED & set(names)
    return ignored


def _env(**extra: str) -> dict[str, str]:
    """The environment without anything that would point Python at the checkout or choose
    the data folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GEBROOKERBOS_")
           and k not in ("PYTHONPATH", "VIRTUAL_ENV", "XDG_DATA_HOME")}
    return {**env, **extra}


def _run(args: list[str | Path], cwd: Path, timeout: int = 600, **env: str) -> str:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=_env(**env), capture_output=True,
                            text=True, timeout=timeout)
    assert result.returncode == 0, f"{args} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


class Venv:
    """A fresh venv with the wheel installed; ``elsewhere`` is a working directory outside
    the checkout."""

    def __init__(self, base: Path):
        self.base = base
        self.source = base / "source"
        self.wheel_dir = base / "wheel"
        self.dir = base / "venv"
        self.python = self.dir / "bin" / "python"
        self.elsewhere = base / "elsewhere"
        self.elsewhere.mkdir()

    @property
    def wheel(self) -> Path:
        (wheel,) = self.wheel_dir.glob("gebrookerbos-*.whl")
        return wheel

    def run(self, *args: str | Path, **env: str) -> str:
        return _run([self.python, *args], self.elsewhere, **env)

    def site_package(self) -> Path:
        out = self.run("-c", "import gebrookerbos, pathlib; "
                             "print(pathlib.Path(gebrookerbos.__file__).resolve().parent)")
        return Path(out.strip())


def test_pyproject_pins_the_same_versions_as_requirements_txt():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    pins = [line.strip() for line in lines if line.strip() and not line.startswith(("#", "-e"))]
    assert sorted(pyproject["project"]["dependencies"]) == sorted(pins)
    assert all("==" in pin for pin in pins) and "-e ." in lines


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Venv:
    env = Venv(tmp_path_factory.mktemp("package"))
    shutil.copytree(ROOT, env.source, ignore=_ignore)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", env.source,
          "--wheel-dir", env.wheel_dir], env.base)
    _run([sys.executable, "-m", "venv", env.dir], env.base)  # a plain venv: nothing shared
    _run([env.python, "-m", "pip", "install", "--quiet", env.wheel], env.base)
    return env


@pytest.mark.package
def test_the_wheel_holds_the_code_the_sql_the_geodata_scripts_and_styles(venv):
    names = set(zipfile.ZipFile(venv.wheel).namelist())
    expected = {
        # every sub-package listed, and every file beside the code (scripts, styles, texts)
        *(f"gebrookerbos/{p.relative_to(ROOT / 'src' / 'gebrookerbos').as_posix()}"
          for p in (ROOT / "src" / "gebrookerbos").rglob("*")
          if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"),
        *(f"gebrookerbos/db/sql/{p.name}" for p in (ROOT / "queries").glob("*.sql")),
        *(f"gebrookerbos/db/sql/migrations/{p.name}"
          for p in (ROOT / "queries" / "migrations").glob("*.sql")),
        *(f"gebrookerbos/geodata/{p.name}" for pattern in ("*.geojson", "*.csv", "*.md")
          for p in GEODATA.glob(pattern)),
    }
    assert {"gebrookerbos/db/sql/schema.sql", "gebrookerbos/geodata/PROVENANCE.md",
            "gebrookerbos/geodata/heerlen_buurten_2024.geojson",
            "gebrookerbos/geodata/demo_initiatives.csv", "gebrookerbos/maps/plot_layer.js",
            "gebrookerbos/maps/map_access.js", "gebrookerbos/ui/a11y.css",
            "gebrookerbos/ui/table_tab.js",
            "gebrookerbos/ui/statement/nl.md"} <= expected  # the globs found files
    assert expected - names == set()


@pytest.mark.package
def test_the_installed_package_works_from_any_directory(venv, tmp_path):
    assert venv.site_package().is_relative_to(venv.dir)  # the wheel, not the checkout
    assert not venv.elsewhere.resolve().is_relative_to(ROOT)
    assert "init" in venv.run("-m", "gebrookerbos", "--help")

    path = tmp_path / "x.duckdb"
    out = venv.run("-m", "gebrookerbos", "init", "--db", path)
    assert f"Initialised {path}" in out
    demo_plots = json.loads((GEODATA / "demo_plots.geojson").read_text(encoding="utf-8"))
    con = duckdb.connect(str(path), read_only=True)
    try:
        buurten = con.execute("SELECT count(*) FROM neighbourhoods WHERE level = 'buurt'").fetchone()
        plots = con.execute("SELECT count(*) FROM plots").fetchone()
        initiatives = con.execute("SELECT count(*) FROM initiatives").fetchone()
    finally:
        con.close()
    assert buurten == (57,)
    assert plots == (len(demo_plots["features"]),)
    assert initiatives[0] > 40


@pytest.mark.package
def test_the_installed_package_writes_into_the_user_data_folder(venv, tmp_path):
    def package_files() -> list[Path]:
        return sorted(p for p in venv.site_package().rglob("*") if "__pycache__" not in p.parts)

    home = tmp_path / "home"
    before = package_files()
    out = venv.run("-m", "gebrookerbos", "init", "--no-demo", HOME=str(home))
    target = home / ".local" / "share" / "gebrookerbos" / "gebrookerbos.duckdb"
    assert f"Initialised {target}" in out and target.is_file()
    assert package_files() == before
    venv.run("-m", "gebrookerbos", "init", "--no-demo", HOME=str(home),
             GEBROOKERBOS_DATA_DIR=str(tmp_path / "data"))
    assert (tmp_path / "data" / "gebrookerbos.duckdb").is_file()


@pytest.mark.package
def test_the_editable_install_maps_queries_and_geodata(venv):
    """pip install -e (as requirements.txt does): the package data is the source's own
    queries/ and geodata/, a new query file counts at once."""
    venv.run("-m", "pip", "install", "--quiet", "--no-deps", "-e", venv.source)
    try:
        (venv.source / "queries" / "zz_probe.sql").write_text(
            "-- name: zz_probe\n-- A query added after the install.\nSELECT 1\n", encoding="utf-8")
        out = venv.run("-c", "from importlib import resources\n"
                             "from gebrookerbos import config, db\n"
                             "print(resources.files('gebrookerbos.db.sql'))\n"
                             "print(resources.files('gebrookerbos.geodata'))\n"
                             "print(config.CHECKOUT)\n"
                             "print('zz_probe' in db.QUERIES)\n")
        assert out.split() == [str(venv.source / "queries"), str(venv.source / "geodata"),
                               str(venv.source), "True"]
        assert venv.site_package() == venv.source / "src" / "gebrookerbos"
    finally:
        (venv.source / "queries" / "zz_probe.sql").unlink(missing_ok=True)
        venv.run("-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall", venv.wheel)
