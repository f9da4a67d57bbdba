"""Vangnet: who does what for people with money worries, and where to refer."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

ICON = Path(__file__).parent / "static" / "favicon.png"  # local: a material page_icon is fetched from a CDN

st.set_page_config(page_title="Vangnet", page_icon=str(ICON), layout="wide")

PAGES = [
    st.Page("pages/zoeken.py", title="Hulpvraag", icon=":material/chat:", url_path="", default=True),
    st.Page("pages/overzicht.py", title="Wie doet wat", icon=":material/view_column:", url_path="wie-doet-wat"),
    st.Page("pages/kaart.py", title="Kaart", icon=":material/map:", url_path="kaart"),
    st.Page("pages/routes.py", title="Verwijsroutes", icon=":material/alt_route:", url_path="verwijsroutes"),
    st.Page("pages/beheer.py", title="Beheer", icon=":material/edit_note:", url_path="beheer"),
]

st.navigation(PAGES).run()
