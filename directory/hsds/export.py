"""The list as an HSDS 3.0 tabular data package: one organization and service per row, themes as taxonomy
terms, columns HSDS has no place for as attributes, so an export imports back into the same rows."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

from directory import csvfile, fields
from directory.contract import COLUMN_HELP, LIST_COLUMNS
from directory.hsds.spec import DESCRIPTOR_NAME, HSDS_VERSION, RESOURCES, Resource, hsds_id
from directory.model import Directory, DirectoryError, Organisation, Theme
from directory.region import Region
from directory.schema import format_value

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


# Resource name -> rows, as export_tables gives them.
Tables = Mapping[str, list[dict[str, str]]]


def write_datapackage(directory: Directory, folder: str | Path, extra: Tables | None = None) -> list[Path]:
    """Write datapackage.json and the HSDS CSV files into `folder` (created); return the paths."""
    folder = Path(folder)
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in package_files(directory, extra).items():
            csvfile.write_atomic(folder / name, data)
            written.append(folder / name)
    except OSError as exc:
        raise DirectoryError(
            f"de map {folder} kan niet worden geschreven ({exc.strerror or exc}); kies een andere map", folder
        ) from None
    return written


def datapackage_zip(directory: Directory, extra: Tables | None = None) -> bytes:
    """The same package as one zip file, for a download button."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in package_files(directory, extra).items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def package_files(directory: Directory, extra: Tables | None = None) -> dict[str, bytes]:
    """File name -> content of the whole package, datapackage.json first. `extra`: more rows per resource
    from another list, such as the schemes as services of their uitvoerder (regelingen_export.hsds_tables)."""
    tables = export_tables(directory)
    for name, rows in (extra or {}).items():
        tables[name] = tables[name] + list(rows)
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
            yield attribute(hsds_id("attribute", org.id, "thema", theme), service_id, _theme_term_id(theme))
    columns = FIELD_ATTRIBUTES + (() if address_written else ADDRESS_ATTRIBUTES)
    for column in columns:
        cell = format_value(getattr(org, column))
        values = fields.split_list(cell) if column in LIST_COLUMNS else [cell]
        for index, value in enumerate(v for v in values if v):
            attribute_id = hsds_id("attribute", org.id, column, str(index))
            yield attribute(attribute_id, service_id, _field_term_id(column), value)


def attribute(attribute_id: str, service_id: str, term_id: str, value: str = "") -> dict[str, str]:
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
