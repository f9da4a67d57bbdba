"""Kaart: who does what, on a map that works without network and shows data only as text."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from directory.geo import locate
from directory.mapping import TILES, build_map, clicked_id
from directory.matching import suggest
from directory.model import DOMAIN_ORDER
from directory.selection import nearest, select
from ui.card import organisation_card
from ui.data import get_directory
from ui.text import md

ALL = "Alle"
NEAREST = 5

st.title("Kaart")
st.caption(
    "Waar zitten de organisaties? Klik op een stip voor de gegevens. Een stip met een stippelrand staat op een "
    "plek bij benadering (midden van de wijk of de stad)."
)

directory = get_directory()
if directory is None:
    st.stop()

themes = {t.id: t.naam for t in directory.themes}
groups = sorted({g for o in directory.active for g in o.doelgroepen} - {"iedereen"})
row = st.columns(4)
labels = {d.value: d.label for d in DOMAIN_ORDER}
domain = row[0].selectbox("Soort hulp", [ALL, *labels], format_func=lambda d: labels.get(d, d), key="kaart_domein")
theme = row[1].selectbox("Thema", [ALL, *themes], format_func=lambda t: themes.get(t, t), key="kaart_thema")
group = row[2].selectbox("Voor wie?", [ALL, *groups], key="kaart_doelgroep")
search = row[3].text_input("Zoek (bijvoorbeeld: schulden, kleding)", key="kaart_zoek", autocomplete="off")
row = st.columns([1, 1, 2])
postcode = row[0].text_input("Postcode", key="kaart_postcode", max_chars=7, placeholder="3811 AB")
tiles = row[1].selectbox(
    "Achtergrond",
    list(TILES),
    index=list(TILES).index(directory.region.tiles),
    format_func=lambda t: TILES[t].name,
    key="kaart_tiles",
)

shown = select(
    directory,
    doelgroep=None if group == ALL else group,
    thema=None if theme == ALL else theme,
    domein=None if domain == ALL else domain,
)
if search.strip():
    found = {s.organisation.id for s in suggest(search, directory, limit=50)}
    shown = [o for o in shown if o.id in found]

located_at = locate(directory.region, postcode)
if located_at.warning:
    st.warning(located_at.warning)
place = located_at.place

located = [o for o in shown if o.has_location]
st.caption(f"{len(located)} van de {len(directory.active)} organisaties op de kaart.")
region = directory.region
centre, zoom = ((place.lat, place.lon), 14) if place else (region.map_centre, region.map_zoom)
fmap = build_map(located, tiles=tiles, center=centre, zoom=zoom)
# Only the clicked popup comes back: panning and zooming do not rerun the page.
clicked = st_folium(
    fmap, key="kaart", height=560, use_container_width=True, returned_objects=["last_object_clicked_popup"]
)
names = {o.id: o.naam for o in sorted(located, key=lambda o: o.naam.casefold())}
# A click on a marker selects that organisation in the list below, so the map and the list show one
# choice. Only a new click counts: the map keeps its last click over reruns.
clicked_org = clicked_id((clicked or {}).get("last_object_clicked_popup"))
if clicked_org != st.session_state.get("kaart_klik"):
    st.session_state["kaart_klik"] = clicked_org
    if clicked_org in names:
        st.session_state["kaart_kies"] = clicked_org
if st.session_state.get("kaart_kies") not in names:  # filtered off the map: nothing selected
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
    organisation_card(directory.get(chosen))

if place is not None:
    st.subheader(f"Dichtbij postcode {md(postcode.strip().upper())}")
    close = nearest(located, place.lat, place.lon, NEAREST)
    if not close:
        st.info("Van de gekozen organisaties is geen precies adres bekend.")
    for org, km in close:
        st.markdown(f"- **{md(org.naam)}**: {km:.1f} km".replace(".", ","))
