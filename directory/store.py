"""Reading and writing the CSV file as a coordinator's spreadsheet program makes it.

Excel in the Netherlands saves `;`-separated Windows-1252 files, or UTF-8 with a byte order
mark; LibreOffice and hand edits give `,`-separated UTF-8. All of them read the same, the
detected dialect is reported, and unknown columns are kept in their place.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import gzip
import hashlib
import io
import json
import os
import re
import stat
import tempfile
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from directory.changes import diff_cells, summarise
from directory.fields import quote
from directory.model import Dialect, Directory, DirectoryError, Organisation, Problem
from directory.schema import COLUMN_NAMES, output_header, to_cells, validate_rows

CANDIDATE_DELIMITERS = (",", ";", "\t")
# Python's csv module refuses fields over 128 KiB; no honest cell is that long.
MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Row:
    """A data row with its line number as a spreadsheet shows it (the header is regel 1)."""

    regel: int
    cells: dict[str, str]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    dialect: Dialect
    version: str
    warnings: tuple[Problem, ...] = ()


def content_version(data: bytes) -> str:
    """A short fingerprint of a file's bytes: equal content, equal version."""
    return hashlib.sha256(data).hexdigest()[:16]


def file_version(path: str | Path) -> str:
    """The version of the file at `path` now, or '' when it cannot be read."""
    try:
        return content_version(Path(path).read_bytes())
    except OSError:
        return ""


def load(path: str | Path) -> Table:
    """Read a CSV file in any of the supported dialects. Raises DirectoryError with all problems."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DirectoryError(f"het bestand is te groot ({size // 1_000_000} MB); het maximum is 200 MB")
        data = path.read_bytes()
    except FileNotFoundError:
        raise DirectoryError(f"het bestand {path} bestaat niet; controleer de naam en de map", path) from None
    except IsADirectoryError:
        raise DirectoryError(f"{path} is een map, geen bestand; kies het CSV-bestand zelf", path) from None
    except OSError as exc:
        raise DirectoryError(f"het bestand {path} kan niet worden gelezen ({exc.strerror})", path) from None
    return parse(data, source=path)


def parse(data: bytes, source: str | Path | None = None) -> Table:
    """Parse CSV bytes. Raises DirectoryError listing every structural problem found."""
    text, encoding, bom = _decode(data, source)
    if not text.strip():
        raise DirectoryError(
            "het bestand is leeg; de eerste regel moet de kolomnamen bevatten, zoals id,naam,domein", source
        )
    newline = "\r\n" if "\r\n" in text[: text.find("\n") + 1 or None] else "\n"
    delimiter = _detect_delimiter(text, encoding)
    dialect = Dialect(delimiter=delimiter, encoding=encoding, bom=bom, newline=newline)
    records, problems = _read_records(text, delimiter)
    if not records:
        raise DirectoryError(problems or "het bestand bevat geen regels", source)
    header, warnings, header_problems = _normalise_header(records[0], records[1:])
    problems = header_problems + problems
    rows: list[Row] = []
    width = len(header)
    for regel, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # empty spreadsheet rows are no data
        if len(record) > width:
            if any(cell.strip() for cell in record[width:]):
                problems.append(
                    Problem(
                        f"deze regel heeft {len(record)} cellen, maar de kopregel heeft {width} kolommen; "
                        "staat er ergens een scheidingsteken te veel, of mist een kolomnaam?",
                        regel=regel,
                    )
                )
                continue
            record = record[:width]
        record = record + [""] * (width - len(record))
        rows.append(Row(regel, {name: value for name, value in zip(header, record, strict=True) if name}))
    if problems:
        raise DirectoryError(problems, source)
    return Table(
        header=tuple(name for name in header if name),
        rows=tuple(rows),
        dialect=dialect,
        version=content_version(data),
        warnings=tuple(warnings),
    )


def _decode(data: bytes, source: str | Path | None) -> tuple[str, str, bool]:
    if data.startswith(codecs.BOM_UTF8):
        body = data[len(codecs.BOM_UTF8) :]
        try:
            return body.decode("utf-8"), "utf-8", True
        except UnicodeDecodeError:
            raise _mixed_encoding_error(body, source, declared_utf8=True) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16", True
        except UnicodeDecodeError as exc:
            raise _encoding_error(data, exc.start, source) from None
    if b"\x00" in data:
        raise DirectoryError(
            "dit is geen tekstbestand; sla de lijst in Excel op als 'CSV UTF-8 (door komma's gescheiden)'",
            source,
        )
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        if UTF8_CHARACTER.search(data.decode("utf-8", "surrogateescape")):
            raise _mixed_encoding_error(data, source) from None
    try:
        return data.decode("cp1252"), "cp1252", False
    except UnicodeDecodeError as exc:
        raise _encoding_error(data, exc.start, source) from None


def _encoding_error(data: bytes, offset: int, source: str | Path | None) -> DirectoryError:
    regel = data[:offset].count(b"\n") + 1
    return DirectoryError(
        Problem(
            "hier staat een teken dat niet te lezen is; sla de lijst in Excel op als "
            "'CSV UTF-8 (door komma's gescheiden)' en probeer het opnieuw",
            regel=regel,
        ),
        source,
    )


# --- a file in two encodings ------------------------------------------------------------------
#
# A file that is not valid UTF-8 is read as Windows-1252, as Excel writes it. But a file that is
# not valid UTF-8 and yet holds valid multi-byte UTF-8 sequences is two encodings at once (a line
# pasted from another file, a few broken bytes): read either way, some names come out as
# 'CliÃ«ntenraad'. Such a file is refused. The rule is exact and uses Python's own strict UTF-8
# decoder: with "surrogateescape" every byte it cannot decode becomes a lone surrogate
# (U+DC80-U+DCFF) and every valid multi-byte sequence becomes a real character above U+007F.
#
# Which encoding the odd lines are in is a guess, and guessing is what charset-normalizer is for:
# it names the encoding and shows the text as it most likely reads, so a coordinator finds the
# cell. It never decides whether a file is refused: asked about a whole file, it calls a UTF-8
# file with one Windows-1252 line "johab" and garbles every line, which is what we refuse.
ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
UTF8_CHARACTER = re.compile("[^\x00-\x7f\udc80-\udcff]")
SINGLE_BYTE_ENCODINGS = {"cp1252": "Windows-1252", "mac_roman": "Mac OS Roman", "cp850": "DOS (850)"}
MAX_REPORTED_LINES = 10
FIX_ENCODING = "Typ de letters met accenten op deze regel opnieuw en sla het bestand op als CSV UTF-8."


def _mixed_encoding_error(data: bytes, source: str | Path | None, declared_utf8: bool = False) -> DirectoryError:
    """One problem per odd line: its regel as a spreadsheet counts rows, and the kolom of its first odd cell."""
    text = data.decode("utf-8", "surrogateescape")
    records = list(enumerate(_read_records(text, _detect_delimiter(text, "utf-8"))[0], start=1))
    bad = [(regel, r) for regel, r in records if _holds(r, ESCAPED_BYTE)]
    utf8 = [(regel, r) for regel, r in records if _holds(r, UTF8_CHARACTER) and not _holds(r, ESCAPED_BYTE)]
    guess = _guess_encoding(b"".join(cell.encode("utf-8", "surrogateescape") for _, r in bad for cell in r))
    if not declared_utf8 and 0 < len(utf8) < len(bad):  # mostly Windows-1252: the UTF-8 lines are the odd ones
        odd, pattern, encoding = utf8, UTF8_CHARACTER, "utf-8"
        message = "deze regel is in UTF-8 opgeslagen, de rest van het bestand in {name}. Er staat {cell}. "
    else:
        odd, pattern, encoding = bad, ESCAPED_BYTE, guess
        message = (
            "deze regel is niet in UTF-8 opgeslagen, de rest van het bestand wel. "
            "Er staat waarschijnlijk {cell} ({name}). "
        )
    if not odd:  # the reader stopped early (a quote that never closes): name the physical line
        return _encoding_error(data, ESCAPED_BYTE.search(text).start(), source)
    header = [normalise_column_name(cell) for cell in records[0][1]]
    problems = []
    for regel, record in odd[:MAX_REPORTED_LINES]:
        index, cell = next((i, cell) for i, cell in enumerate(record) if pattern.search(cell))
        kolom = header[index] if regel > 1 and index < len(header) else None
        shown = _around(cell, pattern.search(cell).start(), encoding)
        explanation = message.format(name=SINGLE_BYTE_ENCODINGS[guess], cell=quote(shown)) + FIX_ENCODING
        problems.append(Problem(explanation, regel=regel, kolom=kolom))
    if len(odd) > MAX_REPORTED_LINES:
        problems.append(Problem(f"en nog {len(odd) - MAX_REPORTED_LINES} regels met hetzelfde probleem"))
    return DirectoryError(problems, source)


def _around(cell: str, position: int, encoding: str) -> str:
    """The cell as `encoding` reads it, from a little before `position` (where the odd text starts)."""
    start = max(0, position - 12)
    return ("…" if start else "") + cell[start:].encode("utf-8", "surrogateescape").decode(encoding, "replace")


def _holds(record: list[str], pattern: re.Pattern) -> bool:
    return any(pattern.search(cell) for cell in record)


def _guess_encoding(data: bytes) -> str:
    """The most likely single-byte encoding of `data`; Windows-1252 (Excel on Windows) when unsure."""
    from charset_normalizer import from_bytes  # imported only when a file is refused

    preference = list(SINGLE_BYTE_ENCODINGS)
    matches = [m for m in from_bytes(data[:65536], cp_isolation=preference) if m.encoding in preference]
    best = min(matches, key=lambda m: (m.chaos, preference.index(m.encoding)), default=None)
    return best.encoding if best is not None else preference[0]


def _detect_delimiter(text: str, encoding: str) -> str:
    """Choose the separator that makes the most known column names out of the first line."""
    first_line = text.split("\n", 1)[0]
    best, best_score = ",", (-1, -1)
    candidates = ("\t", *CANDIDATE_DELIMITERS) if encoding == "utf-16" else CANDIDATE_DELIMITERS
    for delimiter in candidates:
        try:
            cells = next(csv.reader([first_line], delimiter=delimiter))
        except (csv.Error, StopIteration):
            continue
        known = sum(1 for cell in cells if normalise_column_name(cell) in COLUMN_NAMES)
        score = (known, len(cells))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_records(text: str, delimiter: str) -> tuple[list[list[str]], list[Problem]]:
    records: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for record in reader:
            records.append(record)
    except csv.Error as exc:
        return records, [Problem(_quoting_message(str(exc)), regel=len(records) + 1)]
    return records, []


def _quoting_message(error: str) -> str:
    if "unexpected end of data" in error or "EOF" in error:
        return (
            'hier begint een cel met een aanhalingsteken (") dat nergens wordt afgesloten; '
            "zet het afsluitende aanhalingsteken terug of haal het eerste weg"
        )
    if "expected after" in error:
        return (
            "na een afsluitend aanhalingsteken staat nog tekst in dezelfde cel; "
            'schrijf een aanhalingsteken binnen een cel dubbel ("")'
        )
    if "field larger than field limit" in error:
        return "een cel is veel te lang (meer dan 128.000 tekens); ontbreekt er een aanhalingsteken?"
    return f"deze regel kan niet worden gelezen ({error}); controleer de aanhalingstekens"


def normalise_column_name(name: str) -> str:
    """'Naam ' and 'Ook domein' are the columns naam and ook_domein; other names stay as they are."""
    candidate = name.strip().lstrip("\ufeff").lower().replace(" ", "_")
    return candidate if candidate in COLUMN_NAMES else name.strip()


def _normalise_header(raw: list[str], records: list[list[str]]) -> tuple[list[str], list[Problem], list[Problem]]:
    header: list[str] = []
    warnings: list[Problem] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, cell in enumerate(raw):
        name = normalise_column_name(cell)
        if not name:
            has_values = any(index < len(r) and r[index].strip() for r in records)
            if has_values:
                problems.append(
                    Problem(f"kolom {index + 1} heeft geen naam maar wel waarden; geef de kolom een naam", regel=1)
                )
            header.append("")
            continue
        if name in seen:
            problems.append(
                Problem(
                    f"de kolomnaam komt twee keer voor (kolom {seen[name] + 1} en {index + 1}); "
                    "geef elke kolom een eigen naam",
                    regel=1,
                    kolom=name,
                )
            )
        seen.setdefault(name, index)
        header.append(name)
    if "" in header:
        warnings.append(Problem("lege kolommen zonder naam zijn overgeslagen", regel=1))
    return header, warnings, problems


# --- writing --------------------------------------------------------------------------------


def serialise(header: Iterable[str], rows: Iterable[Mapping[str, str]], dialect: Dialect = Dialect()) -> bytes:
    """The bytes of a CSV file in `dialect`; cells missing from a row are written empty."""
    header = list(header)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=dialect.delimiter, lineterminator=dialect.newline)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    text = buffer.getvalue()
    encoding = "utf-8-sig" if dialect.encoding == "utf-8" and dialect.bom else dialect.encoding
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as exc:
        regel = text[: exc.start].count(dialect.newline) + 1
        raise DirectoryError(
            Problem(
                f"het teken {text[exc.start]!r} past niet in {dialect.describe()}; sla de lijst op als UTF-8",
                regel=regel,
            )
        ) from None


def write_atomic(path: str | Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file, never half."""
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _mode_for(path))  # mkstemp makes 0600; keep what the file (or the umask) allowed
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    _fsync_directory(path.parent)


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_directory(folder: Path) -> None:
    # The rename itself only survives a power cut once the folder's entry is on disk.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


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

    def __init__(self, expected_version: str, current: Directory):
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

    def summary(self) -> str:
        return summarise(self.added, self.changed, self.archived, (), self.removed, "geen wijzigingen in organisaties")


class Store:
    """The organisation list on disk, for reading and for coordinators' saves.

    Every save takes a lock (a separate lock file beside the list), checks that nobody else saved
    since the caller loaded, validates like `check`, keeps the previous and the new version in
    `history/` beside the list, writes atomically, and appends to a change log. Then it gzips
    older versions and removes those the retention rule lets go (see KEEP_MONTHS). Reading needs
    no lock: the list is only ever replaced whole, so a reader sees the old or the new file.
    `clock` gives the time of a save (tests pass their own).
    """

    def __init__(
        self,
        path: str | Path,
        themes_path: str | Path | None = None,
        clock: Callable[[], datetime] | None = None,
    ):
        self.path = Path(path).resolve()  # a symlinked list: replace the real file, not the link
        self.themes_path = Path(themes_path) if themes_path is not None else None
        self._clock = clock or (lambda: datetime.now(UTC))
        self.history_dir = self.path.parent / "history"
        self.lock_path = self.path.with_name(f".{self.path.name}.lock")
        self._lock = FileLock(self.lock_path, timeout=LOCK_TIMEOUT_SECONDS)

    @property
    def log_path(self) -> Path:
        return self.history_dir / f"{self.path.stem}-log.jsonl"

    def load(self) -> Directory:
        """A validated snapshot with `.version` and `.organisations`. Raises DirectoryError."""
        from directory.loading import load_directory

        return load_directory(self.path, self.themes_path)

    def save(
        self,
        organisations: Iterable[Organisation],
        expected_version: str,
        author: str,
        note: str = "",
    ) -> Directory:
        """Write `organisations` (in this order) as the new list and return it as loaded.

        Raises ConflictError when the file is no longer `expected_version`, and DirectoryError
        (nothing written) when the new list has problems, an organisation would disappear, or the
        lock cannot be had. Archive with actief=nee instead of leaving an organisation out.
        """
        organisations = list(organisations)
        author = _clean_author(author)
        with self._locked():
            current = self._read_current()
            if current.version != expected_version:
                raise ConflictError(expected_version, self.load())
            header = output_header(current.header, organisations)
            rows = [to_cells(org) for org in organisations]
            return self._write(current, header, rows, author, note, allow_removal=False)

    def history(self) -> list[HistoryEntry]:
        """Saved versions, newest first. The file as it is now is always the first entry."""
        entries = self._read_log()
        current = file_version(self.path)
        if current and (not entries or entries[-1].version != current):
            entries.append(self._outside_entry(current, entries[-1].version if entries else ""))
        kept = self._kept_versions()
        return [replace(e, available=e.version in kept or e.version == current) for e in reversed(entries)]

    def restore(self, version: str, author: str) -> Directory:
        """Bring back `version` as a new save by `author`; the versions in between stay in history."""
        author = _clean_author(author)
        data = self._read_version(version)
        if data is None:
            raise DirectoryError(f"versie {version} is niet bewaard in {self.history_dir}; kies een andere versie")
        old = parse(data, self._version_path(version))
        with self._locked():
            current = self._read_current(lenient=True)  # restoring is how a broken list gets fixed
            rows = [dict(row.cells) for row in old.rows]
            return self._write(current, list(old.header), rows, author, f"teruggezet naar versie {version}", True)

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
        """The list as it is on disk now. `lenient`: a file that cannot be parsed is still replaceable."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            raise DirectoryError(f"het bestand {self.path} bestaat niet; controleer de naam en de map") from None
        except OSError as exc:
            raise DirectoryError(f"het bestand {self.path} kan niet worden gelezen ({exc.strerror})") from None
        try:
            table = parse(data, self.path)
        except DirectoryError:
            if not lenient:
                raise
            return _Current(data, content_version(data), (), Dialect(), {})
        return _Current(data, table.version, table.header, table.dialect, self._cells_of(table))

    def _themes(self) -> tuple:
        from directory.loading import load_themes, themes_path_for

        return load_themes(self.themes_path or themes_path_for(self.path))

    def _cells_of(self, table: Table) -> dict[str, dict[str, str]]:
        """The current rows as the store would write them, so a re-save of Excel's '52,15' is no change."""
        result = validate_rows(table.header, table.rows, self._themes())
        if not result.problems:
            return {org.id: to_cells(org) for org in result.organisations}
        return {row.cells.get("id", "").strip(): dict(row.cells) for row in table.rows}

    def _write(
        self,
        current: _Current,
        header: list[str],
        rows: list[dict[str, str]],
        author: str,
        note: str,
        allow_removal: bool,
    ) -> Directory:
        data = self._serialise(header, rows, current.dialect)
        new_table = parse(data, self.path)
        changes = diff_cells(current.cells, self._validated_cells(new_table))
        if changes.removed and not allow_removal:
            raise DirectoryError(
                [
                    Problem(
                        f"'{org_id}' staat niet meer in de lijst; organisaties worden niet verwijderd. "
                        "Zet actief op nee om te archiveren.",
                        kolom="id",
                    )
                    for org_id in changes.removed
                ]
            )
        try:
            self._remove_stale_temp_files()
            if data == current.data:
                return self.load()
            self.history_dir.mkdir(parents=True, exist_ok=True)
            self._keep(current.data)
            self._keep(data)
            logged = self._read_log()
            if not logged or logged[-1].version != current.version:
                self._append_log(self._outside_entry(current.version, ""))
            write_atomic(self.path, data)
        except OSError as exc:
            raise DirectoryError(
                f"de lijst kan niet worden opgeslagen ({exc.strerror or exc}); er is niets veranderd. "
                f"Mag Vangnet schrijven in {self.path.parent} en {self.history_dir}?"
            ) from None
        entry = HistoryEntry(
            version=new_table.version,
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
        return self.load()

    def _serialise(self, header: list[str], rows: list[dict[str, str]], dialect: Dialect) -> bytes:
        try:
            return serialise(header, rows, dialect)
        except DirectoryError:
            # A Windows-1252 file cannot hold every character; UTF-8 with BOM still opens in Excel.
            utf8 = Dialect(delimiter=dialect.delimiter, encoding="utf-8", bom=True, newline=dialect.newline)
            return serialise(header, rows, utf8)

    def _validated_cells(self, table: Table) -> dict[str, dict[str, str]]:
        """Check the new list with the same rules as `check`; raise DirectoryError on any problem."""
        result = validate_rows(table.header, table.rows, self._themes())
        if result.problems:
            raise DirectoryError(list(result.problems), self.path)
        return {org.id: to_cells(org) for org in result.organisations}

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


@dataclass(frozen=True)
class _Current:
    data: bytes
    version: str
    header: tuple[str, ...]
    dialect: Dialect
    cells: dict[str, dict[str, str]]


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
