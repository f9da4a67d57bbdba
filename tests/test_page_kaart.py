"""Kaart page: renders, filters narrow the map, the postcode box lists the nearest organisations."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from directory.mapping import clicked_id
from tests.conftest import open_app


@pytest.fixture
def at(monkeypatch, data_copy) -> AppTest:
    return open_app(monkeypatch, data_copy, "pages/kaart.py")


def on_map(at: AppTest) -> int:
    caption = next(c.value for c in at.caption if "op de kaart" in c.value)
    return int(re.match(r"(\d+) van de", caption).group(1))


def test_page_renders_the_map(at):
    assert at.title[0].value == "Kaart"
    assert on_map(at) == 46


@pytest.mark.parametrize(
    ("key", "value"),
    [("kaart_domein", "curatief"), ("kaart_thema", "voedsel"), ("kaart_doelgroep", "statushouders")],
)
def test_filters_narrow_the_map(at, key, value):
    at.selectbox(key=key).select(value).run()
    assert not at.exception
    assert 0 < on_map(at) < 46


def test_search_uses_the_matcher(at):
    at.text_input(key="kaart_zoek").input("kledingbnk").run()
    assert on_map(at) >= 1


def test_postcode_lists_nearest_with_distance(at):
    at.text_input(key="kaart_postcode").input("3812 AB").run()
    assert not at.exception
    assert any("Dichtbij postcode 3812 AB" in h.value for h in at.subheader)
    assert any(" km" in m.value for m in at.markdown)


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
