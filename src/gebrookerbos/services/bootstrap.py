"""Creating and filling the database file on first start (and from `gebrookerbos init`)."""

from __future__ import annotations

from importlib.resources.abc import Traversable
from pathlib import Path

import duckdb

from gebrookerbos import config, db
from gebrookerbos.services import geography


def is_initialised(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the schema exists and the reference geography is loaded."""
    if db.schema_version(con) == 0:
        return False
    return bool(db.fetch_value(con, "neighbourhood_count"))


def initialise(
    con: duckdb.DuckDBPyConnection,
    *,
    demo: bool = True,
    geodata_dir: Traversable | None = None,
) -> dict[str, int]:
    """Create the schema, load the CBS geography and (optionally) the demo data
    (from ``geodata_dir``, default the packaged geodata)."""
    db.ensure_schema(con)
    geography.load_reference_geography(con, geodata_dir)
    counts = {
        level: n for level, n in db.fetch_all(con, "count_neighbourhoods")
    }
    if demo:
        from gebrookerbos.services import demo as demo_data

        counts.update(demo_data.load_demo(con, geodata_dir))
    db.execute(con, "set_meta", key="dataset", value="demo" if demo else "empty")
    return counts


def is_demo_dataset(con: duckdb.DuckDBPyConnection) -> bool:
    """True while the plots and initiatives are the fictional demo data."""
    return db.fetch_value(con, "get_meta", key="dataset") == "demo"


def ensure_database(path: str | Path | None = None, *, demo: bool = True) -> Path:
    """Open (creating when missing or empty) the database file and bring it up to date.

    An existing file is migrated to the latest schema; its data is never replaced.
    """
    target = config.db_path(path)
    if not config.is_postgres_url(target) and target.exists() and target.stat().st_size == 0:
        target.unlink()  # an empty file holds nothing to lose; DuckDB can't open it
    con = db.connect(target)
    try:
        if is_initialised(con):
            db.ensure_schema(con)
        else:
            initialise(con, demo=demo)
    finally:
        con.close()
    return target
