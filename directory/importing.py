"""Importing a list from a file: validate it, then show what would be added, changed and archived.

Nothing is written here; the Beheer page shows the plan and saves it through the store when the
coordinator confirms. An organisation missing from the imported file is archived (actief=nee),
never deleted, so an import can always be undone from the history.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from directory.changes import ChangeSet, diff
from directory.model import Directory, Organisation, Problem
from directory.schema import validate_rows
from directory.store import Row


@dataclass(frozen=True)
class ImportPlan:
    organisations: tuple[Organisation, ...]  # the whole list as it would be saved
    changes: ChangeSet
    problems: tuple[Problem, ...] = ()  # anything here blocks the import
    warnings: tuple[Problem, ...] = ()

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
    rows = list(rows)
    result = validate_rows(header, rows, current.themes, other_ids=current.by_id)
    if result.problems:
        return ImportPlan((), ChangeSet(), result.problems, result.warnings)
    imported = {org.id: org for org in result.organisations}
    merged: list[Organisation] = []
    for org in current.organisations:  # the list keeps its own order; new rows go at the end
        if org.id in imported:
            merged.append(imported.pop(org.id))
        elif archive_missing and org.actief:
            merged.append(org.model_copy(update={"actief": False}))
        else:
            merged.append(org)
    merged.extend(imported.values())
    return ImportPlan(tuple(merged), diff(current.organisations, merged), (), result.warnings)
