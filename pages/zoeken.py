"""Hulpvraag: a volunteer types the need and gets organisations, light to heavy, and a warm handover.

Privacy: what is typed here stays in this browser session's widgets and session_state, in memory
(ui.handover.kept: it survives a look at an organisation's page and back). It is never put in the
URL, a cache shared between sessions, a log or a file. "Nieuwe hulpvraag" wipes it.
"""

from __future__ import annotations

import streamlit as st

from directory.geo import FARTHEST_KM, locate, outside_message, outside_the_list, parse_postcode, wijk_names
from directory.groups import ANY_GROUP
from directory.handover import SchemeLine, general_need
from directory.matching import Need, analyse, theme_need
from directory.places import whereabouts
from directory.regelingen import Situatie, boven_inkomensgrens, regelingen_bij_vraag
from directory.selection import Filters, general_entry_points, target_group_choices
from directory.typed import NEED_LIMIT, POSTCODE_LIMIT, at_most, squeezed, too_long_message
from directory.wording import and_list
from ui.card import organisation_card
from ui.data import get_directory
from ui.handover import (
    CardCopies,
    chosen,
    forget_client,
    forget_handover,
    handover_section,
    keep_only,
    scheme_checkbox,
)
from ui.regelingen import get_regelingen, scheme_card, scheme_line
from ui.state import KEPT, kept
from ui.text import md

LIGHT_STEP = "Eerst proberen"
HEAVY_STEP = "Als dat niet genoeg is"
ANY = "Maakt niet uit"
MAX_KM = FARTHEST_KM  # the distance slider's end
NEED_KEY = "hulpvraag"
TOPIC_KEY = "hulpvraag_onderwerp"
# Each filter's key and its value on a fresh page.
FILTER_DEFAULTS: dict[str, object] = {
    "filter_doelgroep": ANY_GROUP,
    "filter_postcode": "",
    "filter_wijk": ANY,
    "filter_afstand": 5,
    "filter_inkomen_bekend": False,
    "filter_inkomen": 100,
}
# What "Nieuwe hulpvraag" empties besides the handover: every widget on this page that is about the client,
# with the value it gets back (set, not deleted: the browser must show it empty too).
CLIENT_DEFAULTS: dict[str, object] = {NEED_KEY: "", TOPIC_KEY: None, **FILTER_DEFAULTS}
FROM_HERE = "hulpvraag"  # an organisation's page opened from here offers a way back

st.title("Hulpvraag")
st.caption("Typ wat iemand vertelt, in gewone woorden. Vangnet bewaart niets over de cliënt.")

directory = get_directory()
if directory is None:
    st.stop()
regelingen = get_regelingen(directory)

# No max_chars: a browser box with a limit silently drops a paste that is longer (the box stayed empty).
# The box takes any text; Vangnet uses its first NEED_LIMIT characters and says so.
typed = kept(
    NEED_KEY,
    lambda: st.text_input(
        "Wat is de hulpvraag?",
        key=NEED_KEY,
        live="300ms",
        placeholder="Bijvoorbeeld: kan de huur niet betalen, kinderen hebben geen winterjas",
        autocomplete="off",  # a shared computer must not suggest an earlier client's words
    ),
)
used = at_most(typed, NEED_LIMIT)
need = used.text
if used.cut:
    st.info(too_long_message(NEED_LIMIT) + " Zet het belangrijkste vooraan.", icon=":material/content_cut:")


def new_need_button(key: str) -> None:
    """Start clean for the next client: the need, the filters, the choices, the consent and the handover."""
    st.button(
        "Nieuwe hulpvraag",
        key=key,
        icon=":material/restart_alt:",
        on_click=forget_client,
        args=(CLIENT_DEFAULTS,),
        help="Maakt alles leeg wat je over deze cliënt hebt ingevuld of aangevinkt.",
    )


if need.strip() or chosen():
    new_need_button("nieuwe_hulpvraag")


def read_filters() -> Filters:
    with st.expander("Filters: voor wie, waar en inkomen"):
        left, middle, right = st.columns(3)
        groups = target_group_choices(directory)
        for stored in ("filter_doelgroep", KEPT + "filter_doelgroep"):  # a group the list no longer has
            if st.session_state.get(stored, ANY_GROUP) not in groups:
                st.session_state[stored] = ANY_GROUP
        # kept(): the filters, like the need, are still there after a look at an organisation's page.
        doelgroep = kept(
            "filter_doelgroep",
            lambda: left.selectbox("Voor wie?", list(groups), format_func=groups.get, key="filter_doelgroep"),
        )
        # No max_chars here either: '3811 AB ' pasted with a space was dropped without a word.
        postcode = kept(
            "filter_postcode",
            lambda: middle.text_input("Postcode (bijvoorbeeld 3811 AB)", key="filter_postcode"),
        )
        postcode = squeezed(postcode, POSTCODE_LIMIT)  # longer is no postcode: locate() says so
        wijken = wijk_names(directory.region.wijken_path)
        wijk = kept("filter_wijk", lambda: middle.selectbox("Of kies een wijk", [ANY, *wijken], key="filter_wijk"))
        afstand = kept(
            "filter_afstand",
            lambda: middle.slider("Hoe ver mag het zijn? (km)", 1, MAX_KM, key="filter_afstand"),
            FILTER_DEFAULTS["filter_afstand"],
        )
        income_known = kept(
            "filter_inkomen_bekend",
            lambda: right.checkbox("Ik weet het inkomen ongeveer", key="filter_inkomen_bekend"),
        )
        inkomen = kept(
            "filter_inkomen",
            lambda: right.slider(
                "Inkomen als % van het sociaal minimum",
                50,
                250,
                step=5,
                key="filter_inkomen",
                disabled=not income_known,
                help=(
                    "100% is een bijstandsuitkering. Organisaties en regelingen met een lagere inkomensgrens "
                    "vallen dan af."
                ),
            ),
            FILTER_DEFAULTS["filter_inkomen"],
        )
    located = locate(directory.region, postcode, None if wijk == ANY else wijk, or_else=" en kies de wijk")
    if located.warning:
        st.warning(located.warning)
    place = located.place
    if place is not None and parse_postcode(postcode) and outside_the_list(place, directory.active):
        st.warning(outside_message(md(place.name), md(directory.region.name)), icon=":material/location_off:")
        place = None
    return Filters(
        doelgroep=None if doelgroep == ANY_GROUP else doelgroep,  # the code itself, never its label
        near=(place.lat, place.lon) if place else None,
        max_km=float(afstand) if place else None,
        inkomen=int(inkomen) if income_known else None,
        woonwijk=None if wijk == ANY else wijk,
    )


def show_need(found: Need, number: int, total: int) -> None:
    """One need: its organisations, light help first ("licht waar mogelijk, zwaar waar nodig")."""
    label = md(found.label)
    st.header(f"{number}. {label}" if total > 1 else label)
    if found.text:
        # Each part as it was typed: joined, "en" between two parts became a comma the volunteer never typed.
        quoted = and_list([f"“{md(part)}”" for part in found.parts or (found.text,)])
        st.caption(f"Herkend in: {quoted}")
    for title, step in ((LIGHT_STEP, found.light), (HEAVY_STEP, found.heavy)):
        if not step:
            continue
        st.subheader(title)
        columns = st.columns(2)
        for i, suggestion in enumerate(step):
            with columns[i % 2]:
                organisation_card(
                    suggestion.organisation,
                    reasons=suggestion.reasons,
                    where=whereabouts(suggestion.organisation, suggestion.distance_km).label if filters.near else "",
                    refer_place=str(number),
                    refer_need=found.label,
                    from_page=FROM_HERE,
                    typed=found.text,
                    copies=copies,
                )


def show_entry_points(entry: Need) -> None:
    """Nothing fits: the general entry points, which look further together with the client; each can be
    chosen for the handover, for the whole need as typed."""
    st.header("Algemene ingangen")
    for suggestion in entry.suggestions:
        organisation_card(
            suggestion.organisation,
            heading_level=3,
            refer_place="ingang",
            refer_need=entry.label,
            from_page=FROM_HERE,
            copies=copies,
        )


def picked_theme(label: str) -> Need | None:
    """When the words do not say it: the volunteer picks the theme, and gets its organisations."""
    names = {theme.id: theme.naam for theme in directory.themes}
    theme = kept(
        TOPIC_KEY,
        lambda: st.selectbox(
            label,
            list(names),
            index=None,
            format_func=names.get,
            key=TOPIC_KEY,
            placeholder="Kies een onderwerp",
        ),
    )
    picked = theme_need(theme, directory, limit=6, filters=filters) if theme else None
    if theme and picked is None:
        st.info("Bij dit onderwerp staan (met deze filters) geen organisaties in de lijst.")
    return picked


def show_schemes() -> tuple[list[SchemeLine], list[str]]:
    """The schemes that may help with the need, each with "Zet in de overdracht"; returns them for the handover.
    The income from the filters counts as on "Welke regelingen?": a lower income limit rules a scheme out,
    and the page says which ones it left out."""
    income = filters.inkomen
    schemes = regelingen_bij_vraag(need, regelingen, None if income is None else Situatie(inkomen=income), limit=3)
    too_low = boven_inkomensgrens(need, regelingen, income, limit=3)
    if schemes.niets_past and not too_low:
        return [], []
    st.header("Regelingen die kunnen helpen")
    st.caption(schemes.uitleg)
    if too_low:
        names = md(", ".join(f"{r.naam} (tot {r.inkomensgrens}%)" for r in too_low))
        st.caption(
            f"Niet getoond, want de inkomensgrens ligt onder het inkomen bij de filters ({income}% van het sociaal "
            f"minimum): {names}."
        )
    for found in schemes.mogelijk:
        scheme_card(found, key=f"hulpvraag_{found.regeling.id}", compact=True, from_page=FROM_HERE)
        scheme_checkbox(found.regeling.id)
    st.page_link("pages/regelingen.py", label="Doe de regelingencheck: welke regelingen kunnen nog meer gelden?")
    return [scheme_line(found) for found in schemes.mogelijk], [found.regeling.id for found in schemes.mogelijk]


filters = read_filters()

if not need.strip():
    forget_handover()  # an emptied field is a new conversation: nothing of the last one stays chosen
    st.info("Typ hierboven de hulpvraag. De organisaties verschijnen terwijl je typt.")
    st.stop()

analysis = analyse(need, directory, limit=6, filters=filters)

if analysis.filtered_out:
    st.warning(
        "Er zijn wel organisaties voor deze hulpvraag, maar de filters (voor wie, afstand of inkomen) "
        "sluiten ze allemaal uit. Zet een filter ruimer of uit."
    )
    keep_only(set())
    st.stop()

copies = CardCopies()  # this run's places for a copy button on each ticked card
general = not analysis.needs  # nothing fits: the general entry points, unless a theme is picked
if general:
    st.warning(
        "Bij deze woorden vonden we geen organisatie die past. Probeer andere woorden, of kies hieronder zelf "
        "een onderwerp. Of begin bij een algemene ingang: die kijken samen met jou verder."
    )
    picked = picked_theme("Kies zelf een onderwerp")
    general = picked is None
    needs = [picked] if picked is not None else [general_need(general_entry_points(directory))]
else:
    needs = list(analysis.needs)
    if len(needs) > 1:
        st.markdown(f"We zien **{len(needs)} hulpvragen** in wat je typte. Per hulpvraag: lichte hulp eerst.")

if general:
    show_entry_points(needs[0])
else:
    for number, found in enumerate(needs, start=1):
        show_need(found, number, len(needs))

if analysis.needs:
    with st.expander("Niet wat je zoekt? Kies zelf een onderwerp"):
        picked = picked_theme("Onderwerp")
        if picked is not None:
            show_need(picked, len(needs) + 1, len(needs) + 1)
            needs.append(picked)

lines, scheme_ids = show_schemes() if regelingen is not None else ([], [])

st.divider()
copies.fill(handover_section(need, needs, lines, scheme_ids))
st.caption("Klaar met dit gesprek? Maak alles leeg voor de volgende cliënt.")
new_need_button("nieuwe_hulpvraag_onder")
