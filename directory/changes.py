"""What changed between two versions of the list, and how to re-apply one person's edits on another's.

Used by the store's change log, the import preview and the Beheer page after a conflict. Works on
organisations as spreadsheet cells, so extra columns are compared like the known ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from directory.model import Organisation
from directory.schema import to_cells

Cells = dict[str, str]


@dataclass(frozen=True)
class FieldChange:
    column: str
    old: str
    new: str


@dataclass(frozen=True)
class ChangeSet:
    """The difference from one list to another, per organisation id."""

    added: tuple[str, ...] = ()
    archived: tuple[str, ...] = ()  # actief went from ja to nee
    reactivated: tuple[str, ...] = ()  # actief went from nee to ja
    removed: tuple[str, ...] = ()  # the row is gone altogether
    changed: dict[str, tuple[FieldChange, ...]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def summary(self) -> str:
        """One Dutch line, such as '2 toegevoegd, 1 gewijzigd, 1 gearchiveerd'."""
        return summarise(self.added, self.changed, self.archived, self.reactivated, self.removed)


def summarise(
    added: Sequence[str],
    changed: Iterable[str],
    archived: Sequence[str],
    reactivated: Sequence[str],
    removed: Sequence[str],
    nothing: str = "geen wijzigingen",
) -> str:
    """Counts in Dutch; an archived or reactivated organisation is not counted as edited too."""
    edited = [i for i in changed if i not in archived and i not in reactivated]
    parts = [
        (len(added), "toegevoegd"),
        (len(edited), "gewijzigd"),
        (len(archived), "gearchiveerd"),
        (len(reactivated), "weer actief"),
        (len(removed), "verwijderd"),
    ]
    return ", ".join(f"{n} {label}" for n, label in parts if n) or nothing


def cells_by_id(organisations: Iterable[Organisation]) -> dict[str, Cells]:
    return {org.id: to_cells(org) for org in organisations}


def diff(old: Iterable[Organisation], new: Iterable[Organisation]) -> ChangeSet:
    return diff_cells(cells_by_id(old), cells_by_id(new))


def diff_cells(old: Mapping[str, Cells], new: Mapping[str, Cells], archive_column: str = "actief") -> ChangeSet:
    changed: dict[str, tuple[FieldChange, ...]] = {}
    archived, reactivated = [], []
    for org_id in new:
        if org_id not in old:
            continue
        field_changes = _field_changes(old[org_id], new[org_id])
        if not field_changes:
            continue
        changed[org_id] = field_changes
        was, now = old[org_id].get(archive_column, "ja"), new[org_id].get(archive_column, "ja")
        if was != now:
            (archived if now == "nee" else reactivated).append(org_id)
    return ChangeSet(
        added=tuple(i for i in new if i not in old),
        archived=tuple(archived),
        reactivated=tuple(reactivated),
        removed=tuple(i for i in old if i not in new),
        changed=changed,
    )


def _field_changes(old: Cells, new: Cells) -> tuple[FieldChange, ...]:
    columns = dict.fromkeys((*old, *new))
    return tuple(
        FieldChange(column, old.get(column, ""), new.get(column, ""))
        for column in columns
        if old.get(column, "") != new.get(column, "")
    )


@dataclass(frozen=True)
class Clash:
    """Both people changed the same field of the same organisation, to different values."""

    org_id: str
    column: str
    base: str
    mine: str
    theirs: str


@dataclass(frozen=True)
class Merge:
    rows: tuple[Cells, ...]  # the merged list in the current file's order, new rows at the end
    clashes: tuple[Clash, ...]


def merge(base: Sequence[Organisation], mine: Sequence[Organisation], theirs: Sequence[Organisation]) -> Merge:
    """Re-apply the edits from `base` to `mine` on top of `theirs` (the list as it is now).

    Where both changed the same field, `mine` wins and the clash is reported so the person can
    choose. An organisation I archived stays archived; one I added is added unless its id now exists.
    """
    return merge_cells(cells_by_id(base), cells_by_id(mine), cells_by_id(theirs))


def merge_cells(
    base_cells: Mapping[str, Cells], my_cells: Mapping[str, Cells], their_cells: Mapping[str, Cells]
) -> Merge:
    """`merge` on rows as cells by id: the same for every list (organisations or schemes)."""
    mine_changes = diff_cells(base_cells, my_cells)
    theirs_changes = diff_cells(base_cells, their_cells)
    merged = {org_id: dict(cells) for org_id, cells in their_cells.items()}
    clashes: list[Clash] = []
    for org_id, changes in mine_changes.changed.items():
        if org_id not in merged:
            merged[org_id] = dict(my_cells[org_id])  # they removed it outright; my edit brings it back
            continue
        their_columns = {c.column: c.new for c in theirs_changes.changed.get(org_id, ())}
        for change in changes:
            if change.column in their_columns and their_columns[change.column] != change.new:
                clashes.append(Clash(org_id, change.column, change.old, change.new, their_columns[change.column]))
            merged[org_id][change.column] = change.new
    for org_id in mine_changes.added:
        if org_id in merged and merged[org_id] != my_cells[org_id]:
            for change in _field_changes(merged[org_id], my_cells[org_id]):
                clashes.append(Clash(org_id, change.column, "", change.new, change.old))
        merged[org_id] = dict(my_cells[org_id])
    for org_id in mine_changes.removed:
        merged.pop(org_id, None)
    return Merge(tuple(merged.values()), tuple(clashes))
