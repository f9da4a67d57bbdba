"""The contract of regelingen.csv (income schemes, "potjes") as data, and its validation.

A second list beside organisaties.csv, with the same habits: one table of columns says what each
column holds, one validator per kind of cell, and every problem is reported at once as
`regel N, kolom X: <what to do>`, with the header as regel 1 as in a spreadsheet. A scheme names
the organisations that help apply (`hulp_bij_aanvragen`); they must exist in the organisation
list beside the file, be active and be help for a client, or a volunteer would be sent nowhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict

from directory import csvfile
from directory import fields as f
from directory.loading import load_directory, load_themes, themes_path_for
from directory.model import Directory, DirectoryError, Organisation, Problem, Theme
from directory.schema import did_you_mean, format_value, validate_row
from directory.settings import BUNDLED_DATA

FILE_NAME = "regelingen.csv"
HOUSEHOLDS = ("alleenstaand", "alleenstaande-ouder", "paar", "paar-met-kinderen")
HOUSEHOLD_LABELS = {
    "alleenstaand": "alleenstaanden",
    "alleenstaande-ouder": "alleenstaande ouders",
    "paar": "paren zonder kinderen",
    "paar-met-kinderen": "paren met kinderen",
}
HOUSEHOLDS_WITH_CHILDREN = frozenset({"alleenstaande-ouder", "paar-met-kinderen"})
KINDS = ("gemeentelijk", "landelijk", "fonds")
MAX_AGE = 120
FIRST_YEAR = 1990  # no scheme in use has figures older than this; an earlier year is a typo


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # the kind of cell, as the Beheer page and the README name it
    required: bool
    label: str  # Dutch, for a form or a table heading
    help: str  # Dutch, shown in messages, the README and Beheer


COLUMNS: tuple[Column, ...] = (
    Column("id", "id", True, "Id", "vaste korte sleutel: kleine letters, cijfers en streepjes; uniek"),
    Column("naam", "tekst", True, "Naam", "naam van de regeling zoals mensen haar kennen"),
    Column("soort", "keuze", True, "Soort", "gemeentelijk, landelijk of fonds"),
    Column("uitvoerder", "tekst", True, "Uitvoerder", "wie de regeling uitvoert en beslist, bijvoorbeeld de gemeente"),
    Column(
        "uitvoerder_id",
        "id",
        False,
        "Uitvoerder in de lijst",
        "id van de uitvoerder in organisaties.csv, als die erin staat",
    ),
    Column(
        "omschrijving", "tekst-meerdere-regels", True, "Omschrijving", "wat de regeling geeft, in eenvoudige woorden"
    ),
    Column(
        "voor_wie",
        "tekst-meerdere-regels",
        True,
        "Voor wie",
        "voor wie de regeling is, de belangrijkste voorwaarde eerst",
    ),
    Column(
        "huishoudens",
        "lijst-keuze",
        False,
        "Huishoudens",
        "alleenstaand, alleenstaande-ouder, paar en/of paar-met-kinderen, gescheiden door een puntkomma; leeg = alle",
    ),
    Column(
        "leeftijd_min",
        "leeftijd",
        False,
        "Leeftijd vanaf",
        "laagste leeftijd in jaren; bij kinderen=ja de leeftijd van het kind",
    ),
    Column(
        "leeftijd_max",
        "leeftijd",
        False,
        "Leeftijd tot en met",
        "hoogste leeftijd in jaren; bij kinderen=ja de leeftijd van het kind",
    ),
    Column(
        "kinderen",
        "ja-nee",
        False,
        "Alleen met kinderen",
        "ja als de regeling alleen voor huishoudens met kinderen is; leeg = nee",
    ),
    Column(
        "inkomensgrens",
        "percentage",
        False,
        "Inkomensgrens",
        "inkomensgrens als percentage van het sociaal minimum, bijvoorbeeld 120; leeg zonder percentage in de bron",
    ),
    Column(
        "inkomensvoorwaarde",
        "tekst-meerdere-regels",
        False,
        "Voorwaarde inkomen",
        "de voorwaarde over inkomen in woorden, met bedragen zoals de bron ze noemt",
    ),
    Column(
        "vermogensgrens",
        "tekst",
        False,
        "Vermogensgrens",
        "hoeveel vermogen iemand mag hebben, zoals de bron het noemt",
    ),
    Column(
        "bedrag",
        "tekst-meerdere-regels",
        False,
        "Bedrag",
        "wat iemand krijgt, zoals de bron het noemt; leeg als het onbekend is",
    ),
    Column("aanvragen", "tekst-meerdere-regels", True, "Aanvragen", "hoe je de regeling aanvraagt"),
    Column(
        "hulp_bij_aanvragen",
        "ids",
        False,
        "Hulp bij aanvragen",
        "ids van organisaties uit organisaties.csv die helpen met aanvragen",
    ),
    Column("themas", "themas", True, "Thema's", "een of meer thema's uit themas.csv, gescheiden door een puntkomma"),
    Column(
        "peiljaar",
        "jaar",
        False,
        "Peiljaar",
        "het jaar waar de bedragen en grenzen bij horen; leeg als de bron geen jaar noemt",
    ),
    Column(
        "bron",
        "webadressen",
        True,
        "Bron",
        "webadres van de bron, beginnend met https://; meer bronnen gescheiden door een puntkomma",
    ),
    Column(
        "laatst_gecontroleerd", "datum", False, "Laatst gecontroleerd", "datum van de laatste controle, als JJJJ-MM-DD"
    ),
    Column("actief", "ja-nee", True, "Actief", "ja of nee; een gesloten regeling blijft in de lijst met nee"),
)
COLUMN_NAMES: frozenset[str] = frozenset(c.name for c in COLUMNS)
COLUMN_ORDER: tuple[str, ...] = tuple(c.name for c in COLUMNS)
COLUMN_HELP: dict[str, str] = {c.name: c.help for c in COLUMNS}
COLUMN_BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS}
REQUIRED_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.required)
# A closed scheme is kept so nobody adds it again as new; it needs less to stay in the list.
REQUIRED_WHEN_CLOSED: tuple[str, ...] = ("id", "naam", "soort", "bron", "actief")
# Columns only this list has: a file with them is a regelingen list, whatever its name.
SIGNATURE = frozenset({"hulp_bij_aanvragen", "peiljaar"})


# --- one validator per kind of cell ------------------------------------------------------------


def _choice(value: Any, options: tuple[str, ...]) -> str:
    raw = f.text(value).lower()
    if raw not in options:
        raise f.fail(f"{f.quote(value)} is geen geldige waarde{did_you_mean(raw, options)}; kies {_or(options)}")
    return raw


def kind(value: Any) -> str:
    return _choice(value, KINDS)


def households(value: Any) -> tuple[str, ...]:
    return tuple(_choice(item, HOUSEHOLDS) for item in f.split_list(value))


def age(value: Any) -> int | None:
    raw = f.text(value) if not isinstance(value, int) else str(value)
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 3 or int(raw) > MAX_AGE:
        raise f.fail(f"{f.quote(value)} is geen leeftijd; vul een heel getal in van 0 tot {MAX_AGE}, bijvoorbeeld 18")
    return int(raw)


def year(value: Any) -> int | None:
    raw = f.text(value) if not isinstance(value, int) else str(value)
    if not raw:
        return None
    last = dt.date.today().year + 1  # next year's figures are often published in the autumn
    if not (raw.isascii() and raw.isdigit() and len(raw) == 4 and FIRST_YEAR <= int(raw) <= last):
        raise f.fail(f"{f.quote(value)} is geen jaartal; vul het jaar van de bedragen in, van {FIRST_YEAR} tot {last}")
    return int(raw)


def optional_identifier(value: Any) -> str:
    return f.identifier(value) if f.text(value) else ""


def optional_yes_no(value: Any) -> bool:
    return f.yes_no(value) if isinstance(value, bool) or f.text(value) else False


def sources(value: Any) -> tuple[str, ...]:
    items = f.split_list(value)
    for item in items:
        if not f.website(item).lower().startswith(("https://", "http://")):
            raise f.fail(f"{f.quote(item)} is geen volledig webadres; begin met https://")
    return tuple(items)


class Regeling(BaseModel):
    """One row of regelingen.csv, parsed. Built only through `validate_regelingen`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: f.Identifier
    naam: f.Text
    soort: Annotated[str, BeforeValidator(kind)]
    uitvoerder: f.Text = ""
    uitvoerder_id: Annotated[str, BeforeValidator(optional_identifier)] = ""
    omschrijving: f.MultilineText = ""
    voor_wie: f.MultilineText = ""
    huishoudens: Annotated[tuple[str, ...], BeforeValidator(households)] = ()
    leeftijd_min: Annotated[int | None, BeforeValidator(age)] = None
    leeftijd_max: Annotated[int | None, BeforeValidator(age)] = None
    kinderen: Annotated[bool, BeforeValidator(optional_yes_no)] = False
    inkomensgrens: f.Percentage = None
    inkomensvoorwaarde: f.MultilineText = ""
    vermogensgrens: f.Text = ""
    bedrag: f.MultilineText = ""
    aanvragen: f.MultilineText = ""
    hulp_bij_aanvragen: f.IdentifierList = ()
    themas: f.WordList = ()
    peiljaar: Annotated[int | None, BeforeValidator(year)] = None
    bron: Annotated[tuple[str, ...], BeforeValidator(sources)] = ()
    laatst_gecontroleerd: f.Date = None
    actief: f.YesNo = True
    extra: dict[str, str] = {}  # columns this version does not know, kept as they are

    def __hash__(self) -> int:
        return hash(self.id)


@dataclass(frozen=True)
class Regelingen:
    """A validated regelingen list, with the organisations its links were checked against."""

    regelingen: tuple[Regeling, ...]
    directory: Directory
    themes: tuple[Theme, ...] = ()
    columns: tuple[str, ...] = COLUMN_ORDER
    version: str = ""
    source: Path | None = None
    # Derived structures (the match index of the schemes) built once per loaded version.
    cache: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def active(self) -> tuple[Regeling, ...]:
        return tuple(r for r in self.regelingen if r.actief)

    def helpers(self, regeling: Regeling) -> tuple[Organisation, ...]:
        """The organisations that help apply, as cards a page can link to."""
        found = (self.directory.get(org_id) for org_id in regeling.hulp_bij_aanvragen)
        return tuple(org for org in found if org is not None)


# --- validation --------------------------------------------------------------------------------


def is_regelingen_header(header: Iterable[str]) -> bool:
    return {normalise_column_name(name) for name in header} >= SIGNATURE


def normalise_column_name(name: str) -> str:
    """'Voor wie' and 'Leeftijd min ' are voor_wie and leeftijd_min, as Excel users type them."""
    return csvfile.normalise_column_name(name, COLUMN_NAMES)


def validate_regelingen(
    header: Iterable[str], rows: Iterable[csvfile.Row], theme_ids: Iterable[str], directory: Directory
) -> tuple[tuple[Regeling, ...], tuple[Problem, ...]]:
    """Every row and every link; collects all problems, never stops at the first."""
    header = tuple(normalise_column_name(name) for name in header)
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        return (), tuple(_missing_column(name) for name in missing)
    rows = [csvfile.Row(row.regel, {normalise_column_name(k): v for k, v in row.cells.items()}) for row in rows]
    theme_ids = set(theme_ids)
    regelingen: list[Regeling] = []
    problems: list[Problem] = []
    first_seen: dict[str, int] = {}
    for row in rows:
        regeling, row_problems = parse_row(row.cells, header, row.regel)
        problems += row_problems + _check_links(row.cells, row.regel, theme_ids, directory)
        if regeling is None:  # every problem at once: the ages too, when each passes alone
            problems += _check_ages(*(_age_or_none(row.cells, name) for name in AGES), row.regel)
        raw_id = row.cells.get("id", "").strip()
        if raw_id in first_seen:
            problems.append(_duplicate(raw_id, first_seen[raw_id], row.regel))
            continue
        if raw_id:  # an empty id has its own message; it is no duplicate of another empty one
            first_seen[raw_id] = row.regel
        if regeling is not None:
            problems += _check_ages(regeling.leeftijd_min, regeling.leeftijd_max, row.regel)
            regelingen.append(regeling)
    problems.sort(key=lambda p: (p.regel or 0, COLUMN_ORDER.index(p.kolom) if p.kolom in COLUMN_NAMES else 99))
    return tuple(regelingen), tuple(problems)


def parse_row(cells: Mapping[str, str], header: Iterable[str], regel: int) -> tuple[Regeling | None, list[Problem]]:
    header = tuple(header)
    values: dict[str, Any] = {name: cells.get(name, "") for name in header if name in COLUMN_NAMES}
    closed = str(values.get("actief", "")).strip().lower() in ("nee", "n")
    required = REQUIRED_WHEN_CLOSED if closed else REQUIRED_COLUMNS
    extra = {name: cells.get(name, "") for name in header if name not in COLUMN_NAMES}
    return validate_row(Regeling, values, extra, required, COLUMN_HELP, regel)


def _missing_column(name: str) -> Problem:
    return Problem(
        f"de verplichte kolom '{name}' ontbreekt; voeg een kolom met die naam toe aan de eerste regel "
        f"({COLUMN_HELP[name]})",
        regel=1,
        kolom=name,
    )


def _duplicate(raw_id: str, first: int, regel: int) -> Problem:
    return Problem(f"{f.quote(raw_id)} komt al voor op regel {first}; elk id moet uniek zijn", regel=regel, kolom="id")


def _raw_ids(cells: Mapping[str, str], column: str) -> list[str]:
    try:
        return f.split_list(cells.get(column, ""))
    except Exception:  # the cell's own problem is reported by the model
        return []


def _check_links(cells: Mapping[str, str], regel: int, theme_ids: set[str], directory: Directory) -> list[Problem]:
    problems = [
        Problem(
            f"{f.quote(theme)} is geen bekend thema{did_you_mean(theme, theme_ids)}; gebruik een id uit themas.csv",
            regel=regel,
            kolom="themas",
        )
        for theme in (t.lower() for t in _raw_ids(cells, "themas"))
        if theme not in theme_ids
    ]
    for org_id in _raw_ids(cells, "hulp_bij_aanvragen"):
        message = _helper_problem(org_id, directory)
        if message:
            problems.append(Problem(message, regel=regel, kolom="hulp_bij_aanvragen"))
    executor = cells.get("uitvoerder_id", "").strip()
    if executor and directory.get(executor) is None:
        problems.append(
            Problem(
                f"{f.quote(executor)} staat niet in organisaties.csv{did_you_mean(executor, directory.by_id)}; "
                "gebruik een id uit de organisatielijst of laat de cel leeg",
                regel=regel,
                kolom="uitvoerder_id",
            )
        )
    return problems


def _helper_problem(org_id: str, directory: Directory) -> str | None:
    """Why `org_id` cannot help apply, or None. Only active help or information may be offered to a client."""
    org = directory.get(org_id)
    if org is None:
        return (
            f"{f.quote(org_id)} staat niet in organisaties.csv{did_you_mean(org_id, directory.by_id)}; "
            "gebruik ids uit de organisatielijst, gescheiden door een puntkomma"
        )
    if not org.actief:
        return f"{f.quote(org_id)} is gearchiveerd (actief=nee); kies een organisatie die nu helpt met aanvragen"
    if not org.role.suggestable:
        return (
            f"{f.quote(org_id)} heeft rol {org.role.value} en helpt cliënten niet zelf; "
            "kies een organisatie met rol hulp of informatie"
        )
    return None


AGES = ("leeftijd_min", "leeftijd_max")


def _age_or_none(cells: Mapping[str, str], name: str) -> int | None:
    try:
        return age(cells.get(name, ""))
    except ValueError:  # the cell's own problem says so
        return None


def _check_ages(low: int | None, high: int | None, regel: int) -> list[Problem]:
    if low is not None and high is not None and low > high:
        return [
            Problem(
                f"leeftijd_min ({low}) is hoger dan leeftijd_max ({high}); wissel ze om of verbeter er een",
                regel=regel,
                kolom="leeftijd_max",
                in_form=f"{COLUMN_BY_NAME['leeftijd_min'].label} ({low}) is hoger dan "
                f"{COLUMN_BY_NAME['leeftijd_max'].label} ({high}); wissel ze om of verbeter er een",
            )
        ]
    return []


def _or(options: Iterable[str]) -> str:
    options = list(options)
    return f"{', '.join(options[:-1])} of {options[-1]}"


# --- loading -----------------------------------------------------------------------------------


def regelingen_path(data: str | Path) -> Path:
    """The regelingen list of a data folder, or of the folder an organisation list is in."""
    data = Path(data)
    return data / FILE_NAME if data.is_dir() else data.with_name(FILE_NAME)


def organisations_path_for(path: str | Path) -> Path:
    """A regelingen list links to the organisaties.csv beside it, or else the bundled one."""
    beside = Path(path).with_name("organisaties.csv")
    return beside if beside.is_file() else BUNDLED_DATA


def load_regelingen(path: str | Path, directory: Directory | None = None) -> Regelingen:
    """Read and validate a regelingen list. Raises DirectoryError carrying every problem found.

    `directory` is the organisation list the links must point into; by default the one beside the file.
    """
    path = Path(path)
    table = csvfile.load(path)
    if directory is None:
        directory = load_organisations(organisations_path_for(path))
    return build_regelingen(table, load_themes(themes_path_for(path)), directory, path)


def build_regelingen(
    table: csvfile.Table, themes: tuple[Theme, ...], directory: Directory, path: Path | None
) -> Regelingen:
    """Validate a parsed table against the themes and the organisation list: the one place Regelingen are
    made, by `check`, the pages and every save of the store."""
    regelingen, problems = validate_regelingen(table.header, table.rows, (t.id for t in themes), directory)
    if problems:
        raise DirectoryError(list(problems), path)
    header = tuple(normalise_column_name(name) for name in table.header)
    return Regelingen(regelingen, directory, themes, header, table.version, path)


def to_cells(regeling: Regeling) -> dict[str, str]:
    """The row of a spreadsheet for `regeling`: every column of the contract and the extra ones, as text."""
    cells = {name: format_value(getattr(regeling, name)) for name in COLUMN_ORDER}
    cells.update(regeling.extra)
    return cells


def load_organisations(path: Path) -> Directory:
    try:
        return load_directory(path)
    except DirectoryError as exc:
        # The links cannot be checked against a broken list; say which file to repair first.
        raise DirectoryError([p.in_file(path.name) for p in exc.problems], path) from None
