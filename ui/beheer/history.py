"""Beheer: every version with who, when and what, and bringing an old version back."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import streamlit as st

from directory.model import DirectoryError, Organisation
from directory.stores import ListStore
from ui.beheer.saving import changes_rows, show_row_problems
from ui.beheer.session import session
from ui.text import md

LOCAL_TIME = ZoneInfo("Europe/Amsterdam")


def session_names(store: ListStore) -> dict[str, Organisation]:
    """Names for the preview: the snapshot this coordinator works on, when there is one."""
    base = st.session_state.get(session.BASE)
    return dict(base.by_id) if base is not None else {}


def history_section(store: ListStore, author: str) -> None:
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
                "organisaties": ", ".join(e.added + tuple(e.changed) + e.removed)[:200],
                "opmerking": e.note,
                "versie": e.version,
            }
            for e in entries
        ],
        hide_index=True,
        width="stretch",
        key="beheer_geschiedenis_tabel",
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
        key="beheer_herstel_versie",
    )
    if version is None:
        return
    try:
        preview = store.restore_changes(version)
    except DirectoryError as exc:
        show_row_problems(exc.problems, [])
        return
    st.markdown(f"**Na terugzetten: {preview.summary()}.**")
    names = dict(session_names(store))
    if preview:
        st.dataframe(changes_rows(preview, names), hide_index=True, width="stretch", key="beheer_herstel_voorbeeld")
    sure = st.checkbox(
        "Ja, zet de lijst terug naar deze versie. Wijzigingen van daarna blijven in de geschiedenis.",
        key="beheer_herstel_zeker",
    )
    if session.blocked_by_table_edits():
        return
    if st.button("Versie terugzetten", disabled=not sure, key="beheer_herstel"):
        try:
            saved = store.restore(version, author)
        except DirectoryError as exc:
            show_row_problems(exc.problems, [])
            return
        session.forget_base()
        session.flash(f"De versie van {md(labels[version])} is teruggezet: {saved.changes.summary()}.")
        st.rerun()
