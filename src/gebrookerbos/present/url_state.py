"""Shareable views: a page's state as URL query parameters, and back (pure functions).

Values are codes (wijk codes, availability codes, ISO dates), never translated labels, so
a URL means the same view in every UI language. Only values that differ from the default
are written, which keeps URLs short.

Reading is the one place where a URL's values are checked, by the kind of parameter: the
type (a whole number, an ISO date, true/false), the range (numbers and dates), known codes,
the length of a value and the number of values, repeated and empty parameters. A value that
fails is left out with a :class:`Notice`, so the page uses its default for that parameter,
applies the rest of the URL and says calmly what it ignored (:func:`notice_text`). A notice
names the parameter, never repeats the value: whatever was typed into an address stays out
of the page.

(Streamlit's own ``bind="query-params"`` puts the *formatted label* in the URL, which
changes with the language; hence this module.)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from gebrookerbos import i18n

MAX_TEXT = 64  # characters of one value: a code or an id (wijk, buurt, plot, initiative)
MAX_VALUES = 200  # values of one repeated parameter (a multiselect of codes)
# Dates a view can mean: wide enough for any availability window, far from date's limits
# (a widget adds years to its value; 9999-12-31 would overflow).
DATE_MIN, DATE_MAX = date(2000, 1, 1), date(2100, 12, 31)
INT_MIN, INT_MAX = 0, 1_000_000_000  # no parameter is negative
_INT = re.compile(r"[+-]?\d+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Kind(StrEnum):
    TEXT = "text"
    TEXTS = "texts"  # a list: repeated parameter (?owner=a&owner=b)
    INT = "int"
    DATE = "date"
    BOOL = "bool"


class Problem(StrEnum):
    """Why a parameter's value was not used."""

    TYPE = "type"  # not a number, date or true/false
    RANGE = "range"  # a number or date outside the range
    CLAMPED = "clamped"  # outside the range, the nearest bound is used
    CODE = "code"  # not one of the known codes
    LENGTH = "length"  # a value too long, or too many values
    REPEATED = "repeated"  # a parameter of one value given more than once
    EMPTY = "empty"  # ?name= with nothing after it


@dataclass(frozen=True)
class Param:
    """One piece of state in the URL: its name (= the widget key), kind and default.

    ``low``/``high``: the range of an INT or DATE (defaults :data:`INT_MIN`..:data:`INT_MAX`,
    :data:`DATE_MIN`..:data:`DATE_MAX`); ``clamp``: a value outside it becomes the nearest
    bound instead of the default. ``max_length``: characters of one TEXT value.
    ``normalise``: applied to a TEXT value before its code is checked (e.g. ``str.upper``).
    """

    name: str
    kind: Kind
    default: Any = None
    low: Any = None
    high: Any = None
    clamp: bool = False
    max_length: int = MAX_TEXT
    normalise: Callable[[str], str] | None = None

    def bounds(self) -> tuple[Any, Any]:
        if self.kind == Kind.DATE:
            return (self.low or DATE_MIN, self.high or DATE_MAX)
        return (INT_MIN if self.low is None else self.low,
                INT_MAX if self.high is None else self.high)


@dataclass(frozen=True)
class Notice:
    """A parameter of the URL that was not used as given (see :func:`notice_text`)."""

    name: str
    problem: Problem
    low: Any = None
    high: Any = None
    used: Any = None  # the value used instead (a clamped number)


@dataclass(frozen=True)
class Reading:
    """What :func:`read` made of a URL: the usable values and what was left out."""

    values: dict[str, Any] = field(default_factory=dict)
    notices: tuple[Notice, ...] = ()


class _Refused(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem)
        self.problem = problem


def _to_int(raw: str) -> int:
    if not _INT.fullmatch(raw):
        raise _Refused(Problem.TYPE)
    return int(raw)


def _to_date(raw: str) -> date:
    if not _DATE.fullmatch(raw):
        raise _Refused(Problem.TYPE)
    try:
        return date.fromisoformat(raw)
    except ValueError:  # 2027-02-31
        raise _Refused(Problem.TYPE) from None


def _to_bool(raw: str) -> bool:
    lowered = raw.lower()
    if lowered in ("true", "1", "yes", "ja"):
        return True
    if lowered in ("false", "0", "no", "nee"):
        return False
    raise _Refused(Problem.TYPE)


_PARSE: dict[Kind, Callable[[str], Any]] = {
    Kind.INT: _to_int,
    Kind.DATE: _to_date,
    Kind.BOOL: _to_bool,
}


def _values(raw: object) -> list[str]:
    """All values of one parameter, as text (a mapping may hold one value or a list)."""
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, Sequence):
        return [str(v) for v in raw if v is not None]
    return [str(raw)]


def _text(p: Param, raw: str, codes: Container[str] | None) -> str:
    if len(raw) > p.max_length:
        raise _Refused(Problem.LENGTH)
    value = p.normalise(raw) if p.normalise else raw
    if codes is not None and value not in codes:
        raise _Refused(Problem.CODE)
    return value


def _texts(p: Param, raw: list[str], codes: Container[str] | None,
           notices: list[Notice]) -> list[str]:
    if len(raw) > MAX_VALUES:
        raise _Refused(Problem.LENGTH)
    if raw == [""]:
        if p.default:  # the encoder's "none of them" (?hard=)
            return []
        raise _Refused(Problem.EMPTY)
    found: list[str] = []
    problems: list[Problem] = []
    for item in raw:
        if item == "":
            problems.append(Problem.EMPTY)
            continue
        try:
            value = _text(p, item, codes)
        except _Refused as refused:
            problems.append(refused.problem)
            continue
        if value not in found:  # a code twice means it once
            found.append(value)
    notices += [Notice(p.name, problem) for problem in dict.fromkeys(problems)]
    return found


def _single(p: Param, raw: list[str], codes: Container[str] | None) -> tuple[Any, Notice | None]:
    if len(raw) > 1:
        raise _Refused(Problem.REPEATED)
    text = raw[0].strip()
    if text == "":
        if p.default is not None and p.kind != Kind.BOOL:  # the encoder's "cleared"
            return None, None
        raise _Refused(Problem.EMPTY)
    if p.kind == Kind.TEXT:
        return _text(p, text, codes), None
    if len(text) > p.max_length:
        raise _Refused(Problem.LENGTH)
    value = _PARSE[p.kind](text)
    if p.kind == Kind.BOOL:
        return value, None
    low, high = p.bounds()
    if low <= value <= high:
        return value, None
    if p.clamp:
        used = min(max(value, low), high)
        return used, Notice(p.name, Problem.CLAMPED, low, high, used)
    raise _Refused(Problem.RANGE)


def read(query: Mapping[str, object], params: Sequence[Param],
         codes: Mapping[str, Container[str]] | None = None) -> Reading:
    """The usable values of ``params`` in the URL, and a notice for each one left out.

    ``query``: name -> its values (a list, or one value); names that are not in ``params``
    are ignored (Streamlit's own ``embed``, a tracker's ``utm_source``). ``codes``: for a
    TEXT or TEXTS parameter, the codes it may take (anything with ``in``); a list keeps its
    known codes and drops the others. A parameter that is absent, or whose value is left
    out, is not in ``values``: the page then uses its default.
    """
    codes = codes or {}
    values: dict[str, Any] = {}
    notices: list[Notice] = []
    for p in params:
        if p.name not in query:
            continue
        raw = _values(query[p.name])
        if not raw:
            continue
        try:
            if p.kind == Kind.TEXTS:
                values[p.name] = _texts(p, raw, codes.get(p.name), notices)
            else:
                values[p.name], notice = _single(p, raw, codes.get(p.name))
                if notice is not None:
                    notices.append(notice)
        except _Refused as refused:
            low, high = p.bounds() if refused.problem == Problem.RANGE else (None, None)
            notices.append(Notice(p.name, refused.problem, low, high))
    return Reading(values, tuple(notices))


def decode(query: Mapping[str, object], params: Sequence[Param]) -> dict[str, Any]:
    """The values found in the URL (``query``: name -> all its values); others are left out.

    Like :func:`read` without codes, and without the notices.
    """
    return read(query, params).values


def _shown(value: Any, lang: str) -> str:
    if isinstance(value, date):
        return i18n.format_date(value, lang)
    if isinstance(value, int):
        return i18n.format_number(value, lang)
    return str(value)


def notice_text(notice: Notice, lang: str) -> str:
    """One sentence for a notice, in ``lang``: the parameter's name and what was done."""
    fmt = {"name": notice.name}
    if notice.low is not None:
        fmt |= {"low": _shown(notice.low, lang), "high": _shown(notice.high, lang)}
    if notice.used is not None:
        fmt["used"] = _shown(notice.used, lang)
    return i18n.t(f"url.problem_{notice.problem.value}", lang, **fmt)


def _text_of(value: Any, kind: Kind) -> str:
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
            out[p.name] = [_text_of(value, p.kind)]
        elif value is None and p.default is not None:
            out[p.name] = [""]
    return out


def valid(value: Any, options: list[Any] | tuple[Any, ...], kind: Kind, default: Any) -> Any:
    """``value`` when it is one of the options (lists: only the valid items), else the default."""
    if kind == Kind.TEXTS:
        return [v for v in (value or []) if v in options]
    return value if value in options else default
