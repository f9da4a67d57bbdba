"""Hulpvraag after a review: consent decides what a message says, one message per organisation, a clean
start for the next client, the way back from an organisation's page, a postcode outside the list, and a
letter that says "u" throughout."""

from __future__ import annotations

import csv
import re
import time
import uuid

import pytest
from streamlit.testing.v1 import AppTest

from directory.handover import (
    CALL_ME,
    I_WILL_CALL,
    NO_DETAILS,
    Referrer,
    SchemeLine,
    client_note,
    referral_text,
)
from directory.model import Organisation
from tests.conftest import DATA, SERVER_PLACES, files_containing, open_app, refer_to, shown_block

TWO_NEEDS = "zoon wil op voetbal maar er is geen geld, en we hebben ook geen winterjas"
KLEDINGBANK = "Stichting Kledingbank Amersfoort"
LEERGELD = "Stichting Leergeld Amersfoort"
INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jezelf)\b", re.IGNORECASE)

BASE = {"domein": "ondersteuning", "omschrijving": "Geeft kleding.", "themas": ("kleding-spullen",)}
KLEDING = Organisation(id="kleding", naam="Kledingbank", aanmelden="Via een hulpverlener.", **BASE)


@pytest.fixture
def at(monkeypatch, data_copy) -> AppTest:
    return open_app(monkeypatch, data_copy)


def type_need(at: AppTest, text: str) -> AppTest:
    at.text_input(key="hulpvraag").input(text).run()
    assert not at.exception
    return at


def messages(at: AppTest) -> list[str]:
    """Every message for an organisation on the page, as shown and copied."""
    import html

    bodies = [h.proto.body for h in at.get("html") if "class='vangnet-bericht'" in h.proto.body]
    return [html.unescape(b[b.index(">") + 1 : b.rindex("</div>")]) for b in bodies]


def ticked(at: AppTest) -> list[str]:
    return [box.key for box in at.checkbox if box.key.startswith("verwijs_") and box.value]


def consent(at: AppTest) -> AppTest:
    at.checkbox(key="toestemming_delen").check().run()
    assert not at.exception
    return at


# --- 1. consent, and one message per organisation ---------------------------------------------------


def test_without_consent_the_message_has_none_of_the_clients_words(at):
    type_need(at, TWO_NEEDS)
    refer_to(at, "kledingbank")
    message = shown_block(at, "vangnet-bericht")
    for words in ("voetbal", "winterjas", "geld", "zoon", "hulpvraag:"):
        assert words not in message
    assert NO_DETAILS in message and I_WILL_CALL in message  # neutral: someone will be in touch
    assert any("staat de hulpvraag niet in het bericht" in c.value for c in at.caption)  # the volunteer is told


def test_with_consent_the_message_carries_the_need(at):
    type_need(at, TWO_NEEDS)
    refer_to(at, "kledingbank")
    consent(at)
    message = shown_block(at, "vangnet-bericht")
    assert "Ik verwijs iemand naar u door met de volgende hulpvraag:\n  geen winterjas\n" in message
    assert "voetbal" not in message  # the other need is not the Kledingbank's business


def test_two_organisations_get_a_message_each_with_only_their_own_need(at):
    type_need(at, TWO_NEEDS)
    refer_to(at, "kledingbank")
    refer_to(at, "leergeld")
    consent(at)
    by_first_line = {m.splitlines()[0]: m for m in messages(at)}
    assert set(by_first_line) == {f"Aan: {KLEDINGBANK}", f"Aan: {LEERGELD}"}
    kleding, leergeld = by_first_line[f"Aan: {KLEDINGBANK}"], by_first_line[f"Aan: {LEERGELD}"]
    assert "winterjas" in kleding and "voetbal" not in kleding
    assert "voetbal" in leergeld and "winterjas" not in leergeld
    frames = [f.proto.srcdoc for f in at.get("iframe")]
    assert sum("warme-overdracht-kledingbank.txt" in f for f in frames) == 1  # each its own download
    assert sum("warme-overdracht-leergeld.txt" in f for f in frames) == 1
    assert "Berichten voor de organisaties (2)" in [t.label for t in at.tabs]


def test_without_consent_two_organisations_get_two_neutral_messages(at):
    type_need(at, TWO_NEEDS)
    refer_to(at, "kledingbank")
    refer_to(at, "leergeld")
    found = messages(at)
    assert len(found) == 2
    assert all("winterjas" not in m and "voetbal" not in m and NO_DETAILS in m for m in found)


def test_what_was_tried_and_the_schemes_wait_for_consent_too():
    scheme = SchemeLine("Bijzondere bijstand", "Aanvragen bij de gemeente.", ("Geldcheck033",))
    referrer = Referrer(name="Sam", organisation="Buurtteam", contact="06 12345678")
    without = referral_text([KLEDING], "geen winterjas", "Samen gebeld", referrer, (), [scheme])
    assert "winterjas" not in without and "Samen gebeld" not in without and "Bijzondere bijstand" not in without
    assert CALL_ME in without  # the volunteer left a number: the organisation is asked to use it
    assert "Doorverwezen door:\n  Sam, Buurtteam\n  Bereikbaar via: 06 12345678\n" in without
    agreed = referral_text([KLEDING], "geen winterjas", "Samen gebeld", referrer, ["delen"], [scheme])
    assert "  geen winterjas\n" in agreed and "Samen gebeld" in agreed and "Bijzondere bijstand" in agreed


def test_several_needs_for_one_organisation_are_a_short_list():
    text = referral_text([KLEDING], ["geen winterjas", "geen schoenen", "geen winterjas"], consents=["delen"])
    assert "met de volgende hulpvragen:\n  - geen winterjas\n  - geen schoenen\n\n" in text


# --- 2. a clean start, and no choice that outlives its results -------------------------------------


def test_nieuwe_hulpvraag_wipes_everything_about_the_client(at):
    at.text_input(key="filter_postcode").input("3811 AB").run()
    type_need(at, "geen winterjas voor de kinderen")
    refer_to(at, "kledingbank")
    consent(at)
    at.text_area(key="overdracht_geprobeerd").input("Zelf gebeld").run()
    at.text_input(key="overdracht_naam").input("Sam").run()
    at.button(key="nieuwe_hulpvraag").click().run()
    assert not at.exception
    assert at.text_input(key="hulpvraag").value == ""
    assert at.text_input(key="filter_postcode").value == ""
    assert not any("vangnet-bericht" in h.proto.body for h in at.get("html"))
    left = {key: at.session_state[key] for key in at.session_state}
    client_keys = ("hulpvraag", "filter_postcode", "verwijs_", "toestemming_", "overdracht_geprobeerd")
    about_the_client = [k for k in left if k.removeprefix("bewaard_").startswith((*client_keys, "overdracht_gekozen"))]
    assert about_the_client == [] or all(not left[k] for k in about_the_client)
    assert "Zelf gebeld" not in str(left) and "winterjas" not in str(left)
    # The next client starts clean: the same organisation is not ticked, no consent is given.
    type_need(at, "geen winterjas voor de kinderen")
    assert ticked(at) == []
    refer_to(at, "kledingbank")
    assert at.checkbox(key="toestemming_delen").value is False
    assert "winterjas" not in shown_block(at, "vangnet-bericht")


def test_the_button_is_also_under_the_handover(at):
    type_need(at, "geen winterjas voor de kinderen")
    refer_to(at, "kledingbank")
    at.button(key="nieuwe_hulpvraag_onder").click().run()
    assert at.text_input(key="hulpvraag").value == "" and ticked(at) == []


def test_a_choice_that_left_the_results_does_not_come_back(at):
    type_need(at, "geen winterjas voor de kinderen")
    refer_to(at, "kledingbank")
    consent(at)
    type_need(at, "we hebben een huurachterstand")  # the Kledingbank is not on this page
    assert "Stichting Kledingbank" not in " ".join(m.value for m in at.markdown)
    type_need(at, "geen winterjas voor de kinderen")
    assert ticked(at) == []
    assert not any("vangnet-bericht" in h.proto.body for h in at.get("html"))
    refer_to(at, "kledingbank")
    assert at.checkbox(key="toestemming_delen").value is False  # nor does the consent


def test_an_emptied_field_forgets_the_choices_and_the_consent(at):
    type_need(at, "geen winterjas voor de kinderen")
    refer_to(at, "kledingbank")
    consent(at)
    type_need(at, "")
    type_need(at, "geen winterjas voor de kinderen")
    assert ticked(at) == []
    refer_to(at, "kledingbank")
    assert at.checkbox(key="toestemming_delen").value is False


def test_a_choice_is_for_one_need_when_an_organisation_fits_two(at):
    """Each card's box is its own choice: the message says only the need it was ticked for."""
    type_need(at, TWO_NEEDS)
    boxes = [b.key for b in at.checkbox if b.key.startswith("verwijs_") and b.key.endswith("_leergeld")]
    assert boxes
    at.checkbox(key=boxes[0]).check().run()
    assert ticked(at) == [boxes[0]]


# --- 3. the way back from an organisation's page -------------------------------------------------


def test_the_card_link_says_where_it_came_from_but_nothing_about_the_client(at):
    type_need(at, "geen winterjas voor de kinderen")
    links = [p.proto for p in at.get("page_link") if p.proto.label == "Alles over deze organisatie"]
    assert links and all(link.query_string.endswith("&van=hulpvraag") for link in links)
    assert all("winterjas" not in link.query_string for link in links)


def test_need_results_and_choices_survive_a_look_at_an_organisation(at):
    at.text_input(key="filter_postcode").input("3811 AB").run()
    type_need(at, TWO_NEEDS)
    refer_to(at, "kledingbank")
    consent(at)
    at.query_params["org"] = "kledingbank"
    at.query_params["van"] = "hulpvraag"
    at.switch_page("pages/overzicht.py").run()
    assert not at.exception
    back = [p.proto for p in at.get("page_link") if p.proto.label == "Terug naar Hulpvraag"]
    assert back and back[0].page == ""  # Hulpvraag is the app's start page
    assert all("winterjas" not in str(v) for v in at.query_params.values())
    at.switch_page("pages/zoeken.py").run()
    assert not at.exception
    assert at.text_input(key="hulpvraag").value == TWO_NEEDS
    assert at.text_input(key="filter_postcode").value == "3811 AB"
    assert ticked(at) == ["verwijs_1_kledingbank"]
    assert at.checkbox(key="toestemming_delen").value is True
    assert "geen winterjas" in shown_block(at, "vangnet-bericht")


def test_without_van_the_detail_page_goes_back_to_the_overview(monkeypatch, data_copy):
    at = open_app(monkeypatch, data_copy)
    at.query_params["org"] = "kledingbank"
    at.switch_page("pages/overzicht.py").run()
    assert [b.label for b in at.button if b.key == "wdw_terug"] == ["← Terug naar het overzicht"]
    assert not [p for p in at.get("page_link") if p.proto.label == "Terug naar Hulpvraag"]


def test_a_round_trip_writes_the_need_nowhere(at):
    marker = f"markeer{uuid.uuid4().hex}"
    started = time.time() - 1
    type_need(at, f"geen winterjas {marker}")
    refer_to(at, "kledingbank")
    consent(at)
    at.query_params["org"] = "kledingbank"
    at.query_params["van"] = "hulpvraag"
    at.switch_page("pages/overzicht.py").run()
    at.switch_page("pages/zoeken.py").run()
    assert marker in at.text_input(key="hulpvraag").value  # kept in the session's memory…
    assert all(marker not in str(v) for v in at.query_params.values())  # …never in the URL
    assert files_containing(marker.encode(), SERVER_PLACES, newer_than=started) == []  # …nor on disk


# --- 4. a sign near the card ---------------------------------------------------------------------


def test_a_ticked_card_says_so_and_links_to_the_handover(at):
    type_need(at, "geen winterjas voor de kinderen")
    assert not [m for m in at.markdown if "Naar de overdracht" in m.value]
    refer_to(at, "kledingbank")
    notes = [m.value for m in at.markdown if "Naar de overdracht" in m.value]
    assert notes == [":material/check_circle: Staat in de overdracht. [Naar de overdracht](#warme-overdracht)"]
    assert "warme-overdracht" in [h.proto.anchor for h in at.header]


# --- 6. a postcode outside the list ----------------------------------------------------------------


def card_names(at: AppTest) -> list[str]:
    return [m.value.splitlines()[0] for m in at.markdown if m.value.startswith("#### ")]


def test_a_postcode_outside_the_list_is_said_and_ignored(at):
    type_need(at, "taalles nodig")
    without = card_names(at)
    assert any("Taalhuis" in name for name in without)  # an organisation with an address
    at.text_input(key="filter_postcode").input("1012 AB").run()
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any("buiten het gebied van deze lijst (Amersfoort)" in w and "Amsterdam" in w for w in warnings)
    assert card_names(at) == without  # no organisation with an address drops out
    assert not any(c.value.endswith(" km") for c in at.caption)  # no distance from Amsterdam


def test_a_postcode_in_the_list_still_gives_the_distance(at):
    type_need(at, "taalles nodig")
    at.text_input(key="filter_postcode").input("3811 AB").run()
    assert not any("buiten het gebied" in w.value for w in at.warning)
    assert any(c.value.endswith(" km") for c in at.caption)


# --- 7. the letter says "u" throughout -------------------------------------------------------------


def bundled_schemes() -> list[SchemeLine]:
    with (DATA.parent / "regelingen.csv").open(encoding="utf-8", newline="") as handle:
        return [SchemeLine(row["naam"], row["aanvragen"]) for row in csv.DictReader(handle)]


def test_the_letter_to_an_organisation_never_says_je():
    schemes = bundled_schemes()
    assert any(INFORMAL.search(s.aanvragen) for s in schemes)  # the list does speak to the client
    letter = referral_text([KLEDING], "geen winterjas", consents=["delen"], schemes=schemes)
    assert "Individuele inkomenstoeslag" in letter
    assert "Aanvragen: Binnen 6 weken na de datum op de aanslag." in letter  # a line without "je" stays
    assert [line for line in letter.splitlines() if INFORMAL.search(line)] == []


def test_the_note_for_the_client_keeps_the_je_lines():
    note = client_note([KLEDING], bundled_schemes())
    assert "kopieën van je inkomensgegevens" in note
