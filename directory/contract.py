"""The data contract of organisaties.csv as one table: every column with its kind, whether it is required,
its Dutch label and its help.

Everything else derives from this table: the pydantic model (`directory.model.Organisation`), the checks
on imported cells (`directory.hsds`), which cells are lists or may span lines, the Beheer form's labels
and widgets, and the README's column table (a test compares it with `markdown_table()`). A new column
is one row here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from directory import fields as f
from directory.vocab import Domain


class Kind(StrEnum):
    """What a column holds; each kind has one validator with Dutch messages (directory.fields)."""

    ID = "id"
    TEXT = "tekst"
    MULTILINE = "tekst-met-regels"
    DOMAIN = "groep"
    OPTIONAL_DOMAIN = "groep-of-leeg"
    LIST = "lijst"
    ID_LIST = "lijst-van-ids"
    PERCENTAGE = "percentage"
    POSTCODE = "postcode"
    LATITUDE = "breedtegraad"
    LONGITUDE = "lengtegraad"
    PHONE = "telefoon"
    EMAIL = "e-mail"
    URL = "webadres"
    DATE = "datum"
    YES_NO = "ja-nee"
    PRECISION = "nauwkeurigheid"
    ROLE = "rol"


@dataclass(frozen=True)
class KindSpec:
    check: Callable[[Any], Any]  # the cell's validator: text in, value out, PydanticCustomError with a reason
    annotation: Any  # the pydantic type of the model field
    empty: Any  # the value of an empty optional cell


KINDS: dict[Kind, KindSpec] = {
    Kind.ID: KindSpec(f.identifier, f.Identifier, ""),
    Kind.TEXT: KindSpec(f.text, f.Text, ""),
    Kind.MULTILINE: KindSpec(f.multiline_text, f.MultilineText, ""),
    Kind.DOMAIN: KindSpec(f.domain, Annotated[Domain, f.DomainValue], None),
    Kind.OPTIONAL_DOMAIN: KindSpec(f.optional_domain, Annotated[Domain | None, f.OptionalDomainValue], None),
    Kind.LIST: KindSpec(f.word_list, f.WordList, ()),
    Kind.ID_LIST: KindSpec(f.identifier_list, f.IdentifierList, ()),
    Kind.PERCENTAGE: KindSpec(f.percentage, f.Percentage, None),
    Kind.POSTCODE: KindSpec(f.postcode, f.Postcode, ""),
    Kind.LATITUDE: KindSpec(f.latitude, f.Latitude, None),
    Kind.LONGITUDE: KindSpec(f.longitude, f.Longitude, None),
    Kind.PHONE: KindSpec(f.phone, f.Phone, ""),
    Kind.EMAIL: KindSpec(f.email, f.Email, ""),
    Kind.URL: KindSpec(f.website, f.Website, ""),
    Kind.DATE: KindSpec(f.date, f.Date, None),
    Kind.YES_NO: KindSpec(f.yes_no, f.YesNo, True),
    Kind.PRECISION: KindSpec(f.precision, f.Precision, ""),
    Kind.ROLE: KindSpec(f.role, f.RoleValue, ""),
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    required: bool
    label: str  # Dutch, for people: the Beheer form and tables
    help: str  # Dutch, shown in messages, the Beheer page and the README

    @property
    def spec(self) -> KindSpec:
        return KINDS[self.kind]


COLUMNS: tuple[Column, ...] = (
    Column("id", Kind.ID, True, "Vaste sleutel", "vaste korte sleutel: kleine letters, cijfers en streepjes; uniek"),
    Column("naam", Kind.TEXT, True, "Naam", "naam zoals mensen de organisatie kennen"),
    Column("domein", Kind.DOMAIN, True, "Soort hulp", "kerntaak: preventie, ondersteuning of curatief"),
    Column(
        "ook_domein", Kind.OPTIONAL_DOMAIN, False, "Hoort ook bij", "tweede groep waar de organisatie deels bij hoort"
    ),
    Column("omschrijving", Kind.MULTILINE, True, "Wat ze doen", "wat de organisatie doet, in eenvoudige woorden"),
    Column("themas", Kind.LIST, True, "Thema's", "een of meer thema's uit themas.csv, gescheiden door een puntkomma"),
    Column(
        "doelgroepen",
        Kind.LIST,
        False,
        "Voor wie",
        "bijvoorbeeld iedereen;gezinnen;jongeren, gescheiden door een puntkomma",
    ),
    Column("trefwoorden", Kind.LIST, False, "Zoekwoorden", "extra zoekwoorden, gescheiden door een puntkomma"),
    Column("aanmelden", Kind.MULTILINE, True, "Aanmelden", "hoe iemand er terechtkomt of hoe je verwijst"),
    Column("voorwaarden", Kind.MULTILINE, False, "Voorwaarden", "voorwaarden in woorden"),
    Column(
        "inkomensgrens",
        Kind.PERCENTAGE,
        False,
        "Inkomensgrens (% van het sociaal minimum)",
        "inkomensgrens als percentage van het sociaal minimum, bijvoorbeeld 120",
    ),
    Column("adres", Kind.TEXT, False, "Bezoekadres", "bezoekadres"),
    Column("postcode", Kind.POSTCODE, False, "Postcode", "postcode van het bezoekadres, bijvoorbeeld 3811 AB"),
    Column("plaats", Kind.TEXT, False, "Plaats", "plaats van het bezoekadres"),
    Column("wijk", Kind.TEXT, False, "Wijk", "wijk van het bezoekadres"),
    Column("lat", Kind.LATITUDE, False, "Breedtegraad", "breedtegraad (WGS84), bijvoorbeeld 52.15617"),
    Column("lon", Kind.LONGITUDE, False, "Lengtegraad", "lengtegraad (WGS84), bijvoorbeeld 5.38736"),
    Column("telefoon", Kind.PHONE, False, "Telefoon", "openbaar telefoonnummer"),
    Column("email", Kind.EMAIL, False, "E-mail", "openbaar e-mailadres"),
    Column("website", Kind.URL, False, "Website", "webadres, beginnend met https://"),
    Column(
        "contact_professionals",
        Kind.MULTILINE,
        False,
        "Contact voor hulpverleners",
        "hoe een hulpverlener warm overdraagt (nummer, functiemailbox)",
    ),
    Column("openingstijden", Kind.MULTILINE, False, "Openingstijden", "openingstijden in woorden"),
    Column(
        "verwijst_naar",
        Kind.ID_LIST,
        False,
        "Verwijst vaak naar",
        "ids van organisaties waar deze organisatie vaak naar doorverwijst",
    ),
    Column(
        "laatst_gecontroleerd",
        Kind.DATE,
        False,
        "Laatst gecontroleerd",
        "datum van de laatste controle, als JJJJ-MM-DD",
    ),
    Column(
        "actief",
        Kind.YES_NO,
        True,
        "Actief",
        "ja of nee; gearchiveerde organisaties blijven in de lijst met nee",
    ),
    Column(
        "locatie_nauwkeurigheid",
        Kind.PRECISION,
        False,
        "Hoe precies is de plek",
        "adres, wijk of stad: hoe precies lat en lon zijn",
    ),
    Column(
        "rol",
        Kind.ROLE,
        False,
        "Wat ze voor inwoners zijn",
        "hulp (leeg = hulp), informatie, voor-professionals of tegenpartij (werkt voor schuldeisers, zoals een "
        "deurwaarder); alleen hulp en informatie worden voorgesteld",
    ),
)

COLUMN_BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS}
COLUMN_NAMES: frozenset[str] = frozenset(COLUMN_BY_NAME)
COLUMN_ORDER: tuple[str, ...] = tuple(c.name for c in COLUMNS)
COLUMN_HELP: dict[str, str] = {c.name: c.help for c in COLUMNS}
COLUMN_LABELS: dict[str, str] = {c.name: c.label for c in COLUMNS}


def label_of(column: str) -> str:
    """A column's label: the contract's, or for an extra column from a file its name made readable
    ("bronnen" -> "Bronnen", "extra_info" -> "Extra info")."""
    if column in COLUMN_LABELS:
        return COLUMN_LABELS[column]
    readable = " ".join(column.replace("_", " ").split())
    return readable[:1].upper() + readable[1:]


REQUIRED_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.required)
# An archived organisation is kept for history; it needs less to stay in the list.
REQUIRED_WHEN_ARCHIVED: tuple[str, ...] = ("id", "naam", "domein", "actief")
LIST_COLUMNS: frozenset[str] = frozenset(c.name for c in COLUMNS if c.kind in (Kind.LIST, Kind.ID_LIST))
MULTILINE_COLUMNS: frozenset[str] = frozenset(c.name for c in COLUMNS if c.kind is Kind.MULTILINE)
CHECKS: dict[str, Callable[[Any], Any]] = {c.name: c.spec.check for c in COLUMNS}


def model_fields() -> dict[str, tuple[Any, Any]]:
    """The pydantic fields of Organisation: (type, default). Only what every row needs, archived or not, has
    no default (`...`); the rest of what an active row needs is checked by directory.schema."""
    always = set(REQUIRED_WHEN_ARCHIVED) - {"actief"}  # actief=ja is what an absent cell means to the model
    return {c.name: (c.spec.annotation, ... if c.name in always else c.spec.empty) for c in COLUMNS}


def markdown_table() -> str:
    """The README's column table, made from this table."""
    lines = ["| kolom | verplicht | betekenis |", "|---|---|---|"]
    lines += [f"| `{c.name}` | {'ja' if c.required else 'nee'} | {c.help} |" for c in COLUMNS]
    return "\n".join(lines)
