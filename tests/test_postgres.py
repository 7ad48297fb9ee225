"""The shared store: the app's schema and demo data on a real PostgreSQL with PostGIS,
through the same connection function and named queries as the DuckDB file."""

from __future__ import annotations

import pytest

from gebrookerbos import config, db
from gebrookerbos.db import postgres


def _native(con, sql: str) -> list[tuple]:
    return con.execute(f"SELECT * FROM postgres_query('{postgres.STORE}', $sql)",
                       {"sql": sql}).fetchall()


def test_plots_are_postgis_geometries_in_rd_new_with_a_spatial_index(postgres_url):
    con = db.connect(postgres_url)
    assert db.is_postgres(con)
    columns = dict(_native(con, "SELECT f_table_name || '.' || f_geometry_column, srid "
                                "FROM geometry_columns"))
    assert columns == {"plots.geom": 28992, "neighbourhoods.geom": 28992}
    indexes = [r[0] for r in _native(con, "SELECT indexdef FROM pg_indexes "
                                          "WHERE tablename = 'plots'")]
    assert any("USING gist (geom)" in i for i in indexes), indexes
    assert db.schema_version(con) == db.latest_schema_version()
    con.close()


def test_the_same_named_queries_give_the_same_answers_on_both_stores(postgres_url, ro_con):
    con = db.connect(postgres_url)
    for name, params in [("neighbourhood_count", {}), ("count_neighbourhoods", {})]:
        assert sorted(db.fetch_all(con, name, **params)) == sorted(
            db.fetch_all(ro_con, name, **params))
    holding = "SELECT plot_id, holders, open_ended FROM plot_holding ORDER BY plot_id"
    assert con.execute(holding).fetchall() == ro_con.execute(holding).fetchall()
    area = "SELECT plot_id, round(ST_Area(geom), 3) FROM plots ORDER BY plot_id"
    assert con.execute(area).fetchall() == ro_con.execute(area).fetchall()
    con.close()


def test_a_wrong_server_is_refused_in_words_without_the_password():
    url = "postgresql://gebruiker:geheim@127.0.0.1:1/nergens"
    with pytest.raises(postgres.PostgresError) as caught:
        db.connect(url)
    assert "geheim" not in str(caught.value)
    assert "gebruiker:***@127.0.0.1:1/nergens" in str(caught.value)
    assert config.is_postgres_url(url) and config.db_path(url) == url


def test_both_stores_have_the_same_tables_and_columns_in_the_same_order(postgres_url, ro_con):
    # (a backup of either store restores into the other; restore compares the columns)
    con = db.connect(postgres_url)
    both = [db.fetch_all(c, "schema_columns") for c in (con, ro_con)]
    assert both[0] == both[1]
    con.close()


def test_a_backup_of_either_store_restores_into_the_other(postgres_url, db_file, tmp_path):
    from gebrookerbos.services import backup
    from tests.actors import ADMIN, COMMAND_LINE
    from tests.dm_helpers import snapshot

    pg = db.connect(postgres_url)
    try:  # the PostgreSQL store differs from the file: one plot renamed
        db_row = pg.execute("SELECT version FROM plots WHERE plot_id = 'KV-0004'").fetchone()
        pg.execute("UPDATE plots SET name = 'Alleen in PostgreSQL', version = version + 1 "
                   "WHERE plot_id = 'KV-0004'")
        from_pg = backup.backup_database(pg, tmp_path / "uit-pg.duckdb", actor=ADMIN)
        pg_before = snapshot(pg)
    finally:
        pg.close()
    assert db_row is not None
    from_file = tmp_path / "uit-bestand.duckdb"
    con = db.connect(db_file)
    try:
        backup.backup_database(con, from_file, actor=COMMAND_LINE)
        file_before = snapshot(con)
    finally:
        con.close()
    backup.restore_database(from_pg.path, db_file, actor=COMMAND_LINE)
    backup.restore_database(from_file, postgres_url, actor=COMMAND_LINE)

    def without_stamp(snap):
        return {**snap, "schema_meta": [r for r in snap["schema_meta"]
                                        if r[0] != "backup_created_at"]}

    con = db.connect(db_file)
    try:
        assert without_stamp(snapshot(con)) == without_stamp(pg_before)
        assert con.execute("SELECT name FROM plots WHERE plot_id = 'KV-0004'").fetchone() == (
            "Alleen in PostgreSQL",)
    finally:
        con.close()
    pg = db.connect(postgres_url)
    try:
        assert without_stamp(snapshot(pg)) == without_stamp(file_before)
    finally:
        pg.close()
