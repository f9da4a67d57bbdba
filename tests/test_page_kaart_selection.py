"""Kaart page: a click on a marker selects that organisation (list and card), the list can override it.

The map component cannot run in AppTest, so `st_folium` is replaced by a stand-in that returns the
popup text the browser would send; the real click is tested in tests/e2e/test_kaart.py.
"""

from __future__ import annotations

import pytest
import streamlit_folium
from streamlit.testing.v1 import AppTest

from tests.conftest import open_app


class FakeMap:
    """Stands in for st_folium: returns the text of the last clicked popup, as the component does."""

    def __init__(self) -> None:
        self.popup: str | None = None
        self.maps = []

    def __call__(self, fmap, **kwargs):
        self.maps.append(fmap)
        return {"last_object_clicked_popup": self.popup}

    def click(self, org_id: str, name: str = "Naam") -> None:
        self.popup = f"{name}\nOndersteuning\nid: {org_id}"


@pytest.fixture
def fake_map(monkeypatch) -> FakeMap:
    fake = FakeMap()
    monkeypatch.setattr(streamlit_folium, "st_folium", fake)
    return fake


@pytest.fixture
def at(monkeypatch, data_copy, fake_map) -> AppTest:
    return open_app(monkeypatch, data_copy, "pages/kaart.py")


def cards(at: AppTest) -> list[str]:
    """Names in the card headings (## name, the first heading under the page title) on the page."""
    return [m.value.split("\n")[0][3:] for m in at.markdown if m.value.startswith("## ")]


def test_no_card_before_a_click(at, fake_map):
    assert fake_map.maps  # the page drew the map through st_folium
    assert at.selectbox(key="kaart_kies").value is None
    assert cards(at) == []


def test_click_on_a_marker_selects_it_and_shows_its_card(at, fake_map):
    fake_map.click("voedselbank")
    at.run()
    assert not at.exception
    assert at.selectbox(key="kaart_kies").value == "voedselbank"
    assert cards(at) == ["Voedselbank Amersfoort"]


def test_list_choice_replaces_the_clicked_one_and_stays(at, fake_map):
    fake_map.click("voedselbank")
    at.run()
    at.selectbox(key="kaart_kies").select("schuldhulpmaatje").run()
    assert at.selectbox(key="kaart_kies").value == "schuldhulpmaatje"
    at.run()  # the map still reports its old click on every rerun: that is not a new click
    assert at.selectbox(key="kaart_kies").value == "schuldhulpmaatje"
    assert len(cards(at)) == 1 and "voedselbank" not in cards(at)[0].lower()
    fake_map.click("kledingbank")  # a new click wins again (clicking the same marker again sends nothing new)
    at.run()
    assert at.selectbox(key="kaart_kies").value == "kledingbank"
    assert cards(at) == ["Stichting Kledingbank Amersfoort"]


def test_selection_filtered_off_the_map_is_dropped(at, fake_map):
    fake_map.click("voedselbank")
    at.run()
    at.selectbox(key="kaart_domein").select("curatief").run()  # the food bank is not curative
    assert not at.exception
    assert at.selectbox(key="kaart_kies").value is None
    assert cards(at) == []


@pytest.mark.parametrize("popup", ["id: bestaat-niet", "id: <script>alert(1)</script>", "zomaar tekst", ""])
def test_unknown_or_hostile_popup_text_selects_nothing(at, fake_map, popup):
    fake_map.popup = popup
    at.run()
    assert not at.exception
    assert at.selectbox(key="kaart_kies").value is None
    assert cards(at) == []
