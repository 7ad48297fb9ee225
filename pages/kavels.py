"""Kavels: the broker's workspace - find, match, reserve and export plots; the pipeline.

Every filter, the matching needs, the view and the selected plot live in the URL (see
``ui.kavels``): opening an address in a fresh browser restores the view.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from gebrookerbos import ui
from gebrookerbos.present.url_state import Kind
from gebrookerbos.ui import kavels, kavels_search, pipeline_board

ui.run_through_entrypoint()  # a direct link on a fresh server: run inside dashboard.py

today = date.today()
first_run = kavels.restore_state(kavels.PARAMS, kavels.SESSION_ONLY)

st.title(ui.t("kavels.title"))
st.caption(ui.t("kavels.intro"))
ui.demo_banner()

kavels.keep_valid("view", list(kavels.VIEWS), Kind.TEXT, "search")
view = st.radio(
    ui.t("kavels.view"), list(kavels.VIEWS), key="view", horizontal=True,
    format_func=lambda v: ui.t(f"kavels.view_{v}"),
)
if view == "pipeline":
    pipeline_board.show_pipeline(today)
else:
    kavels_search.show_search(first_run, today)
kavels.save_state(kavels.PARAMS, kavels.STATE_KEYS)
