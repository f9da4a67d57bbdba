"""Wie doet wat: the whole directory in three groups, from light to heavy help, and one organisation in full.

`?org=<id>` opens the detail view of one organisation, so a link to it can be shared. `&van=hulpvraag`
(set by the cards on Hulpvraag) adds a way back there; the need itself stays in the session, never in the URL.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import streamlit as st

from directory.contract import label_of
from directory.groups import ANY_GROUP, group_label
from directory.model import DOMAIN_ORDER, Directory, Domain, Organisation
from directory.selection import browse, target_group_choices, wijken
from directory.typed import NAME_LIMIT
from ui.card import domain_badges, organisation_card
from ui.chart import chart_legend, chart_spec, counts_sentence, group_counts, groups_label, legend_html
from ui.data import get_directory
from ui.paging import first_page, more_button
from ui.text import limited, md

PAGE = "pages/overzicht.py"
ALL_THEMES = "Alle thema's"
WHOLE_CITY = "Hele stad"
DESCRIPTION_LENGTH = 110
LONG_NAME = 34
SENTENCE_END = re.compile(r"(?<=[a-z0-9)])[.!?] (?=[A-Z])")
NOT_FOUND = "Deze organisatie staat niet (meer) in de lijst."
FROM = "van"
BACK_PAGES = {"hulpvraag": ("pages/zoeken.py", "Terug naar Hulpvraag")}  # pages that link here with ?van=

PRECISION_LABELS = {
    "adres": "precies op het adres",
    "wijk": "bij benadering: het midden van de wijk",
    "stad": "bij benadering: het midden van de stad",
}


# --- small functions without Streamlit --------------------------------------------------------


def filtered(directory: Directory, thema: str, doelgroep: str, wijk: str, zoek: str) -> list[Organisation]:
    """The page's choices in the core's terms: an 'all' choice is no choice."""
    return browse(
        directory,
        thema=None if thema == ALL_THEMES else thema,
        doelgroep=None if doelgroep == ANY_GROUP else doelgroep,  # the code itself, never its label
        wijk=None if wijk == WHOLE_CITY else wijk,
        naam=zoek,
    )


def one_line(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """The first sentence, cut at a word when it is long."""
    first = SENTENCE_END.split(" ".join(text.split()), maxsplit=1)[0].rstrip(".")
    if len(first) <= limit:
        return first + "."
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def nice_list(values: Sequence[str]) -> str:
    return ", ".join(values)


def detail_rows(org: Organisation, directory: Directory) -> list[tuple[str, str]]:
    """The fields of the list's own columns as (label, text); empty text means not filled in."""
    theme_names = [directory.theme_by_id[t].naam if t in directory.theme_by_id else t for t in org.themas]
    if theme_names:
        theme_names[0] += " (hoofdthema)"
    location = ""
    if org.has_location:
        location = f"{org.lat}, {org.lon}"
        precision = PRECISION_LABELS.get(org.locatie_nauwkeurigheid)
        location += f" ({precision})" if precision else ""
    return [
        ("Groep", groups_label(org)),
        ("Thema's", nice_list(theme_names)),
        ("Doelgroepen", nice_list([group_label(g) for g in org.doelgroepen])),
        ("Trefwoorden", nice_list(org.trefwoorden)),
        ("Adres", org.adres),
        ("Postcode", org.postcode),
        ("Plaats", org.plaats),
        ("Wijk", org.wijk),
        ("Plek op de kaart", location),
        ("Telefoon", org.telefoon),
        ("E-mail", org.email),
        ("Website", org.website),
        ("Inkomensgrens", f"{org.inkomensgrens}% van het sociaal minimum" if org.inkomensgrens else ""),
        ("Laatst gecontroleerd", org.laatst_gecontroleerd.strftime("%d-%m-%Y") if org.laatst_gecontroleerd else ""),
        ("Status", "actief" if org.actief else "gearchiveerd"),
        ("Code in de lijst", org.id),
    ]


# --- Streamlit -------------------------------------------------------------------------------


def back_to_overview() -> None:
    for key in ("org", FROM):
        if key in st.query_params:
            del st.query_params[key]


def came_from() -> str | None:
    """The page that opened this detail view (?van=), when it is one we can go back to."""
    origin = st.query_params.get(FROM)
    return origin if origin in BACK_PAGES else None


def link_to(org_id: str, directory: Directory) -> None:
    """A link to another organisation's detail view; an id that is not in the list is said so."""
    org = directory.get(org_id)
    if org is None:
        st.markdown(f"{md(org_id)} _(staat niet in de lijst)_")
        return
    label = md(org.naam) + ("" if org.actief else " (gearchiveerd)")
    origin = came_from()  # one organisation leads to the next; the way back stays
    st.page_link(PAGE, label=label, query_params={"org": org.id, **({FROM: origin} if origin else {})})


def show_detail(org: Organisation, directory: Directory) -> None:
    # A page link to this same page does not update the address bar (Streamlit 1.67): set it here,
    # so the address a volunteer copies always opens the organisation on screen.
    st.query_params["org"] = org.id
    origin = came_from()
    if origin:
        page, label = BACK_PAGES[origin]
        st.page_link(page, label=label, icon=":material/arrow_back:")
        st.button("Naar alle organisaties", key="wdw_terug", on_click=back_to_overview)
    else:
        st.button("← Terug naar het overzicht", key="wdw_terug", on_click=back_to_overview)
    if not org.actief:
        st.info(
            "Deze organisatie is **gearchiveerd**: ze staat nog in de lijst, maar doet niet meer mee. "
            "Vangnet stelt haar nooit voor. Verwijs niet naar deze organisatie."
        )
    organisation_card(org, show_details_link=False, heading_level=2)
    refers_to, referred_from = st.columns(2)
    with refers_to:
        st.subheader("Verwijst vaak door naar")
        for target in org.verwijst_naar:
            link_to(target, directory)
        if not org.verwijst_naar:
            st.caption("Niets ingevuld.")
    with referred_from:
        st.subheader("Krijgt verwijzingen van")
        sources = directory.referred_by(org.id)
        for source in sources:
            link_to(source.id, directory)
        if not sources:
            st.caption("Niemand in de lijst verwijst hierheen.")
    st.subheader("Alle gegevens")
    st.markdown(
        "\n".join(
            f"- **{md(label)}:** {md(value) if value else '_niet ingevuld_'}"
            for label, value in detail_rows(org, directory)
        )
    )
    # Extra columns (such as `bronnen`) hold whatever a coordinator typed, often addresses of web pages: folded
    # away, by a readable name, and shown by st.text exactly as typed, never as a link.
    if org.extra:
        with st.expander("Meer gegevens uit de lijst"):
            for column, value in org.extra.items():
                st.markdown(f"**{md(label_of(column))}**")
                st.text(value or "niet ingevuld")


def show_chart(directory: Directory) -> None:
    st.header("Het vangnet in één beeld")
    sentence = counts_sentence(group_counts(directory.active))
    spec, points = chart_spec(directory)
    st.vega_lite_chart(points, spec, width="stretch", alt=sentence)
    st.markdown(legend_html(chart_legend(directory)), unsafe_allow_html=True)  # names escaped in legend_html
    st.markdown(sentence)
    st.caption(
        "Elke stip is een organisatie. Links staat hulp die geldzorgen voorkomt, rechts zware hulp, "
        "zoals schuldhulpverlening. Een stip tussen twee groepen doet een beetje van allebei. "
        "Hier tellen alle organisaties mee, ook als je hieronder filtert."
    )


def read_filters(directory: Directory) -> tuple[str, str, str, str]:
    themes = [ALL_THEMES, *(t.id for t in directory.themes)]
    theme_names = {t.id: t.naam for t in directory.themes}
    group_names = target_group_choices(directory)  # code -> label; the "any" option (ANY_GROUP) first
    groups = list(group_names)
    wijk_options = [WHOLE_CITY, *wijken(directory)]
    # A value kept from an earlier version of the list may no longer be an option.
    for key, options in (("wdw_thema", themes), ("wdw_doelgroep", groups), ("wdw_wijk", wijk_options)):
        if key in st.session_state and st.session_state[key] not in options:
            del st.session_state[key]
    # persist_state="page": the choices survive a visit to an organisation's detail view and back.
    thema_col, groep_col, wijk_col, zoek_col = st.columns(4)
    thema = thema_col.selectbox(
        "Thema", themes, key="wdw_thema", format_func=lambda t: theme_names.get(t, t), persist_state="page"
    )
    doelgroep = groep_col.selectbox(
        "Voor wie?",
        groups,
        format_func=group_names.get,
        key="wdw_doelgroep",
        persist_state="page",
        help="Organisaties die er voor iedereen zijn, staan er altijd bij.",
    )
    wijk = wijk_col.selectbox(
        "Wijk",
        wijk_options,
        key="wdw_wijk",
        persist_state="page",
        help="Organisaties zonder vaste wijk (voor de hele stad) staan er altijd bij.",
    )
    # No max_chars: the browser drops a longer paste without a word. The search uses the first NAME_LIMIT.
    zoek = zoek_col.text_input(
        "Zoek op naam", key="wdw_zoek", placeholder="Bijvoorbeeld: voedselbank", persist_state="page"
    )
    return thema, doelgroep, wijk, limited(zoek_col, zoek, NAME_LIMIT)


def entry(org: Organisation) -> None:
    with st.container(border=True):
        # A page link shows one line; a long name is cut off, so its tooltip gives the whole name.
        st.page_link(
            PAGE,
            label=f"**{md(org.naam)}**",
            query_params={"org": org.id},
            width="stretch",
            help=md(org.naam) if len(org.naam) > LONG_NAME else None,
        )
        st.markdown(domain_badges(org))
        st.caption(md(one_line(org.omschrijving)))


def group_column(domain: Domain, organisations: list[Organisation], choices: tuple[str, ...]) -> None:
    """One group's cards, a page at a time (ui.paging); the count in the heading is the whole group."""
    st.subheader(f"{domain.label} ({len(organisations)})")
    key = f"wdw_{domain.value}"
    page = first_page(key, organisations, choices)
    for org in page:
        entry(org)
    more_button(key, len(page), len(organisations))


def show_overview(directory: Directory) -> None:
    show_chart(directory)
    st.header("Alle organisaties")
    choices = read_filters(directory)
    shown = filtered(directory, *choices)
    total = len(directory.active)
    if not shown:
        st.info("Geen organisatie past bij je keuze. Kies minder filters of zoek op een ander stukje van de naam.")
    elif len(shown) < total:
        st.markdown(f"**{len(shown)} van de {total}** organisaties passen bij je keuze.")
    groups = directory.by_domain(tuple(shown))
    for column, domain in zip(st.columns(len(DOMAIN_ORDER)), DOMAIN_ORDER, strict=True):
        with column:
            group_column(domain, groups[domain], choices)


st.title("Wie doet wat")
st.caption("Alle organisaties die helpen bij geldzorgen, van licht naar zwaar: preventie, ondersteuning, curatief.")

directory = get_directory()
if directory is None:
    st.stop()

requested = st.query_params.get("org")
if requested is not None:
    org = directory.get(requested.strip())
    if org is not None:
        show_detail(org, directory)
        st.stop()
    st.warning(NOT_FOUND + " Hieronder zie je alle organisaties.")
    back_to_overview()  # a broken link should not keep warning on every click

show_overview(directory)
