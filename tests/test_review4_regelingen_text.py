"""Review 4, Welke regelingen?: the texts of a scheme's card join their parts without broken punctuation
(no "Alleen tot de AOW-leeftijd.; vermogen: ...") and say why a scheme may fit without repeating the
heading ("Waarom het kan passen: kan passen; ...")."""

from __future__ import annotations

import csv
import dataclasses
import io
import re

import pytest
from streamlit.testing.v1 import AppTest

from directory.regelingen import (
    NO_FIXED_LIMITS,
    NOT_RULED_OUT,
    Mogelijk,
    Situatie,
    assess,
    bare,
    joined,
    regelingen_bij_vraag,
    sentence,
    welke_regelingen,
)
from directory.regelingen_schema import load_regelingen
from tests.conftest import ROOT
from tests.test_page_regelingen import answer, open_page

# A part that ends in punctuation met the separator, or the separator met itself or a space.
DEFECTS = (".;", ",;", ";;", "..", " ;", ";.", ":;", ",.")
WHY, CHECK = "Waarom het kan passen:", "Nog nagaan:"

SITUATIONS = {
    "geen antwoorden": Situatie(),
    "alleenstaand, 30 jaar, 100%": Situatie("alleenstaand", leeftijd=30, inkomen=100),
    "paar met kinderen, 110%": Situatie("paar-met-kinderen", 2, ("4-11", "12-17"), 40, 110),
    "alleenstaande ouder, geen inkomen": Situatie("alleenstaande-ouder", 1, ("0-3",), 25, 0),
    "70 jaar": Situatie(leeftijd=70),
    "alleenstaand, 70 jaar, 100%": Situatie("alleenstaand", leeftijd=70, inkomen=100),
}
NEEDS = ("kan de gemeentelijke belastingen niet betalen", "zwemles voor mijn dochter is te duur", "de huur is te hoog")
# How a spreadsheet cell may end when someone typed it: a full stop, a separator, spaces, a line break, nothing.
ENDINGS = (".", ";", ",", ":", "  ", " .", ". ;", "...", ",;", " ;", ".\n", "\n", "")
HOSTILE_CELLS = ("", " ", ".", ";", ",", " ; ", ". ")


@pytest.fixture(scope="module")
def regelingen():
    return load_regelingen(ROOT / "data" / "regelingen.csv")


def card_texts(found: Mogelijk) -> list[str]:
    """The lines of a full card (ui.regelingen.scheme_card) as a reader sees them, before markdown escaping."""
    lines = [found.hoofdvoorwaarde]
    if found.waarom_tekst:
        lines.append(f"{WHY} {found.waarom_tekst}")
    if found.nagaan_tekst:
        lines.append(f"{CHECK} {found.nagaan_tekst}")
    if found.actualiteit:
        lines.append(found.actualiteit)
    return lines


def problems(text: str, ends: bool = True) -> list[str]:
    """What is wrong with a shown text; `ends` also checks that it neither starts nor ends in a separator."""
    found = [defect for defect in DEFECTS if defect in text]
    if re.search(r"kan passen:\s*kan passen", text, re.IGNORECASE):
        found.append("tautology")
    if ends and (re.search(r"[;,:]\s*$", text) or re.search(r"^\s*[;,:.]", text)):
        found.append("separator at an end")
    return found


def assert_clean(found: Mogelijk) -> None:
    for line in card_texts(found):
        assert not problems(line), (found.regeling.id, problems(line), line)
    assert "kan passen" not in found.waarom_tekst.casefold(), (found.regeling.id, found.waarom_tekst)


# --- the parts and how they are joined -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Alleen tot de AOW-leeftijd.", "Alleen tot de AOW-leeftijd"),
        ("€ 3.350 (2024);", "€ 3.350 (2024)"),
        ("tot 110%, ", "tot 110%"),
        ("  ; eerst een scheiding", "eerst een scheiding"),
        ("twee\nregels .", "twee regels"),
        ("...", ""),
        (" ; ", ""),
        ("", ""),
        ("Per 1-1-2025: € 1.406", "Per 1-1-2025: € 1.406"),  # inner punctuation stays
    ],
)
def test_bare_takes_off_only_the_ends(text, expected):
    assert bare(text) == expected


def test_joined_never_puts_a_stop_or_a_separator_before_the_separator():
    parts = ["inkomen: Minstens 5 jaar. Alleen tot de AOW-leeftijd.", "vermogen: € 7.770;", " ", ".", "leeftijd,"]
    assert joined(parts) == "inkomen: Minstens 5 jaar. Alleen tot de AOW-leeftijd; vermogen: € 7.770; leeftijd"
    assert joined([]) == joined(["", " . "]) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Inwoners met een laag inkomen.", "Inwoners met een laag inkomen."),
        ("inwoners met een laag inkomen", "Inwoners met een laag inkomen."),
        ("Inwoners..", "Inwoners."),
        ("Inwoners;", "Inwoners."),
        ("Heb je een laag inkomen?", "Heb je een laag inkomen?"),
        (" . ", ""),
    ],
)
def test_sentence_ends_in_one_full_stop(text, expected):
    assert sentence(text) == expected


# --- every bundled scheme, with several answers --------------------------------------------------


@pytest.mark.parametrize("situatie", SITUATIONS.values(), ids=SITUATIONS.keys())
def test_no_bundled_scheme_shows_broken_punctuation_or_a_tautology(regelingen, situatie):
    uitkomst = welke_regelingen(situatie, regelingen)
    assert uitkomst.mogelijk
    for found in uitkomst.mogelijk:
        assert found.waarom_tekst, found.regeling.id  # every listed scheme says why
        assert_clean(found)


@pytest.mark.parametrize("vraag", NEEDS)
@pytest.mark.parametrize("situatie", [None, *SITUATIONS.values()])
def test_schemes_found_for_a_need_are_clean_too(regelingen, vraag, situatie):
    for found in regelingen_bij_vraag(vraag, regelingen, situatie).mogelijk:
        assert_clean(found)


def test_the_reviewed_income_and_capital_line_joins_without_a_stop_before_the_separator(regelingen):
    """The review's example: 'Alleen tot de AOW-leeftijd.; vermogen: ...' on individuele-inkomenstoeslag."""
    uitkomst = welke_regelingen(Situatie("alleenstaand", leeftijd=30, inkomen=100), regelingen)
    toeslag = next(m for m in uitkomst.mogelijk if m.regeling.id == "individuele-inkomenstoeslag")
    assert "Alleen tot de AOW-leeftijd; vermogen: € 7.770" in toeslag.nagaan_tekst
    assert toeslag.waarom_tekst == "leeftijd vanaf 21 jaar; inkomen tot 110% van het sociaal minimum"


def test_without_answers_the_reason_says_what_is_true_not_that_it_may_fit(regelingen):
    uitkomst = welke_regelingen(Situatie(), regelingen)
    by_id = {m.regeling.id: m for m in uitkomst.mogelijk}
    assert by_id["leergeld"].redenen == (NOT_RULED_OUT,)  # it has limits; no answer rules it out
    assert by_id["leergeld"].waarom_tekst == "niets in de antwoorden sluit deze regeling uit"
    assert by_id["sociaal-fonds-amersfoort"].redenen == (NO_FIXED_LIMITS,)  # no limits at all
    assert all(m.redenen in ((NOT_RULED_OUT,), (NO_FIXED_LIMITS,)) for m in uitkomst.mogelijk)


def test_an_income_condition_that_only_repeats_the_limit_is_not_shown_twice(regelingen):
    uitkomst = welke_regelingen(Situatie("paar-met-kinderen", 1, ("12-17",), inkomen=100), regelingen)
    id_kaart = next(m for m in uitkomst.mogelijk if m.regeling.id == "gratis-id-kaart-kinderen")
    assert "inkomen tot 150% van het sociaal minimum" in id_kaart.redenen
    assert not any("150%" in check for check in id_kaart.na_te_gaan)


# --- hostile cells -------------------------------------------------------------------------------


def hostile(regelingen, ending: str):
    """Every bundled scheme with `ending` after each text a card joins or shows as its main condition."""

    def spoil(r):
        update = {
            name: getattr(r, name).rstrip(".;, \n") + ending
            for name in ("voor_wie", "inkomensvoorwaarde", "vermogensgrens")
            if getattr(r, name)
        }
        return r.model_copy(update=update)

    return dataclasses.replace(regelingen, regelingen=tuple(spoil(r) for r in regelingen.regelingen), cache={})


@pytest.mark.parametrize("ending", ENDINGS, ids=repr)
@pytest.mark.parametrize("situatie", SITUATIONS.values(), ids=SITUATIONS.keys())
def test_cells_ending_in_punctuation_or_spaces_join_cleanly(regelingen, ending, situatie):
    for found in welke_regelingen(situatie, hostile(regelingen, ending)).mogelijk:
        assert_clean(found)
        assert found.hoofdvoorwaarde.endswith(".") and not found.hoofdvoorwaarde.endswith("..")


@pytest.mark.parametrize("cell", HOSTILE_CELLS, ids=repr)
def test_a_cell_with_only_punctuation_or_spaces_adds_no_empty_condition(regelingen, cell):
    for regeling in regelingen.active:
        spoiled = regeling.model_copy(update={"inkomensvoorwaarde": cell, "vermogensgrens": cell, "voor_wie": cell})
        verdict = assess(spoiled, Situatie())
        assert verdict is not None
        reasons, checks = verdict
        assert not any(c.startswith(("inkomen:", "vermogen:")) for c in checks), (regeling.id, checks)
        found = Mogelijk(spoiled, reasons, checks, (), None)
        assert found.hoofdvoorwaarde == ""  # the card then leaves the line out
        assert_clean(found)


# --- the page itself -----------------------------------------------------------------------------


_SPAN = re.compile(r":color\[((?:\\.|[^\]])*)\]\{\}")


def plain(markdown: str) -> str:
    """What a reader sees of a markdown text made by ui.text.md: no spans, no backslash escapes."""
    return re.sub(r"\\(.)", r"\1", _SPAN.sub(r"\1", markdown)).replace("**", "")


def shown_cards(at: AppTest) -> list[str]:
    texts = [plain(m.value) for m in at.markdown]
    assert any(t.startswith(WHY) for t in texts)
    return texts


def assert_page_clean(at: AppTest) -> None:
    assert not at.exception
    for text in shown_cards(at):
        # A label above links ("Hulp bij aanvragen:") may end in a colon; a joined line may not.
        wrong = problems(text, ends=text.startswith((WHY, CHECK)))
        assert not wrong, (wrong, text)
        if text.startswith(WHY):
            assert "kan passen" not in text.removeprefix(WHY).casefold(), text


def test_the_page_without_answers_shows_clean_texts(monkeypatch, data_copy):
    at = open_page(monkeypatch, data_copy)
    assert_page_clean(at)
    assert any(t == f"{WHY} {NOT_RULED_OUT}" for t in shown_cards(at))
    assert any("Alleen tot de AOW-leeftijd; vermogen: € 7.770" in t for t in shown_cards(at))


def test_the_page_for_a_single_adult_of_30_at_100_percent_shows_clean_texts(monkeypatch, data_copy):
    at = answer(open_page(monkeypatch, data_copy), "alleenstaand", income=100)
    at.number_input(key="regeling_leeftijd").set_value(30).run()
    assert_page_clean(at)
    assert f"{WHY} leeftijd vanaf 21 jaar; inkomen tot 110% van het sociaal minimum" in shown_cards(at)


def test_the_page_for_a_household_with_children_shows_clean_texts(monkeypatch, data_copy):
    at = answer(open_page(monkeypatch, data_copy), "paar-met-kinderen", children=2, income=110)
    at.multiselect(key="regeling_leeftijden").select("4-11").select("12-17").run()
    assert_page_clean(at)


def test_the_page_for_someone_of_70_shows_clean_texts(monkeypatch, data_copy):
    at = open_page(monkeypatch, data_copy)
    at.number_input(key="regeling_leeftijd").set_value(70).run()
    assert_page_clean(at)


def test_the_page_with_a_list_whose_cells_end_in_separators_shows_clean_texts(monkeypatch, data_copy):
    """A coordinator's spreadsheet: cells that end in '.;', ',' or spaces."""
    at = open_page(monkeypatch, data_copy)  # copies the bundled lists beside the organisations
    path = data_copy.parent / "regelingen.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    endings = iter(ENDINGS * len(rows))
    for row in rows:
        for name in ("voor_wie", "inkomensvoorwaarde", "vermogensgrens"):
            if row[name]:
                row[name] = row[name].rstrip(".;, ") + next(endings)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/regelingen.py").run()
    assert_page_clean(at)
