"""Hulpvraag page: suggestions while typing, ladder per need, warm handover, and nothing stored."""

from __future__ import annotations

import time
import uuid

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import SERVER_PLACES, files_containing, open_app, refer_to, shown_block


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
    headers = [h.value for h in at.header]
    assert len([h for h in headers if h[:2] in ("1.", "2.")]) == 2
    text = shown_text(at)
    assert "Stichting Kledingbank Amersfoort" in text
    assert "Eerst proberen" in [h.value for h in at.subheader]
    assert "Waarom:" in text and "winterjas" in text


def test_heavier_help_comes_after_lighter_help(at):
    type_need(at, "zware schulden, wil schuldsanering")
    steps = [h.value for h in at.subheader]
    assert steps.index("Eerst proberen") < steps.index("Als dat niet genoeg is")


def test_nothing_fits_points_to_general_entry_points(at):
    type_need(at, "xqzzv blorp")
    assert at.warning and "geen organisatie" in at.warning[0].value
    assert "Geldcheck033" in shown_text(at)


def test_when_nothing_fits_the_volunteer_picks_a_theme_and_can_refer(at):
    """Words the list does not use ("woedend en slaan") still lead somewhere: pick the theme yourself."""
    type_need(at, "xqzzv blorp")
    picker = at.selectbox(key="hulpvraag_onderwerp")
    assert picker.label == "Kies zelf een onderwerp" and picker.value is None
    assert "Opvoeding en gezin" in picker.options
    picker.select("opvoeding-gezin").run()
    assert not at.exception
    assert "Opvoeding en gezin" in [h.value for h in at.header]
    assert "Algemene ingangen" not in [h.value for h in at.header]
    text = shown_text(at)
    assert "Wijkteam Soesterkwartier" in text and "past bij het onderwerp" in text
    refer_to(at, "home-start")
    assert shown_block(at, "vangnet-bericht").startswith("Aan: Humanitas Home-Start Amersfoort")


def test_a_picked_theme_never_offers_a_creditor(at):
    type_need(at, "xqzzv blorp")
    at.selectbox(key="hulpvraag_onderwerp").select("geldzorgen-schulden").run()
    text = shown_text(at)
    assert "Geldcheck033" in text
    assert "Jongerius" not in text


def test_next_to_recognised_needs_a_theme_can_be_added(at):
    type_need(at, "winterjas voor de kinderen")
    assert at.expander and at.expander[-1].label == "Niet wat je zoekt? Kies zelf een onderwerp"
    at.selectbox(key="hulpvraag_onderwerp").select("voedsel").run()
    assert not at.exception
    assert "2. Eten en boodschappen" in [h.value for h in at.header]
    assert "Stichting Kledingbank Amersfoort" in shown_text(at)  # the recognised need stays
    refer_to(at, "voedselbank")
    assert "Voedselbank" in shown_block(at, "vangnet-bericht")


def test_warm_handover_texts(at):
    type_need(at, "winterjas voor de kinderen")
    refer_to(at, "kledingbank")
    at.text_area(key="overdracht_geprobeerd").input("Zelf gebeld, geen antwoord").run()
    at.text_input(key="overdracht_eigen_org").input("SchuldHulpMaatje").run()
    at.checkbox(key="toestemming_delen").check().run()
    assert not at.exception
    message = shown_block(at, "vangnet-bericht")
    assert "Aan: Stichting Kledingbank Amersfoort" in message
    assert "winterjas voor de kinderen" in message
    assert "Zelf gebeld, geen antwoord" in message
    assert "De cliënt geeft toestemming dat deze gegevens met u gedeeld worden." in message
    assert "contact met hem of haar" not in message  # not ticked: not said
    note = shown_block(at, "vangnet-briefje")
    assert "Hier kun je terecht" in note and "Neem mee:" in note


def test_one_tick_on_a_card_makes_a_finished_message(at):
    """Type, tick, copy: the message needs nothing else, and says nothing that was not filled in."""
    type_need(at, "winterjas voor de kinderen")
    assert not any("vangnet-bericht" in h.proto.body for h in at.get("html"))  # nothing chosen yet
    refer_to(at, "kledingbank")
    message = shown_block(at, "vangnet-bericht")
    assert message.startswith("Aan: Stichting Kledingbank Amersfoort")
    for placeholder in ("niet ingevuld", "niets ingevuld", "[ ]", "[x]", "toestemming", "Doorverwezen door"):
        assert placeholder not in message
    assert any("Vraag de cliënt eerst" in c.value for c in at.caption)  # the one-line consent reminder
    # The Kledingbank lists no e-mail, website or phone: the page says how to refer, never "bel" or "website".
    assert any("telefoonnummer in de lijst" in c.value and "Zo verwijs je" in c.value for c in at.caption)
    assert "winterjas" not in message  # no consent to share yet: a neutral message, no details
    assert [b.key for b in at.checkbox if b.key.startswith("verwijs_") and b.value] == ["verwijs_1_kledingbank"]


def test_unticking_a_card_takes_the_organisation_out_of_the_handover(at):
    type_need(at, "winterjas voor de kinderen")
    refer_to(at, "kledingbank")
    at.checkbox(key="verwijs_1_kledingbank").uncheck().run()
    assert not any("vangnet-bericht" in h.proto.body for h in at.get("html"))


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


def test_the_clients_wijk_puts_its_own_wijkteam_first(at):
    type_need(at, "thuis veel ruzie over de opvoeding van onze puber")
    text = shown_text(at)
    assert text.index("Wijkteams Amersfoort") < text.index("Wijkteam Soesterkwartier")
    at.selectbox(key="filter_wijk").select("Soesterkwartier").run()
    text = shown_text(at)
    assert text.index("Wijkteam Soesterkwartier") < text.index("Wijkteams Amersfoort")


def test_need_text_is_never_in_the_url(at):
    type_need(at, "mijn geheime hulpvraag over schulden")
    assert all("geheim" not in str(v) for v in at.query_params.values())


def test_marker_typed_as_need_is_found_in_no_file(at):
    """AVG: a need typed in a conversation must not end up on disk, in logs or in caches."""
    marker = f"markeer{uuid.uuid4().hex}"
    started = time.time() - 1
    type_need(at, f"schulden en {marker}")
    refer_to(at, "geldcheck033")
    at.checkbox(key="toestemming_delen").check().run()  # the client agreed: now the words are in the message
    at.text_area(key="overdracht_geprobeerd").input(f"geprobeerd {marker}").run()
    assert marker in shown_block(at, "vangnet-bericht")  # it was used…
    assert not files_containing(marker.encode(), SERVER_PLACES, newer_than=started)  # …and written nowhere
