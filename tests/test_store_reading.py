"""Reading the files spreadsheet programs write: dialects, encodings, structure errors."""

from __future__ import annotations

import codecs

import pytest

from directory import DirectoryError, load_directory, store
from directory.model import Dialect
from tests.conftest import HEADER, VALID_ROW, csv_text

NAME = "Stichting Één & Café ‘Ons Huis’"  # ‘ ’ and É exist in Windows-1252, not in Latin-1


def encoded(text: str, encoding: str, bom: bool = False, crlf: bool = False) -> bytes:
    if crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode(encoding)
    return (codecs.BOM_UTF8 + data) if bom else data


@pytest.mark.parametrize(
    ("delimiter", "encoding", "bom", "crlf", "described"),
    [
        (",", "utf-8", False, False, "gescheiden door komma, UTF-8, regeleinden LF"),
        (";", "utf-8", True, True, "gescheiden door puntkomma, UTF-8 met BOM, Windows-regeleinden (CRLF)"),
        (";", "cp1252", False, True, "gescheiden door puntkomma, Windows-1252, Windows-regeleinden (CRLF)"),
        (",", "cp1252", False, False, "gescheiden door komma, Windows-1252, regeleinden LF"),
        ("\t", "utf-8", False, False, "gescheiden door tab, UTF-8, regeleinden LF"),
    ],
)
def test_excel_dialects_read_the_same(workdir, delimiter, encoding, bom, crlf, described):
    text = csv_text([{**VALID_ROW, "naam": NAME, "omschrijving": "twee\nregels; met, tekens"}], HEADER, delimiter)
    path = workdir / "organisaties.csv"
    path.write_bytes(encoded(text, encoding, bom, crlf))
    directory = load_directory(path)
    org = directory.organisations[0]
    assert org.naam == NAME
    assert org.omschrijving == "twee\nregels; met, tekens"
    assert directory.dialect.describe() == described


def test_utf16_from_excel_unicode_text(workdir):
    path = workdir / "organisaties.csv"
    path.write_bytes(csv_text([VALID_ROW], HEADER, "\t").encode("utf-16"))
    directory = load_directory(path)
    assert directory.organisations[0].id == "voedselbank"
    assert directory.dialect.delimiter == "\t"


def test_unknown_columns_are_kept_in_order(workdir):
    header = ["notitie", *HEADER, "Bron van info"]
    path = workdir / "organisaties.csv"
    path.write_text(csv_text([{**VALID_ROW, "notitie": "=1+1", "Bron van info": "website"}], header), "utf-8")
    directory = load_directory(path)
    assert directory.columns == tuple(header)
    assert directory.organisations[0].extra == {"notitie": "=1+1", "Bron van info": "website"}


def test_header_names_are_forgiving(workdir):
    header = ["ID", " Naam ", "Domein", "Omschrijving", "Themas", "Aanmelden", "Actief", "Lat", "Lon"]
    path = workdir / "organisaties.csv"
    path.write_text(",".join(header) + "\n" + ",".join(VALID_ROW[h] for h in HEADER) + "\n", "utf-8")
    assert load_directory(path).organisations[0].naam == "Voedselbank"


def test_trailing_empty_cells_and_rows_from_excel(workdir):
    text = ";".join(HEADER) + ";;\n" + ";".join(VALID_ROW[h] for h in HEADER) + ";;\n;;;;;;;;;;\n"
    path = workdir / "organisaties.csv"
    path.write_text(text, "utf-8")
    assert len(load_directory(path).organisations) == 1


@pytest.mark.parametrize(
    ("content", "regel", "expected"),
    [
        (b"", None, "het bestand is leeg"),
        (b"   \n\n", None, "het bestand is leeg"),
        (b"\x00\x01\x02PK\x03\x04", None, "geen tekstbestand"),
        (b'id,naam\n"x,y\n', 2, "nergens wordt afgesloten"),
        (b'id,naam\nx,"y"z\n', 2, "nog tekst in dezelfde cel"),
        (b"id,naam\nx,y,z\n", 2, "cellen, maar de kopregel heeft 2 kolommen"),
        (b"id,naam,naam\nx,y,z\n", 1, "komt twee keer voor"),
        (b"id,,naam\nx,y,z\n", 1, "kolom 2 heeft geen naam"),
        (b"id,naam\n\x81\x8d\x8f\x90\x9d,y\n", 2, "niet te lezen"),
        (codecs.BOM_UTF8 + b"id,naam\n\xff\xfe,y\n", 2, "niet te lezen"),
    ],
)
def test_unreadable_files_give_a_clear_line(workdir, content, regel, expected):
    path = workdir / "organisaties.csv"
    path.write_bytes(content)
    with pytest.raises(DirectoryError) as info:
        load_directory(path)
    assert any(p.regel == regel and expected in p.message for p in info.value.problems), info.value.problems


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(DirectoryError, match="bestaat niet"):
        load_directory(tmp_path / "nergens.csv")
    with pytest.raises(DirectoryError, match="is een map"):
        load_directory(tmp_path)


def test_version_follows_content(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n", "utf-8")
    first = store.file_version(path)
    path.write_text("a,b\n1,2\n", "utf-8")
    assert store.file_version(path) != first
    assert store.file_version(tmp_path / "weg.csv") == ""


@pytest.mark.parametrize(
    "dialect", [Dialect(), Dialect(";", "cp1252", False, "\r\n"), Dialect(";", "utf-8", True, "\r\n")]
)
def test_serialise_then_parse_keeps_dialect(dialect):
    rows = [{"a": "Café x;y", "b": 'quote " and\nnewline'}]
    table = store.parse(store.serialise(["a", "b"], rows, dialect))
    assert table.dialect == dialect
    assert table.rows[0].cells == rows[0]


def test_serialise_refuses_what_the_encoding_cannot_hold():
    with pytest.raises(DirectoryError, match="past niet in"):
        store.serialise(["a"], [{"a": "🤑"}], Dialect(";", "cp1252"))
