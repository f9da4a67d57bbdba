"""Review 4, Beheer: a form shows every problem at once (not one round after another), the regeling form speaks
of its own fields as the organisation form does, and an existing row's id is shown but cannot be changed."""

from __future__ import annotations

import pytest

from directory import csvfile, load_directory
from directory.loading import load_themes
from directory.regelingen_schema import validate_regelingen
from directory.schema import validate_rows
from tests.conftest import DATA, ROOT, THEMES, VALID_ROW, csv_text
from tests.test_page_beheer import button, fresh_login_limiter, logged_out, problem_lines  # noqa: F401
from tests.test_page_beheer_regelingen import at, choose, schemes  # noqa: F401


def test_a_row_with_a_bad_cell_still_gets_its_pair_problems():
    """A bad phone used to hide half a place and the same domain twice until it was fixed."""
    row = {**VALID_ROW, "telefoon": "ma-vr 9-17 uur", "lon": "", "ook_domein": "ondersteuning"}
    header = [*VALID_ROW, "telefoon", "ook_domein"]
    table = csvfile.parse(csv_text([row], header).encode())
    found = validate_rows(table.header, table.rows, load_themes(THEMES)).problems
    assert {p.kolom for p in found} == {"lon", "ook_domein", "telefoon"}
    assert all(p.regel == 2 for p in found)


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"lat": "52,15,3", "lon": ""}, {"lat"}),  # a bad lat says so itself; no guess about the pair
        ({"naam": "", "domein": ""}, {"naam", "domein"}),  # an empty domain: nothing to compare
        ({"naam": "", "lat": "", "lon": "5.38"}, {"naam", "lat"}),
    ],
)
def test_pairs_of_a_failed_row_come_only_from_cells_that_pass_alone(cells, expected):
    header = [*VALID_ROW, "ook_domein"]
    table = csvfile.parse(csv_text([{**VALID_ROW, **cells}], header).encode())
    found = validate_rows(table.header, table.rows, load_themes(THEMES)).problems
    assert {p.kolom for p in found} == expected


def test_the_regeling_form_says_every_problem_at_once_in_its_own_words(at, schemes):  # noqa: F811
    before = schemes.read_bytes()
    choose(at, "Eén regeling")
    at.selectbox(key="beheer_regelingen_kies").select("leergeld").run()
    at.text_input(key="beheer_regelingen_veld_leergeld_naam").input("")
    at.text_input(key="beheer_regelingen_veld_leergeld_leeftijd_min").input("70")
    at.text_input(key="beheer_regelingen_veld_leergeld_leeftijd_max").input("30")
    button(at, "Wijzigingen opslaan").click().run()
    assert not at.exception
    lines = problem_lines(at)
    assert any("dit veld is verplicht en nog leeg" in line for line in lines), lines
    assert any("Leeftijd vanaf (70) is hoger dan Leeftijd tot en met (30)" in line for line in lines), lines
    assert not any("kolom" in line or "leeftijd_m" in line for line in lines), lines
    assert schemes.read_bytes() == before


def test_the_regelingen_file_gets_every_problem_at_once_in_its_column_words():
    table = csvfile.load(ROOT / "data" / "regelingen.csv")
    cells = {**table.rows[0].cells, "naam": "", "leeftijd_min": "70", "leeftijd_max": "30"}
    directory = load_directory(DATA)
    themes = [t.id for t in directory.themes]
    _, found = validate_regelingen(table.header, [csvfile.Row(2, cells)], themes, directory)
    assert {p.kolom for p in found} == {"naam", "leeftijd_max"}
    (ages,) = [p for p in found if p.kolom == "leeftijd_max"]
    assert ages.message.startswith("leeftijd_min (70) is hoger dan leeftijd_max (30)")
    assert ages.in_form.startswith("Leeftijd vanaf (70) is hoger dan Leeftijd tot en met (30)")


@pytest.mark.parametrize(
    ("part", "chooser", "row_id", "key"),
    [
        (None, "beheer_kies", "voedselbank", "beheer_veld_voedselbank_id"),
        ("Eén regeling", "beheer_regelingen_kies", "leergeld", "beheer_regelingen_veld_leergeld_id"),
    ],
)
def test_an_existing_rows_id_is_shown_but_fixed(at, part, chooser, row_id, key):  # noqa: F811
    if part:
        choose(at, part)
    at.selectbox(key=chooser).select(row_id).run()
    field = at.text_input(key=key)
    assert field.value == row_id and field.disabled


def test_a_name_typed_where_ids_belong_is_said_once():
    row = {**VALID_ROW, "verwijst_naar": "Voedselbank Amersfoort"}
    table = csvfile.parse(csv_text([row], [*VALID_ROW, "verwijst_naar"]).encode())
    found = [p for p in validate_rows(table.header, table.rows, load_themes(THEMES)).problems]
    assert [p.kolom for p in found] == ["verwijst_naar"]  # the cell's own check: not an id
    assert "is geen geldig id" in found[0].message
    row["verwijst_naar"] = "bestaat-niet"
    table = csvfile.parse(csv_text([row], [*VALID_ROW, "verwijst_naar"]).encode())
    (link,) = validate_rows(table.header, table.rows, load_themes(THEMES)).problems
    assert "bestaat niet als id in deze lijst" in link.message  # a valid id that is not in the list
