"""A list as an editable spreadsheet: cells in, the rows as edited out, and what is not saved yet.

Yes/no columns are checkboxes; everything else is text. The editor's own state keeps the edits
(never fed back into its input on every run); the caller saves on its own button.

Streamlit drops a widget's state when the widget is not drawn: on another page, or in another part
of Beheer. An st.data_editor cannot be given state through st.session_state either. So a copy of the
unsaved rows is kept under a key of its own (organisation or scheme data only). When the editor comes
back without its state, that copy becomes its input once, and stays its input until a save or a
discard gives the editor a new key (see BeheerSession.start_from).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from directory.changes import ChangeSet, diff_cells

# A select cell shows an empty choice as "None"; such columns show a dash, and saving turns it back into "".
EMPTY_CHOICE = "—"

Cells = dict[str, str]


def kept_key(key: str) -> str:
    """The session key with the copy of the unsaved rows of the editor `key`; not a widget key."""
    return f"{key}_onopgeslagen"


def kept_rows(key: str) -> dict[str, Cells]:
    """The unsaved rows of the editor `key` by id, as edited; also rows that are not on the screen now."""
    kept = st.session_state.get(kept_key(key)) or {}
    return {row_id: edit["now"] for row_id, edit in kept.get("edits", {}).items()}


def forget_kept(key: str) -> None:
    st.session_state.pop(kept_key(key), None)


def edited_rows(
    cells: Sequence[dict[str, str]],
    columns: Sequence[str],
    flags: Sequence[str],
    key: str,
    config: dict,
    dashes: Sequence[str] = (),
) -> tuple[list[dict[str, str]], ChangeSet]:
    """Show `columns` of `cells` in an editor; return every row with its edits, and the pending changes
    (also those kept for rows that are not among `cells` now).
    `flags` are yes/no columns (checkboxes); `dashes` are choice columns whose empty value shows as a dash."""
    kept = _kept(key)
    if key not in st.session_state:
        # The editor is new, or Streamlit dropped its state while it was not drawn: it starts from the
        # unsaved rows kept for it. That input stays the same while the editor has its own state.
        kept = {"start": {row_id: edit["now"] for row_id, edit in kept["edits"].items()}, "edits": kept["edits"]}
        _store(key, kept)
    shown = [kept["start"].get(row["id"], row) for row in cells]
    frame = pd.DataFrame([{c: row.get(c, "") for c in columns} for row in shown], columns=list(columns))
    for flag in flags:
        frame[flag] = frame[flag] == "ja"
    for column in dashes:
        frame[column] = frame[column].replace("", EMPTY_CHOICE)
    edited = st.data_editor(
        frame,
        key=key,
        num_rows="fixed",
        hide_index=True,
        disabled=["id"],
        width="stretch",
        column_config=config,
        # A change is copied as soon as it arrives, before the page runs: also when the same click
        # goes to another page, where this editor is not drawn and its state is dropped.
        on_change=_keep_on_change,
        kwargs={"key": key, "cells": list(cells), "shown": shown, "columns": list(columns), "flags": list(flags)},
    )
    rows = [_merged_row(row, edited.iloc[index], columns, flags) for index, row in enumerate(shown)]
    return rows, _keep(key, cells, rows)


def _kept(key: str) -> dict[str, Any]:
    return st.session_state.get(kept_key(key)) or {"start": {}, "edits": {}}


def _store(key: str, kept: dict[str, Any]) -> None:
    if kept["start"] or kept["edits"]:
        st.session_state[kept_key(key)] = kept
    else:
        forget_kept(key)


def _keep(key: str, cells: Sequence[Cells], rows: Sequence[Cells]) -> ChangeSet:
    """Copy the rows that differ from `cells` (the list as saved); return every pending change."""
    kept = _kept(key)
    originals = {row["id"]: row for row in cells}
    changed = diff_cells(originals, {row["id"]: row for row in rows}).changed
    # Rows that are not shown now keep their edits; the shown rows have them as the editor has them.
    edits = {row_id: edit for row_id, edit in kept["edits"].items() if row_id not in originals}
    edits |= {row["id"]: {"was": originals[row["id"]], "now": row} for row in rows if row["id"] in changed}
    _store(key, {"start": kept["start"], "edits": edits})
    return diff_cells({i: e["was"] for i, e in edits.items()}, {i: e["now"] for i, e in edits.items()})


def _keep_on_change(key: str, cells: list[Cells], shown: list[Cells], columns: list[str], flags: list[str]) -> None:
    """The editor's new state, copied before the script runs (the page that runs may not draw the editor)."""
    state = st.session_state.get(key)
    changes = state.get("edited_rows", {}) if isinstance(state, Mapping) else {}
    rows = []
    for index, row in enumerate(shown):
        edits = changes.get(index) or {}
        merged = dict(row)
        for column in columns:
            if column in edits:
                merged[column] = _cell(edits[column], column in flags)
        rows.append(merged)
    _keep(key, cells, rows)


def _merged_row(original: dict[str, str], edited: pd.Series, columns: Sequence[str], flags: Sequence[str]) -> dict:
    row = dict(original)
    for column in columns:
        row[column] = _cell(edited[column], column in flags)
    return row


def _cell(value: Any, flag: bool) -> str:
    """A value from the editor as the cell text it stands for."""
    if flag:
        return "ja" if bool(value) else "nee"
    empty = value is None or value == EMPTY_CHOICE or (isinstance(value, float) and pd.isna(value))
    return "" if empty else str(value)
