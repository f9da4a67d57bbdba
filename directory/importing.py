"""Importing a list from a file: validate it, then show what would be added, changed and archived.

Nothing is written here; the Beheer page shows the plan and saves it through the store when the
coordinator confirms. A row (organisation or scheme) missing from the imported file is archived
(actief=nee), never deleted, so an import can always be undone from the history.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from directory.changes import ChangeSet, diff_cells
from directory.csvfile import Row
from directory.listkinds import ListKind, OrganisationList, SchemeList
from directory.model import Directory, Organisation, Problem
from directory.regelingen_schema import Regelingen
from directory.schema import validate_rows


@dataclass(frozen=True)
class ImportPlan:
    items: tuple  # the whole list as it would be saved: organisations, or schemes
    changes: ChangeSet
    problems: tuple[Problem, ...] = ()  # anything here blocks the import
    warnings: tuple[Problem, ...] = ()
    kept_columns: tuple[str, ...] = ()  # not in the file: existing values stay as they are

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def organisations(self) -> tuple[Organisation, ...]:
        return self.items


def rows_from_cells(cells: Iterable[Mapping[str, str]]) -> tuple[list[str], list[Row]]:
    """A header and rows (regel 2, 3, …) for cell dicts, such as the rows an HSDS import gives."""
    rows = [Row(regel, dict(c)) for regel, c in enumerate(cells, start=2)]
    header = list(dict.fromkeys(name for row in rows for name in row.cells))
    return header, rows


def plan_import(
    current: Directory, header: Iterable[str], rows: Iterable[Row], archive_missing: bool = True
) -> ImportPlan:
    """The organisation list after importing `rows` into `current`, and what that changes."""
    kind = OrganisationList()

    def check_file(header, rows):
        # The file may be part of the list: its referrals may name organisations only the list has.
        result = validate_rows(header, rows, current.themes, other_ids=current.by_id)
        return result.organisations, result.problems, result.warnings

    return plan_list_import(kind, current, header, rows, archive_missing, check_file)


def plan_scheme_import(
    current: Regelingen, header: Iterable[str], rows: Iterable[Row], archive_missing: bool = True
) -> ImportPlan:
    """The regelingen after importing `rows` into `current`, checked against the same organisations."""
    return plan_list_import(SchemeList(), current, header, rows, archive_missing)


def plan_list_import(
    kind: ListKind,
    current,
    header: Iterable[str],
    rows: Iterable[Row],
    archive_missing: bool = True,
    check_file: Callable | None = None,
) -> ImportPlan:
    """The list of `kind` after importing `rows` into the snapshot `current`, and what that changes."""
    rows, header = list(rows), [kind.column_name(name) for name in header]
    if not rows:
        # Only a header (or empty lines): importing it would change nothing, or archive the whole list.
        return ImportPlan((), ChangeSet(), (no_rows_problem(kind.noun),))
    rows = [Row(row.regel, {kind.column_name(k): v for k, v in row.cells.items()}) for row in rows]
    context = kind.context_of(current)
    items, problems, warnings = (check_file or (lambda h, r: kind.validate(h, r, context)))(header, rows)
    if problems:
        return ImportPlan((), ChangeSet(), problems, warnings)
    imported = {item.id: item for item in items}
    in_file = set(header)
    merged_cells: list[dict[str, str]] = []
    for item in kind.items(current):  # the list keeps its own order; new rows go at the end
        cells = kind.to_cells(item)
        if item.id in imported:
            # A column the file does not have is not a column the file emptied.
            cells.update({k: v for k, v in kind.to_cells(imported.pop(item.id)).items() if k in in_file})
        elif archive_missing and item.actief:
            cells[kind.archive_column] = "nee"
        merged_cells.append(cells)
    merged_cells.extend(kind.to_cells(item) for item in imported.values())
    merged_header, merged_rows = rows_from_cells(merged_cells)
    merged, merged_problems, _ = kind.validate(merged_header, merged_rows, context)
    if merged_problems:  # an archived row that lacked a required cell, say; name the row
        return ImportPlan((), ChangeSet(), _named(merged_problems, merged_cells), warnings)
    kept = tuple(c for c in dict.fromkeys(k for cells in merged_cells for k in cells) if c not in in_file)
    changes = diff_cells(kind.cells_by_id(kind.items(current)), kind.cells_by_id(merged), kind.archive_column)
    return ImportPlan(tuple(merged), changes, (), tuple(warnings), kept)


def no_rows_problem(noun: str) -> Problem:
    """A file without rows: said so, and never read as "the list without any of its rows"."""
    return Problem(
        f"in het bestand staan geen {noun}, alleen de kolomnamen op de eerste regel; er is niets veranderd. "
        f"Kies het goede bestand, of zet de {noun} onder de kolomnamen, één per regel"
    )


def _named(problems: Iterable[Problem], cells: list[dict[str, str]]) -> tuple[Problem, ...]:
    return tuple(
        Problem(f"{cells[p.regel - 2].get('id', '')}: {p.message}", kolom=p.kolom) if p.regel else p for p in problems
    )
