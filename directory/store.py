"""A list as a coordinator's store: a lock, a version check, one validation, history.

Reading and writing the CSV file itself (encodings, dialects, atomic writes) is `directory.csvfile`;
this module adds what makes a save safe for several coordinators and keeps every version. The same
store keeps the organisation list and the regelingen: what differs per list (how it is validated,
how a row becomes cells) is a `directory.listkinds.ListKind`.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import re
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from directory.changes import ChangeSet, diff_cells, summarise
from directory.csvfile import Table, content_version, file_version, parse, serialise, write_atomic
from directory.listkinds import ListKind, OrganisationList, SchemeList, removal_problems
from directory.model import Dialect, Directory, DirectoryError, Organisation, Theme
from directory.region import DERIVED, Region

# --- the store: load, save with a lock and a version check, history -------------------------

LOCK_TIMEOUT_SECONDS = 20
# What history/ keeps (README, Beheer): every version that was the list at some moment in the last
# KEEP_MONTHS calendar months, and the last KEEP_VERSIONS versions however old; only a version beyond
# both is removed. The log keeps who, when and what of every version for ever. The newest
# PLAIN_VERSIONS versions stay plain CSV (open them as they are); older ones are gzipped.
KEEP_MONTHS = 12
KEEP_VERSIONS = 100
PLAIN_VERSIONS = 10
UNKNOWN_AUTHOR = "onbekend (buiten Beheer gewijzigd)"
MAX_AUTHOR_LENGTH = 80


class ConflictError(DirectoryError):
    """The list changed since the caller loaded it; nothing was written."""

    def __init__(self, expected_version: str, current):  # the snapshot as it is now (a Directory, or Regelingen)
        self.expected_version = expected_version
        self.current = current
        super().__init__(
            "iemand anders heeft de lijst opgeslagen nadat jij hem opende; er is niets overschreven. "
            "Bekijk wat er veranderd is en zet je eigen wijzigingen er opnieuw in.",
            current.source,
        )


@dataclass(frozen=True)
class HistoryEntry:
    """One saved version of the list: who saved it, when, and what changed."""

    version: str
    author: str
    timestamp: datetime
    previous_version: str = ""
    note: str = ""
    added: tuple[str, ...] = ()
    archived: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: dict[str, tuple[str, ...]] = field(default_factory=dict)  # id -> columns
    available: bool = False  # the file of this version is kept and can be restored
    noun: str = field(default="organisaties", compare=False)  # what the rows of this list are called

    def summary(self) -> str:
        return summarise(self.added, self.changed, self.archived, (), self.removed, f"geen wijzigingen in {self.noun}")


@dataclass(frozen=True)
class Saved:
    """What a save gives back: the new snapshot, validated once inside the lock, and what changed.
    The snapshot is a Directory for the organisation list, Regelingen for the schemes."""

    snapshot: Any
    changes: ChangeSet

    @property
    def directory(self) -> Directory:
        return self.snapshot

    @property
    def version(self) -> str:
        return self.snapshot.version

    @property
    def organisations(self) -> tuple[Organisation, ...]:
        return self.snapshot.organisations


class Store:
    """A list on disk (by default the organisation list), for reading and for coordinators' saves.

    Every save takes a lock (a separate lock file beside the list), checks that nobody else saved
    since the caller loaded, validates like `check`, keeps the previous and the new version in
    `history/` beside the list, writes atomically, and appends to a change log. Then it gzips
    older versions and removes those the retention rule lets go (see KEEP_MONTHS). Reading needs
    no lock: the list is only ever replaced whole, so a reader sees the old or the new file.
    `clock` gives the time of a save (tests pass their own); `kind` says which list this is.
    """

    def __init__(
        self,
        path: str | Path,
        themes_path: str | Path | None = None,
        clock: Callable[[], datetime] | None = None,
        kind: ListKind | None = None,
    ):
        self.path = Path(path).resolve()  # a symlinked list: replace the real file, not the link
        self.themes_path = Path(themes_path) if themes_path is not None else None
        self.kind = kind or OrganisationList(self.themes_path)
        self._clock = clock or (lambda: datetime.now(UTC))
        self.history_dir = self.path.parent / "history"
        self.lock_path = self.path.with_name(f".{self.path.name}.lock")
        self._lock = FileLock(self.lock_path, timeout=LOCK_TIMEOUT_SECONDS)

    @property
    def log_path(self) -> Path:
        return self.history_dir / f"{self.path.stem}-log.jsonl"

    def load(self):
        """A validated snapshot with `.version` (a Directory, or Regelingen). Raises DirectoryError."""
        return self.kind.load(self.path)

    def save(
        self,
        organisations: Iterable,
        expected_version: str,
        author: str,
        note: str = "",
    ) -> Saved:
        """Write `organisations` (in this order; schemes for the regelingen) as the new list; return it
        and what changed.

        One way, top to bottom: lock; read the current file and what validation needs once; check the version;
        serialise; validate the new list once; write it and its history; return the snapshot that
        validation made (nothing is read back).

        Raises ConflictError when the file is no longer `expected_version`, and DirectoryError
        (nothing written) when the new list has problems, a row would disappear, or the lock cannot
        be had. Archive with actief=nee instead of leaving a row out.
        """
        organisations = list(organisations)
        author = _clean_author(author)
        with self._locked():
            current = self._read_current()
            if current.version != expected_version:
                raise ConflictError(expected_version, self.load())
            header = self.kind.output_header(current.header, organisations)
            rows = [self.kind.to_cells(item) for item in organisations]
            return self._write(current, header, rows, author, note, allow_removal=False)

    def history(self) -> list[HistoryEntry]:
        """Saved versions, newest first. The file as it is now is always the first entry."""
        entries = self._read_log()
        current = file_version(self.path)
        if current and (not entries or entries[-1].version != current):
            entries.append(self._outside_entry(current, entries[-1].version if entries else ""))
        kept = self._kept_versions()
        return [
            replace(e, available=e.version in kept or e.version == current, noun=self.kind.noun)
            for e in reversed(entries)
        ]

    def restore(self, version: str, author: str) -> Saved:
        """Bring back `version` as a new save by `author`; the versions in between stay in history."""
        author = _clean_author(author)
        data = self._read_version(version)
        if data is None:
            raise DirectoryError(f"versie {version} is niet bewaard in {self.history_dir}; kies een andere versie")
        old = parse(data, self._version_path(version))
        rows = [dict(row.cells) for row in old.rows]
        return self.replace(list(old.header), rows, author, f"teruggezet naar versie {version}")

    # -- shared with the database store (directory.pgstore) and `copy` (directory.copying) -------

    @property
    def name(self) -> str:
        """What a coordinator calls this list in a message: the file's name."""
        return self.path.name

    def current_version(self) -> str:
        """The version of the list as it is now, without validating it ('' when it cannot be read)."""
        return file_version(self.path)

    def replace(
        self, header: list[str], rows: list[dict[str, str]], author: str, note: str, expected_version: str | None = None
    ) -> Saved:
        """Write `rows` (cells) as the whole new list, where rows may go: restore and `copy --vervang`.
        With `expected_version`, the version check of save. A missing or broken file is replaced too."""
        author = _clean_author(author)
        with self._locked():
            current = self._read_current(lenient=True)  # restoring is how a broken list gets fixed
            if expected_version is not None and current.version != expected_version:
                raise ConflictError(expected_version, self.load())
            return self._write(current, header, rows, author, note, allow_removal=True)

    def restore_changes(self, version: str) -> ChangeSet:
        """What restoring `version` would change, without writing anything: the preview Beheer shows first."""
        data = self._read_version(version)
        if data is None:
            raise DirectoryError(f"versie {version} is niet bewaard in {self.history_dir}; kies een andere versie")
        current = self._read_current(lenient=True)
        old = parse(data, self._version_path(version))
        return diff_cells(current.cells, self.kind.current_cells(old, current.context))

    def version_bytes(self, version: str) -> bytes | None:
        if version == file_version(self.path):
            try:
                return self.path.read_bytes()
            except OSError:
                return None
        return self._read_version(version)

    # -- inside the lock ---------------------------------------------------------------------

    def _locked(self):
        return _LockGuard(self._lock)

    def _read_current(self, lenient: bool = False) -> _Current:
        """The list as it is on disk now, with what validation needs (the themes, ...) read once for this
        save. `lenient`: a file that cannot be parsed is still replaceable (restoring is how a broken
        list gets fixed)."""
        context = self.kind.context(self.path)
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            if lenient:  # a copy into a new file: nothing to compare with or keep
                return _Current(b"", "", (), Dialect(), {}, context)
            raise DirectoryError(f"het bestand {self.path} bestaat niet; controleer de naam en de map") from None
        except OSError as exc:
            raise DirectoryError(f"het bestand {self.path} kan niet worden gelezen ({exc.strerror})") from None
        try:
            table = parse(data, self.path)
        except DirectoryError:
            if not lenient:
                raise
            return _Current(data, content_version(data), (), Dialect(), {}, context)
        cells = self.kind.current_cells(table, context)
        return _Current(data, table.version, table.header, table.dialect, cells, context)

    def _write(
        self,
        current: _Current,
        header: list[str],
        rows: list[dict[str, str]],
        author: str,
        note: str,
        allow_removal: bool,
    ) -> Saved:
        data = self._serialise(header, rows, current.dialect)
        new, changes = check_new_list(self.kind, data, self.path, current.cells, current.context, allow_removal)
        if data == current.data:
            return Saved(new, changes)
        try:
            self._remove_stale_temp_files()
            self.history_dir.mkdir(parents=True, exist_ok=True)
            if current.version:  # '' is no file yet (a copy into a new file): nothing to keep
                self._keep(current.data)
            self._keep(data)
            logged = self._read_log()
            if current.version and (not logged or logged[-1].version != current.version):
                self._append_log(self._outside_entry(current.version, ""))
            write_atomic(self.path, data)
        except OSError as exc:
            raise DirectoryError(
                f"de lijst kan niet worden opgeslagen ({exc.strerror or exc}); er is niets veranderd. "
                f"Mag Vangnet schrijven in {self.path.parent} en {self.history_dir}?"
            ) from None
        entry = HistoryEntry(
            version=new.version,
            author=author,
            timestamp=self._clock(),
            previous_version=current.version,
            note=note,
            added=changes.added,
            archived=changes.archived,
            removed=changes.removed,
            changed={org_id: tuple(c.column for c in cs) for org_id, cs in changes.changed.items()},
        )
        try:
            self._append_log(entry)
        except OSError as exc:
            raise DirectoryError(
                f"de lijst is opgeslagen, maar het logboek in {self.history_dir} kon niet worden bijgewerkt "
                f"({exc.strerror or exc}); de vorige versie is wel bewaard"
            ) from None
        with contextlib.suppress(OSError):  # the save itself succeeded; the next save tidies again
            self._tidy_history(entry.timestamp)
        return Saved(new, changes)

    def _serialise(self, header: list[str], rows: list[dict[str, str]], dialect: Dialect) -> bytes:
        try:
            return serialise(header, rows, dialect)
        except DirectoryError:
            # A Windows-1252 file cannot hold every character; UTF-8 with BOM still opens in Excel.
            utf8 = Dialect(delimiter=dialect.delimiter, encoding="utf-8", bom=True, newline=dialect.newline)
            return serialise(header, rows, utf8)

    def _version_path(self, version: str) -> Path:
        if not re.fullmatch(r"[0-9a-f]{16}", version or ""):
            return self.history_dir / "ongeldige-versie"
        return self.history_dir / f"{self.path.stem}-{version}{self.path.suffix}"

    def _compressed_path(self, version: str) -> Path:
        path = self._version_path(version)
        return path.with_name(path.name + ".gz")

    def _keep(self, data: bytes) -> None:
        version = content_version(data)
        if not self._version_path(version).exists() and not self._compressed_path(version).exists():
            write_atomic(self._version_path(version), data)

    def _kept_versions(self) -> dict[str, list[Path]]:
        """The versions with a file in history/: plain CSV, gzipped, or both (a tidy cut short)."""
        name = re.compile(rf"{re.escape(self.path.stem)}-([0-9a-f]{{16}}){re.escape(self.path.suffix)}(\.gz)?")
        kept: dict[str, list[Path]] = {}
        try:
            files = list(self.history_dir.iterdir())
        except OSError:
            return kept
        for path in files:
            match = name.fullmatch(path.name)
            if match:
                kept.setdefault(match.group(1), []).append(path)
        return kept

    def _read_version(self, version: str) -> bytes | None:
        """The bytes of a kept version, or None when it is not kept or its file is damaged."""
        readers = (
            (self._version_path(version), lambda raw: raw),
            (self._compressed_path(version), gzip.decompress),
        )
        for path, unpack in readers:
            try:
                data = unpack(path.read_bytes())
            except (OSError, EOFError, zlib.error):
                continue
            if content_version(data) == version:  # a damaged file is never offered as this version
                return data
        return None

    def _tidy_history(self, now: datetime) -> None:
        """Gzip all but the newest versions and remove those beyond both retention rules (KEEP_MONTHS)."""
        newest_first, retained = retention(self._read_log(), now)
        logged, plain = set(newest_first), set(newest_first[:PLAIN_VERSIONS])
        for version, paths in self._kept_versions().items():
            if version in logged and version not in retained:
                for path in paths:
                    path.unlink(missing_ok=True)
            elif version not in plain and self._version_path(version) in paths:
                # Write the .gz whole (atomically) before the plain file goes: a crash leaves one or both.
                original = self._version_path(version)
                write_atomic(self._compressed_path(version), gzip.compress(original.read_bytes(), mtime=0))
                original.unlink()

    def _remove_stale_temp_files(self) -> None:
        # Left by a writer that was killed between writing and renaming. Only this list's own temp
        # files, and we hold the lock, so no live writer owns them.
        patterns = (
            (self.path.parent, f".{self.path.name}.*.tmp"),
            (self.history_dir, f".{self.path.stem}-*{self.path.suffix}.*.tmp"),
        )
        for folder, pattern in patterns:
            for leftover in folder.glob(pattern):
                leftover.unlink(missing_ok=True)

    def _outside_entry(self, version: str, previous: str) -> HistoryEntry:
        try:
            moment = datetime.fromtimestamp(self.path.stat().st_mtime, UTC)
        except OSError:
            moment = datetime.now(UTC)
        return HistoryEntry(version=version, author=UNKNOWN_AUTHOR, timestamp=moment, previous_version=previous)

    def _append_log(self, entry: HistoryEntry) -> None:
        record = {
            "version": entry.version,
            "previous_version": entry.previous_version,
            "author": entry.author,
            "timestamp": entry.timestamp.isoformat(),
            "note": entry.note,
            "added": list(entry.added),
            "archived": list(entry.archived),
            "removed": list(entry.removed),
            "changed": {k: list(v) for k, v in entry.changed.items()},
        }
        line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        with self.log_path.open("ab") as handle:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())

    def _read_log(self) -> list[HistoryEntry]:
        try:
            lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return []
        entries = []
        for line in lines:
            try:
                record = json.loads(line)
                entries.append(
                    HistoryEntry(
                        version=str(record["version"]),
                        author=str(record.get("author", "")),
                        timestamp=datetime.fromisoformat(record["timestamp"]),
                        previous_version=str(record.get("previous_version", "")),
                        note=str(record.get("note", "")),
                        added=tuple(record.get("added", ())),
                        archived=tuple(record.get("archived", ())),
                        removed=tuple(record.get("removed", ())),
                        changed={k: tuple(v) for k, v in record.get("changed", {}).items()},
                    )
                )
            except (ValueError, KeyError, TypeError, AttributeError):
                continue  # a line cut short by a crash; the versions themselves are kept as files
        return entries


def check_new_list(
    kind: ListKind,
    data: bytes,
    source: Path | None,
    current: dict[str, dict[str, str]],
    context: Any,
    allow_removal: bool,
):
    """The one validation of a save: the new list as a snapshot of its kind, and what changed from the
    `current` cells. Refuses a list that leaves a row out (archive it instead), unless `allow_removal`."""
    new = kind.build(parse(data, source), context, source)
    changes = diff_cells(current, kind.cells_by_id(kind.items(new)), kind.archive_column)
    if changes.removed and not allow_removal:
        raise DirectoryError(removal_problems(kind, changes.removed))
    return new, changes


def validate_new_list(
    data: bytes,
    source: Path | None,
    current: dict[str, dict[str, str]],
    themes: tuple[Theme, ...],
    allow_removal: bool,
    region: Region = DERIVED,
) -> tuple[Directory, ChangeSet]:
    """`check_new_list` for the organisation list: what the database store validates a save with."""
    return check_new_list(OrganisationList(region=region), data, source, current, themes, allow_removal)


def retention(entries: list[HistoryEntry], now: datetime) -> tuple[list[str], set[str]]:
    """The logged versions, newest first, and those to keep.

    A version is the list from its save until the next one; it is kept while that end lies in the
    last KEEP_MONTHS calendar months before `now` (on 1 March 2025: from 1 March 2024), or when it
    is among the KEEP_VERSIONS newest. The current version is always kept. A version the log does
    not know is not in the result, and so is never removed.
    """
    from directory.health import add_months  # health imports the loader, which imports this module

    ended: dict[str, datetime | None] = {}  # version -> when it last stopped being the list
    for entry, following in zip(entries, [*entries[1:], None], strict=True):
        ended.pop(entry.version, None)  # a restored version is as new as its latest save
        ended[entry.version] = following.timestamp if following is not None else None
    newest_first = list(reversed(ended))
    boundary = add_months(now.astimezone(UTC).date(), -KEEP_MONTHS)
    recent = {v for v, end in ended.items() if end is None or end.astimezone(UTC).date() >= boundary}
    return newest_first, recent | set(newest_first[:KEEP_VERSIONS])


def _cells_of(table: Table, themes: tuple[Theme, ...]) -> dict[str, dict[str, str]]:
    """The current organisation rows as the store would write them (see ListKind.current_cells)."""
    return OrganisationList().current_cells(table, themes)


@dataclass(frozen=True)
class _Current:
    data: bytes
    version: str
    header: tuple[str, ...]
    dialect: Dialect
    cells: dict[str, dict[str, str]]
    context: Any  # what the kind's validation reads beside the file, read once for this save


class _LockGuard:
    """The file lock, with a Dutch message when someone else holds it too long."""

    def __init__(self, lock: FileLock):
        self._lock = lock

    def __enter__(self) -> None:
        try:
            self._lock.acquire()
        except Timeout:
            raise DirectoryError(
                "de lijst wordt op dit moment door iemand anders opgeslagen; probeer het over een minuut opnieuw"
            ) from None
        except OSError as exc:
            raise DirectoryError(
                f"de lijst kan niet worden vergrendeld om op te slaan ({exc.strerror}); "
                f"mag Vangnet schrijven in {self._lock.lock_file}?"
            ) from None

    def __exit__(self, *exc_info) -> None:
        self._lock.release()


def _clean_author(author: str) -> str:
    cleaned = " ".join(str(author or "").split())[:MAX_AUTHOR_LENGTH]
    if not cleaned:
        raise DirectoryError("vul je naam in; de geschiedenis laat zien wie wat heeft gewijzigd")
    return cleaned


def scheme_store(path: str | Path, organisations: Callable[[], Directory] | None = None, **options) -> Store:
    """The store of a regelingen list; `organisations` gives the organisation list its links are checked
    against on every save (by default the organisaties.csv beside it)."""
    return Store(path, kind=SchemeList(organisations), **options)


# A file path or a postgresql:// URL -> the store for it (issue #14); defined apart so this module stays about files.
from directory.stores import open_store as open_store  # noqa: E402
