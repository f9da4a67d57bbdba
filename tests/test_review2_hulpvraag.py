"""Hulpvraag after a second review: "Nieuwe hulpvraag" empties what is on screen, a message names only the
schemes of its own need, the income filter counts for schemes, the hints say what the message says and
only ways of contact that exist, a copy button right under the tick, a handover to a general entry point,
and a postcode that is well formed but unknown."""

from __future__ import annotations

import html
import json
import re
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from directory.handover import (
    CALL_ME,
    GENERAL_NEED,
    I_WILL_CALL,
    NO_SHARE_CALL_ME,
    NO_SHARE_I_WILL_CALL,
    Referrer,
    SchemeLine,
    client_note,
    general_need,
    how_to_send,
    no_share_note,
    referral_text,
    schemes_for_need,
)
from directory.model import Organisation
from tests.conftest import DATA, open_app, refer_to, shown_block

RENT_AND_COAT = "kan de huur niet betalen, kinderen hebben geen winterjas"
NOTHING_FITS = "waar is de dichtstbijzijnde pinautomaat"
CARD_COPY_TITLE = "Kopieer het bericht aan "
BASE = {"domein": "ondersteuning", "omschrijving": "Geeft kleding.", "themas": ("kleding-spullen",)}
KLEDING = Organisation(id="kleding", naam="Kledingbank", aanmelden="Via een hulpverlener.", **BASE)
WOONKOSTEN = SchemeLine("Woonkostentoeslag", "Aanvragen bij de gemeente.", (), ("wonen-huur", "inkomen-regelingen"))
INRICHTING = SchemeLine("Bijzondere bijstand inrichting", "", (), ("kleding-spullen", "wonen-huur"))
UNTHEMED = SchemeLine("Zonder thema")


@pytest.fixture
def at(monkeypatch, data_copy) -> AppTest:
    """The app on a copy of the data folder with the schemes beside the list."""
    for name in ("regelingen.csv", "bijstandsnormen.csv"):
        shutil.copy(DATA.parent / name, data_copy.parent / name)
    return open_app(monkeypatch, data_copy)


def type_need(at: AppTest, text: str) -> AppTest:
    at.text_input(key="hulpvraag").input(text).run()
    assert not at.exception
    return at


def messages(at: AppTest) -> dict[str, str]:
    """Every message for an organisation on the page, by its first line ("Aan: ...")."""
    bodies = [h.proto.body for h in at.get("html") if "class='vangnet-bericht'" in h.proto.body]
    texts = [html.unescape(b[b.index(">") + 1 : b.rindex("</div>")]) for b in bodies]
    return {t.splitlines()[0].removeprefix("Aan: "): t for t in texts}


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def shown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def consent(at: AppTest) -> None:
    at.checkbox(key="toestemming_delen").check().run()
    assert not at.exception


# --- 1. "Nieuwe hulpvraag" empties the widgets on screen -------------------------------------------------


def test_nieuwe_hulpvraag_sends_empty_values_to_the_browser(at):
    """Deleting a widget's key left the browser showing (and sending back) the old words: the widgets must
    be set empty, which Streamlit marks with set_value so the browser takes the new value."""
    at.text_input(key="filter_postcode").input("3812").run()
    at.checkbox(key="filter_inkomen_bekend").check().run()
    at.slider(key="filter_inkomen").set_value(150).run()
    type_need(at, "geen geld voor eten")
    refer_to(at, "voedselbank")
    at.button(key="nieuwe_hulpvraag").click().run()
    assert not at.exception
    need, postcode = at.text_input(key="hulpvraag"), at.text_input(key="filter_postcode")
    assert need.value == "" and need.proto.set_value
    assert postcode.value == "" and postcode.proto.set_value
    assert at.checkbox(key="filter_inkomen_bekend").value is False
    assert at.slider(key="filter_inkomen").value == 100
    assert "geen geld" not in str({k: at.session_state[k] for k in at.session_state})


# --- 2. a message names only the schemes of its own need -------------------------------------------------


def test_a_scheme_belongs_to_a_need_that_shares_a_theme():
    schemes = [WOONKOSTEN, INRICHTING, UNTHEMED]
    assert schemes_for_need(schemes, {"kleding-spullen"}) == [INRICHTING]
    assert schemes_for_need(schemes, {"wonen-huur", "geldzorgen-schulden"}) == [WOONKOSTEN, INRICHTING]
    assert schemes_for_need(schemes, set()) == []  # a need without a theme: no scheme, the safe side


def test_the_letter_names_only_the_schemes_of_its_need_and_the_note_all():
    letter = referral_text([KLEDING], "geen winterjas", consents=["delen"], schemes=[WOONKOSTEN, INRICHTING],
                           need_themes={"kleding-spullen"})  # fmt: skip
    assert "Woonkostentoeslag" not in letter and "Bijzondere bijstand inrichting" in letter
    alone = referral_text([KLEDING], "geen winterjas", consents=["delen"], schemes=[WOONKOSTEN], need_themes=set())
    assert "Regelingen" not in alone
    note = client_note([KLEDING], [WOONKOSTEN, INRICHTING])
    assert "Woonkostentoeslag" in note and "Bijzondere bijstand inrichting" in note


def test_the_kledingbank_does_not_hear_of_the_rent_through_a_scheme(at):
    type_need(at, RENT_AND_COAT)
    refer_to(at, "kledingbank")
    refer_to(at, "de-alliantie")
    at.checkbox(key="regeling_kies_woonkostentoeslag").check().run()
    consent(at)
    found = messages(at)
    kleding, alliantie = found["Stichting Kledingbank Amersfoort"], found["de Alliantie (woningcorporatie)"]
    assert "huur" not in kleding and "Woonkostentoeslag" not in kleding
    assert "Woonkostentoeslag" in alliantie and "kan de huur niet betalen" in alliantie
    assert "Woonkostentoeslag" in shown_block(at, "vangnet-briefje")  # the client's own note has them all
    assert "Niet in dit bericht: Woonkostentoeslag" in captions(at)  # the volunteer is told why


# --- 3. the income filter counts for schemes -------------------------------------------------------------


def scheme_boxes(at: AppTest) -> list[str]:
    return [b.key.removeprefix("regeling_kies_") for b in at.checkbox if b.key.startswith("regeling_kies_")]


def income(at: AppTest, percent: int) -> None:
    at.checkbox(key="filter_inkomen_bekend").check().run()
    at.slider(key="filter_inkomen").set_value(percent).run()
    assert not at.exception


@pytest.mark.parametrize(
    ("need", "left_out", "named"),
    [
        ("kind wil op voetbal", "jeugdfonds-sport-cultuur", r"Jeugdfonds Sport \& Cultuur \(tot 120%\)"),
        ("geen geld voor eten", "individuele-inkomenstoeslag", r"Individuele inkomenstoeslag \(tot 110%\)"),
    ],
)
def test_an_income_above_a_schemes_limit_leaves_the_scheme_out(at, need, left_out, named):
    type_need(at, need)
    assert left_out in scheme_boxes(at)
    income(at, 250)
    assert left_out not in scheme_boxes(at)
    assert "Niet getoond, want de inkomensgrens ligt onder het inkomen bij de filters (250%" in captions(at)
    assert named in captions(at)


def test_an_income_under_the_limit_keeps_the_scheme(at):
    type_need(at, "kind wil op voetbal")
    income(at, 120)  # on the limit is within it, as on "Welke regelingen?"
    assert "jeugdfonds-sport-cultuur" in scheme_boxes(at)
    assert "Niet getoond" not in captions(at)


def test_a_ruled_out_scheme_does_not_take_the_place_of_one_that_fits():
    from directory import load_directory
    from directory.regelingen import Situatie, regelingen_bij_vraag
    from directory.regelingen_schema import load_regelingen

    schemes = load_regelingen(DATA.parent / "regelingen.csv", load_directory(DATA))
    need = "zoon wil op voetbal maar er is geen geld, en we hebben ook geen winterjas"
    found = regelingen_bij_vraag(need, schemes, Situatie(inkomen=250), limit=3).mogelijk
    assert len(found) == 3
    assert all(m.regeling.inkomensgrens is None or m.regeling.inkomensgrens >= 250 for m in found)


# --- 4. the hints say what the message says, and only ways of contact that exist --------------------------


@pytest.mark.parametrize(
    ("contact", "in_message", "in_hint"),
    [("06 12345678", CALL_ME, NO_SHARE_CALL_ME), ("", I_WILL_CALL, NO_SHARE_I_WILL_CALL)],
)
def test_without_consent_the_hint_agrees_with_the_message(contact, in_message, in_hint):
    referrer = Referrer(name="Sam", contact=contact)
    assert in_message in referral_text([KLEDING], "geen winterjas", referrer=referrer)
    assert in_hint in no_share_note(referrer)
    if not contact:
        assert "contact met jou op te nemen" not in no_share_note(referrer)


def test_the_page_hint_changes_with_the_volunteers_contact(at):
    type_need(at, "geen winterjas voor de kinderen")
    refer_to(at, "kledingbank")
    assert I_WILL_CALL in shown_block(at, "vangnet-bericht")
    assert "jij zelf contact opneemt" in captions(at) and "contact met jou op te nemen" not in captions(at)
    at.text_input(key="overdracht_contact").input("06 12345678").run()
    assert CALL_ME in shown_block(at, "vangnet-bericht")
    assert "contact met jou op te nemen" in captions(at)


def org(**contact: str) -> Organisation:
    return Organisation(id="k", naam="Kledingbank", aanmelden="Via een hulpverlener.", **BASE, **contact)


@pytest.mark.parametrize(
    ("contact", "says", "never"),
    [
        ({"email": "info@kleding.nl"}, None, ()),
        ({"website": "https://kleding.nl", "telefoon": "033 123 4567"}, "via de website (kleding.nl), of bel 033", ()),
        ({"website": "https://kleding.nl"}, "via de website (kleding.nl).", ("bel ",)),
        ({"telefoon": "033 123 4567"}, "Bel 033 123 4567", ("via de website",)),
        (
            {"adres": "Markt 1", "plaats": "Amersfoort", "openingstijden": "di 10-12"},
            "breng het langs: Markt 1, Amersfoort (di 10-12).",
            ("bel ", "via de website"),
        ),
        (
            {"contact_professionals": "Verwijsbrief per persoon."},
            "Zo verwijs je: Verwijsbrief per persoon.",
            ("bel ", "via de website", "langs"),
        ),
        ({}, "Zo meld je aan: Via een hulpverlener.", ("bel ", "via de website", "langs")),
    ],
)
def test_how_to_send_names_only_ways_that_exist(contact, says, never):
    advice = how_to_send(org(**contact))
    if says is None:
        assert advice is None
        return
    assert says in advice
    assert not any(way in advice.lower() for way in never)


def test_the_kledingbank_is_not_said_to_have_a_website_or_a_phone(at):
    type_need(at, "geen winterjas voor de kinderen")
    refer_to(at, "kledingbank")
    advice = next(c.value for c in at.caption if "telefoonnummer in de lijst" in c.value)
    assert "via de website" not in advice and "bel " not in advice.lower()
    assert "Zo verwijs je\\: Verwijsbrief" in advice


# --- 5. a copy button right under the tick ---------------------------------------------------------------


def card_copies(at: AppTest) -> dict[str, str]:
    """The copy buttons on the cards: the organisation named in the frame's title -> the text it copies."""
    found = {}
    for frame in (f.proto for f in at.get("iframe")):
        if frame.alt.startswith(CARD_COPY_TITLE):
            (data,) = re.findall(r"^const DATA = (.*);$", frame.srcdoc, flags=re.MULTILINE)
            found[frame.alt.removeprefix(CARD_COPY_TITLE)] = json.loads(data)["text"]
    return found


def test_a_ticked_card_has_a_copy_button_of_its_own_message(at):
    type_need(at, "zoon wil op voetbal maar er is geen geld, en we hebben ook geen winterjas")
    refer_to(at, "kledingbank")
    assert list(card_copies(at)) == ["Stichting Kledingbank Amersfoort"]
    refer_to(at, "leergeld")
    consent(at)
    copies, found = card_copies(at), messages(at)
    assert sorted(copies) == sorted(found) == ["Stichting Kledingbank Amersfoort", "Stichting Leergeld Amersfoort"]
    assert all(copies[name] == found[name] for name in found)  # each card copies its own message, to the letter
    assert "winterjas" in copies["Stichting Kledingbank Amersfoort"]
    assert "winterjas" not in copies["Stichting Leergeld Amersfoort"]
    at.checkbox(key="verwijs_1_kledingbank").uncheck().run()
    assert list(card_copies(at)) == ["Stichting Leergeld Amersfoort"]


# --- 6. a handover to a general entry point --------------------------------------------------------------


def test_when_nothing_fits_a_general_entry_point_can_be_chosen(at):
    type_need(at, NOTHING_FITS)
    assert "Algemene ingangen" in [h.value for h in at.header]
    boxes = [b.key for b in at.checkbox if b.key.startswith("verwijs_ingang_")]
    assert boxes, "no Verwijs hierheen on the general entry points"
    at.checkbox(key=boxes[0]).check().run()
    assert not at.exception
    message = shown_block(at, "vangnet-bericht")
    assert message.startswith("Aan: ") and "pinautomaat" not in message  # no consent yet
    consent(at)
    assert "  waar is de dichtstbijzijnde pinautomaat\n" in shown_block(at, "vangnet-bericht")
    type_need(at, "geen winterjas voor de kinderen")  # now something fits: the entry point choice goes
    assert not [b for b in at.checkbox if b.key.startswith("verwijs_") and b.value]


def test_a_general_need_has_no_theme_and_so_no_scheme():
    need = general_need([KLEDING])
    assert need.label == GENERAL_NEED and need.themes == () and need.text == ""
    assert [s.organisation for s in need.suggestions] == [KLEDING]


# --- 7. a well-formed but unknown postcode ----------------------------------------------------------------


def test_four_digits_that_are_not_a_known_postcode_are_called_unknown(at):
    at.text_input(key="filter_postcode").input("1234").run()
    type_need(at, "eten")
    warnings = " ".join(w.value for w in at.warning)
    assert "Postcode 1234 staat niet in de postcodelijst" in warnings and "kies de wijk" in warnings
    assert "Typ vier cijfers" not in warnings


def test_a_malformed_postcode_still_asks_for_four_digits(at):
    at.text_input(key="filter_postcode").input("99999").run()
    type_need(at, "eten")
    assert any("Typ vier cijfers" in w.value for w in at.warning)


# --- 8. the counter does not cover the text ---------------------------------------------------------------


def test_a_text_field_keeps_room_for_its_counter():
    from ui.shell import STYLE

    assert '[data-testid="stTextInput"]:has([data-testid="InputInstructions"]) input' in STYLE
    assert "padding-right: 5.5rem" in STYLE
