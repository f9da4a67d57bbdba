"""The handover texts are finished when copied: nothing empty shown as a placeholder, consent only as given."""

from __future__ import annotations

import pytest

from directory.handover import NO_WAY_TO_REACH, Referrer, client_note, referral_text, when_to_go
from directory.model import Organisation
from directory.wording import plain_reasons

BASE = {"domein": "ondersteuning", "omschrijving": "Geeft kleding. Ook schoenen.", "themas": ("kleding-spullen",)}
KLEDING = Organisation(id="kleding", naam="Kledingbank", aanmelden="Via een hulpverlener.", **BASE)


def test_empty_optional_fields_are_left_out():
    text = referral_text([KLEDING], "winterjas voor de kinderen", consents=["delen"])
    assert text.splitlines()[0] == "Aan: Kledingbank"
    assert "  winterjas voor de kinderen" in text.splitlines()
    for placeholder in ("niet ingevuld", "niets ingevuld", "[ ]", "[x]", "Wat al geprobeerd", "Doorverwezen"):
        assert placeholder not in text
    assert "contact met hem of haar" not in text and "laat weten" not in text  # only the consent given
    assert text.endswith("Met vriendelijke groet,\n")


@pytest.mark.parametrize("need", ["", "   "])
def test_without_a_need_no_sentence_ends_in_a_colon(need):
    text = referral_text([KLEDING], need, consents=["delen"])
    assert "Ik verwijs iemand naar u door.\n" in text
    assert not any(line.endswith(":") for line in text.splitlines())


def test_what_is_filled_in_is_in_the_message():
    referrer = Referrer(organisation="Buurtteam", name="Sam", contact="06 12345678")
    text = referral_text([KLEDING], "winterjas", "Zelf gebeld", referrer, ["delen", "terugkoppeling"])
    assert "Wat al geprobeerd is:\n  Zelf gebeld\n" in text
    assert "Doorverwezen door:\n  Sam, Buurtteam\n  Bereikbaar via: 06 12345678\n" in text
    assert (
        "De cliënt geeft toestemming dat deze gegevens met u gedeeld worden en u aan mij laat weten of het "
        "contact gelukt is." in text
    )
    assert "contact met hem of haar" not in text  # not ticked, so not claimed
    assert text.endswith("Met vriendelijke groet,\nSam\n")


@pytest.mark.parametrize(
    ("contact", "expected"),
    [
        ({"telefoon": "033 123 4567"}, "Bel eerst voor een afspraak."),
        ({"email": "info@kleding.nl"}, "Mail eerst voor een afspraak."),
        ({"telefoon": "033 123 4567", "email": "info@kleding.nl"}, "Bel of mail eerst voor een afspraak."),
        ({"website": "https://kleding.nl"}, "Kijk op de website wanneer je kunt komen."),
        ({"adres": "Markt 1"}, "Ga langs op het adres hierboven en vraag wanneer je kunt komen."),
        ({}, NO_WAY_TO_REACH),
    ],
)
def test_the_note_says_bel_of_mail_only_when_there_is_a_number_or_an_address(contact, expected):
    organisation = Organisation(id="k", naam="Kledingbank", aanmelden="Kom langs.", **BASE, **contact)
    assert when_to_go(organisation) == expected
    assert f"Wanneer? {expected}" in client_note([organisation])


def test_opening_hours_win_over_the_advice():
    organisation = Organisation(id="k", naam="K", aanmelden="Inloop.", openingstijden="di 10-12", **BASE)
    assert "Wanneer? di 10-12" in client_note([organisation])


@pytest.mark.parametrize(
    ("reasons", "expected"),
    [
        (
            [
                "past bij: winterjas (Kleding en spullen)",
                "past bij: kind (trefwoord)",
                "past bij: winterjas (trefwoord)",
            ],
            "past bij: winterjas en kind",
        ),
        (["past bij: huur niet betalen (Geldzorgen en schulden)"], "past bij: huur niet betalen"),
        (["past bij: schuld (in de naam)", "dichtbij"], "past bij: schuld; dichtbij"),
        ([], ""),
    ],
)
def test_reasons_read_as_one_plain_line(reasons, expected):
    assert plain_reasons(reasons) == expected
    assert "≈" not in plain_reasons(reasons) and "→" not in plain_reasons(reasons)
