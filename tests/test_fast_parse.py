"""A large list is read by pyarrow (csvfile.fast_parse); every file it reads, it must read exactly as the
careful path (Python's csv module, strict) does, and every file the careful path refuses it must leave alone."""

import codecs

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from directory import csvfile
from directory.model import DirectoryError

HEADER = "id,naam,omschrijving"


def careful(data: bytes) -> csvfile.Table | DirectoryError:
    saved = csvfile.FAST_PARSE_BYTES
    csvfile.FAST_PARSE_BYTES = len(data) + 1  # always the careful path
    try:
        return csvfile.parse(data)
    except DirectoryError as exc:
        return exc
    finally:
        csvfile.FAST_PARSE_BYTES = saved


def same(fast: csvfile.Table, slow: csvfile.Table) -> None:
    assert fast.header == slow.header
    assert {k: list(v) for k, v in fast.columns.items()} == {k: list(v) for k, v in slow.columns.items()}
    assert list(fast.regels) == list(slow.regels)
    assert fast.dialect == slow.dialect
    assert fast.version == slow.version
    assert fast.warnings == slow.warnings
    assert fast.rows == slow.rows


def check(data: bytes) -> csvfile.Table | None:
    fast = csvfile.fast_parse(data)
    slow = careful(data)
    if fast is not None:
        assert not isinstance(slow, DirectoryError), f"fast read what the careful path refuses: {slow}"
        same(fast, slow)
    return fast


# Cells from the characters that make CSV hard: quotes, separators, line ends, spaces, accents.
cell = st.text(alphabet=st.sampled_from(['"', ",", ";", "\n", "\r", " ", "a", "é", "\t", "€"]), max_size=6)


def quoted(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


@st.composite
def files(draw) -> bytes:
    """Well-formed files (each cell quoted when needed), sometimes damaged by a few random edits."""
    delimiter = draw(st.sampled_from([",", ";"]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    width = 3
    rows = draw(st.lists(st.lists(cell, min_size=width, max_size=width), max_size=5))
    lines = [delimiter.join(HEADER.split(","))]
    for row in rows:
        lines.append(
            delimiter.join(
                quoted(c) if draw(st.booleans()) or any(ch in c for ch in f'"{delimiter}\r\n') else c for c in row
            )
        )
    text = newline.join(lines) + draw(st.sampled_from([newline, "", newline + newline]))
    for _ in range(draw(st.integers(0, 2))):  # damage: insert or delete a character anywhere
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.sampled_from(['"', ",", ";", "\n", "\r", "x"])) + text[at:]
        else:
            text = text[:at] + text[at + 1 :]
    data = text.encode("utf-8")
    return codecs.BOM_UTF8 + data if draw(st.booleans()) else data


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files())
@example(b'id,naam,omschrijving\n"abc"x,b,c\n')  # text after a closing quote: pyarrow would read "abcx"
@example(b'id,naam,omschrijving\n"abc" ,b,c\n')
@example(b'id,naam,omschrijving\na,b,"open\n')  # a quote that never closes
@example(b'id,naam,omschrijving\nab"c,b,c\n')  # a quote inside an unquoted cell: legal, left to Python
@example(b'id,naam,omschrijving\n"",b,""""\n')
@example(b'id,naam,omschrijving\n"a\r\nb",b,"x\ry"\n\n,,\n1,2,3')
def test_fast_reads_exactly_as_the_careful_path(data):
    check(data)


def test_the_usual_file_is_read_fast():
    data = ('id,naam,omschrijving\r\na,"Voedselbank, Amersfoort","Zegt ""ja""\r\nen nee"\r\n' * 3).encode()
    data = data.replace(b"\r\nid,naam,omschrijving", b"")  # one header
    data = data.replace(b"a,", b"x,", 1)
    table = check(data)
    assert table is not None
    assert table.columns["naam"][0] == "Voedselbank, Amersfoort"
    assert table.columns["omschrijving"][0] == 'Zegt "ja"\r\nen nee'
    assert table.dialect.newline == "\r\n"


@pytest.mark.parametrize(
    "data",
    [
        "id,naam,omschrijving\n1,Café,3\n".encode("cp1252"),  # not UTF-8: the careful path decides
        "id,naam,omschrijving\n1,2,3\n".encode("utf-16"),
        b'"id","naam","omschrijving"\n1,2,3\n',  # a quoted header
        b"id,naam,naam\n1,2,3\n",  # a column named twice: the careful path says so
        b"id,naam,\n1,2,3\n",  # a column without a name
        b"id,naam,omschrijving\n1,2\n",  # a short row
        b"id,naam,omschrijving\n1,2,3,4\n",  # a long row
        b"id,naam,omschrijving\n1,\x00,3\n",
        b"id,naam,omschrijving\r1,2,3\r",  # old Mac line ends
        b"id,naam,omschrijving",
    ],
)
def test_files_that_are_not_plain_take_the_careful_path(data):
    assert check(data) is None


def test_a_cell_longer_than_pythons_reader_allows_is_left_to_it():
    data = b'id,naam,omschrijving\n1,2,"' + b"x" * 131_073 + b'"\n'
    assert check(data) is None
    assert isinstance(careful(data), DirectoryError)


def test_parse_uses_it_for_large_files(monkeypatch):
    monkeypatch.setattr(csvfile, "FAST_PARSE_BYTES", 10)
    used = []
    real = csvfile._read_plain
    monkeypatch.setattr(csvfile, "_read_plain", lambda data: used.append(1) or real(data))
    table = csvfile.parse(b"id,naam,omschrijving\n1,2,3\n,,\n4,5,6\n")
    assert used and table.columns["id"] == ["1", "4"] and list(table.regels) == [2, 4]
