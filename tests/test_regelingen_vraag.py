"""From a need in everyday words to the schemes that may help, with "nothing fits" when none does."""

from __future__ import annotations

import pytest

from directory.regelingen import Situatie, regelingen_bij_vraag
from directory.regelingen_schema import load_regelingen
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def regelingen():
    return load_regelingen(ROOT / "data" / "regelingen.csv")


def test_gemeentelijke_belastingen_finds_kwijtschelding_with_who_helps(regelingen):
    uitkomst = regelingen_bij_vraag("kan de gemeentelijke belastingen niet betalen", regelingen)
    first = uitkomst.mogelijk[0]
    assert first.regeling.id == "kwijtschelding-gemeentelijke-belastingen"
    assert "past bij: gemeentelijke belastingen (Inkomen en regelingen)" in first.redenen
    assert {org.id for org in first.hulp} == {"indebuurt033", "stadsring51", "geldcheck033"}
    assert first.hoofdvoorwaarde == "Inwoners met een laag netto-inkomen, rond het bijstandsniveau, en weinig vermogen."


def test_swimming_lessons_find_the_child_sport_schemes(regelingen):
    uitkomst = regelingen_bij_vraag("zwemles voor mijn dochter is te duur", regelingen)
    assert uitkomst.mogelijk[0].regeling.id == "jeugdfonds-sport-cultuur"
    assert {m.regeling.id for m in uitkomst.mogelijk} <= {"jeugdfonds-sport-cultuur", "leergeld"}
    assert [org.id for org in uitkomst.mogelijk[0].hulp] == ["wijkteams-amersfoort", "ggd-regio-utrecht"]


@pytest.mark.parametrize("vraag", ["wanneer is de weekmarkt", "", "   ", "oudere vrouw in de wijk"])
def test_a_question_about_no_scheme_finds_nothing(regelingen, vraag):
    uitkomst = regelingen_bij_vraag(vraag, regelingen)
    assert uitkomst.mogelijk == () and uitkomst.niets_past


@pytest.mark.parametrize(
    ("vraag", "expected"),
    [
        ("de huur is te hoog", "huurtoeslag"),
        ("de zorgkosten lopen op", "zorgtoeslag"),
        ("schoolreis kost te veel", "leergeld"),
    ],
)
def test_specific_costs_find_their_scheme(regelingen, vraag, expected):
    assert expected in {m.regeling.id for m in regelingen_bij_vraag(vraag, regelingen).mogelijk}


def test_a_situation_leaves_out_what_it_rules_out_and_adds_its_reasons(regelingen):
    vraag = "zwemles voor mijn dochter is te duur"
    rich = regelingen_bij_vraag(vraag, regelingen, Situatie("paar-met-kinderen", 1, ("4-11",), inkomen=180))
    assert rich.niets_past  # both child schemes end at 120% and 150%
    fits = regelingen_bij_vraag(vraag, regelingen, Situatie("paar-met-kinderen", 1, ("4-11",), inkomen=110))
    assert "inkomen tot 120% van het sociaal minimum" in fits.mogelijk[0].redenen


def test_closed_schemes_are_never_found(regelingen):
    found = {m.regeling.id for m in regelingen_bij_vraag("energietoeslag noodfonds energie", regelingen).mogelijk}
    assert not found & {"energietoeslag-2023", "tijdelijk-noodfonds-energie-2024"}


def test_schemes_above_the_income_limit_are_named_for_the_page(regelingen):
    from directory.regelingen import boven_inkomensgrens

    need = "geen geld voor sportclub van de kinderen"
    ruled_out = boven_inkomensgrens(need, regelingen, 250, limit=3)
    assert ruled_out and all(r.inkomensgrens is not None and r.inkomensgrens < 250 for r in ruled_out)
    assert boven_inkomensgrens(need, regelingen, None, limit=3) == ()
    assert boven_inkomensgrens(need, regelingen, 100, limit=3) == tuple(r for r in ruled_out if r.inkomensgrens < 100)
