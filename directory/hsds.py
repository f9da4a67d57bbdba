"""Open Referral HSDS 3.0: the list as a tabular data package, and such a package back as rows.

Export: every row of organisaties.csv becomes one HSDS organization with one service (and a
location, address, phone and schedule where the row has them). Ids are uuid5 values derived from
the Vangnet id, so exporting the same list again gives the same ids. Themes become taxonomy terms;
Vangnet columns that have no place in HSDS travel as attributes of the service: a term of the
taxonomy "Vangnet velden" (code `vangnet:<kolom>`) with the cell in `attribute.value`. So an
export imports back into the same rows.

Import: a folder, a datapackage.json or a zip (an upload) with HSDS CSV files, version 3.0 or the
older Ohana/HSDS 1.0 form (services.location_id, no datapackage.json). Every HSDS service becomes
one Vangnet row. What cannot be taken over is reported as a Dutch Problem naming the HSDS file,
line and column; the import itself only fails (DirectoryError) when there is nothing to read.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from pydantic_core import PydanticCustomError

from directory import csvfile, fields
from directory.contract import CHECKS, COLUMN_HELP, COLUMN_ORDER, LIST_COLUMNS, MULTILINE_COLUMNS
from directory.loading import BUNDLED_THEMES, load_themes
from directory.model import Directory, DirectoryError, Organisation, Problem, Theme
from directory.region import Region
from directory.schema import format_value

# --- the HSDS 3.0 tables Vangnet writes ------------------------------------------------------


@dataclass(frozen=True)
class HsdsField:
    """One column of an HSDS table, as the spec's datapackage.json describes it."""

    name: str
    type: str = "string"
    format: str | None = None
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] = ()

    def descriptor(self) -> dict[str, Any]:
        result: dict[str, Any] = {"name": self.name, "type": self.type}
        if self.format:
            result["format"] = self.format
        result["constraints"] = {"required": self.required, "unique": self.unique}
        if self.enum:
            result["constraints"]["enum"] = list(self.enum)
        return result


@dataclass(frozen=True)
class Resource:
    """One HSDS table: its file, its columns in the spec's order, and its links to other tables."""

    name: str
    path: str
    description: str
    fields: tuple[HsdsField, ...]
    foreign_keys: tuple[tuple[str, str], ...] = ()  # (column, resource whose id it holds)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def descriptor(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"primaryKey": "id", "fields": [f.descriptor() for f in self.fields]}
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": column, "reference": {"resource": target, "fields": "id"}}
                for column, target in self.foreign_keys
            ]
        return {
            "name": self.name,
            "path": self.path,
            "description": self.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "profile": "tabular-data-resource",
            "schema": schema,
        }


# Copied from the HSDS 3.0 datapackage.json (github.com/openreferral/specification, branch 3.0):
# the tables Vangnet fills, with every column in the spec's order. Foreign keys to tables that
# Vangnet does not write (program, contact) are left out, so the package is complete in itself.
RESOURCES: tuple[Resource, ...] = (
    Resource(
        "organization",
        "organizations.csv",
        "The details about each organization delivering services. Each service should be linked to the organization "
        "responsible for its delivery. One organization may deliver many services.",
        (
            HsdsField("id", format="uuid", required=True, unique=True),
            HsdsField("name", required=True),
            HsdsField("alternate_name"),
            HsdsField("description", required=True),
            HsdsField("email", format="email"),
            HsdsField("website", format="uri"),
            HsdsField("tax_status"),
            HsdsField("tax_id"),
            HsdsField("year_incorporated", type="number"),
            HsdsField("legal_status"),
            HsdsField("logo"),
            HsdsField("uri", format="uri"),
            HsdsField("parent_organization_id", format="uuid"),
        ),
    ),
    Resource(
        "service",
        "services.csv",
        "The details of the services provided by organizations to a range of different groups.",
        (
            HsdsField("id", format="uuid", required=True, unique=True),
            HsdsField("organization_id", format="uuid", required=True),
            HsdsField("program_id", format="uuid"),
            HsdsField("name", required=True),
            HsdsField("alternate_name"),
            HsdsField("description"),
            HsdsField("url", format="uri"),
            HsdsField("email", format="email"),
            HsdsField("status", required=True, enum=("active", "inactive", "defunct", "temporarily closed")),
            HsdsField("interpretation_services"),
            HsdsField("application_process"),
            HsdsField("fees_description"),
            HsdsField("wait_time"),
            HsdsField("fees"),
            HsdsField("accreditations"),
            HsdsField("eligibility_description"),
            HsdsField("minimum_age", type="number"),
            HsdsField("maximum_age", type="number"),
            HsdsField("assured_date", type="date"),
            HsdsField("assurer_email", format="email"),
            HsdsField("licenses"),
            HsdsField("alert"),
            HsdsField("last_modified", type="datetime"),
        ),
        foreign_keys=(("organization_id", "organization"),),
    ),
    Resource(
        "attribute",
        "attributes.csv",
        "A link between a service and one or more classifications that describe the nature of the service provided.",
        (
            HsdsField("id", format="uuid", required=True, unique=True),
            HsdsField("link_id", format="uuid", required=True),
            HsdsField("taxonomy_term_id", format="uuid", required=True),
            HsdsField("link_type"),
            HsdsField("link_entity", required=True),
            HsdsField("value"),
        ),
        foreign_keys=(("taxonomy_term_id", "taxonomy_term"),),
    ),
    Resource(
        "service_at_location",
        "service_at_location.csv",
        "A link between a service and a specific location.",
        (
            HsdsField("id", format="uuid", required=True, unique=True),
            HsdsField("service_id", format="uuid", required=True),
            HsdsField("location_id", format="uuid", required=True),
            HsdsField("description"),
        ),
        foreign_keys=(("service_id", "service"), ("location_id", "location")),
    ),
    Resource(
        "location",
        "locations.csv",
        "The locations where organizations operate. Locations may be virtual, and one organization may have many "
        "locations.",
        (
            HsdsField("id", format="uuid", required=True, unique=True),
            HsdsField("location_type", required=True, enum=("physical", "postal", "virtual")),
            HsdsField("url", format="uri"),
            HsdsField("organization_id", format="uuid"),
            HsdsField("name"),
            HsdsField("alternate_name"),
            HsdsField("description"),
            HsdsField("transportation"),
            HsdsField("latitude", type="number"),
            HsdsField("longitude", type="number"),
            HsdsField("external_identifier"),
            HsdsField("external_identifier_type"),
        ),
        foreign_keys=(("organization_id", "organization"),),
    ),
    Resource(
        "phone",
        "phones.csv",
        "The details of the telephone numbers used to contact organizations, services, and locations.",
        (
            HsdsField("id", format="uuid", required=True, unique=True),
            HsdsField("location_id", format="uuid"),
            HsdsField("service_id", format="uuid"),
            HsdsField("organization_id", format="uuid"),
            HsdsField("contact_id", format="uuid"),
            HsdsField("service_at_location_id", format="uuid"),
            HsdsField("number", required=True),
            HsdsField("extension", type="number"),
            HsdsField("type"),
            HsdsField("description"),
        ),
        foreign_keys=(
            ("location_id", "location"),
            ("organization_id", "organization"),
            ("service_id", "service"),
            ("service_at_location_id", "service_at_location"),
        ),
    ),
    Resource(
        "address",
        "addresses.csv",
        "The addresses of locations where organizations operate.",
        (
            HsdsField("id", format="uuid", required=True, unique=True),
            HsdsField("location_id", format="uuid"),
            HsdsField("attention"),
            HsdsField("address_1", required=True),
            HsdsField("address_2"),
            HsdsField("city", required=True),
            HsdsField("region"),
            HsdsField("state_province", required=True),
            HsdsField("postal_code", required=True),
            HsdsField("country", required=True),
            HsdsField("address_type", required=True, enum=("physical", "postal", "virtual")),
        ),
        foreign_keys=(("location_id", "location"),),
    ),
    Resource(
        "schedule",
        "schedules.csv",
        "The details of when a service or location is open. Entries are RFC 5545 RRULES.",
        (
            HsdsField("id", format="uuid", required=True, unique=True),
            HsdsField("service_id", format="uuid"),
            HsdsField("location_id", format="uuid"),
            HsdsField("service_at_location_id", format="uuid"),
            HsdsField("valid_from", type="date"),
            HsdsField("valid_to", type="date"),
            HsdsField("dtstart", type="date"),
            HsdsField("timezone", type="number"),
            HsdsField("until", type="date"),
            HsdsField("count", type="number"),
            HsdsField("wkst", enum=("MO", "TU", "WE", "TH", "FR", "SA", "SU")),
            HsdsField("freq", enum=("WEEKLY", "MONTHLY")),
            HsdsField("interval", type="number"),
            HsdsField("byday"),
            HsdsField("byweekno"),
            HsdsField("bymonthday"),
            HsdsField("byyearday"),
            HsdsField("description"),
            HsdsField("opens_at", type="time"),
            HsdsField("closes_at", type="time"),
            HsdsField("schedule_link", format="uri"),
            HsdsField("attending_type"),
            HsdsField("notes"),
        ),
        foreign_keys=(
            ("location_id", "location"),
            ("service_id", "service"),
            ("service_at_location_id", "service_at_location"),
        ),
    ),
    Resource(
        "taxonomy_term",
        "taxonomy_terms.csv",
        "Each service can be categorized according to one or more taxonomy terms. The taxonomy_term object contains "
        "a list of taxonomy terms, their names, and, for hierarchical taxonomies, their structure.",
        (
            HsdsField("id", format="uuid", required=True, unique=True),
            HsdsField("code", unique=True),
            HsdsField("name", required=True),
            HsdsField("description", required=True),
            HsdsField("parent_id", format="uuid"),
            HsdsField("taxonomy"),
            HsdsField("language"),
            HsdsField("taxonomy_id", format="uuid"),
            HsdsField("term_uri", format="uri"),
        ),
        foreign_keys=(("taxonomy_id", "taxonomy"),),
    ),
    Resource(
        "taxonomy",
        "taxonomies.csv",
        "The taxonomies from which taxonomy terms are taken.",
        (
            HsdsField("id", format="uuid", required=True, unique=True),
            HsdsField("name", required=True),
            HsdsField("description", required=True),
            HsdsField("uri", format="uri"),
            HsdsField("version"),
        ),
    ),
)
RESOURCE_BY_NAME: dict[str, Resource] = {r.name: r for r in RESOURCES}
HSDS_VERSION = "3.0"
DESCRIPTOR_NAME = "datapackage.json"

# --- ids ------------------------------------------------------------------------------------

# Fixed forever: changing it changes every exported id.
ID_NAMESPACE = uuid.UUID("3da1789e-c933-48cb-aa41-9593c20bc119")


def hsds_id(*parts: str) -> str:
    """A UUID that is always the same for the same parts, e.g. hsds_id("service", "voedselbank")."""
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(parts)))


# --- export ---------------------------------------------------------------------------------

THEME_TAXONOMY = "Vangnet thema's"
FIELD_TAXONOMY = "Vangnet velden"
FIELD_CODE_PREFIX = "vangnet:"
# Vangnet columns without a place in HSDS; each travels as attribute (term vangnet:<kolom>).
FIELD_ATTRIBUTES = (
    "id",
    "domein",
    "ook_domein",
    "doelgroepen",
    "trefwoorden",
    "inkomensgrens",
    "wijk",
    "contact_professionals",
    "verwijst_naar",
    "locatie_nauwkeurigheid",
    "rol",
)
# The visiting address goes to addresses.csv when HSDS's required parts are known, else here.
ADDRESS_ATTRIBUTES = ("adres", "postcode", "plaats")
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)  # fixed, so the same list gives the same zip


def write_datapackage(directory: Directory, folder: str | Path) -> list[Path]:
    """Write datapackage.json and the HSDS CSV files into `folder` (created); return the paths."""
    folder = Path(folder)
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in package_files(directory).items():
            csvfile.write_atomic(folder / name, data)
            written.append(folder / name)
    except OSError as exc:
        raise DirectoryError(
            f"de map {folder} kan niet worden geschreven ({exc.strerror or exc}); kies een andere map", folder
        ) from None
    return written


def datapackage_zip(directory: Directory) -> bytes:
    """The same package as one zip file, for a download button."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in package_files(directory).items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def package_files(directory: Directory) -> dict[str, bytes]:
    """File name -> content of the whole package, datapackage.json first."""
    tables = export_tables(directory)
    files = {DESCRIPTOR_NAME: (json.dumps(descriptor(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")}
    for resource in RESOURCES:
        files[resource.path] = _csv_bytes(resource, tables[resource.name])
    return files


def descriptor() -> dict[str, Any]:
    """The Tabular Data Package descriptor (datapackage.json) of an export."""
    return {
        "profile": "tabular-data-package",
        "name": "vangnet-hsds",
        "title": "Vangnet: sociale kaart voor hulp bij geldzorgen",
        "description": (
            "Organisaties die helpen bij geldzorgen, in Open Referral HSDS 3.0. Kolommen van Vangnet zonder "
            f"eigen plek in HSDS staan als attribute bij de service (taxonomie '{FIELD_TAXONOMY}')."
        ),
        "hsds_version": HSDS_VERSION,
        "resources": [r.descriptor() for r in RESOURCES],
    }


def export_tables(directory: Directory) -> dict[str, list[dict[str, str]]]:
    """Resource name -> rows (column -> text) of the whole list."""
    tables: dict[str, list[dict[str, str]]] = {r.name: [] for r in RESOURCES}
    tables["taxonomy"] = _taxonomy_rows()
    tables["taxonomy_term"] = _theme_terms(directory.themes) + _field_terms()
    theme_ids = {t.id for t in directory.themes}
    for org in directory.organisations:
        for name, row in _organisation_records(org, theme_ids, directory.region):
            tables[name].append(row)
    return tables


def _csv_bytes(resource: Resource, rows: Iterable[dict[str, str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(resource.field_names)
    for row in rows:
        writer.writerow([row.get(name, "") for name in resource.field_names])
    return buffer.getvalue().encode("utf-8")


def _taxonomy_rows() -> list[dict[str, str]]:
    return [
        {
            "id": hsds_id("taxonomy", "thema"),
            "name": THEME_TAXONOMY,
            "description": "De hulpvragen van Vangnet (themas.csv): waar iemand hulp bij zoekt.",
        },
        {
            "id": hsds_id("taxonomy", "veld"),
            "name": FIELD_TAXONOMY,
            "description": "Kolommen van Vangnet zonder eigen plek in HSDS; de waarde staat in attribute.value.",
        },
    ]


def _theme_term_id(theme_id: str) -> str:
    return hsds_id("taxonomy_term", "thema", theme_id)


def _field_term_id(column: str) -> str:
    return hsds_id("taxonomy_term", "veld", column)


def _theme_terms(themes: Iterable[Theme]) -> list[dict[str, str]]:
    return [
        {
            "id": _theme_term_id(theme.id),
            "code": theme.id,
            "name": theme.naam,
            "description": theme.omschrijving or theme.naam,
            "taxonomy": THEME_TAXONOMY,
            "language": "nl",
            "taxonomy_id": hsds_id("taxonomy", "thema"),
        }
        for theme in themes
    ]


def _field_terms() -> list[dict[str, str]]:
    return [
        {
            "id": _field_term_id(column),
            "code": FIELD_CODE_PREFIX + column,
            "name": column,
            "description": COLUMN_HELP[column],
            "taxonomy": FIELD_TAXONOMY,
            "language": "nl",
            "taxonomy_id": hsds_id("taxonomy", "veld"),
        }
        for column in FIELD_ATTRIBUTES + ADDRESS_ATTRIBUTES
    ]


def _organisation_records(
    org: Organisation, theme_ids: set[str], region: Region
) -> Iterator[tuple[str, dict[str, str]]]:
    """(resource name, row) for everything one Vangnet row becomes."""
    ids = {kind: hsds_id(kind, org.id) for kind in ("organization", "service", "location", "address")}
    yield "organization", _organization_row(org, ids)
    yield "service", _service_row(org, ids)
    address = _address_row(org, ids, region.province_of(org.plaats))
    if org.has_location or address:
        yield "location", _location_row(org, ids)
        yield (
            "service_at_location",
            {
                "id": hsds_id("service_at_location", org.id),
                "service_id": ids["service"],
                "location_id": ids["location"],
            },
        )
        if address:
            yield "address", address
    if org.telefoon:
        yield (
            "phone",
            {
                "id": hsds_id("phone", org.id),
                "service_id": ids["service"],
                "organization_id": ids["organization"],
                "number": org.telefoon,
                "type": "voice",
            },
        )
    if org.openingstijden:
        yield (
            "schedule",
            {"id": hsds_id("schedule", org.id), "service_id": ids["service"], "description": org.openingstijden},
        )
    for row in _attribute_rows(org, ids["service"], theme_ids, address_written=address is not None):
        yield "attribute", row


def _organization_row(org: Organisation, ids: dict[str, str]) -> dict[str, str]:
    return {
        "id": ids["organization"],
        "name": org.naam,
        # HSDS requires a description; an archived row may have none.
        "description": org.omschrijving or org.naam,
        "email": org.email,
        "website": as_uri(org.website),
    }


def _service_row(org: Organisation, ids: dict[str, str]) -> dict[str, str]:
    return {
        "id": ids["service"],
        "organization_id": ids["organization"],
        "name": org.naam,
        "description": org.omschrijving,
        "url": as_uri(org.website),
        "email": org.email,
        "status": "active" if org.actief else "inactive",
        "application_process": org.aanmelden,
        "eligibility_description": org.voorwaarden,
        "assured_date": format_value(org.laatst_gecontroleerd),
    }


def _location_row(org: Organisation, ids: dict[str, str]) -> dict[str, str]:
    return {
        "id": ids["location"],
        "location_type": "physical",
        "organization_id": ids["organization"],
        "name": org.naam,
        "description": _approximate_note(org),
        "latitude": format_value(org.lat),
        "longitude": format_value(org.lon),
    }


def _approximate_note(org: Organisation) -> str:
    """Say so when the point is only the middle of a neighbourhood or the city."""
    if not org.location_is_approximate:
        return ""
    if org.locatie_nauwkeurigheid == "wijk" and org.wijk:
        return f"Plek bij benadering: het midden van de wijk {org.wijk}."
    return f"Plek bij benadering: het midden van {org.plaats or 'de stad'}."


def _address_row(org: Organisation, ids: dict[str, str], province: str) -> dict[str, str] | None:
    """HSDS requires a province for an address; only when regio.toml says which (never guessed)."""
    if not (org.adres and org.postcode and province):
        return None
    return {
        "id": ids["address"],
        "location_id": ids["location"],
        "address_1": org.adres,
        "city": org.plaats,
        "state_province": province,
        "postal_code": org.postcode,
        "country": "NL",
        "address_type": "physical",
    }


def _attribute_rows(
    org: Organisation, service_id: str, theme_ids: set[str], address_written: bool
) -> Iterator[dict[str, str]]:
    # Themes first and in their order: the first one is the main theme.
    for theme in org.themas:
        if theme in theme_ids:
            yield _attribute(hsds_id("attribute", org.id, "thema", theme), service_id, _theme_term_id(theme))
    columns = FIELD_ATTRIBUTES + (() if address_written else ADDRESS_ATTRIBUTES)
    for column in columns:
        cell = format_value(getattr(org, column))
        values = fields.split_list(cell) if column in LIST_COLUMNS else [cell]
        for index, value in enumerate(v for v in values if v):
            attribute_id = hsds_id("attribute", org.id, column, str(index))
            yield _attribute(attribute_id, service_id, _field_term_id(column), value)


def _attribute(attribute_id: str, service_id: str, term_id: str, value: str = "") -> dict[str, str]:
    return {
        "id": attribute_id,
        "link_id": service_id,
        "taxonomy_term_id": term_id,
        "link_entity": "service",
        "value": value,
    }


def as_uri(website: str) -> str:
    """A website cell as an absolute URI: https:// added to 'www.x.nl', other characters escaped."""
    if not website:
        return ""
    if not website.lower().startswith(("http://", "https://")):
        website = "https://" + website
    return quote_uri(website)


def quote_uri(text: str) -> str:
    return quote(text, safe=":/?#[]@!$&'()*+,;=%~")


# --- import: reading the files ----------------------------------------------------------------

# Per file and for the whole package: a zip of a few MB must not unpack into gigabytes.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_PACKAGE_BYTES = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 10_000
# Resource -> file names, newest spec first; HSDS 2 and Ohana (HSDS 1) names as well.
KNOWN_FILES: dict[str, tuple[str, ...]] = {
    "organization": ("organizations.csv",),
    "service": ("services.csv",),
    "location": ("locations.csv",),
    "address": ("addresses.csv", "physical_addresses.csv"),
    "phone": ("phones.csv",),
    "service_at_location": ("service_at_location.csv", "services_at_location.csv"),
    "attribute": ("attributes.csv", "service_attributes.csv"),
    "taxonomy_term": ("taxonomy_terms.csv",),
    "schedule": ("schedules.csv", "regular_schedules.csv"),
}
WHAT_TO_CHOOSE = "kies de map met de HSDS-bestanden, het bestand datapackage.json of een zip-bestand"


class _Files:
    """The files of a package by lower-case name, read on demand within the size limits."""

    def __init__(self, names: Iterable[str], opener: Callable[[str], bytes]):
        self.names = set(names)
        self._open = opener
        self._budget = MAX_PACKAGE_BYTES

    def read(self, name: str) -> bytes:
        data = self._open(name)
        self._budget -= len(data)
        if self._budget < 0:
            raise DirectoryError(
                Problem(
                    f"alle bestanden samen zijn groter dan {MAX_PACKAGE_BYTES // 2**20} MB; "
                    "dit bestand is niet meer gelezen",
                    bestand=name,
                )
            )
        return data


def _too_big(name: str) -> DirectoryError:
    return DirectoryError(
        Problem(
            f"het bestand is groter dan {MAX_FILE_BYTES // 2**20} MB en is niet gelezen; is dit echt een HSDS-bestand?",
            bestand=name,
        )
    )


def _open_source(source: str | Path | bytes | bytearray | memoryview) -> _Files:
    if isinstance(source, bytes | bytearray | memoryview):
        return _zip_files(bytes(source))
    path = Path(source)
    if not path.exists():
        raise DirectoryError(f"{path} bestaat niet; {WHAT_TO_CHOOSE}", path)
    if path.is_dir():
        return _folder_files(path)
    if path.suffix.lower() == ".zip":
        try:
            if path.stat().st_size > MAX_PACKAGE_BYTES:
                raise DirectoryError(
                    f"het zip-bestand is groter dan {MAX_PACKAGE_BYTES // 2**20} MB; is dit wel een HSDS-pakket?",
                    path,
                )
            return _zip_files(path.read_bytes())
        except OSError as exc:
            raise DirectoryError(f"{path} kan niet worden gelezen ({exc.strerror}); {WHAT_TO_CHOOSE}", path) from None
    if path.name.lower() == DESCRIPTOR_NAME or path.suffix.lower() == ".csv":
        return _folder_files(path.parent)
    raise DirectoryError(f"{path.name} is geen HSDS-pakket; {WHAT_TO_CHOOSE}", path)


def _folder_files(folder: Path) -> _Files:
    try:
        entries = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
    except OSError as exc:
        raise DirectoryError(f"de map {folder} kan niet worden gelezen ({exc.strerror})", folder) from None

    def read(name: str) -> bytes:
        path = entries[name]
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise _too_big(path.name)
            return path.read_bytes()
        except OSError as exc:
            raise DirectoryError(Problem(f"kan niet worden gelezen ({exc.strerror})", bestand=path.name)) from None

    return _Files(entries, read)


def _zip_files(data: bytes) -> _Files:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise DirectoryError(
            "dit is geen (heel) zip-bestand; maak een zip van de HSDS-bestanden of kies de map zelf"
        ) from None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise DirectoryError(f"het zip-bestand bevat meer dan {MAX_ZIP_ENTRIES} bestanden; is dit wel een HSDS-pakket?")
    entries: dict[str, zipfile.ZipInfo] = {}
    # The shallowest file of each name wins, so 'export/organizations.csv' is found too.
    for info in sorted(infos, key=lambda i: (i.filename.count("/"), i.filename)):
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if info.is_dir() or path.name.startswith(".") or "__MACOSX" in path.parts:
            continue
        entries.setdefault(path.name.lower(), info)

    def read(name: str) -> bytes:
        info = entries[name]
        try:
            with archive.open(info) as handle:
                content = handle.read(MAX_FILE_BYTES + 1)
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, ValueError, EOFError) as exc:
            reason = "het is versleuteld" if "encrypt" in str(exc).lower() or "password" in str(exc).lower() else ""
            raise DirectoryError(
                Problem(
                    f"kan niet worden uitgepakt{f' ({reason})' if reason else ''}; maak het zip-bestand opnieuw",
                    bestand=PurePosixPath(info.filename).name,
                )
            ) from None
        if len(content) > MAX_FILE_BYTES:
            raise _too_big(PurePosixPath(info.filename).name)
        return content

    return _Files(entries, read)


@dataclass(frozen=True)
class _Table:
    """An HSDS table as read: rows with lower-case column names, by id."""

    resource: str
    file: str
    rows: tuple[csvfile.Row, ...]
    by_id: dict[str, csvfile.Row]


def _read_tables(files: _Files, problems: list[Problem]) -> dict[str, _Table]:
    declared = _declared_files(files, problems)
    tables = {}
    for resource, names in KNOWN_FILES.items():
        candidates = [declared[resource], *names] if resource in declared else list(names)
        name = next((n for n in candidates if n in files.names), None)
        if resource in declared and name != declared[resource]:
            instead = f"; {name} is gebruikt" if name else ""
            problems.append(
                Problem(
                    f"noemt het bestand {fields.quote(declared[resource])} voor {resource}, maar dat zit niet in het "
                    f"pakket{instead}",
                    bestand=DESCRIPTOR_NAME,
                )
            )
        table = _read_table(files, resource, name, problems) if name else None
        if table is not None:
            tables[resource] = table
    return tables


def _declared_files(files: _Files, problems: list[Problem]) -> dict[str, str]:
    """Resource -> file name, from datapackage.json when there is one (it may use other names)."""
    if DESCRIPTOR_NAME not in files.names:
        return {}
    try:
        package = json.loads(files.read(DESCRIPTOR_NAME).decode("utf-8-sig"))
    except DirectoryError as exc:
        problems.extend(_in_file(p, DESCRIPTOR_NAME) for p in exc.problems)
        return {}
    except (ValueError, RecursionError):
        problems.append(
            Problem(
                "is geen geldig JSON-bestand en is overgeslagen; de standaard bestandsnamen worden gebruikt",
                bestand=DESCRIPTOR_NAME,
            )
        )
        return {}
    resources = package.get("resources") if isinstance(package, dict) else None
    declared = {}
    for item in resources if isinstance(resources, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("path"), str):
            continue
        resource = _known_resource(str(item.get("name", "")), item["path"])
        if resource is None:
            continue
        if "://" in item["path"]:
            problems.append(
                Problem(
                    f"{fields.quote(item['path'])} staat op internet; Vangnet haalt niets op, zet het bestand "
                    "in het pakket",
                    bestand=DESCRIPTOR_NAME,
                )
            )
            continue
        declared[resource] = PurePosixPath(item["path"].replace("\\", "/")).name.lower()
    return declared


def _known_resource(name: str, path: str) -> str | None:
    if name in KNOWN_FILES:
        return name
    file_name = PurePosixPath(path.replace("\\", "/")).name.lower()
    return next((r for r, names in KNOWN_FILES.items() if file_name in names), None)


def _read_table(files: _Files, resource: str, name: str, problems: list[Problem]) -> _Table | None:
    try:
        data = files.read(name)
        if not data.strip():
            raise DirectoryError("het bestand is leeg en is overgeslagen")
        table = csvfile.parse(data, source=name)
    except DirectoryError as exc:
        problems.extend(_in_file(p, name) for p in exc.problems)
        return None
    rows = tuple(csvfile.Row(r.regel, {k.strip().lower(): v for k, v in r.cells.items()}) for r in table.rows)
    header = {h.strip().lower() for h in table.header}
    if "id" not in header:
        problems.append(
            Problem(
                "de kolom 'id' ontbreekt; zonder id is niets te koppelen en is dit bestand overgeslagen",
                regel=1,
                kolom="id",
                bestand=name,
            )
        )
        return None
    by_id: dict[str, csvfile.Row] = {}
    for row in rows:
        key = row.cells.get("id", "").strip()
        if not key:
            problems.append(Problem("heeft geen id en is overgeslagen", regel=row.regel, kolom="id", bestand=name))
        elif key in by_id:
            problems.append(
                Problem(
                    f"het id {fields.quote(key)} staat ook op regel {by_id[key].regel}; deze regel is overgeslagen",
                    regel=row.regel,
                    kolom="id",
                    bestand=name,
                )
            )
        else:
            by_id[key] = row
    return _Table(resource, name, tuple(by_id.values()), by_id)


def _in_file(problem: Problem, name: str) -> Problem:
    return Problem(problem.message, regel=problem.regel, kolom=problem.kolom, bestand=problem.bestand or name)


# --- import: HSDS rows to Vangnet rows ---------------------------------------------------------


@dataclass
class HsdsImport:
    """Vangnet rows made from an HSDS package, and what could not be taken over."""

    rows: list[dict[str, str]]  # Vangnet column -> cell text, every column of COLUMN_ORDER
    problems: list[Problem] = field(default_factory=list)
    header: tuple[str, ...] = COLUMN_ORDER

    def table_rows(self) -> tuple[csvfile.Row, ...]:
        """The rows numbered as a saved organisaties.csv would number them, for schema.validate_rows."""
        from directory.importing import rows_from_cells  # the one numbering rule; imports store, not hsds

        return tuple(rows_from_cells(self.rows)[1])


def read_datapackage(
    source: str | Path | bytes | bytearray | memoryview, themes: Iterable[Theme] | None = None
) -> HsdsImport:
    """Read an HSDS package (folder, datapackage.json, .zip path or zip bytes) into Vangnet rows.

    Themes are matched against `themes` (default: the bundled themas.csv). Raises DirectoryError
    only when nothing can be read; everything else that is wrong becomes a Problem.
    """
    files = _open_source(source)
    problems: list[Problem] = []
    tables = _read_tables(files, problems)
    if "service" not in tables and "organization" not in tables:
        raise DirectoryError(
            [*problems, Problem(f"er is geen leesbaar organizations.csv of services.csv gevonden; {WHAT_TO_CHOOSE}")]
        )
    if themes is None:
        themes = load_themes(BUNDLED_THEMES)
    rows = _Importer(tables, tuple(themes), problems).rows()
    if not rows:
        raise DirectoryError([*problems, Problem("er staan geen organisaties of diensten in het pakket")])
    return HsdsImport(rows, problems)


@dataclass(frozen=True)
class _Record:
    """One row of an HSDS file, with where it is for messages."""

    file: str
    row: csvfile.Row

    @property
    def id(self) -> str:
        return self.row.cells.get("id", "").strip()

    def pick(self, *columns: str) -> tuple[str, str]:
        """The first of `columns` with a value: (value, column); ('', first column) when none has one."""
        for column in columns:
            value = self.row.cells.get(column, "").strip()
            if value:
                return value, column
        return "", columns[0]

    def get(self, *columns: str) -> str:
        return self.pick(*columns)[0]

    def problem(self, message: str, kolom: str | None = None) -> Problem:
        return Problem(message, regel=self.row.regel, kolom=kolom, bestand=self.file)


@dataclass
class _Offer:
    """What becomes one Vangnet row: an HSDS service, or an organisation without services."""

    origin: _Record
    service: _Record | None
    organization: _Record | None
    locations: list[_Record] = field(default_factory=list)
    label: str = ""  # the name, to say which row a message is about
    wanted_id: str = ""  # a Vangnet id carried by the package


STATUS_ACTIVE = {"active": "ja", "inactive": "nee", "defunct": "nee", "temporarily closed": "nee"}
PHONE_TYPES_TO_SKIP = frozenset({"fax", "pager", "textphone", "tty", "video", "sms"})
DEFAULT_DOMAIN = "ondersteuning"
# RRULE day codes and English day names, by their first two letters.
WEEKDAYS = {
    "mo": "maandag",
    "tu": "dinsdag",
    "we": "woensdag",
    "th": "donderdag",
    "fr": "vrijdag",
    "sa": "zaterdag",
    "su": "zondag",
}


class _Importer:
    def __init__(self, tables: dict[str, _Table], themes: tuple[Theme, ...], problems: list[Problem]):
        self.tables = tables
        self.problems = problems
        self.theme_ids = {t.id for t in themes}
        self.theme_index = _theme_index(themes)
        self.links = _link_index(tables)

    # -- finding things ------------------------------------------------------------------------

    def records(self, resource: str) -> list[_Record]:
        table = self.tables.get(resource)
        return [_Record(table.file, row) for row in table.rows] if table else []

    def record(self, resource: str, key: str) -> _Record | None:
        table = self.tables.get(resource)
        row = table.by_id.get(key) if table and key else None
        return _Record(table.file, row) if table and row else None

    def linked(self, resource: str, column: str, key: str) -> list[_Record]:
        """Rows of `resource` whose `column` holds `key`."""
        table = self.tables.get(resource)
        rows = self.links.get((resource, column), {}).get(key, []) if key else []
        return [_Record(table.file, row) for row in rows] if table else []

    # -- the rows ------------------------------------------------------------------------------

    def rows(self) -> list[dict[str, str]]:
        offers = list(self._offers())
        rows = [self._cells(offer) for offer in offers]
        self._assign_ids(offers, rows)
        self._drop_unknown_referrals(offers, rows)
        return rows

    def _offers(self) -> Iterator[_Offer]:
        with_services: set[str] = set()
        for service in self.records("service"):
            locations = self._service_locations(service)
            organization = self._organization_of(service, locations)
            if organization is not None:
                with_services.add(organization.id)
                if not locations:
                    locations = self._single_location_of(organization)
            yield _Offer(service, service, organization, locations)
        for organization in self.records("organization"):
            if organization.id not in with_services:
                yield _Offer(
                    organization, None, organization, self.linked("location", "organization_id", organization.id)
                )

    def _service_locations(self, service: _Record) -> list[_Record]:
        links = [(sal, sal.get("location_id")) for sal in self.linked("service_at_location", "service_id", service.id)]
        links.append((service, service.get("location_id")))  # Ohana / HSDS 1.0
        locations: dict[str, _Record] = {}
        for holder, location_id in links:
            if not location_id or location_id in locations:
                continue
            location = self.record("location", location_id)
            if location is None:
                self.problems.append(
                    holder.problem(f"de locatie {fields.quote(location_id)} staat niet in locations.csv", "location_id")
                )
            else:
                locations[location_id] = location
        return list(locations.values())

    def _organization_of(self, service: _Record, locations: list[_Record]) -> _Record | None:
        organization_id = service.get("organization_id")
        if organization_id:
            organization = self.record("organization", organization_id)
            if organization is None:
                self.problems.append(
                    service.problem(
                        f"de organisatie {fields.quote(organization_id)} staat niet in organizations.csv; "
                        "alleen de gegevens van de dienst zijn overgenomen",
                        "organization_id",
                    )
                )
            return organization
        # Ohana / HSDS 1.0: a service belongs to a location, which belongs to an organisation.
        for location in locations:
            organization = self.record("organization", location.get("organization_id"))
            if organization is not None:
                return organization
        return None

    def _single_location_of(self, organization: _Record) -> list[_Record]:
        # With one location it is clear where the service is; with more we would have to guess.
        locations = self.linked("location", "organization_id", organization.id)
        return locations if len(locations) == 1 else []

    def _cells(self, offer: _Offer) -> dict[str, str]:
        cells = dict.fromkeys(COLUMN_ORDER, "")
        cells["naam"] = offer.label = self._name(offer)
        cells["actief"] = self._active(offer)
        self._choose_location(offer)
        cells.update(self._descriptions(offer, archived=cells["actief"] == "nee"))
        cells.update(self._contact(offer))
        cells.update(self._classification(offer))
        # An address in addresses.csv wins over Vangnet's own address attributes.
        cells.update(self._place(offer))
        return cells

    # -- taking over one value -----------------------------------------------------------------

    def take(self, column: str, raw: str, record: _Record, kolom: str | None, consequence: str = "") -> str:
        """`raw` as a valid Vangnet cell for `column`, or '' with a problem saying why it was left out."""
        value = _clean(raw, multiline=column in MULTILINE_COLUMNS)
        if not value:
            return ""
        try:
            return format_value(CHECKS[column](value))
        except (PydanticCustomError, ValueError) as exc:
            consequence = consequence or f"Deze waarde is niet overgenomen: de kolom {column} blijft leeg."
            self.problems.append(record.problem(f"{_reason(exc)}. {consequence}", kolom))
            return ""

    def notice(self, offer: _Offer, message: str) -> None:
        """A problem about the Vangnet row as a whole, said where its HSDS service (or organisation) is."""
        label = fields.quote(offer.label or "(zonder naam)", limit=60)
        self.problems.append(offer.origin.problem(f"{label}: {message}"))

    # -- the columns ---------------------------------------------------------------------------

    def _name(self, offer: _Offer) -> str:
        service_name = self.take("naam", offer.service.get("name"), offer.service, "name") if offer.service else ""
        org = offer.organization
        org_name = self.take("naam", org.get("name"), org, "name") if org else ""
        if service_name and org_name and service_name != org_name:
            return f"{service_name} ({org_name})"
        name = service_name or org_name
        if not name:
            self.problems.append(offer.origin.problem("heeft geen naam; vul in Vangnet de kolom naam zelf in", "name"))
        return name

    def _descriptions(self, offer: _Offer, archived: bool) -> dict[str, str]:
        service, org = offer.service, offer.organization
        cells = {"omschrijving": ""}
        if service and service.get("description"):
            cells["omschrijving"] = self.take("omschrijving", service.get("description"), service, "description")
        elif org and org.get("description") not in ("", org.get("name")):  # a bare name says nothing
            cells["omschrijving"] = self.take("omschrijving", org.get("description"), org, "description")
        if service:
            value, column = service.pick("application_process")
            cells["aanmelden"] = self.take("aanmelden", value, service, column)
            value, column = service.pick("eligibility_description", "eligibility")
            cells["voorwaarden"] = self.take("voorwaarden", value, service, column)
            value, column = service.pick("assured_date")
            cells["laatst_gecontroleerd"] = self.take("laatst_gecontroleerd", _date_part(value), service, column)
        if archived:  # an archived row needs neither
            return cells
        if not cells["omschrijving"]:
            self.notice(offer, "geen omschrijving gevonden; schrijf in de kolom omschrijving wat de organisatie doet")
        if service and not cells.get("aanmelden"):
            self.notice(offer, "geen aanmeldinformatie (application_process) gevonden; vul de kolom aanmelden zelf in")
        return cells

    def _contact(self, offer: _Offer) -> dict[str, str]:
        sources = [r for r in (offer.service, offer.organization, *offer.locations) if r is not None]
        cells = {}
        for column, hsds_columns in (("email", ("email",)), ("website", ("url", "website"))):
            for record in sources:
                value, kolom = record.pick(*hsds_columns)
                if value:
                    cells[column] = self.take(column, value, record, kolom)
                    break
        cells["telefoon"] = self._phone(offer)
        cells["openingstijden"] = self._opening_hours(offer)
        return cells

    def _phone(self, offer: _Offer) -> str:
        numbers: list[str] = []
        for record in self._phone_records(offer):
            kind = record.get("type", "number_type").lower()
            if kind in PHONE_TYPES_TO_SKIP:
                continue
            number = self.take("telefoon", record.get("number").strip("\"' "), record, "number")
            if number and number not in numbers:
                numbers.append(number)
        if len(numbers) > 1:
            self.notice(
                offer,
                f"Vangnet bewaart één telefoonnummer; {numbers[0]} is overgenomen, niet: {', '.join(numbers[1:4])}",
            )
        return numbers[0] if numbers else ""

    def _phone_records(self, offer: _Offer) -> list[_Record]:
        keys = []
        if offer.service:
            keys.append(("service_id", offer.service.id))
            keys += [("service_at_location_id", s.id) for s in self._sals(offer)]
        keys += [("location_id", loc.id) for loc in offer.locations]
        if offer.organization:
            keys.append(("organization_id", offer.organization.id))
        return self._linked_once("phone", keys)

    def _sals(self, offer: _Offer) -> list[_Record]:
        return self.linked("service_at_location", "service_id", offer.service.id) if offer.service else []

    def _opening_hours(self, offer: _Offer) -> str:
        # The service's own hours; the hours of its location only when the service has none.
        own = [("service_id", offer.service.id)] if offer.service else []
        own += [("service_at_location_id", s.id) for s in self._sals(offer)]
        place = [("location_id", loc.id) for loc in offer.locations]
        schedules = self._linked_once("schedule", own) or self._linked_once("schedule", place)
        texts = list(dict.fromkeys(t for t in map(_schedule_text, schedules) if t))
        return self.take("openingstijden", "\n".join(texts), schedules[0], "description") if texts else ""

    def _linked_once(self, resource: str, keys: list[tuple[str, str]]) -> list[_Record]:
        """Rows of `resource` linked through any of the (column, id) keys, each once, in order."""
        found: dict[str, _Record] = {}
        for column, key in keys:
            for record in self.linked(resource, column, key):
                found.setdefault(record.id, record)
        return list(found.values())

    def _classification(self, offer: _Offer) -> dict[str, str]:
        vangnet, terms = self._attributes(offer)
        result = {column: self._field_value(offer, column, values) for column, values in vangnet.items()}
        themes, other = self._themes([*terms, *self._keywords(offer)])
        result["themas"] = ";".join(themes)
        keywords = [result.get("trefwoorden", ""), *(_clean(t).replace(";", ",") for t in other)]
        result["trefwoorden"] = format_value(fields.word_list(";".join(k for k in keywords if k)))
        if not themes:
            found = f" (wel gevonden: {', '.join(other[:5])})" if other else ""
            self.notice(
                offer, f"geen thema van Vangnet herkend{found}; kies zelf een of meer thema's in de kolom themas"
            )
        if not result.get("domein"):
            result["domein"] = DEFAULT_DOMAIN
            self.notice(
                offer,
                f"geen domein gevonden; Vangnet heeft '{DEFAULT_DOMAIN}' gekozen. Controleer dit en kies in de kolom "
                "domein preventie, ondersteuning of curatief",
            )
        if result.get("ook_domein") == result["domein"]:
            result["ook_domein"] = ""
        offer.wanted_id = result.pop("id", "")
        return result

    def _attributes(self, offer: _Offer) -> tuple[dict[str, list[tuple[str, _Record]]], list[tuple[str, ...]]]:
        """Vangnet fields (column -> values) and the (code, name) of other terms of the service or organisation."""
        vangnet: dict[str, list[tuple[str, _Record]]] = defaultdict(list)
        terms: list[tuple[str, ...]] = []
        for attribute in self._attribute_records(offer):
            term_id = attribute.get("taxonomy_term_id")
            term = self.record("taxonomy_term", term_id)
            if term is None:
                self.problems.append(
                    attribute.problem(
                        f"de term {fields.quote(term_id)} staat niet in taxonomy_terms.csv", "taxonomy_term_id"
                    )
                )
            elif term.get("code").startswith(FIELD_CODE_PREFIX):
                self._vangnet_field(term.get("code").removeprefix(FIELD_CODE_PREFIX), attribute, vangnet)
            else:
                terms.append(tuple(t for t in (term.get("code"), term.get("name")) if t))
        return vangnet, terms

    def _vangnet_field(self, column: str, attribute: _Record, vangnet: dict) -> None:
        if column in FIELD_ATTRIBUTES + ADDRESS_ATTRIBUTES:
            vangnet[column].append((attribute.get("value"), attribute))
        else:
            self.problems.append(
                attribute.problem(f"Vangnet kent het veld {fields.quote(column)} niet; niet overgenomen", "value")
            )

    def _attribute_records(self, offer: _Offer) -> list[_Record]:
        found: dict[int, _Record] = {}
        for entity, record in (("service", offer.service), ("organization", offer.organization)):
            if record is None:
                continue
            for column in ("link_id", "service_id"):  # service_id: HSDS 2 service_attributes.csv
                for attribute in self.linked("attribute", column, record.id):
                    if attribute.get("link_entity").lower() in ("", entity):
                        found.setdefault(attribute.row.regel, attribute)
        return list(found.values())

    def _field_value(self, offer: _Offer, column: str, values: list[tuple[str, _Record]]) -> str:
        if column in LIST_COLUMNS:
            raw = ";".join(v.replace(";", ",") for v, _ in values if v)
            return self.take(column, raw, values[0][1], "value")
        distinct = list(dict.fromkeys(v for v, _ in values if v))
        if len(distinct) > 1:
            self.notice(offer, f"meer waarden voor {column}; {fields.quote(distinct[0])} is overgenomen")
        return self.take(column, distinct[0], values[0][1], "value") if distinct else ""

    def _keywords(self, offer: _Offer) -> list[tuple[str, ...]]:
        # Ohana / HSDS 1.0 services carry their terms as comma-separated keywords.
        keywords = offer.service.get("keywords") if offer.service else ""
        return [(k.strip(),) for k in keywords.split(",") if k.strip()]

    def _themes(self, terms: list[tuple[str, ...]]) -> tuple[list[str], list[str]]:
        """Vangnet theme ids for the terms (code and/or name), and the names of terms that match none."""
        themes: list[str] = []
        other: list[str] = []
        for term in terms:
            exact = [t for t in term if t in self.theme_ids]
            keys = [k for k in map(_match_key, term) if k in self.theme_index]
            match = exact[0] if exact else self.theme_index[keys[0]] if keys else None
            if match:
                themes.append(match)
            else:
                other.append(term[-1])  # the name, as people read it
        return list(dict.fromkeys(themes)), list(dict.fromkeys(other))

    def _choose_location(self, offer: _Offer) -> None:
        """Keep one location: Vangnet has one place per row."""
        usable = [loc for loc in offer.locations if loc.get("latitude", "lat") or self._addresses(loc)]
        if len(usable) > 1:
            self.notice(
                offer,
                f"heeft {len(usable)} locaties; alleen {fields.quote(usable[0].get('name') or usable[0].id)} is "
                "overgenomen. Maak voor een andere locatie een eigen regel in Vangnet",
            )
        offer.locations = (usable or offer.locations)[:1]

    def _addresses(self, location: _Record) -> list[_Record]:
        return self.linked("address", "location_id", location.id)

    def _place(self, offer: _Offer) -> dict[str, str]:
        result: dict[str, str] = {}
        for location in offer.locations:
            result.update(self._coordinates(location))
            result.update(self._address(offer, location))
        return {k: v for k, v in result.items() if v}

    def _coordinates(self, location: _Record) -> dict[str, str]:
        lat_raw, lat_column = location.pick("latitude", "lat")
        lon_raw, lon_column = location.pick("longitude", "lon", "long")
        if not lat_raw and not lon_raw:
            return {}
        if not (lat_raw and lon_raw):
            missing = lon_column if lat_raw else lat_column
            self.problems.append(location.problem(f"is leeg; zonder {missing} is de plek niet overgenomen", missing))
            return {}
        consequence = "De plek is niet overgenomen: lat en lon blijven leeg; vul de juiste plek zelf in."
        lat = self.take("lat", lat_raw, location, lat_column, consequence)
        lon = self.take("lon", lon_raw, location, lon_column, consequence)
        return {"lat": lat, "lon": lon} if lat and lon else {}

    def _address(self, offer: _Offer, location: _Record) -> dict[str, str]:
        addresses = self._addresses(location)
        visiting = [a for a in addresses if a.get("address_type").lower() in ("", "physical")]
        if not visiting:
            if addresses:
                self.notice(offer, "heeft alleen een postadres; dat is geen bezoekadres en is niet overgenomen")
            return {}
        address = visiting[0]
        street = ", ".join(p for p in (address.get("address_1"), address.get("address_2")) if p)
        return {
            "adres": self.take("adres", street, address, "address_1"),
            "postcode": self.take("postcode", address.get("postal_code"), address, "postal_code"),
            "plaats": self.take("plaats", address.get("city"), address, "city"),
        }

    def _active(self, offer: _Offer) -> str:
        if offer.service is None:
            return "ja"
        status = offer.service.get("status").lower()
        if not status:
            return "ja"
        if status not in STATUS_ACTIVE:
            self.problems.append(
                offer.service.problem(
                    f"{fields.quote(status)} is geen bekende status; Vangnet heeft actief=ja gekozen. Controleer dit",
                    "status",
                )
            )
            return "ja"
        if status == "temporarily closed":
            self.notice(
                offer, "is tijdelijk gesloten en staat daarom op actief=nee; zet het op ja als het weer open is"
            )
        return STATUS_ACTIVE[status]

    # -- ids and links between rows ------------------------------------------------------------

    def _assign_ids(self, offers: list[_Offer], rows: list[dict[str, str]]) -> None:
        taken: set[str] = set()
        for offer, row in zip(offers, rows, strict=True):
            if offer.wanted_id and offer.wanted_id not in taken:
                row["id"] = offer.wanted_id
                taken.add(offer.wanted_id)
            elif offer.wanted_id:
                self.notice(
                    offer, f"het id {fields.quote(offer.wanted_id)} komt vaker voor; er is een nieuw id gemaakt"
                )
        for row in rows:
            if not row["id"]:
                row["id"] = fields.new_identifier(row["naam"], taken)
                taken.add(row["id"])

    def _drop_unknown_referrals(self, offers: list[_Offer], rows: list[dict[str, str]]) -> None:
        ids = {row["id"] for row in rows}
        for offer, row in zip(offers, rows, strict=True):
            targets = fields.split_list(row["verwijst_naar"])
            unknown = [t for t in targets if t not in ids]
            if unknown:
                row["verwijst_naar"] = ";".join(t for t in targets if t in ids)
                self.notice(offer, f"verwijst naar {', '.join(unknown)}, maar die staan niet in het pakket; weggelaten")


def _link_index(tables: dict[str, _Table]) -> dict[tuple[str, str], dict[str, list[csvfile.Row]]]:
    """(resource, column) -> value -> rows, for every column that links to another table."""
    columns = ("organization_id", "service_id", "location_id", "service_at_location_id", "link_id")
    index: dict[tuple[str, str], dict[str, list[csvfile.Row]]] = defaultdict(lambda: defaultdict(list))
    for resource, table in tables.items():
        for row in table.rows:
            for column in columns:
                value = row.cells.get(column, "").strip()
                if value:
                    index[(resource, column)][value].append(row)
    return index


def _theme_index(themes: Iterable[Theme]) -> dict[str, str]:
    """Normalised id, name or everyday word -> theme id; ids and names win over words."""
    themes = tuple(themes)
    index: dict[str, str] = {}
    for theme in themes:
        index.setdefault(_match_key(theme.id), theme.id)
        index.setdefault(_match_key(theme.naam), theme.id)
    for theme in themes:
        for word in theme.woorden:
            index.setdefault(_match_key(word), theme.id)
    index.pop("", None)
    return index


def _match_key(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return " ".join(re.findall(r"[a-z0-9]+", ascii_text))


def _clean(value: str, multiline: bool = False) -> str:
    """Without invisible control characters; on one line unless the column allows more."""
    value = fields.CONTROL_RE.sub("", value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    return value if multiline else re.sub(r"\s*\n\s*", " ", value)


def _reason(exc: Exception) -> str:
    context = getattr(exc, "context", None) or {}
    return str(context.get("reason", exc))


def _date_part(value: str) -> str:
    """'2023-03-15T10:30:45Z' -> '2023-03-15'; other text unchanged (the date check reports it)."""
    match = re.match(r"(\d{4}-\d{2}-\d{2})[T ]", value)
    return match.group(1) if match else value


def _schedule_text(record: _Record) -> str:
    """A schedule in words: its description, or its days and hours."""
    if record.get("description"):
        return record.get("description")
    days = [_weekday(d) for d in re.split(r"[,;]", record.get("byday", "weekday")) if d.strip()]
    opens, closes = record.get("opens_at"), record.get("closes_at")
    hours = f"{opens}-{closes}" if opens and closes else opens or closes
    return " ".join(part for part in (", ".join(days), hours) if part)


def _weekday(day: str) -> str:
    key = re.sub(r"[^a-z]", "", day.lower())[:2]
    return WEEKDAYS.get(key, day.strip())
