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
    _texts,
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


GROUPS = "iedereen, gezinnen, kinderen, jongeren, ouderen, werkenden, zzp, statushouders, asielzoekers, "
GROUPS += "dak-en-thuislozen, huurders, laaggeletterden, professionals, vrijwilligers"
HALF = "vul lat en lon allebei in, of laat ze allebei leeg"
ABROAD = "deze plek ligt buiten Nederland; zijn lat en lon misschien omgewisseld?"
ITSELF = "de organisatie verwijst naar zichzelf"
OFF_THE_MAP = "geen lat en lon: de organisatie staat niet op de kaart"
# Per row: the cells that differ from VALID_ROW, its problems and its warnings, each as (kolom, message).
ROWS_WITH_SOMETHING_TO_SAY = [
    ({}, [], []),
    (
        {"doelgroepen": "jongeren;marsbewoners;aliens"},
        [],
        [("doelgroepen", f"onbekende doelgroep 'marsbewoners'; gebruikelijk zijn: {GROUPS}")],
    ),
    ({"lat": "48.85", "lon": "2.35"}, [], [("lat", ABROAD)]),  # Paris
    ({"lat": "5.38", "lon": "52.15"}, [], [("lat", ABROAD)]),  # swapped
    ({"lat": "", "lon": ""}, [], [("lat", OFF_THE_MAP)]),
    ({"lat": "", "lon": "", "actief": "nee"}, [], []),  # archived: it is on no map anyway
    ({"lat": "52.15", "lon": ""}, [("lon", HALF)], [("lat", OFF_THE_MAP)]),
    ({"lat": "", "lon": "5.38", "actief": "nee"}, [("lat", HALF)], []),  # archived, still half a place
    (
        {"ook_domein": "ondersteuning"},
        [("ook_domein", "is hetzelfde als domein; laat ook_domein leeg of kies een andere groep")],
        [],
    ),
    ({"ook_domein": "curatief"}, [], []),
    ({"verwijst_naar": "row-0"}, [], []),
    ({"verwijst_naar": "row-{n}"}, [], [("verwijst_naar", ITSELF)]),
    (
        {"doelgroepen": "onbekend", "lat": "60", "lon": "20", "verwijst_naar": "row-{n}"},
        [],
        [
            ("doelgroepen", f"onbekende doelgroep 'onbekend'; gebruikelijk zijn: {GROUPS}"),
            ("lat", ABROAD),
            ("verwijst_naar", ITSELF),
        ],
    ),
]


def test_what_the_cells_of_a_row_say_together_is_said_for_each_row_in_order():
    """schema._row_messages reads the columns at once; each row must get its own messages, in the order of
    the checks, and a row with nothing to say must stay silent."""
    themes = load_themes(THEMES)
    cases = ROWS_WITH_SOMETHING_TO_SAY * 3
    rows = [
        {**VALID_ROW, "id": f"row-{n}", "naam": f"Rij {n}", **{k: v.format(n=n) for k, v in cells.items()}}
        for n, (cells, _, _) in enumerate(cases)
    ]
    header = [*VALID_ROW, "doelgroepen", "ook_domein", "verwijst_naar"]
    table = csvfile.parse(csv_text(rows, header).encode())
    together = validate_rows(table.header, table.rows, themes)
    assert len(together.organisations) == len(table.rows)
    expected_problems = [(regel, *p) for regel, (_, found, _) in enumerate(cases, start=2) for p in found]
    expected_warnings = [(regel, *w) for regel, (_, _, found) in enumerate(cases, start=2) for w in found]
    assert [(p.regel, p.kolom, p.message) for p in together.problems] == expected_problems
    assert [(p.regel, p.kolom, p.message) for p in together.warnings] == expected_warnings


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
