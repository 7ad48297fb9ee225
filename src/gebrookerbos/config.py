"""Paths and settings, from the repository layout and GEBROOKERBOS_* environment variables."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent.parent
GEODATA_DIR = ROOT / "geodata"
QUERIES_DIR = ROOT / "queries"
MIGRATIONS_DIR = QUERIES_DIR / "migrations"
STATIC_DIR = ROOT / "static"
DEFAULT_DB_PATH = ROOT / "data" / "gebrookerbos.duckdb"

RD_NEW = "EPSG:28992"
WGS84 = "EPSG:4326"
MUNICIPALITY_CODE = "GM0917"

# Attribution required by the CBS/Kadaster data (geodata/PROVENANCE.md).
ATTRIBUTION_BOUNDARIES = "Bron: Kadaster / Centraal Bureau voor de Statistiek (CBS), 2024"
ATTRIBUTION_STATISTICS = (
    "Bron: CBS, Kerncijfers wijken en buurten 2016-2020 en 2024 (85984NED)"
)
ATTRIBUTION = f"{ATTRIBUTION_BOUNDARIES}; {ATTRIBUTION_STATISTICS}"


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database file: an explicit path, else $GEBROOKERBOS_DB, else the default."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("GEBROOKERBOS_DB")
    return Path(env) if env else DEFAULT_DB_PATH
