"""Showing schemes (regelingen): the list loaded once per version, and one card per scheme that may apply."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

import streamlit as st

from directory import Directory, DirectoryError
from directory.csvfile import file_version
from directory.handover import SchemeLine
from directory.normen import net_amount, net_income_share, norm_beside
from directory.regelingen import Mogelijk
from directory.regelingen_schema import FILE_NAME, HOUSEHOLD_LABELS, Regelingen, load_regelingen
from directory.store import Store
from directory.store import scheme_store as store_for_schemes
from ui.data import list_store, settings, show_problems
from ui.text import md

KIND_LABELS = {"gemeentelijk": "Gemeente", "landelijk": "Landelijk", "fonds": "Fonds"}
DETAIL_PAGE = "pages/overzicht.py"

# The income, asked in the unit the user chooses. Each unit has its own field (its own key), so a number
# is never read in the other unit; a switch fills the new field with the converted value when the norm
# is known, else leaves it empty, and says which of the two it did.
PERCENT, NET = "Als % van het sociaal minimum", "Netto per maand (euro)"
UNIT_KEY, HOUSEHOLD_KEY, NOTE_KEY = "regeling_inkomen_soort", "regeling_huishouden", "regeling_inkomen_uitleg"
INCOME_KEYS = {PERCENT: "regeling_inkomen_procent", NET: "regeling_inkomen_netto"}
# Whole numbers only: Streamlit's number field cannot show a Dutch decimal comma, and "1500" or "117"
# cannot be misread, where "1500.00" or "117.4" can. The exact percentage is still used and shown below.
INCOME_LABELS = {PERCENT: "Inkomen in % van het sociaal minimum", NET: "Netto inkomen per maand, in hele euro's"}
MAX_PERCENT, MAX_NET = 1000, 99_999
CLEARED = "Het inkomen is leeggemaakt: een bedrag en een percentage zijn niet hetzelfde. Vul het opnieuw in."


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(path: str, version: str, _directory: Directory, directory_version: str) -> Regelingen:
    # `version` and `directory_version` are only the cache key. Holds scheme and organisation data only.
    return load_regelingen(path, _directory)


def get_regelingen(directory: Directory) -> Regelingen | None:
    """The schemes beside the organisation list, or None when there are none (or they cannot be loaded)."""
    path = settings().data_path.with_name(FILE_NAME)
    if not path.is_file():
        return None
    try:
        return _load(str(path), file_version(path), directory, directory.version)
    except DirectoryError as exc:
        show_problems(exc, intro=f"De lijst met regelingen ({FILE_NAME}) kan niet worden geladen.", file_name=FILE_NAME)
        return None


def scheme_store() -> Store | None:
    """The store of the schemes beside the organisation list (None when there is no regelingen.csv).

    Every save checks hulp_bij_aanvragen, uitvoerder_id and the themes against the organisation list
    as it is at that moment: the file beside it, or the shared database when one is used.
    """
    path = settings().data_path.with_name(FILE_NAME)
    return store_for_schemes(path, list_store().load) if path.is_file() else None


def scheme_line(found: Mogelijk) -> SchemeLine:
    """The scheme as it goes into the handover texts."""
    regeling = found.regeling
    return SchemeLine(regeling.naam, regeling.aanvragen, tuple(o.naam for o in found.hulp), tuple(regeling.themas))


def scheme_card(found: Mogelijk, key: str, compact: bool = False, from_page: str | None = None) -> None:
    """One scheme: why it may fit, what still has to be checked, the amount, and who helps apply.
    `compact` (beside the organisations on Hulpvraag): the main condition, the amount and who helps.
    `from_page` lets a helper's own page offer a way back (as on an organisation's card)."""
    regeling = found.regeling
    if compact:
        with st.container(border=True):
            st.markdown(f"**{md(regeling.naam)}** :gray-badge[{KIND_LABELS.get(regeling.soort, regeling.soort)}]")
            amount = f"**Bedrag:** {md(regeling.bedrag)}" if regeling.bedrag else ""
            line = " ".join(filter(None, (md(found.hoofdvoorwaarde), amount)))
            if line:
                st.markdown(line)
            if found.actualiteit:
                st.caption(md(found.actualiteit))
            helpers(found.hulp, key, from_page)
        return
    with st.container(border=True):
        st.markdown(f"### {md(regeling.naam)}\n:gray-badge[{KIND_LABELS.get(regeling.soort, regeling.soort)}]")
        if found.hoofdvoorwaarde:
            st.markdown(md(found.hoofdvoorwaarde))
        # Reasons and conditions joined without a stop before a separator (directory.regelingen.joined): no ".;".
        if found.waarom_tekst:
            st.markdown("**Waarom het kan passen:** " + md(found.waarom_tekst))
        if found.nagaan_tekst:
            st.markdown("**Nog nagaan:** " + md(found.nagaan_tekst))
        if regeling.bedrag:
            st.markdown(f"**Bedrag:** {md(regeling.bedrag)}")
        if found.actualiteit:
            st.warning(md(found.actualiteit), icon=":material/update:")
        if regeling.aanvragen:
            st.markdown(f"**Aanvragen:** {md(regeling.aanvragen)}")
        helpers(found.hulp, key, from_page)


def dutch_number(value: float | Decimal, decimals: int = 0) -> str:
    """1500 -> '1.500', 117.4 -> '117,4' (with `decimals`=1): a point between thousands, a decimal comma."""
    grouped = f"{value:,.{decimals}f}"
    return grouped.replace(",", "_").replace(".", ",").replace("_", ".")


def euro(value: float | Decimal) -> str:
    """'€ 1.406': whole euros."""
    return f"€ {dutch_number(value)}"


def percent(value: float | Decimal) -> str:
    """'117,4%', and '110%' without a decimal when there is none."""
    text = dutch_number(value, 1)
    return f"{text.removesuffix(',0')}%"


def _whole(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def convert_income(value: float, to: str, household: str | None) -> tuple[int | None, str]:
    """`value` in the other unit converted to the unit `to`, rounded to a whole number, with a line that
    says what happened; None when it cannot be converted (no household or no norm)."""
    try:
        norm = norm_beside(household, settings().data_path)
    except (ValueError, DirectoryError):
        return None, CLEARED
    if to == PERCENT:
        share = net_income_share(value, household, settings().data_path).percentage
        converted = _whole(share)
        note = f"{euro(value)} netto per maand is ongeveer {percent(share)} van het sociaal minimum"
    else:
        converted = _whole(net_amount(value, norm))
        note = f"{percent(value)} van het sociaal minimum is ongeveer {euro(converted)} netto per maand"
    shown = percent(converted) if to == PERCENT else euro(converted)
    return converted, f"{note} (norm van {norm.peiljaar}). In het veld staat nu {shown}. Klopt dat niet? Pas het aan."


def _on_unit_change() -> None:
    """Before the rerun: fill the field of the new unit from the field of the old one (see INCOME_KEYS)."""
    unit = st.session_state[UNIT_KEY]
    other = NET if unit == PERCENT else PERCENT
    value = st.session_state.get(INCOME_KEYS[other])
    st.session_state.pop(NOTE_KEY, None)
    if value is None:
        return
    household = st.session_state.get(HOUSEHOLD_KEY)
    converted, note = convert_income(value, unit, household if household in HOUSEHOLD_LABELS else None)
    st.session_state[INCOME_KEYS[unit]] = converted
    st.session_state[NOTE_KEY] = note


def income_input(container, household: str | None) -> Decimal | int | None:
    """The income as % of the sociaal minimum (None when unknown), asked as a % or as a net amount."""
    unit = container.radio("Inkomen", [PERCENT, NET], horizontal=True, key=UNIT_KEY, on_change=_on_unit_change)
    note = st.session_state.pop(NOTE_KEY, None)
    value = container.number_input(
        INCOME_LABELS[unit],
        min_value=0,
        max_value=MAX_PERCENT if unit == PERCENT else MAX_NET,
        value=None,
        step=5 if unit == PERCENT else 50,
        key=INCOME_KEYS[unit],
    )
    if note:
        container.caption(note)
    if value is None or unit == PERCENT:
        return value
    try:
        share = net_income_share(value, household, settings().data_path)
    except (ValueError, DirectoryError) as exc:
        container.warning(str(exc))
        return None
    container.caption(
        f"{euro(value)} is ongeveer {percent(share.percentage)} van het sociaal minimum "
        f"(norm van {share.norm.peiljaar})."
    )
    return share.percentage


def helpers(organisations: Sequence, key: str, from_page: str | None = None) -> None:
    if not organisations:
        st.caption("Wie helpt met aanvragen staat niet in de lijst.")
        return
    st.markdown("**Hulp bij aanvragen:**")
    for org in organisations:
        # `van` names a page, nothing about the client.
        params = {"org": org.id, **({"van": from_page} if from_page else {})}
        st.page_link(DETAIL_PAGE, label=md(org.naam), query_params=params, icon=":material/support_agent:")
