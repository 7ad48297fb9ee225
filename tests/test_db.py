"""The database layer: spatial from the pip package, named queries, schema and migrations."""

from __future__ import annotations

import duckdb
import pytest

from gebrookerbos import db

ON_BOTH_STORES = True  # the database tests run on the DuckDB file and on PostgreSQL


def test_spatial_extension_loads_from_its_pip_package(tmp_path):
    con = db.connect(tmp_path / "x.duckdb")
    area = con.execute(
        "SELECT ST_Area(ST_GeomFromText('POLYGON((0 0, 10 0, 10 5, 0 5, 0 0))'))"
    ).fetchone()[0]
    assert area == 50.0
    path = db.spatial_extension_file()
    assert f"v{duckdb.__version__}" in str(path)
    # and never from the network: autoinstall is off
    assert con.execute("SELECT current_setting('autoinstall_known_extensions')").fetchone()[0] is False


def test_missing_spatial_package_gives_one_clear_error(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "duckdb_extension_spatial", None)
    with pytest.raises(db.SpatialExtensionError) as info:
        db.spatial_extension_file()
    assert f"pip install duckdb-extension-spatial=={duckdb.__version__}" in str(info.value)


def test_named_query_checks_its_parameters(ro_con):
    with pytest.raises(db.QueryError, match="missing parameters \\['plot_id'\\]"):
        db.execute(ro_con, "plot_detail")
    with pytest.raises(db.QueryError, match="unexpected \\['bogus'\\]"):
        db.execute(ro_con, "plot_count", bogus=1)
    with pytest.raises(db.QueryError, match="no query named"):
        db.execute(ro_con, "no_such_query")


def test_parameters_are_bound_not_formatted(ro_con):
    hostile = "x'; DROP TABLE plots; --"
    assert db.fetch_df(ro_con, "plot_detail", plot_id=hostile).empty
    assert db.fetch_value(ro_con, "plot_count") > 0


def test_query_files_are_parsed_with_docs():
    queries = db.load_queries()
    assert "filtered_plots" in queries
    assert queries["filtered_plots"].doc, "every named query documents itself"
    assert all(q.doc for q in queries.values()), [q.name for q in queries.values() if not q.doc]
    assert queries["plot_detail"].params == {"plot_id"}


def test_no_named_queries_is_an_error_that_says_where_it_looked(tmp_path):
    (tmp_path / "schema.sql").write_text("CREATE TABLE t (x INTEGER);")
    (tmp_path / "notes.sql").write_text("SELECT 1;  -- no '-- name:' block")
    with pytest.raises(db.QueryError, match="no named queries") as info:
        db.load_queries(tmp_path)
    assert str(tmp_path) in str(info.value)
    with pytest.raises(db.QueryError, match="does not exist"):
        db.load_queries(tmp_path / "missing")


def test_a_query_name_defined_twice_is_an_error(tmp_path):
    (tmp_path / "a.sql").write_text("-- name: same\n-- The first.\nSELECT 1\n")
    (tmp_path / "b.sql").write_text("-- name: same\n-- The second.\nSELECT 2\n")
    with pytest.raises(db.QueryError, match=r"'same' defined twice \(a.sql, b.sql\)"):
        db.load_queries(tmp_path)


def test_the_packaged_queries_are_the_ones_in_use():
    assert db.load_queries().keys() == db.QUERIES.keys() and len(db.QUERIES) > 50


def test_new_file_gets_schema_version(tmp_path):
    con = db.connect(tmp_path / "new.duckdb")
    assert db.schema_version(con) == 0
    version = db.ensure_schema(con)
    assert version == db.latest_schema_version() >= 1
    assert db.schema_version(con) == version


def test_migration_keeps_data_and_bumps_version(tmp_path):
    con = db.connect(tmp_path / "old.duckdb")
    db.ensure_schema(con, migrations_dir=tmp_path / "none")
    con.execute(
        "INSERT INTO plots (plot_id, name, geom, area_m2) VALUES "
        "('KV-1', 'Testkavel', ST_GeomFromText('POLYGON((0 0,10 0,10 10,0 10,0 0))'), 100)"
    )
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    (migrations / "002_add_column.sql").write_text(
        "ALTER TABLE plots ADD COLUMN test_column VARCHAR DEFAULT 'x';"
    )
    (migrations / "003_broken.sql").write_text("ALTER TABLE no_such_table ADD COLUMN y INT;")
    with pytest.raises(duckdb.Error):
        db.ensure_schema(con, migrations_dir=migrations)
    # 002 applied and kept, 003 rolled back; the data is intact
    assert db.schema_version(con) == 2
    assert con.execute("SELECT name, test_column FROM plots").fetchall() == [("Testkavel", "x")]


def test_transaction_rolls_back_on_error(con):
    before = db.fetch_value(con, "plot_count")
    with pytest.raises(RuntimeError):
        with db.transaction(con):
            con.execute("DELETE FROM plots")
            raise RuntimeError("boom")
    assert db.fetch_value(con, "plot_count") == before


def test_nested_transactions_are_one(con):
    before = db.fetch_value(con, "plot_count")
    with pytest.raises(RuntimeError):
        with db.transaction(con):
            con.execute("DELETE FROM plots WHERE plot_id = 'KV-0001'")
            with db.transaction(con):  # joins the outer one
                con.execute("DELETE FROM plots WHERE plot_id = 'KV-0002'")
            raise RuntimeError("after the inner block ended")
    assert db.fetch_value(con, "plot_count") == before
    with db.transaction(con):
        with db.transaction(con):
            con.execute("DELETE FROM plots WHERE plot_id = 'KV-0002'")
    assert db.fetch_value(con, "plot_count") == before - 1


def test_locked_file_gives_clear_message(tmp_path):
    import subprocess
    import sys
    import textwrap

    path = tmp_path / "locked.duckdb"
    db.connect(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from gebrookerbos import db
            con = db.connect({str(path)!r})
            print('ready', flush=True)
            time.sleep(30)
        """)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(db.DatabaseLockedError, match="in use by another process"):
            db.connect(path)
    finally:
        holder.kill()
        holder.wait()
