"""What the store needs to know about a kind of list: the organisations, or the regelingen (schemes).

The store's guarantees (lock, version check, one validation inside the lock, atomic write, history,
restore) are the same for every list. What differs is only this: what validation reads beside the
file (the themes; for schemes also the organisation list their links point into), how a parsed
table becomes a validated snapshot, how a row is written as cells, and what a row is called in a
message. Both lists key rows by `id` and archive with `actief=nee`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from directory import csvfile
from directory import regelingen_schema as rs
from directory.csvfile import Row, Table
from directory.fields import split_list
from directory.loading import build_directory, load_directory, load_themes, themes_path_for
from directory.model import Directory, DirectoryError, Problem, Theme
from directory.region import DERIVED, Region
from directory.schema import output_header, to_cells, validate_rows

Cells = dict[str, str]


class ListKind:
    """The parts of a list the store cannot know by itself. Subclasses fill in every method."""

    noun = "rijen"  # plural, in messages: "organisaties worden niet verwijderd"
    archive_column = "actief"  # a row is archived with "nee" here, never removed

    def context(self, path: Path) -> Any:
        """What validation reads besides the file; read once per save, inside the lock."""
        raise NotImplementedError

    def context_of(self, snapshot: Any) -> Any:
        """The same, as a loaded snapshot already holds it (to check cells before a save)."""
        raise NotImplementedError

    def load(self, path: Path) -> Any:
        raise NotImplementedError

    def build(self, table: Table, context: Any, source: Path | None) -> Any:
        """The validated snapshot of a parsed table; raises DirectoryError with every problem."""
        raise NotImplementedError

    def validate(self, header: Sequence[str], rows: Sequence[Row], context: Any) -> tuple[tuple, tuple, tuple]:
        """Rows -> (items, problems, warnings), with the same rules as `check`."""
        raise NotImplementedError

    def items(self, snapshot: Any) -> tuple:
        raise NotImplementedError

    def to_cells(self, item: Any) -> Cells:
        raise NotImplementedError

    def output_header(self, original: Iterable[str], items: Sequence[Any]) -> list[str]:
        raise NotImplementedError

    def column_name(self, name: str) -> str:
        """A header cell as the contract names it."""
        return name

    # -- the same for every kind -----------------------------------------------------------------

    def cells_by_id(self, items: Iterable[Any]) -> dict[str, Cells]:
        return {item.id: self.to_cells(item) for item in items}

    def current_cells(self, table: Table, context: Any) -> dict[str, Cells]:
        """The rows as the store would write them, so a re-save of Excel's '52,15' is no change;
        the raw cells when the file has problems (restoring is how a broken list gets fixed)."""
        items, problems, _ = self.validate(table.header, table.rows, context)
        if not problems:
            return self.cells_by_id(items)
        return {
            row.cells.get("id", "").strip(): {self.column_name(k): v for k, v in row.cells.items()}
            for row in table.rows
        }


@dataclass(frozen=True)
class OrganisationList(ListKind):
    """organisaties.csv: validated against the themes beside it (or the bundled ones)."""

    themes_path: Path | None = None
    region: Region = DERIVED

    noun = "organisaties"

    def context(self, path: Path) -> tuple[Theme, ...]:
        return load_themes(self.themes_path or themes_path_for(path))

    def context_of(self, snapshot: Directory) -> tuple[Theme, ...]:
        return snapshot.themes

    def load(self, path: Path) -> Directory:
        return load_directory(path, self.themes_path)

    def build(self, table: Table, context: tuple[Theme, ...], source: Path | None) -> Directory:
        directory = build_directory(table, context, source, self.region)
        problems = scheme_link_problems(directory, source)
        if problems:
            raise DirectoryError(problems, source)
        return directory

    def validate(self, header, rows, context):
        result = validate_rows(header, rows, context)
        return result.organisations, result.problems, result.warnings

    def items(self, snapshot: Directory) -> tuple:
        return snapshot.organisations

    def to_cells(self, item) -> Cells:
        return to_cells(item)

    def output_header(self, original, items) -> list[str]:
        return output_header(original, items)


@dataclass(frozen=True)
class SchemeContext:
    themes: tuple[Theme, ...]
    directory: Directory  # the organisation list that hulp_bij_aanvragen and uitvoerder_id point into


@dataclass(frozen=True)
class SchemeList(ListKind):
    """regelingen.csv: validated against the themes and the organisation list, on every save.

    `organisations` gives the organisation list as it is now (the database store's, say); by default
    the organisaties.csv beside the schemes, else the bundled one, as `check` does.
    """

    organisations: Callable[[], Directory] | None = None

    noun = "regelingen"

    def context(self, path: Path) -> SchemeContext:
        directory = (
            self.organisations() if self.organisations else rs.load_organisations(rs.organisations_path_for(path))
        )
        return SchemeContext(load_themes(themes_path_for(path)), directory)

    def context_of(self, snapshot: rs.Regelingen) -> SchemeContext:
        return SchemeContext(snapshot.themes, snapshot.directory)

    def load(self, path: Path) -> rs.Regelingen:
        return rs.load_regelingen(path, self.organisations() if self.organisations else None)

    def build(self, table: Table, context: SchemeContext, source: Path | None) -> rs.Regelingen:
        return rs.build_regelingen(table, context.themes, context.directory, source)

    def validate(self, header, rows, context: SchemeContext):
        items, problems = rs.validate_regelingen(header, rows, (t.id for t in context.themes), context.directory)
        return items, problems, ()

    def items(self, snapshot: rs.Regelingen) -> tuple:
        return snapshot.regelingen

    def to_cells(self, item) -> Cells:
        return rs.to_cells(item)

    def output_header(self, original, items) -> list[str]:
        """The file's own columns in its order (as the contract names them), then columns that now hold a value."""
        header = [rs.normalise_column_name(name) for name in original]
        cells = [self.to_cells(item) for item in items]
        filled = dict.fromkeys(name for row in cells for name, value in row.items() if value)
        known = [name for name in rs.COLUMN_ORDER if name in filled]
        return list(dict.fromkeys([*header, *known, *filled]))

    def column_name(self, name: str) -> str:
        return rs.normalise_column_name(name)


def scheme_link_problems(directory: Directory, source: Path | None) -> list[Problem]:
    """An organisation that an open scheme names (hulp bij aanvragen, uitvoerder) may not be archived: the
    scheme would point at nobody and the pages could no longer show the schemes. Say which scheme."""
    schemes = Path(source).with_name(rs.FILE_NAME) if source is not None else None
    if schemes is None or not schemes.is_file():
        return []
    try:
        table = csvfile.load(schemes)
    except DirectoryError:
        return []  # a broken schemes file is its own problem; it must not block the organisations
    archived = {o.id for o in directory.organisations if not o.actief}
    problems = []
    for row in table.rows:
        cells = {rs.normalise_column_name(k): v for k, v in row.cells.items()}
        if cells.get("actief", "").strip().lower() in ("nee", "n"):
            continue
        named = set(split_list(cells.get("hulp_bij_aanvragen", ""))) | {cells.get("uitvoerder_id", "").strip()}
        for org_id in sorted(named & archived):
            scheme = cells.get("naam", "").strip() or cells.get("id", "").strip()
            problems.append(
                Problem(
                    f"'{org_id}' wordt genoemd bij de regeling '{scheme}' ({rs.FILE_NAME}, regel {row.regel}); "
                    "pas eerst die regeling aan (Beheer, Regelingen), of laat de organisatie actief",
                    kolom="actief",
                )
            )
    return problems


def removal_problems(kind: ListKind, removed: Iterable[str]) -> list[Problem]:
    return [
        Problem(
            f"'{row_id}' staat niet meer in de lijst; {kind.noun} worden niet verwijderd. "
            f"Zet {kind.archive_column} op nee om te archiveren.",
            kolom="id",
        )
        for row_id in removed
    ]
