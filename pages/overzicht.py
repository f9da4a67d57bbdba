"""Wie doet wat: the whole directory in three groups, from light to heavy help."""

from __future__ import annotations

import streamlit as st

from directory.model import DOMAIN_ORDER
from ui.data import get_directory
from ui.text import md

st.title("Wie doet wat")
st.caption("Alle organisaties die helpen bij geldzorgen, van licht naar zwaar: preventie, ondersteuning, curatief.")

directory = get_directory()
if directory is not None:
    groups = directory.by_domain()
    for column, domain in zip(st.columns(len(DOMAIN_ORDER)), DOMAIN_ORDER, strict=True):
        with column:
            st.subheader(f"{domain.label} ({len(groups[domain])})")
            for org in groups[domain]:
                with st.container(border=True):
                    st.markdown(f"**{md(org.naam)}**")
                    st.text(org.omschrijving)
