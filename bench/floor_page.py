"""The floor of ``bench/page_scale.py``: a bare Streamlit page, a title and one line of text.

No page of the dashboard can open faster than this on the same machine with the same
``streamlit run`` flags; page_scale prints every page's time as a multiple of this one's.
"""

import streamlit as st

st.title("Vloer")
st.write("Een kale Streamlit-pagina: sneller opent geen pagina op deze machine.")
