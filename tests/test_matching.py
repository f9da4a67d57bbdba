"""Matching: normalisation, typos, synonyms, several needs, nothing fits, archived, filters."""

from __future__ import annotations

import json

import pytest

from directory import load_directory
from directory.matching import analyse, get_index, narrow, split_needs, suggest
from directory.selection import select
from directory.text import content_words, fold
from tests.conftest import csv_text, run_cli

THEMES = """id,naam,omschrijving,woorden
geldzorgen-schulden,Geldzorgen en schulden,,schulden;schuld;deurwaarder;achterstand;huurachterstand;geen geld;\
rekeningen niet betalen
voedsel,Eten en boodschappen,,eten;boodschappen;voedselpakket;honger
kleding-spullen,Kleding en spullen,,kleding;kleren;jas;schoenen
veiligheid,Veiligheid,,geweld;huiselijk geweld;onveilig
kinderen-school,Kinderen en school,,kinderen;kind;school;schoolreis
"""
H = (
    "id naam domein ook_domein omschrijving themas doelgroepen trefwoorden aanmelden inkomensgrens wijk lat lon "
    "locatie_nauwkeurigheid website actief"
).split()
ROWS = [
    dict(
        id="voedselbank",
        naam="Voedselbank",
        domein="ondersteuning",
        omschrijving="Wekelijks een pakket met eten.",
        themas="voedsel",
        doelgroepen="iedereen",
        aanmelden="intake",
        lat="52.15",
        lon="5.38",
        locatie_nauwkeurigheid="adres",
    ),
    dict(
        id="schuldhulp",
        naam="Schuldhulpverlening",
        domein="curatief",
        omschrijving="Regelt schulden met schuldeisers.",
        themas="geldzorgen-schulden",
        trefwoorden="schuldregeling;beslag",
        aanmelden="bellen",
        lat="52.16",
        lon="5.39",
        locatie_nauwkeurigheid="adres",
    ),
    dict(
        id="geldinfo",
        naam="Geldinformatiepunt",
        domein="preventie",
        omschrijving="Luistert en geeft advies over geld.",
        themas="geldzorgen-schulden",
        aanmelden="langskomen",
        lat="52.15",
        lon="5.38",
        locatie_nauwkeurigheid="stad",
    ),
    dict(
        id="kledingbank",
        naam="Kledingbank",
        domein="ondersteuning",
        omschrijving="Gratis kleding uitzoeken.",
        themas="kleding-spullen",
        trefwoorden="winterjas",
        aanmelden="verwijsbrief",
        lat="52.17",
        lon="5.40",
        locatie_nauwkeurigheid="adres",
    ),
    dict(
        id="veilig-thuis",
        naam="Veilig Thuis",
        domein="curatief",
        omschrijving="Advies bij geweld thuis.",
        themas="veiligheid",
        aanmelden="bellen",
    ),
    dict(
        id="oud-fonds",
        naam="Oud Voedselfonds",
        domein="ondersteuning",
        omschrijving="Gaf eten.",
        themas="voedsel",
        aanmelden="-",
        actief="nee",
    ),
    dict(
        id="leergeld",
        naam="Stichting Leergeld",
        domein="ondersteuning",
        omschrijving="Laat kinderen meedoen op school.",
        themas="kinderen-school",
        doelgroepen="kinderen;gezinnen",
        trefwoorden="schoolreis;fiets;laptop",
        aanmelden="intermediair",
        inkomensgrens="120",
        wijk="Soesterkwartier",
        lat="52.158",
        lon="5.365",
        locatie_nauwkeurigheid="wijk",
    ),
    dict(
        id="ver-weg",
        naam="Kinderfonds Ver Weg",
        domein="ondersteuning",
        omschrijving="Helpt kinderen met school.",
        themas="kinderen-school",
        doelgroepen="kinderen",
        aanmelden="mail",
        wijk="Vathorst",
        lat="52.21",
        lon="5.43",
        locatie_nauwkeurigheid="adres",
    ),
]


@pytest.fixture(scope="module")
def directory(tmp_path_factory):
    folder = tmp_path_factory.mktemp("match")
    (folder / "themas.csv").write_text(THEMES, encoding="utf-8")
    rows = [{"actief": "ja", **r} for r in ROWS]
    path = folder / "organisaties.csv"
    path.write_text(csv_text(rows, H), encoding="utf-8")
    return load_directory(path)


def ids(hits):
    return [h.organisation.id for h in hits]


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Cliënt’s  Café!", "clients cafe"),
        ("ZZP'er", "zzper"),
        ("hij komt z'n bed niet uit, m'n moeder, d'r man, 't huis", "hij komt zn bed niet uit mn moeder dr man t huis"),
        ("huur-achterstand,  €300", "huur achterstand 300"),
        ("  ", ""),
        ("<script>alert(1)</script>", "script alert 1 script"),
    ],
)
def test_fold(raw, folded):
    assert fold(raw) == folded


def test_stop_words_are_dropped():
    assert content_words("Ik kan de huur niet meer betalen en ik heb hulp nodig") == ["huur", "betalen"]


@pytest.mark.parametrize(
    ("need", "expected"),
    [
        ("deurwaader", "schuldhulp"),  # a letter missing
        ("schuldn", "schuldhulp"),  # short, one letter missing
        ("kledingbnk", "kledingbank"),  # typo in a name
        ("Voedselbank!", "voedselbank"),  # case and punctuation
        ("huur achterstand", "schuldhulp"),  # space inside a compound
        ("huurachterstnd", "schuldhulp"),  # typo inside a compound
        ("winterjassen voor de kids", "kledingbank"),  # plural of a keyword, via the stemmer
        ("kinderjas", "kledingbank"),  # compound whose head is a theme word
        ("leer geld", "leergeld"),  # name typed in two words
        ("BOODSCHAPPEN", "voedselbank"),
    ],
)
def test_typos_compounds_and_synonyms(directory, need, expected):
    assert expected in ids(suggest(need, directory, limit=3)), need


@pytest.mark.parametrize("need", ["geld", "geen geld"])
def test_false_friend_geld_is_not_geweld(directory, need):
    assert "veilig-thuis" not in ids(suggest(need, directory))


@pytest.mark.parametrize("need", ["", "   ", "xqzzv blorp", "ik heb hulp nodig", "!!!???", "a" * 5000, "de het een"])
def test_nothing_fits_gives_nothing(directory, need):
    assert suggest(need, directory) == []


def test_archived_organisations_are_never_suggested(directory):
    assert "oud-fonds" not in ids(suggest("oud voedselfonds eten", directory, limit=10))


def test_lighter_help_first_among_equals(directory):
    hits = suggest("deurwaarder", directory)
    assert ids(hits)[:2] == ["geldinfo", "schuldhulp"]
    assert hits[0].score == hits[1].score


def test_specific_evidence_beats_lightness(directory):
    assert ids(suggest("schuldregeling", directory))[0] == "schuldhulp"


def test_reasons_say_what_matched(directory):
    (hit,) = [h for h in suggest("deurwaader", directory) if h.organisation.id == "schuldhulp"]
    assert "past bij: deurwaarder (Geldzorgen en schulden)" in hit.reasons
    assert not any("≈" in r or "→" in r or "deurwaader" in r for r in hit.reasons)  # B1, and no typed text


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "huurachterstand en de kinderen hebben geen winterjas",
            ["huurachterstand", "de kinderen hebben geen winterjas"],
        ),
        ("schulden, honger; geen jas", ["schulden", "honger", "geen jas"]),
        ("eten", ["eten"]),
        ("", []),
    ],
)
def test_split_needs(text, parts):
    assert split_needs(text) == parts


def test_several_needs_are_each_covered(directory):
    analysis = analyse("huurachterstand en de kinderen hebben geen winterjas", directory, limit=5)
    assert len(analysis.needs) == 2
    top = ids(analysis.suggestions)
    assert "schuldhulp" in top and "kledingbank" in top
    assert [n.label.split(" en ")[0] for n in analysis.needs] == ["Geldzorgen", "Kleding"]


def test_parts_about_the_same_theme_are_one_need(directory):
    analysis = analyse("schulden, en een deurwaarder", directory)
    assert len(analysis.needs) == 1


@pytest.mark.parametrize(
    ("filters", "present", "absent"),
    [
        ({"inkomen": 130}, ["ver-weg"], ["leergeld"]),  # above Leergeld's 120% limit
        ({"inkomen": 110}, ["leergeld", "ver-weg"], []),
        ({"doelgroep": "gezinnen"}, ["leergeld"], ["ver-weg"]),
        ({"wijk": "Soesterkwartier"}, ["leergeld"], ["ver-weg"]),
        ({"near": (52.158, 5.365), "max_km": 2}, ["leergeld"], ["ver-weg"]),
        ({"near": (52.21, 5.43), "max_km": 1}, ["ver-weg"], ["leergeld"]),
    ],
)
def test_filters(directory, filters, present, absent):
    found = ids(suggest("kinderen school", directory, limit=10, **filters))
    assert all(p in found for p in present), found
    assert not any(a in found for a in absent), found


def test_distance_is_reported(directory):
    hits = suggest("kinderen school", directory, near=(52.158, 5.365))
    leergeld = next(h for h in hits if h.organisation.id == "leergeld")
    assert leergeld.distance_km is not None and leergeld.distance_km < 0.1


def test_citywide_organisations_survive_a_distance_filter(directory):
    assert "geldinfo" in ids(suggest("schulden", directory, near=(52.21, 5.43), max_km=0.5))


def test_index_is_built_once_per_directory(directory):
    assert get_index(directory) is get_index(directory)
    suggest("eten", directory)
    assert get_index(directory) is get_index(directory)


def test_cli_suggest_json(directory):
    path = str(directory.source)
    out = run_cli("suggest", "kledingbnk", "--data", path, "--json").stdout
    rows = json.loads(out)
    assert rows[0]["id"] == "kledingbank"
    assert set(rows[0]) == {"id", "naam", "domein", "score", "redenen"}
    nothing = run_cli("suggest", "xqzzv", "--data", path, "--json").stdout
    assert json.loads(nothing) == []


@pytest.mark.parametrize(
    ("choices", "expected"),
    [
        ({}, {"voedselbank", "schuldhulp", "geldinfo", "kledingbank", "veilig-thuis", "leergeld", "ver-weg"}),
        ({"domein": "curatief"}, {"schuldhulp", "veilig-thuis"}),
        ({"thema": "kinderen-school"}, {"leergeld", "ver-weg"}),
        (
            {"doelgroep": "gezinnen"},
            {"voedselbank", "schuldhulp", "geldinfo", "kledingbank", "veilig-thuis", "leergeld"},
        ),
        ({"wijk": "Vathorst", "thema": "kinderen-school"}, {"ver-weg"}),
    ],
)
def test_select_uses_the_same_rules_as_suggest(directory, choices, expected):
    assert {o.id for o in select(directory, **choices)} == expected


def test_narrow_keeps_the_chosen_organisations_that_fit_the_need_in_their_own_order(directory):
    chosen = sorted(directory.active, key=lambda o: o.naam)
    assert narrow(chosen, "   ", directory) == chosen
    fitting = narrow(chosen, "kinderen hebben geen winterjas", directory)
    best = {s.organisation.id for s in suggest("kinderen hebben geen winterjas", directory, limit=50)}
    assert fitting and {o.id for o in fitting} == best  # every active organisation was chosen: all that fit
    assert fitting == [o for o in chosen if o in fitting]
    assert narrow(chosen, "de kat is weggelopen", directory) == []
    assert narrow([], "schulden", directory) == []
