"""Beheer: the whole list as a spreadsheet-like table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from directory.changes import diff_cells
from directory.contract import COLUMN_HELP, COLUMN_LABELS
from directory.model import DOMAIN_ORDER, Directory
from directory.schema import to_cells
from directory.stores import ListStore
from ui.beheer.saving import save_cells
from ui.beheer.session import session

TABLE_COLUMNS = (
    "id",
    "naam",
    "domein",
    "ook_domein",
    "themas",
    "doelgroepen",
    "telefoon",
    "email",
    "website",
    "aanmelden",
    "laatst_gecontroleerd",
    "actief",
)
DOMAINS = [d.value for d in DOMAIN_ORDER]
NO_SECOND_GROUP = "—"


def table_section(store: ListStore, base: Directory, author: str) -> None:
    st.caption(
        "Pas cellen aan zoals in een spreadsheet. Lijsten scheid je met een puntkomma (;). "
        "Archiveren doe je door het vinkje bij actief weg te halen: dan blijft de organisatie bewaard. "
        "Er wordt pas iets opgeslagen als je op Opslaan klikt."
    )
    cells = [to_cells(org) for org in base.organisations]
    frame = pd.DataFrame([{c: row.get(c, "") for c in TABLE_COLUMNS} for row in cells], columns=list(TABLE_COLUMNS))
    frame["actief"] = frame["actief"] == "ja"
    # A select cell shows an empty choice as "None"; the table shows a dash, and saving turns it back into "".
    frame["ook_domein"] = frame["ook_domein"].replace("", NO_SECOND_GROUP)
    edited = st.data_editor(
        frame,
        key=session.editor_key(),
        num_rows="fixed",
        hide_index=True,
        disabled=["id"],
        width="stretch",
        column_config=_column_config(),
    )
    rows = [_merged_row(row, edited.iloc[index]) for index, row in enumerate(cells)]
    pending = diff_cells({r["id"]: r for r in cells}, {r["id"]: r for r in rows})
    left, right = st.columns([1, 3])
    if not pending:
        right.caption("Geen wijzigingen.")
        return
    right.caption(f"Nog niet opgeslagen: {pending.summary()}.")
    if left.button("Opslaan", type="primary", key="beheer_tabel_opslaan"):
        save_cells(store, base, rows, author, note="tabel")


def _column_config() -> dict:
    label = COLUMN_LABELS
    config = {name: st.column_config.TextColumn(label[name], help=COLUMN_HELP[name]) for name in TABLE_COLUMNS}
    config["domein"] = st.column_config.SelectboxColumn(label["domein"], options=DOMAINS, required=True)
    config["ook_domein"] = st.column_config.SelectboxColumn(label["ook_domein"], options=[NO_SECOND_GROUP, *DOMAINS])
    config["actief"] = st.column_config.CheckboxColumn(label["actief"], help=COLUMN_HELP["actief"])
    return config


def _merged_row(original: dict[str, str], edited: pd.Series) -> dict[str, str]:
    row = dict(original)
    for column in TABLE_COLUMNS:
        value = edited[column]
        if column == "actief":
            row[column] = "ja" if bool(value) else "nee"
        else:
            empty = value is None or value == NO_SECOND_GROUP or (isinstance(value, float) and pd.isna(value))
            row[column] = "" if empty else str(value)
    return row
