"""A list as an editable spreadsheet: cells in, the rows as edited out, and what is not saved yet.

Yes/no columns are checkboxes; everything else is text. The editor's own state keeps the edits
(never fed back into its input, see DESIGN "Known traps"); the caller saves on its own button.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from directory.changes import ChangeSet, diff_cells

# A select cell shows an empty choice as "None"; such columns show a dash, and saving turns it back into "".
EMPTY_CHOICE = "—"


def edited_rows(
    cells: Sequence[dict[str, str]],
    columns: Sequence[str],
    flags: Sequence[str],
    key: str,
    config: dict,
    dashes: Sequence[str] = (),
) -> tuple[list[dict[str, str]], ChangeSet]:
    """Show `columns` of `cells` in an editor; return every row with its edits, and the pending changes.
    `flags` are yes/no columns (checkboxes); `dashes` are choice columns whose empty value shows as a dash."""
    frame = pd.DataFrame([{c: row.get(c, "") for c in columns} for row in cells], columns=list(columns))
    for flag in flags:
        frame[flag] = frame[flag] == "ja"
    for column in dashes:
        frame[column] = frame[column].replace("", EMPTY_CHOICE)
    edited = st.data_editor(
        frame, key=key, num_rows="fixed", hide_index=True, disabled=["id"], width="stretch", column_config=config
    )
    rows = [_merged_row(row, edited.iloc[index], columns, flags) for index, row in enumerate(cells)]
    return rows, diff_cells({r["id"]: r for r in cells}, {r["id"]: r for r in rows})


def _merged_row(original: dict[str, str], edited: pd.Series, columns: Sequence[str], flags: Sequence[str]) -> dict:
    row = dict(original)
    for column in columns:
        value = edited[column]
        if column in flags:
            row[column] = "ja" if bool(value) else "nee"
        else:
            empty = value is None or value == EMPTY_CHOICE or (isinstance(value, float) and pd.isna(value))
            row[column] = "" if empty else str(value)
    return row
