"""The HSDS 3.0 tables Vangnet writes (the spec's columns), the package's name and version, and the ids."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

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
