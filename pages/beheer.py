"""Beheer: coordinators keep the lists current — edit, add, archive, import, export, history, gaps.

Only for coordinators (see ui.auth). Every change goes through the store (the file, or a database), which locks,
checks the version, validates, keeps history and writes atomically; the regelingen have a tab of their own
with the same store guarantees (ui.beheer.regelingen).
"""

from __future__ import annotations

import streamlit as st

from ui.auth import coordinator
from ui.beheer import adding, exchange, form, health, history, regelingen, saving, table
from ui.beheer.lists import ORGANISATIONS
from ui.beheer.session import session
from ui.data import list_store

TABS = (
    "Tabel",
    "Eén organisatie",
    "Nieuwe organisatie",
    "Importeren",
    "Exporteren",
    "Geschiedenis",
    "Regelingen",
    "Actualiteit",
    "Blinde vlekken",
)

st.title("Beheer")
st.caption(
    "Houd de lijsten actueel: organisaties en regelingen aanpassen, toevoegen, archiveren, importeren en exporteren."
)

author = coordinator()
if author is not None:
    store = list_store()  # the CSV file, or the shared database ($VANGNET_DATABASE_URL)
    session.show_flash()
    if session.conflict is not None:
        saving.conflict_section(store, author)
        st.stop()
    base = session.base_snapshot(store)
    if base is None:
        # A list that cannot be loaded is exactly when an older version is needed.
        st.subheader("Geschiedenis")
        history.history_section(store, author)
        st.stop()
    adding.after_save(ORGANISATIONS, base)  # an organisation just added: an empty form, and where to find it
    st.caption(
        f"{len(base.active)} actieve en {len(base.organisations) - len(base.active)} gearchiveerde organisaties."
    )
    # A key gives the tabs a stable identity, so the chosen tab stays open after a save, an archive or a
    # restore (each ends in a rerun, often with a message above the tabs that used to reset them).
    tabs = st.tabs(TABS, key=session.TAB)
    sections = (
        lambda: table.table_section(store, base, author),
        lambda: form.organisation_section(store, base, author),
        lambda: form.add_section(store, base, author),
        lambda: exchange.import_section(store, base, author),
        lambda: exchange.export_section(base),
        lambda: history.history_section(store, author),
        lambda: regelingen.regelingen_section(author),
        lambda: health.freshness_section(base),
        lambda: health.gaps_section(base),
    )
    for tab, section in zip(tabs, sections, strict=True):
        with tab:
            section()
