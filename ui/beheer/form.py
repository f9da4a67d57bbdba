"""Beheer: one organisation in a form (check, archive, edit) and a new organisation."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from directory.contract import COLUMN_BY_NAME, COLUMN_ORDER, Kind
from directory.fields import new_identifier
from directory.model import Directory, Domain, Organisation, Problem
from directory.schema import to_cells
from directory.stores import ListStore
from directory.vocab import Role
from ui.beheer.saving import save_cells, show_row_problems
from ui.beheer.session import session
from ui.beheer.table import DOMAINS
from ui.text import md


def organisation_section(store: ListStore, base: Directory, author: str) -> None:
    if session.blocked_by_table_edits():
        return
    by_id = base.by_id
    org_id = st.selectbox(
        "Kies een organisatie",
        list(by_id),
        format_func=lambda i: by_id[i].naam + ("" if by_id[i].actief else " (gearchiveerd)"),
        key="beheer_kies",
        index=None,
        placeholder="Typ een naam",
    )
    if org_id is None:
        return
    org = by_id[org_id]
    checked = org.laatst_gecontroleerd.isoformat() if org.laatst_gecontroleerd else "nooit"
    st.caption(f"Laatst gecontroleerd: {checked}")
    left, middle, _ = st.columns(3)
    today = dt.date.today().isoformat()
    if left.button("Markeer als gecontroleerd", key="beheer_gecontroleerd", help=f"Zet de controledatum op {today}"):
        _save_one(store, base, org, {"laatst_gecontroleerd": today}, author, f"gecontroleerd: {org.id}")
    if org.actief:
        if middle.button("Archiveren", key="beheer_archiveren", help="Zet actief op nee; de gegevens blijven bewaard"):
            _save_one(store, base, org, {"actief": "nee"}, author, f"gearchiveerd: {org.id}")
    elif middle.button("Weer actief maken", key="beheer_heractiveren"):
        _save_one(store, base, org, {"actief": "ja"}, author, f"weer actief: {org.id}")

    current = to_cells(org)
    with st.form(f"beheer_form_{org.id}_{session.revision}"):
        values = _fields(current, base, prefix=f"beheer_veld_{org.id}")
        submitted = st.form_submit_button("Wijzigingen opslaan", type="primary")
    if submitted:
        values.pop("id", None)  # the id is the key in links and referrals: it never changes here
        _save_one(store, base, org, values, author, f"formulier: {org.id}")


def _save_one(store: ListStore, base: Directory, org: Organisation, values: dict[str, str], author: str, note: str):
    before = [to_cells(o) for o in base.organisations]
    rows = [{**row, **values} if row["id"] == org.id else row for row in before]
    if rows == before:
        st.info("Er is niets veranderd.")
        return
    save_cells(store, base, rows, author, note)


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
    with st.form(f"beheer_nieuw_{session.revision}"):
        values = _fields(blank, base, prefix="beheer_nieuw")
        submitted = st.form_submit_button("Organisatie toevoegen", type="primary")
    if not submitted:
        return
    values["actief"] = "ja"
    values["id"] = values.get("id", "").strip() or new_identifier(values.get("naam", ""), base.by_id)
    if values["id"] in base.by_id:
        show_row_problems([Problem(f"'{values['id']}' bestaat al; kies een ander id", kolom="id")], [])
        return
    rows = [to_cells(o) for o in base.organisations] + [values]
    save_cells(store, base, rows, author, note=f"toegevoegd: {values['id']}")
