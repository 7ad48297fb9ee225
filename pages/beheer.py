"""Beheer: editing plots and initiatives, importing plots, accounts, backups (by role)."""

from __future__ import annotations

import streamlit as st

from gebrookerbos import ui
from gebrookerbos.ui import admin

ui.run_through_entrypoint()  # a direct link on a fresh server: run inside dashboard.py

st.title(ui.t("admin.title"))
user = ui.current_user()
if user is None:
    st.info(ui.t("admin.login_first"), icon=":material/lock:")
else:
    ui.demo_banner()
    if not ui.can_edit():
        st.info(ui.t("admin.view_only"), icon=":material/visibility:")
    admin.render_sections(user["role"])
