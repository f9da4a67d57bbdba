"""Beheer: one way to save, problems shown per row and field, and the conflict view, for either list
(the organisations or the regelingen; see ui.beheer.lists)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import streamlit as st

from directory.changes import ChangeSet, Clash, diff_cells, merge_cells
from directory.csvfile import Row
from directory.fields import new_identifier, quote
from directory.importing import rows_from_cells
from directory.model import DirectoryError, Problem
from directory.names import row_labeller
from directory.store import ConflictError
from directory.stores import ListStore
from ui.beheer.lists import ORGANISATIONS, BeheerList
from ui.text import md

# A form's own words for problems: (the problems, the rows checked) -> the same problems, said about the form's
# fields (their labels, and what to do there) instead of the file's columns. See ui.beheer.form.
Wording = Callable[[Sequence[Problem], Sequence[dict[str, str]]], list[Problem]]


def save_cells(
    store: ListStore,
    base,
    rows: Sequence[dict[str, str]],
    author: str,
    note: str = "",
    lijst: BeheerList = ORGANISATIONS,
    wording: Wording | None = None,
) -> bool:
    """Validate the whole list as cells and save it. Shows problems or the conflict; True when saved.

    The check here gives problems by row as the coordinator typed them; the store checks again, inside
    its lock, against what is current (for schemes: the organisation list as it is at that moment)."""
    header, table_rows = rows_from_cells(rows)
    items, problems, _ = lijst.kind.validate(header, table_rows, lijst.kind.context_of(base))
    if problems:
        show_row_problems(_worded(problems, rows, wording), rows, lijst.item, lijst.labels)
        return False
    return save_items(store, base, items, author, note, lijst, wording)


def save_items(
    store: ListStore,
    base,
    items: Sequence,
    author: str,
    note: str = "",
    lijst: BeheerList = ORGANISATIONS,
    wording: Wording | None = None,
) -> bool:
    session = lijst.session
    try:
        saved = store.save(items, base.version, author, note)
    except ConflictError as exc:
        session.set_conflict(base, tuple(items), exc.current)
        st.rerun()
    except DirectoryError as exc:
        rows = [lijst.kind.to_cells(i) for i in items]
        show_row_problems(_worded(exc.problems, rows, wording), rows, lijst.item, lijst.labels)
        return False
    session.clear_conflict()
    session.flash(f"Opgeslagen: {saved.changes.summary()}. Iedereen ziet de nieuwe lijst meteen.")
    session.start_from(saved.snapshot)
    st.rerun()
    return True  # not reached: st.rerun ends the run


def _said_in_a_form(problem: Problem, cells: Mapping[str, str]) -> str:
    return problem.in_form or problem.message


def worded_for_form(
    row_id: str | None, message: Callable[[Problem, Mapping[str, str]], str] = _said_in_a_form
) -> Wording:
    """How a form says problems: those in its own row (`row_id`; None: a new row, the last) about its fields,
    in `message`'s words (by default as the checks word them for a form, Problem.in_form); those in other rows
    (a save checks the whole list) as the list says them. A new row without a name is not named: its id
    would be made up, and the form is the row."""

    def wording(problems: Sequence[Problem], rows: Sequence[Mapping[str, str]]) -> list[Problem]:
        if row_id is None:
            regel = len(rows) + 1 if rows else None
        else:
            regel = next((i for i, row in enumerate(rows, start=2) if row.get("id") == row_id), None)
        if regel is None:
            return list(problems)
        cells = rows[regel - 2]
        named = row_id is not None or bool(str(cells.get("naam", "")).strip())
        return [
            Problem(message(p, cells), regel=p.regel if named else None, kolom=p.kolom) if p.regel == regel else p
            for p in problems
        ]

    return wording


def _worded(problems: Sequence[Problem], rows: Sequence[dict[str, str]], wording: Wording | None) -> list[Problem]:
    return list(problems) if wording is None else wording(problems, rows)


def save_one(
    store: ListStore,
    base,
    row_id: str,
    values: dict[str, str],
    author: str,
    note: str,
    lijst: BeheerList,
    wording: Wording | None = None,
) -> None:
    """Change some cells of one row (a form, a button) and save the whole list."""
    before = [lijst.kind.to_cells(i) for i in lijst.items(base)]
    rows = [{**row, **values} if row["id"] == row_id else row for row in before]
    if rows == before:
        st.info("Er is niets veranderd.")
        return
    save_cells(store, base, rows, author, note, lijst, wording)


def add_row(
    store: ListStore, base, values: dict[str, str], author: str, lijst: BeheerList, wording: Wording | None = None
) -> None:
    """A new row, active, with an id made from its name unless one was typed; an id in use is refused."""
    taken = lijst.names(base)
    values = {**values, "actief": "ja"}
    values["id"] = values.get("id", "").strip() or new_identifier(values.get("naam", ""), taken)
    if values["id"] in taken:
        taken_id = Problem(
            f"een andere {lijst.item} heeft al {quote(values['id'])}; kies iets anders, of laat dit veld leeg: "
            "dan maakt Vangnet er een uit de naam",
            kolom="id",
        )
        show_row_problems([taken_id], [], lijst.item, lijst.labels)
        return
    rows = [lijst.kind.to_cells(i) for i in lijst.items(base)] + [values]
    # Saved, the run ends in a rerun and the next run empties the form (see ui.beheer.adding); kept after a
    # conflict until the coordinator's changes are on the newest version.
    st.session_state[lijst.session.ADDING] = values["id"]
    if not save_cells(store, base, rows, author, f"toegevoegd: {values['id']}", lijst, wording):
        st.session_state.pop(lijst.session.ADDING, None)


# Problems shown as whole sentences; more than this and the rest is in a table below them.
PROBLEMS_LISTED = 50
TRY_AGAIN = "Pas het aan en probeer het opnieuw."


def show_row_problems(
    problems: Sequence[Problem],
    rows: Sequence[dict[str, str]],
    item: str = "organisatie",
    labels: Mapping[str, str] | None = None,
    fix: str = TRY_AGAIN,
) -> None:
    """Problems by row (organisation or scheme) and field, with the field's label as the form and the table
    show it; nothing was saved. `rows` are the cells that were checked (regel 2 is the first)."""
    labels = labels or {}
    st.error(f"Er is niets opgeslagen: {problem_count(len(problems))}. {fix}")
    lines, table = [], []
    for p in problems:
        row = _row_label(p.regel, rows)
        field = labels.get(p.kolom, p.kolom) if p.kolom else ""
        lines.append(problem_sentence(", ".join(md(part) for part in (row, field) if part), p.message))
        table.append({item: row, "veld": field, "probleem": p.message})
    show_problem_lines(lines, table)


def show_file_problems(
    problems: Sequence[Problem], rows: Sequence[Row], file_name: str, item: str = "organisatie", lines: bool = True
) -> None:
    """Problems in an uploaded file, each with the place to find it there: regel (as a spreadsheet counts,
    the header is regel 1) and kolom as the file names it, and which row it is when the file says so.
    `lines` is False for a file whose line numbers mean nothing to the coordinator (an HSDS zip)."""
    by_line = {row.regel: row.cells for row in rows}
    st.error(
        f"Er is niets geïmporteerd: {problem_count(len(problems))} in {md(file_name)}. "
        "Pas het bestand aan en upload het opnieuw."
    )
    sentences, table = [], []
    for p in problems:
        cells = by_line.get(p.regel) if p.regel is not None else None
        row = _named_row(cells) if cells is not None else ""
        place = [f"regel {p.regel}"] if lines and p.regel is not None else []
        place += [f"kolom {p.kolom}"] if p.kolom else []
        where = ", ".join(place) or row
        sentences.append(problem_sentence(md(where), p.message, md(row) if place and row else ""))
        table.append({"regel": p.regel if lines else None, "kolom": p.kolom or "", item: row, "probleem": p.message})
    show_problem_lines(sentences, table)


def problem_count(count: int) -> str:
    return "1 probleem" if count == 1 else f"{count} problemen"


def show_problem_lines(lines: Sequence[str], table: Sequence[dict]) -> None:
    """Each problem as a whole sentence, so the what-to-do part is never cut off as in a narrow grid cell.
    A long list (a whole file with problems) shows the first ones so, and every one in a table below."""
    st.markdown("\n".join(f"- {line}" for line in lines[:PROBLEMS_LISTED]))
    if len(lines) > PROBLEMS_LISTED:
        st.caption(f"De eerste {PROBLEMS_LISTED} staan hierboven; alle {len(lines)} staan in deze tabel.")
        st.dataframe(table, hide_index=True, width="stretch")


def problem_sentence(where: str, message: str, which: str = "") -> str:
    """One problem as markdown: where in bold, then which row (if said apart), then what is wrong and what
    to do. `where` and `which` are markdown already; the message is escaped here."""
    if not where:
        return md(message)
    return f"**{where}** – {which}: {md(message)}" if which else f"**{where}:** {md(message)}"


def _row_label(regel: int | None, rows: Sequence[dict[str, str]]) -> str:
    if regel is None or not 2 <= regel < len(rows) + 2:
        return ""
    return _named_row(rows[regel - 2])


def _named_row(cells: Mapping[str, str]) -> str:
    """A row as a person knows it: its name and its id."""
    name, key = (cells.get("naam") or "").strip(), (cells.get("id") or "").strip()
    if name and key:
        return f"{name} ({key})"
    return name or (f"id {key}" if key else "")


# --- after a conflict -----------------------------------------------------------------------------


def conflict_section(store: ListStore, author: str, lijst: BeheerList = ORGANISATIONS) -> None:
    session, kind, key = lijst.session, lijst.kind, lijst.key
    conflict = session.conflict
    base, mine, current = conflict["base"], conflict["mine"], conflict["current"]
    st.warning(
        "Iemand anders heeft de lijst opgeslagen terwijl jij aan het werk was. Er is niets overschreven. "
        "Hieronder zie je wat de ander veranderde en wat jij veranderde."
    )
    base_cells, my_cells = kind.cells_by_id(kind.items(base)), kind.cells_by_id(mine)
    their_cells = kind.cells_by_id(kind.items(current))
    st.markdown("**Wat de ander veranderde**")
    _changes_table(diff_cells(base_cells, their_cells), lijst.names(current), lijst.item, key=f"{key}_conflict_ander")
    st.markdown("**Wat jij veranderde**")
    _changes_table(diff_cells(base_cells, my_cells), {i.id: i for i in mine}, lijst.item, key=f"{key}_conflict_jij")
    result = merge_cells(base_cells, my_cells, their_cells)
    if result.clashes:
        st.markdown(
            "**Hier veranderden jullie allebei hetzelfde veld.** Jouw waarde wint; pas het daarna aan als dat nodig is."
        )
        show_clashes(result.clashes, lijst.names(current), lijst.labels)
    left, right = st.columns(2)
    if left.button("Zet mijn wijzigingen op de nieuwste versie", type="primary", key=f"{key}_conflict_opnieuw"):
        save_cells(store, current, list(result.rows), author, "opnieuw toegepast na een conflict", lijst)
    if right.button("Mijn wijzigingen weggooien", key=f"{key}_conflict_weg"):
        session.clear_conflict()
        session.start_from(current)
        session.flash("Je werkt nu met de nieuwste versie van de lijst.")
        st.rerun()


def changes_rows(changes: ChangeSet, names: dict, item: str = "organisatie") -> list[dict[str, str]]:
    """One row per changed field; `names` gives rows (organisations or schemes) by id for their name."""
    rows = []
    label = row_labeller(names)
    for org_id in changes.added:
        rows.append({item: label(org_id), "wat": "toegevoegd", "veld": "", "was": "", "wordt": ""})
    for org_id, field_changes in changes.changed.items():
        what = _what(changes, org_id)
        for change in field_changes:
            rows.append(
                {
                    item: label(org_id),
                    "wat": what,
                    "veld": change.column,
                    "was": change.old,
                    "wordt": change.new,
                }
            )
    for org_id in changes.removed:
        rows.append({item: label(org_id), "wat": "verwijderd", "veld": "", "was": "", "wordt": ""})
    return rows


def _what(changes: ChangeSet, org_id: str) -> str:
    if org_id in changes.archived:
        return "gearchiveerd"
    return "weer actief" if org_id in changes.reactivated else "gewijzigd"


def _changes_table(changes: ChangeSet, names: dict, item: str, key: str) -> None:
    if not changes:
        st.caption("Niets.")
        return
    changes_table(changes_rows(changes, names, item), item, key)


def changes_table(rows: Sequence[dict[str, str]], item: str, key: str) -> None:
    """Changes as a grid. Widths are set: sized to its content, a long old value made the column 'was' so wide
    that the new value was out of sight. Together they fit the page at 1280 px; 'was' and 'wordt' get as much."""
    widths = {item: 180, "wat": 95, "veld": 120, "was": 200, "wordt": 200}
    config = {name: st.column_config.TextColumn(name, width=width) for name, width in widths.items()}
    st.dataframe(rows, hide_index=True, width="stretch", key=key, column_config=config)


# Changes shown in full, the old value above the new one; more than this and all are in a table below them.
CHANGES_LISTED = 50


def show_changes(changes: ChangeSet, names: dict, lijst: BeheerList, key: str) -> None:
    """What a preview (an import, a restore) would change, readable at any width: per row its name and what
    happens to it, and per field its label with the old value above the new one, as whole text. A grid cut
    long values off and pushed the new value off the screen. A long list shows the first CHANGES_LISTED
    changes so, and every change in a table below them."""
    label = row_labeller(names)
    entries = list(_changes_by_row(changes))
    left = CHANGES_LISTED
    for row_id, what, fields in entries:
        if left <= 0:
            break
        shown = fields[:left]
        left -= max(1, len(shown))
        text = f"**{md(label(row_id))}**: {what}"
        if shown:
            text += "\n\n" + "\n".join(_field_change(change, lijst.labels) for change in shown)
        with st.container(border=True):
            st.markdown(text)
    total = sum(max(1, len(fields)) for _, _, fields in entries)
    if total > CHANGES_LISTED:
        st.caption(f"De eerste {CHANGES_LISTED} wijzigingen staan hierboven; alle {total} staan in deze tabel.")
        changes_table(changes_rows(changes, names, lijst.item), lijst.item, key)


def _changes_by_row(changes: ChangeSet):
    """(id, what happens, the changed fields) per row: added, then changed, then removed. For a row archived
    or made active again the field actief is not listed: what happens says it."""
    for row_id in changes.added:
        yield row_id, "toegevoegd", ()
    for row_id, field_changes in changes.changed.items():
        what = _what(changes, row_id)
        fields = tuple(c for c in field_changes if not (what != "gewijzigd" and c.column == "actief"))
        yield row_id, what, fields
    for row_id in changes.removed:
        yield row_id, "verwijderd", ()


def _field_change(change, labels: Mapping[str, str]) -> str:
    """One changed field as a markdown list item: the label, then 'Was' and 'Wordt' each on a line of their own."""
    label = labels.get(change.column, change.column)

    def value(text: str) -> str:
        # Hard line breaks in the value stay inside the list item.
        return md(text).replace("\n", "\n  ") if text else "*(leeg)*"

    return f"- **{md(label)}**  \n  *Was:* {value(change.old)}  \n  *Wordt:* {value(change.new)}"


def show_clashes(clashes: Sequence[Clash], names: dict, labels: Mapping[str, str]) -> None:
    """Every clash with the whole text of each side: a table would cut long descriptions off."""
    for clash in clashes:
        with st.container(border=True):
            org = names.get(clash.org_id)
            label = labels.get(clash.column, clash.column)
            st.markdown(f"**{md(org.naam if org else clash.org_id)}**, {md(label)}")
            for who, text in (("Eerst", clash.base), ("Jij", clash.mine), ("De ander", clash.theirs)):
                st.markdown(f"*{who}:*")
                st.text(text or "(leeg)")
