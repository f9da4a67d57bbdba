"""What changed, merging two coordinators' edits, and planning an import (nothing written)."""

from __future__ import annotations

import pytest

from directory import load_directory
from directory.changes import diff, merge
from directory.csvfile import parse
from directory.importing import plan_import, rows_from_cells
from directory.schema import to_cells
from tests.conftest import VALID_ROW, csv_text


@pytest.fixture
def current(write_list):
    rows = [{**VALID_ROW, "id": i, "naam": i.title()} for i in ("alfa", "beta", "gamma")]
    return load_directory(write_list(rows))


def edited(directory, org_id, **values):
    return [o.model_copy(update=values) if o.id == org_id else o for o in directory.organisations]


def test_diff_names_added_changed_archived_and_removed(current):
    new = edited(current, "beta", actief=False)
    new = [o.model_copy(update={"naam": "Alfa!"}) if o.id == "alfa" else o for o in new if o.id != "gamma"]
    new.append(current.organisations[0].model_copy(update={"id": "delta"}))
    changes = diff(current.organisations, new)
    assert changes.added == ("delta",) and changes.removed == ("gamma",) and changes.archived == ("beta",)
    assert [c.column for c in changes.changed["alfa"]] == ["naam"]
    assert changes.summary() == "1 toegevoegd, 1 gewijzigd, 1 gearchiveerd, 1 verwijderd"


def test_no_difference_is_falsy(current):
    assert not diff(current.organisations, list(current.organisations))
    assert diff(current.organisations, current.organisations).summary() == "geen wijzigingen"


def test_merge_keeps_both_peoples_edits_to_different_fields(current):
    mine = edited(current, "alfa", telefoon="033 111 11 11")
    theirs = edited(current, "alfa", naam="Alfa Nieuw")
    result = merge(current.organisations, mine, theirs)
    alfa = next(r for r in result.rows if r["id"] == "alfa")
    assert (alfa["naam"], alfa["telefoon"]) == ("Alfa Nieuw", "033 111 11 11")
    assert result.clashes == ()


def test_merge_reports_a_clash_and_my_value_wins(current):
    mine = edited(current, "alfa", naam="Mijn naam")
    theirs = edited(current, "alfa", naam="Hun naam")
    result = merge(current.organisations, mine, theirs)
    assert next(r for r in result.rows if r["id"] == "alfa")["naam"] == "Mijn naam"
    (clash,) = result.clashes
    assert (clash.org_id, clash.column, clash.mine, clash.theirs) == ("alfa", "naam", "Mijn naam", "Hun naam")


def test_merge_keeps_an_organisation_they_added_and_one_i_added(current):
    mine = [*current.organisations, current.organisations[0].model_copy(update={"id": "mijn"})]
    theirs = [*current.organisations, current.organisations[0].model_copy(update={"id": "hun"})]
    ids = [r["id"] for r in merge(current.organisations, mine, theirs).rows]
    assert ids == ["alfa", "beta", "gamma", "hun", "mijn"]


def test_an_import_archives_missing_organisations_and_adds_new_ones(current):
    table = parse(
        csv_text(
            [
                {**VALID_ROW, "id": "alfa", "naam": "Alfa Anders", "extra_kolom": "x"},
                {**VALID_ROW, "id": "nieuw", "naam": "Nieuw", "verwijst_naar": "gamma"},
            ]
        ).encode()
    )
    plan = plan_import(current, table.header, table.rows)
    assert plan.ok
    assert [o.id for o in plan.organisations] == ["alfa", "beta", "gamma", "nieuw"]
    assert plan.changes.added == ("nieuw",)
    assert set(plan.changes.archived) == {"beta", "gamma"}
    assert plan.organisations[0].extra == {"extra_kolom": "x"}
    assert "naam" in [c.column for c in plan.changes.changed["alfa"]]


def test_an_import_of_part_of_the_list_can_keep_the_rest(current):
    header, rows = rows_from_cells([to_cells(current.organisations[0])])
    plan = plan_import(current, header, rows, archive_missing=False)
    assert plan.ok and not plan.changes


def test_an_import_with_problems_plans_nothing(current):
    table = parse(
        csv_text([{**VALID_ROW, "domein": "preventief"}, {**VALID_ROW, "id": "x", "themas": "onbekend"}]).encode()
    )
    plan = plan_import(current, table.header, table.rows)
    assert not plan.ok and plan.organisations == ()
    assert {(p.regel, p.kolom) for p in plan.problems} == {(2, "domein"), (3, "themas")}


def test_an_excel_import_reads_semicolons_and_windows_1252(current):
    text = csv_text([{**VALID_ROW, "id": "alfa", "naam": "Café Alfa"}], delimiter=";").replace("\n", "\r\n")
    table = parse(text.encode("cp1252"))
    plan = plan_import(current, table.header, table.rows, archive_missing=False)
    assert plan.ok and plan.organisations[0].naam == "Café Alfa"
    assert table.dialect.describe().startswith("gescheiden door puntkomma, Windows-1252")


def test_columns_missing_from_the_file_keep_their_values(write_list):
    rows = [{**VALID_ROW, "telefoon": "033 111 11 11", "bronnen": "https://example.org"}]
    current = load_directory(write_list(rows, header=[*VALID_ROW, "telefoon", "bronnen"]))
    table = parse(csv_text([{**VALID_ROW, "naam": "Nieuwe naam"}]).encode())
    plan = plan_import(current, table.header, table.rows)
    (org,) = plan.organisations
    assert (org.naam, org.telefoon, org.extra["bronnen"]) == ("Nieuwe naam", "033 111 11 11", "https://example.org")
    assert {"telefoon", "bronnen"} <= set(plan.kept_columns)
    assert [c.column for c in plan.changes.changed[org.id]] == ["naam"]


def test_a_hsds_export_imported_again_changes_nothing():
    from directory.hsds import datapackage_zip, read_datapackage
    from tests.conftest import DATA

    current = load_directory(DATA)
    imported = read_datapackage(datapackage_zip(current), themes=current.themes)
    header, rows = rows_from_cells(imported.rows)
    plan = plan_import(current, header, rows)
    assert plan.ok and not plan.changes, plan.changes.summary()
