"""Importing a list from a file: validate it, then show what would be added, changed and archived.

Nothing is written here; the Beheer page shows the plan and saves it through the store when the
coordinator confirms. An organisation missing from the imported file is archived (actief=nee),
never deleted, so an import can always be undone from the history.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from directory.changes import ChangeSet, diff
from directory.csvfile import Row
from directory.model import Directory, Organisation, Problem
from directory.schema import to_cells, validate_rows


@dataclass(frozen=True)
class ImportPlan:
    organisations: tuple[Organisation, ...]  # the whole list as it would be saved
    changes: ChangeSet
    problems: tuple[Problem, ...] = ()  # anything here blocks the import
    warnings: tuple[Problem, ...] = ()
    kept_columns: tuple[str, ...] = ()  # not in the file: existing values stay as they are

    @property
    def ok(self) -> bool:
        return not self.problems


def rows_from_cells(cells: Iterable[Mapping[str, str]]) -> tuple[list[str], list[Row]]:
    """A header and rows (regel 2, 3, …) for cell dicts, such as the rows an HSDS import gives."""
    rows = [Row(regel, dict(c)) for regel, c in enumerate(cells, start=2)]
    header = list(dict.fromkeys(name for row in rows for name in row.cells))
    return header, rows


def plan_import(
    current: Directory, header: Iterable[str], rows: Iterable[Row], archive_missing: bool = True
) -> ImportPlan:
    """The list after importing `rows` into `current`, and what that changes."""
    rows, header = list(rows), list(header)
    result = validate_rows(header, rows, current.themes, other_ids=current.by_id)
    if result.problems:
        return ImportPlan((), ChangeSet(), result.problems, result.warnings)
    imported = {org.id: org for org in result.organisations}
    in_file = set(header)
    merged_cells: list[dict[str, str]] = []
    for org in current.organisations:  # the list keeps its own order; new rows go at the end
        cells = to_cells(org)
        if org.id in imported:
            # A column the file does not have is not a column the file emptied.
            cells.update({k: v for k, v in to_cells(imported.pop(org.id)).items() if k in in_file})
        elif archive_missing and org.actief:
            cells["actief"] = "nee"
        merged_cells.append(cells)
    merged_cells.extend(to_cells(org) for org in imported.values())
    merged_header, merged_rows = rows_from_cells(merged_cells)
    merged = validate_rows(merged_header, merged_rows, current.themes)
    if merged.problems:  # an archived row that lacked a required cell, say; name the organisation
        return ImportPlan((), ChangeSet(), _named(merged.problems, merged_cells), merged.warnings)
    kept = tuple(c for c in dict.fromkeys(k for cells in merged_cells for k in cells) if c not in in_file)
    changes = diff(current.organisations, merged.organisations)
    return ImportPlan(merged.organisations, changes, (), result.warnings, kept)


def _named(problems: Iterable[Problem], cells: list[dict[str, str]]) -> tuple[Problem, ...]:
    return tuple(
        Problem(f"{cells[p.regel - 2].get('id', '')}: {p.message}", kolom=p.kolom) if p.regel else p for p in problems
    )
