"""Review 3 (c): a warm handover to an organisation the client cannot apply to themselves is no dead end,
and the client's note has no words from our sources and no underlines.

"Verwijs hierheen" at the Sociaal Fonds Amersfoort said "print het bericht: de cliënt kan het meenemen",
while the card said "De cliënt kan zich niet zelf aanmelden" and the list has no way to reach it.
"""

from __future__ import annotations

import csv
import io
import re

import pytest
from streamlit.testing.v1 import AppTest

from directory import load_directory
from directory.handover import (
    THROUGH_SOMEONE,
    WHEN_THROUGH_SOMEONE,
    client_cannot_apply,
    client_note,
    how_to_send,
    professional_route,
    referral_text,
    who_can_refer,
)
from directory.model import Directory, Organisation
from directory.region import Region
from tests.conftest import DATA, open_app, refer_to, run_cli, shown_block

BASE = {"domein": "ondersteuning", "omschrijving": "Geeft geld bij acute nood.", "themas": ("noodhulp",)}
ONLY_VIA = "Alleen via een hulpverlener of vrijwilliger. De cliënt kan zich niet zelf aanmelden."
# What the handover used to advise for an organisation without any contact: wrong when the client cannot apply.
TAKE_ALONG = ("meenemen", "geef het mee", "de cliënt kan het")


def org(org_id: str = "fonds", naam: str = "Noodfonds", **cells) -> Organisation:
    return Organisation(id=org_id, naam=naam, **{**BASE, "aanmelden": "", **cells})


def directory_of(*organisations: Organisation, entry_points: tuple[str, ...] = ()) -> Directory:
    return Directory(organisations, (), (), "test", region=Region(entry_points=entry_points))


# --- who cannot apply themselves: read from what the card shows ------------------------------------------


@pytest.mark.parametrize(
    "cells",
    [
        {"aanmelden": ONLY_VIA},
        {"aanmelden": "Aanvraag alleen door een hulp- of dienstverlener, niet door de cliënt zelf."},
        {"aanmelden": "Alleen een officiële hulpverlener kan een aanvraag doen via de website."},
        {"aanmelden": "Via een tussenpersoon: leraar, huisarts of wijkteam. Die doet de aanvraag online."},
        {"aanmelden": "Via een hulpverlener, die een verwijsbrief schrijft."},
        {"aanmelden": "", "contact_professionals": "Aanvraag via de website (alleen door officiële hulpverleners)."},
        {"aanmelden": "Bel ons.", "rol": "voor-professionals"},
    ],
)
def test_the_client_cannot_apply_when_the_list_says_so(cells):
    assert client_cannot_apply(org(**cells))


@pytest.mark.parametrize(
    "aanmelden",
    [
        "",
        "Kom langs op het spreekuur.",
        "Je kunt je zelf aanmelden. Verwijzen kan ook via een hulpverlener of de gemeente.",
        "Via een hulpverlener of zelf via de website.",
        "Niet alleen via een hulpverlener: bel ook gerust zelf.",
        "Aanvragen kan via een tussenpersoon of via de aanvraagroute op de website.",  # another way is open
        "Aanvraag via een verwijzende organisatie; inwoners zonder begeleiding kunnen bellen met het inlooppunt.",
        "Huurders met betalingsproblemen nemen zelf contact op met de verhuurder.",
        "Maak een afspraak via de website of vraag het wijkteam om te verwijzen.",
    ],
)
def test_the_client_can_apply_when_the_list_leaves_a_way_open(aanmelden):
    assert not client_cannot_apply(org(aanmelden=aanmelden))


def test_the_bundled_list_says_who_needs_a_hulpverlener():
    directory = load_directory(DATA)
    through = {o.id for o in directory.organisations if client_cannot_apply(o)}
    assert {"sociaal-fonds-amersfoort", "kledingbank", "jeugdfonds-sport-cultuur", "burgerweeshuis"} <= through
    assert not through & {"schuldhulpmaatje", "voedselbank", "stadsring51", "de-alliantie", "geldcheck033"}


# --- hostile organisation data: what the volunteer is told -----------------------------------------------


def test_no_contact_at_all_the_client_is_not_told_to_take_the_message():
    fund = org(aanmelden=ONLY_VIA)
    sending = how_to_send(fund)
    assert "geen e-mailadres, website of telefoonnummer" in sending
    assert not any(words in sending.lower() for words in TAKE_ALONG)
    assert "Vraag het in je eigen organisatie of aan de hulpverlener van de cliënt." in sending
    route = professional_route(fund)  # without the list: the one address every municipality has
    assert route.startswith("De cliënt kan zich niet zelf aanmelden bij Noodfonds.")
    assert "Kijk hierboven bij Noodfonds, onder het kopje Aanmelden, of jij dat mag doen." in route
    assert "Geef het bericht dan aan een hulpverlener die de cliënt al kent." in route
    assert route.endswith("Vraag dan bij de gemeente wie kan helpen.")


def test_with_an_address_the_volunteer_brings_it_not_the_client():
    sending = how_to_send(org(aanmelden=ONLY_VIA, adres="Markt 1", plaats="Amersfoort"))
    assert "breng het langs: Markt 1, Amersfoort." in sending
    assert not any(words in sending.lower() for words in TAKE_ALONG)


def test_only_contact_for_professionals_and_no_aanmelden():
    fund = org(aanmelden="", contact_professionals="Alleen via hulpverleners: formulier bij de gemeente.")
    assert client_cannot_apply(fund)
    sending = how_to_send(fund)
    assert "Zo verwijs je: Alleen via hulpverleners: formulier bij de gemeente." in sending
    assert not any(words in sending.lower() for words in TAKE_ALONG)
    route = professional_route(fund)
    assert "Kijk hierboven bij Noodfonds, onder het kopje Voor hulpverleners, of jij dat mag doen." in route
    assert "Aanmelden" not in route
    note = client_note([fund])
    assert f"Hoe kom je er? {THROUGH_SOMEONE}" in note and "Zo gaat het" not in note


def test_aanmelden_empty_and_nothing_else_leaves_nothing_empty_in_the_note():
    bare = org(aanmelden="", omschrijving="")
    assert not client_cannot_apply(bare) and professional_route(bare) is None
    note = client_note([bare])
    assert "Hoe kom je er?" not in note and "Wat doen ze?" not in note
    assert not any(line.rstrip().endswith(("?", ":")) and line.strip() != "Neem mee:" for line in note.splitlines())


def test_an_archived_referrer_is_never_named():
    fund = org(aanmelden=ONLY_VIA, verwijst_naar=("gestopt",))
    gone = org("gestopt", "Gestopt Loket", aanmelden="Loop binnen.", actief=False, verwijst_naar=("fonds",),
               telefoon="033 111 1111")  # fmt: skip
    alone = directory_of(fund, gone)
    assert who_can_refer(fund, alone) == ([], False)
    assert "Gestopt Loket" not in professional_route(fund, alone)
    assert professional_route(fund, alone).endswith("Vraag dan bij de gemeente wie kan helpen.")
    team = org("team", "Buurtteam", aanmelden="Bel het buurtteam.", telefoon="033 222 2222", verwijst_naar=("fonds",))
    route = professional_route(fund, directory_of(fund, gone, team))
    assert "Gestopt Loket" not in route
    assert route.endswith(
        "Kent de cliënt geen hulpverlener? Deze organisaties verwijzen vaak naar Noodfonds: Buurtteam."
    )


def test_who_can_refer_only_names_help_the_client_can_reach_themselves():
    fund = org(aanmelden=ONLY_VIA)
    national = org("landelijk", "Landelijk Fonds", aanmelden=ONLY_VIA, verwijst_naar=("fonds",))
    bailiff = org(
        "deurwaarder", "Deurwaarder", aanmelden="Bel het kantoor.", rol="tegenpartij", verwijst_naar=("fonds",)
    )
    desk = org("loket", "Sociaal Loket", aanmelden="Loop binnen.", telefoon="033 333 3333")
    directory = directory_of(fund, national, bailiff, desk, entry_points=("loket", "fonds"))
    assert who_can_refer(fund, directory) == ([desk], False)  # no referrer fits: the region's entry point
    assert professional_route(fund, directory).endswith(
        "Kent de cliënt geen hulpverlener? Vraag dan hulp bij Sociaal Loket."
    )


def test_who_can_apply_is_said_even_when_there_is_a_mail_button():
    fund = org(aanmelden=ONLY_VIA, email="fonds@example.nl")
    assert how_to_send(fund) is None  # the message has a mail button
    assert professional_route(fund).startswith("De cliënt kan zich niet zelf aanmelden")


def test_the_client_can_apply_then_nothing_changes():
    shop = org("winkel", "Kledingwinkel", aanmelden="Kom langs.")
    assert professional_route(shop) is None
    assert how_to_send(shop).endswith("Print of download het bericht: de cliënt kan het meenemen.")
    assert "Hoe kom je er? Kom langs." in client_note([shop])


def test_the_note_tells_the_client_plainly_and_drops_the_third_person_sentence():
    note = client_note([org(aanmelden=ONLY_VIA)])
    assert f"Hoe kom je er? {THROUGH_SOMEONE}" in note
    assert "  Zo gaat het: Alleen via een hulpverlener of vrijwilliger.\n" in note
    assert "De cliënt kan zich niet zelf aanmelden" not in note
    assert f"Wanneer? {WHEN_THROUGH_SOMEONE}" in note


def test_the_note_has_no_underlines():
    note = client_note([org(aanmelden=ONLY_VIA), org("winkel", "Kledingwinkel", aanmelden="Kom langs.")])
    assert not [line for line in note.splitlines() if line.strip() and set(line.strip()) <= {"=", "-"}]
    assert note.startswith("Hier kun je terecht\n\nNoodfonds\n")
    assert "\n\nKledingwinkel\n" in note


def test_the_letter_says_nothing_new_about_the_client():
    """The route is advice for the volunteer on screen; the message to the organisation stays as it was."""
    fund = org(aanmelden=ONLY_VIA)
    assert referral_text([fund], "huur") == referral_text([org(aanmelden="Kom langs.")], "huur")


# --- the bundled list: no jargon from our sources, and still a valid file -------------------------------------

SHOWN = ("naam", "omschrijving", "aanmelden", "voorwaarden", "contact_professionals", "openingstijden")
JARGON = re.compile(r"\bbron(nen)?\b|\broute niet\b|gemeentepagina|jaarbericht", re.IGNORECASE)


def test_no_text_shown_to_users_speaks_of_our_sources():
    with DATA.open(encoding="utf-8", newline="") as file:
        found = [(row["id"], column, row[column]) for row in csv.DictReader(file) for column in SHOWN
                 if JARGON.search(row[column])]  # fmt: skip
    assert found == []


def test_the_bundled_list_is_written_as_before():
    raw = DATA.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
    text = raw.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    written = io.StringIO()
    csv.writer(written, lineterminator="\n").writerows(rows)
    assert written.getvalue() == text  # the same quoting: only where a cell needs it
    result = run_cli("check", str(DATA))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_note_for_leger_des_heils_is_plain():
    leger = load_directory(DATA).get("leger-des-heils")
    note = client_note([leger])
    assert "Hoe kom je er? Hoe je je aanmeldt, weten we niet precies. Kijk op de (landelijke) website" in note
    assert "bron" not in note.lower()


# --- through the Hulpvraag page -----------------------------------------------------------------------------------


@pytest.fixture
def at(monkeypatch, data_copy) -> AppTest:
    return open_app(monkeypatch, data_copy)


def test_the_sociaal_fonds_gets_a_usable_route(at):
    at.text_input(key="hulpvraag").input("kan de huur niet betalen").run()
    assert not at.exception
    refer_to(at, "sociaal-fonds-amersfoort")
    route = " ".join(i.value.replace("\\", "") for i in at.info)
    assert "De cliënt kan zich niet zelf aanmelden bij Sociaal Fonds Amersfoort." in route
    assert "Kijk hierboven bij Sociaal Fonds Amersfoort, onder het kopje Aanmelden, of jij dat mag doen." in route
    assert "Vraag dan hulp bij" in route and "Wijkteams Amersfoort" in route  # the region's entry point
    captions = " ".join(c.value.replace("\\", "") for c in at.caption)
    assert "Zo verwijs je: Aanvraag door de hulpverlener of vrijwilliger" in captions
    assert "Vraag het in je eigen organisatie of aan de hulpverlener van de cliënt." in captions
    assert not any(words in captions.lower() for words in TAKE_ALONG)
    note = shown_block(at, "vangnet-briefje")
    assert f"Hoe kom je er? {THROUGH_SOMEONE}" in note
    assert "De cliënt kan zich niet zelf aanmelden" not in note
    assert "=====" not in note and "-----" not in note
    # The route is on screen only: the message holds nothing more about the client than before.
    assert "hulpverlener" not in shown_block(at, "vangnet-bericht")


def test_an_organisation_the_client_can_go_to_gets_no_route(at):
    at.text_input(key="hulpvraag").input("kan de huur niet betalen").run()
    refer_to(at, "de-alliantie")
    assert not any("niet zelf aanmelden" in i.value for i in at.info)
