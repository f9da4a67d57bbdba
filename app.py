"""Vangnet: who does what for people with money worries, and where to refer."""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="Vangnet", page_icon="🧭", layout="wide")

PAGES = [
    st.Page("pages/overzicht.py", title="Wie doet wat", icon="🗂️", url_path="wie-doet-wat", default=True),
]

st.navigation(PAGES).run()
