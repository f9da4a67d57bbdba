"""Hulpvraag page: suggestions while typing, ladder per need, warm handover, and nothing stored."""

from __future__ import annotations

import time
import uuid

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import SERVER_PLACES, files_containing, open_app


@pytest.fixture
def at(monkeypatch, data_copy) -> AppTest:
    return open_app(monkeypatch, data_copy)


def type_need(at: AppTest, text: str) -> AppTest:
    at.text_input(key="hulpvraag").input(text).run()
    assert not at.exception
    return at


def shown_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_first_widget_is_the_need(at):
    assert at.text_input[0].key == "hulpvraag"
    assert at.text_input[0].label == "Wat is de hulpvraag?"
    assert at.info and "Typ hierboven" in at.info[0].value


def test_typing_a_need_shows_the_right_organisations_per_need(at):
    type_need(at, "kan de huur niet betalen, kinderen hebben geen winterjas")
    headers = [h.value for h in at.subheader]
    assert len([h for h in headers if h[:2] in ("1.", "2.")]) == 2
    text = shown_text(at)
    assert "Stichting Kledingbank Amersfoort" in text
    assert "**Eerst proberen**" in text
    assert "Waarom:" in text and "winterjas" in text


def test_heavier_help_comes_after_lighter_help(at):
    type_need(at, "zware schulden, wil schuldsanering")
    text = shown_text(at)
    assert text.index("**Eerst proberen**") < text.index("**Als dat niet genoeg is**")


def test_nothing_fits_points_to_general_entry_points(at):
    type_need(at, "xqzzv blorp")
    assert at.warning and "geen organisatie" in at.warning[0].value
    assert "Geldcheck033" in shown_text(at)


def test_warm_handover_texts(at):
    type_need(at, "winterjas voor de kinderen")
    at.multiselect(key="overdracht_orgs").select("kledingbank").run()
    at.text_area(key="overdracht_geprobeerd").input("Zelf gebeld, geen antwoord").run()
    at.text_input(key="overdracht_eigen_org").input("SchuldHulpMaatje").run()
    at.checkbox(key="toestemming_delen").check().run()
    assert not at.exception
    message = at.code[0].value
    assert "Aan: Stichting Kledingbank Amersfoort" in message
    assert "winterjas voor de kinderen" in message
    assert "Zelf gebeld, geen antwoord" in message
    assert "[x] Cliënt heeft toestemming gegeven om deze gegevens" in message
    assert "[ ] Cliënt heeft toestemming gegeven dat de organisatie contact" in message
    note = next(h.proto.body for h in at.get("html") if "vangnet-briefje" in h.proto.body)
    assert "Hier kun je terecht" in note and "Neem mee:" in note


def test_unknown_postcode_is_explained(at):
    at.text_input(key="filter_postcode").input("99999").run()
    type_need(at, "eten")
    assert any("postcode kennen we niet" in w.value for w in at.warning)


def test_income_filter_removes_organisations_with_a_lower_limit(at):
    type_need(at, "laptop nodig voor school")
    assert "Stichting Leergeld Amersfoort" in shown_text(at)
    at.checkbox(key="filter_inkomen_bekend").check().run()
    at.slider(key="filter_inkomen").set_value(150).run()
    assert "Stichting Leergeld Amersfoort" not in shown_text(at)


def test_need_text_is_never_in_the_url(at):
    type_need(at, "mijn geheime hulpvraag over schulden")
    assert all("geheim" not in str(v) for v in at.query_params.values())


def test_marker_typed_as_need_is_found_in_no_file(at):
    """AVG: a need typed in a conversation must not end up on disk, in logs or in caches."""
    marker = f"markeer{uuid.uuid4().hex}"
    started = time.time() - 1
    type_need(at, f"schulden en {marker}")
    at.multiselect(key="overdracht_orgs").select("geldcheck033").run()
    at.text_area(key="overdracht_geprobeerd").input(f"geprobeerd {marker}").run()
    assert marker in at.code[0].value  # it was used…
    assert not files_containing(marker.encode(), SERVER_PLACES, newer_than=started)  # …and written nowhere
