"""The CSV contract of organisaties.csv and themas.csv as data, and validation in one place.

Every message is Dutch, names the line as a spreadsheet shows it (the header is regel 1) and the
column, and says what to do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import repeat
from operator import attrgetter
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError
from rapidfuzz import process

from directory import fields
from directory.contract import (
    CHECKS,
    COLUMN_BY_NAME,
    COLUMN_HELP,
    COLUMN_LABELS,
    COLUMN_NAMES,
    COLUMN_ORDER,
    REQUIRED_COLUMNS,
    REQUIRED_WHEN_ARCHIVED,
    Column,
    Kind,
)
from directory.model import KNOWN_TARGET_GROUPS, Organisation, Problem, Theme
from directory.vocab import DOMAIN_VALUES, Domain

COLUMN_KINDS = {name: column.kind for name, column in COLUMN_BY_NAME.items()}

# The contract lives in directory.contract as one table; these names are its views used here.
THEME_COLUMNS: tuple[Column, ...] = (
    Column("id", Kind.ID, True, "Sleutel", "vaste korte sleutel van het thema"),
    Column("naam", Kind.TEXT, True, "Naam", "naam van het thema"),
    Column("omschrijving", Kind.MULTILINE, False, "Uitleg", "korte uitleg"),
    Column(
        "woorden",
        Kind.LIST,
        False,
        "Woorden",
        "woorden en synoniemen zoals mensen ze zeggen, gescheiden door een puntkomma",
    ),
)

# The Netherlands with a margin: a point outside it is most likely lat and lon swapped.
NL_BOUNDS = (50.6, 53.7, 3.2, 7.3)
ModelT = TypeVar("ModelT", bound=BaseModel)


class RowSource(Protocol):
    regel: int
    cells: dict[str, str]


@dataclass(frozen=True)
class Validated:
    organisations: tuple[Organisation, ...]
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...]


def check_header(header: Iterable[str], required: Iterable[str] = REQUIRED_COLUMNS) -> list[Problem]:
    present = set(header)
    return [
        Problem(
            f"de verplichte kolom '{name}' ontbreekt; voeg een kolom met die naam toe aan de eerste regel "
            f"({COLUMN_HELP.get(name, '')})".replace(" ()", ""),
            regel=1,
            kolom=name,
        )
        for name in required
        if name not in present
    ]


def validate_rows(
    header: Iterable[str], rows: Iterable[RowSource], themes: Iterable[Theme], other_ids: Iterable[str] = ()
) -> Validated:
    """Validate every row and the links between rows. Collects all problems; never stops at the first.

    `other_ids` are organisations outside these rows that verwijst_naar may name (an import of part
    of the list may refer to organisations already in it).
    """
    header = tuple(header)
    rows = list(rows)
    # Rows from elsewhere than a parsed file may leave a cell out, or hold a link column the header lacks.
    names = dict.fromkeys([*header, *(name for name in LINK_COLUMNS if any(name in row.cells for row in rows))])
    columns = {name: [row.cells.get(name, "") for row in rows] for name in names}
    return validate_columns(header, columns, [row.regel for row in rows], themes, other_ids)


LINK_COLUMNS = ("themas", "verwijst_naar")


def validate_columns(
    header: Iterable[str],
    columns: Mapping[str, Sequence[str]],
    regels: Sequence[int],
    themes: Iterable[Theme],
    other_ids: Iterable[str] = (),
) -> Validated:
    """validate_rows for a table kept as columns (csvfile.Table): `columns[name][i]` is the cell of the row
    a spreadsheet shows as regel `regels[i]`."""
    header = tuple(header)
    problems = check_header(header)
    if problems:
        return Validated((), tuple(problems), ())
    theme_ids = {t.id for t in themes}
    known = [name for name in header if name in COLUMN_NAMES]
    extra_names = [name for name in header if name not in COLUMN_NAMES]
    size = len(regels)
    raw_ids = [cell.strip() for cell in columns.get("id", ())] or [""] * size
    all_ids = (set(raw_ids) | set(other_ids)) - {""}
    organisations: list[Organisation] = []
    warnings: list[Problem] = []
    first_seen: dict[str, int] = {}
    cells = CellChecks()
    # The fast path builds every row whose cells all pass; any other row takes the precise path.
    checked = cells.organisations(columns, known, extra_names, size)
    # Links are checked on the raw cells, so a row with other problems still reports these.
    broken_links = cells.broken_links(columns, theme_ids, all_ids)
    unique = len(all_ids) == size and not other_ids  # the usual list: no id twice, none empty
    kept_regels: list[int] = []
    # The usual list: every row passed, no link is broken, no id twice. Then the loop below would only copy.
    everything_passed = unique and not broken_links and None not in checked
    if everything_passed:
        organisations, kept_regels = checked, list(regels)
    rows = () if everything_passed else zip(regels, checked, strict=True)
    for i, (regel, org) in enumerate(rows):
        row_problems = [] if org is not None else None
        if org is None or i in broken_links:
            row_cells = {name: column[i] for name, column in columns.items()}
            if org is None:
                org, row_problems = parse_row(row_cells, known, extra_names, regel)
                if org is None:  # every problem at once: the pairs too, of the cells that pass alone
                    row_problems += _pairs_of_cells(row_cells, regel)
            if i in broken_links:
                row_problems = [*row_problems, *_check_links(row_cells, regel, theme_ids, all_ids)]
        problems.extend(row_problems)
        if not unique:
            raw_id = raw_ids[i]
            if raw_id in first_seen:
                problems.append(
                    Problem(
                        f"{fields.quote(raw_id)} komt al voor op regel {first_seen[raw_id]}; elk id moet uniek zijn",
                        regel=regel,
                        kolom="id",
                    )
                )
                continue
            if raw_id:
                first_seen[raw_id] = regel
        if org is not None:
            organisations.append(org)
            kept_regels.append(regel)
    pair_problems, warnings = _row_messages(organisations, kept_regels)
    problems.extend(pair_problems)
    problems.sort(key=lambda p: (p.regel or 0, COLUMN_ORDER.index(p.kolom) if p.kolom in COLUMN_NAMES else 99))
    return Validated(tuple(organisations), tuple(problems), tuple(warnings))


FAILED = object()
# Cells unique by nature: caching them by text would only cost memory.
UNCACHED_COLUMNS = frozenset({"id", "naam"})
# What model_construct fills in for a column the file does not have.
_DEFAULTS = {
    name: field.get_default(call_default_factory=True)
    for name, field in Organisation.model_fields.items()
    if not field.is_required()
}


class CellChecks:
    """Validation in bulk, column by column. Each column's check runs once per distinct cell text (a list of
    100,000 repeats most of its cells: groups, themes, yes and no, how to apply), and a row whose cells all
    pass is built without pydantic checking every field again (see `_construct`). A row with any problem
    is None here and goes through parse_row, so its problems and their Dutch messages are exactly those
    of the precise path."""

    def __init__(self) -> None:
        self.lists: dict[tuple[str, str], tuple[str, ...]] = {}

    @staticmethod
    def _checked(column: str, raw: str) -> object:
        """The column's checked value of `raw`, or FAILED."""
        try:
            return _typed(column, CHECKS[column](raw))
        except ValueError:  # PydanticCustomError: the precise path reports it
            return FAILED

    def column(self, name: str, raw: Sequence[str]) -> tuple[list[object], set[int]]:
        """The checked values of one column, and the rows whose cell failed."""
        if COLUMN_KINDS[name] in TEXT_KINDS:
            distinct = raw if name in UNCACHED_COLUMNS else list(dict.fromkeys(raw))
            texts = _texts(COLUMN_KINDS[name], distinct)
            if texts is not None:
                if distinct is raw:
                    return texts, set()
                return list(map(dict(zip(distinct, texts, strict=True)).__getitem__, raw)), set()
        if COLUMN_KINDS[name] is Kind.LIST:
            distinct = list(dict.fromkeys(raw))
            lists = _word_lists(distinct)
            if lists is not None:
                return list(map(dict(zip(distinct, lists, strict=True)).__getitem__, raw)), set()
        if name in UNCACHED_COLUMNS:
            values = [self._checked(name, cell) for cell in raw]
        else:
            known = {cell: self._checked(name, cell) for cell in set(raw)}
            values = list(map(known.__getitem__, raw))
            if FAILED not in known.values():
                return values, set()
        return values, ({i for i, value in enumerate(values) if value is FAILED} if FAILED in values else set())

    def organisations(
        self, columns: Mapping[str, Sequence[str]], known: Sequence[str], extra: Sequence[str], size: int
    ) -> list[Organisation | None]:
        """Each row's organisation, or None for a row with any problem (`columns[name][i]`: row i's cell)."""
        failed: set[int] = set()
        checked: dict[str, list[object]] = {}
        empty: dict[str, Sequence[str]] = {}  # the raw cells of required columns that have an empty one
        for name in known:
            raw = columns[name]
            checked[name], bad = self.column(name, raw)
            failed |= bad
            if name in REQUIRED_COLUMNS and min(map(len, map(str.strip, raw)), default=1) == 0:
                empty[name] = raw
        if any(name not in checked for name in REQUIRED_COLUMNS):
            failed.update(range(size))  # (check_header stops such a file before it gets here)
        active = checked.get("actief")
        for name, raw in empty.items():
            # An archived organisation needs fewer cells.
            always = name in REQUIRED_WHEN_ARCHIVED
            failed.update(
                i
                for i, cell in enumerate(raw)
                if not cell.strip() and (always or active is None or active[i] is not False)
            )
        if extra:
            rows = zip(*(columns[name] for name in extra), strict=True)
            extras = [dict(zip(extra, values, strict=True)) for values in rows]
        else:
            # No extra columns: one empty dict for all (nothing changes an organisation's extra in place; 100,000
            # empty dicts took a tenth of a second).
            extras = [{}] * size
        return _construct(checked, extras, failed)

    def broken_links(self, columns: Mapping[str, Sequence[str]], theme_ids: set[str], ids: set[str]) -> set[int]:
        """The rows with a theme or a verwijst_naar target that does not exist (then _check_links says which).
        Each distinct cell is read once: a list of 100,000 repeats its themes."""
        broken: set[int] = set()
        for column, allowed in (("themas", theme_ids), ("verwijst_naar", ids)):
            raw = columns.get(column)
            if raw is None:
                continue
            bad = {cell for cell in set(raw) if cell and not allowed.issuperset(self._list(column, cell))}
            if bad:
                broken.update(i for i, cell in enumerate(raw) if cell in bad)
        return broken

    def _list(self, column: str, raw: str) -> tuple[str, ...]:
        items = self.lists.get((column, raw))
        if items is None:
            items = self.lists[(column, raw)] = _raw_list({column: raw}, column)
        return items


TEXT_KINDS = frozenset({Kind.ID, Kind.TEXT, Kind.MULTILINE})


def _texts(kind: Kind, cells: Sequence[str]) -> list[str] | None:
    """The cells of a text column checked all at once, as fields.text, multiline_text and identifier check
    each: one search for hidden characters over the whole column instead of one per cell (a third of the
    time of validating 100,000 organisations). None when any cell may fail: then each cell is checked,
    and the failing ones say why."""
    if set(map(type, cells)) - {str}:
        return None
    joined = "\n".join(cells)
    if fields.has_hidden(joined):
        return None
    if kind is Kind.MULTILINE:
        texts = [cell.strip() for cell in cells]
        return [t.replace("\r\n", "\n").replace("\r", "\n") for t in texts] if "\r" in joined else texts
    # A line end inside a cell: text and identifier refuse it (after stripping, so the precise path decides).
    if "\r" in joined or joined.count("\n") != max(len(cells) - 1, 0):
        return None
    texts = [cell.strip() for cell in cells]
    if kind is Kind.ID and not (
        max(map(len, texts), default=0) <= fields.ID_MAX and all(map(fields.ID_RE.match, texts))
    ):
        return None
    return texts


def _word_lists(cells: Sequence[str]) -> list[tuple[str, ...]] | None:
    """The cells of a list column checked all at once, as fields.word_list checks each (a list of 100,000
    with its own keywords per organisation has tens of thousands of distinct cells). None when any cell
    may fail: then each cell is checked, and the failing ones say why."""
    if set(map(type, cells)) - {str}:
        return None
    joined = "\n".join(cells)
    if fields.has_hidden(joined) or "\r" in joined or joined.count("\n") != max(len(cells) - 1, 0):
        return None
    # As word_list: the stripped items in order, in lower case, each once.
    separator = fields.LIST_SEPARATOR
    return [tuple(dict.fromkeys(filter(None, map(str.strip, cell.lower().split(separator))))) for cell in cells]


def _construct(
    columns: Mapping[str, list[object]], extras: list[dict[str, str]], failed: set[int]
) -> list[Organisation | None]:
    """Organisations from checked columns, as `Organisation.model_construct` makes them (the same __dict__,
    in field order, and the same fields set), without its per-field loop: that loop was two
    seconds at 100,000 rows. tests/test_validation_bulk.py holds it to model_validate, field for field."""
    assert Organisation.__pydantic_post_init__ is None and not Organisation.__private_attributes__
    names = list(Organisation.model_fields)
    # One set for all rows: a set per row was 2 KB, 200 MB at 100,000 rows. Pydantic only changes the set
    # of a model it has just copied (model_copy copies it first), and an Organisation is frozen.
    fields_set = {*columns, "extra"}
    # Per field in model order: the checked column, the extras, or the default repeated.
    sources = [
        extras if name == "extra" else columns[name] if name in columns else repeat(_DEFAULTS[name], len(extras))
        for name in names
    ]
    made: list[Organisation | None] = []
    new, set_attribute = Organisation.__new__, object.__setattr__
    for i, values in enumerate(zip(*sources, strict=True)):
        if i in failed:
            made.append(None)
            continue
        org = new(Organisation)
        set_attribute(org, "__dict__", dict(zip(names, values, strict=True)))
        set_attribute(org, "__pydantic_fields_set__", fields_set)
        set_attribute(org, "__pydantic_extra__", None)
        set_attribute(org, "__pydantic_private__", None)
        made.append(org)
    return made


def _typed(column: str, value: object) -> object:
    """The value as the model holds it: the domain checks return text, the model an enum member."""
    if COLUMN_KINDS[column] in (Kind.DOMAIN, Kind.OPTIONAL_DOMAIN) and value is not None:
        return Domain(value)
    return value


def parse_row(
    cells: Mapping[str, str], known: Iterable[str], extra_names: Iterable[str], regel: int
) -> tuple[Organisation | None, list[Problem]]:
    values = {name: cells.get(name, "") for name in known}
    archived = values.get("actief", "").strip().lower() in ("nee", "n")
    required = REQUIRED_WHEN_ARCHIVED if archived else REQUIRED_COLUMNS
    extra = {name: cells.get(name, "") for name in extra_names}
    return validate_row(Organisation, values, extra, required, COLUMN_HELP, regel)


def validate_row(
    model: type[ModelT], values: dict[str, Any], extra: dict[str, str], required: Iterable[str],
    help_of: Mapping[str, str], regel: int,
) -> tuple[ModelT | None, list[Problem]]:  # fmt: skip
    """One row through `model` (an organisation or a scheme). An empty required cell is said once, with
    what to fill in; it is validated even then, so the other cells' problems show at once too."""
    problems = [
        Problem(
            f"is leeg, maar deze kolom is verplicht; vul in: {help_of[name]}",
            regel=regel,
            kolom=name,
            in_form=f"{EMPTY_IN_FORM}; vul in: {help_of[name]}",
        )
        for name in required
        if not str(values.get(name, "")).strip()
    ]
    empty_required = {p.kolom for p in problems}
    try:
        item = model.model_validate({**values, "extra": extra})
    except ValidationError as exc:
        for error in exc.errors():
            column = str(error["loc"][0]) if error["loc"] else None
            if column not in empty_required:
                in_form = error.get("ctx", {}).get("in_form") if error.get("type") == "vangnet" else None
                problems.append(Problem(_dutch(error), regel=regel, kolom=column, in_form=in_form))
        return None, problems
    return (item if not problems else None), problems


def _dutch(error: Mapping) -> str:
    if error.get("type") == "vangnet":
        return str(error["ctx"]["reason"])
    if error.get("type") == "enum":  # only when a caller passes a non-text domain
        return f"{fields.quote(error.get('input'))} is geen geldige waarde; kies {', '.join(DOMAIN_VALUES)}"
    return f"{fields.quote(error.get('input'))} is geen geldige waarde"


def _raw_list(cells: Mapping[str, str], column: str) -> tuple[str, ...]:
    try:
        return (
            fields.word_list(cells.get(column, ""))
            if column != "verwijst_naar"
            else tuple(fields.split_list(cells.get(column, "")))
        )
    except Exception:  # the cell's own problem is reported by the model
        return ()


def _check_links(cells: Mapping[str, str], regel: int, theme_ids: set[str], ids: set[str]) -> list[Problem]:
    problems = []
    for theme in _raw_list(cells, "themas"):
        if theme not in theme_ids:
            unknown = f"{fields.quote(theme)} is geen bekend thema{did_you_mean(theme, theme_ids)}"
            problems.append(
                Problem(
                    f"{unknown}; gebruik een id uit themas.csv",
                    regel=regel,
                    kolom="themas",
                    in_form=f"{unknown}; {CHOOSE_THEMES}",
                )
            )
    for target in _raw_list(cells, "verwijst_naar"):
        # Not an id at all ("Voedselbank Amersfoort"): the cell's own check says so, once.
        if target not in ids and fields.is_identifier(target):
            problems.append(
                Problem(
                    f"{fields.quote(target)} bestaat niet als id in deze lijst{did_you_mean(target, ids)}; "
                    "verwijs alleen naar organisaties uit de lijst",
                    regel=regel,
                    kolom="verwijst_naar",
                )
            )
    return problems


def _row_messages(organisations: Sequence[Organisation], regels: Sequence[int]) -> tuple[list[Problem], list[Problem]]:
    """What a row's cells say together, which no single cell's check sees: problems (half a place, the same
    domain twice) and warnings (an unknown group, a place abroad, a link to itself, no place on the map), per
    row in that order. Read column by column: two calls per row for 100,000 rows took half a second."""
    field = partial(_attributes, organisations)
    groups = field("doelgroepen")
    unknown_in = {g: [x for x in g if x not in KNOWN_GROUP_SET] for g in set(groups)}
    unknown_group = {
        g: f"onbekende doelgroep {fields.quote(unknown[0])}; gebruikelijk zijn: {', '.join(KNOWN_TARGET_GROUPS)}"
        for g, unknown in unknown_in.items()
        if unknown
    }
    south, north, west, east = NL_BOUNDS
    problems: list[Problem] = []
    warnings: list[Problem] = []
    rows = zip(
        regels, field("id"), field("actief"), groups, field("lat"), field("lon"), field("domein"),
        field("ook_domein"), field("verwijst_naar"), strict=True,
    )  # fmt: skip
    for regel, org_id, active, group, lat, lon, domain, also, refs in rows:
        located = lat is not None and lon is not None
        if not located or also is not None:
            problems += _pair_problems(regel, lat, lon, domain, also)
        if group in unknown_group:
            warnings.append(Problem(unknown_group[group], regel=regel, kolom="doelgroepen"))
        if located and not (south <= lat <= north and west <= lon <= east):
            warnings.append(Problem(ABROAD, regel=regel, kolom="lat"))
        if org_id in refs:
            warnings.append(Problem(LINKS_TO_ITSELF, regel=regel, kolom="verwijst_naar"))
        if active and not located:
            warnings.append(Problem(NOT_ON_THE_MAP, regel=regel, kolom="lat"))
    return problems, warnings


def _pair_problems(regel: int, lat: object, lon: object, domain: object, also: object) -> list[Problem]:
    """Two cells that pass alone but not together: half a place, and the same domain twice."""
    problems = []
    if (lat is None) != (lon is None):
        problems.append(Problem(**HALF_A_PLACE, regel=regel, kolom="lon" if lon is None else "lat"))
    if also is not None and also == domain:
        problems.append(Problem(**SAME_DOMAIN_TWICE, regel=regel, kolom="ook_domein"))
    return problems


def _pairs_of_cells(cells: Mapping[str, str], regel: int) -> list[Problem]:
    """The pair problems of a row with other problems too, from those of its cells that pass alone: the form
    and the import show every problem at once, not one round after another."""
    value = {name: CellChecks._checked(name, cells.get(name, "")) for name in ("lat", "lon", "domein", "ook_domein")}
    lat, lon, domain, also = value["lat"], value["lon"], value["domein"], value["ook_domein"]
    place = (lat, lon) if FAILED not in (lat, lon) else (0.0, 0.0)  # a failing cell has its own message
    domains = (domain, also) if FAILED not in (domain, also) else (None, None)
    return _pair_problems(regel, *place, *domains)


# Said to the file and to the form (Problem.in_form).
HALF_A_PLACE = {
    "message": "vul lat en lon allebei in, of laat ze allebei leeg",
    "in_form": f"vul {COLUMN_LABELS['lat']} en {COLUMN_LABELS['lon']} allebei in, of laat ze allebei leeg",
}
SAME_DOMAIN_TWICE = {
    "message": "is hetzelfde als domein; laat ook_domein leeg of kies een andere groep",
    "in_form": f"is hetzelfde als {COLUMN_LABELS['domein']}; kies bij {COLUMN_LABELS['ook_domein']} het streepje "
    "(—) of een andere groep",
}
# An empty required field, said in a form (a form adds what to do in that field).
EMPTY_IN_FORM = "dit veld is verplicht en nog leeg"
# What to do about the themes in a form, where they are chosen from a list.
CHOOSE_THEMES = "kies een of meer thema's in de lijst"
ABROAD = "deze plek ligt buiten Nederland; zijn lat en lon misschien omgewisseld?"
LINKS_TO_ITSELF = "de organisatie verwijst naar zichzelf"
NOT_ON_THE_MAP = "geen lat en lon: de organisatie staat niet op de kaart"


def _attributes(organisations: Sequence[Organisation], name: str) -> list[object]:
    return list(map(attrgetter(name), organisations))


KNOWN_GROUP_SET = frozenset(KNOWN_TARGET_GROUPS)


def did_you_mean(value: str, options: Iterable[str]) -> str:
    """The closest known value as " (bedoel je 'x'?)", or "" when none is close or nothing was typed."""
    match = process.extractOne(value, list(options), score_cutoff=75) if value else None
    return f" (bedoel je '{match[0]}'?)" if match else ""


# --- themes ---------------------------------------------------------------------------------


def validate_themes(
    header: Iterable[str], rows: Iterable[RowSource], bestand: str
) -> tuple[list[Theme], list[Problem]]:
    header = tuple(header)
    problems = [
        Problem(p.message, regel=p.regel, kolom=p.kolom, bestand=bestand)
        for p in check_header(header, [c.name for c in THEME_COLUMNS if c.required])
    ]
    if problems:
        return [], problems
    themes: list[Theme] = []
    seen: dict[str, int] = {}
    for row in rows:
        theme_id = row.cells.get("id", "").strip()
        naam = row.cells.get("naam", "").strip()
        try:
            fields.identifier(theme_id)
        except Exception as exc:  # PydanticCustomError carries the Dutch reason
            problems.append(Problem(_reason(exc), regel=row.regel, kolom="id", bestand=bestand))
            continue
        if theme_id in seen:
            problems.append(
                Problem(
                    f"{fields.quote(theme_id)} komt al voor op regel {seen[theme_id]}; elk thema-id moet uniek zijn",
                    regel=row.regel,
                    kolom="id",
                    bestand=bestand,
                )
            )
            continue
        seen[theme_id] = row.regel
        if not naam:
            problems.append(Problem("is leeg; geef het thema een naam", regel=row.regel, kolom="naam", bestand=bestand))
            continue
        parsed, cell_problems = _theme_cells(row.cells, naam)
        problems.extend(Problem(m, regel=row.regel, kolom=k, bestand=bestand) for k, m in cell_problems)
        if parsed is not None:
            themes.append(Theme(theme_id, *parsed))
    if not themes and not problems:
        problems.append(Problem("bevat geen thema's", bestand=bestand))
    return themes, problems


def _theme_cells(cells: Mapping[str, str], naam: str) -> tuple[tuple | None, list[tuple[str, str]]]:
    """naam, omschrijving and woorden of a theme row, each checked like an organisation's cells."""
    checks = (
        ("naam", fields.text, naam),
        ("omschrijving", fields.multiline_text, cells.get("omschrijving", "")),
        ("woorden", fields.word_list, cells.get("woorden", "")),
    )
    values, problems = [], []
    for column, check, raw in checks:
        try:
            values.append(check(raw))
        except Exception as exc:  # PydanticCustomError carries the Dutch reason
            problems.append((column, _reason(exc)))
    return (tuple(values) if not problems else None), problems


def _reason(exc: Exception) -> str:
    context = getattr(exc, "context", None) or {}
    return str(context.get("reason", exc))


# --- writing back ---------------------------------------------------------------------------


def to_cells(org: Organisation) -> dict[str, str]:
    """The row of a spreadsheet for `org`: every known column and the extra ones, as text."""
    cells: dict[str, str] = {}
    for name in COLUMN_ORDER:
        cells[name] = format_value(getattr(org, name))
    cells.update(org.extra)
    return cells


def format_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, tuple | list):
        return fields.LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def output_header(original: Iterable[str], organisations: Iterable[Organisation]) -> list[str]:
    """The header to save with: the file's own order, plus columns that now hold a value.

    Known columns are added in contract order, extra ones (say from an import) after them.
    """
    header = list(original)
    present = set(header)
    organisations = list(organisations)
    needed = {name for org in organisations for name, value in to_cells(org).items() if value}
    header += [name for name in COLUMN_ORDER if name in needed and name not in present]
    extras = dict.fromkeys(name for org in organisations for name, value in org.extra.items() if value)
    header += [name for name in extras if name not in present]
    return header
