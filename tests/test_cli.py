"""The command line, run as a user runs it: python -m gebrookerbos ..."""

from __future__ import annotations

import os
import subprocess
import sys

import duckdb

from tests import GEODATA, ROOT

ON_BOTH_STORES = True  # the database tests run on the DuckDB file and on PostgreSQL


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gebrookerbos", *args],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, **(env or {})},
        timeout=300,
    )


def _count(path, table: str) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 (fixed names)
    finally:
        con.close()


def test_help_lists_the_commands():
    result = run("--help")
    assert result.returncode == 0
    for command in ("init", "demo"):
        assert command in result.stdout


def test_init_no_demo_loads_only_the_reference_geography(tmp_path):
    path = tmp_path / "ref.duckdb"
    result = run("init", "--db", str(path), "--no-demo")
    assert result.returncode == 0, result.stderr
    assert "buurt: 57" in result.stdout
    assert _count(path, "neighbourhoods") == 81
    assert _count(path, "plots") == 0 and _count(path, "initiatives") == 0


def test_init_with_demo_and_refuses_to_overwrite(tmp_path):
    path = tmp_path / "demo.duckdb"
    assert run("init", "--db", str(path)).returncode == 0
    plots_before = _count(path, "plots")
    assert plots_before > 100 and _count(path, "initiatives") > 40
    again = run("init", "--db", str(path))
    assert again.returncode == 2
    assert "already holds a database" in again.stderr and "Traceback" not in again.stderr
    assert _count(path, "plots") == plots_before


def test_db_from_environment_variable(tmp_path):
    path = tmp_path / "env.duckdb"
    result = run("init", "--no-demo", env={"GEBROOKERBOS_DB": str(path)})
    assert result.returncode == 0, result.stderr
    assert path.exists() and str(path) in result.stdout


def test_demo_writes_files_and_loads_them(tmp_path):
    path = tmp_path / "d.duckdb"
    out = tmp_path / "files"
    result = run("demo", "--db", str(path), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert (out / "demo_plots.geojson").exists()
    assert _count(path, "plots") > 100 and _count(path, "stage_events") > 60
    # deterministic: the committed files are what the generator writes
    committed = (GEODATA / "demo_plots.geojson").read_bytes()
    assert (out / "demo_plots.geojson").read_bytes() == committed
