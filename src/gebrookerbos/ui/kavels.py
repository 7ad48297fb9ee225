"""Streamlit edge for the Kavels page (a UI-helper module): its state in session and URL,
cached data, and what its views share.

Every filter, the matching needs, the view and the selected plot live in the URL (the
widget key is the query parameter; values are codes, see ``url_state``): the address bar
always holds the view, and opening it in a fresh browser restores it.

Only public data is cached here; the pipeline (personal data) is read uncached. The plots
themselves come from ``ui.filtered_plots`` (the one filter of the map and the search).
The views: :mod:`~gebrookerbos.ui.kavels_search` (search and match, with
:mod:`~gebrookerbos.ui.reserve`) and :mod:`~gebrookerbos.ui.pipeline_board`.
"""

from __future__ import annotations

from collections.abc import Container

import pandas as pd
import streamlit as st

from gebrookerbos import config, db, ui
from gebrookerbos.domain import Availability, OwnerType, Soil, Theme, matching, plot_filter, plots
from gebrookerbos.present import url_state
from gebrookerbos.present.url_state import Kind, Param

VIEWS = ("search", "pipeline")
FACILITIES = ("water", "electricity", "car_access")
AREA_MAX = 100_000_000  # m2: far above any plot (all of Heerlen is 45 km2)
MONTHS_MAX = 600  # the longest window or duration a broker can enter: 50 years
ENDING_MONTHS = (1, 120)  # the pipeline's "agreements ending within N months"
PARAMS = [
    Param("view", Kind.TEXT, "search"),
    Param("wijk", Kind.TEXT), Param("buurt", Kind.TEXT),
    Param("area_min", Kind.INT, high=AREA_MAX), Param("area_max", Kind.INT, high=AREA_MAX),
    Param("owner", Kind.TEXTS, []), Param("zoning", Kind.TEXTS, []),
    Param("soil", Kind.TEXTS, []), Param("facility", Kind.TEXTS, []),
    Param("availability", Kind.TEXTS, []),
    Param("free_from", Kind.DATE), Param("months", Kind.INT, high=MONTHS_MAX),
    Param("match", Kind.BOOL, False), Param("initiative", Kind.TEXT),
    Param("need_area_min", Kind.INT, high=AREA_MAX),
    Param("need_area_max", Kind.INT, high=AREA_MAX),
    Param("need_wijken", Kind.TEXTS, []), Param("need_facility", Kind.TEXTS, []),
    Param("need_clean_soil", Kind.BOOL, False), Param("need_start", Kind.DATE),
    Param("need_months", Kind.INT, high=MONTHS_MAX), Param("need_theme", Kind.TEXT),
    Param("hard", Kind.TEXTS, [n.value for n in matching.DEFAULT_HARD]),
    Param("plot", Kind.TEXT),
    Param("sort", Kind.TEXT, "default"), Param("desc", Kind.BOOL, False),
    Param("pipeline_wijk", Kind.TEXT),
    Param("ending_months", Kind.INT, 12, low=ENDING_MONTHS[0], high=ENDING_MONTHS[1]),
]
# Kept in the session but not in the URL: an account manager's name is personal data.
SESSION_ONLY = {"manager": None}
STATE_KEYS = [p.name for p in PARAMS] + list(SESSION_ONLY)  # what the page remembers


def _cursor(path: str):
    return ui._connection(path).cursor()


@st.cache_data(ttl=60, show_spinner=False)
def _initiatives_with_needs(path: str) -> pd.DataFrame:
    return db.fetch_df(_cursor(path), "initiatives_with_needs")


def initiatives_with_needs() -> pd.DataFrame:
    """Non-stopped initiatives with their stored needs (public columns)."""
    return _initiatives_with_needs(str(config.db_path()))


@st.cache_data(ttl=60, show_spinner=False)
def _zonings(path: str) -> list[str]:
    return plot_filter.zoning_values(_cursor(path))


def zonings() -> list[str]:
    return _zonings(str(config.db_path()))


def area_names() -> dict[str, str]:
    """The names of the wijken and buurten, by CBS code."""
    wijken, buurten = ui.reference("wijken"), ui.reference("buurten")
    return (dict(zip(wijken["code"], wijken["name"], strict=True))
            | dict(zip(buurten["code"], buurten["name"], strict=True)))


class _KnownPlots:
    """``plot_id in known``: one lookup in the database (a plot from a shared address)."""

    def __contains__(self, plot_id: object) -> bool:
        return plots.plot_detail(ui.connection(), str(plot_id)) is not None


def url_codes() -> dict[str, Container[str]]:
    """The codes each parameter of the page may take (checked when an address is opened)."""
    wijken, buurten = set(ui.reference("wijken")["code"]), set(ui.reference("buurten")["code"])
    return {
        "view": VIEWS, "wijk": wijken, "buurt": buurten, "pipeline_wijk": wijken,
        "owner": {o.value for o in OwnerType}, "zoning": set(zonings()),
        "soil": {x.value for x in Soil}, "facility": FACILITIES,
        "availability": {a.value for a in Availability},
        "initiative": set(initiatives_with_needs()["initiative_id"]),
        "need_wijken": wijken | buurten, "need_facility": FACILITIES,
        "need_theme": {th.value for th in Theme}, "hard": {n.value for n in matching.Need},
        "plot": _KnownPlots(), "sort": ("default", *plot_filter.SORT_COLUMNS),
    }


def area_name(code: str | None) -> str:
    """A wijk's or buurt's name for a select box; None is "all"."""
    if code is None:
        return ui.t("filter.all")
    return area_names().get(code) or code


# --- the page's state in session and URL -----------------------------------------------

_SHADOW = "_kavels_state"  # last known value of every key, also while a widget is hidden


def restore_state(params: list[url_state.Param], extra_defaults: dict | None = None) -> bool:
    """Give every widget key its value before the widgets are drawn.

    On the first run of the page in a session the values come from the URL, checked by
    :func:`url_state.read` (what it leaves out is said on the page, and the default is
    used); later, a widget that was hidden (another view, another page) gets back its last
    value. Returns True on the first run.
    """
    first = _SHADOW not in st.session_state
    if first:
        found = url_state.read(ui.url_query(), params, url_codes())
        ui.report_url_notices(found.notices)
        st.session_state[_SHADOW] = found.values
    shadow = st.session_state[_SHADOW]
    defaults = {p.name: p.default for p in params} | (extra_defaults or {})
    for key, default in defaults.items():
        if key not in st.session_state:
            value = shadow.get(key, default)
            st.session_state[key] = list(value) if isinstance(value, list) else value
    return first


def keep_valid(key: str, options, kind: url_state.Kind, default=None) -> None:
    """Reset a widget's value that is not among its options (call before drawing it)."""
    if key in st.session_state:
        st.session_state[key] = url_state.valid(st.session_state[key], list(options), kind,
                                                default)


def save_state(params: list[url_state.Param], keys: list[str]) -> None:
    """Remember the widgets' values and write them to the URL (other parameters stay)."""
    shadow = st.session_state.setdefault(_SHADOW, {})
    for key in keys:
        if key in st.session_state:
            shadow[key] = st.session_state[key]
    wanted = url_state.encode(shadow, params)
    for p in params:
        current = st.query_params.get_all(p.name) if p.name in st.query_params else None
        target = wanted.get(p.name)
        if target is None and current is not None:
            del st.query_params[p.name]
        elif target is not None and current != target:
            st.query_params[p.name] = target if len(target) > 1 else target[0]
