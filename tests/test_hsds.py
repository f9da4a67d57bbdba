"""Open Referral HSDS 3.0: the export is valid against the spec, imports tolerate the world, and round trips hold."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlparse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from directory import DirectoryError, Organisation, hsds, load_directory
from directory.contract import COLUMN_ORDER
from directory.loading import BUNDLED_THEMES, load_themes
from directory.model import Directory, Problem
from directory.region import Region
from directory.schema import validate_rows
from tests.conftest import DATA, ROOT
from tests.test_roundtrip_fuzz import printable

FIXTURES = Path(__file__).parent / "fixtures" / "hsds"
SPEC = FIXTURES / "spec"
SPEC_CSV = SPEC / "examples" / "csv"
OHANA = FIXTURES / "ohana"
THEMES = load_themes(BUNDLED_THEMES)
SPEC_PACKAGE = json.loads((SPEC / "datapackage.json").read_text(encoding="utf-8"))
SPEC_RESOURCES = {r["name"]: r for r in SPEC_PACKAGE["resources"]}
SCHEMAS = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (SPEC / "schema").glob("*.json")}
# The object schemas point at each other by file name ("attribute.json"); resolve those locally.
REGISTRY = Registry().with_resources(
    (name, Resource.from_contents(schema, default_specification=DRAFT202012)) for name, schema in SCHEMAS.items()
)
README = (ROOT / "README.md").read_text(encoding="utf-8")
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


# --- helpers ----------------------------------------------------------------------------------


def read_csv(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    header, *records = list(reader)
    return header, [dict(zip(header, record, strict=True)) for record in records]


def typed(row: dict[str, str], resource: dict) -> dict:
    """A CSV row as the Table Schema types it: '' is missing, numbers are numbers, dates are checked."""
    result: dict = {}
    for spec_field in resource["schema"]["fields"]:
        value = row.get(spec_field["name"], "")
        if value == "":
            continue
        kind = spec_field["type"]
        if kind == "number":
            result[spec_field["name"]] = float(value)
        elif kind == "integer":
            result[spec_field["name"]] = int(value)
        else:
            parse = {
                "date": dt.date.fromisoformat,
                "datetime": dt.datetime.fromisoformat,
                "time": dt.time.fromisoformat,
            }
            if kind in parse:
                parse[kind](value)
            result[spec_field["name"]] = value
    return result


def validator(resource_name: str) -> Draft202012Validator:
    return Draft202012Validator(
        SCHEMAS[f"{resource_name}.json"], registry=REGISTRY, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def is_uri(value: str) -> bool:
    # jsonschema checks "uri" only with rfc3987 installed; this is the part that matters here.
    parsed = urlparse(value)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc) and value.isascii() and " " not in value


def package(files: dict[str, bytes]) -> tuple[dict, dict[str, list[dict[str, str]]]]:
    descriptor = json.loads(files["datapackage.json"])
    tables = {r["name"]: read_csv(files[r["path"]])[1] for r in descriptor["resources"]}
    return descriptor, tables


def write_package(folder: Path, tables: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def zip_bytes(files: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def round_trip(directory: Directory, source_of=lambda d, tmp: hsds.datapackage_zip(d), tmp: Path | None = None):
    imported = hsds.read_datapackage(source_of(directory, tmp), themes=directory.themes)
    result = validate_rows(imported.header, imported.table_rows(), directory.themes)
    return imported, result


def without_extra(orgs) -> dict[str, dict]:
    return {o.id: o.model_dump(exclude={"extra"}) for o in orgs}


def assert_dutch(problems: list[Problem]) -> None:
    for problem in problems:
        text = str(problem)
        assert text and "Traceback" not in text and "Error" not in text, text
        assert not re.search(r"\b(the|is not|invalid|missing|expected)\b", problem.message), text


MINIMAL_ORGS = "id,name,description\n"
MINIMAL_SERVICES = "id,organization_id,name,description,application_process,status\n"


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Directory:
    return load_directory(DATA)


@pytest.fixture(scope="module")
def exported(bundled: Directory) -> dict[str, bytes]:
    return hsds.package_files(bundled)


# --- export: valid HSDS 3.0 -------------------------------------------------------------------


def test_write_datapackage_writes_the_descriptor_and_every_table(bundled, tmp_path):
    folder = tmp_path / "nieuw" / "hsds"
    paths = hsds.write_datapackage(bundled, folder)
    names = [p.name for p in paths]
    assert names[0] == "datapackage.json"
    assert set(names) == {"datapackage.json", *(r.path for r in hsds.RESOURCES)}
    assert all(p.is_file() and p.parent == folder for p in paths)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["profile"] == "tabular-data-package"
    assert [r["path"] for r in descriptor["resources"]] == [p for p in names[1:]]


def test_the_descriptor_is_the_specs_for_every_table_written(exported):
    descriptor = json.loads(exported["datapackage.json"])
    written = {r["name"] for r in descriptor["resources"]}
    assert {"organization", "service", "location", "address", "phone", "taxonomy", "taxonomy_term"} <= written
    assert {"attribute", "service_at_location", "schedule"} <= written
    for resource in descriptor["resources"]:
        spec = SPEC_RESOURCES[resource["name"]]
        assert resource["path"] == spec["path"]
        assert resource["profile"] == spec["profile"] and resource["mediatype"] == spec["mediatype"]
        assert resource["schema"]["primaryKey"] == spec["schema"]["primaryKey"]
        ours = [(f["name"], f["type"], f.get("format"), f["constraints"]) for f in resource["schema"]["fields"]]
        theirs = [(f["name"], f["type"], f.get("format"), f["constraints"]) for f in spec["schema"]["fields"]]
        assert ours == theirs, resource["name"]
        for key in resource["schema"].get("foreignKeys", []):
            assert key in spec["schema"]["foreignKeys"]
            assert key["reference"]["resource"] in written  # the package is complete in itself


def test_every_csv_has_exactly_the_columns_of_its_descriptor(exported):
    descriptor = json.loads(exported["datapackage.json"])
    for resource in descriptor["resources"]:
        header, _ = read_csv(exported[resource["path"]])
        assert header == [f["name"] for f in resource["schema"]["fields"]], resource["path"]


@pytest.mark.parametrize("resource", [r.name for r in hsds.RESOURCES])
def test_every_row_validates_against_the_json_schema_of_its_object(exported, resource):
    _, tables = package(exported)
    spec = SPEC_RESOURCES[resource]
    check = validator(resource)
    assert tables[resource], f"{resource}: no rows exported"
    for row in tables[resource]:
        instance = typed(row, spec)
        errors = [e.message for e in check.iter_errors(instance)]
        assert not errors, (resource, row, errors)
        for spec_field in spec["schema"]["fields"]:
            if spec_field.get("format") == "uri" and spec_field["name"] in instance:
                assert is_uri(instance[spec_field["name"]]), (resource, spec_field["name"], row)


def test_the_json_schema_check_itself_accepts_the_specs_examples_and_rejects_nonsense():
    for resource in ("organization", "service", "location", "phone", "address"):
        _, rows = read_csv((SPEC_CSV / SPEC_RESOURCES[resource]["path"]).read_bytes())
        assert not list(validator(resource).iter_errors(typed(rows[0], SPEC_RESOURCES[resource])))
    assert list(validator("service").iter_errors({"id": "niet-een-uuid", "name": "x", "status": "open"}))


def test_table_constraints_hold_required_enum_unique_and_foreign_keys(exported):
    descriptor, tables = package(exported)
    ids = {name: {row["id"] for row in rows} for name, rows in tables.items()}
    for resource in descriptor["resources"]:
        rows = tables[resource["name"]]
        for spec_field in resource["schema"]["fields"]:
            values = [row[spec_field["name"]] for row in rows]
            constraints = spec_field["constraints"]
            if constraints["required"]:
                assert all(values), (resource["name"], spec_field["name"])
            if constraints["unique"]:
                filled = [v for v in values if v]
                assert len(filled) == len(set(filled)), (resource["name"], spec_field["name"])
            if "enum" in constraints:
                assert {v for v in values if v} <= set(constraints["enum"]), (resource["name"], spec_field["name"])
        for key in resource["schema"].get("foreignKeys", []):
            target = ids[key["reference"]["resource"]]
            assert {row[key["fields"]] for row in rows if row[key["fields"]]} <= target, (resource["name"], key)


def test_nested_objects_validate_through_the_schemas_references(exported):
    # The object schemas refer to each other ($ref "phone.json"); an organisation with its phones,
    # locations and addresses exercises those references.
    _, tables = package(exported)
    typed_rows = {name: [typed(r, SPEC_RESOURCES[name]) for r in rows] for name, rows in tables.items()}
    for organization in typed_rows["organization"]:
        locations = [dict(loc) for loc in typed_rows["location"] if loc.get("organization_id") == organization["id"]]
        for location in locations:
            location["addresses"] = [a for a in typed_rows["address"] if a["location_id"] == location["id"]]
        nested = {
            **organization,
            "phones": [p for p in typed_rows["phone"] if p.get("organization_id") == organization["id"]],
            "locations": locations,
        }
        assert not [e.message for e in validator("organization").iter_errors(nested)]


def test_the_export_is_the_same_every_time(bundled, exported):
    assert hsds.package_files(bundled) == exported
    assert hsds.datapackage_zip(bundled) == hsds.datapackage_zip(bundled)


def test_the_zip_holds_the_same_files(bundled, exported):
    with zipfile.ZipFile(io.BytesIO(hsds.datapackage_zip(bundled))) as archive:
        assert archive.namelist() == list(exported)
        assert {name: archive.read(name) for name in archive.namelist()} == exported


def test_ids_are_uuid5_values_derived_from_the_vangnet_id(exported):
    _, tables = package(exported)
    services = {row["name"]: row for row in tables["service"]}
    assert services["Voedselbank Amersfoort"]["id"] == hsds.hsds_id("service", "voedselbank")
    assert all(UUID_RE.match(row["id"]) for rows in tables.values() for row in rows)
    # The Vangnet id itself travels along, as an attribute of the service.
    id_term = next(t["id"] for t in tables["taxonomy_term"] if t["code"] == "vangnet:id")
    vangnet_ids = {a["link_id"]: a["value"] for a in tables["attribute"] if a["taxonomy_term_id"] == id_term}
    assert vangnet_ids[services["Voedselbank Amersfoort"]["id"]] == "voedselbank"
    assert len(vangnet_ids) == len(tables["service"])


def test_fields_land_where_hsds_expects_them(exported):
    _, tables = package(exported)
    service_id = hsds.hsds_id("service", "gemeente-amersfoort")
    service = next(s for s in tables["service"] if s["id"] == service_id)
    organization = next(o for o in tables["organization"] if o["id"] == service["organization_id"])
    assert organization["name"] == service["name"] == "Gemeente Amersfoort"
    assert organization["website"] == service["url"] == "https://www.amersfoort.nl"
    assert service["status"] == "active" and service["application_process"].startswith("Bel 14 033")
    assert service["eligibility_description"].startswith("Verschilt per regeling")
    phone = next(p for p in tables["phone"] if p["service_id"] == service_id)
    assert (phone["number"], phone["type"], phone["organization_id"]) == ("14 033", "voice", organization["id"])
    location = next(loc for loc in tables["location"] if loc["organization_id"] == organization["id"])
    assert (location["latitude"], location["longitude"], location["location_type"]) == (
        "52.15672",
        "5.38416",
        "physical",
    )
    link = next(s for s in tables["service_at_location"] if s["service_id"] == service_id)
    assert link["location_id"] == location["id"]
    terms = {t["id"]: t for t in tables["taxonomy_term"]}
    attributes = [a for a in tables["attribute"] if a["link_id"] == service_id]
    themes = [terms[a["taxonomy_term_id"]]["code"] for a in attributes if not a["value"]]
    assert themes == ["inkomen-regelingen", "geldzorgen-schulden", "werk"]  # in order: the first is the main theme
    fields = {terms[a["taxonomy_term_id"]]["code"]: a["value"] for a in attributes if a["value"]}
    assert fields["vangnet:domein"] == "ondersteuning" and fields["vangnet:ook_domein"] == "preventie"
    assert {t["name"] for t in tables["taxonomy"]} == {"Vangnet thema's", "Vangnet velden"}


def test_an_archived_organisation_is_an_inactive_service(exported):
    _, tables = package(exported)
    service = next(s for s in tables["service"] if s["id"] == hsds.hsds_id("service", "matchpoint"))
    assert service["status"] == "inactive"


def make_directory(*orgs: Organisation) -> Directory:
    return Directory(organisations=orgs, themes=THEMES, columns=COLUMN_ORDER, version="test")


ORG = {
    "id": "buurthuis",
    "naam": "Buurthuis",
    "domein": "preventie",
    "omschrijving": "Koffie en hulp met post.",
    "themas": ("administratie",),
    "aanmelden": "Loop binnen.",
}


def test_a_complete_address_goes_to_addresses_csv_with_province_and_country():
    org = Organisation(**ORG, adres="Stadhuisplein 1", postcode="3811LM", plaats="Amersfoort", lat=52.15, lon=5.38)
    region = Region(province="Utrecht", places=("Amersfoort",))  # the province comes from regio.toml
    _, tables = package(hsds.package_files(replace(make_directory(org), region=region)))
    (address,) = tables["address"]
    assert address["address_1"] == "Stadhuisplein 1" and address["postal_code"] == "3811 LM"
    assert (address["city"], address["state_province"], address["country"]) == ("Amersfoort", "Utrecht", "NL")
    assert address["address_type"] == "physical"


@pytest.mark.parametrize(
    "address",
    [
        {"adres": "Muurhuizen 128", "plaats": "Amersfoort"},  # no postcode
        {"adres": "Dorpsstraat 1", "postcode": "1234 AB", "plaats": "Ergenshuizen"},  # province unknown: no guess
        {"plaats": "Amersfoort"},
    ],
)
def test_an_incomplete_address_travels_as_attributes_and_round_trips(address):
    org = Organisation(**ORG, **address)
    directory = make_directory(org)
    _, tables = package(hsds.package_files(directory))
    assert tables["address"] == [] and tables["location"] == []
    _, result = round_trip(directory)
    assert not result.problems and without_extra(result.organisations) == without_extra([org])


def test_an_approximate_location_says_so():
    org = Organisation(**ORG, wijk="Kruiskamp", lat=52.16, lon=5.41, locatie_nauwkeurigheid="wijk")
    _, tables = package(hsds.package_files(make_directory(org)))
    assert tables["location"][0]["description"] == "Plek bij benadering: het midden van de wijk Kruiskamp."


def test_a_website_without_scheme_becomes_an_absolute_uri():
    org = Organisation(**ORG, website="www.buurthuis.nl/café")
    _, tables = package(hsds.package_files(make_directory(org)))
    assert tables["organization"][0]["website"] == "https://www.buurthuis.nl/caf%C3%A9"
    assert is_uri(tables["service"][0]["url"])


def test_cells_that_look_like_formulas_stay_exact_and_round_trip():
    """HSDS is for machines: unlike the Excel export, no apostrophe goes in front of = + - @."""
    org = Organisation(
        **{**ORG, "naam": '=HYPERLINK("https://x.nl","klik")', "omschrijving": "-geen wachtlijst-"},
        voorwaarden="@iedereen welkom",
        telefoon="+31 33 123 4567",
        trefwoorden=("=1+1", "-", "@thuis"),
        openingstijden="+ ma-vr 9-17",
    )
    directory = make_directory(org)
    _, tables = package(hsds.package_files(directory))
    assert tables["organization"][0]["name"] == org.naam
    assert tables["service"][0]["eligibility_description"] == "@iedereen welkom"
    assert tables["phone"][0]["number"] == "+31 33 123 4567"
    assert tables["schedule"][0]["description"] == "+ ma-vr 9-17"
    _, result = round_trip(directory)
    assert not result.problems and without_extra(result.organisations) == without_extra([org])


def test_the_readme_warns_that_hsds_files_are_not_for_excel():
    section = README.split("### Open Referral (HSDS 3.0)")[1].split("\n## ")[0]
    assert "niet om in excel te openen" in section.lower() and "`=`, `+`, `-` of `@`" in section


def test_writing_into_an_unwritable_place_is_a_dutch_error(bundled, tmp_path):
    blocker = tmp_path / "bestand"
    blocker.write_text("x")
    with pytest.raises(DirectoryError, match="kan niet worden geschreven"):
        hsds.write_datapackage(bundled, blocker / "hsds")


# --- round trip -------------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["map", "zip", "datapackage.json"])
def test_the_bundled_list_round_trips(bundled, tmp_path, form):
    sources = {
        "map": lambda d, tmp: hsds.write_datapackage(d, tmp / "hsds")[0].parent,
        "zip": lambda d, tmp: hsds.datapackage_zip(d),
        "datapackage.json": lambda d, tmp: hsds.write_datapackage(d, tmp / "hsds")[0],
    }
    imported, result = round_trip(bundled, sources[form], tmp_path)
    assert imported.problems == []
    assert result.problems == ()
    assert without_extra(result.organisations) == without_extra(bundled.organisations)
    assert [row["id"] for row in imported.rows] == [o.id for o in bundled.organisations]
    assert set(imported.rows[0]) == set(COLUMN_ORDER)


one_line = st.text(printable, max_size=30).map(str.strip)
some_text = one_line.filter(bool)
multi_line = st.lists(one_line, max_size=3).map("\n".join).map(str.strip)
slug = st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}\Z")
word = st.text(printable, min_size=1, max_size=12).filter(
    lambda w: ";" not in w and w == w.strip() and w == w.lower() and w.lower() == w.lower().lower()
)
domains = ["preventie", "ondersteuning", "curatief"]


@st.composite
def organisations(draw) -> list[Organisation]:
    ids = draw(st.lists(slug, min_size=1, max_size=4, unique=True))
    result = []
    for org_id in ids:
        domein = draw(st.sampled_from(domains))
        located = draw(st.booleans())
        result.append(
            Organisation(
                id=org_id,
                naam=draw(some_text),
                domein=domein,
                ook_domein=draw(st.none() | st.sampled_from([d for d in domains if d != domein])),
                omschrijving=draw(multi_line),
                themas=tuple(draw(st.lists(st.sampled_from([t.id for t in THEMES]), min_size=1, unique=True))),
                doelgroepen=tuple(draw(st.lists(word, max_size=3, unique=True))),
                trefwoorden=tuple(draw(st.lists(word, max_size=4, unique=True))),
                aanmelden=draw(multi_line),
                voorwaarden=draw(multi_line),
                inkomensgrens=draw(st.none() | st.integers(1, 1000)),
                adres=draw(one_line),
                postcode=draw(st.just("") | st.from_regex(r"\A[1-9][0-9]{3} [A-Z]{2}\Z")),
                plaats=draw(st.sampled_from(["", "Amersfoort", "Leusden", "Ergenshuizen"])),
                wijk=draw(one_line),
                lat=round(draw(st.floats(50.7, 53.6)), 6) if located else None,
                lon=round(draw(st.floats(3.3, 7.2)), 6) if located else None,
                telefoon=draw(st.just("") | st.from_regex(r"\A0[0-9]{2}-[0-9]{7}\Z")),
                email=draw(st.just("") | st.from_regex(r"\A[a-z]{1,8}@[a-z]{1,8}\.nl\Z")),
                website=draw(st.just("") | st.from_regex(r"\Ahttps://www\.[a-z]{1,10}\.nl(/[a-z0-9]{1,5})?\Z")),
                contact_professionals=draw(multi_line),
                openingstijden=draw(multi_line),
                verwijst_naar=tuple(draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))),
                laatst_gecontroleerd=draw(st.none() | st.dates(dt.date(2000, 1, 1), dt.date.today())),
                actief=draw(st.booleans()),
                locatie_nauwkeurigheid=draw(st.sampled_from(["", "adres", "wijk", "stad"])),
            )
        )
    return result


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(orgs=organisations())
def test_any_valid_list_round_trips(orgs):
    _, result = round_trip(make_directory(*orgs))
    # A generated active row may lack a required text; validate_rows says so, as it would for the original.
    complete = [o for o in orgs if not o.actief or (o.omschrijving and o.aanmelden)]
    assert {p.kolom for p in result.problems} <= {"omschrijving", "aanmelden"}
    assert without_extra(result.organisations) == without_extra(complete)


# --- import: the spec's example and the Ohana sample -------------------------------------------


def test_the_specs_example_imports_with_the_bad_coordinates_reported():
    imported = hsds.read_datapackage(SPEC_CSV)
    (row,) = imported.rows
    assert row["naam"] == "Community Counselling (Example Organization Inc.)"
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", row["id"]) and len(row["id"]) <= 64
    assert row["lat"] == row["lon"] == ""
    assert row["domein"] == "ondersteuning" and row["actief"] == "ja"
    assert row["telefoon"] == "+44 1234 234567" and row["email"] == "email@example.com"
    assert row["aanmelden"].startswith("If you are an NHS patient")
    assert row["voorwaarden"].startswith("This service is intended")
    assert row["laatst_gecontroleerd"] == "2005-01-01"
    assert row["openingstijden"].startswith("The service is available")
    latitude = [p for p in imported.problems if p.kolom == "latitude"]
    assert latitude == [
        Problem(
            "'100' ligt buiten het bereik van -90 tot 90 voor een breedtegraad. De plek is niet overgenomen: "
            "lat en lon blijven leeg; vul de juiste plek zelf in.",
            regel=2,
            kolom="latitude",
            bestand="locations.csv",
        )
    ]
    assert any("Vangnet heeft 'ondersteuning' gekozen" in p.message for p in imported.problems)
    assert any("geen thema" in p.message and p.bestand == "services.csv" for p in imported.problems)
    assert_dutch(imported.problems)
    result = validate_rows(imported.header, imported.table_rows(), THEMES)
    assert {p.kolom for p in result.problems} == {"themas"}  # the one thing a coordinator must choose


def test_the_ohana_sample_imports_every_service():
    imported = hsds.read_datapackage(OHANA)
    services = list(csv.DictReader((OHANA / "services.csv").open(encoding="utf-8")))
    assert len(imported.rows) == len(services) == 23
    ids = [row["id"] for row in imported.rows]
    assert len(set(ids)) == len(ids)
    first = imported.rows[0]
    assert first["naam"] == "Fair Oaks Adult Activity Center (Peninsula Family Service)"
    assert (first["lat"], first["lon"]) == ("37.477227", "-122.213221")
    assert (first["adres"], first["plaats"], first["postcode"]) == ("2600 Middlefield Road", "Redwood City", "")
    assert first["telefoon"] == "650 780-7525"  # the voice number, not the fax
    assert first["aanmelden"] == "Walk in or apply by phone."
    assert "senior centers" in first["trefwoorden"].split(";")
    assert any(p.bestand == "addresses.csv" and p.kolom == "postal_code" for p in imported.problems)
    hours = next(row for row in imported.rows if row["naam"].startswith("Passport Photos"))["openingstijden"]
    assert hours.startswith("maandag 08:00-12:00")
    assert_dutch(imported.problems)
    result = validate_rows(imported.header, imported.table_rows(), THEMES)
    assert {p.kolom for p in result.problems} <= {"themas"}


def test_a_package_of_the_spec_with_its_own_datapackage_json(tmp_path):
    folder = tmp_path / "pakket"
    folder.mkdir()
    for path in SPEC_CSV.glob("*.csv"):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "datapackage.json").write_bytes((SPEC / "datapackage.json").read_bytes())
    imported = hsds.read_datapackage(folder / "datapackage.json")
    assert len(imported.rows) == 1


# --- import: foreign data mapped with care ---------------------------------------------------


def foreign_package(tmp_path: Path, services: list[str], terms: str = "", attributes: str = "") -> Path:
    return write_package(
        tmp_path / "pakket",
        {
            "organizations.csv": MINIMAL_ORGS + "o1,Stichting Hulp,Helpt mensen.\n",
            "services.csv": MINIMAL_SERVICES + "".join(f"{line}\n" for line in services),
            "taxonomy_terms.csv": "id,code,name,description\n" + terms,
            "attributes.csv": "id,link_id,taxonomy_term_id,link_entity,value\n" + attributes,
        },
    )


def test_taxonomy_terms_become_themes_by_id_name_or_everyday_word(tmp_path):
    terms = "t1,,Eten en boodschappen,x\nt2,F-123,schulden,x\nt3,wonen-huur,Housing,x\nt4,,Kinderopvang XL,x\n"
    attributes = "a1,s1,t1,service,\na2,s1,t2,service,\na3,s1,t3,service,\na4,s1,t4,service,\n"
    folder = foreign_package(tmp_path, ["s1,o1,Hulp,Doet veel.,Bel ons.,active"], terms, attributes)
    (row,) = hsds.read_datapackage(folder).rows
    assert row["themas"] == "voedsel;geldzorgen-schulden;wonen-huur"
    assert row["trefwoorden"] == "kinderopvang xl"  # not a theme, but still findable


def test_derived_ids_are_valid_and_unique(tmp_path):
    services = [
        "s1,o1,Stichting Hulp,,,active",
        "s2,o1,Stichting Hulp,,,active",
        "s3,o1,Ünïcode & Co — Café,,,active",
        "s4,o1,,,,active",
    ]
    imported = hsds.read_datapackage(foreign_package(tmp_path, services))
    ids = [row["id"] for row in imported.rows]
    assert ids == ["stichting-hulp", "stichting-hulp-2", "unicode-co-cafe-stichting-hulp", "stichting-hulp-3"]


def test_a_long_name_gives_an_id_of_at_most_64_characters(tmp_path):
    name = "Een heel lange naam van een organisatie die maar doorgaat en doorgaat tot in de eeuwigheid"
    folder = write_package(tmp_path / "p", {"organizations.csv": MINIMAL_ORGS + f"o1,{name},x\n"})
    (row,) = hsds.read_datapackage(folder).rows
    assert len(row["id"]) <= 64 and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", row["id"])


def test_vangnet_fields_with_bad_values_are_reported_and_left_out(tmp_path):
    terms = "t1,vangnet:id,id,x\nt2,vangnet:domein,domein,x\nt3,vangnet:inkomensgrens,inkomensgrens,x\n"
    terms += "t4,vangnet:geheim,geheim,x\n"
    attributes = "a1,s1,t1,service,Niet Geldig!\na2,s1,t2,service,preventief\na3,s1,t3,service,veel\n"
    attributes += "a4,s1,t4,service,x\na5,s1,t9,service,x\n"
    folder = foreign_package(tmp_path, ["s1,o1,Hulp,Doet veel.,Bel ons.,active"], terms, attributes)
    imported = hsds.read_datapackage(folder)
    (row,) = imported.rows
    assert row["id"] == "hulp-stichting-hulp" and row["domein"] == "ondersteuning" and row["inkomensgrens"] == ""
    messages = {(p.bestand, p.regel, p.kolom): p.message for p in imported.problems}
    assert "geen geldig id" in messages[("attributes.csv", 2, "value")]
    assert "kies preventie, ondersteuning of curatief" in messages[("attributes.csv", 3, "value")]
    assert "geen heel getal" in messages[("attributes.csv", 4, "value")]
    assert "kent het veld 'geheim' niet" in messages[("attributes.csv", 5, "value")]
    assert "staat niet in taxonomy_terms.csv" in messages[("attributes.csv", 6, "taxonomy_term_id")]
    assert_dutch(imported.problems)


@pytest.mark.parametrize(
    ("latitude", "longitude", "kolom", "expected"),
    [
        ("52.1", "5.3", None, ("52.1", "5.3")),
        ("52,1", "5,3", None, ("52.1", "5.3")),  # a Dutch spreadsheet's decimal comma
        ("100", "5.3", "latitude", ("", "")),
        ("52.1", "181", "longitude", ("", "")),
        ("noord", "5.3", "latitude", ("", "")),
        ("nan", "inf", "latitude", ("", "")),
        ("52.1", "", "longitude", ("", "")),
    ],
)
def test_coordinates_are_checked_as_a_pair(tmp_path, latitude, longitude, kolom, expected):
    folder = write_package(
        tmp_path / "p",
        {
            "organizations.csv": MINIMAL_ORGS + "o1,Hulp,x\n",
            "locations.csv": "id,organization_id,location_type,latitude,longitude\n"
            f'l1,o1,physical,"{latitude}","{longitude}"\n',
        },
    )
    imported = hsds.read_datapackage(folder)
    (row,) = imported.rows
    assert (row["lat"], row["lon"]) == expected
    located = [p for p in imported.problems if p.bestand == "locations.csv"]
    assert [p.kolom for p in located][:1] == ([kolom] if kolom else [])
    assert all(p.regel == 2 for p in located)


@pytest.mark.parametrize(
    ("status", "actief"),
    [("active", "ja"), ("inactive", "nee"), ("defunct", "nee"), ("temporarily closed", "nee"), ("open", "ja")],
)
def test_service_status_becomes_actief(tmp_path, status, actief):
    folder = foreign_package(tmp_path, [f"s1,o1,Hulp,x,Bel.,{status}"])
    imported = hsds.read_datapackage(folder)
    assert imported.rows[0]["actief"] == actief
    if status in ("open", "temporarily closed"):
        assert any(p.bestand == "services.csv" and p.regel == 2 for p in imported.problems)


def test_an_organisation_without_services_is_one_row(tmp_path):
    folder = write_package(tmp_path / "p", {"organizations.csv": MINIMAL_ORGS + "o1,Hulp,Helpt.\no2,Steun,Steun\n"})
    rows = hsds.read_datapackage(folder).rows
    assert [(r["naam"], r["omschrijving"]) for r in rows] == [("Hulp", "Helpt."), ("Steun", "")]


def test_a_service_whose_organisation_is_missing_still_imports(tmp_path):
    folder = write_package(tmp_path / "p", {"services.csv": MINIMAL_SERVICES + "s1,o9,Hulp,x,Bel.,active\n"})
    imported = hsds.read_datapackage(folder)
    assert imported.rows[0]["naam"] == "Hulp"
    assert any(
        p.kolom == "organization_id" and "staat niet in organizations.csv" in p.message for p in imported.problems
    )


def test_referrals_to_rows_outside_the_package_are_dropped(tmp_path):
    terms = "t1,vangnet:verwijst_naar,verwijst_naar,x\n"
    attributes = "a1,s1,t1,service,elders\n"
    folder = foreign_package(tmp_path, ["s1,o1,Hulp,x,Bel.,active"], terms, attributes)
    imported = hsds.read_datapackage(folder)
    assert imported.rows[0]["verwijst_naar"] == ""
    assert any("elders" in p.message for p in imported.problems)


# --- import: hostile input -----------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        b"",
        b"dit is geen zip",
        b"PK\x03\x04" + b"\x00" * 100,
        bytes(range(256)) * 10,
        zip_bytes({}),
        zip_bytes({"leesmij.txt": "hallo"}),
        zip_bytes({"organizations.csv": ""}),
        zip_bytes({"organizations.csv": "naam,omschrijving\nHulp,x\n"}),
        zip_bytes({"organizations.csv": "\x00\x01\x02\xff" * 50}),
        zip_bytes({"services.csv": 'id,name\n"1,Hulp\n'}),
    ],
    ids=["leeg", "tekst", "kapotte-zip", "rommel", "lege-zip", "geen-csv", "leeg-csv", "geen-id", "binair", "quote"],
)
def test_hostile_uploads_give_a_dutch_error_not_a_traceback(source):
    with pytest.raises(DirectoryError) as caught:
        hsds.read_datapackage(source)
    assert caught.value.problems
    assert_dutch(caught.value.problems)


@pytest.mark.parametrize("name", ["bestaat-niet", "leeg", "bestand.txt"])
def test_a_missing_or_wrong_path_gives_a_dutch_error(tmp_path, name):
    (tmp_path / "leeg").mkdir()
    (tmp_path / "bestand.txt").write_text("x")
    with pytest.raises(DirectoryError) as caught:
        hsds.read_datapackage(tmp_path / name)
    assert_dutch(caught.value.problems)


def test_a_huge_file_in_a_zip_is_not_unpacked(monkeypatch):
    monkeypatch.setattr(hsds.reading, "MAX_FILE_BYTES", 10_000)
    bomb = "id,organization_id,name\n" + "s,o,x\n" * 1_000_000  # 6 MB, compresses to a few KB
    upload = zip_bytes({"organizations.csv": MINIMAL_ORGS + "o1,Hulp,x\n", "services.csv": bomb})
    assert len(upload) < 100_000
    imported = hsds.read_datapackage(upload)
    assert [r["naam"] for r in imported.rows] == ["Hulp"]
    assert any(p.bestand == "services.csv" and "groter dan" in p.message for p in imported.problems)


def test_the_whole_package_has_a_size_limit(monkeypatch):
    monkeypatch.setattr(hsds.reading, "MAX_PACKAGE_BYTES", 100)
    upload = zip_bytes({"organizations.csv": MINIMAL_ORGS + "o1,Hulp,x\n" * 20})
    with pytest.raises(DirectoryError, match="alle bestanden samen"):
        hsds.read_datapackage(upload)


def test_a_windows_1252_file_is_read(tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "organizations.csv").write_bytes((MINIMAL_ORGS + "o1,Cliëntenraad,Één stem\n").encode("cp1252"))
    (row,) = hsds.read_datapackage(folder).rows
    assert (row["naam"], row["omschrijving"]) == ("Cliëntenraad", "Één stem")


def test_a_file_in_two_encodings_is_reported_not_garbled():
    organizations = (MINIMAL_ORGS + "o1,Café,x\n").encode() + "o2,Cliëntenraad,x\n".encode("cp1252")
    with pytest.raises(DirectoryError) as info:
        hsds.read_datapackage(zip_bytes({"organizations.csv": organizations}))
    problem = info.value.problems[0]
    assert (problem.bestand, problem.regel, problem.kolom) == ("organizations.csv", 3, "name")
    assert "niet in UTF-8 opgeslagen" in problem.message and "'Cliëntenraad'" in problem.message


def test_a_broken_file_is_reported_and_the_rest_still_imports():
    upload = zip_bytes(
        {
            "export/organizations.csv": MINIMAL_ORGS + "o1,Hulp,x\n",
            "export/locations.csv": 'id,latitude\n"l1,5\n',
            "export/phones.csv": "",
            "__MACOSX/export/._services.csv": "\x00\x01",
        }
    )
    imported = hsds.read_datapackage(upload)
    assert [r["naam"] for r in imported.rows] == ["Hulp"]
    assert {"locations.csv", "phones.csv"} <= {p.bestand for p in imported.problems}
    assert not any(p.bestand == "services.csv" for p in imported.problems)
    assert_dutch(imported.problems)


@pytest.mark.parametrize(
    "descriptor",
    [
        "{niet json",
        "[" * 100_000 + "]" * 100_000,
        '{"resources": "geen lijst"}',
        '{"resources": [{"name": "organization", "path": "../../../etc/passwd"}]}',
        '{"resources": [{"name": "organization", "path": "https://example.com/organizations.csv"}]}',
        "\xff\xfe",
    ],
)
def test_a_bad_datapackage_json_is_reported_not_fatal_when_the_csvs_are_there(descriptor):
    upload = zip_bytes({"datapackage.json": descriptor, "services.csv": MINIMAL_SERVICES + "s1,,Hulp,x,Bel.,active\n"})
    imported = hsds.read_datapackage(upload)
    assert [r["naam"] for r in imported.rows] == ["Hulp"]
    assert_dutch(imported.problems)


def test_duplicate_ids_and_rows_without_id_are_reported(tmp_path):
    folder = write_package(tmp_path / "p", {"organizations.csv": MINIMAL_ORGS + "o1,A,x\no1,B,x\n,C,x\n"})
    imported = hsds.read_datapackage(folder)
    assert [r["naam"] for r in imported.rows] == ["A"]
    assert [(p.regel, p.kolom) for p in imported.problems if p.kolom == "id"] == [
        (3, "id"),
        (4, "id"),
    ]


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_rows_or_a_dutch_error(data):
    try:
        imported = hsds.read_datapackage(data)
    except DirectoryError as exc:
        assert exc.problems
        return
    assert imported.rows  # pragma: no cover  (random bytes are never a zip with CSVs)


csv_cell = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=st.lists(
        st.sampled_from(["id", "name", "organization_id", "location_id", "latitude", "status", "x"]) | csv_cell,
        max_size=6,
    ),
    cells=st.lists(st.lists(csv_cell, max_size=7), max_size=5),
    table=st.sampled_from(["organizations.csv", "services.csv", "locations.csv", "phones.csv", "attributes.csv"]),
)
def test_any_csv_content_gives_rows_or_a_dutch_error(header, cells, table):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(cells)
    files = {"organizations.csv": MINIMAL_ORGS + "o1,Hulp,x\n", table: buffer.getvalue()}
    try:
        imported = hsds.read_datapackage(zip_bytes(files))
    except DirectoryError as exc:
        assert exc.problems
        return
    assert all(set(row) == set(COLUMN_ORDER) for row in imported.rows)
    assert all(p.bestand for p in imported.problems)
    validate_rows(imported.header, imported.table_rows(), THEMES)  # never raises either
