"""Beheer: one organisation in a form (check, archive, edit) and a new organisation."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from directory.contract import COLUMN_BY_NAME, COLUMN_ORDER, Kind
from directory.model import Directory, Domain
from directory.names import row_labeller
from directory.schema import to_cells
from directory.stores import ListStore
from directory.vocab import Role
from ui.beheer.adding import AddTexts, add_form
from ui.beheer.lists import ORGANISATIONS, BeheerList
from ui.beheer.saving import save_one
from ui.beheer.session import session
from ui.beheer.table import DOMAINS
from ui.text import md


def organisation_section(store: ListStore, base: Directory, author: str) -> None:
    if session.blocked_by_table_edits():
        return
    org = choose_row(base.organisations, "Kies een organisatie", "gearchiveerd", ORGANISATIONS)
    if org is None:
        return
    row_actions(store, base, org, author, ORGANISATIONS)
    current = to_cells(org)
    with st.form(f"beheer_form_{org.id}_{session.revision}"):
        values = _fields(current, base, prefix=f"beheer_veld_{org.id}")
        submitted = st.form_submit_button("Wijzigingen opslaan", type="primary")
    if submitted:
        values.pop("id", None)  # the id is the key in links and referrals: it never changes here
        save_one(store, base, org.id, values, author, f"formulier: {org.id}", ORGANISATIONS)


def choose_row(rows, label: str, closed: str, lijst: BeheerList):
    """A row chosen by typing its name; archived rows are marked (`closed`: "gearchiveerd", "gesloten"), and
    rows with the same name show their id."""
    by_id = {row.id: row for row in rows}
    name = row_labeller(by_id)
    chosen = st.selectbox(
        label,
        list(by_id),
        format_func=lambda i: name(i) + ("" if by_id[i].actief else f" ({closed})"),
        key=f"{lijst.key}_kies",
        index=None,
        placeholder="Typ een naam",
    )
    return None if chosen is None else by_id[chosen]


def row_actions(store: ListStore, base, row, author: str, lijst: BeheerList) -> None:
    """The date of the last check, and the buttons for one row: checked today, archive or make active again."""
    checked = row.laatst_gecontroleerd.isoformat() if row.laatst_gecontroleerd else "nooit"
    st.caption(f"Laatst gecontroleerd: {checked}")
    left, middle, _ = st.columns(3)
    today = dt.date.today().isoformat()
    key = lijst.key
    if left.button("Markeer als gecontroleerd", key=f"{key}_gecontroleerd", help=f"Zet de controledatum op {today}"):
        save_one(store, base, row.id, {"laatst_gecontroleerd": today}, author, f"gecontroleerd: {row.id}", lijst)
    if row.actief:
        if middle.button("Archiveren", key=f"{key}_archiveren", help="Zet actief op nee; de gegevens blijven bewaard"):
            save_one(store, base, row.id, {"actief": "nee"}, author, f"gearchiveerd: {row.id}", lijst)
    elif middle.button("Weer actief maken", key=f"{key}_heractiveren"):
        save_one(store, base, row.id, {"actief": "ja"}, author, f"weer actief: {row.id}", lijst)


def _fields(current: dict[str, str], base: Directory, prefix: str) -> dict[str, str]:
    """One input per column, chosen by the column's kind in the contract, with its Dutch label and help;
    returns the cells as typed."""
    values: dict[str, str] = {}
    for column in (*COLUMN_ORDER, *(c for c in current if c not in COLUMN_ORDER)):
        if column == "actief":
            continue
        known = COLUMN_BY_NAME.get(column)
        # Labels are markdown; an extra column's name comes from a file, so it is shown as text.
        label = known.label if known else md(column)
        help_text = f"{known.help} (kolom `{column}`)" if known else "extra kolom uit het bestand"
        values[column] = _input(
            known.kind if known else Kind.TEXT,
            label,
            current.get(column, ""),
            base,
            key=f"{prefix}_{column}",
            help_text=help_text,
        )
    return values


def _input(kind: Kind, label: str, value: str, base: Directory, key: str, help_text: str) -> str:
    if kind in (Kind.DOMAIN, Kind.OPTIONAL_DOMAIN):
        options = DOMAINS if kind is Kind.DOMAIN else ["", *DOMAINS]
        return st.selectbox(
            label, options, index=_index(options, value), key=key, help=help_text, format_func=_domain_label
        )
    if kind is Kind.ROLE:
        options = ["", *(r.value for r in Role if r is not Role.HULP)]
        chosen = st.selectbox(
            label,
            options,
            index=_index(options, value if value != Role.HULP else ""),
            key=key,
            help=help_text,
            format_func=lambda v: f"{Role(v or Role.HULP).label}: {Role(v or Role.HULP).explanation}",
        )
        return chosen
    if kind is Kind.LIST and key.endswith("_themas"):
        themes = {t.id: t.naam for t in base.themes}
        chosen = [t for t in value.split(";") if t.strip()]
        options = list(dict.fromkeys([*themes, *chosen]))
        picked = st.multiselect(
            label, options, default=chosen, key=key, help=help_text, format_func=lambda t: themes.get(t, t)
        )
        return ";".join(picked)
    if kind is Kind.MULTILINE:
        return st.text_area(label, value, key=key, help=help_text)
    return st.text_input(label, value, key=key, help=help_text)


def _domain_label(value: str) -> str:
    return Domain(value).label if value else "—"


def _index(options: list[str], value: str) -> int:
    return options.index(value) if value in options else 0


# --- adding -------------------------------------------------------------------------------------


def add_section(store: ListStore, base: Directory, author: str) -> None:
    if session.blocked_by_table_edits():
        return
    st.caption("Verplicht: naam, domein, omschrijving, thema's en aanmelden. Het id maakt Vangnet uit de naam.")
    blank = {c: "" for c in COLUMN_ORDER} | {"actief": "ja", "laatst_gecontroleerd": dt.date.today().isoformat()}
    add_form(store, base, author, ORGANISATIONS, blank, _fields, ADD_TEXTS)


def _link_to_card(org_id: str) -> None:
    """The new organisation as volunteers see it (its page on Wie doet wat)."""
    st.page_link("pages/overzicht.py", label="Bekijk de organisatie bij Wie doet wat", query_params={"org": org_id})


ADD_TEXTS = AddTexts("Organisatie toevoegen", "de tab Eén organisatie", "gearchiveerd", _link_to_card)
