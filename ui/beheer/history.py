"""Beheer: every version with who, when and what, and bringing an old version back."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import streamlit as st

from directory.model import DirectoryError
from directory.stores import ListStore
from ui.beheer.lists import ORGANISATIONS, BeheerList
from ui.beheer.saving import changes_rows, show_row_problems
from ui.text import md

LOCAL_TIME = ZoneInfo("Europe/Amsterdam")


def session_names(lijst: BeheerList) -> dict:
    """Names for the preview: the snapshot this coordinator works on, when there is one."""
    return lijst.names(st.session_state.get(lijst.session.BASE))


def history_section(store: ListStore, author: str, lijst: BeheerList = ORGANISATIONS) -> None:
    """Every version with who, when and what; restoring one shows what it changes before it writes."""
    session, key = lijst.session, lijst.key
    entries = store.history()
    st.caption(
        "Elke versie van de afgelopen 12 maanden en de laatste 100 versies blijven bewaard (oudere versies ingepakt). "
        "Je kunt een oude versie terugzetten; dat wordt een nieuwe versie."
    )
    st.dataframe(
        [
            {
                "wanneer": e.timestamp.astimezone(LOCAL_TIME).strftime("%d-%m-%Y %H:%M"),
                "wie": e.author,
                "wat": e.summary(),
                lijst.kind.noun: ", ".join(e.added + tuple(e.changed) + e.removed)[:200],
                "opmerking": e.note,
                "versie": e.version,
            }
            for e in entries
        ],
        hide_index=True,
        width="stretch",
        key=f"{key}_geschiedenis_tabel",
    )
    older = [e for e in entries[1:] if e.available and e.version != entries[0].version]
    if not older:
        return
    labels = {e.version: f"{e.timestamp.astimezone(LOCAL_TIME):%d-%m-%Y %H:%M} door {e.author}" for e in older}
    version = st.selectbox(
        "Een oude versie terugzetten",
        list(labels),
        format_func=labels.get,
        index=None,
        placeholder="Kies een versie",
        key=f"{key}_herstel_versie",
    )
    if version is None:
        return
    try:
        preview = store.restore_changes(version)
    except DirectoryError as exc:
        show_row_problems(exc.problems, [], lijst.item)
        return
    st.markdown(f"**Na terugzetten: {preview.summary()}.**")
    if preview:
        rows = changes_rows(preview, session_names(lijst), lijst.item)
        st.dataframe(rows, hide_index=True, width="stretch", key=f"{key}_herstel_voorbeeld")
    sure = st.checkbox(
        "Ja, zet de lijst terug naar deze versie. Wijzigingen van daarna blijven in de geschiedenis.",
        key=f"{key}_herstel_zeker",
    )
    if session.blocked_by_table_edits():
        return
    if st.button("Versie terugzetten", disabled=not sure, key=f"{key}_herstel"):
        try:
            saved = store.restore(version, author)
        except DirectoryError as exc:
            show_row_problems(exc.problems, [], lijst.item)
            return
        session.forget_base()
        session.flash(f"De versie van {md(labels[version])} is teruggezet: {saved.changes.summary()}.")
        st.rerun()
