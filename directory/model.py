"""The domain model: organisations, themes, the three groups, and the loaded directory."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, create_model

from directory.contract import model_fields
from directory.region import DERIVED, Region
from directory.vocab import (  # noqa: F401  (re-exported: the model's public vocabulary)
    DOMAIN_LABELS,
    DOMAIN_ORDER,
    KNOWN_TARGET_GROUPS,
    LOCATION_PRECISIONS,
    Domain,
    Role,
    role_of,
)


class _OrganisationBase(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    # Columns this version does not know; kept so a load/save round trip loses nothing.
    extra: dict[str, str] = {}

    def __hash__(self) -> int:  # the extra columns are a dict; the id identifies a row
        return hash(self.id)

    @property
    def main_theme(self) -> str | None:
        return self.themas[0] if self.themas else None

    @property
    def has_location(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def reachable(self) -> bool:
        """A volunteer can contact them: a phone number, an e-mail address or a website."""
        return bool(self.telefoon or self.email or self.website)

    @property
    def location_is_approximate(self) -> bool:
        return self.has_location and self.locatie_nauwkeurigheid in ("wijk", "stad")

    @property
    def role(self) -> Role:
        return role_of(self.rol)

    @property
    def domains(self) -> tuple[Domain, ...]:
        return (self.domein, self.ook_domein) if self.ook_domein else (self.domein,)


# The model's fields come from the contract table (directory.contract): one place for every column.
Organisation = create_model("Organisation", __base__=_OrganisationBase, **model_fields())
Organisation.__doc__ = "One row of organisaties.csv, parsed. Built only through `directory.schema`."


@dataclass(frozen=True)
class Theme:
    """A need in the vocabulary of themas.csv, with the everyday words people use for it."""

    id: str
    naam: str
    omschrijving: str = ""
    woorden: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dialect:
    """How a CSV file was written, as detected on reading; saving reuses it."""

    delimiter: str = ","
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"

    def describe(self) -> str:
        """Dutch, for the user: what was detected."""
        delimiters = {",": "komma", ";": "puntkomma", "\t": "tab"}
        encodings = {"utf-8": "UTF-8", "cp1252": "Windows-1252", "utf-16": "UTF-16"}
        parts = [
            f"gescheiden door {delimiters.get(self.delimiter, repr(self.delimiter))}",
            encodings.get(self.encoding, self.encoding) + (" met BOM" if self.bom else ""),
            "Windows-regeleinden (CRLF)" if self.newline == "\r\n" else "regeleinden LF",
        ]
        return ", ".join(parts)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, said the way a person finds it in a spreadsheet."""

    message: str
    regel: int | None = None
    kolom: str | None = None
    bestand: str | None = None  # set when the problem is in another file than the list itself
    # The same, said to someone who fills in a form (Beheer): fields by their labels, lists to choose from.
    # Set where the message speaks of columns or files; None where it reads the same in a form.
    in_form: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        where = [self.bestand] if self.bestand else []
        if self.regel is not None:
            where.append(f"regel {self.regel}")
        if self.kolom:
            where.append(f"kolom {self.kolom}")
        return f"{', '.join(where)}: {self.message}" if where else self.message

    def in_file(self, name: str) -> Problem:
        """The same problem, said to be in file `name` unless it already names its file."""
        return Problem(self.message, regel=self.regel, kolom=self.kolom, bestand=self.bestand or name)


def summarised(problems: Iterable[Problem], show: int = 5) -> list[str]:
    """Each problem as a line, in the order found, but one that is found on more than `show` lines once, at
    its first place, saying on how many lines and which come first: a list of 100,000 organisations without
    coordinates would otherwise print 60,000 equal lines."""
    problems = list(problems)
    groups: dict[tuple[str, str | None, str | None], list[Problem]] = {}
    for problem in problems:
        groups.setdefault((problem.message, problem.kolom, problem.bestand), []).append(problem)
    lines: list[str] = []
    said: set[tuple[str, str | None, str | None]] = set()
    for problem in problems:
        key = (problem.message, problem.kolom, problem.bestand)
        found = groups[key]
        if len(found) <= show:
            lines.append(str(problem))
        elif key not in said:
            said.add(key)
            regels = [str(p.regel) for p in found if p.regel is not None][:show]
            where = [problem.bestand] if problem.bestand else []
            count = f"{dutch_number(len(found))} keer"
            if regels:
                more = dutch_number(len(found) - len(regels))
                count = f"{dutch_number(len(found))} regels ({', '.join(regels)} en {more} meer)"
            where.append(count)
            if problem.kolom:
                where.append(f"kolom {problem.kolom}")
            lines.append(f"{', '.join(where)}: {problem.message}")
    return lines


def dutch_number(n: int) -> str:
    """12.345, as Dutch writes it."""
    return f"{n:,}".replace(",", ".")


class DirectoryError(Exception):
    """The list could not be loaded or saved. Carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem] | Problem | str, source: str | Path | None = None):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        self.source = str(source) if source is not None else None
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


@dataclass(frozen=True)
class Directory:
    """A validated organisation list with its vocabulary, as one immutable snapshot."""

    organisations: tuple[Organisation, ...]
    themes: tuple[Theme, ...]
    columns: tuple[str, ...]
    version: str
    dialect: Dialect = Dialect()
    source: Path | None = None
    warnings: tuple[Problem, ...] = ()
    region: Region = DERIVED  # what differs per municipality (regio.toml beside the list), else derived
    by_id: dict[str, Organisation] = field(default_factory=dict, compare=False, repr=False)
    theme_by_id: dict[str, Theme] = field(default_factory=dict, compare=False, repr=False)
    # Derived structures (such as the match index) built once per loaded version.
    cache: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.by_id.update({o.id: o for o in self.organisations})
        self.theme_by_id.update({t.id: t for t in self.themes})

    @property
    def active(self) -> tuple[Organisation, ...]:
        # Asked for many times per rerun; at 5,000 organisations the tuple is worth keeping.
        active = self.cache.get("active")
        if active is None:
            active = self.cache["active"] = tuple(o for o in self.organisations if o.actief)
        return active

    def get(self, org_id: str) -> Organisation | None:
        return self.by_id.get(org_id)

    def referred_by(self, org_id: str) -> tuple[Organisation, ...]:
        """Organisations that usually refer on to `org_id`."""
        return tuple(o for o in self.organisations if org_id in o.verwijst_naar)

    def by_domain(self, organisations: tuple[Organisation, ...] | None = None) -> dict[Domain, list]:
        groups: dict[Domain, list[Organisation]] = {d: [] for d in DOMAIN_ORDER}
        for org in self.active if organisations is None else organisations:
            groups[org.domein].append(org)
        return groups
