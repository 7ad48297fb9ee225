"""The audit trail: every edit records who, when and what changed.

Next to the connection and the named queries because everything that writes records here,
in its own transaction: the services and the account functions of ``domain.auth``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import duckdb
import pandas as pd

from gebrookerbos import db


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, list[Any]]:
    """The fields whose value changed, as {field: [old, new]}."""
    return {
        k: [_jsonable(old.get(k)), _jsonable(v)]
        for k, v in new.items()
        if _jsonable(old.get(k)) != _jsonable(v)
    }


def record(
    con: duckdb.DuckDBPyConnection,
    *,
    username: str | None,
    table_name: str,
    record_id: str,
    action: str,
    changes: Mapping[str, Any] | None = None,
) -> None:
    """Add one entry to the audit log (call inside the same transaction as the change)."""
    db.execute(
        con,
        "insert_audit",
        username=username,
        table_name=table_name,
        record_id=record_id,
        action=action,
        changes=json.dumps(changes or {}, ensure_ascii=False, default=str),
    )


def trail(con: duckdb.DuckDBPyConnection, table_name: str, record_id: str) -> pd.DataFrame:
    return db.fetch_df(con, "audit_for_record", table_name=table_name, record_id=record_id)


def recent(con: duckdb.DuckDBPyConnection, limit: int = 50) -> pd.DataFrame:
    return db.fetch_df(con, "recent_audit", limit=limit)
