"""Beheer: edit the list in a table or one organisation in a form, add, archive, and handle conflicts.

Every change goes through one path: cells -> the same validation as `check` -> Store.save. The
snapshot a coordinator works on is kept in the session (organisation data only), so a save made by
someone else in the meantime is detected and shown instead of overwritten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from directory.changes import ChangeSet, Clash, cells_by_id, diff_cells, merge
from directory.contract import COLUMN_BY_NAME, COLUMN_HELP, COLUMN_LABELS, COLUMN_ORDER, Kind
from directory.fields import new_identifier
from directory.importing import rows_from_cells
from directory.model import DOMAIN_ORDER, Directory, DirectoryError, Domain, Organisation, Problem
from directory.schema import to_cells, validate_rows
from directory.store import ConflictError
from directory.stores import ListStore
from directory.vocab import Role
from ui.text import md

BASE = "beheer_basis"
REVISION = "beheer_rev"
FLASH = "beheer_melding"
CONFLICT = "beheer_conflict"
RELOAD = "beheer_herladen_gevraagd"
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


# --- the snapshot this session works on -------------------------------------------------------


def base_snapshot(store: ListStore) -> Directory | None:
    """The list as this coordinator opened it. It changes only on their own save or when they ask.

    Reloading behind a coordinator's back would make open forms and the import preview refer to
    another version than they show; a save against the version they saw detects the conflict.
    """
    base: Directory | None = st.session_state.get(BASE)
    if base is None or st.session_state.pop(RELOAD, False):
        try:
            base = store.load()
        except DirectoryError as exc:
            from ui.data import show_problems

            show_problems(exc, intro="De organisatielijst kan niet worden geladen.", file_name=store.name)
            return None
        _start_from(base)
    elif base.version != store.current_version():
        left, right = st.columns([3, 1])
        left.info("Iemand anders heeft de lijst intussen opgeslagen. Laad de nieuwste versie voordat je verder gaat.")
        if right.button("Nieuwste versie laden", key="beheer_herladen", disabled=table_has_edits()):
            st.session_state[RELOAD] = True
            st.rerun()
    return base


def _start_from(snapshot: Directory) -> None:
    st.session_state[BASE] = snapshot
    st.session_state[REVISION] = st.session_state.get(REVISION, 0) + 1


def editor_key() -> str:
    return f"beheer_tabel_{st.session_state.get(REVISION, 0)}"


def table_has_edits() -> bool:
    state = st.session_state.get(editor_key()) or {}
    return bool(state.get("edited_rows")) if isinstance(state, dict) else False


def flash(message: str) -> None:
    st.session_state[FLASH] = message


def show_flash() -> None:
    message = st.session_state.pop(FLASH, None)
    if message:
        st.success(message)


# --- one way to save --------------------------------------------------------------------------


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
        st.session_state[CONFLICT] = {"base": base, "mine": tuple(organisations), "current": exc.current}
        st.rerun()
    except DirectoryError as exc:
        show_row_problems(exc.problems, [to_cells(o) for o in organisations])
        return False
    st.session_state.pop(CONFLICT, None)
    flash(f"Opgeslagen: {saved.changes.summary()}. Iedereen ziet de nieuwe lijst meteen.")
    _start_from(saved.directory)
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


# --- the table ----------------------------------------------------------------------------------


def table_section(store: ListStore, base: Directory, author: str) -> None:
    st.caption(
        "Pas cellen aan zoals in een spreadsheet. Lijsten scheid je met een puntkomma (;). "
        "Archiveren doe je door het vinkje bij actief weg te halen: dan blijft de organisatie bewaard. "
        "Er wordt pas iets opgeslagen als je op Opslaan klikt."
    )
    cells = [to_cells(org) for org in base.organisations]
    frame = pd.DataFrame([{c: row.get(c, "") for c in TABLE_COLUMNS} for row in cells], columns=list(TABLE_COLUMNS))
    frame["actief"] = frame["actief"] == "ja"
    edited = st.data_editor(
        frame,
        key=editor_key(),
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
    config["ook_domein"] = st.column_config.SelectboxColumn(label["ook_domein"], options=["", *DOMAINS])
    config["actief"] = st.column_config.CheckboxColumn(label["actief"], help=COLUMN_HELP["actief"])
    return config


def _merged_row(original: dict[str, str], edited: pd.Series) -> dict[str, str]:
    row = dict(original)
    for column in TABLE_COLUMNS:
        value = edited[column]
        if column == "actief":
            row[column] = "ja" if bool(value) else "nee"
        else:
            row[column] = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return row


# --- one organisation -------------------------------------------------------------------------


def organisation_section(store: ListStore, base: Directory, author: str) -> None:
    if table_has_edits():
        st.warning("Je hebt nog wijzigingen in de tabel die niet zijn opgeslagen. Sla die eerst op.")
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
    with st.form(f"beheer_form_{org.id}_{st.session_state.get(REVISION, 0)}"):
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
    if table_has_edits():
        st.warning("Je hebt nog wijzigingen in de tabel die niet zijn opgeslagen. Sla die eerst op.")
        return
    st.caption("Verplicht: naam, domein, omschrijving, thema's en aanmelden. Het id maakt Vangnet uit de naam.")
    blank = {c: "" for c in COLUMN_ORDER} | {"actief": "ja", "laatst_gecontroleerd": dt.date.today().isoformat()}
    with st.form(f"beheer_nieuw_{st.session_state.get(REVISION, 0)}"):
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


# --- after a conflict -----------------------------------------------------------------------------


def conflict_section(store: ListStore, author: str) -> None:
    conflict = st.session_state[CONFLICT]
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
        st.dataframe(_clash_rows(result.clashes), hide_index=True, width="stretch")
    left, right = st.columns(2)
    if left.button("Zet mijn wijzigingen op de nieuwste versie", type="primary", key="beheer_conflict_opnieuw"):
        save_cells(store, current, list(result.rows), author, note="opnieuw toegepast na een conflict")
    if right.button("Mijn wijzigingen weggooien", key="beheer_conflict_weg"):
        del st.session_state[CONFLICT]
        _start_from(current)
        flash("Je werkt nu met de nieuwste versie van de lijst.")
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


def _clash_rows(clashes: Sequence[Clash]) -> list[dict[str, str]]:
    return [
        {"organisatie": c.org_id, "veld": c.column, "eerst": c.base, "jij": c.mine, "de ander": c.theirs}
        for c in clashes
    ]
