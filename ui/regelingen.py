"""Showing schemes (regelingen): the list loaded once per version, and one card per scheme that may apply."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from directory import Directory, DirectoryError
from directory.csvfile import file_version
from directory.handover import SchemeLine
from directory.regelingen import Mogelijk
from directory.regelingen_schema import FILE_NAME, Regelingen, load_regelingen
from directory.store import Store
from directory.store import scheme_store as store_for_schemes
from ui.data import list_store, settings, show_problems
from ui.text import md

KIND_LABELS = {"gemeentelijk": "Gemeente", "landelijk": "Landelijk", "fonds": "Fonds"}
DETAIL_PAGE = "pages/overzicht.py"


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
    return SchemeLine(found.regeling.naam, found.regeling.aanvragen, tuple(o.naam for o in found.hulp))


def scheme_card(found: Mogelijk, key: str, compact: bool = False) -> None:
    """One scheme: why it may fit, what still has to be checked, the amount, and who helps apply.
    `compact` (beside the organisations on Hulpvraag): the main condition, the amount and who helps."""
    regeling = found.regeling
    if compact:
        with st.container(border=True):
            st.markdown(f"**{md(regeling.naam)}** :gray-badge[{KIND_LABELS.get(regeling.soort, regeling.soort)}]")
            st.markdown(md(found.hoofdvoorwaarde) + (f" **Bedrag:** {md(regeling.bedrag)}" if regeling.bedrag else ""))
            if found.actualiteit:
                st.caption(md(found.actualiteit))
            helpers(found.hulp, key)
        return
    with st.container(border=True):
        st.markdown(f"### {md(regeling.naam)}\n:gray-badge[{KIND_LABELS.get(regeling.soort, regeling.soort)}]")
        st.markdown(md(found.hoofdvoorwaarde))
        if found.redenen:
            st.markdown("**Waarom het kan passen:** " + "; ".join(md(r) for r in found.redenen))
        if found.na_te_gaan:
            st.markdown("**Nog nagaan:** " + "; ".join(md(r) for r in found.na_te_gaan))
        if regeling.bedrag:
            st.markdown(f"**Bedrag:** {md(regeling.bedrag)}")
        if found.actualiteit:
            st.warning(md(found.actualiteit), icon=":material/update:")
        if regeling.aanvragen:
            st.markdown(f"**Aanvragen:** {md(regeling.aanvragen)}")
        helpers(found.hulp, key)


def helpers(organisations: Sequence, key: str) -> None:
    if not organisations:
        st.caption("Wie helpt met aanvragen staat niet in de lijst.")
        return
    st.markdown("**Hulp bij aanvragen:**")
    for org in organisations:
        st.page_link(DETAIL_PAGE, label=md(org.naam), query_params={"org": org.id}, icon=":material/support_agent:")
