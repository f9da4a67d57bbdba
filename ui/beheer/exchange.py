"""Beheer: import with a preview first (organisations or regelingen), and export for Excel, Open Referral
or as the file itself."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from directory.csvfile import parse
from directory.importing import ImportPlan, rows_from_cells
from directory.model import Directory, DirectoryError, Problem
from directory.regelingen_schema import Regelingen
from directory.stores import ListStore
from ui.beheer.lists import ORGANISATIONS, BeheerList
from ui.beheer.saving import changes_rows, save_items, show_row_problems
from ui.text import md

MAX_UPLOAD_MB = 20


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
    upload = st.file_uploader("Kies een bestand", type=types, key=f"{key}_import_bestand")
    archive_missing = st.checkbox(
        f"{lijst.kind.noun.capitalize()} die niet in het bestand staan archiveren (actief = nee)",
        value=True,
        key=f"{key}_import_archiveren",
        help="Zet dit uit als het bestand maar een deel van de lijst bevat.",
    )
    if upload is None:
        return
    data = upload.getvalue()
    if len(data) > MAX_UPLOAD_MB * 1_000_000:
        st.error(f"Dit bestand is groter dan {MAX_UPLOAD_MB} MB. Is het wel de goede lijst?")
        return
    plan, notes = _plan(base, upload.name, data, archive_missing, lijst)
    if notes:
        with st.expander(f"Niet alles kon worden overgenomen ({len(notes)} meldingen)"):
            _problem_table(notes)
    if plan is None:
        return
    if not plan.ok:
        show_row_problems(plan.problems, [], lijst.item)
        return
    _preview(plan, base, lijst)
    if plan.kept_columns:
        st.caption(f"Niet in het bestand, dus de bestaande waarden blijven: {md(', '.join(plan.kept_columns))}.")
    if not plan.changes:
        st.info("Het bestand is hetzelfde als de lijst: er is niets te importeren.")
        return
    if st.button("Import bevestigen en opslaan", type="primary", key=f"{key}_import_bevestig"):
        save_items(store, base, plan.items, author, f"import uit {upload.name}", lijst)


def _plan(
    base, name: str, data: bytes, archive_missing: bool, lijst: BeheerList
) -> tuple[ImportPlan | None, list[Problem]]:
    try:
        if name.lower().endswith(".zip") and lijst is ORGANISATIONS:
            from directory.hsds import read_datapackage

            imported = read_datapackage(data, themes=base.themes)
            header, rows = rows_from_cells(imported.rows)
            notes = list(imported.problems)
        else:
            table = parse(data, name)
            header, rows, notes = list(table.header), list(table.rows), list(table.warnings)
            st.caption(f"Gelezen als: {table.dialect.describe()}.")
    except DirectoryError as exc:
        st.error("Dit bestand kan niet worden gelezen. Er is niets veranderd.")
        _problem_table(exc.problems)
        return None, []
    return lijst.plan(base, header, rows, archive_missing), notes


def _preview(plan: ImportPlan, base, lijst: BeheerList) -> None:
    st.markdown(f"**Na de import: {plan.changes.summary()}.**")
    names = {i.id: i for i in (*lijst.items(base), *plan.items)}
    rows = changes_rows(plan.changes, names, lijst.item)
    if rows:
        st.dataframe(rows, hide_index=True, width="stretch", key=f"{lijst.key}_import_voorbeeld")


def _problem_table(problems: list[Problem]) -> None:
    st.dataframe(
        [
            {"bestand": p.bestand or "", "regel": p.regel, "kolom": p.kolom or "", "melding": p.message}
            for p in problems
        ],
        hide_index=True,
        width="stretch",
    )


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
