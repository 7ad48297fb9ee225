"""The Streamlit edge: the shared connection, caching, language and the page frame.

Pages import from here. Outside ``ui`` nothing in the package imports Streamlit
(``tests/test_architecture.py`` checks this).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import re
import runpy
import threading
import time
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlparse

import duckdb
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from gebrookerbos import config, db, i18n
from gebrookerbos.domain import auth, history, indicators, plot_filter, plots, programme
from gebrookerbos.maps import assets, layers
from gebrookerbos.maps.style import ColourBy
from gebrookerbos.present import plot_tables, url_state
from gebrookerbos.services import bootstrap

LANG_KEY = "lang"
LANG_PARAM = url_state.Param(LANG_KEY, url_state.Kind.TEXT, normalise=str.lower)


@st.cache_resource(show_spinner=False)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    """One connection per database file for the server process (created on first start)."""
    bootstrap.ensure_database(path)
    return db.connect(path)


def connection() -> duckdb.DuckDBPyConnection:
    """A cursor of its own for the caller, on the shared connection."""
    return _connection(str(config.db_path())).cursor()


def clear_data_cache() -> None:
    """Call after every write so that pages show the new data."""
    st.cache_data.clear()
    _label_points.clear()
    _filtered_plot_rows.clear()


def main_script() -> Path:
    """The script Streamlit runs (dashboard.py, wherever it lies): pages/ and static/ are beside it."""
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None:
        raise RuntimeError("gebrookerbos.ui runs inside Streamlit only (streamlit run dashboard.py)")
    return Path(ctx.main_script_path).resolve()


def static_dir() -> Path:
    """The folder Streamlit serves at /app/static: ``static/`` beside the main script.

    Streamlit serves nothing else (a symlink out of it is refused), so the Leaflet copy and
    the map layer files are written here, never into the installed package.
    """
    return main_script().parent / "static"


# Page runs that do their work at the same moment in this process; the others wait their
# turn (a waiting run holds no lock Python's other threads need). Fifty sessions opening at
# once then finish one after another, the first within a second, instead of all together
# after a minute, and the server keeps answering its health check meanwhile. A run waits
# RUN_WAIT_SECONDS at most (behind a long import, say), then goes ahead all the same.
RUNS_AT_ONCE = 2
RUN_WAIT_SECONDS = 30.0


@st.cache_resource(show_spinner=False)
def _run_slots(size: int) -> threading.BoundedSemaphore:
    return threading.BoundedSemaphore(size)


@contextlib.contextmanager
def run_slot():
    """Run the page's work in one of the process's :data:`RUNS_AT_ONCE` slots."""
    slots = _run_slots(RUNS_AT_ONCE)
    got = slots.acquire(timeout=RUN_WAIT_SECONDS)
    try:
        yield
    finally:
        if got:
            slots.release()


@st.cache_resource(show_spinner=False)
def _static_assets_ready(folder: str) -> bool:
    """Once per server: Leaflet in place, nothing but the app's assets in the folder, the
    layer files of past runs pruned."""
    assets.ensure_static_assets(Path(folder))
    assets.tidy_static_folder(Path(folder))
    layers.prune_cache(Path(folder))
    return True


def prepare_static_assets() -> None:
    _static_assets_ready(str(static_dir()))


def lang() -> str:
    """The user's language: ?lang= in the URL, else the sidebar choice, else Dutch."""
    if LANG_KEY not in st.session_state:
        found = url_state.read(url_query(), [LANG_PARAM], {LANG_KEY: i18n.LANGUAGES})
        st.session_state[LANG_KEY] = found.values.get(LANG_KEY) or i18n.DEFAULT_LANGUAGE
        report_url_notices(found.notices)
    return st.session_state[LANG_KEY]


# --- the address: its query parameters and what could not be used -------------------

_URL_NOTICES = "_url_notices"  # {"page": url path, "notices": [...]} of the opened address
_URL_NOTICES_NEW = "_url_notices_new"  # reported in this run, not yet given to a page


def url_query() -> dict[str, list[str]]:
    """The query parameters of the address, each with all its values (checked by
    :func:`gebrookerbos.present.url_state.read`, never used as they come)."""
    return {name: st.query_params.get_all(name) for name in st.query_params}


def report_url_notices(notices) -> None:
    """Remember what :func:`url_state.read` left out of the address, to say so on the page
    (:func:`url_notices`)."""
    if notices:
        st.session_state.setdefault(_URL_NOTICES_NEW, []).extend(notices)


def url_notices(area, page: str) -> None:
    """Say in ``area`` (a container at the top of the page) which values of the opened
    address were not used. The message stays while the page that was opened is shown
    (its reruns too), and goes when another page is opened. The public screen shows its
    own notices in its top bar."""
    new = st.session_state.pop(_URL_NOTICES_NEW, [])
    if new:
        st.session_state[_URL_NOTICES] = {"page": page, "notices": new}
    shown = st.session_state.get(_URL_NOTICES)
    if not shown:
        return
    if shown["page"] != page:
        del st.session_state[_URL_NOTICES]
        return
    if page == SCREEN_URL_PATH:
        return
    lines = dict.fromkeys(url_state.notice_text(n, lang()) for n in shown["notices"])
    with area:
        st.info(t("url.notice_intro") + "\n\n" + "\n".join(f"- {line}" for line in lines),
                icon=":material/link_off:")


def markdown_literal(text: str, limit: int = url_state.MAX_TEXT) -> str:
    """``text`` (at most ``limit`` characters) for Streamlit's markdown, shown as typed:
    no link, image, emphasis or HTML made of it."""
    text = str(text)[:limit]
    return re.sub(r"([\\`*_{}\[\]()<>#+\-.!|~:$&])", r"\\\1", text)


def option_label(item_id: str, name: str) -> str:
    """How every picker shows a plot or an initiative: its id, then its name ("INI-040 –
    Voedselbos"). Pickers hold the id; the label shows it too, since two initiatives can
    share a title and Streamlit tells a picker's options apart by their labels."""
    return f"{item_id} – {name}"


def t(key: str, **fmt: object) -> str:
    return i18n.t(key, lang(), **fmt)


def label(kind: str, code) -> str:
    return i18n.label(kind, code, lang())


def language_selector() -> None:
    lang()  # initialise from the URL
    st.selectbox(
        i18n.t("app.language", lang()),
        options=list(i18n.LANGUAGES),
        format_func=lambda c: {"nl": "Nederlands", "en": "English"}[c],
        key=LANG_KEY,
    )


@st.cache_data(ttl=60, show_spinner=False)
def _is_demo(path: str) -> bool:
    return bootstrap.is_demo_dataset(_connection(path).cursor())


def is_demo() -> bool:
    return _is_demo(str(config.db_path()))


def demo_banner() -> None:
    """The visible label on fictional data."""
    if is_demo():
        st.info(t("app.demo_data"), icon=":material/science:")


@cache
def _package_text(name: str) -> str:
    return resources.files("gebrookerbos.ui").joinpath(name).read_text(encoding="utf-8")


def page_head(page_title: str) -> None:
    """What every page sets before it draws: the accessibility stylesheet (``a11y.css``),
    the page's language on ``<html lang>`` (Streamlit's own page says "en") and the
    browser title, "<page> · Gebrookerbos dashboard", so that a screen reader speaks the
    page in its language and a tab or bookmark says which page it is."""
    st.set_page_config(page_title=f"{page_title} · {t('app.title')}")
    # One element in the sidebar (where its empty line does not show; the public screen
    # hides the sidebar, the style applies all the same). The script sets the attribute
    # only, from the language code, on every run: after a language change too. The app's
    # own scripts carry a data-gebrookerbos name: a bare <script> is never the app's.
    # The last script lets Tab leave a table (``table_tab.js``).
    st.sidebar.html(
        '<script data-gebrookerbos="page-language">'
        f"document.documentElement.lang = {json.dumps(lang())};</script>"
        f"<style>{_package_text('a11y.css')}</style>"  # (a leading <style> would be dropped)
        f'<script data-gebrookerbos="table-tab">{_package_text("table_tab.js")}</script>',
        unsafe_allow_javascript=True)


def accessibility_statement() -> str:
    """The accessibility statement (Markdown, our own text) in the user's language."""
    return resources.files("gebrookerbos.ui").joinpath(
        "statement", f"{lang()}.md").read_text(encoding="utf-8")


def footer() -> None:
    st.divider()
    if is_demo():
        st.caption(t("app.demo_data"))
    st.caption(t("app.attribution"))
    if not is_screen_url():  # (nobody follows a link on a wall screen)
        st.page_link("pages/toegankelijkheid.py", label=t("nav.accessibility"),
                     icon=":material/accessibility_new:")


# --- cached data (keyed by the database file; cleared after writes) ------------------


def _path() -> str:
    return str(config.db_path())


@st.cache_data(ttl=60, max_entries=64, show_spinner=False)
def _filtered_plots(path: str, flt: plot_filter.PlotFilter):
    return plot_filter.filtered_plots(_connection(path).cursor(), flt)


def filtered_plots(flt: plot_filter.PlotFilter):
    """The plots matching the filter, with their ``geojson`` (for maps drawn inline)."""
    return _filtered_plots(_path(), flt)


@st.cache_data(ttl=60, show_spinner=False)
def _reference(path: str, what: str):
    cur = _connection(path).cursor()
    if what == "wijken":
        return plots.wijken(cur)
    if what == "buurten":
        return plots.buurten(cur)
    if what == "wijk_boundaries":
        return plots.boundaries(cur, "wijk")
    if what == "buurt_boundaries":
        return plots.boundaries(cur, "buurt")
    if what == "bounds":
        return plots.municipality_bounds(cur)
    if what == "area_range":
        return plots.area_range(cur)
    if what == "plot_count":
        return plots.plot_count(cur)
    raise ValueError(what)


def reference(what: str):
    """Slow-changing data: wijken, buurten, boundaries, bounds, area_range, plot_count."""
    return _reference(_path(), what)


def plot_details(plot_id: str) -> None:
    """The details of one plot and its initiatives (public fields; staff also see the notes)."""
    cur = connection()
    plot = plots.plot_detail(cur, plot_id, actor=actor())
    if plot is None:
        return
    lg = lang()
    with st.container(border=True):
        st.subheader(plot["name"])
        st.caption(f"{plot['plot_id']} · {plot['buurt_name'] or ''} · {plot['wijk_name'] or ''}")
        if plot["location_description"]:
            st.write(plot["location_description"])
        rows = {
            t("plot.area"): i18n.format_area(plot["area_m2"]),
            t("plot.availability"): label("availability", plot["availability"]),
            t("plot.owner_type"): label("owner_type", plot["owner_type"]),
            t("plot.zoning"): plot["zoning"] or "–",
            t("plot.soil"): label("soil", plot["soil"]),
            t("plot.facilities"): plot_tables.facilities_text(plot, lg),
            t("plot.available_from"): i18n.format_date(plot["available_from"], lg),
            t("plot.available_until"): i18n.format_date(plot["available_until"], lg),
        }
        st.markdown("\n".join(f"- **{k}:** {v}" for k, v in rows.items()))
        if plot.get("notes"):  # staff only: the public query has no notes
            st.caption(f"{t('plot.notes')}: {plot['notes']}")
        st.markdown(f"**{t('plot.initiatives')}**")
        inits = plots.initiatives_on_plot(cur, plot_id)
        if inits.empty:
            st.write(t("plot.no_initiatives"))
        for row in inits.to_dict("records"):
            st.markdown(
                f"**{row['title']}** · {label('stage', row['stage'])} · "
                f"{label('theme', row['theme'])}"
            )
            st.progress(int(row["progress"]) / 100, text=f"{t('initiative.progress')}: "
                        f"{int(row['progress'])}%")
            if row["public_summary"]:
                st.write(row["public_summary"])
            if row["agreement_end"] is not None and row["agreement_end"] == row["agreement_end"]:
                st.caption(f"{t('initiative.agreement_end')} "
                           f"{i18n.format_date(row['agreement_end'], lg)}")


# --- who is looking (login: login.login_box; roles: auth) --------------------------------

USER_KEY = "user"  # session_state: {"username", "role", "generation", "login_at", "last_seen"}
EXPIRED_KEY = "session_expired"  # set when a login timed out, to say so once
BLOCKED_KEY = "session_blocked"  # set when the account was blocked or removed meanwhile
ENDED_KEY = "session_ended"  # set when the account's password or rights changed meanwhile
ROLE_CHANGED_KEY = "role_changed"  # the new role, when it was changed meanwhile


def current_user() -> dict | None:
    """The logged-in user of this browser session, or None for the public.

    A login expires after $GEBROOKERBOS_SESSION_MINUTES (default 30) idle minutes: every
    rerun (every interaction) that finds the user counts as activity. The account is
    re-read from the database on every run: a blocked or removed account is logged out at
    its next click, and so is a session whose account got a new password, was blocked
    meanwhile or lost rights (its session generation changed); a role with more rights
    applies at once. Each is said once in the sidebar.
    """
    user = st.session_state.get(USER_KEY)
    if user is None:
        return None
    now = time.time()
    last_seen = user.get("last_seen")
    if last_seen is not None and now - float(last_seen) > auth.session_minutes() * 60:
        del st.session_state[USER_KEY]
        st.session_state[EXPIRED_KEY] = True
        return None
    if not isinstance(user.get("generation"), int):  # not a login made by login()
        del st.session_state[USER_KEY]
        st.session_state[ENDED_KEY] = True
        return None
    try:
        known = auth.current(connection(), _session_actor(user))
    except auth.PermissionDenied as exc:
        del st.session_state[USER_KEY]
        ended = exc.key == "auth.denied.session_ended"
        st.session_state[ENDED_KEY if ended else BLOCKED_KEY] = True
        return None
    except db.DatabaseLockedError:
        known = None  # the frame says the database is busy; nothing can be written anyway
    if known is not None and str(known.role) != user["role"]:
        user["role"] = str(known.role)
        st.session_state[ROLE_CHANGED_KEY] = user["role"]
    user["last_seen"] = now
    return user


def _session_actor(user: dict) -> auth.Actor:
    return auth.Actor(user["username"], user["role"], generation=user["generation"])


def actor() -> auth.Actor:
    """Who acts in this session, for the service functions (which check the right, and
    refuse a session that has ended meanwhile)."""
    user = current_user()
    if user is None:
        return auth.PUBLIC
    return _session_actor(user)


def client_address() -> str | None:
    """The network address this browser session connects from (None when unknown, e.g.
    on localhost); login attempts are counted per address."""
    try:
        return st.context.ip_address
    except Exception:  # no websocket connection (a test run): one unknown client
        return None


def login(username: str, role: str, generation: int) -> None:
    """Start a login for this browser session (``generation``: the account's session
    generation now; the session ends when it changes)."""
    now = time.time()
    st.session_state[USER_KEY] = {"username": username, "role": str(role),
                                  "generation": int(generation), "login_at": now,
                                  "last_seen": now}
    st.session_state.pop(EXPIRED_KEY, None)
    st.session_state.pop(BLOCKED_KEY, None)
    st.session_state.pop(ENDED_KEY, None)


def keep_session(generation: int) -> None:
    """This session changed its own account's password: it stays logged in with the new
    generation (the account's other sessions end)."""
    user = st.session_state.get(USER_KEY)
    if user is not None:
        user["generation"] = int(generation)


def logout() -> None:
    st.session_state.pop(USER_KEY, None)


def current_role() -> str | None:
    user = current_user()
    return None if user is None else str(user["role"])


def can_see_personal_data() -> bool:
    """Initiators' personal data: brooker and beheerder only (see auth), never the public."""
    return auth.can_see_personal_data(current_role())


def can_edit() -> bool:
    return auth.can_edit(current_role())



def database_ready() -> bool:
    """Open the database; while another process (a long CLI import) holds it, say so.

    Nothing is cached on failure (st.cache_resource keeps no exceptions), so the next
    rerun, e.g. the retry button, connects as soon as the file is free.
    """
    try:
        _connection(_path())
    except db.DatabaseLockedError:
        st.warning(t("app.db_busy"), icon=":material/hourglass_top:")
        st.button(t("app.db_retry"), key="db_retry")
        return False
    except db.postgres.PostgresError as exc:  # (names the server: for the log, not the page)
        logging.getLogger(__name__).error("%s", exc)
        st.error(t("app.db_unreachable"), icon=":material/cloud_off:")
        st.button(t("app.db_retry"), key="db_retry")
        return False
    follow_changes()
    return True


@st.cache_resource(show_spinner=False)
def _last_seen_data(path: str) -> dict[str, object]:
    return {}


def follow_changes() -> None:
    """Clear the process's caches when the data changed since its last run looked: a write
    by another session clears them at once, but a write by another dashboard process or a
    command on a shared PostgreSQL store is only seen here, at the next rerun of any page."""
    path = _path()
    version = db.fetch_one(connection(), "data_version")
    seen = _last_seen_data(path)
    if seen.get("version") != version:
        if "version" in seen:
            clear_data_cache()
        seen["version"] = version


# --- neighbourhood indicators (page Wijken) ---------------------------------------


@st.cache_data(ttl=60, max_entries=16, show_spinner=False)
def _neighbourhood_indicators(path: str, year: int | None):
    return indicators.neighbourhood_indicators(_connection(path).cursor(), year)


def neighbourhood_indicators(year: int | None = None):
    """All areas with all indicators (CBS figures of ``year``; None = latest per area)."""
    return _neighbourhood_indicators(_path(), year)


@st.cache_data(ttl=60, show_spinner=False)
def _neighbourhood_trends(path: str):
    return indicators.neighbourhood_trends(_connection(path).cursor())


def neighbourhood_trends():
    """The CBS indicators of every area for every year (for charts over time)."""
    return _neighbourhood_trends(_path())


@st.cache_data(ttl=600, show_spinner=False)
def _neighbourhood_years(path: str, level: str) -> list[int]:
    return indicators.years_with_figures(_connection(path).cursor(), level)


def neighbourhood_years(level: str) -> list[int]:
    """Years with CBS figures for buurten or wijken, newest first."""
    return _neighbourhood_years(_path(), level)


# --- initiatives over time (history, programme charts) ----------------------------


@st.cache_data(ttl=60, max_entries=64, show_spinner=False)
def _plot_state_at(path: str, on_date: date):
    return history.plot_state_at(_connection(path).cursor(), on_date)


def plot_state_at(on_date: date):
    """Every plot's availability and initiative stage at the end of ``on_date``."""
    return _plot_state_at(_path(), on_date)


@st.cache_data(ttl=60, show_spinner=False)
def _plots_without_history(path: str) -> int:
    return history.plots_without_history(_connection(path).cursor())


def plots_without_history() -> int:
    """How many plots have no plot events (not shown on the map at past dates)."""
    return _plots_without_history(_path())


@st.cache_data(ttl=60, max_entries=16, show_spinner=False)
def _programme_chart_data(path: str, which: str, today: date):
    return programme.chart_data(_connection(path).cursor(), which, today)


def programme_chart_data(which: str, today: date):
    """The data of one programme chart (stages, land, per_year) up to ``today``."""
    return _programme_chart_data(_path(), which, today)


# --- public screen (page Scherm) --------------------------------------------------

SCREEN_URL_PATH = "scherm"


def is_screen_url() -> bool:
    """True when the browser shows the public screen (/scherm): no navigation there."""
    try:
        url = st.context.url or ""
    except Exception:  # no browser context (e.g. bare script run)
        return False
    return urlparse(url).path.rstrip("/").endswith("/" + SCREEN_URL_PATH)


MAP_DATE = "map_date"  # the map's date slider
_MAP_PLAY_DATE = "map_play_date"  # the date shown while playing (not a widget)
_MAP_DATE_NEXT = "map_date_next"  # the date the slider shows on the next run
_MAP_PLAYING = "map_playing"
_MAP_TICK_ARMED = "map_tick_armed"


def _toggle_play() -> None:
    if st.session_state.get(_MAP_PLAYING, False):
        st.session_state[_MAP_PLAYING] = False
        st.session_state[_MAP_DATE_NEXT] = st.session_state.get(_MAP_PLAY_DATE, today())
        return
    current = st.session_state.get(MAP_DATE, today())
    st.session_state[_MAP_PLAYING] = True
    # from today (or the last year) it starts over in 2014, else from the chosen date
    st.session_state[_MAP_PLAY_DATE] = history.HISTORY_START if current >= today() else current


def _to_today() -> None:
    st.session_state[_MAP_PLAYING] = False
    st.session_state[_MAP_DATE_NEXT] = today()


def today() -> date:
    """Today's date (the last date of the map's date slider)."""
    return date.today()


def map_date_control() -> date:
    """The map's date: a slider from 2014 to today (default today = the current state),
    a play button that steps through the years (1 January of each, once per second) and a
    button back to today. Returns the chosen date.

    While playing, the date comes from the play position in the session, not from the
    slider (the browser may still send the slider's old value), and the slider follows it.
    """
    now = today()
    playing = st.session_state.get(_MAP_PLAYING, False)
    if playing:
        st.session_state[MAP_DATE] = min(st.session_state.get(_MAP_PLAY_DATE, now), now)
    elif _MAP_DATE_NEXT in st.session_state:
        st.session_state[MAP_DATE] = st.session_state.pop(_MAP_DATE_NEXT)
    if st.session_state.get(MAP_DATE, now) > now:  # new session, or open past midnight
        st.session_state[MAP_DATE] = now
    st.session_state.setdefault(MAP_DATE, now)
    slider_col, play_col, today_col = st.columns([6, 1, 1], vertical_alignment="bottom")
    day = slider_col.slider(
        t("map.date"), min_value=history.HISTORY_START, max_value=now,
        format="DD-MM-YYYY", key=MAP_DATE, help=t("map.date_help"),
    )
    play_col.button(
        t("map.pause") if playing else t("map.play"), key="map_play", on_click=_toggle_play,
        icon=":material/pause:" if playing else ":material/play_arrow:", width="stretch",
    )
    today_col.button(t("map.to_today"), key="map_today", on_click=_to_today,
                     disabled=day >= now and not playing, width="stretch")
    if playing:
        day = st.session_state[MAP_DATE]
        st.session_state[_MAP_TICK_ARMED] = False

        @st.fragment(run_every=1.0)
        def _tick() -> None:
            # The full run calls this once (arming it); each timer run moves on a year.
            if not st.session_state.get(_MAP_TICK_ARMED):
                st.session_state[_MAP_TICK_ARMED] = True
                return
            current = st.session_state.get(_MAP_PLAY_DATE, now)
            if current >= now:
                st.session_state[_MAP_PLAYING] = False
                st.session_state[_MAP_DATE_NEXT] = now
            else:
                st.session_state[_MAP_PLAY_DATE] = history.next_play_date(current, now)
            st.rerun(scope="app")

        _tick()
    return day


# --- the map at scale: rows without geometry, the plot layer as a file ------------


# Shared by all sessions, not copied per call (a million rows are ~400 MB; a copy per rerun
# would cost seconds); safe to share as pandas copies on write. Every write clears it.
@st.cache_resource(ttl=60, max_entries=8, show_spinner=False)
def _filtered_plot_rows(path: str, flt: plot_filter.PlotFilter):
    return plot_filter.filtered_plots(_connection(path).cursor(), flt, geometry=False)


def filtered_plot_rows(flt: plot_filter.PlotFilter):
    """Like :func:`filtered_plots` without the ``geojson`` column: fast at 100,000 plots."""
    return _filtered_plot_rows(_path(), flt)


def map_plots(flt: plot_filter.PlotFilter, day: date):
    """The map's plots (rows without geometry) for the filter at ``day``: today the current
    state; at a past date the plots as they were then (from the history), with the
    availability, stage and theme filters applied to that state."""
    if day >= today():
        return filtered_plot_rows(flt)
    rows = filtered_plot_rows(dataclasses.replace(flt, availabilities=(), stages=(), themes=()))
    return history.apply_state(rows, plot_state_at(day), tuple(flt.availabilities),
                               tuple(flt.stages), tuple(flt.themes))


# Shared, not copied per call (a million rows): read only. Every write clears it.
@st.cache_resource(ttl=600, max_entries=2, show_spinner=False)
def _label_points(path: str):
    return layers.label_points(_connection(path).cursor())


def plot_bounds(plot_ids, fallback=None) -> tuple[float, float, float, float]:
    """The WGS84 box around these plots (the municipality when there are none)."""
    return layers.bounds_of(_label_points(_path()), plot_ids, fallback or reference("bounds"))


@st.cache_data(ttl=60, max_entries=32, show_spinner=False)
def _plot_layer(path: str, shown, colour_by: str, lang_code: str, view, folder: str,
                emphasis: layers.Emphasis, picture_above: int | None):
    cur = _connection(path).cursor()
    labels = _label_points(path)
    return layers.plot_layer(cur, shown, ColourBy(colour_by), lang_code, view, labels=labels,
                             emphasis=emphasis, picture_above=picture_above,
                             static_dir=Path(folder))


def plot_layer(shown, colour_by, view, emphasis: layers.Emphasis = layers.NO_EMPHASIS,
               picture_above: int | None = None):
    """A map's plot layer for these rows and this view (a file under static/)."""
    shown = shown[list(layers.LAYER_COLUMNS)]  # what the layer uses: less to hash
    budget = st.session_state.setdefault("_gb_view_budget", layers.ViewBudget())
    if view is not None and not budget.allows(view):
        view = None  # this session has had its share of views drawn: the overview layer
    folder = static_dir()
    args = (_path(), shown, str(colour_by), lang(), view, str(folder), emphasis, picture_above)
    layer = _plot_layer(*args)
    if not layers.layer_path(layer.url, folder).exists():  # pruned meanwhile: write it again
        _plot_layer.clear()
        layer = _plot_layer(*args)
    return layer


def pick_plot(shown, lon: float, lat: float, zoom: float) -> str | None:
    """The shown plot under a click on the picture of dots (None: no plot there)."""
    path = _path()
    xs, ys = layers.points_of(_connection(path).cursor(), shown, _label_points(path))
    found = layers.pick(xs, ys, lon, lat, zoom)
    return None if found < 0 else str(shown["plot_id"].iloc[found])


@st.cache_data(ttl=60, max_entries=64, show_spinner=False)
def _plot_outline(path: str, plot_id: str):
    return layers.plot_outline(_connection(path).cursor(), plot_id)


def plot_outline(plot_id: str | None):
    """The selected plot's outline and dot for the map (None: nothing selected)."""
    return None if plot_id is None else _plot_outline(_path(), plot_id)


def run_through_entrypoint() -> None:
    """Make sure the page runs inside dashboard.py (its frame: footer, assets, navigation).

    While a ``pages/`` folder sits beside the entry script, Streamlit starts in its old
    multipage mode and runs a page file alone when a fresh server's first request is a
    page URL (a wall screen opening /scherm, a shared /kavels?... link), and AppTest does
    so on every rerun of a switched-to page. Then leave that mode and run the page inside
    dashboard.py in this same run (no st.rerun: that would drop a button click or form
    submit of this run), and stop the bare run.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        runpy.run_path(str(main_script()), run_name="__main__")
        st.stop()
