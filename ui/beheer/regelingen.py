"""Beheer: the regelingen (schemes), kept current with the same store and safety as the organisations.

The same lock, version check, validation (with the links to the organisation list), history and
restore; the same conflict view, import preview and problems per row and field. Only the fields
differ: they come from the regelingen contract, with its Dutch labels and help.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from directory.regelingen import freshness
from directory.regelingen_schema import (
    COLUMN_BY_NAME,
    COLUMNS,
    HOUSEHOLD_LABELS,
    HOUSEHOLDS,
    KINDS,
    Regelingen,
    to_cells,
)
from directory.stores import ListStore
from ui.beheer.adding import AddTexts, add_form, after_save
from ui.beheer.exchange import import_section, schemes_excel_button
from ui.beheer.form import choose_row, fixed_id, row_actions
from ui.beheer.grid import edited_rows
from ui.beheer.history import history_section
from ui.beheer.lists import SCHEMES
from ui.beheer.saving import conflict_section, save_cells, save_one, worded_for_form
from ui.regelingen import KIND_LABELS, scheme_store
from ui.text import md

PARTS = ("Tabel", "Eén regeling", "Nieuwe regeling", "Importeren", "Exporteren", "Geschiedenis")
KEY = SCHEMES.key
FLAGS = ("kinderen", "actief")  # yes/no columns: a checkbox in the table
session = SCHEMES.session


def regelingen_section(author: str) -> None:
    store = scheme_store()
    if store is None:
        st.info(
            "Er is nog geen lijst met regelingen. Zet een bestand regelingen.csv naast de organisatielijst; "
            "in de README staat welke kolommen erin horen."
        )
        return
    if session.conflict is not None:
        conflict_section(store, author, SCHEMES)
        return
    base: Regelingen | None = session.base_snapshot(store)
    if base is None:
        # A list that cannot be loaded is exactly when an older version is needed.
        st.markdown("**Geschiedenis van de regelingen**")
        history_section(store, author, SCHEMES)
        return
    after_save(SCHEMES, base)
    closed = len(base.regelingen) - len(base.active)
    st.caption(
        f"{len(base.active)} open en {closed} gesloten regelingen. Bij elke opslag controleert Vangnet ook of de "
        "organisaties bij *Hulp bij aanvragen* en de thema's in de lijsten staan."
    )
    part = st.radio("Wat wil je doen?", PARTS, horizontal=True, key=f"{KEY}_onderdeel")
    if part == "Tabel":
        table_section(store, base, author)
    elif part == "Eén regeling":
        scheme_section(store, base, author)
    elif part == "Nieuwe regeling":
        add_section(store, base, author)
    elif part == "Importeren":
        import_section(store, base, author, SCHEMES)
    elif part == "Exporteren":
        st.caption("Alleen gegevens van regelingen; er staat niets over cliënten in dit bestand.")
        schemes_excel_button(base, key=f"{KEY}_export")
    else:
        history_section(store, author, SCHEMES)


def table_section(store: ListStore, base: Regelingen, author: str) -> None:
    st.caption(
        "Pas cellen aan zoals in een spreadsheet. Lijsten scheid je met een puntkomma (;). Een regeling die "
        "stopt, archiveer je door het vinkje bij Actief weg te halen: dan blijft ze bewaard en wordt ze niet "
        "meer voorgesteld. Er wordt pas iets opgeslagen als je op Opslaan klikt."
    )
    cells = [to_cells(r) for r in base.regelingen]
    columns = [c.name for c in COLUMNS]
    rows, pending = edited_rows(cells, columns, FLAGS, session.editor_key(), _column_config())
    left, middle, right = st.columns([1, 2, 1])
    if not session.pending_note(pending, middle, right):
        return
    if left.button("Opslaan", type="primary", key=f"{KEY}_tabel_opslaan"):
        save_cells(store, base, rows, author, "tabel", SCHEMES)


def _column_config() -> dict:
    config = {c.name: st.column_config.TextColumn(c.label, help=c.help) for c in COLUMNS}
    kind = COLUMN_BY_NAME["soort"]
    config["soort"] = st.column_config.SelectboxColumn(kind.label, help=kind.help, options=list(KINDS), required=True)
    for flag in FLAGS:
        config[flag] = st.column_config.CheckboxColumn(COLUMN_BY_NAME[flag].label, help=COLUMN_BY_NAME[flag].help)
    return config


def scheme_section(store: ListStore, base: Regelingen, author: str) -> None:
    if session.blocked_by_table_edits():
        return
    regeling = choose_row(base.regelingen, "Kies een regeling", "gesloten", SCHEMES)
    if regeling is None:
        return
    row_actions(store, base, regeling, author, SCHEMES)
    stale = freshness(regeling)
    if stale and regeling.actief:
        st.warning(md(stale.capitalize()) + ". Pas de bedragen en het peiljaar aan als ze veranderd zijn.")
    with st.form(f"{KEY}_form_{regeling.id}_{session.revision}"):
        values = _fields(to_cells(regeling), base, prefix=f"{KEY}_veld_{regeling.id}")
        submitted = st.form_submit_button("Wijzigingen opslaan", type="primary")
    if submitted:
        values.pop("id", None)  # the id is the key in links and handovers: it never changes here
        wording = worded_for_form(regeling.id)
        save_one(store, base, regeling.id, values, author, f"formulier: {regeling.id}", SCHEMES, wording)


def add_section(store: ListStore, base: Regelingen, author: str) -> None:
    if session.blocked_by_table_edits():
        return
    required = ", ".join(c.label.lower() for c in COLUMNS if c.required and c.name not in ("id", "actief"))
    st.caption(f"Verplicht: {required}. Het id maakt Vangnet uit de naam.")
    blank = {c.name: "" for c in COLUMNS} | {"laatst_gecontroleerd": dt.date.today().isoformat()}
    add_form(store, base, author, SCHEMES, blank, _fields, ADD_TEXTS, worded_for_form(None))


ADD_TEXTS = AddTexts("Regeling toevoegen", "Eén regeling (kies het hierboven)", "gesloten")


def _fields(current: dict[str, str], base: Regelingen, prefix: str) -> dict[str, str]:
    """One input per column, chosen by the column's kind in the regelingen contract, with its Dutch label
    and help; extra columns from the file as text. Returns the cells as typed."""
    values: dict[str, str] = {}
    for name in (*COLUMN_BY_NAME, *(c for c in current if c not in COLUMN_BY_NAME)):
        if name == "actief":
            continue  # archiving has its own button, so it is never a side effect of a form
        column = COLUMN_BY_NAME.get(name)
        # Labels are markdown; an extra column's name comes from a file, so it is shown as text.
        label = column.label if column else md(name)
        help_text = f"{column.help} (kolom `{name}`)" if column else "extra kolom uit het bestand"
        kind = column.kind if column else "tekst"
        if name == "id" and current.get("id"):
            values[name] = fixed_id(label, current["id"], f"{prefix}_{name}")
            continue
        values[name] = _input(kind, name, label, current.get(name, ""), base, f"{prefix}_{name}", help_text)
    return values


def _input(kind: str, name: str, label: str, value: str, base: Regelingen, key: str, help_text: str) -> str:
    chosen = [v.strip() for v in value.split(";") if v.strip()]
    if kind == "keuze":
        return (
            st.selectbox(
                label,
                KINDS,
                index=KINDS.index(value) if value in KINDS else None,
                key=key,
                help=help_text,
                format_func=lambda k: KIND_LABELS.get(k, k),
                placeholder="Kies een soort",
            )
            or ""
        )
    if kind in ("lijst-keuze", "themas", "ids"):
        names = _options(kind, base)
        options = list(dict.fromkeys([*names, *chosen]))  # a value no longer offered stays visible
        picked = st.multiselect(
            label, options, default=chosen, key=key, help=help_text, format_func=lambda v: names.get(v, v)
        )
        return ";".join(picked)
    if name == "uitvoerder_id":
        names = {o.id: o.naam for o in base.directory.organisations}
        options = ["", *dict.fromkeys([*names, value])]
        return st.selectbox(
            label,
            options,
            index=options.index(value),
            key=key,
            help=help_text,
            format_func=lambda v: names.get(v, v) if v else "(niet in de lijst)",
        )
    if kind == "ja-nee":
        return "ja" if st.checkbox(label, value=value == "ja", key=key, help=help_text) else "nee"
    if kind == "tekst-meerdere-regels":
        return st.text_area(label, value, key=key, help=help_text)
    return st.text_input(label, value, key=key, help=help_text)


def _options(kind: str, base: Regelingen) -> dict[str, str]:
    """Values a multi-choice field offers, with the name shown for each."""
    if kind == "lijst-keuze":
        return {h: HOUSEHOLD_LABELS[h] for h in HOUSEHOLDS}
    if kind == "themas":
        return {t.id: t.naam for t in base.themes}
    # Only organisations that may help a client apply: active, and help or information.
    return {o.id: o.naam for o in base.directory.active if o.role.suggestable}
