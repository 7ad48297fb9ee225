"""Backups, restores and the whole database as one GeoPackage.

A backup is a DuckDB file made with ``ATTACH`` + ``COPY FROM DATABASE`` from an open
connection: a consistent copy (one transaction) of every table, sequence and constraint.
Because it runs on an open connection it also works inside the running dashboard (page
Beheer), which holds the database file; the CLI needs the file for itself.

A restore first checks that the file is a Gebrookerbos database with a schema this version
can read (same or older; older ones are migrated), then rebuilds it as a fresh database file
with the same ``COPY FROM DATABASE`` (which reads every row of every table, so a damaged
or truncated file fails here) and migrates that copy. Only when all of that worked is the
current file kept as a safety copy next to it and replaced, in one rename. A refused restore
leaves the current database byte for byte as it was.

The GeoPackage export has a layer per table: tables with a geometry become EPSG:28992
layers, the others attribute tables, plus an ``attribution`` table (CBS/Kadaster). Password
hashes and the failed logins (with network addresses) are never exported; the public export
leaves out the personal data of initiators (``domain.PERSONAL_COLUMNS``), the names of staff
(``by_whom``, ``updated_by``) and the tables ``users`` and ``audit_log``.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

import duckdb
import geopandas as gpd
import pandas as pd
import pyogrio
import shapely

from gebrookerbos import config, db, i18n
from gebrookerbos.domain import INTERNAL_COLUMNS, PERSONAL_COLUMNS, PRIVATE_TABLES
from gebrookerbos.domain.auth import Action, Actor, require
from gebrookerbos.services.importer import looks_like

REQUIRED_TABLES = frozenset({
    "schema_meta", "neighbourhoods", "plots", "initiatives", "initiative_plots",
    "stage_events", "plot_events", "users", "audit_log",
})
NEVER_EXPORTED_COLUMNS = frozenset({"password_hash"})
# the failed logins per network address: security state, not data to pass on
NEVER_EXPORTED_TABLES = frozenset({"login_failures", "login_attempts"})
PRIVATE_COLUMNS = frozenset({*PERSONAL_COLUMNS, *(c for cs in INTERNAL_COLUMNS.values() for c in cs),
                             "username"})
ATTRIBUTION_LAYER = "attribution"
_SAFE_PATH = re.compile(r"^[A-Za-z0-9_./-]+$")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_LOCK = threading.Lock()  # one backup at a time per process (the ATTACH alias is fixed)


class BackupError(RuntimeError):
    """A backup or restore that cannot be done; the message says why (nothing changed).

    ``key`` is the text ``backup.error.<key>`` of :data:`gebrookerbos.i18n.TEXT`; ``str()``
    gives it in English (the command line's default), :meth:`message` in any language.
    """

    def __init__(self, key: str, **fmt: object) -> None:
        self.key = key
        self.fmt = {k: str(v) for k, v in fmt.items()}
        super().__init__(self.message("en"))

    def message(self, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
        fmt = dict(self.fmt)
        if "looks" in fmt:
            fmt["looks"] = i18n.t(f"import.looks_like.{fmt['looks']}", lang)
        return i18n.t(f"backup.error.{self.key}", lang, **fmt)


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file holds, as read from its schema_meta."""

    path: Path
    schema_version: int
    dataset: str | None
    created_at: str | None
    plots: int
    initiatives: int


# --- backup ---------------------------------------------------------------------------------


def _refuse_existing(out: Path, force: bool) -> None:
    if out.exists() and not force:
        raise BackupError("exists", path=out)


def backup_database(con: duckdb.DuckDBPyConnection, out: str | Path, *, actor: Actor,
                    force: bool = False) -> BackupInfo:
    """Write a consistent copy of the open database to ``out`` (a DuckDB file)."""
    require(con, actor, Action.BACKUP)
    out = Path(out)
    _refuse_existing(out, force)
    out.parent.mkdir(parents=True, exist_ok=True)
    source = db.fetch_value(con, "backup_current_database")
    if not _IDENTIFIER.match(str(source)):
        raise BackupError("database_name", name=source)
    with _LOCK, tempfile.TemporaryDirectory(prefix="gebrookerbos-backup-") as tmp:
        target = Path(tmp) / "backup.duckdb"
        if not _SAFE_PATH.match(target.as_posix()):
            raise BackupError("unsafe_path", path=target)
        if db.is_postgres(con):
            _new_file(target)
        # ATTACH and COPY take no bound values: both are filled with checked values only
        try:
            con.execute(db.query("backup_attach").sql.replace("{path}", target.as_posix()))
            try:
                if db.is_postgres(con):
                    _copy_store(con)
                else:
                    con.execute(db.query("backup_copy").sql.replace("{source}", str(source)))
            finally:
                db.execute(con, "backup_detach")
        except duckdb.Error as exc:
            raise BackupError("failed", error=_first_line(exc)) from exc
        stamp = datetime.now().isoformat(timespec="seconds")
        copy = db.connect(target)
        try:
            db.execute(copy, "set_meta", key="backup_created_at", value=stamp)
        finally:
            copy.close()
        partial = out.with_name(out.name + ".partial")
        shutil.copyfile(target, partial)
        os.replace(partial, out)
    return inspect_backup(out)


def _new_file(path: Path) -> None:
    """A new DuckDB file with this version's schema (what a store's rows are copied into)."""
    con = db.connect(path)
    try:
        db.ensure_schema(con)
    finally:
        con.close()


def _checked(name: object) -> str:
    if not _IDENTIFIER.match(str(name)):
        raise BackupError("database_name", name=name)
    return str(name)


def _sql(name: str, **names: object) -> str:
    """A named query with checked identifiers (and numbers) put in its {placeholders}."""
    sql = db.query(name).sql
    for key, value in names.items():
        sql = sql.replace("{" + key + "}", str(value) if isinstance(value, int | bool)
                          else _checked(value))
    return sql


def _copy_store(con) -> None:
    """Every table of the PostgreSQL store into the attached backup file: one transaction,
    so one snapshot of the store while dashboards go on writing; the file's sequences go
    as far as the store's."""
    tables = [_checked(r[0]) for r in db.fetch_all(con, "backup_tables")]
    with db.transaction(con):
        for table in tables:
            con.execute(_sql("backup_clear_table", table=table))
            con.execute(_sql("backup_store_table", table=table))
        sequences = [_checked(r[0]) for r in db.fetch_all(con, "backup_sequences")]
        for sequence in sequences:
            n = int(con.execute(_sql("store_sequence_value", sequence=sequence)).fetchone()[0])
            con.execute(_sql("backup_advance_sequence", sequence=sequence), {"n": n})


def _restore_store(con, rebuilt: Path) -> None:
    """Replace every table of the PostgreSQL store with the rebuilt backup's, in one
    transaction: sessions on other processes see the old data or the restored, never a mix;
    the store's sequences continue after the backup's."""
    if not _SAFE_PATH.match(rebuilt.as_posix()):
        raise BackupError("unsafe_path", path=rebuilt)
    con.execute(db.query("restore_attach").sql.replace("{path}", rebuilt.as_posix()))
    try:
        tables = [_checked(r[0]) for r in db.fetch_all(con, "backup_tables")]
        with db.transaction(con):
            for table in tables:
                con.execute(_sql("restore_clear_table", table=table))
                con.execute(_sql("restore_store_table", table=table))
            for sequence, last in db.fetch_all(con, "restore_sequences"):
                last = int(last)
                con.execute(_sql("restore_store_sequence", sequence=sequence,
                                 value=max(last, 1), called=last > 0))
    finally:
        db.execute(con, "restore_detach")


def inspect_backup(path: str | Path) -> BackupInfo:
    """Check that ``path`` is a Gebrookerbos database this version can read.

    What the file is comes from its first bytes before DuckDB opens it, so a GeoPackage,
    a text file or a program is named as such; a DuckDB file that cannot be opened or read
    is damaged or incomplete (a copy or download that broke off).
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError("missing", path=path)
    with path.open("rb") as f:
        head = f.read(4096)
    if not head:
        raise BackupError("empty", path=path)
    looks = looks_like(head)
    if looks != "duckdb":
        raise BackupError("not_duckdb", path=path, looks=looks)
    try:
        con = db.connect(path, read_only=True)
    except duckdb.Error as exc:
        raise BackupError("damaged", path=path, error=_first_line(exc)) from exc
    try:
        tables = {r[0] for r in db.fetch_all(con, "backup_tables")}
        missing = sorted(REQUIRED_TABLES - tables)
        if missing:
            raise BackupError("foreign", path=path, tables=", ".join(missing))
        version = db.schema_version(con)
        latest = db.latest_schema_version()
        if version < 1 or version > latest:
            raise BackupError("version", path=path, version=version, latest=latest)
        meta = dict(db.fetch_all(con, "backup_meta"))
        plots, initiatives = db.fetch_one(con, "backup_counts")
    except (duckdb.Error, ValueError) as exc:  # ValueError: a schema_version that is no number
        raise BackupError("damaged", path=path, error=_first_line(exc)) from exc
    finally:
        con.close()
    return BackupInfo(path, version, meta.get("dataset"), meta.get("backup_created_at"),
                      int(plots), int(initiatives))


# --- restore --------------------------------------------------------------------------------


def _rebuilt(backup: Path, workdir: Path) -> Path:
    """The backup rebuilt as a fresh, migrated database file in ``workdir``.

    ``COPY FROM DATABASE`` reads every row of every table (and checks every block it reads),
    so damage anywhere in the data fails here, while the current database is untouched; the
    copy also gets fresh indexes and none of the blocks the backup no longer used.
    """
    if not _SAFE_PATH.match(workdir.as_posix()):
        raise BackupError("unsafe_path", path=workdir)
    source = workdir / "backup.duckdb"
    fresh = workdir / "restored.duckdb"
    shutil.copyfile(backup, source)
    con = db.connect(fresh)
    try:
        name = db.fetch_value(con, "backup_current_database")
        if not _IDENTIFIER.match(str(name)):
            raise BackupError("database_name", name=name)
        try:
            # ATTACH and COPY take no bound values: both are filled with checked values only
            con.execute(db.query("restore_attach").sql.replace("{path}", source.as_posix()))
            con.execute(db.query("restore_copy").sql.replace("{target}", str(name)))
        except duckdb.Error as exc:  # (closing the connection detaches the backup)
            raise BackupError("damaged", path=backup, error=_first_line(exc)) from exc
        db.execute(con, "restore_detach")
        try:
            db.ensure_schema(con)  # an older backup is brought up to date (on the copy)
        except (duckdb.Error, ValueError) as exc:
            raise BackupError("migration", path=backup, error=_first_line(exc)) from exc
        _check_columns(con, backup)
    finally:
        con.close()  # DuckDB checkpoints on close: one complete file, no WAL
    return fresh


@cache
def _expected_columns() -> dict[str, tuple[tuple[str, str], ...]]:
    """This version's tables and their columns (name, type), from a fresh database."""
    con = db.connect(":memory:")
    try:
        db.ensure_schema(con)
        return _columns(con)
    finally:
        con.close()


def _columns(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[tuple[str, str], ...]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for table, column, kind in db.fetch_all(con, "schema_columns"):
        found.setdefault(table, []).append((column, kind))
    return {t: tuple(cs) for t, cs in found.items()}


def _check_columns(con: duckdb.DuckDBPyConnection, backup: Path) -> None:
    """Refuse a backup (brought up to date) whose tables do not have exactly this version's
    columns: a file with the right table names and other columns would break every page."""
    expected, found = _expected_columns(), _columns(con)
    wrong = sorted(t for t, columns in expected.items() if found.get(t) != columns)
    if wrong:
        raise BackupError("columns", path=backup, tables=", ".join(wrong))


def restore_database(backup: str | Path, target: str | Path | None = None, *,
                     actor: Actor) -> Path:
    """Replace the database at ``target`` with ``backup``; returns the safety copy's path.

    Refused (nothing changed) when the backup is not valid (not a DuckDB file, not a
    Gebrookerbos database, a newer schema, damaged or truncated anywhere in its data),
    another process (the dashboard) holds the database, a file cannot be written (disk
    full), or ``actor`` may not restore backups. The current file is replaced by one
    rename, after its safety copy is complete: a kill at any moment leaves either it or the
    restored database, never a mix.
    """
    if not actor.command_line:  # an account: checked against the database it replaces
        con = db.connect(config.db_path(target))
        try:
            require(con, actor, Action.BACKUP)
        finally:
            con.close()
    info = inspect_backup(backup)
    target = config.db_path(target)
    if config.is_postgres_url(target):
        return _restore_postgres(info, target, actor)
    if Path(backup).resolve() == target.resolve():
        raise BackupError("itself")
    if target.exists():  # before the work: raises DatabaseLockedError while the dashboard runs
        db.connect(target).close()
    partial = target.with_name(target.name + ".restoring")
    safety = target.with_name(
        f"{target.stem}.before-restore-{datetime.now():%Y%m%d-%H%M%S}{target.suffix}")
    try:
        with _LOCK, tempfile.TemporaryDirectory(prefix="gebrookerbos-restore-") as tmp:
            shutil.copyfile(_rebuilt(info.path, Path(tmp)), partial)
        if target.exists():
            con = db.connect(target)
            try:
                db.execute(con, "checkpoint_database")
            finally:
                con.close()  # DuckDB checkpoints on close: the file is complete, no WAL
            shutil.copyfile(target, safety)
        wal = target.with_name(target.name + ".wal")
        if wal.exists():
            wal.unlink()
        os.replace(partial, target)  # one rename: the old database or the restored one
    except OSError as exc:  # e.g. a full disk: the current database was not touched
        safety.unlink(missing_ok=True)
        raise BackupError("write_failed", path=target, error=_first_line(exc)) from exc
    finally:
        partial.unlink(missing_ok=True)
    return safety if safety.exists() else target


def _restore_postgres(info: BackupInfo, url: str, actor: Actor) -> Path:
    """Replace the PostgreSQL store's data with the backup's while dashboards may run; the
    safety copy (a backup of the store as it was) is written next to the backup file."""
    stamp = f"{datetime.now():%Y%m%d-%H%M%S}"
    safety = info.path.with_name(f"before-restore-{stamp}.duckdb")
    con = db.connect(url)
    try:
        backup_database(con, safety, actor=actor)
        with _LOCK, tempfile.TemporaryDirectory(prefix="gebrookerbos-restore-") as tmp:
            rebuilt = _rebuilt(info.path, Path(tmp))
            try:
                _restore_store(con, rebuilt)
            except duckdb.Error as exc:
                raise BackupError("failed_restore", error=_first_line(exc)) from exc
    finally:
        con.close()
    return safety


# --- the whole database as a GeoPackage -------------------------------------------------------


def export_geopackage(con: duckdb.DuckDBPyConnection, out: str | Path, *, public: bool,
                      actor: Actor, force: bool = False) -> dict[str, int]:
    """Write every table as a layer of one GeoPackage; returns rows per layer.

    The public export (no personal data, no staff names) is open to anyone; the full one
    is for those who may make backups.
    """
    if not public:
        require(con, actor, Action.BACKUP)
    out = Path(out)
    _refuse_existing(out, force)
    out.parent.mkdir(parents=True, exist_ok=True)
    tables = [r[0] for r in db.fetch_all(con, "backup_tables")]
    geometry = dict(db.fetch_all(con, "backup_geometry_columns"))
    partial = out.with_name(out.stem + ".partial.gpkg")
    if partial.exists():
        partial.unlink()
    counts: dict[str, int] = {}
    for table in tables:
        if table in NEVER_EXPORTED_TABLES or (public and table in PRIVATE_TABLES):
            continue
        frame = db.fetch_df(con, "backup_table_rows", table_name=table)
        drop = NEVER_EXPORTED_COLUMNS | (PRIVATE_COLUMNS if public else frozenset())
        frame = frame.drop(columns=[c for c in frame.columns if c in drop])
        geom_col = geometry.get(table)
        if geom_col:
            geoms = shapely.from_wkb([None if g is None else bytes(g) for g in frame[geom_col]])
            layer = gpd.GeoDataFrame(frame.drop(columns=[geom_col]), geometry=geoms,
                                     crs=config.RD_NEW)
            pyogrio.write_dataframe(layer, partial, layer=table, driver="GPKG")
        else:
            pyogrio.write_dataframe(frame, partial, layer=table, driver="GPKG")
        counts[table] = len(frame)
    about = pd.DataFrame({
        "key": ["attribution", "boundaries", "statistics", "dataset", "kind", "exported_at",
                "schema_version"],
        "value": [config.ATTRIBUTION, config.ATTRIBUTION_BOUNDARIES,
                  config.ATTRIBUTION_STATISTICS,
                  str(db.fetch_value(con, "get_meta", key="dataset")),
                  "public" if public else "full (personal data)",
                  datetime.now().isoformat(timespec="seconds"),
                  str(db.schema_version(con))],
    })
    pyogrio.write_dataframe(about, partial, layer=ATTRIBUTION_LAYER, driver="GPKG",
                            dataset_metadata={"DESCRIPTION": config.ATTRIBUTION})
    counts[ATTRIBUTION_LAYER] = len(about)
    os.replace(partial, out)
    return counts
