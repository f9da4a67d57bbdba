"""Beheer: import with a preview first (organisations or regelingen), and export for Excel, Open Referral
or as the file itself."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from directory.csvfile import MAX_FILE_BYTES, Row, parse
from directory.importing import ImportPlan, rows_from_cells
from directory.model import Directory, DirectoryError, Problem
from directory.names import same_name_key
from directory.regelingen_schema import Regelingen
from directory.stores import ListStore
from directory.wording import or_list
from ui.beheer.lists import ORGANISATIONS, BeheerList
from ui.beheer.saving import (
    PROBLEMS_LISTED,
    problem_sentence,
    save_items,
    show_changes,
    show_file_problems,
    show_problem_lines,
)
from ui.text import md

# The same limit as for reading a list at all (about 100,000 organisations); .streamlit/config.toml sets the
# uploader's own limit (server.maxUploadSize) to match, so the uploader does not promise more.
MAX_UPLOAD_MB = MAX_FILE_BYTES // 1_000_000


def import_section(store: ListStore, base, author: str, lijst: BeheerList = ORGANISATIONS) -> None:
    """A file in, a preview of what changes, and a save only after confirming. Organisations may also come
    as an HSDS zip; HSDS has no table of its own for schemes, so those come as CSV."""
    hsds = lijst is ORGANISATIONS
    st.caption(
        "Upload een lijst als CSV (ook uit Excel: puntkomma's en Windows-tekens mogen)"
        + (", of een Open Referral HSDS-datapakket als zip" if hsds else "")
        + ". Je ziet eerst wat er verandert; pas na bevestigen wordt er opgeslagen."
    )
    if lijst.session.blocked_by_table_edits():
        return
    key = lijst.key
    types = ["csv", "txt", "zip"] if hsds else ["csv", "txt"]
    # The key changes with every save of this coordinator (the snapshot's revision): after a successful
    # import the uploader is empty again, instead of comparing the same file with the list it just made.
    upload = _uploader(types, key=f"{key}_import_bestand_{lijst.session.revision}")
    noun = lijst.kind.noun
    # Off unless asked for: a file with part of the list must not archive the rest by surprise.
    archive_missing = st.checkbox(
        f"{noun.capitalize()} die niet in het bestand staan archiveren (actief = nee)",
        value=False,
        key=f"{key}_import_archiveren",
        help=(
            f"Zet dit alleen aan als het bestand de hele lijst is. Dan krijgen {noun} die er niet in staan "
            "actief = nee; ze blijven bewaard. Je ziet eerst welke het zijn."
        ),
    )
    if upload is None:
        return
    data = upload.getvalue()
    if len(data) > MAX_FILE_BYTES:
        st.error(f"Dit bestand is groter dan {MAX_UPLOAD_MB} MB. Is het wel de goede lijst?")
        return
    is_zip = upload.name.lower().endswith(".zip") and hsds
    read = _read(base, upload.name, data, is_zip)
    if read is None:
        return
    header, rows, notes = read
    if notes:
        with st.expander(f"Niet alles kon worden overgenomen ({len(notes)} meldingen)"):
            _show_problems(notes)
    if not rows:
        _say_there_are_no_rows(upload.name, is_zip, archive_missing, lijst)
        return
    plan = lijst.plan(base, header, rows, archive_missing)
    if not plan.ok:
        show_file_problems(plan.problems, rows, upload.name, lijst.item, lines=not is_zip)
        return
    _preview(plan, base, lijst)
    _say_what_happens_to_the_rest(base, rows, archive_missing, lijst)
    if plan.kept_columns:
        st.caption(f"Niet in het bestand, dus de bestaande waarden blijven: {md(', '.join(plan.kept_columns))}.")
    if not plan.changes:
        st.info("Het bestand is hetzelfde als de lijst: er is niets te importeren.")
        return
    if st.button("Import bevestigen en opslaan", type="primary", key=f"{key}_import_bevestig"):
        save_items(store, base, plan.items, author, f"import uit {upload.name}", lijst)


def _uploader(types: list[str], key: str):
    """Streamlit's uploader with Dutch around it. Its own texts (the button "Upload", "Drag and drop a file
    here" while dragging, "100MB per file • CSV, TXT, ZIP") are fixed in English in Streamlit's frontend: no
    parameter or setting changes them. So the caption right above it says in Dutch what to do, which files and
    how large; the English size hint is hidden by the page's style sheet (ui.shell: it says nothing the caption
    does not), and the help explains the English word on the button."""
    endings = or_list([f".{t}" for t in types])
    kinds = "een CSV-bestand (uit Excel mag ook) of een HSDS-zip" if "zip" in types else "een CSV-bestand"
    st.caption(
        "Sleep het bestand naar het vak hieronder, of klik op de knop Upload en kies het bestand op je computer. "
        f"Kies {kinds}: de naam eindigt op {endings}. Een bestand mag hooguit {MAX_UPLOAD_MB} MB zijn."
    )
    return st.file_uploader(
        f"Kies een bestand (hooguit {MAX_UPLOAD_MB} MB)",
        type=types,
        key=key,
        help=(
            f"Kies {kinds} ({endings}), hooguit {MAX_UPLOAD_MB} MB per bestand. "
            "Op de knop in het vak staat Engels: 'Upload' betekent: kies een bestand."
        ),
    )


def _say_what_happens_to_the_rest(base, rows: list[Row], archive: bool, lijst: BeheerList) -> None:
    """Active rows of the list that the file does not have: archived only when asked, and always said."""
    names = {name for row in rows[:1] for name in row.cells}
    id_column = next((name for name in names if lijst.kind.column_name(name) == "id"), "id")
    in_file = {(row.cells.get(id_column) or "").strip() for row in rows}
    missing = [item.id for item in lijst.items(base) if item.actief and item.id not in in_file]
    if not missing:
        return
    count = len(missing)
    who = f"1 {lijst.item} staat" if count == 1 else f"{count} {lijst.kind.noun} staan"
    if archive:
        st.warning(
            f"Let op: {who} niet in het bestand. {'Die wordt' if count == 1 else 'Die worden'} gearchiveerd "
            "(actief = nee): in de tabel hierboven staat dan 'gearchiveerd'. Staat in het bestand maar een deel "
            "van de lijst? Haal dan het vinkje bij archiveren weg."
        )
    else:
        st.caption(f"{who} niet in het bestand. Daar verandert niets aan.")


def _read(base, name: str, data: bytes, is_zip: bool) -> tuple[list[str], list[Row], list[Problem]] | None:
    """The file's header and rows (with their line numbers, to say where a problem is), and notes on what
    could not be taken over; None, after saying why, when the file cannot be read at all."""
    try:
        if is_zip:
            from directory.hsds import read_datapackage

            imported = read_datapackage(data, themes=base.themes)
            header, rows = rows_from_cells(imported.rows)
            return header, rows, list(imported.problems)
        table = parse(data, name)
    except DirectoryError as exc:
        st.error(
            f"{md(name)} kan niet worden gelezen. Er is niets veranderd. "
            "Pas het bestand aan, bijvoorbeeld in Excel of Kladblok, en upload het opnieuw."
        )
        _show_problems(exc.problems)
        return None
    st.caption(f"Gelezen als: {table.dialect.describe()}.")
    return list(table.header), list(table.rows), list(table.warnings)


def _say_there_are_no_rows(name: str, is_zip: bool, archive_missing: bool, lijst: BeheerList) -> None:
    """A file with only its header: an import must never read that as "the list without any of its rows"."""
    noun = lijst.kind.noun
    where = (
        f"In dit datapakket staan geen {noun}"
        if is_zip
        else (f"In {md(name)} staan geen {noun}, alleen de kolomnamen op de eerste regel")
    )
    kept = f" Er is ook niets gearchiveerd: alle {noun} blijven zoals ze zijn." if archive_missing else ""
    st.error(
        f"Er is niets geïmporteerd. {where}. Er is dus niets veranderd.{kept} "
        f"Kies het goede bestand, of zet de {noun} in het bestand (één per regel, onder de kolomnamen) "
        "en upload het opnieuw."
    )


def _preview(plan: ImportPlan, base, lijst: BeheerList) -> None:
    st.markdown(f"**Na de import: {plan.changes.summary()}.**")
    names = {i.id: i for i in (*lijst.items(base), *plan.items)}
    show_changes(plan.changes, names, lijst, key=f"{lijst.key}_import_voorbeeld")
    _warn_same_names(plan, lijst)


def _warn_same_names(plan: ImportPlan, lijst: BeheerList) -> None:
    """New rows whose name another row already has (compared as in the add form): the file may use another id
    for the same organisation, and the import would then add it a second time. Said, not refused: the import
    is confirmed anyway, and two organisations may share a name."""
    added = set(plan.changes.added)
    if not added:
        return
    by_name: dict[str, list] = {}
    for row in plan.items:  # grouped once: a whole new list may add thousands of rows
        by_name.setdefault(same_name_key(row.naam), []).append(row)
    lines = []
    for row in plan.items:
        if row.id in added:
            key = same_name_key(row.naam)
            others = [o for o in by_name[key] if o.id != row.id] if key else []
            if others:
                same = ", ".join(f"{md(o.naam)} ({md(o.id)})" for o in others)
                lines.append(f"- **{md(row.naam)} ({md(row.id)})** heeft dezelfde naam als {same}")
    if not lines:
        return
    st.warning(
        f"Let op: {len(lines)} nieuwe {lijst.item if len(lines) == 1 else lijst.kind.noun} "
        f"{'heeft' if len(lines) == 1 else 'hebben'} dezelfde naam als een andere in de lijst. "
        "Is het dezelfde? Zet dan in het bestand het id dat al in de lijst staat; anders komt er een tweede bij.\n\n"
        + "\n".join(lines[:PROBLEMS_LISTED])
        + (f"\n\nEn nog {len(lines) - PROBLEMS_LISTED}." if len(lines) > PROBLEMS_LISTED else "")
    )


def _show_problems(problems: list[Problem]) -> None:
    """Problems reading a file, each as a whole sentence with where it is (file, regel, kolom) in front: in a
    table cell the what-to-do part was cut off. A long list also comes as a table, below the first ones."""
    sentences, table = [], []
    for p in problems:
        place = [p.bestand] if p.bestand else []
        place += [f"regel {p.regel}"] if p.regel is not None else []
        place += [f"kolom {p.kolom}"] if p.kolom else []
        sentences.append(problem_sentence(md(", ".join(place)), p.message))
        row = {"bestand": p.bestand or ""} if any(q.bestand for q in problems) else {}
        table.append(row | {"regel": p.regel, "kolom": p.kolom or "", "melding": p.message})
    show_problem_lines(sentences, table)


# --- export ---------------------------------------------------------------------------------------


def export_section(base: Directory) -> None:
    from directory.export import excel_csv
    from directory.hsds import datapackage_zip
    from directory.regelingen_export import hsds_tables
    from ui.regelingen import get_regelingen

    st.caption("Alleen gegevens van organisaties; er staat niets over cliënten in deze bestanden.")
    stamp = dt.date.today().isoformat()
    st.download_button(
        "Download voor Excel (CSV)",
        data=lambda: excel_csv(base),
        file_name=f"vangnet-organisaties-{stamp}.csv",
        mime="text/csv",
        key="beheer_export_excel",
        help="Puntkomma's en UTF-8, zodat Excel de letters goed toont. Om te lezen, niet om terug te importeren.",
    )
    schemes = get_regelingen(base)
    if schemes is not None:
        schemes_excel_button(schemes, key="beheer_export_regelingen")
    extra = hsds_tables(schemes) if schemes is not None else None  # schemes as services of their uitvoerder
    st.download_button(
        "Download Open Referral (HSDS 3.0, zip)",
        data=lambda: datapackage_zip(base, extra),
        file_name=f"vangnet-hsds-{stamp}.zip",
        mime="application/zip",
        key="beheer_export_hsds",
        help=(
            "De internationale standaard voor sociale kaarten, voor uitwisseling met andere systemen. "
            "Deze bestanden zijn niet om in Excel te openen: een cel die met =, +, - of @ begint, "
            "kan Excel dan als formule uitvoeren. Gebruik voor Excel de knop hierboven."
        ),
    )
    if base.source is not None:
        st.download_button(
            "Download de lijst zelf (organisaties.csv)",
            data=lambda: base.source.read_bytes(),
            file_name=base.source.name,
            mime="text/csv",
            key="beheer_export_bron",
            help="Precies het bestand zoals Vangnet het bewaart; dit kun je later weer importeren.",
        )


def schemes_excel_button(schemes: Regelingen, key: str) -> None:
    """The regelingen for Excel: on the export tab beside the organisations, and on the Regelingen tab."""
    from directory.regelingen_export import excel_csv

    st.download_button(
        "Download de regelingen voor Excel (CSV)",
        data=lambda: excel_csv(schemes),
        file_name=f"vangnet-regelingen-{dt.date.today().isoformat()}.csv",
        mime="text/csv",
        key=key,
        help="Alle regelingen, ook de gesloten; om te lezen in Excel, niet om terug te importeren.",
    )
