"""Validation in bulk (schema.CellChecks) gives exactly what the precise per-row path gives: the same
organisations for good rows, and for bad rows the same Dutch problems with regel and kolom."""

from __future__ import annotations

import pytest

from directory import csvfile
from directory.contract import COLUMN_NAMES
from directory.loading import load_themes
from directory.schema import parse_row, validate_rows
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
