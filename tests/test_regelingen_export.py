"""The schemes for Excel (never a formula) and as HSDS services of their uitvoerder."""

from __future__ import annotations

import csv
import io

import pytest

from directory import hsds
from directory.regelingen_export import excel_csv, hsds_tables, service_id, write_excel
from directory.regelingen_schema import load_regelingen
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def regelingen():
    return load_regelingen(ROOT / "data" / "regelingen.csv")


def read_excel(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # Dutch Excel reads UTF-8 only with a BOM
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_excel_has_every_scheme_and_every_column(regelingen):
    rows = read_excel(excel_csv(regelingen))
    assert [row["id"] for row in rows] == [r.id for r in regelingen.regelingen]
    toeslag = rows[0]
    assert toeslag["hulp_bij_aanvragen"] == "stadsring51;geldcheck033"
    assert (toeslag["inkomensgrens"], toeslag["peiljaar"], toeslag["actief"]) == ("110", "2025", "ja")


def test_excel_neutralises_formulas(regelingen):
    first = regelingen.regelingen[0].model_copy(update={"naam": '=HYPERLINK("http://x")', "bedrag": "-5"})
    hostile = type(regelingen)((first,), regelingen.directory, regelingen.themes)
    row = read_excel(excel_csv(hostile))[0]
    assert row["naam"] == '\'=HYPERLINK("http://x")'
    assert row["bedrag"] == "'-5"


def test_hsds_services_belong_to_their_uitvoerder(regelingen):
    tables = hsds_tables(regelingen)
    organisation_export = hsds.export_tables(regelingen.directory)
    known = {row["id"] for row in organisation_export["organization"]} | {row["id"] for row in tables["organization"]}
    services = {row["id"]: row for row in tables["service"]}
    assert len(services) == len(regelingen.regelingen)
    assert all(row["organization_id"] in known for row in services.values())
    leergeld = services[service_id(next(r for r in regelingen.regelingen if r.id == "leergeld"))]
    assert leergeld["organization_id"] == hsds.hsds_id("organization", "leergeld")  # the list's own organisation
    assert {row["name"] for row in tables["organization"]} >= {"Belastingdienst/Toeslagen"}


def test_hsds_rows_fit_the_hsds_tables_and_their_required_fields(regelingen):
    for name, rows in hsds_tables(regelingen).items():
        resource = hsds.RESOURCE_BY_NAME[name]
        required = [f.name for f in resource.fields if f.required]
        for row in rows:
            assert set(row) <= set(resource.field_names), (name, set(row) - set(resource.field_names))
            assert all(row.get(column) for column in required), (name, row)


def test_hsds_attributes_point_to_existing_terms_and_carry_the_scheme_fields(regelingen):
    tables = hsds_tables(regelingen)
    terms = {row["id"] for row in hsds.export_tables(regelingen.directory)["taxonomy_term"]}
    terms |= {row["id"] for row in tables["taxonomy_term"]}
    assert all(row["taxonomy_term_id"] in terms for row in tables["attribute"])
    kwijtschelding = service_id(next(r for r in regelingen.regelingen if r.id.startswith("kwijtschelding")))
    values = {row["value"] for row in tables["attribute"] if row["link_id"] == kwijtschelding}
    assert {"gemeentelijk", "indebuurt033", "2024"} <= values


def test_closed_schemes_are_inactive_services(regelingen):
    services = {row["name"]: row["status"] for row in hsds_tables(regelingen)["service"]}
    assert services["Energietoeslag 2023 (gesloten)"] == "inactive"
    assert services["Zorgtoeslag"] == "active"


def test_write_excel_writes_the_second_file(regelingen, tmp_path):
    path = tmp_path / "lijst-regelingen.csv"
    assert write_excel(regelingen, path) == path
    assert path.read_bytes() == excel_csv(regelingen)


def test_the_cli_exports_include_the_schemes_beside_the_list(tmp_path):
    from tests.conftest import ROOT, run_cli

    for name in ("organisaties.csv", "themas.csv", "regelingen.csv"):
        (tmp_path / name).write_bytes((ROOT / "data" / name).read_bytes())
    data = str(tmp_path / "organisaties.csv")
    excel = run_cli("export", "--format", "excel", "--data", data, "-o", str(tmp_path / "lijst.csv"))
    assert excel.returncode == 0 and (tmp_path / "lijst-regelingen.csv").is_file()
    assert "De regelingen staan in" in excel.stdout
    folder = tmp_path / "hsds"
    assert run_cli("export", "--format", "hsds", "--data", data, "-o", str(folder)).returncode == 0
    services = (folder / "services.csv").read_text(encoding="utf-8")
    assert "Kwijtschelding" in services  # a scheme is a service of its uitvoerder
