"""What every command shares: the exit codes, the refusal that becomes exit code 2, and
the database a command works on (a DuckDB file or a PostgreSQL URL)."""

from __future__ import annotations

from pathlib import Path

from gebrookerbos import config
from gebrookerbos.db import postgres

EXIT_OK = 0
EXIT_REFUSED = 2


class Refused(Exception):
    """A command refuses to act; the message says why and what to do."""


def label(target: str | Path) -> str:
    """The database as a message names it: the file, or the URL without its password."""
    return postgres.redacted(target) if config.is_postgres_url(target) else str(target)


def existing_database(explicit: str | None) -> str | Path:
    """The database of a command that needs one that exists: a file that is there, or a
    PostgreSQL URL (whose connection says clearly when the server or database is not)."""
    target = config.db_path(explicit)
    if not config.is_postgres_url(target) and not target.exists():
        raise Refused(f"{target} does not exist. Create it first: python -m gebrookerbos init "
                      f"--db {target} [--no-demo]")
    return target
