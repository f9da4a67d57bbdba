"""Beheer: who needs a check, and where help is missing (blind spots), with Dutch labels on the core's data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import streamlit as st

from directory import health
from directory.matching import FIELD_REASONS, ThemeHint, theme_hints
from directory.model import Directory, Domain
from directory.regelingen import stale as stale_schemes
from ui.data import get_directory
from ui.regelingen import get_regelingen


def freshness_section(base: Directory) -> None:
    found = health.stale(base, dt.date.today())
    if not found:
        st.success("Alle actieve organisaties zijn in de afgelopen 12 maanden gecontroleerd.")
    else:
        st.markdown(
            f"**{len(found)} van de {len(base.active)} actieve organisaties** zijn nooit of langer dan 12 maanden "
            "geleden gecontroleerd. Bel of mail ze, en klik dan bij *Eén organisatie* op *Markeer als gecontroleerd*."
        )
        stale_tables(found)
    unreachable_section(base)
    schemes = get_regelingen(base)
    if schemes is None:
        return
    old = stale_schemes(schemes, dt.date.today())
    if not old:
        st.success("De bedragen van alle regelingen zijn van dit jaar.")
        return
    st.markdown(f"**{len(old)} regelingen** hebben bedragen van een eerder jaar. Controleer ze bij de uitvoerder.")
    rows = [{"Regeling": r.naam, "Uitvoerder": r.uitvoerder, "Waarom": note} for r, note in old]
    st.dataframe(rows, hide_index=True, width="stretch", key="beheer_actualiteit_regelingen")


def unreachable_section(base: Directory) -> None:
    """Organisations a volunteer may refer to but cannot contact: a warm handover has nobody to call."""
    found = health.unreachable(base)
    if not found:
        st.success("Alle organisaties waar vrijwilligers naar verwijzen, hebben een telefoonnummer, e-mail of website.")
        return
    st.markdown(
        f"**{len(found)} organisaties zonder telefoonnummer, e-mail of website.** Vrijwilligers verwijzen hierheen, "
        "maar bij de warme overdracht weten ze niet wie ze kunnen bellen. Zoek de gegevens op en vul ze in bij "
        "*Eén organisatie*."
    )
    rows = [{"Organisatie": o.naam, "Aanmelden": o.aanmelden, "Adres": o.adres} for o in found]
    st.dataframe(rows, hide_index=True, width="stretch", key="beheer_actualiteit_onbereikbaar")


def stale_tables(found: list[health.StaleOrganisation]) -> None:
    """Never checked and checked too long ago, each in its own table. In one table "Dagen geleden" had no
    number for a never-checked organisation, and Streamlit shows an empty number as "None"; as text the
    column would sort 1000 before 400."""
    never = [s for s in found if s.dagen is None]
    long_ago = [s for s in found if s.dagen is not None]
    if never:
        st.markdown(f"**Nooit gecontroleerd ({len(never)})**")
        st.dataframe(
            [never_checked_row(s) for s in never], hide_index=True, width="stretch", key="beheer_actualiteit_nooit"
        )
    if long_ago:
        st.markdown(f"**Langer dan 12 maanden geleden gecontroleerd ({len(long_ago)})**, het langst geleden eerst")
        st.dataframe(
            [checked_long_ago_row(s) for s in long_ago],
            hide_index=True,
            width="stretch",
            key="beheer_actualiteit",
            column_config={
                # A date, not text: sorting on this column then goes by date, not by day of the month.
                "Laatst gecontroleerd": st.column_config.DateColumn(format="DD-MM-YYYY"),
                "Dagen geleden": st.column_config.NumberColumn(format="%d"),
            },
        )


def gaps_section(base: Directory) -> None:
    matrix = health.theme_domain_matrix(base)
    st.markdown("**Thema's en groepen.** Per thema het aantal organisaties met dit als kerntaak, en (deels) ernaast.")
    st.dataframe(matrix_rows(matrix), hide_index=True, width="stretch", key="beheer_matrix")
    missing_prevention = health.gaps(matrix, Domain.PREVENTIE)
    if missing_prevention:
        st.markdown(f"**Geen preventie bij {len(missing_prevention)} thema's.** Hier is nog geen lichte hulp vooraf:")
        st.dataframe([gap_row(g) for g in missing_prevention], hide_index=True, width="stretch", key="beheer_gaten")
    st.markdown("**Per wijk: thema's zonder organisatie in de wijk zelf.**")
    by_wijk = health.missing_by_wijk(base)
    only_nobody = st.toggle("Alleen thema's waar in de hele stad niemand voor is", key="beheer_wijk_niemand")
    st.dataframe(wijk_rows(by_wijk.values(), only_nobody), hide_index=True, width="stretch", key="beheer_wijken")
    hints_section(base)


HINTS_SHOWN = 200  # the strongest; a table of thousands helps nobody, and Streamlit sends it on every rerun


def hints_section(base: Directory) -> None:
    """Themes the organisations' own words point to: a list converted from a catalogue has broad themes."""
    # The app's shared list has the match index already (Hulpvraag built it); this coordinator's own copy of
    # the same version would build a second one, seconds at 100,000 organisations.
    shared = get_directory()
    hints = theme_hints(shared if shared is not None and shared.version == base.version else base)
    st.markdown("**Thema's die de eigen tekst noemt.**")
    if not hints:
        st.success("Bij geen enkele organisatie wijst de eigen tekst duidelijk naar een thema dat ze nog niet heeft.")
        return
    shown = f"de {HINTS_SHOWN} duidelijkste staan hieronder" if len(hints) > HINTS_SHOWN else "ze staan hieronder"
    st.markdown(
        f"**{len(hints)} keer** staat er in de naam, de trefwoorden of de beschrijving van een organisatie een woord "
        f"van een thema dat ze nog niet heeft ({shown}). Klopt het, voeg het thema dan toe bij *Eén organisatie*: "
        "dan vinden Wie doet wat, Verwijsroutes en de blinde vlekken haar ook. Klopt het niet, dan hoef je niets "
        "te doen. Hulpvraag vindt haar met dat woord al."
    )
    names = {theme.id: theme.naam for theme in base.themes}
    rows = [hint_row(h, names) for h in hints[:HINTS_SHOWN]]
    st.dataframe(rows, hide_index=True, width="stretch", key="beheer_themahints")


# Dutch labels for the plain data of directory.health.


def stale_row(found: health.StaleOrganisation) -> dict[str, object]:
    checked = found.laatst_gecontroleerd
    return {
        "Organisatie": found.organisation.naam,
        "Groep": found.organisation.domein.label,
        "Laatst gecontroleerd": checked.strftime("%d-%m-%Y") if checked else "nooit",
        "Dagen geleden": found.dagen,
    }


def never_checked_row(found: health.StaleOrganisation) -> dict[str, object]:
    return {"Organisatie": found.organisation.naam, "Groep": found.organisation.domein.label}


def checked_long_ago_row(found: health.StaleOrganisation) -> dict[str, object]:
    """Only for an organisation that was checked once: both its date and its number of days are there."""
    return {
        "Organisatie": found.organisation.naam,
        "Groep": found.organisation.domein.label,
        "Laatst gecontroleerd": found.laatst_gecontroleerd,
        "Dagen geleden": found.dagen,
    }


def matrix_rows(matrix: health.ThemeDomainMatrix) -> list[dict[str, object]]:
    """One row per theme; per group the core count and, beside it, the partial count."""
    rows = []
    for theme in matrix.themes:
        row: dict[str, object] = {"Thema": theme.naam}
        for domain in matrix.domains:
            cell = matrix.cell(theme.id, domain)
            row[domain.label] = cell.kern
            row[f"{domain.label} (deels)"] = cell.deels
        rows.append(row)
    return rows


def wijk_rows(by_wijk: Iterable[health.WijkGaps], only_nobody: bool = False) -> list[dict[str, object]]:
    """Filtered on the data (who covers it), never on the text shown."""
    return [
        {"Wijk": gaps.wijk, "Thema": missing.thema.naam, "Wie helpt wel": missing.dekking.value}
        for gaps in by_wijk
        for missing in gaps.ontbreekt
        if not only_nobody or missing.dekking is health.Coverage.NIEMAND
    ]


def hint_row(hint: ThemeHint, names: dict[str, str]) -> dict[str, object]:
    # What to check first, what it has last: the table is wider than a screen.
    return {
        "Organisatie": hint.organisation.naam,
        "Past misschien ook bij": hint.theme_name,
        "Want er staat": f"{hint.word} ({FIELD_REASONS[hint.field]})",
        "Heeft nu": ", ".join(names.get(t, t) for t in hint.organisation.themas),
    }


def gap_row(gap: health.Gap) -> dict[str, object]:
    partly = f"alleen deels ({gap.cell.deels})" if gap.only_partly else "niemand"
    return {"Thema": gap.cell.thema.naam, "Groep": gap.cell.domein.label, "Wie helpt wel": partly}
