"""Property tests: writing and reading gives the same organisations; garbage only ever gives DirectoryError."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory import DirectoryError, Organisation, csvfile
from directory.contract import COLUMN_ORDER
from directory.fields import CONTROL_RE
from directory.model import Dialect, Theme
from directory.schema import to_cells, validate_rows

THEMES = (Theme("voedsel", "Eten"), Theme("wonen-huur", "Wonen"), Theme("werk", "Werk"))

# Printable text as people type it: letters of any script, emoji, markup and formula characters.
printable = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Co", "Cn")).filter(
    lambda c: not CONTROL_RE.match(c)  # invisible characters a cell may not hold (see directory.fields)
)
one_line = st.text(printable, max_size=40).map(str.strip)
some_text = st.text(printable, min_size=1, max_size=40).map(str.strip).filter(bool)
multi_line = st.lists(one_line, max_size=3).map("\n".join).map(str.strip)
slug = st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}\Z")
word = st.text(printable, min_size=1, max_size=15).filter(
    lambda w: ";" not in w and w == w.strip() and w == w.lower() and w.lower() == w.lower().lower()
)


@st.composite
def organisations(draw) -> list[Organisation]:
    ids = draw(st.lists(slug, min_size=1, max_size=5, unique=True))
    result = []
    for org_id in ids:
        located = draw(st.booleans())
        result.append(
            Organisation(
                id=org_id,
                naam=draw(some_text),
                domein=draw(st.sampled_from(["preventie", "ondersteuning", "curatief"])),
                omschrijving=draw(multi_line.filter(bool)),
                themas=tuple(draw(st.lists(st.sampled_from([t.id for t in THEMES]), min_size=1, unique=True))),
                trefwoorden=tuple(draw(st.lists(word, max_size=4, unique=True))),
                aanmelden=draw(multi_line.filter(bool)),
                voorwaarden=draw(multi_line),
                inkomensgrens=draw(st.none() | st.integers(1, 1000)),
                adres=draw(one_line),
                lat=draw(st.floats(50.7, 53.6)).__round__(6) if located else None,
                lon=draw(st.floats(3.3, 7.2)).__round__(6) if located else None,
                verwijst_naar=tuple(draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))),
                laatst_gecontroleerd=draw(st.none() | st.dates(dt.date(2000, 1, 1), dt.date.today())),
                actief=draw(st.booleans()),
                extra={"notitie": draw(one_line)},
            )
        )
    return result


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(orgs=organisations(), dialect=st.sampled_from([Dialect(), Dialect(";", "utf-8", True, "\r\n")]))
def test_write_then_read_gives_the_same_organisations(orgs, dialect):
    header = [*COLUMN_ORDER, "notitie"]
    data = csvfile.serialise(header, [to_cells(o) for o in orgs], dialect)
    table = csvfile.parse(data)
    result = validate_rows(table.header, table.rows, THEMES)
    assert result.problems == ()
    assert list(result.organisations) == orgs
    assert table.dialect == dialect


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_only_give_directory_error(data):
    _parse_and_validate(data)


header_line = ",".join(["id", "naam", "domein", "omschrijving", "themas", "aanmelden", "actief", "lat", "lon"])


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["", header_line + "\n", header_line.replace(",", ";") + "\r\n"]))
def test_random_text_only_gives_directory_error(text, prefix):
    _parse_and_validate((prefix + text).encode("utf-8", "surrogatepass"))


# Dutch letters whose Windows-1252 bytes (E0-FF) never form valid UTF-8 with what follows them.
dutch_cell = st.text(st.sampled_from("abcdeijnoz éëèïöüà"), max_size=12).map(str.strip)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(dutch_cell, st.sampled_from(["utf-8", "cp1252"])), min_size=1, max_size=8))
def test_a_file_is_read_right_or_refused_never_garbled(rows):
    data = b"naam\n" + b"".join(f'"{cell}"\n'.encode(encoding) for cell, encoding in rows)
    both = {encoding for cell, encoding in rows if not cell.isascii()} == {"utf-8", "cp1252"}
    try:
        table = csvfile.parse(data)
    except DirectoryError as exc:
        assert both and all(p.regel for p in exc.problems), exc.problems
        return
    assert not both
    assert [r.cells["naam"] for r in table.rows] == [cell for cell, _ in rows if cell]


def _parse_and_validate(data: bytes) -> None:
    try:
        table = csvfile.parse(data)
        validate_rows(table.header, table.rows, THEMES)
    except DirectoryError as exc:
        assert exc.problems and all(str(p) for p in exc.problems)
