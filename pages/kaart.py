"""Kaart: who does what, on a map that works without network and shows data only as text."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from directory.geo import locate, outside_message, outside_the_list
from directory.groups import ANY_GROUP
from directory.mapping import TILES, build_map, cached_marker_rows, clicked_id
from directory.matching import narrow
from directory.model import DOMAIN_ORDER
from directory.places import by_distance, unmapped
from directory.selection import names_by_id, select, target_group_choices
from directory.typed import NEED_LIMIT, POSTCODE_LIMIT, squeezed
from ui.card import organisation_card
from ui.data import get_directory
from ui.paging import first_page, more_button
from ui.text import limited, md

ALL = "Alle"
NEARBY = 8

st.title("Kaart")
st.caption(
    "Waar zitten de organisaties? Klik op een stip voor de gegevens. Een stip met een stippelrand staat op een "
    "plek bij benadering (midden van de wijk). Wie geen vaste plek heeft, staat in de lijst bij de kaart."
)

directory = get_directory()
if directory is None:
    st.stop()

themes = {t.id: t.naam for t in directory.themes}
groups = target_group_choices(directory)  # code -> label; the "any" option (ANY_GROUP) first
if st.session_state.get("kaart_doelgroep", ANY_GROUP) not in groups:  # a group the list no longer has
    st.session_state["kaart_doelgroep"] = ANY_GROUP
labels = {d.value: d.label for d in DOMAIN_ORDER}
# The map comes first, also on a phone; the filters sit below it in an expander and are read first.
map_area = st.container()
with st.expander("Filters: soort hulp, thema, voor wie, postcode en achtergrond"):
    row = st.columns(4)
    domain = row[0].selectbox("Soort hulp", [ALL, *labels], format_func=lambda d: labels.get(d, d), key="kaart_domein")
    theme = row[1].selectbox("Thema", [ALL, *themes], format_func=lambda t: themes.get(t, t), key="kaart_thema")
    group = row[2].selectbox("Voor wie?", list(groups), format_func=groups.get, key="kaart_doelgroep")
    searched = limited(
        row[3],
        row[3].text_input("Zoek (bijvoorbeeld: schulden, kleding)", key="kaart_zoek", autocomplete="off"),
        NEED_LIMIT,
    )
    row = st.columns([1, 1, 2])
    # No max_chars: the browser drops a longer paste without a word ('3811 AB ' with a space). Longer than
    # POSTCODE_LIMIT is no postcode, and locate() says so.
    postcode = row[0].text_input("Postcode", key="kaart_postcode", placeholder="3811 AB")
    postcode = squeezed(postcode, POSTCODE_LIMIT)
    tiles = row[1].selectbox(
        "Achtergrond",
        list(TILES),
        index=list(TILES).index(directory.region.tiles),
        format_func=lambda t: TILES[t].name,
        key="kaart_tiles",
    )

chosen_by_filters = select(
    directory,
    doelgroep=None if group == ANY_GROUP else group,  # the code itself, never its label
    thema=None if theme == ALL else theme,
    domein=None if domain == ALL else domain,
)
shown = narrow(chosen_by_filters, searched, directory)

located_at = locate(directory.region, postcode)
if located_at.warning:
    map_area.warning(located_at.warning)
place = located_at.place
region = directory.region
if place is not None and outside_the_list(place, directory.active):  # centred there, the map would be empty
    so = "De kaart blijft daarom bij de organisaties van de lijst."
    map_area.warning(outside_message(md(place.name), md(region.name), so), icon=":material/location_off:")
    place = None
centre, zoom = ((place.lat, place.lon), 14) if place else (region.map_centre, region.map_zoom)

located = [o for o in shown if o.has_location]
with map_area:
    on_map, beside = st.columns([3, 1])
    on_map.caption(f"{len(located)} van de {len(shown)} organisaties hebben een plek op de kaart.")
    rows = cached_marker_rows(directory, located)
    # Without a postcode the map opens on all the markers shown; with one, on the postcode.
    fmap = build_map(located, tiles=tiles, center=centre, zoom=zoom, rows=rows, fit=place is None)
    with on_map:
        # Only the clicked popup comes back: panning and zooming do not rerun the page. render=False: st_folium
        # renders the map itself anyway; its extra whole-page render compiled the marker data twice.
        clicked = st_folium(
            fmap,
            key="kaart",
            height=520,
            use_container_width=True,
            returned_objects=["last_object_clicked_popup"],
            render=False,
        )
    # Folded, so on a phone the filters below stay close to the map.
    for number, group_of in enumerate(unmapped(shown)):
        with beside.expander(f"{group_of.title} ({len(group_of.organisations)})"):
            key = f"kaart_zonder_plek_{number}"
            page = first_page(key, group_of.organisations, (group_of.title, len(group_of.organisations)))
            st.markdown("\n".join(f"- {md(o.naam)}" for o in page))
            more_button(key, len(page), len(group_of.organisations))

shown_ids = {o.id for o in shown}
names = {org_id: naam for org_id, naam in names_by_id(directory).items() if org_id in shown_ids}
# A click on a marker selects that organisation in the list below, so the map and the list show one
# choice. Only a new click counts: the map keeps its last click over reruns.
clicked_org = clicked_id((clicked or {}).get("last_object_clicked_popup"))
if clicked_org != st.session_state.get("kaart_klik"):
    st.session_state["kaart_klik"] = clicked_org
    if clicked_org in names:
        st.session_state["kaart_kies"] = clicked_org
if st.session_state.get("kaart_kies") not in names:  # filtered out: nothing selected
    st.session_state["kaart_kies"] = None
chosen = st.selectbox(
    "Gekozen organisatie (klik op een stip, of kies hier)",
    list(names),
    index=None,
    format_func=names.get,
    key="kaart_kies",
    placeholder="Kies een organisatie…",
)
if chosen is not None:
    organisation_card(directory.get(chosen), heading_level=2)

if place is not None:
    st.header(f"Dichtbij postcode {md(postcode.strip().upper())}")
    st.caption(
        "Eerst wie op deze postcode zit, dan wie een bekend adres heeft, op afstand. "
        "Daarna wie geen precieze plek heeft."
    )
    for found in by_distance(shown, place.lat, place.lon, postcode=postcode)[:NEARBY]:
        st.markdown(f"- **{md(found.organisation.naam)}**: {md(found.label)}")
