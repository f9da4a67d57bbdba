"""Verwijsroutes: for partner staff, per need who takes over and how to refer, light to heavy.

Links can be shared: `?thema=<theme id>` chooses a theme and `?org=<id>` your own organisation.
A typed need is client information: it stays in its widget and never goes into the URL, a cache
shared between sessions, a log or a file.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from directory.model import Directory, Organisation
from directory.routes import (
    FIRST_STEP,
    NEXT_STEP,
    Edge,
    Route,
    RouteEntry,
    neighbourhood,
    next_steps,
    referrals_by_source,
    route_for_need,
    route_for_theme,
    to_dot,
)
from directory.selection import entry_point_names, general_entry_points, names_by_id
from directory.typed import NEED_LIMIT
from directory.wording import plain_reasons
from ui.card import contact_markdown, domain_badges, role_note
from ui.data import get_directory
from ui.paging import first_page, more_button
from ui.text import limited, md

DETAIL_PAGE = "pages/overzicht.py"
THEME_PARAM, ORG_PARAM = "thema", "org"
NO_THEME_ORGS = (
    "Voor dit thema staat nog geen organisatie in de lijst. Dat is een blinde vlek: meld het bij de coördinator."
)
NO_NEED_MATCH = (
    "Bij deze woorden vinden we geen organisatie die past. Probeer andere woorden of kies een thema. "
    "Twijfel je? Verwijs naar {ingangen}: zij kijken breed mee en verwijzen verder."
)
STEP_HINTS = {
    FIRST_STEP: "Preventie en ondersteuning: lichtere hulp. Probeer dit eerst.",
    NEXT_STEP: "Curatief: zwaardere hulp, als lichte hulp niet genoeg is of de problemen groot zijn.",
}
FLOW_LEGEND = (
    "Een pijl betekent: verwijst vaak door naar. Links lichte hulp, rechts zware hulp. "
    "Groen is preventie, blauw ondersteuning, oranje curatief. Grijs met een stippellijn: geen hulp voor inwoners."
)
ASIDE_TITLE = "Ook betrokken, geen hulp"
ASIDE_HINT = (
    "Deze organisaties horen bij deze vraag, maar helpen de inwoner niet zelf. Het is goed om te weten "
    "dat ze er zijn. Ze zijn geen stap in de hulp: verwijs hier niet naar voor hulp."
)
# On a phone (Streamlit's own breakpoint, 640 px) a chart of twenty organisations shrinks to text of a few
# pixels. There the same referrals are shown as a list of text instead, and on wider screens the chart.
FLOW_CHART_KEY, FLOW_LIST_KEY = "verwijs_schema", "verwijs_lijst"
FLOW_STYLE = f"""<style>
[class*="st-key-{FLOW_LIST_KEY}"] {{ display: none !important; }}
@media (max-width: 640px) {{
  [class*="st-key-{FLOW_CHART_KEY}"] {{ display: none !important; }}
  [class*="st-key-{FLOW_LIST_KEY}"] {{ display: flex !important; }}
}}
</style>"""


# --- shareable links ------------------------------------------------------------------------


def index_from_link(param: str, options: Sequence[str], unknown: str) -> int | None:
    """The option a link (`?param=value`) chooses, or None; a friendly warning for an unknown value."""
    value = st.query_params.get(param)
    if not value:
        return None
    if value in options:
        return options.index(value)
    st.warning(unknown.format(value=md(value)))
    return None


def linked_selectbox(
    container, param: str, label: str, names: dict[str, str], key: str, placeholder: str, unknown: str
) -> str | None:
    """A selectbox whose choice follows a shareable link (`?param=id`) and is written back to it."""
    options = list(names)
    choice = container.selectbox(
        label,
        options,
        index=index_from_link(param, options, unknown),
        format_func=names.get,
        key=key,
        placeholder=placeholder,
    )
    keep_link(param, choice)
    return choice


def keep_link(param: str, value: str | None) -> None:
    """Make the URL show the current choice, so the page can be shared as it is."""
    if value is None:
        if param in st.query_params:
            del st.query_params[param]
    elif st.query_params.get(param) != value:
        st.query_params[param] = value


# --- rendering ------------------------------------------------------------------------------


def show_entry(entry: RouteEntry) -> None:
    org = entry.organisation
    with st.container(border=True):
        st.markdown(f"**{md(org.naam)}** {domain_badges(org)}")
        note = role_note(org)
        if note:
            st.warning(md(note), icon=":material/info:")
        if entry.reasons:
            st.caption("Waarom: " + md(plain_reasons(entry.reasons)))
        if entry.how_to_refer:
            # An organisation that is no help is not referred to; its own text says what to do.
            label = "Goed om te weten" if note else "Zo verwijs je"
            st.markdown(f"**{label}:** {md(entry.how_to_refer)}")
        if entry.for_professionals:
            st.markdown(f"**Voor hulpverleners:** {md(entry.for_professionals)}")
        contact = contact_markdown(org)
        if contact:
            st.markdown("  \n".join(contact))
        st.page_link(DETAIL_PAGE, label="Alles over deze organisatie", query_params={"org": org.id})


def show_flow(
    directory: Directory,
    nodes: Sequence[str],
    edges: Sequence[Edge],
    highlight: Sequence[str],
    alt: str,
    key: str,
    legend: str = FLOW_LEGEND,
) -> None:
    """The chart on a wide screen; on a phone the same referrals as a list of text (see FLOW_STYLE)."""
    st.html(FLOW_STYLE)
    with st.container(key=f"{FLOW_CHART_KEY}_{key}"):
        st.graphviz_chart(to_dot(directory, nodes, edges, highlight=highlight), alt=alt)
        st.caption(legend)
    with st.container(key=f"{FLOW_LIST_KEY}_{key}"):
        for line in referrals_by_source(directory, edges):
            targets = ", ".join(md(org.naam) for org in line.targets)
            source = f"**{md(line.source.naam)}** {domain_badges(line.source)}"
            st.markdown(f"{source}  \nverwijst vaak door naar: {targets}")


def show_route(directory: Directory, route: Route) -> None:
    # A route at 5,000 organisations can hold hundreds: each step shows a page of them (ui.paging), and the
    # flow below follows the ones on screen. The choices key holds ids only, never the typed need.
    choices = hash(route.org_ids)
    on_screen: list[str] = []  # help only: the flow is a path of help
    for number, step in enumerate(route.steps):
        st.subheader(step.title)
        st.caption(STEP_HINTS.get(step.title, ""))
        if not step.entries:
            st.caption("In deze stap staat voor deze vraag geen organisatie in de lijst.")
        key = f"route_stap_{number}"
        page = first_page(key, step.entries, choices)
        for entry in page:
            show_entry(entry)
        more_button(key, len(page), len(step.entries))
        on_screen += [entry.organisation.id for entry in page]

    st.subheader("Zo gaat het vaak verder")
    edges = next_steps(directory, on_screen)
    if not edges:
        st.caption("Voor deze organisaties staan nog geen vaste doorverwijzingen in de lijst.")
    else:
        nodes = list(dict.fromkeys(end for edge in edges for end in edge))
        st.caption("Waar deze organisaties vaak naar doorverwijzen.")
        alt = "Stroomschema van de gebruikelijke doorverwijzingen"
        legend = f"{FLOW_LEGEND} Dik omrand: organisaties op deze route."
        show_flow(directory, nodes, edges, on_screen, alt=alt, key="route", legend=legend)
    show_aside(route, choices)


def show_aside(route: Route, choices: int) -> None:
    """Organisations that are involved but no help for the client (a bailiff), apart from the steps of help."""
    if not route.aside:
        return
    st.subheader(ASIDE_TITLE)
    st.caption(ASIDE_HINT)
    page = first_page("route_apart", route.aside, choices)
    for entry in page:
        show_entry(entry)
    more_button("route_apart", len(page), len(route.aside))


def show_fallback(directory: Directory) -> None:
    st.info(NO_NEED_MATCH.format(ingangen=md(entry_point_names(directory))))
    for org in general_entry_points(directory, limit=2):
        st.page_link(DETAIL_PAGE, label=md(org.naam), query_params={"org": org.id})


def route_section(directory: Directory) -> None:
    st.header("Route per hulpvraag")
    themes = {t.id: t.naam for t in directory.themes}
    left, right = st.columns(2)
    theme_id = linked_selectbox(
        left,
        THEME_PARAM,
        "Kies een thema",
        themes,
        key="route_thema",
        placeholder="Kies een thema…",
        unknown="Het thema '{value}' uit de link kennen we niet. Kies hieronder een thema.",
    )
    # Client information: only in this widget, never in the URL (the widget has no bind=).
    need = right.text_input(
        "Of beschrijf de hulpvraag in eigen woorden",
        key="route_vraag",
        live="300ms",
        autocomplete="off",
        placeholder="Bijvoorbeeld: brief van de deurwaarder",
        help="Wat je hier typt, bewaart Vangnet niet en komt niet in de link.",
    )
    need = limited(right, need, NEED_LIMIT)  # the route uses the first NEED_LIMIT characters

    if need.strip():
        if theme_id is not None:
            st.caption("Je hebt een hulpvraag getypt: de route hieronder hoort bij die woorden, niet bij het thema.")
        route = route_for_need(directory, need)
        if not route.help_organisations:
            # No help fits these words; an organisation that is no help may still be involved (a bailiff).
            show_fallback(directory)
            show_aside(route, hash(route.org_ids))
            return
        names = [themes[t] for t in route.theme_ids if t in themes]
        if names:
            st.caption("Herkend: " + ", ".join(md(n) for n in names))
        show_route(directory, route)
    elif theme_id is not None:
        route = route_for_theme(directory, theme_id)
        if route.is_empty:
            st.info(NO_THEME_ORGS)
            return
        show_route(directory, route)
    else:
        st.caption("Kies een thema of typ de hulpvraag. Dan zie je wie helpt, van lichte naar zware hulp.")


def name_list(organisations: Sequence[Organisation], empty: str, how_to_refer: bool) -> None:
    if not organisations:
        st.caption(empty)
    for org in organisations:
        line = f"**{md(org.naam)}** {domain_badges(org)}"
        if how_to_refer and org.aanmelden.strip():
            line += f"  \n**Zo verwijs je:** {md(org.aanmelden.strip())}"
        st.markdown(line)
        st.page_link(DETAIL_PAGE, label="Alles over deze organisatie", query_params={"org": org.id})


def own_organisation_section(directory: Directory) -> None:
    st.header("Jouw organisatie")
    st.caption("Kies je eigen organisatie: waar verwijzen jullie vaak naar door, en wie verwijst naar jullie?")
    org_id = linked_selectbox(
        st,
        ORG_PARAM,
        "Jouw organisatie",
        names_by_id(directory),
        key="route_eigen_org",
        placeholder="Kies je organisatie…",
        unknown="De organisatie '{value}' uit de link staat niet (meer) in de lijst. Kies hieronder.",
    )
    if org_id is None:
        return
    around = neighbourhood(directory, org_id)
    if around is None:  # only active organisations are options; a changed list can still race
        st.warning("Deze organisatie staat niet (meer) in de lijst.")
        return
    left, right = st.columns(2)
    with left:
        st.subheader("Jullie verwijzen vaak naar")
        name_list(around.refers_to, "Volgens de lijst verwijzen jullie nergens vast naar door.", how_to_refer=True)
    with right:
        st.subheader("Naar jullie verwijzen vaak")
        name_list(around.referred_by, "Er staat nog geen organisatie in de lijst die naar jullie verwijst.", False)
    if around.edges:
        alt = "Stroomschema: doorverwijzingen van en naar"
        show_flow(directory, around.org_ids, around.edges, [org_id], alt=alt, key="eigen")


st.title("Verwijsroutes")
st.caption("Voor medewerkers van partners: wie neemt een hulpvraag over, hoe verwijs je, en wat komt daarna.")

directory = get_directory()
if directory is not None:
    route_section(directory)
    st.divider()
    own_organisation_section(directory)
