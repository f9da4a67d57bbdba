"""Beheer: import, export, history, freshness and blind spots. Rendering only; the core does the work."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import streamlit as st

from directory import health
from directory.csvfile import parse
from directory.importing import ImportPlan, plan_import, rows_from_cells
from directory.model import Directory, DirectoryError, Domain, Problem
from directory.stores import ListStore
from ui.editing import BASE, changes_rows, flash, save_organisations, show_row_problems, table_has_edits
from ui.text import md

LOCAL_TIME = ZoneInfo("Europe/Amsterdam")
MAX_UPLOAD_MB = 20


# --- import ---------------------------------------------------------------------------------------


def import_section(store: ListStore, base: Directory, author: str) -> None:
    st.caption(
        "Upload een lijst als CSV (ook uit Excel: puntkomma's en Windows-tekens mogen), of een Open Referral "
        "HSDS-datapakket als zip. Je ziet eerst wat er verandert; pas na bevestigen wordt er opgeslagen."
    )
    if table_has_edits():
        st.warning("Je hebt nog wijzigingen in de tabel die niet zijn opgeslagen. Sla die eerst op.")
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
    st.download_button(
        "Download Open Referral (HSDS 3.0, zip)",
        data=lambda: datapackage_zip(base),
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


# --- history --------------------------------------------------------------------------------------


def history_section(store: ListStore, author: str) -> None:
    entries = store.history()
    st.caption(
        "Elke versie van de afgelopen 12 maanden en de laatste 100 versies blijven bewaard (oudere versies ingepakt). "
        "Je kunt een oude versie terugzetten; dat wordt een nieuwe versie."
    )
    st.dataframe(
        [
            {
                "wanneer": e.timestamp.astimezone(LOCAL_TIME).strftime("%d-%m-%Y %H:%M"),
                "wie": e.author,
                "wat": e.summary(),
                "organisaties": ", ".join(e.added + tuple(e.changed) + e.removed)[:200],
                "opmerking": e.note,
                "versie": e.version,
            }
            for e in entries
        ],
        hide_index=True,
        width="stretch",
        key="beheer_geschiedenis_tabel",
    )
    older = [e for e in entries[1:] if e.available and e.version != entries[0].version]
    if not older:
        return
    labels = {e.version: f"{e.timestamp.astimezone(LOCAL_TIME):%d-%m-%Y %H:%M} door {e.author}" for e in older}
    version = st.selectbox(
        "Een oude versie terugzetten",
        list(labels),
        format_func=labels.get,
        index=None,
        placeholder="Kies een versie",
        key="beheer_herstel_versie",
    )
    if version is None:
        return
    sure = st.checkbox(
        "Ja, zet de lijst terug naar deze versie. Wijzigingen van daarna blijven in de geschiedenis.",
        key="beheer_herstel_zeker",
    )
    if table_has_edits():
        st.warning("Je hebt nog wijzigingen in de tabel die niet zijn opgeslagen. Sla die eerst op.")
        return
    if st.button("Versie terugzetten", disabled=not sure, key="beheer_herstel"):
        try:
            saved = store.restore(version, author)
        except DirectoryError as exc:
            show_row_problems(exc.problems, [])
            return
        st.session_state.pop(BASE, None)
        flash(f"De versie van {md(labels[version])} is teruggezet: {saved.changes.summary()}.")
        st.rerun()


# --- freshness and blind spots --------------------------------------------------------------------


def freshness_section(base: Directory) -> None:
    found = health.stale(base, dt.date.today())
    if not found:
        st.success("Alle actieve organisaties zijn in de afgelopen 12 maanden gecontroleerd.")
        return
    st.markdown(
        f"**{len(found)} van de {len(base.active)} actieve organisaties** zijn nooit of langer dan 12 maanden "
        "geleden gecontroleerd. Bel of mail ze, en klik dan bij *Eén organisatie* op *Markeer als gecontroleerd*."
    )
    st.dataframe([s.as_row() for s in found], hide_index=True, width="stretch", key="beheer_actualiteit")


def gaps_section(base: Directory) -> None:
    matrix = health.theme_domain_matrix(base)
    st.markdown("**Thema's en groepen.** Per thema het aantal organisaties met dit als kerntaak, en (deels) ernaast.")
    st.dataframe(matrix.as_rows(), hide_index=True, width="stretch", key="beheer_matrix")
    missing_prevention = health.gaps(matrix, Domain.PREVENTIE)
    if missing_prevention:
        st.markdown(f"**Geen preventie bij {len(missing_prevention)} thema's.** Hier is nog geen lichte hulp vooraf:")
        st.dataframe([g.as_row() for g in missing_prevention], hide_index=True, width="stretch", key="beheer_gaten")
    st.markdown("**Per wijk: thema's zonder organisatie in de wijk zelf.**")
    by_wijk = health.missing_by_wijk(base)
    rows = [row for gaps in by_wijk.values() for row in gaps.as_rows()]
    only_nobody = st.toggle("Alleen thema's waar in de hele stad niemand voor is", key="beheer_wijk_niemand")
    if only_nobody:
        rows = [r for r in rows if r["Wie helpt wel"] == health.Coverage.NIEMAND.value]
    st.dataframe(rows, hide_index=True, width="stretch", key="beheer_wijken")
