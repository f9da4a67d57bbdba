"""Which schemes may apply: table-driven at the limits, the norms helper, and nothing kept of the question."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from directory.model import DirectoryError
from directory.normen import (
    BUNDLED_NORMS,
    Norm,
    amount,
    income_percentage,
    load_normen,
    net_amount,
    net_income_share,
    norm_beside,
)
from directory.regelingen import (
    ONLY_THE_EXECUTOR_DECIDES,
    Situatie,
    SituationError,
    freshness,
    regelingen_bij_vraag,
    stale,
    welke_regelingen,
)
from directory.regelingen_schema import load_regelingen
from tests.conftest import ROOT

TODAY = dt.date(2026, 12, 5)


@pytest.fixture(scope="module")
def regelingen():
    return load_regelingen(ROOT / "data" / "regelingen.csv")


def ids(uitkomst) -> set[str]:
    return {m.regeling.id for m in uitkomst.mogelijk}


# (situation, scheme, may apply?) — just under, at and just over each limit, every household, the age bounds.
LIMITS = [
    # Leergeld: children of 4 to 17, income up to 150%.
    (Situatie("paar-met-kinderen", 1, ("4-11",), inkomen=Decimal("149.9")), "leergeld", True),
    (Situatie("paar-met-kinderen", 1, ("4-11",), inkomen=150), "leergeld", True),
    (Situatie("paar-met-kinderen", 1, ("4-11",), inkomen=Decimal("150.1")), "leergeld", False),
    (Situatie("paar-met-kinderen", 1, ("0-3",), inkomen=100), "leergeld", False),
    (Situatie("paar", inkomen=100), "leergeld", False),
    (Situatie(inkomen=100), "leergeld", True),  # children unknown: may apply, to be checked
    # Individuele inkomenstoeslag: from 21, up to 110%.
    (Situatie("alleenstaand", leeftijd=20, inkomen=100), "individuele-inkomenstoeslag", False),
    (Situatie("alleenstaand", leeftijd=21, inkomen=110), "individuele-inkomenstoeslag", True),
    (Situatie("alleenstaand", leeftijd=21, inkomen=111), "individuele-inkomenstoeslag", False),
    (Situatie("paar", leeftijd=66, inkomen=Decimal("109.9")), "individuele-inkomenstoeslag", True),
    # Gratis ID-kaart: children of 12 to 17, up to 150%.
    (Situatie("alleenstaande-ouder", 1, ("12-17",), inkomen=150), "gratis-id-kaart-kinderen", True),
    (Situatie("alleenstaande-ouder", 2, ("0-3", "4-11"), inkomen=150), "gratis-id-kaart-kinderen", False),
    # Burgerweeshuis: only single parents, children 3 to 17, up to 120%.
    (Situatie("alleenstaande-ouder", 1, ("0-3",), inkomen=120), "burgerweeshuis", True),  # 3 is in 0-3
    (Situatie("paar-met-kinderen", 1, ("4-11",), inkomen=100), "burgerweeshuis", False),
    (Situatie("alleenstaande-ouder", 1, ("4-11",), inkomen=121), "burgerweeshuis", False),
    # Dierenregeling: up to 100%, any household.
    (Situatie("alleenstaand", inkomen=100), "dierenregeling", True),
    (Situatie("paar", inkomen=Decimal("100.1")), "dierenregeling", False),
    # Studietoeslag: from 15.
    (Situatie("alleenstaand", leeftijd=14), "individuele-studietoeslag", False),
    (Situatie("alleenstaand", leeftijd=15), "individuele-studietoeslag", True),
    # Kindgebonden budget: children required, no fixed income limit.
    (Situatie("paar-met-kinderen", 3, inkomen=400), "kindgebonden-budget", True),
    (Situatie("alleenstaand", inkomen=100), "kindgebonden-budget", False),
    # Zorgtoeslag has no limit as a %: it stays, with its condition to check.
    (Situatie("paar", 0, (), 40, 300), "zorgtoeslag", True),
    # Closed schemes never appear.
    (Situatie("alleenstaand", leeftijd=30, inkomen=100), "energietoeslag-2023", False),
]


@pytest.mark.parametrize(("situatie", "scheme", "applies"), LIMITS)
def test_eligibility_at_the_limits(regelingen, situatie, scheme, applies):
    assert (scheme in ids(welke_regelingen(situatie, regelingen, TODAY))) is applies


def test_no_income_at_all_counts_as_under_every_limit(regelingen):
    """0% (no income) is the strongest claim, not an unknown income."""
    without = welke_regelingen(Situatie("paar-met-kinderen", 1, ("4-11",), inkomen=0), regelingen)
    assert "leergeld" in ids(without)
    leergeld = next(m for m in without.mogelijk if m.regeling.id == "leergeld")
    assert any("inkomen tot" in reason for reason in leergeld.redenen)
    assert not any("inkomen tot" in check for check in leergeld.na_te_gaan)


def test_a_single_parent_with_two_children_at_105_percent(regelingen):
    """The issue's example: reasons, the condition still to check, the amount and who helps apply."""
    uitkomst = welke_regelingen(Situatie("alleenstaande-ouder", 2, ("4-11", "12-17"), 35, 105), regelingen, TODAY)
    assert {"leergeld", "jeugdfonds-sport-cultuur", "burgerweeshuis", "individuele-inkomenstoeslag"} <= ids(uitkomst)
    toeslag = next(m for m in uitkomst.mogelijk if m.regeling.id == "individuele-inkomenstoeslag")
    assert "inkomen tot 110% van het sociaal minimum" in toeslag.redenen
    assert any("Minstens 5 jaar" in check for check in toeslag.na_te_gaan)
    assert any(check.startswith("vermogen: € 7.770") for check in toeslag.na_te_gaan)
    assert "€ 643" in toeslag.regeling.bedrag
    assert [org.id for org in toeslag.hulp] == ["stadsring51", "geldcheck033"]
    assert toeslag.actualiteit == "bedragen van 2025; controleer de actuele bedragen"
    assert uitkomst.uitleg == ONLY_THE_EXECUTOR_DECIDES and "Alleen de uitvoerder" in uitkomst.uitleg


def test_unknown_facts_become_conditions_to_check(regelingen):
    leergeld = next(m for m in welke_regelingen(Situatie(), regelingen, TODAY).mogelijk if m.regeling.id == "leergeld")
    assert leergeld.redenen == ("niets in de antwoorden sluit deze regeling uit",)
    assert leergeld.na_te_gaan[:3] == (
        "alleen voor huishoudens met kinderen",
        "voor kinderen van 4 tot en met 17 jaar",
        "inkomen tot 150% van het sociaal minimum",
    )


@pytest.mark.parametrize(
    ("peiljaar", "note"),
    [
        (2026, None),
        (2025, "bedragen van 2025; controleer de actuele bedragen"),
        (None, "de bron noemt geen jaar; controleer de actuele bedragen"),
    ],
)
def test_freshness_of_the_figures(regelingen, peiljaar, note):
    regeling = regelingen.regelingen[0].model_copy(update={"peiljaar": peiljaar})
    assert freshness(regeling, TODAY) == note


def test_stale_lists_every_active_scheme_with_old_figures(regelingen):
    assert {r.id for r, _ in stale(regelingen, dt.date(2025, 6, 1))} == {
        r.id for r in regelingen.active if r.peiljaar is None or r.peiljaar < 2025
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"huishouden": "gezin"}, "kies een huishouden"),
        ({"huishouden": "alleenstaande-ouder", "kinderen": 0}, "hoort minstens één kind"),
        ({"huishouden": "paar", "kinderen": 2}, "alleenstaande-ouder of paar-met-kinderen"),
        ({"leeftijd": -1}, "leeftijd: een heel getal van 0 tot 120"),
        ({"inkomen": "1,2e3"}, "inkomen: een percentage"),
        ({"inkomen": -5}, "inkomen: een percentage"),
        ({"inkomen": "NaN"}, "inkomen: een percentage"),
        ({"leeftijdsgroepen": ("18-25",)}, "kies uit 0-3, 4-11, 12-17"),
        ({"kinderen": 0, "leeftijdsgroepen": ("0-3",)}, "zonder kinderen"),
    ],
)
def test_a_situation_that_does_not_add_up_is_refused_in_dutch(kwargs, message):
    with pytest.raises(SituationError, match=message):
        Situatie(**kwargs)


def test_nothing_of_the_question_is_kept(regelingen):
    """The functions keep no inputs: the list's caches hold the same keys, and no typed word, afterwards."""
    marker = "zwemlesqx7marker"
    regelingen_bij_vraag("zwemles", regelingen)  # builds the index of the schemes once
    before = set(regelingen.cache)
    welke_regelingen(Situatie("paar", leeftijd=44, inkomen=117), regelingen, TODAY)
    regelingen_bij_vraag(f"{marker} voor mijn dochter", regelingen, Situatie(inkomen=104))
    assert set(regelingen.cache) == before
    index = regelingen.cache["services"].cache["match_index"]
    assert not any(marker in word for word in (*index.lexicon.term_of, *index.lexicon._parts))


# --- the bijstandsnormen ------------------------------------------------------------------------


def test_the_bundled_norms_come_with_their_source_for_every_household():
    norms = load_normen(BUNDLED_NORMS)
    assert {n.huishouden for n in norms} == {"alleenstaand", "alleenstaande-ouder", "paar", "paar-met-kinderen"}
    assert all(n.bron and n.peiljaar == 2025 for n in norms)


@pytest.mark.parametrize(
    ("netto", "huishouden", "percentage"),
    [
        ("1406", "alleenstaand", Decimal("110.0")),  # the source's own point
        ("1.278,18", "alleenstaande-ouder", Decimal("100.0")),
        ("2008,56", "paar-met-kinderen", Decimal("110.0")),
        (913, "paar", Decimal("50.0")),
    ],
)
def test_a_net_monthly_income_becomes_a_percentage(netto, huishouden, percentage):
    share = income_percentage(netto, huishouden, load_normen(BUNDLED_NORMS))
    assert share.percentage == percentage
    assert share.norm.peiljaar == 2025


def test_a_net_income_from_a_form_uses_the_norms_beside_the_list_and_asks_for_the_household_first():
    data = BUNDLED_NORMS.parent / "organisaties.csv"
    assert net_income_share("1406", "alleenstaand", data).percentage == Decimal("110.0")
    assert net_income_share(0, "paar", data).percentage == Decimal("0.0")  # no income at all
    with pytest.raises(ValueError, match="Kies eerst het huishouden"):
        net_income_share("1406", None, data)


def test_a_percentage_becomes_a_net_amount_with_the_same_norm():
    """The page's switch from % to euros: 110% of the single person's norm is the source's own € 1.406."""
    data = BUNDLED_NORMS.parent / "organisaties.csv"
    norm = norm_beside("alleenstaand", data)
    assert round(net_amount(110, norm)) == 1406
    assert net_amount(0, norm) == 0
    back = net_income_share(str(round(net_amount(117, norm))), "alleenstaand", data).percentage
    assert abs(back - 117) < Decimal("0.1")
    with pytest.raises(ValueError, match="Kies eerst het huishouden"):
        norm_beside(None, data)


def test_a_missing_norm_says_what_to_fill_in():
    only_single = (Norm("alleenstaand", 2025, 100, Decimal(1000), ("https://example.nl",)),)
    with pytest.raises(DirectoryError) as info:
        income_percentage("900", "paar", only_single)
    assert str(info.value) == (
        "bijstandsnormen.csv: er staat geen bijstandsnorm voor paren zonder kinderen in; vul de norm in met de bron, "
        "of geef het inkomen als percentage van het sociaal minimum"
    )


@pytest.mark.parametrize("value", ["-5", "0", "1,2e3", "=1+1", "€ 1.000.000", "12,345"])
def test_a_hostile_amount_is_refused(value):
    with pytest.raises(Exception, match=r"bedrag|ligt niet tussen"):
        amount(value)


def test_a_norms_file_with_problems_names_regel_and_kolom(tmp_path):
    path = tmp_path / "bijstandsnormen.csv"
    path.write_text("huishouden,peiljaar,percentage,netto_per_maand,bron\ngezin,25,0,veel,ftp://x\n", encoding="utf-8")
    with pytest.raises(DirectoryError) as info:
        load_normen(path)
    assert [str(p).split(":")[0] for p in info.value.problems] == [
        "regel 2, kolom huishouden",
        "regel 2, kolom peiljaar",
        "regel 2, kolom percentage",
        "regel 2, kolom netto_per_maand",
        "regel 2, kolom bron",
    ]
