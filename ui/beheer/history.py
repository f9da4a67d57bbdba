"""Beheer: every version with who, when and what, and bringing an old version back."""

from __future__ import annotations

import re
from collections.abc import Sequence

import streamlit as st

from directory.model import DirectoryError
from directory.store import HistoryEntry
from directory.stores import ListStore
from ui.beheer.lists import ORGANISATIONS, BeheerList
from ui.beheer.saving import show_changes, show_row_problems
from ui.text import LOCAL_TIME, md

# The note the store writes on a restore; the version in it is a hash, which means nothing to a person.
RESTORED_NOTE = re.compile(r"^teruggezet naar versie (\S+)$")
NOT_RESTORED = "Deze versie kan niet worden teruggezet. Kies een andere versie."


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
                "wanneer": when(e),
                "wie": e.author,
                "wat": e.summary(),
                lijst.kind.noun: ", ".join(e.added + tuple(e.changed) + e.removed)[:200],
                "opmerking": readable_note(entries, index),
                "versie": e.version,
            }
            for index, e in enumerate(entries)
        ],
        hide_index=True,
        width="stretch",
        key=f"{key}_geschiedenis_tabel",
    )
    older = [e for e in entries[1:] if e.available and e.version != entries[0].version]
    if not older:
        return
    labels = version_labels(older)
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
        show_row_problems(exc.problems, [], lijst.item, lijst.labels, NOT_RESTORED)
        return
    st.markdown(f"**Na terugzetten: {preview.summary()}.**")
    if preview:
        show_changes(preview, session_names(lijst), lijst, key=f"{key}_herstel_voorbeeld")
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
            show_row_problems(exc.problems, [], lijst.item, lijst.labels, NOT_RESTORED)
            return
        session.forget_base()
        chosen = next(e for e in older if e.version == version)
        session.flash(
            f"De versie van {when(chosen)} door {md(chosen.author)} is teruggezet: {saved.changes.summary()}."
        )
        st.rerun()


def when(entry: HistoryEntry) -> str:
    """Dutch time to the second: two saves in the same minute are two different lines."""
    return f"{entry.timestamp.astimezone(LOCAL_TIME):%d-%m-%Y %H:%M:%S}"


def version_labels(entries: Sequence[HistoryEntry]) -> dict[str, str]:
    """Each version to choose as who saved it, when and what it changed, by version (newest first). Two
    versions that would still read the same get a number, so no two choices look alike."""
    labels: dict[str, str] = {}
    seen: dict[str, int] = {}
    for entry in entries:
        if entry.version in labels:  # the same contents saved twice: one choice
            continue
        label = f"{when(entry)} door {entry.author}: {entry.summary()}"
        seen[label] = seen.get(label, 0) + 1
        labels[entry.version] = label if seen[label] == 1 else f"{label} ({seen[label]})"
    return labels


def readable_note(entries: Sequence[HistoryEntry], index: int) -> str:
    """The note of entries[index]; a restore names the version it went back to by its date and author."""
    note = entries[index].note
    restored = RESTORED_NOTE.match(note)
    if not restored:
        return note
    version = restored.group(1)
    # The version as it was saved before this restore (entries are newest first).
    source = next((e for e in entries[index + 1 :] if e.version == version), None)
    if source is None:
        return "teruggezet naar een oudere versie"
    return f"teruggezet naar de versie van {when(source)} door {source.author}"
