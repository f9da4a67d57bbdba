"""Beheer after the third review, the core's messages: a quote that never closes names its regel and kolom, a
file without rows imports nothing, an income limit of -5 is refused for its size, and the form's words for the
checks' column-oriented messages stay true to what the checks say. Hostile input throughout."""

from __future__ import annotations

import time

import pytest

from directory import fields
from directory.csvfile import parse
from directory.importing import plan_import, plan_scheme_import, rows_from_cells
from directory.loading import load_directory
from directory.model import DirectoryError, Problem
from directory.schema import to_cells, validate_rows
from tests.conftest import DATA
from ui.beheer.form import REQUIRED_CAPTION, form_message, form_wording

HEADER = "id,naam,domein,omschrijving,themas,aanmelden,actief\n"


def problems_of(data: bytes) -> list[Problem]:
    with pytest.raises(DirectoryError) as info:
        parse(data, "lijst.csv")
    return info.value.problems


# --- 1. a quote that never closes: regel, kolom, the start of the cell and what to do ---------------------


def test_an_unclosed_quote_names_its_regel_its_kolom_and_what_to_do():
    data = HEADER + 'x,"Naam,preventie,Iets,voedsel,Bel,ja\ny,Y,preventie,Iets,voedsel,Bel,ja\n'
    (problem,) = problems_of(data.encode())
    assert (problem.regel, problem.kolom) == (2, "naam")
    assert problem.message.startswith('de cel begint met een aanhalingsteken (") dat nergens wordt afgesloten: ')
    assert "'\"Naam,preventie" in problem.message  # the start of the cell, so it can be found
    assert problem.message.endswith(
        "zet een aanhalingsteken aan het eind van de tekst in de cel, of haal het eerste weg"
    )


def test_the_regel_counts_rows_as_a_spreadsheet_does_also_after_cells_on_several_lines():
    data = 'id;naam;omschrijving\n"a";"A";"twee\nregels"\nb;B;"open\nc;C;x\n'
    (problem,) = problems_of(data.encode())
    assert (problem.regel, problem.kolom) == (3, "omschrijving")  # regel 3, though it is the 4th line of text
    assert "'\"open⏎c;C;x⏎'" in problem.message


def test_an_escaped_quote_before_the_open_one_does_not_mislead():
    data = HEADER + 'x,"Zeg ""hallo"", dan",preventie,"open,voedsel,Bel,ja\n'
    (problem,) = problems_of(data.encode())
    assert problem.kolom == "omschrijving"


@pytest.mark.parametrize(
    ("data", "regel", "start"),
    [
        ('"id,naam\nx,y\n', 1, "cel 1 van deze regel begint"),  # in the header: no column to name
        ('id,naam\nx,y,"z\n', 2, "cel 3 van deze regel begint"),  # a cell right of the last column
    ],
)
def test_without_a_column_name_the_cell_is_counted(data, regel, start):
    (problem,) = problems_of(data.encode())
    assert problem.regel == regel and problem.kolom is None and problem.message.startswith(start)


def test_hidden_and_direction_characters_in_the_cell_are_not_repeated():
    data = HEADER + 'x,"\u202eevil\x01**[klik](https://evil.example)**\n'
    (problem,) = problems_of(data.encode())
    assert "\u202e" not in problem.message and "\x01" not in problem.message
    assert "'\"\ufffdevil\ufffd**[klik](https://evil.…'" in problem.message  # short; the page escapes markdown


def test_an_unclosed_quote_high_in_a_large_file_is_found_quickly():
    rows = "".join(f"org-{n},Organisatie {n},preventie,Iets,voedsel,Bel,ja\n" for n in range(60_000))
    data = (HEADER + 'open,"Open,preventie,Iets,voedsel,Bel,ja\n' + rows).encode()
    started = time.perf_counter()
    (problem,) = problems_of(data)
    assert time.perf_counter() - started < 5
    assert (problem.regel, problem.kolom) == (2, "naam")  # the cell grew past the reader's limit there


def test_a_long_cell_that_does_close_keeps_its_own_message():
    data = HEADER + 'x,"' + "a" * 200_000 + '",preventie,Iets,voedsel,Bel,ja\n'
    (problem,) = problems_of(data.encode())
    assert "veel te lang" in problem.message and problem.regel == 2


def test_loading_the_list_says_the_same(workdir):
    path = workdir / "organisaties.csv"
    path.write_text(HEADER + 'x,"Naam,preventie,Iets,voedsel,Bel,ja\n', encoding="utf-8")
    with pytest.raises(DirectoryError) as info:
        load_directory(path)
    assert str(info.value.problems[0]).startswith("regel 2, kolom naam: de cel begint met een aanhalingsteken")


# --- 2. a file without rows imports nothing, whatever is asked ---------------------------------------------


@pytest.mark.parametrize("archive_missing", [False, True])
def test_a_file_with_only_its_header_plans_no_change_and_archives_nothing(archive_missing):
    current = load_directory(DATA)
    table = parse(HEADER.encode() + b",,,,,,\n\n ,  ,\n", "leeg.csv")
    assert not table.rows
    plan = plan_import(current, table.header, table.rows, archive_missing=archive_missing)
    assert not plan.ok and not plan.changes and not plan.items
    (problem,) = plan.problems
    assert "geen organisaties" in problem.message and "er is niets veranderd" in problem.message


def test_a_schemes_file_without_rows_says_regelingen():
    from directory.regelingen_schema import load_regelingen

    current = load_regelingen(DATA.with_name("regelingen.csv"))
    plan = plan_scheme_import(current, ["id", "naam"], [], archive_missing=True)
    assert not plan.ok and not plan.changes and "geen regelingen" in plan.problems[0].message


# --- 5. an income limit of -5 is a whole number, refused for its size ------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("-5", "'-5' ligt niet tussen 1 en 1000 procent van het sociaal minimum; vul een heel getal van 1 tot en met "
         "1000 in, bijvoorbeeld 120"),
        ("\u22125", "ligt niet tussen 1 en 1000"),  # the minus sign a word processor types
        ("0", "ligt niet tussen 1 en 1000"),
        ("-0", "ligt niet tussen 1 en 1000"),
        ("1001", "ligt niet tussen 1 en 1000"),
        ("9" * 5000, "ligt niet tussen 1 en 1000"),  # int() would refuse it (more than 4300 digits)
        ("-" + "9" * 5000, "ligt niet tussen 1 en 1000"),
        ("120.5", "is geen heel getal"),
        ("12,5", "is geen heel getal"),
        ("1e3", "is geen heel getal"),
        ("²", "is geen heel getal"),  # a digit to str.isdigit, not to int()
        ("--5", "is geen heel getal"),
        ("-", "is geen heel getal"),
        ("veel", "is geen heel getal"),
    ],
)  # fmt: skip
def test_an_income_limit_says_what_is_wrong(value, expected):
    with pytest.raises(ValueError) as info:
        fields.percentage(value)
    assert expected in info.value.context["reason"]


@pytest.mark.parametrize(("value", "number"), [("120", 120), ("120%", 120), (" 1 ", 1), ("+120", 120), ("0120", 120)])
def test_an_income_limit_in_range_is_read(value, number):
    assert fields.percentage(value) == number


def test_a_negative_income_limit_in_a_file_names_regel_and_kolom():
    header = ["id", "naam", "domein", "omschrijving", "themas", "aanmelden", "actief", "inkomensgrens"]
    cells = dict(zip(header, ["x", "X", "preventie", "Iets.", "voedsel", "Bel.", "ja", "-5"], strict=True))
    _, rows = rows_from_cells([cells])
    (problem,) = validate_rows(header, rows, load_directory(DATA).themes).problems
    assert (problem.regel, problem.kolom) == (2, "inkomensgrens") and "ligt niet tussen 1 en 1000" in problem.message


# --- 3 and 4. the form's words ---------------------------------------------------------------------------


def test_the_required_caption_uses_the_forms_labels():
    assert REQUIRED_CAPTION == "Verplicht: Naam, Soort hulp, Wat ze doen, Thema's en Aanmelden."


def _checked(cells: dict[str, str]) -> tuple[list[Problem], list[dict[str, str]]]:
    """The problems of the whole list with the voedselbank's row changed to `cells`, and the rows checked."""
    directory = load_directory(DATA)
    rows = [to_cells(o) for o in directory.organisations]
    rows = [{**row, **cells} if row["id"] == "voedselbank" else row for row in rows]
    header, table_rows = rows_from_cells(rows)
    return list(validate_rows(header, table_rows, directory.themes).problems), rows


def _form_lines(cells: dict[str, str]) -> dict[str, str]:
    """What the Eén organisatie form says for `cells`, by column (two problems in one field on two lines)."""
    problems, rows = _checked(cells)
    said: dict[str, str] = {}
    for p in form_wording("voedselbank")(problems, rows):
        said[p.kolom] = f"{said[p.kolom]}\n{p.message}" if p.kolom in said else p.message
    return said


# Cells that make the checks speak of the file or its columns. A row is checked for pairs (lat and lon, the two
# groups) only when its cells pass, so those come in a row of their own.
HOSTILE_CELLS = {
    "naam": "",
    "omschrijving": "   ",
    "themas": "",
    "aanmelden": "",
    "telefoon": "ma-vr 9-17 uur",
    "verwijst_naar": "Niet Geldig",
    "inkomensgrens": "-5",
    "email": "[klik](https://evil.example)",
    "postcode": "\u202e1234",
}
HOSTILE_PAIRS = {"ook_domein": "ondersteuning", "domein": "ondersteuning", "lat": "52.1", "lon": ""}
CSV_WORDS = ("kolom", "themas.csv", "ook_domein", "lat en lon", "als domein", "deze kolom is verplicht")


@pytest.mark.parametrize("cells", [HOSTILE_CELLS, HOSTILE_PAIRS], ids=["cellen", "paren"])
def test_the_form_never_speaks_of_columns_or_the_csv_file(cells):
    said = _form_lines(cells)
    assert said
    for message in said.values():
        for word in CSV_WORDS:
            assert word not in message, (word, message)


def test_the_form_says_what_to_do_in_its_own_fields():
    said = _form_lines(HOSTILE_CELLS)
    assert said["themas"] == "dit veld is verplicht en nog leeg; kies een of meer thema's in de lijst"
    assert said["naam"] == "dit veld is verplicht en nog leeg; vul in: naam zoals mensen de organisatie kennen"
    assert said["omschrijving"].startswith("dit veld is verplicht en nog leeg; vul in: wat de organisatie doet")
    assert "zet tijden bij Openingstijden" in said["telefoon"]
    assert "typ de ids van organisaties uit de lijst, met een puntkomma (;) ertussen" in said["verwijst_naar"]
    assert "ligt niet tussen 1 en 1000" in said["inkomensgrens"]
    pairs = _form_lines(HOSTILE_PAIRS)
    assert "kies bij Hoort ook bij het streepje (—) of een andere groep" in pairs["ook_domein"]
    assert pairs["ook_domein"].startswith("is hetzelfde als Soort hulp")
    assert pairs["lon"].startswith("vul Breedtegraad en Lengtegraad allebei in")


def test_every_check_that_speaks_of_columns_says_it_for_a_form_too():
    """The checks word each problem for the file and, where that speaks of columns or themas.csv, for a form
    (Problem.in_form); the form shows the latter as it is, so a new check that forgets it shows up here."""
    problems = [p for cells in (HOSTILE_CELLS, HOSTILE_PAIRS, {"themas": "geen-thema"}) for p in _checked(cells)[0]]
    speaking_of_columns = [p for p in problems if any(word in p.message for word in CSV_WORDS)]
    # Not an empty required cell: the form says those itself, by the widget it has for the field.
    speaking_of_columns = [p for p in speaking_of_columns if "deze kolom is verplicht" not in p.message]
    assert len(speaking_of_columns) >= 5, [p.message for p in problems]
    for problem in speaking_of_columns:
        assert problem.in_form, problem.message
        assert not any(word in problem.in_form for word in CSV_WORDS), problem.in_form


def test_problems_of_other_rows_keep_their_own_words():
    problem = Problem("'x' bestaat niet; gebruik een id uit themas.csv", regel=3, kolom="themas")
    rows = [{"id": "a", "naam": "A"}, {"id": "b", "naam": "B"}]
    assert form_wording("a")([problem], rows) == [problem]


def test_a_new_row_without_a_name_is_not_named_by_a_made_up_id():
    rows = [{"id": "a", "naam": "A"}, {"id": "organisatie", "naam": "", "actief": "ja"}]
    (problem,) = form_wording(None)([Problem("is leeg", regel=3, kolom="naam")], rows)
    assert problem.regel is None and problem.message.startswith("dit veld is verplicht en nog leeg")
    rows[1]["naam"] = "Buurtpunt"
    (problem,) = form_wording(None)([Problem("'x' is geen e-mailadres", regel=3, kolom="email")], rows)
    assert problem.regel == 3  # with a name, the row is named as the list names it


def test_an_archived_row_needs_fewer_fields_in_the_form_too():
    cells = {"id": "a", "naam": "A", "domein": "preventie", "actief": "nee", "omschrijving": ""}
    message = form_message(Problem("'?' is geen geldige waarde", regel=2, kolom="omschrijving"), cells)
    assert message == "'?' is geen geldige waarde"  # not "dit veld is verplicht": archived, it is not
