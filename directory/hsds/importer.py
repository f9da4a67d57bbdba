"""HSDS rows (3.0, or Ohana/HSDS 1.0) back to Vangnet rows; what cannot be taken over is a Dutch Problem."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic_core import PydanticCustomError

from directory import csvfile, fields
from directory.contract import CHECKS, COLUMN_ORDER, LIST_COLUMNS, MULTILINE_COLUMNS
from directory.hsds.export import ADDRESS_ATTRIBUTES, FIELD_ATTRIBUTES, FIELD_CODE_PREFIX
from directory.hsds.reading import WHAT_TO_CHOOSE, HsdsTable, open_source, read_tables
from directory.loading import BUNDLED_THEMES, load_themes
from directory.model import DirectoryError, Problem, Theme
from directory.schema import format_value

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
    files = open_source(source)
    problems: list[Problem] = []
    tables = read_tables(files, problems)
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
    def __init__(self, tables: dict[str, HsdsTable], themes: tuple[Theme, ...], problems: list[Problem]):
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


def _link_index(tables: dict[str, HsdsTable]) -> dict[tuple[str, str], dict[str, list[csvfile.Row]]]:
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
