"""Validation in bulk (schema.CellChecks) gives exactly what the precise per-row path gives: the same
organisations for good rows, and for bad rows the same Dutch problems with regel and kolom."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from directory import csvfile, fields
from directory.contract import COLUMN_NAMES, Kind
from directory.loading import load_themes
from directory.schema import (
    TEXT_KINDS,
    _check_pairs,
    _texts,
    _warnings_for,
    _word_lists,
    parse_row,
    validate_rows,
)
from tests.conftest import DATA, THEMES, VALID_ROW, csv_text


def precise(table):
    """The organisations as the per-row path (pydantic's model_validate) builds them."""
    known = [n for n in table.header if n in COLUMN_NAMES]
    extra = [n for n in table.header if n not in COLUMN_NAMES]
    return [parse_row(row.cells, known, extra, row.regel)[0] for row in table.rows]


def test_the_bundled_list_gives_the_same_organisations_field_for_field():
    table = csvfile.load(DATA)
    themes = load_themes(THEMES)
    fast = validate_rows(table.header, table.rows, themes).organisations
    slow = precise(table)
    assert len(fast) == len(slow) == len(table.rows)
    for ours, theirs in zip(fast, slow, strict=True):
        assert ours.model_dump() == theirs.model_dump()
        assert ours.model_fields_set == theirs.model_fields_set
        assert type(ours.domein) is type(theirs.domein)


BAD_CELLS = [
    ("domein", "preventief"),
    ("lat", "52,15,3"),
    ("actief", "misschien"),
    ("themas", "voedsl"),
    ("omschrijving", ""),
    ("email", "geen-adres"),
    ("id", "Voedselbank!"),
]


@pytest.mark.parametrize(("column", "value"), BAD_CELLS)
def test_a_bad_row_among_many_good_ones_reports_what_it_reports_alone(tmp_path, column, value):
    good = [dict(VALID_ROW, id=f"voedselbank-{n}", naam=f"Voedselbank {n}") for n in range(300)]
    bad = {**VALID_ROW, "id": "kapot", "naam": "Kapot", column: value}
    header = [*VALID_ROW, "email"]
    themes = load_themes(THEMES)
    alone = csvfile.parse(csv_text([bad], header).encode())
    among = csvfile.parse(csv_text([*good[:150], bad, *good[150:]], header).encode())
    expected = validate_rows(alone.header, alone.rows, themes).problems
    found = validate_rows(among.header, among.rows, themes).problems
    assert expected, "the cell is bad"
    assert [(p.message, p.kolom) for p in found] == [(p.message, p.kolom) for p in expected]
    assert {p.regel for p in found} == {152}


@pytest.mark.parametrize("actief_first", [True, False])
def test_an_archived_row_may_leave_cells_empty_wherever_actief_stands(actief_first):
    """Whether a row is archived decides which cells it needs; the column may come before or after them."""
    rest = [name for name in VALID_ROW if name != "actief"]
    header = ["actief", *rest] if actief_first else [*rest, "actief"]
    archived = {**VALID_ROW, "id": "oud", "naam": "Oud", "actief": "nee", "omschrijving": "", "aanmelden": ""}
    active = {**VALID_ROW, "id": "leeg", "naam": "Leeg", "actief": "ja", "omschrijving": ""}
    table = csvfile.parse(csv_text([VALID_ROW, archived, active], header).encode())
    result = validate_rows(table.header, table.rows, load_themes(THEMES))
    assert [o.id for o in result.organisations] == ["voedselbank", "oud"]
    assert [(p.regel, p.kolom) for p in result.problems] == [(4, "omschrijving")]
    for ours, theirs in zip(result.organisations, precise(table)[:2], strict=True):
        assert ours.model_dump() == theirs.model_dump()
        assert list(ours.__dict__) == list(theirs.__dict__)


def test_organisations_built_in_bulk_can_be_copied_with_changes_without_touching_the_others():
    """The bulk path shares one fields-set between rows; a copy with changes must not alter the others."""
    table = csvfile.load(DATA)
    first, second = validate_rows(table.header, table.rows, load_themes(THEMES)).organisations[:2]
    changed = first.model_copy(update={"naam": "Andere naam"})
    assert changed.naam == "Andere naam" and first.naam != "Andere naam"
    assert second.model_fields_set == first.model_fields_set
    assert changed.model_fields_set == first.model_fields_set | {"naam"}


# Cells with what the text checks look for: hidden characters, line ends, spaces at the ends, id characters.
hostile_cell = st.text(
    alphabet=st.sampled_from(["a", "-", " ", "\n", "\r", "\t", "\u200b", "\x85", "é", "A"]), max_size=5
)


@settings(max_examples=400, deadline=None)
@given(cells=st.lists(hostile_cell, max_size=6), kind=st.sampled_from(sorted(TEXT_KINDS)))
def test_a_text_column_checked_at_once_gives_what_each_cell_gives(cells, kind):
    check = {Kind.ID: fields.identifier, Kind.TEXT: fields.text, Kind.MULTILINE: fields.multiline_text}[kind]
    each = []
    for cell in cells:
        try:
            each.append(check(cell))
        except ValueError:
            each.append(None)
    at_once = _texts(kind, cells)
    if None in each:
        assert at_once is None  # then every cell is checked alone, and says why
    elif at_once is not None:
        assert at_once == each


hostile_list_cell = st.text(
    alphabet=st.sampled_from(["a", "B", ";", " ", "\n", "\r", "\t", "\u200b", "\u3164", "\x85", "É", "\u00a0"]),
    max_size=8,
)


@settings(max_examples=400, deadline=None)
@given(cells=st.lists(hostile_list_cell, max_size=6))
def test_a_list_column_checked_at_once_gives_what_each_cell_gives(cells):
    each = []
    for cell in cells:
        try:
            each.append(fields.word_list(cell))
        except ValueError:
            each.append(None)
    at_once = _word_lists(cells)
    if None in each:
        assert at_once is None
    elif at_once is not None:
        assert at_once == each


def test_a_list_column_of_plain_keywords_is_checked_at_once():
    assert _word_lists(["Huur; huur ;energie", "", " ;; "]) == [("huur", "energie"), (), ()]


ROWS_WITH_SOMETHING_TO_SAY = [
    {},  # nothing: no message
    {"doelgroepen": "jongeren;marsbewoners"},
    {"lat": "48.85", "lon": "2.35"},  # Paris
    {"lat": "5.38", "lon": "52.15"},  # swapped
    {"lat": "", "lon": ""},
    {"lat": "", "lon": "", "actief": "nee"},  # archived without a place: no warning
    {"lat": "52.15", "lon": ""},  # half a location: a problem
    {"lat": "", "lon": "5.38", "actief": "nee"},  # archived, and still half a location
    {"ook_domein": "ondersteuning"},  # the same as domein: a problem
    {"ook_domein": "curatief"},  # fine
    {"verwijst_naar": "row-0"},  # fine
    {"verwijst_naar": "row-{n}"},  # itself
    {"doelgroepen": "onbekend", "lat": "60", "lon": "20", "verwijst_naar": "row-{n}"},  # three at once
]


def test_warnings_and_pair_problems_found_column_by_column_are_those_of_each_row_alone():
    """schema._maybe_flagged picks the rows to look at; the messages must be those of the per-row checks on
    every row, in the same order, and a row that says nothing must stay silent."""
    themes = load_themes(THEMES)
    rows = [
        {**VALID_ROW, "id": f"row-{n}", "naam": f"Rij {n}", **{k: v.format(n=n) for k, v in extra.items()}}
        for n, extra in enumerate(ROWS_WITH_SOMETHING_TO_SAY * 3)
    ]
    header = [*VALID_ROW, "doelgroepen", "ook_domein", "verwijst_naar"]
    table = csvfile.parse(csv_text(rows, header).encode())
    together = validate_rows(table.header, table.rows, themes)
    assert len(together.organisations) == len(table.rows)
    expected_problems, expected_warnings = [], []
    for org, row in zip(together.organisations, table.rows, strict=True):
        expected_problems += [(p.message, p.regel, p.kolom) for p in _check_pairs(org, row.regel)]
        expected_warnings += [(p.message, p.regel, p.kolom) for p in _warnings_for(org, row.regel)]
    assert [(p.message, p.regel, p.kolom) for p in together.problems] == expected_problems
    assert [(p.message, p.regel, p.kolom) for p in together.warnings] == expected_warnings
    kinds = {(p.kolom, p.message.split(" ")[0]) for p in [*together.problems, *together.warnings]}
    assert len(kinds) >= 6, kinds  # every kind of message occurred
    assert not [p for p in together.warnings if p.regel == 2]  # the plain row says nothing


def test_has_hidden_agrees_with_the_expression_on_every_character():
    """fields.has_hidden (isprintable first) finds exactly what CONTROL_RE finds: each code point alone,
    inside a text, and beside line ends, tabs and a no-break space."""
    for point in range(0x110000):
        char = chr(point)
        expected = fields.CONTROL_RE.search(char) is not None
        if fields.has_hidden(f"Geeft {char}pakketten") != expected:
            raise AssertionError(f"U+{point:04X}")
    for text, expected in [
        ("regel een\nregel twee\r\n\tingesprongen", False),
        ("huur\u00a0en energie", False),  # a no-break space: refused by isprintable, allowed by the expression
        ("huur\u00a0en\u200benergie", True),
        ("huur\u3164", True),  # printable to Python, hidden to us
        ("", False),
    ]:
        assert fields.has_hidden(text) is expected, text
