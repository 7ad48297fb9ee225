"""Presentation: formatted tables, charts, slide HTML and exports (no Streamlit)."""
