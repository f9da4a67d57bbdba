"""Review 4: two wording defects in the warm handover.

1. When the client cannot apply themselves, the box for the volunteer said "Kijk op de kaart bij Aanmelden".
   The app has a page called Kaart (the map), so a volunteer looked on the map instead of on the
   organisation's card above the handover.
2. The client's note always ended with "Vraag degene die je hielp om samen te bellen.", also when none of
   the chosen organisations has a phone number (Stichting Kledingbank Amersfoort + Sociaal Fonds).
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from directory import load_directory
from directory.handover import (
    CALL_TOGETHER,
    CHECK_WHO_MAY,
    LOOK_TOGETHER,
    MAIL_TOGETHER,
    VISIT_TOGETHER,
    WEBSITE_TOGETHER,
    client_cannot_apply,
    client_note,
    professional_route,
    together_line,
)
from directory.links import tel_url
from directory.model import Organisation
from tests.conftest import DATA, open_app, refer_to, shown_block

OLD_CALL_LINE = "Lukt het niet? Vraag degene die je hielp om samen te bellen."
CLOSING_LINES = (CALL_TOGETHER, MAIL_TOGETHER, WEBSITE_TOGETHER, VISIT_TOGETHER, LOOK_TOGETHER)
# "kaart" as a word of its own reads as the map page; "ID-kaart" (what to bring) and "kaartje" do not.
MAP_WORD = re.compile(r"(?<![\w-])kaart(?![\w-])", re.IGNORECASE)
BASE = {"domein": "ondersteuning", "omschrijving": "Geeft kleding.", "themas": ("kleding-spullen",)}


@pytest.fixture(scope="module")
def directory():
    return load_directory(DATA)


def org(org_id: str = "winkel", naam: str = "Kledingwinkel", **cells) -> Organisation:
    return Organisation(id=org_id, naam=naam, **{**BASE, "aanmelden": "Kom langs.", **cells})


def last_line(note: str) -> str:
    return note.rstrip("\n").splitlines()[-1]


# --- defect 2: the client's note only promises calling when there is a number to call ----------------------


def test_the_closing_lines_are_short_b1_and_all_start_the_same():
    for line in CLOSING_LINES:
        assert line.startswith("Lukt het niet? Vraag degene die je hielp om samen ")
        assert line.endswith(".") and len(line.split()) <= 15  # B1: short sentences
    assert CALL_TOGETHER == OLD_CALL_LINE  # the normal case is worded as before


def test_with_a_phone_number_the_call_together_line_stays(directory):
    gemeente = directory.get("gemeente-amersfoort")
    assert tel_url(gemeente.telefoon)
    note = client_note([gemeente])
    assert "Bel: 14 033" in note
    assert note.endswith(f"\n\n{OLD_CALL_LINE}\n")


def test_one_chosen_organisation_with_a_phone_number_is_enough(directory):
    chosen = [
        directory.get("kledingbank"),
        directory.get("sociaal-fonds-amersfoort"),
        directory.get("gemeente-amersfoort"),
    ]
    assert last_line(client_note(chosen)) == CALL_TOGETHER


def test_kledingbank_and_sociaal_fonds_have_no_phone_so_no_promise_to_call(directory):
    chosen = [directory.get("kledingbank"), directory.get("sociaal-fonds-amersfoort")]
    assert chosen[0].naam == "Stichting Kledingbank Amersfoort"
    assert not any(o.telefoon or o.email or o.website or o.adres for o in chosen)  # the list has no way at all
    note = client_note(chosen)
    assert "bellen" not in note and "Bel:" not in note
    assert "mail" not in note.lower() and "website" not in note.lower() and "langs" not in note
    assert last_line(note) == LOOK_TOGETHER
    assert note.endswith(f"\n\n{LOOK_TOGETHER}\n")


@pytest.mark.parametrize(
    ("org_id", "expected", "shown"),
    [
        ("indebuurt033", MAIL_TOGETHER, "Mail: info@indebuurt033.nl"),  # mail and website: mail first
        ("voedselbank", WEBSITE_TOGETHER, "Website: voedselbankamersfoort.nl"),
        ("motiva-straatadvocaten", VISIT_TOGETHER, "Adres: Muurhuizen 128"),
    ],
)
def test_without_a_phone_the_note_offers_a_way_the_list_has(directory, org_id, expected, shown):
    chosen = directory.get(org_id)
    assert not chosen.telefoon
    note = client_note([chosen])
    assert shown in note  # what the closing line suggests is right there in the note
    assert last_line(note) == expected
    assert "samen te bellen" not in note


def test_every_organisation_in_the_bundled_list_gets_a_fitting_closing_line(directory):
    for chosen in directory.organisations:
        line = last_line(client_note([chosen]))
        assert line in CLOSING_LINES, chosen.id
        assert (line == CALL_TOGETHER) == bool(tel_url(chosen.telefoon)), chosen.id


def test_no_organisations_no_promise_to_call():
    assert together_line([]) == LOOK_TOGETHER
    assert last_line(client_note([])) == LOOK_TOGETHER


@pytest.mark.parametrize("phone", ["", "   ", "\t", " \n "])
def test_an_empty_or_blank_phone_is_no_number(phone):
    # Built through the model (which strips) and copied past it (model_copy does not validate): the same.
    for bare in (org(telefoon=phone), org().model_copy(update={"telefoon": phone})):
        note = client_note([bare])
        assert "Bel:" not in note and "samen te bellen" not in note
        assert last_line(note) == LOOK_TOGETHER


def test_a_phone_with_spaces_around_it_is_shown_trimmed_and_offered():
    spaced = org().model_copy(update={"telefoon": "  033 123 4567 "})
    note = client_note([spaced])
    assert "  Bel: 033 123 4567\n" in note
    assert last_line(note) == CALL_TOGETHER


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"telefoon": "geen", "email": "info@winkel.nl"}, MAIL_TOGETHER),  # no digits: not a number to call
        ({"telefoon": "12", "website": "winkel.nl"}, WEBSITE_TOGETHER),  # too short for a phone number
        ({"email": "geen mailadres", "website": "javascript:alert(1)", "adres": "Markt 1"}, VISIT_TOGETHER),
        ({"email": "   ", "website": "   ", "adres": "   "}, LOOK_TOGETHER),
    ],
)
def test_hostile_contact_cells_never_give_a_way_that_is_not_there(cells, expected):
    hostile = org().model_copy(update=cells)
    assert together_line([hostile]) == expected


# --- defect 1: the box for the volunteer does not send them to the map -------------------------------------


def test_the_sociaal_fonds_box_points_at_its_card_above_not_the_map(directory):
    fund = directory.get("sociaal-fonds-amersfoort")
    route = professional_route(fund, directory)
    assert "Kijk hierboven bij Sociaal Fonds Amersfoort, onder het kopje Aanmelden, of jij dat mag doen." in route
    assert "op de kaart" not in route.lower()
    assert not MAP_WORD.search(route)


def test_no_box_in_the_bundled_list_says_kaart(directory):
    routes = [professional_route(o, directory) for o in directory.organisations if client_cannot_apply(o)]
    assert len(routes) >= 4
    for route in routes:
        assert not MAP_WORD.search(route), route
        assert "Kijk hierboven bij " in route


def test_only_contact_for_professionals_names_that_heading():
    fund = org("fonds", "Noodfonds", aanmelden="   ", contact_professionals="Alleen via hulpverleners.")
    route = professional_route(fund)
    assert CHECK_WHO_MAY.format(naam="Noodfonds", where="Voor hulpverleners") in route
    assert "Aanmelden" not in route and not MAP_WORD.search(route)


def test_nothing_to_read_on_the_card_then_no_pointer_to_it():
    fund = org("fonds", "Noodfonds", aanmelden="", rol="voor-professionals")
    route = professional_route(fund)
    assert route.startswith("De cliënt kan zich niet zelf aanmelden bij Noodfonds.")
    assert "hierboven" not in route and "kopje" not in route and not MAP_WORD.search(route)


def test_the_pointer_reads_as_one_plain_sentence():
    sentence = CHECK_WHO_MAY.format(naam="Noodfonds", where="Aanmelden")
    assert sentence == "Kijk hierboven bij Noodfonds, onder het kopje Aanmelden, of jij dat mag doen."
    assert not MAP_WORD.search(CHECK_WHO_MAY)


# --- through the Hulpvraag page -------------------------------------------------------------------------------


@pytest.fixture
def at(monkeypatch, data_copy) -> AppTest:
    return open_app(monkeypatch, data_copy)


def test_kledingbank_and_sociaal_fonds_on_the_page(at):
    at.text_input(key="hulpvraag").input("kan de huur niet betalen en heeft geen winterjas").run()
    assert not at.exception
    refer_to(at, "sociaal-fonds-amersfoort")
    refer_to(at, "kledingbank")
    boxes = " ".join(i.value.replace("\\", "") for i in at.info)
    assert "Kijk hierboven bij Sociaal Fonds Amersfoort, onder het kopje Aanmelden, of jij dat mag doen." in boxes
    assert "Kijk hierboven bij Stichting Kledingbank Amersfoort, onder het kopje Aanmelden" in boxes
    assert not MAP_WORD.search(boxes)
    note = shown_block(at, "vangnet-briefje")
    assert "samen te bellen" not in note and "Bel:" not in note
    assert last_line(note) == LOOK_TOGETHER
