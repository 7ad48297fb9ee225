"""Gebrookerbos dashboard: the router and the frame (page config, navigation, sidebar, footer)."""

from __future__ import annotations

import streamlit as st

from gebrookerbos import ui

st.set_page_config(
    page_title="Gebrookerbos dashboard",
    page_icon="🌳",
    layout="wide",
    initial_sidebar_state="expanded",
)
ui.prepare_static_assets()

pages = [
    st.Page("pages/kaart.py", title=ui.t("nav.map"), icon=":material/map:", url_path="kaart",
            default=True),
]
pg = st.navigation(pages)

with st.sidebar:
    st.markdown(f"**{ui.t('app.title')}**  \n{ui.t('app.subtitle')}")
    ui.language_selector()

pg.run()
ui.footer()
