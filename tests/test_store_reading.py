"""Reading the files spreadsheet programs write: dialects, encodings, structure errors."""

from __future__ import annotations

import codecs

import pytest

from directory import DirectoryError, csvfile, load_directory
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
        (codecs.BOM_UTF8 + b"id,naam\n\xff\xfe,y\n", 2, "niet in UTF-8 opgeslagen"),
        (b'id,naam\n"open,Caf\xc3\xa9\nx,Cli\xebnt\n', 3, "niet te lezen"),  # mixed, and the reader stops early
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
    first = csvfile.file_version(path)
    path.write_text("a,b\n1,2\n", "utf-8")
    assert csvfile.file_version(path) != first
    assert csvfile.file_version(tmp_path / "weg.csv") == ""


@pytest.mark.parametrize(
    "dialect", [Dialect(), Dialect(";", "cp1252", False, "\r\n"), Dialect(";", "utf-8", True, "\r\n")]
)
def test_serialise_then_parse_keeps_dialect(dialect):
    rows = [{"a": "Café x;y", "b": 'quote " and\nnewline'}]
    table = csvfile.parse(csvfile.serialise(["a", "b"], rows, dialect))
    assert table.dialect == dialect
    assert table.rows[0].cells == rows[0]


def test_serialise_refuses_what_the_encoding_cannot_hold():
    with pytest.raises(DirectoryError, match="past niet in"):
        csvfile.serialise(["a"], [{"a": "🤑"}], Dialect(";", "cp1252"))


# --- a file in two encodings is refused, never read as garbled text --------------------------

PASTED = {**VALID_ROW, "id": "clientenraad", "naam": "Cliëntenraad Werk en Inkomen"}


def rows_in(encodings: list[str], rows: list[dict[str, str]], bom: bool = False) -> bytes:
    """The header and each row in its own encoding, as when lines are pasted from another file."""
    lines = csv_text(rows, HEADER).splitlines(keepends=True)
    data = b"".join(line.encode(encoding) for line, encoding in zip(lines, encodings, strict=True))
    return codecs.BOM_UTF8 + data if bom else data


def cafe(n: int) -> dict[str, str]:
    return {**VALID_ROW, "id": f"cafe-{n}", "naam": f"Café Één {n}"}


@pytest.mark.parametrize("bom", [False, True])
def test_a_utf8_file_with_a_pasted_windows_1252_line_is_refused_at_that_line(workdir, bom):
    rows = [cafe(1), cafe(2), cafe(3), cafe(4), PASTED, cafe(6)]
    path = workdir / "organisaties.csv"
    path.write_bytes(rows_in(["utf-8"] * 5 + ["cp1252", "utf-8"], rows, bom))
    with pytest.raises(DirectoryError) as info:
        load_directory(path)
    (problem,) = info.value.problems
    assert (problem.regel, problem.kolom) == (6, "naam")
    assert "niet in UTF-8 opgeslagen" in problem.message
    assert "'Cliëntenraad Werk en Inkomen'" in problem.message  # what the line most likely says
    assert "Windows-1252" in problem.message and "CSV UTF-8" in problem.message


def test_a_few_invalid_bytes_in_a_utf8_file_are_refused(workdir):
    path = workdir / "organisaties.csv"
    text = csv_text([cafe(1), {**VALID_ROW, "omschrijving": "Geeft \x00pakketten."}], HEADER)
    path.write_bytes(text.encode("utf-8").replace(b"\x00", b"\xff\xfe"))
    with pytest.raises(DirectoryError) as info:
        load_directory(path)
    assert [(p.regel, p.kolom) for p in info.value.problems] == [(3, "omschrijving")]


def test_the_regel_counts_spreadsheet_rows_not_lines(workdir):
    rows = [{**cafe(1), "omschrijving": "twee\nregels"}, PASTED]
    path = workdir / "organisaties.csv"
    path.write_bytes(csv_text(rows, HEADER).encode("utf-8").replace("Cliënt".encode(), "Cliënt".encode("cp1252")))
    with pytest.raises(DirectoryError) as info:
        load_directory(path)
    assert [(p.regel, p.kolom) for p in info.value.problems] == [(3, "naam")]


def test_a_windows_1252_file_with_one_utf8_line_names_that_line(workdir):
    rows = [cafe(1), cafe(2), cafe(3), PASTED]
    path = workdir / "organisaties.csv"
    path.write_bytes(rows_in(["cp1252"] * 4 + ["utf-8"], rows))
    with pytest.raises(DirectoryError) as info:
        load_directory(path)
    (problem,) = info.value.problems
    assert (problem.regel, problem.kolom) == (5, "naam")
    assert "in UTF-8 opgeslagen" in problem.message and "Windows-1252" in problem.message
    assert "'Cliëntenraad Werk en Inkomen'" in problem.message


def test_many_bad_lines_are_summed_up(workdir):
    rows = [cafe(n) for n in range(30)]
    encodings = ["utf-8", *(["utf-8", "cp1252"] * 15)]
    path = workdir / "organisaties.csv"
    path.write_bytes(rows_in(encodings, rows))
    with pytest.raises(DirectoryError) as info:
        load_directory(path)
    problems = info.value.problems
    assert [p.regel for p in problems[:-1]] == list(range(3, 23, 2))
    assert problems[-1].regel is None and "nog 5 regels" in problems[-1].message


def test_a_whole_windows_1252_file_still_loads(workdir):
    rows = [cafe(n) for n in range(20)] + [PASTED]
    path = workdir / "organisaties.csv"
    path.write_bytes(csv_text(rows, HEADER, ";").replace("\n", "\r\n").encode("cp1252"))
    directory = load_directory(path)
    assert directory.dialect.encoding == "cp1252"
    assert directory.get("clientenraad").naam == "Cliëntenraad Werk en Inkomen"


def test_check_refuses_a_mixed_file(workdir, capsys):
    from directory.__main__ import main

    path = workdir / "organisaties.csv"
    path.write_bytes(rows_in(["utf-8", "utf-8", "cp1252"], [cafe(1), PASTED]))
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("regel 3, kolom naam: deze regel is niet in UTF-8 opgeslagen")
    assert "in orde" not in out and "Ã" not in out


def test_the_version_check_hashes_only_when_the_file_changed(tmp_path, monkeypatch):
    path = tmp_path / "lijst.csv"
    path.write_text("id,naam\na,A\n", encoding="utf-8")
    first = csvfile.file_version(path)
    hashed = []
    monkeypatch.setattr(csvfile, "content_version", lambda data: hashed.append(data) or "x")
    assert csvfile.file_version(path) == first and hashed == []  # unchanged: no read, no hash
    path.write_text("id,naam\na,B\n", encoding="utf-8")
    assert csvfile.file_version(path) == "x" and len(hashed) == 1  # a write changes size/mtime: hashed again
    csvfile.write_atomic(path, b"id,naam\na,C\n")
    assert csvfile.file_version(path) == "x" and len(hashed) == 2  # an atomic replace is a new inode
