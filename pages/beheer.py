"""Beheer: coordinators keep the list current — edit, add, archive, import, export, history, gaps.

Only for coordinators (see ui.auth). Every change goes through the store (the file, or a database), which locks,
checks the version, validates, keeps history and writes atomically.
"""

from __future__ import annotations

import streamlit as st

from ui import editing, maintenance
from ui.auth import coordinator
from ui.data import list_store

st.title("Beheer")
st.caption("Houd de lijst actueel: organisaties aanpassen, toevoegen, archiveren, importeren en exporteren.")

author = coordinator()
if author is not None:
    store = list_store()  # the CSV file, or the shared database ($VANGNET_DATABASE_URL)
    editing.show_flash()
    if editing.CONFLICT in st.session_state:
        editing.conflict_section(store, author)
        st.stop()
    base = editing.base_snapshot(store)
    if base is None:
        # A list that cannot be loaded is exactly when an older version is needed.
        st.subheader("Geschiedenis")
        maintenance.history_section(store, author)
        st.stop()
    st.caption(
        f"{len(base.active)} actieve en {len(base.organisations) - len(base.active)} gearchiveerde organisaties."
    )
    tabs = st.tabs(
        [
            "Tabel",
            "Eén organisatie",
            "Nieuwe organisatie",
            "Importeren",
            "Exporteren",
            "Geschiedenis",
            "Actualiteit",
            "Blinde vlekken",
        ]
    )
    with tabs[0]:
        editing.table_section(store, base, author)
    with tabs[1]:
        editing.organisation_section(store, base, author)
    with tabs[2]:
        editing.add_section(store, base, author)
    with tabs[3]:
        maintenance.import_section(store, base, author)
    with tabs[4]:
        maintenance.export_section(base)
    with tabs[5]:
        maintenance.history_section(store, author)
    with tabs[6]:
        maintenance.freshness_section(base)
    with tabs[7]:
        maintenance.gaps_section(base)
