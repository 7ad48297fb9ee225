"""Toegankelijkheid: the accessibility statement (toegankelijkheidsverklaring) in the form
Dutch municipalities publish it: the standard, the status, how it was tested, what is known
not to conform, and where to report a problem."""

from __future__ import annotations

import streamlit as st

from gebrookerbos import ui

ui.run_through_entrypoint()  # a direct link on a fresh server: run inside dashboard.py

st.markdown(ui.accessibility_statement())
