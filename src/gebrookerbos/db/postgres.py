"""PostgreSQL with PostGIS as the shared store, with DuckDB as the query engine.

The app's named queries are DuckDB SQL. On PostgreSQL they run unchanged: the connection is
an in-memory DuckDB with the spatial extension, and the PostgreSQL database is attached to
it through DuckDB's postgres extension (pip package ``duckdb-extension-postgres-scanner``,
the same version as ``duckdb``) as the default catalog ``store``. The tables live in
PostgreSQL (PostGIS geometry in EPSG:28992 with GiST indexes, ``queries/postgres/schema.sql``);
DuckDB reads and writes them through PostgreSQL's binary COPY and pushes filters down.
The views and macros that hold the app's rules (who holds a plot, the plot filter, a plot's
place) are the ones of ``queries/migrations/``, defined again in the engine's own
in-memory catalog on every connection: one definition for both stores.

Transactions are PostgreSQL's: a DuckDB transaction is one PostgreSQL transaction at
REPEATABLE READ, so two processes writing the same row at the same moment end with one
commit and one "could not serialize access" undo, which this module turns into DuckDB's own
:class:`duckdb.TransactionException` (the conflict every service already handles).

Secrets stay out of the URL where possible: libpq reads the password from ``PGPASSWORD``
or the ``~/.pgpass`` file (``PGPASSFILE``), and the URL is never shown with its password.
"""

from __future__ import annotations

import re
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import duckdb

STORE = "store"  # the attached PostgreSQL database's name in the engine
_SEARCH_PATH = f"SET search_path = '{STORE}.public,memory.main'"
_URL_RE = re.compile(r"^postgres(ql)?://", re.IGNORECASE)
# CREATE [OR REPLACE] VIEW|MACRO name: the engine's own objects, made in its memory catalog
_ENGINE_OBJECT_RE = re.compile(
    r"^(\s*(?:--[^\n]*\n\s*)*CREATE\s+(?:OR\s+REPLACE\s+)?(?:VIEW|MACRO)\s+)([a-z_][a-z0-9_]*)",
    re.IGNORECASE)
# PostgreSQL's words for a transaction undone by another one writing the same rows
_RACE_WORDS = ("could not serialize access", "deadlock detected",
               "duplicate key value violates unique constraint")


class PostgresError(RuntimeError):
    """The PostgreSQL database cannot be used: the message says why and what to do."""


def is_url(target: object) -> bool:
    """Whether ``target`` names a PostgreSQL database (``postgresql://...``)."""
    return isinstance(target, str) and bool(_URL_RE.match(target))


def redacted(url: str) -> str:
    """The URL without its password (for messages and logs)."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def extension_file() -> Path:
    fix = (f"Install it with: pip install duckdb-extension-postgres-scanner=={duckdb.__version__} "
           "(the same version as duckdb)")
    try:
        import duckdb_extension_postgres_scanner
    except ImportError:
        raise PostgresError(f"DuckDB's postgres extension is not installed. {fix}") from None
    base = Path(duckdb_extension_postgres_scanner.__file__).parent / "extensions"
    candidate = base / f"v{duckdb.__version__}" / "postgres_scanner.duckdb_extension"
    if not candidate.exists():
        raise PostgresError(f"duckdb {duckdb.__version__} needs the postgres extension of the "
                            f"same version. {fix}")
    return candidate


class Engine:
    """A DuckDB connection whose default database is the attached PostgreSQL database.

    It behaves as the :class:`duckdb.DuckDBPyConnection` it wraps (everything else is passed
    on), with two differences: every cursor is set up the same way (DuckDB keeps the default
    database and search path per cursor), and PostgreSQL's conflicts arrive as DuckDB's.
    """

    backend = "postgres"

    def __init__(self, con: duckdb.DuckDBPyConnection, url: str):
        con.execute(f"USE {STORE}")
        con.execute(_SEARCH_PATH)
        self._con = con
        self.url = url

    def cursor(self) -> Engine:
        return Engine(self._con.cursor(), self.url)

    def execute(self, sql: str, params: Any = None):
        try:
            self._con.execute(sql, params) if params is not None else self._con.execute(sql)
        except duckdb.Error as exc:
            raise _translated(exc) from exc
        return self

    def __getattr__(self, name: str):
        return getattr(self._con, name)

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self._con.close()


def _translated(exc: duckdb.Error) -> duckdb.Error:
    text = str(exc)
    if any(w in text for w in _RACE_WORDS) and not isinstance(exc, duckdb.TransactionException):
        return duckdb.TransactionException(
            f"Conflict: another session changed the same rows at the same moment ({text.strip()})")
    return exc


def connect(url: str, settings: dict[str, Any], load_spatial) -> Engine:
    """The engine on the PostgreSQL database at ``url`` (views and macros defined when the
    database has the schema; :func:`gebrookerbos.db.ensure_schema` creates it)."""
    con = duckdb.connect(":memory:", config=settings)
    load_spatial(con)
    con.execute(f"LOAD '{extension_file().as_posix()}'")  # a file path, not a user value
    quoted = url.replace("'", "''")
    try:
        con.execute(f"ATTACH '{quoted}' AS {STORE} (TYPE postgres)")
    except duckdb.Error as exc:
        con.close()
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise PostgresError(
            f"Could not connect to the PostgreSQL database {redacted(url)}: "
            f"{redacted(first)}. Check that the server runs, that the database exists and "
            "that the user may log in (the password comes from PGPASSWORD or ~/.pgpass)."
        ) from None
    return Engine(con, url)


def execute_native(con: Engine, sql: str) -> None:
    """Run PostgreSQL's own SQL (DDL) on the store, inside the caller's transaction."""
    con.execute(f"CALL postgres_execute('{STORE}', $sql)", {"sql": sql})


def create_schema(con: Engine, sql_dir: Traversable) -> None:
    """The tables of the current schema on an empty database (in the caller's transaction)."""
    try:
        execute_native(con, "CREATE EXTENSION IF NOT EXISTS postgis")
    except duckdb.Error as exc:
        raise PostgresError(
            "PostGIS is not available in this PostgreSQL database. Install the Debian package "
            "postgis and run, as a superuser: CREATE EXTENSION postgis; "
            f"({str(exc).strip().splitlines()[0]})") from None
    execute_native(con, (sql_dir / "postgres" / "schema.sql").read_text(encoding="utf-8"))


def define_engine_objects(con: Engine, scripts: list[Traversable]) -> None:
    """The views and macros of the DuckDB migrations, in order, in the engine's memory
    catalog (a later CREATE OR REPLACE replaces an earlier one, as in the DuckDB file)."""
    for path in scripts:
        for statement in duckdb.extract_statements(path.read_text(encoding="utf-8")):
            m = _ENGINE_OBJECT_RE.match(statement.query)
            if m:
                con.execute(m.group(1) + "memory.main." + m.group(2)
                            + statement.query[m.end():])
