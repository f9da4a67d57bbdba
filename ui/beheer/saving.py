"""Beheer: one way to save, problems shown per organisation and field, and the conflict view."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from directory.changes import ChangeSet, Clash, cells_by_id, diff_cells, merge
from directory.contract import COLUMN_LABELS
from directory.importing import rows_from_cells
from directory.model import Directory, DirectoryError, Organisation, Problem
from directory.schema import to_cells, validate_rows
from directory.store import ConflictError
from directory.stores import ListStore
from ui.beheer.session import session
from ui.text import md


def save_cells(store: ListStore, base: Directory, rows: Sequence[dict[str, str]], author: str, note: str = "") -> bool:
    """Validate the whole list as cells and save it. Shows problems or the conflict; True when saved."""
    header, table_rows = rows_from_cells(rows)
    result = validate_rows(header, table_rows, base.themes)
    if result.problems:
        show_row_problems(result.problems, rows)
        return False
    return save_organisations(store, base, result.organisations, author, note)


def save_organisations(
    store: ListStore, base: Directory, organisations: Sequence[Organisation], author: str, note: str = ""
) -> bool:
    try:
        saved = store.save(organisations, base.version, author, note)
    except ConflictError as exc:
        session.set_conflict(base, tuple(organisations), exc.current)
        st.rerun()
    except DirectoryError as exc:
        show_row_problems(exc.problems, [to_cells(o) for o in organisations])
        return False
    session.clear_conflict()
    session.flash(f"Opgeslagen: {saved.changes.summary()}. Iedereen ziet de nieuwe lijst meteen.")
    session.start_from(saved.directory)
    st.rerun()
    return True  # not reached: st.rerun ends the run


def show_row_problems(problems: Sequence[Problem], rows: Sequence[dict[str, str]]) -> None:
    """Problems by organisation and field, as plain text in a table; nothing was saved."""
    count = len(problems)
    st.error(
        f"Er is niets opgeslagen: {'1 probleem' if count == 1 else f'{count} problemen'}. "
        "Pas het aan en klik opnieuw op Opslaan."
    )
    st.dataframe(
        [
            {
                "organisatie": _row_label(p.regel, rows),
                "veld": p.kolom or "",
                "probleem": p.message,
            }
            for p in problems
        ],
        hide_index=True,
        width="stretch",
    )


def _row_label(regel: int | None, rows: Sequence[dict[str, str]]) -> str:
    if regel is None or not 2 <= regel < len(rows) + 2:
        return ""
    row = rows[regel - 2]
    return f"{row.get('naam') or '(zonder naam)'} ({row.get('id') or 'zonder id'})"


# --- after a conflict -----------------------------------------------------------------------------


def conflict_section(store: ListStore, author: str) -> None:
    conflict = session.conflict
    base, mine, current = conflict["base"], conflict["mine"], conflict["current"]
    st.warning(
        "Iemand anders heeft de lijst opgeslagen terwijl jij aan het werk was. Er is niets overschreven. "
        "Hieronder zie je wat de ander veranderde en wat jij veranderde."
    )
    theirs_changes = diff_cells(cells_by_id(base.organisations), cells_by_id(current.organisations))
    mine_changes = diff_cells(cells_by_id(base.organisations), cells_by_id(mine))
    st.markdown("**Wat de ander veranderde**")
    _changes_table(theirs_changes, current.by_id, key="beheer_conflict_ander")
    st.markdown("**Wat jij veranderde**")
    _changes_table(mine_changes, {o.id: o for o in mine}, key="beheer_conflict_jij")
    result = merge(base.organisations, mine, current.organisations)
    if result.clashes:
        st.markdown(
            "**Hier veranderden jullie allebei hetzelfde veld.** Jouw waarde wint; pas het daarna aan als dat nodig is."
        )
        show_clashes(result.clashes, current.by_id)
    left, right = st.columns(2)
    if left.button("Zet mijn wijzigingen op de nieuwste versie", type="primary", key="beheer_conflict_opnieuw"):
        save_cells(store, current, list(result.rows), author, note="opnieuw toegepast na een conflict")
    if right.button("Mijn wijzigingen weggooien", key="beheer_conflict_weg"):
        session.clear_conflict()
        session.start_from(current)
        session.flash("Je werkt nu met de nieuwste versie van de lijst.")
        st.rerun()


def changes_rows(changes: ChangeSet, names: dict[str, Organisation]) -> list[dict[str, str]]:
    rows = []

    def label(org_id: str) -> str:
        return names[org_id].naam if org_id in names else org_id

    for org_id in changes.added:
        rows.append({"organisatie": label(org_id), "wat": "toegevoegd", "veld": "", "was": "", "wordt": ""})
    for org_id, field_changes in changes.changed.items():
        what = _what(changes, org_id)
        for change in field_changes:
            rows.append(
                {
                    "organisatie": label(org_id),
                    "wat": what,
                    "veld": change.column,
                    "was": change.old,
                    "wordt": change.new,
                }
            )
    for org_id in changes.removed:
        rows.append({"organisatie": label(org_id), "wat": "verwijderd", "veld": "", "was": "", "wordt": ""})
    return rows


def _what(changes: ChangeSet, org_id: str) -> str:
    if org_id in changes.archived:
        return "gearchiveerd"
    return "weer actief" if org_id in changes.reactivated else "gewijzigd"


def _changes_table(changes: ChangeSet, names: dict[str, Organisation], key: str) -> None:
    if not changes:
        st.caption("Niets.")
        return
    st.dataframe(changes_rows(changes, names), hide_index=True, width="stretch", key=key)


def show_clashes(clashes: Sequence[Clash], names: dict[str, Organisation]) -> None:
    """Every clash with the whole text of each side: a table would cut long descriptions off."""
    for clash in clashes:
        with st.container(border=True):
            org = names.get(clash.org_id)
            label = COLUMN_LABELS.get(clash.column, clash.column)
            st.markdown(f"**{md(org.naam if org else clash.org_id)}**, {md(label)}")
            for who, text in (("Eerst", clash.base), ("Jij", clash.mine), ("De ander", clash.theirs)):
                st.markdown(f"*{who}:*")
                st.text(text or "(leeg)")
