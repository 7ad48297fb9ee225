"""Maps: colours, the plot layer at scale, the folium map builders and their JavaScript (no Streamlit)."""
