"""Welke regelingen? A few questions about a household, and the schemes that may apply, with who helps
apply. Anonymous: the answers live only in this browser session and are never written anywhere."""

from __future__ import annotations

import streamlit as st

from directory.regelingen import CHILD_AGE_GROUPS, Situatie, SituationError, welke_regelingen
from directory.regelingen_schema import HOUSEHOLD_LABELS, HOUSEHOLDS, HOUSEHOLDS_WITH_CHILDREN
from ui.data import get_directory
from ui.regelingen import HOUSEHOLD_KEY, get_regelingen, income_input, scheme_card

UNKNOWN = "Weet ik niet"

st.title("Welke regelingen?")
st.caption(
    "Een paar vragen, zonder naam of adres. Er wordt niets bewaard: niet in de link, niet in een bestand. "
    "Alleen de uitvoerder van een regeling beslist of iemand er recht op heeft."
)

directory = get_directory()
regelingen = get_regelingen(directory) if directory is not None else None
if directory is None:
    st.stop()
if regelingen is None:
    st.info("Voor deze lijst is er nog geen lijst met regelingen (regelingen.csv naast de organisatielijst).")
    st.stop()

left, right = st.columns(2)
household = left.selectbox(
    "Huishouden", [UNKNOWN, *HOUSEHOLDS], key=HOUSEHOLD_KEY,
    format_func=lambda h: h if h == UNKNOWN else HOUSEHOLD_LABELS[h].capitalize(),
)  # fmt: skip
children, groups = None, ()
if household in HOUSEHOLDS_WITH_CHILDREN:
    children = left.number_input("Aantal kinderen", min_value=1, max_value=20, value=1, key="regeling_kinderen")
    groups = tuple(
        left.multiselect("Leeftijd van de kinderen (jaar)", list(CHILD_AGE_GROUPS), key="regeling_leeftijden")
    )
age = right.number_input("Leeftijd (jaar)", min_value=0, max_value=120, value=None, key="regeling_leeftijd")
percentage = income_input(right, None if household == UNKNOWN else household)

try:
    situation = Situatie(
        huishouden=None if household == UNKNOWN else household,
        kinderen=children,
        leeftijdsgroepen=groups,
        leeftijd=age,
        inkomen=percentage,
    )
except SituationError as exc:
    st.warning(f"Dit klopt nog niet: {exc}")
    st.stop()

outcome = welke_regelingen(situation, regelingen)
st.info(outcome.uitleg, icon=":material/gavel:")
if situation == Situatie():
    st.caption(
        "Nog geen antwoorden: hieronder staan alle regelingen. Beantwoord de vragen, dan valt weg wat niet past."
    )
if not outcome.mogelijk:
    st.markdown("Met deze antwoorden vinden we geen regeling. Vraag bij de gemeente of een geldpunt na wat er kan.")
st.header(f"Regelingen die kunnen gelden ({len(outcome.mogelijk)})")
for i, found in enumerate(outcome.mogelijk):
    scheme_card(found, key=f"regeling_{i}")
