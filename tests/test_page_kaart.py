"""Kaart page: renders, filters narrow the map, the postcode box lists the nearest organisations."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from directory.mapping import clicked_id
from tests.conftest import open_app
from ui.paging import PAGE_SIZE


@pytest.fixture
def at(monkeypatch, data_copy) -> AppTest:
    return open_app(monkeypatch, data_copy, "pages/kaart.py")


def on_map(at: AppTest) -> int:
    return counts(at)[0]


def counts(at: AppTest) -> tuple[int, int]:
    """(on the map, shown at all)."""
    caption = next(c.value for c in at.caption if "op de kaart" in c.value)
    on, of = re.match(r"(\d+) van de (\d+)", caption).groups()
    return int(on), int(of)


def test_page_renders_the_map(at):
    assert at.title[0].value == "Kaart"
    assert counts(at) == (15, 46)


def test_organisations_without_a_place_are_listed_beside_the_map_not_pinned(at):
    groups = {e.label: "\n".join(m.value for m in e.markdown) for e in at.expander if "(" in e.label}
    beside = groups["Werkt in heel Amersfoort (25)"]
    assert beside.count("\n- ") + 1 == PAGE_SIZE  # a page at a time; the heading counts them all
    assert "Plek onbekend (5)" in groups
    at.button(key="kaart_zonder_plek_0_meer").click().run()
    groups = {e.label: "\n".join(m.value for m in e.markdown) for e in at.expander if "(" in e.label}
    beside = groups["Werkt in heel Amersfoort (25)"]
    assert beside.count("\n- ") + 1 == 25
    assert "Voedselbank Amersfoort" in beside and "Stichting Kledingbank Amersfoort" in beside


@pytest.mark.parametrize(
    ("key", "value"),
    [("kaart_domein", "curatief"), ("kaart_thema", "voedsel"), ("kaart_doelgroep", "statushouders")],
)
def test_filters_narrow_the_map(at, key, value):
    at.selectbox(key=key).select(value).run()
    assert not at.exception
    assert 0 < counts(at)[1] < 46 and on_map(at) <= counts(at)[1]


def test_search_uses_the_matcher(at):
    at.text_input(key="kaart_zoek").input("kledingbnk").run()
    assert 1 <= counts(at)[1] < 46


def test_postcode_lists_known_distances_first_and_never_a_distance_for_an_approximate_place(at):
    at.text_input(key="kaart_postcode").input("3812 AB").run()
    assert not at.exception
    assert any("Dichtbij postcode 3812 AB" in h.value for h in at.header)
    nearby = [m.value for m in at.markdown if m.value.startswith("- **")]
    with_km = [i for i, line in enumerate(nearby) if line.endswith(" km")]
    assert with_km == list(range(len(with_km))) and 0 < len(with_km) < len(nearby)  # known ones first
    assert any(line.endswith("in de wijk Stadskern") for line in nearby)


def test_a_postcode_outside_the_list_keeps_the_map_on_the_list(at):
    """Centred on 1012 (Amsterdam) the Amersfoort map showed nobody, and the list beside it had no distances."""
    before = counts(at)
    at.text_input(key="kaart_postcode").input("1012 AB").run()
    assert not at.exception
    assert any("Amsterdam, buiten het gebied van deze lijst" in w.value for w in at.warning)
    assert not any("Dichtbij postcode" in h.value for h in at.header)
    assert counts(at) == before


def test_unknown_postcode_is_explained(at):
    at.text_input(key="kaart_postcode").input("abcd").run()
    assert any("postcode kennen we niet" in w.value for w in at.warning)


@pytest.mark.parametrize(
    ("popup", "expected"),
    [("Voedselbank\nOndersteuning\nid: voedselbank", "voedselbank"), ("id: <script>", None), (None, None), ("", None)],
)
def test_clicked_popup_text_gives_the_id(popup, expected):
    assert clicked_id(popup) == expected


def test_choosing_an_organisation_shows_its_card(at):
    at.selectbox(key="kaart_kies").select("voedselbank").run()
    assert not at.exception
    assert any("Voedselbank Amersfoort" in m.value for m in at.markdown)


def test_an_address_on_the_typed_postcode_comes_first_in_the_nearby_list(at):
    """A browser review typed Hestia's own postcode and found it fifth, under a wijk, after a library 1 km away."""
    at.text_input(key="kaart_postcode").input("3814 AB").run()
    nearby = [m.value for m in at.markdown if m.value.startswith("- **")]
    assert nearby[0].startswith("- **Huurdersvereniging Hestia") and nearby[0].endswith("op deze postcode")
