"""Paths and settings: the package's own data files, where the app writes, GEBROOKERBOS_* variables.

The SQL files and the geodata ship inside the package (``gebrookerbos.db.sql`` is the
checkout's ``queries/``, ``gebrookerbos.geodata`` its ``geodata/``, mapped in pyproject.toml)
and are read with :mod:`importlib.resources`, so a wheel install works like a checkout.
"""

from __future__ import annotations

import os
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SQL_PACKAGE = "gebrookerbos.db.sql"  # queries/ in the checkout
GEODATA_PACKAGE = "gebrookerbos.geodata"  # geodata/ in the checkout
MIGRATIONS_FOLDER = "migrations"  # inside SQL_PACKAGE: NNN_description.sql

DATA_DIR_ENV = "GEBROOKERBOS_DATA_DIR"
DB_ENV = "GEBROOKERBOS_DB"
DB_FILE = "gebrookerbos.duckdb"

RD_NEW = "EPSG:28992"
WGS84 = "EPSG:4326"
MUNICIPALITY_CODE = "GM0917"

# Attribution required by the CBS/Kadaster data (geodata/PROVENANCE.md).
ATTRIBUTION_BOUNDARIES = "Bron: Kadaster / Centraal Bureau voor de Statistiek (CBS), 2024"
ATTRIBUTION_STATISTICS = (
    "Bron: CBS, Kerncijfers wijken en buurten 2016-2020 en 2024 (85984NED)"
)
ATTRIBUTION = f"{ATTRIBUTION_BOUNDARIES}; {ATTRIBUTION_STATISTICS}"


class PackageDataError(RuntimeError):
    """The package's data files (SQL, geodata) cannot be found: a broken or stale install."""


def _source_checkout() -> Path | None:
    """The source checkout the package runs from (an editable install), else None."""
    root = PACKAGE_DIR.parent.parent
    if PACKAGE_DIR.parent.name == "src" and (root / "pyproject.toml").is_file() and (
        root / "dashboard.py"
    ).is_file():
        return root
    return None


CHECKOUT: Path | None = _source_checkout()


def _package_files(package: str) -> Traversable:
    try:
        return resources.files(package)
    except ModuleNotFoundError:
        raise PackageDataError(
            f"The package data {package} is missing. Reinstall the package: "
            "pip install -e . in a checkout (as requirements.txt does), or pip install ."
        ) from None


def sql_dir() -> Traversable:
    """The SQL files: named queries (``*.sql``), ``schema.sql`` and ``migrations/``."""
    return _package_files(SQL_PACKAGE)


def migrations_dir() -> Traversable:
    """The migration scripts (the folder may be absent when there are none)."""
    return sql_dir() / MIGRATIONS_FOLDER


def geodata(directory: Traversable | str | os.PathLike[str] | None = None) -> Traversable:
    """The geodata files: ``directory`` when given (a folder with the same files), else the packaged ones."""
    if directory is None:
        return _package_files(GEODATA_PACKAGE)
    if isinstance(directory, str | os.PathLike):
        return Path(directory)
    return directory


def user_data_dir() -> Path:
    """The per-user data folder (XDG): $XDG_DATA_HOME/gebrookerbos, else ~/.local/share/gebrookerbos."""
    xdg = os.environ.get("XDG_DATA_HOME", "")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"
    return base / "gebrookerbos"


def data_dir() -> Path:
    """Where the app keeps its database: $GEBROOKERBOS_DATA_DIR, else ``data/`` of the source
    checkout, else the per-user data folder. Never inside an installed package."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    if CHECKOUT is not None:
        return CHECKOUT / "data"
    return user_data_dir()


def is_postgres_url(target: object) -> bool:
    """Whether ``target`` names a PostgreSQL database (``postgresql://...``), not a file."""
    return isinstance(target, str) and target.lower().startswith(("postgresql://", "postgres://"))


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database: an explicit path, else $GEBROOKERBOS_DB, else the data folder's file.

    A PostgreSQL URL (``postgresql://...``) is returned as the text it is (a ``str``), so
    that ``db.connect`` attaches the shared store instead of opening a file.
    """
    chosen = explicit or os.environ.get(DB_ENV)
    if is_postgres_url(chosen):
        return chosen  # type: ignore[return-value]
    return Path(chosen) if chosen else data_dir() / DB_FILE
