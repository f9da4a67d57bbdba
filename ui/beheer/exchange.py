"""Beheer: import with a preview first, and export for Excel, Open Referral or as the file itself."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from directory.csvfile import parse
from directory.importing import ImportPlan, plan_import, rows_from_cells
from directory.model import Directory, DirectoryError, Problem
from directory.stores import ListStore
from ui.beheer.saving import changes_rows, save_organisations, show_row_problems
from ui.beheer.session import session
from ui.text import md

MAX_UPLOAD_MB = 20


def import_section(store: ListStore, base: Directory, author: str) -> None:
    st.caption(
        "Upload een lijst als CSV (ook uit Excel: puntkomma's en Windows-tekens mogen), of een Open Referral "
        "HSDS-datapakket als zip. Je ziet eerst wat er verandert; pas na bevestigen wordt er opgeslagen."
    )
    if session.blocked_by_table_edits():
        return
    upload = st.file_uploader("Kies een bestand", type=["csv", "txt", "zip"], key="beheer_import_bestand")
    archive_missing = st.checkbox(
        "Organisaties die niet in het bestand staan archiveren (actief = nee)",
        value=True,
        key="beheer_import_archiveren",
        help="Zet dit uit als het bestand maar een deel van de lijst bevat.",
    )
    if upload is None:
        return
    data = upload.getvalue()
    if len(data) > MAX_UPLOAD_MB * 1_000_000:
        st.error(f"Dit bestand is groter dan {MAX_UPLOAD_MB} MB. Is het wel de organisatielijst?")
        return
    plan, notes = _plan(base, upload.name, data, archive_missing)
    if notes:
        with st.expander(f"Niet alles kon worden overgenomen ({len(notes)} meldingen)"):
            _problem_table(notes)
    if plan is None:
        return
    if not plan.ok:
        show_row_problems(plan.problems, [])
        return
    _preview(plan, base)
    if plan.kept_columns:
        st.caption(f"Niet in het bestand, dus de bestaande waarden blijven: {md(', '.join(plan.kept_columns))}.")
    if not plan.changes:
        st.info("Het bestand is hetzelfde als de lijst: er is niets te importeren.")
        return
    if st.button("Import bevestigen en opslaan", type="primary", key="beheer_import_bevestig"):
        save_organisations(store, base, plan.organisations, author, note=f"import uit {upload.name}")


def _plan(base: Directory, name: str, data: bytes, archive_missing: bool) -> tuple[ImportPlan | None, list[Problem]]:
    try:
        if name.lower().endswith(".zip"):
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
    return plan_import(base, header, rows, archive_missing), notes


def _preview(plan: ImportPlan, base: Directory) -> None:
    st.markdown(f"**Na de import: {plan.changes.summary()}.**")
    names = {o.id: o for o in (*base.organisations, *plan.organisations)}
    rows = changes_rows(plan.changes, names)
    if rows:
        st.dataframe(rows, hide_index=True, width="stretch", key="beheer_import_voorbeeld")


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
    from directory.regelingen_export import excel_csv as regelingen_excel
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
        st.download_button(
            "Download de regelingen voor Excel (CSV)",
            data=lambda: regelingen_excel(schemes),
            file_name=f"vangnet-regelingen-{stamp}.csv",
            mime="text/csv",
            key="beheer_export_regelingen",
            help="Alle regelingen, ook de gesloten; om te lezen in Excel.",
        )
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
