"""Shareable views: a page's state as URL query parameters, and back (pure functions).

Values are codes (wijk codes, availability codes, ISO dates), never translated labels, so
a URL means the same view in every UI language. Only values that differ from the default
are written, which keeps URLs short. Decoding ignores what it cannot read: a mistyped or
outdated URL opens the default view for that parameter instead of failing.

(Streamlit's own ``bind="query-params"`` puts the *formatted label* in the URL, which
changes with the language; hence this module.)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    TEXT = "text"
    TEXTS = "texts"  # a list: repeated parameter (?owner=a&owner=b)
    INT = "int"
    DATE = "date"
    BOOL = "bool"


@dataclass(frozen=True)
class Param:
    """One piece of state in the URL: its name (= the widget key), kind and default."""

    name: str
    kind: Kind
    default: Any = None


def _to_int(raw: str) -> int:
    value = float(raw)
    if value != int(value):
        raise ValueError(raw)
    return int(value)


def _to_bool(raw: str) -> bool:
    lowered = raw.strip().lower()
    if lowered in ("true", "1", "yes", "ja"):
        return True
    if lowered in ("false", "0", "no", "nee"):
        return False
    raise ValueError(raw)


_PARSE: dict[Kind, Callable[[str], Any]] = {
    Kind.TEXT: str,
    Kind.INT: _to_int,
    Kind.DATE: date.fromisoformat,
    Kind.BOOL: _to_bool,
}


def decode(query: Mapping[str, list[str]], params: list[Param]) -> dict[str, Any]:
    """The values found in the URL (``query``: name -> all its values); others are left out.

    A value that cannot be read is left out too, so the page uses its default.
    """
    found: dict[str, Any] = {}
    for p in params:
        raw = query.get(p.name)
        if raw is None:
            continue
        values = [v for v in raw if v is not None]
        try:
            if p.kind == Kind.TEXTS:
                found[p.name] = [v for v in values if v != ""]
            elif values:
                found[p.name] = None if values[-1] == "" else _PARSE[p.kind](values[-1])
        except ValueError:
            continue
    return found


def _text(value: Any, kind: Kind) -> str:
    if kind == Kind.BOOL:
        return "true" if value else "false"
    if kind == Kind.DATE:
        return value.isoformat()
    return str(value)


def encode(state: Mapping[str, Any], params: list[Param]) -> dict[str, list[str]]:
    """The query parameters for ``state``: only values that differ from their default.

    A list that is emptied while its default is not empty is written as one empty value
    (``?hard=``), so that "none" survives the round trip.
    """
    out: dict[str, list[str]] = {}
    for p in params:
        if p.name not in state:
            continue
        value = state[p.name]
        if p.kind == Kind.TEXTS:
            value = list(value or [])
            if value == list(p.default or []):
                continue
            out[p.name] = [str(v) for v in value] or [""]
        elif value != p.default and value is not None:
            out[p.name] = [_text(value, p.kind)]
        elif value is None and p.default is not None:
            out[p.name] = [""]
    return out


def valid(value: Any, options: list[Any] | tuple[Any, ...], kind: Kind, default: Any) -> Any:
    """``value`` when it is one of the options (lists: only the valid items), else the default."""
    if kind == Kind.TEXTS:
        return [v for v in (value or []) if v in options]
    return value if value in options else default
