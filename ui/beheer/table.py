"""Beheer: the whole list as a spreadsheet-like table."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from directory.contract import COLUMN_HELP, COLUMN_LABELS
from directory.model import DOMAIN_ORDER, Directory, Organisation
from directory.schema import to_cells
from directory.stores import ListStore
from directory.text import fold
from directory.typed import NAME_LIMIT, at_most
from ui.beheer.grid import EMPTY_CHOICE, edited_rows, kept_rows
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


# Rows in the editor at once. The table was the whole list: at 5,000 organisations every rerun turned each
# organisation into cells, compared them all and sent the grid to the browser.
PAGE_ROWS = 50


def table_section(store: ListStore, base: Directory, author: str) -> None:
    st.caption(
        "Pas cellen aan zoals in een spreadsheet. Lijsten scheid je met een puntkomma (;). "
        "Archiveren doe je door het vinkje bij actief weg te halen: dan blijft de organisatie bewaard. "
        "Er wordt pas iets opgeslagen als je op Opslaan klikt."
    )
    page = _page_of(base.organisations)
    cells = [to_cells(org) for org in page]
    config = _column_config()
    rows, pending = edited_rows(cells, TABLE_COLUMNS, ["actief"], session.editor_key(), config, dashes=["ook_domein"])
    left, middle, right = st.columns([1, 2, 1])
    if not session.pending_note(pending, middle, right):
        return
    if left.button("Opslaan", type="primary", key="beheer_tabel_opslaan"):
        save_cells(store, base, _whole_list(base, rows), author, note="tabel")


def _page_of(organisations: Sequence[Organisation]) -> Sequence[Organisation]:
    """The organisations in the editor: all of a short list; else a page, found by name or id.
    The editor keeps its edits by row number, so while there are unsaved edits the page cannot change.
    The search and the page are kept when the coordinator goes to another page and comes back, so the
    unsaved edits are on the page that is shown again."""
    if len(organisations) <= PAGE_ROWS:
        return organisations
    locked = session.table_has_edits()
    search, number = st.columns([3, 1])
    typed = search.text_input(
        "Zoek op naam of id",
        key="beheer_tabel_zoek",
        disabled=locked,
        placeholder="Bijvoorbeeld: voedselbank",
        persist_state="session",
    )
    # No max_chars: the browser drops a longer paste without a word; the search uses the first NAME_LIMIT.
    found = _matching(organisations, at_most(typed, NAME_LIMIT).text)
    pages = max(1, -(-len(found) // PAGE_ROWS))
    chosen = number.number_input(
        "Bladzijde", 1, pages, key="beheer_tabel_bladzijde", disabled=locked, persist_state="session"
    )
    chosen = min(int(chosen), pages)
    first = (chosen - 1) * PAGE_ROWS
    shown = found[first : first + PAGE_ROWS]
    where = f"{first + 1}-{first + len(shown)} van de {len(found)}" if shown else f"0 van de {len(found)}"
    note = " Sla eerst op of gooi je wijzigingen weg, dan kun je verder zoeken of bladeren." if locked else ""
    st.caption(f"Organisaties {where} (bladzijde {chosen} van {pages}).{note}")
    return shown


def _matching(organisations: Sequence[Organisation], typed: str) -> list[Organisation]:
    needle = fold(typed)
    if not needle:
        return list(organisations)
    return [o for o in organisations if needle in fold(o.naam) or needle in o.id]


def _whole_list(base: Directory, page_rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Every organisation as cells, with the rows of this page as edited, and unsaved edits kept for rows
    on no page now: a save is always the whole list."""
    edited = kept_rows(session.editor_key()) | {row["id"]: row for row in page_rows}
    return [edited.get(org.id) or to_cells(org) for org in base.organisations]


def _column_config() -> dict:
    label = COLUMN_LABELS
    config = {name: st.column_config.TextColumn(label[name], help=COLUMN_HELP[name]) for name in TABLE_COLUMNS}
    config["domein"] = st.column_config.SelectboxColumn(label["domein"], options=DOMAINS, required=True)
    config["ook_domein"] = st.column_config.SelectboxColumn(label["ook_domein"], options=[EMPTY_CHOICE, *DOMAINS])
    config["actief"] = st.column_config.CheckboxColumn(label["actief"], help=COLUMN_HELP["actief"])
    return config
