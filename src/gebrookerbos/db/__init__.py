"""The database layer: one place that opens DuckDB, loads spatial and runs named queries.

SQL lives in ``queries/*.sql`` (shipped as the package data ``gebrookerbos.db.sql``) as
named blocks::

    -- name: plots_in_buurt
    -- The plots whose buurt is $buurt_code.
    SELECT ... WHERE buurt_code = $buurt_code

Queries are run by name with bound parameters (DuckDB ``$name``); the loader checks that
the caller passes exactly the parameters the query uses. Values never enter SQL text.
The audit trail that every write records is :mod:`gebrookerbos.db.audit`.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pandas as pd

from gebrookerbos import config
from gebrookerbos.db import postgres

SCHEMA_VERSION_KEY = "schema_version"
T = TypeVar("T")


class SpatialExtensionError(RuntimeError):
    """The DuckDB spatial extension could not be loaded from its pip package."""


class DatabaseLockedError(RuntimeError):
    """Another process holds the database file open for writing."""


class QueryError(ValueError):
    """A named query was called with the wrong name or parameters, or the SQL files are wrong."""


# --------------------------------------------------------------------------------------
# Named queries
# --------------------------------------------------------------------------------------

_NAME_RE = re.compile(r"^--\s*name:\s*([a-z_][a-z0-9_]*)\s*$", re.MULTILINE)
_PARAM_RE = re.compile(r"(?<![\w$])\$([a-z_][a-z0-9_]*)")
_COMMENT_RE = re.compile(r"--[^\n]*")
_STRING_RE = re.compile(r"'(?:[^']|'')*'")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    doc: str
    sql: str
    params: frozenset[str]
    source: str


def _parse_sql_file(path: Traversable) -> list[NamedQuery]:
    text = path.read_text(encoding="utf-8")
    matches = list(_NAME_RE.finditer(text))
    queries = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        body = text[m.end() : end].strip("\n")
        doc_lines = []
        for line in body.splitlines():
            if line.startswith("--"):
                doc_lines.append(line.lstrip("-").strip())
            else:
                break
        code = _STRING_RE.sub("''", _COMMENT_RE.sub("", body))
        queries.append(
            NamedQuery(
                name=m.group(1),
                doc=" ".join(doc_lines),
                sql=body.strip().rstrip(";"),
                params=frozenset(_PARAM_RE.findall(code)),
                source=path.name,
            )
        )
    return queries


def load_queries(directory: Traversable | None = None) -> dict[str, NamedQuery]:
    """All named queries in ``directory`` (default: the packaged SQL; schema.sql excluded).

    None found is an error, not an empty registry: it means the SQL files are not where the
    package looks (a broken install), and every page would fail later and less clearly.
    """
    directory = config.sql_dir() if directory is None else directory
    if not directory.is_dir():
        raise QueryError(f"no named queries: the SQL folder {directory} does not exist")
    files = sorted(
        (p for p in directory.iterdir() if p.name.endswith(".sql") and p.name != "schema.sql"),
        key=lambda p: p.name,
    )
    found: dict[str, NamedQuery] = {}
    for path in files:
        for q in _parse_sql_file(path):
            if q.name in found:
                raise QueryError(
                    f"query {q.name!r} defined twice ({found[q.name].source}, {q.source})"
                )
            found[q.name] = q
    if not found:
        raise QueryError(
            f"no named queries (-- name: ...) in {directory}: looked in {len(files)} *.sql files"
        )
    return found


QUERIES: dict[str, NamedQuery] = load_queries()


def query(name: str) -> NamedQuery:
    try:
        return QUERIES[name]
    except KeyError:
        raise QueryError(f"no query named {name!r} in {config.sql_dir()}") from None


def execute(con: duckdb.DuckDBPyConnection, name: str, **params: Any):
    """Run the named query with bound parameters; returns the DuckDB result."""
    q = query(name)
    given = set(params)
    if given != q.params:
        missing = sorted(q.params - given)
        extra = sorted(given - q.params)
        raise QueryError(f"query {name!r}: missing parameters {missing}, unexpected {extra}")
    return con.execute(q.sql, params) if params else con.execute(q.sql)


# Result types that come to pandas through Arrow exactly as DuckDB's own fetchdf gives them.
_ARROW_TYPES = frozenset({
    "VARCHAR", "BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT",
    "UINTEGER", "UBIGINT", "FLOAT", "DOUBLE", "DATE", "TIMESTAMP",
})


def fetch_df(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pd.DataFrame:
    """The rows of the named query as a DataFrame, with the dtypes of DuckDB's ``fetchdf``.

    Results of plain columns (text, numbers, booleans, dates) come through Arrow: for text
    that is several times faster than ``fetchdf``, which makes a Python string of every
    value (a million plots: 1 s instead of 5). Other types take ``fetchdf``.
    """
    result = execute(con, name, **params)
    types = [str(d[1]) for d in result.description or ()]
    if not types or not set(types) <= _ARROW_TYPES:
        return result.fetchdf()
    return _frame_from_arrow(result.to_arrow_table(), types)


_NULLABLE = {
    "BOOLEAN": pd.BooleanDtype(), "TINYINT": pd.Int8Dtype(), "SMALLINT": pd.Int16Dtype(),
    "INTEGER": pd.Int32Dtype(),
    "BIGINT": pd.Int64Dtype(), "UTINYINT": pd.UInt8Dtype(), "USMALLINT": pd.UInt16Dtype(),
    "UINTEGER": pd.UInt32Dtype(), "UBIGINT": pd.UInt64Dtype(),
}


def _frame_from_arrow(table, types: list[str]) -> pd.DataFrame:
    """``fetchdf``'s dtypes from an Arrow table: integers and booleans with NULLs as pandas'
    nullable ones, dates as ``datetime64[us]``, a text column of NULLs only as objects (None)."""
    frame = table.to_pandas(date_as_object=False)
    for name, kind, column in zip(table.column_names, types, table.columns, strict=True):
        if kind == "DATE":
            frame[name] = frame[name].astype("datetime64[us]")
        elif column.null_count == 0:
            continue
        elif kind in _NULLABLE:
            frame[name] = column.to_pandas(
                types_mapper={column.type: _NULLABLE[kind]}.get).set_axis(frame.index)
        elif kind == "VARCHAR" and column.null_count == len(frame):
            frame[name] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    return frame


def fetch_all(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> list[tuple]:
    return execute(con, name, **params).fetchall()


def fetch_one(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> tuple | None:
    return execute(con, name, **params).fetchone()


def fetch_value(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> Any:
    row = fetch_one(con, name, **params)
    return None if row is None else row[0]


# --------------------------------------------------------------------------------------
# Connections
# --------------------------------------------------------------------------------------


def spatial_extension_file() -> Path:
    """The spatial extension binary shipped by the pip package ``duckdb-extension-spatial``."""
    fix = (
        f"Install it with: pip install duckdb-extension-spatial=={duckdb.__version__} "
        "(the same version as duckdb), e.g. pip install -r requirements.txt"
    )
    try:
        import duckdb_extension_spatial
    except ImportError:
        raise SpatialExtensionError(
            f"The DuckDB spatial extension package is not installed. {fix}"
        ) from None
    base = Path(duckdb_extension_spatial.__file__).parent / "extensions"
    candidate = base / f"v{duckdb.__version__}" / "spatial.duckdb_extension"
    if not candidate.exists():
        shipped = sorted(p.name for p in base.glob("v*")) if base.exists() else []
        raise SpatialExtensionError(
            f"duckdb {duckdb.__version__} needs the spatial extension for the same version; "
            f"the installed duckdb-extension-spatial ships {shipped or 'nothing'}. {fix}"
        )
    return candidate


def _load_spatial(con: duckdb.DuckDBPyConnection) -> None:
    path = spatial_extension_file()
    try:
        con.execute(f"LOAD '{path.as_posix()}'")  # a file path, not a user value
    except duckdb.Error as exc:
        raise SpatialExtensionError(
            f"Could not load the DuckDB spatial extension from {path}: {exc}. "
            f"Reinstall it with: pip install --force-reinstall "
            f"duckdb-extension-spatial=={duckdb.__version__}"
        ) from exc


def connect(
    path: str | Path | None = None, *, read_only: bool = False, retries: int = 0
) -> duckdb.DuckDBPyConnection:
    """Open the database file (or ``:memory:``) with the spatial extension loaded.

    Extensions are never downloaded: the spatial extension comes from its pip package.
    A file held by another process raises :class:`DatabaseLockedError` with what to do.
    """
    target = ":memory:" if str(path) == ":memory:" else str(config.db_path(path))
    settings = {
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        # text to Arrow as large strings: what pandas' str columns hold, so no conversion
        "arrow_large_buffer_size": True,
    }
    if config.is_postgres_url(target):
        engine = postgres.connect(target, settings, _load_spatial)
        if schema_version(engine) > 0:
            _define_engine_objects(engine)
        return engine
    if target != ":memory:":
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    attempt = 0
    while True:
        try:
            con = duckdb.connect(target, read_only=read_only, config=settings)
            break
        except duckdb.IOException as exc:
            # DuckDB's own words for a file another process holds; a damaged file's errors
            # ("checksum ... in block") must not read as a lock
            if "could not set lock" not in str(exc).lower():
                raise
            if attempt >= retries:
                raise DatabaseLockedError(
                    f"The database {target} is in use by another process (probably the "
                    "running dashboard). DuckDB allows one process to write a file at a time. "
                    "Make the change in the dashboard (page Beheer), or stop the dashboard, "
                    "run this command, and start the dashboard again."
                ) from exc
            attempt += 1
            time.sleep(0.5)
    _load_spatial(con)
    return con


_open_transactions: set[int] = set()  # ids of connections inside a transaction block


@contextmanager
def transaction(
    con: duckdb.DuckDBPyConnection, *, on_conflict: Callable[[], Exception] | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """All or nothing: commit when the block ends normally, roll back on any error.

    Blocks nest: an inner block on the same connection joins the outer transaction, which
    commits or rolls back everything (so e.g. an edit and the stage change it includes are
    one change).

    Another session writing the same rows at the same moment undoes this one: that raises
    :class:`WriteConflict`, or what ``on_conflict()`` returns (called after the undo, so
    it may read the rows as they are now): a service's own "changed by someone else".
    """
    key = id(con)
    if key in _open_transactions:
        yield con
        return
    con.execute("BEGIN TRANSACTION")
    _open_transactions.add(key)
    try:
        yield con
    except RACES as exc:
        _rollback(con)
        _open_transactions.discard(key)  # (now: on_conflict may read in a new transaction)
        raise _conflict(exc, on_conflict) from exc
    except BaseException:
        _rollback(con)
        raise
    finally:
        _open_transactions.discard(key)
    try:
        con.execute("COMMIT")
    except RACES as exc:
        _rollback(con)
        raise _conflict(exc, on_conflict) from exc


def _conflict(exc: Exception, on_conflict: Callable[[], Exception] | None) -> Exception:
    return on_conflict() if on_conflict is not None else WriteConflict(str(exc))


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:  # (DuckDB already undid a transaction whose commit failed)
        pass


# DuckDB's answer when two transactions write the same row at the same time ("Conflict on
# update") or insert the same key (a duplicate key at commit): the later one is undone.
# Every write checks its rows before it writes them, so inside a transaction these come
# from another session's write at the same moment, never from the user's input.
RACES = (duckdb.TransactionException, duckdb.ConstraintException)


class WriteConflict(Exception):
    """Another session wrote the same rows at the same moment: this transaction was
    undone and nothing of it was written. Each service turns it into its own "changed by
    someone else" refusal (an edit's conflict, a reservation's), which the pages show
    calmly with the user's input kept; short repeatable writes retry instead
    (:func:`retry_conflicts`)."""


WRITE_CONFLICTS = (*RACES, WriteConflict)


def retry_conflicts(what: Callable[[], T], *, for_s: float = 10.0) -> T:
    """Run ``what()`` (one whole transaction) again while it meets a write conflict.

    DuckDB does not wait for a row another transaction holds: it undoes the later writer.
    Short transactions that are safe to repeat (counting a login attempt, changing an
    account) run through this, so the conflict never reaches the user; after ``for_s``
    seconds of conflicts the last one is raised.
    """
    deadline = time.monotonic() + for_s
    pause = 0.002
    while True:
        try:
            return what()
        except WRITE_CONFLICTS:
            if time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0, pause))  # noqa: S311 (spreading retries, not secrets)
            pause = min(pause * 2, 0.1)


# --------------------------------------------------------------------------------------
# Schema and migrations
# --------------------------------------------------------------------------------------


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version recorded in the file; 0 for an empty database."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_meta' "
        "AND table_catalog = current_database() AND table_schema = current_schema()"
    ).fetchone()[0]
    if not exists:
        return 0
    row = con.execute(
        "SELECT value FROM schema_meta WHERE key = $key", {"key": SCHEMA_VERSION_KEY}
    ).fetchone()
    return int(row[0]) if row else 0


def migrations(directory: Traversable | None = None) -> list[tuple[int, Traversable]]:
    """Migration scripts ``NNN_description.sql``, in version order (none: an empty list)."""
    directory = config.migrations_dir() if directory is None else directory
    if not directory.is_dir():
        return []
    found = []
    for path in directory.iterdir():
        m = re.match(r"^(\d+)_.*\.sql$", path.name)
        if m:
            found.append((int(m.group(1)), path))
    return sorted(found, key=lambda item: (item[0], item[1].name))


def latest_schema_version(directory: Traversable | None = None) -> int:
    versions = [v for v, _ in migrations(directory)]
    return max([1, *versions])


def ensure_schema(
    con: duckdb.DuckDBPyConnection, migrations_dir: Traversable | None = None
) -> int:
    """Create the schema in an empty file and migrate an older one; returns the version.

    Each migration runs in its own transaction together with the version bump, so a
    failing migration leaves the file at the previous version with its data intact.
    """
    if is_postgres(con):
        return _ensure_postgres_schema(con, migrations_dir)
    version = schema_version(con)
    if version == 0:
        with transaction(con):
            con.execute((config.sql_dir() / "schema.sql").read_text(encoding="utf-8"))
        version = 1
    for target, path in migrations(migrations_dir):
        if target <= version:
            continue
        with transaction(con):
            con.execute(path.read_text(encoding="utf-8"))
            con.execute(
                "UPDATE schema_meta SET value = $v WHERE key = $key",
                {"v": str(target), "key": SCHEMA_VERSION_KEY},
            )
        version = target
    return version


# --------------------------------------------------------------------------------------
# PostgreSQL (gebrookerbos.db.postgres)
# --------------------------------------------------------------------------------------


def is_postgres(con: object) -> bool:
    """Whether ``con`` works on the shared PostgreSQL store (else on a DuckDB file)."""
    return getattr(con, "backend", None) == "postgres"


def _define_engine_objects(con: postgres.Engine,
                           migrations_dir: Traversable | None = None) -> None:
    postgres.define_engine_objects(con, [path for _, path in migrations(migrations_dir)])


def _ensure_postgres_schema(con: postgres.Engine,
                            migrations_dir: Traversable | None = None) -> int:
    """The PostgreSQL schema: the current tables on an empty database, later changes from
    ``queries/postgres/migrations``; then the views and macros in the engine."""
    latest = latest_schema_version(migrations_dir)
    version = schema_version(con)
    if version == 0:
        with transaction(con):
            postgres.create_schema(con, config.sql_dir())
            con.execute("INSERT INTO schema_meta VALUES ($key, $v)",
                        {"key": SCHEMA_VERSION_KEY, "v": str(latest)})
        version = latest
    for target, path in migrations(config.sql_dir() / "postgres" / "migrations"):
        if target <= version:
            continue
        with transaction(con):
            postgres.execute_native(con, path.read_text(encoding="utf-8"))
            con.execute("UPDATE schema_meta SET value = $v WHERE key = $key",
                        {"v": str(target), "key": SCHEMA_VERSION_KEY})
        version = target
    _define_engine_objects(con, migrations_dir)
    return version
