"""Gebrookerbos dashboard: the router and the frame (page config, navigation, sidebar, footer)."""

from __future__ import annotations

import streamlit as st

from gebrookerbos import ui
from gebrookerbos.ui import login_box

st.set_page_config(
    page_title="Gebrookerbos dashboard",
    page_icon="🌳",
    layout="wide",
    initial_sidebar_state="auto",  # open on a desktop, closed on a narrow screen (reflow)
)
ui.prepare_static_assets()

pages = [
    st.Page("pages/kaart.py", title=ui.t("nav.map"), icon=":material/map:", url_path="kaart",
            default=True),
    st.Page("pages/kavels.py", title=ui.t("nav.plots"), icon=":material/search:",
            url_path="kavels"),
    st.Page("pages/initiatieven.py", title=ui.t("nav.initiatives"), icon=":material/timeline:",
            url_path="initiatieven"),
    st.Page("pages/wijken.py", title=ui.t("nav.neighbourhoods"), icon=":material/bar_chart:",
            url_path="wijken"),
    st.Page("pages/scherm.py", title=ui.t("nav.screen"), icon=":material/tv:", url_path="scherm"),
    st.Page("pages/beheer.py", title=ui.t("nav.admin"), icon=":material/admin_panel_settings:",
            url_path="beheer"),
    st.Page("pages/toegankelijkheid.py", title=ui.t("nav.accessibility"),
            icon=":material/accessibility_new:", url_path="toegankelijkheid"),
]
# The public screen (/scherm) runs full screen: no navigation menu there.
pg = st.navigation(pages, position="hidden" if ui.is_screen_url() else "sidebar")
ui.page_head(pg.title)

with st.sidebar:
    st.markdown(f"**{ui.t('app.title')}**  \n{ui.t('app.subtitle')}")
    ui.language_selector()
    login_box.login_box()

if ui.database_ready():  # a CLI import may hold the file: say so, retry later
    url_notices = st.container()  # what the opened address held that could not be used
    with ui.run_slot():  # (a few runs at a time: see ui.RUNS_AT_ONCE)
        pg.run()
    ui.url_notices(url_notices, pg.url_path)
    ui.footer()
