"""Beheer: one organisation in a form (check, archive, edit) and a new organisation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import streamlit as st

from directory.contract import (
    COLUMN_BY_NAME,
    COLUMN_LABELS,
    COLUMN_ORDER,
    REQUIRED_COLUMNS,
    REQUIRED_WHEN_ARCHIVED,
    Kind,
    label_of,
)
from directory.fields import yes_no
from directory.model import Directory, Domain, Problem
from directory.names import row_labeller
from directory.schema import CHOOSE_THEMES, EMPTY_IN_FORM, to_cells
from directory.stores import ListStore
from directory.vocab import Role
from directory.wording import and_list
from ui.beheer.adding import AddTexts, add_form
from ui.beheer.lists import ORGANISATIONS, BeheerList
from ui.beheer.saving import Wording, save_one, worded_for_form
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
    st.caption(REQUIRED_CAPTION)
    current = to_cells(org)
    with st.form(f"beheer_form_{org.id}_{session.revision}"):
        values = _fields(current, base, prefix=f"beheer_veld_{org.id}")
        submitted = st.form_submit_button("Wijzigingen opslaan", type="primary")
    if submitted:
        values.pop("id", None)  # the id is the key in links and referrals: it never changes here
        wording = form_wording(org.id)
        save_one(store, base, org.id, values, author, f"formulier: {org.id}", ORGANISATIONS, wording)


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


# Help for a field whose widget differs from the cell in the file: themes are chosen, not typed with semicolons.
FORM_HELP = {"themas": "een of meer thema's: kies ze in de lijst"}


def _fields(current: dict[str, str], base: Directory, prefix: str) -> dict[str, str]:
    """One input per column, chosen by the column's kind in the contract, with its Dutch label and help;
    returns the cells as typed."""
    values: dict[str, str] = {}
    for column in (*COLUMN_ORDER, *(c for c in current if c not in COLUMN_ORDER)):
        if column == "actief":
            continue
        known = COLUMN_BY_NAME.get(column)
        # Labels are markdown; an extra column's name comes from a file, so it is shown as text.
        label = known.label if known else md(label_of(column))
        about = FORM_HELP.get(column, known.help) if known else ""
        help_text = f"{about} (kolom `{column}`)" if known else "extra kolom uit het bestand"
        if column == "id" and current.get("id"):
            values[column] = fixed_id(label, current["id"], f"{prefix}_{column}")
            continue
        values[column] = _input(
            known.kind if known else Kind.TEXT,
            label,
            current.get(column, ""),
            base,
            key=f"{prefix}_{column}",
            help_text=help_text,
        )
    return values


def fixed_id(label: str, value: str, key: str) -> str:
    """An existing row's id, shown but not editable: it is the key in links and referrals (the table keeps it
    fixed too), and a change here was dropped without a word."""
    return st.text_input(label, value, key=key, disabled=True, help=FIXED_ID_HELP)


FIXED_ID_HELP = "Vast: andere gegevens verwijzen ernaar, daarom verandert het nooit."


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
    st.caption(f"{REQUIRED_CAPTION} Laat je {COLUMN_LABELS['id']} leeg, dan maakt Vangnet die uit de naam.")
    blank = {c: "" for c in COLUMN_ORDER} | {"actief": "ja", "laatst_gecontroleerd": dt.date.today().isoformat()}
    add_form(store, base, author, ORGANISATIONS, blank, _fields, ADD_TEXTS, form_wording(None))


def _link_to_card(org_id: str) -> None:
    """The new organisation as volunteers see it (its page on Wie doet wat)."""
    st.page_link("pages/overzicht.py", label="Bekijk de organisatie bij Wie doet wat", query_params={"org": org_id})


ADD_TEXTS = AddTexts("Organisatie toevoegen", "de tab Eén organisatie", "gearchiveerd", _link_to_card)


# --- problems, said about the form ------------------------------------------------------------------


def _required_labels() -> str:
    return and_list([COLUMN_LABELS[name] for name in REQUIRED_COLUMNS if name not in ("id", "actief")])


# The fields the form cannot save without, by the labels the form shows.
REQUIRED_CAPTION = f"Verplicht: {_required_labels()}."

# What to do in a required field that is empty, by the widget the form has for it (ui.beheer.form._input).
_FILL_IN = {
    Kind.DOMAIN: "kies er een in de lijst",
    Kind.OPTIONAL_DOMAIN: "kies er een in de lijst",
    Kind.ROLE: "kies er een in de lijst",
}


def form_message(problem: Problem, cells: Mapping[str, str]) -> str:
    """The message of a problem in the form's row, about the form's field: an empty required field says
    what to do in that field (type, or choose in the list); other messages as the checks word them for a form
    (Problem.in_form: fields by their labels)."""
    name = problem.kolom
    column = COLUMN_BY_NAME.get(name or "")
    if column is not None and name in _required(cells) and not str(cells.get(name, "")).strip():
        what = CHOOSE_THEMES if name == "themas" else _FILL_IN.get(column.kind, f"vul in: {column.help}")
        return f"{EMPTY_IN_FORM}; {what}"
    return problem.in_form or problem.message


def _required(cells: Mapping[str, str]) -> tuple[str, ...]:
    try:
        archived = not yes_no(cells.get("actief", "")) if str(cells.get("actief", "")).strip() else False
    except ValueError:  # not ja or nee: the check of that field says so
        archived = False
    return REQUIRED_WHEN_ARCHIVED if archived else REQUIRED_COLUMNS


def form_wording(row_id: str | None) -> Wording:
    """How the organisation form says problems (see ui.beheer.saving.form_wording), with form_message."""
    return worded_for_form(row_id, form_message)
