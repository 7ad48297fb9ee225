"""The Streamlit edge: the shared connection, caching, language and the page frame.

Pages import from here; nothing else in the package imports Streamlit.
"""

from __future__ import annotations

import duckdb
import streamlit as st

from gebrookerbos import assets, bootstrap, config, db, i18n, plots

LANG_KEY = "lang"


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


@st.cache_resource(show_spinner=False)
def _static_assets_ready() -> bool:
    assets.ensure_static_assets()
    return True


def prepare_static_assets() -> None:
    _static_assets_ready()


def lang() -> str:
    """The user's language: ?lang= in the URL, else the sidebar choice, else Dutch."""
    if LANG_KEY not in st.session_state:
        requested = st.query_params.get(LANG_KEY)
        st.session_state[LANG_KEY] = (
            requested if requested in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE
        )
    return st.session_state[LANG_KEY]


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


def footer() -> None:
    st.divider()
    if is_demo():
        st.caption(t("app.demo_data"))
    st.caption(t("app.attribution"))


# --- cached data (keyed by the database file; cleared after writes) ------------------


def _path() -> str:
    return str(config.db_path())


@st.cache_data(ttl=60, max_entries=64, show_spinner=False)
def _filtered_plots(path: str, flt: plots.PlotFilter):
    return plots.filtered_plots(_connection(path).cursor(), flt)


def filtered_plots(flt: plots.PlotFilter):
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
    """The details of one plot and its initiatives (public fields only)."""
    from gebrookerbos import map_view

    cur = connection()
    plot = plots.plot_detail(cur, plot_id)
    if plot is None:
        return
    lg = lang()
    with st.container(border=True):
        st.subheader(plot["name"])
        st.caption(f"{plot['plot_id']} · {plot['buurt_name'] or ''} · {plot['wijk_name'] or ''}")
        if plot["location_description"]:
            st.write(plot["location_description"])
        facilities = [
            t(f"plot.{f}") for f in ("has_water", "has_electricity", "has_car_access") if plot[f]
        ]
        rows = {
            t("plot.area"): map_view.format_area(plot["area_m2"]),
            t("plot.availability"): label("availability", plot["availability"]),
            t("plot.owner_type"): label("owner_type", plot["owner_type"]),
            t("plot.zoning"): plot["zoning"] or "–",
            t("plot.soil"): label("soil", plot["soil"]),
            t("plot.facilities"): ", ".join(facilities) or t("plot.none"),
            t("plot.available_from"): map_view.format_date(plot["available_from"], lg),
            t("plot.available_until"): map_view.format_date(plot["available_until"], lg),
        }
        st.markdown("\n".join(f"- **{k}:** {v}" for k, v in rows.items()))
        if plot["notes"]:
            st.caption(plot["notes"])
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
                           f"{map_view.format_date(row['agreement_end'], lg)}")


# --- who is looking (login itself: see the Beheer/login issue) -----------------------------

USER_KEY = "user"  # session_state: {"username": str, "role": Role} once logged in


def current_user() -> dict | None:
    """The logged-in user of this browser session, or None for the public."""
    return st.session_state.get(USER_KEY)


def current_role() -> str | None:
    user = current_user()
    return None if user is None else str(user["role"])


def can_see_personal_data() -> bool:
    """Personal data of initiators is for logged-in roles only, never for the public."""
    return current_user() is not None


def can_edit() -> bool:
    return current_role() in ("brooker", "beheerder")


def is_admin() -> bool:
    return current_role() == "beheerder"
