"""Reading and writing the CSV file as a coordinator's spreadsheet program makes it.

Excel in the Netherlands saves `;`-separated Windows-1252 files, or UTF-8 with a byte order
mark; LibreOffice and hand edits give `,`-separated UTF-8. All of them read the same, the
detected dialect is reported, and unknown columns are kept in their place.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import os
import re
import stat
import tempfile
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from directory.contract import COLUMN_NAMES
from directory.fields import CONTROL_RE, quote
from directory.model import Dialect, DirectoryError, Problem

CANDIDATE_DELIMITERS = (",", ";", "\t")
# Above this a list is refused before it is read: 100,000 organisations take about 85 MB, and loading them
# with the match index takes a few seconds and about 600 MB of memory (README, "Grote lijsten").
MAX_FILE_BYTES = 100 * 1000 * 1000
HEADER_PEEK = 1 << 20  # how far to look for the end of the first line
# From this size a plain UTF-8 file is read by pyarrow's CSV reader (see fast_parse); below it the import of
# pyarrow costs more than it saves.
FAST_PARSE_BYTES = 1_000_000


class Row(NamedTuple):
    """A data row with its line number as a spreadsheet shows it (the header is regel 1). A named tuple: made
    in C, which matters for 100,000 rows."""

    regel: int
    cells: dict[str, str]


@dataclass(frozen=True)
class Table:
    """A parsed file, column by column: `columns[name][i]` is the cell of data row i, which a spreadsheet
    shows as regel `regels[i]`. Kept as columns because that is how a list of 100,000 is validated and
    indexed; 100,000 row dicts took a second to make and 120 MB. `rows` gives the same as rows."""

    header: tuple[str, ...]
    columns: Mapping[str, Sequence[str]]
    regels: Sequence[int]
    dialect: Dialect
    version: str
    warnings: tuple[Problem, ...] = ()

    @cached_property
    def rows(self) -> tuple[Row, ...]:
        """Each data row with its cells by column name, made once when first asked for."""
        names = list(self.columns)
        if not names:
            return tuple(Row(regel, {}) for regel in self.regels)
        return tuple(
            Row(regel, dict(zip(names, values, strict=True)))
            for regel, values in zip(self.regels, zip(*self.columns.values(), strict=True), strict=True)
        )


def content_version(data: bytes) -> str:
    """A short fingerprint of a file's bytes: equal content, equal version."""
    return hashlib.sha256(data).hexdigest()[:16]


# (path) -> (stat key, version). Every rerun of every page asks for the version; hashing an 87 MB list
# each time took 139 ms. The stat key (inode, size, mtime in ns) changes with every write, including the
# store's atomic replace (a new inode), so the hash is only computed again when the file changed.
_known_versions: dict[str, tuple[tuple[int, int, int], str]] = {}


def file_version(path: str | Path) -> str:
    """The version of the file at `path` now, or '' when it cannot be read. O(1) while it is unchanged."""
    path = Path(path)
    try:
        info = path.stat()
        key = (info.st_ino, info.st_size, info.st_mtime_ns)
        known = _known_versions.get(str(path))
        if known is not None and known[0] == key:
            return known[1]
        version = content_version(path.read_bytes())
    except OSError:
        return ""
    _known_versions[str(path)] = (key, version)
    return version


def load(path: str | Path) -> Table:
    """Read a CSV file in any of the supported dialects. Raises DirectoryError with all problems."""
    path = Path(path)
    # The bytes are handed on, not kept here, so parse can let go of them once they are decoded.
    return parse(_read(path), source=path)


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DirectoryError(
                f"het bestand is te groot ({size // 1_000_000} MB); Vangnet leest lijsten tot "
                f"{MAX_FILE_BYTES // 1_000_000} MB (ongeveer 100.000 organisaties). Splits de lijst, "
                "bijvoorbeeld per gemeente, of haal kolommen weg die Vangnet niet gebruikt",
                path,
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise DirectoryError(f"het bestand {path} bestaat niet; controleer de naam en de map", path) from None
    except IsADirectoryError:
        raise DirectoryError(f"{path} is een map, geen bestand; kies het CSV-bestand zelf", path) from None
    except OSError as exc:
        raise DirectoryError(f"het bestand {path} kan niet worden gelezen ({exc.strerror})", path) from None


def header_of(path: str | Path) -> tuple[str, ...]:
    """The column names from the first line only: enough to tell which kind of list a file is, without
    reading a list of 100,000 rows twice. Falls back to load() for anything unusual (UTF-16, no line end)."""
    try:
        with Path(path).open("rb") as handle:
            start = handle.read(HEADER_PEEK)
    except OSError:
        return load(path).header  # load says why, in Dutch
    line, found, _ = start.partition(b"\n")
    if not found or start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b'"' in line:
        return load(path).header
    try:
        text = line.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = line.decode("cp1252", "replace")
    cells = next(csv.reader([text.rstrip("\r")], delimiter=_detect_delimiter(text, "utf-8")), [])
    header, _, _ = _normalise_header(cells, [])
    return tuple(name for name in header if name)


def parse(data: bytes, source: str | Path | None = None) -> Table:
    """Parse CSV bytes. Raises DirectoryError listing every structural problem found."""
    version = content_version(data)
    plain = _read_plain(data) if len(data) >= FAST_PARSE_BYTES else None
    if plain is not None:
        del data  # pyarrow holds the cells now; at 100,000 organisations these bytes are 80 MB
        return plain.table(version)
    text, encoding, bom = _decode(data, source)
    del data  # the text holds it all now; at 100,000 organisations these bytes are 80 MB
    if not text.strip():
        raise DirectoryError(
            "het bestand is leeg; de eerste regel moet de kolomnamen bevatten, zoals id,naam,domein", source
        )
    newline = "\r\n" if "\r\n" in text[: text.find("\n") + 1 or None] else "\n"
    delimiter = _detect_delimiter(text, encoding)
    dialect = Dialect(delimiter=delimiter, encoding=encoding, bom=bom, newline=newline)
    records, problems = _read_records(text, delimiter)
    del text
    if not records:
        raise DirectoryError(problems or "het bestand bevat geen regels", source)
    header, warnings, header_problems = _normalise_header(records[0], records[1:])
    problems = header_problems + problems
    kept: list[list[str]] = []
    regels: list[int] = []
    width = len(header)
    for regel, record in enumerate(records[1:], start=2):
        # The usual row, as wide as the header with a filled first cell, skips all this.
        if len(record) != width or not (record and record[0].strip()):
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
            if len(record) < width:
                record += [""] * (width - len(record))
        kept.append(record)
        regels.append(regel)
    del records
    if problems:
        raise DirectoryError(problems, source)
    # Column by column, in C; a column without a name is dropped, and of two with one name the last counts
    # (as in a dict of the row).
    values = list(zip(*kept, strict=True)) if kept else [()] * width
    del kept
    columns = {name: column for name, column in zip(header, values, strict=True) if name}
    return Table(
        header=tuple(name for name in header if name),
        columns=columns,
        regels=regels,
        dialect=dialect,
        version=version,
        warnings=tuple(warnings),
    )


# --- a large, plain file ----------------------------------------------------------------------
#
# Python's csv module reads 100,000 organisations in about a second. pyarrow's CSV reader (in C++, and
# already installed with Streamlit) reads them in a tenth of that. It reads most files exactly as Python's
# reader does, but it forgives what Python's reader (strict) refuses: text after a closing quote ('"abc"x'
# becomes 'abcx'). So it is only used for a file whose quotes are all where the CSV rules put them
# (`_quotes_in_place`), in UTF-8, with a header of named, distinct columns and rows as wide as the header.
# Any other file, and every file with a problem, takes the path above, which says what is wrong and where.
# tests/test_fast_parse.py holds the two to each other on hostile files.

QUOTE, LF, CR = ord('"'), ord("\n"), ord("\r")
QUOTE_SCAN_BYTES = 1 << 24  # the file is scanned for quotes in slices of 16 MB, to bound the memory


def fast_parse(data: bytes, version: str | None = None) -> Table | None:
    """The table of a plain UTF-8 file, read by pyarrow; None when the file is not plain (then parse reads
    it the careful way). Gives exactly what the careful way gives for the files it reads."""
    plain = _read_plain(data)
    return plain.table(version if version is not None else content_version(data)) if plain is not None else None


class _Plain:
    """A plain file as pyarrow read it: its header and dialect, and its data rows as an Arrow table."""

    def __init__(self, header: list[str], dialect: Dialect, cells: Any) -> None:
        self.header, self.dialect = header, dialect
        self.cells = cells  # a pyarrow.Table, one string column per header column

    def table(self, version: str) -> Table:
        """The Table, once: column by column into Python, letting go of each Arrow column once it is
        converted. Both at once were 200 MB more at the peak of loading 100,000 organisations."""
        arrow, self.cells, columns = self.cells, None, []
        for name in list(arrow.column_names):
            columns.append(arrow.column(name).to_pylist())
            arrow = arrow.drop_columns([name])
        del arrow
        _release_arrow_memory()
        size = len(columns[0]) if columns else 0
        # Rows of empty cells are no data, as in the careful path; their regel still counts.
        blank = [i for i, cell in enumerate(columns[0]) if not cell.strip()] if columns else []
        blank = [i for i in blank if not any(column[i].strip() for column in columns)]
        regels = list(range(2, size + 2))
        if blank:
            keep = sorted(set(range(size)) - set(blank))
            columns = [[column[i] for i in keep] for column in columns]
            regels = [i + 2 for i in keep]
        return Table(
            header=tuple(self.header),
            columns=dict(zip(self.header, columns, strict=True)),
            regels=regels,
            dialect=self.dialect,
            version=version,
        )


def _read_plain(data: bytes) -> _Plain | None:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data:
        return None
    bom = data.startswith(codecs.BOM_UTF8)
    body = memoryview(data)[len(codecs.BOM_UTF8) :] if bom else memoryview(data)
    end = data.find(b"\n", 0, HEADER_PEEK)
    first = bytes(body[: end - (len(codecs.BOM_UTF8) if bom else 0)]) if end >= 0 else b""
    if not first or b'"' in first or b"\r" in first[:-1]:
        return None
    try:
        line = first.decode("utf-8")
    except UnicodeDecodeError:
        return None
    delimiter = _detect_delimiter(line, "utf-8")
    raw_header = next(csv.reader([line.rstrip("\r")], delimiter=delimiter))
    header, warnings, problems = _normalise_header(raw_header, [])
    if warnings or problems or not all(header) or not _quotes_in_place(body, ord(delimiter)):
        return None
    cells = _arrow_cells(body[len(first) + 1 :], delimiter, len(header))
    if cells is None:
        return None
    newline = "\r\n" if line.endswith("\r") else "\n"
    return _Plain(header, Dialect(delimiter=delimiter, encoding="utf-8", bom=bom, newline=newline), cells)


def _quotes_in_place(body: memoryview, delimiter: int) -> bool:
    """True when every run of quotes in the file opens a quoted field (at the start of a field), closes one
    (before a separator or a line end), or is doubled inside one: the files Python's strict reader and pyarrow's
    read alike. A quote inside an unquoted field ('5" scherm') is legal but rare, and is left to Python."""
    raw = np.frombuffer(body, dtype=np.uint8)
    found = [
        np.flatnonzero(raw[start : start + QUOTE_SCAN_BYTES] == QUOTE) + start
        for start in range(0, raw.size, QUOTE_SCAN_BYTES)
    ]
    at = np.concatenate(found) if found else np.zeros(0, dtype=np.int64)
    if not at.size:
        return True
    first = np.ones(at.size, dtype=bool)
    first[1:] = at[1:] != at[:-1] + 1
    starts = at[first]
    lengths = np.diff(np.append(np.flatnonzero(first), at.size))
    odd = lengths % 2 == 1
    if odd.sum() % 2:
        return False  # a quoted field that never closes
    # An odd run opens or closes a field, an even one does neither; so whether a run is inside a quoted field
    # is the parity of the odd runs before it.
    inside = (np.cumsum(odd) - odd) % 2 == 1
    before = np.where(starts > 0, raw[np.maximum(starts - 1, 0)], LF)  # the start of the file is a line start
    ends = starts + lengths
    after = np.where(ends < raw.size, raw[np.minimum(ends, raw.size - 1)], LF)  # and its end a line end

    def boundary(values: np.ndarray) -> np.ndarray:
        return (values == delimiter) | (values == LF) | (values == CR)

    closes = (~inside & ~odd) | (inside & odd)  # "" at a field's start opens and closes it
    return bool(boundary(before[~inside]).all() and boundary(after[closes]).all())


def _arrow_cells(rows: memoryview, delimiter: str, width: int):  # -> pyarrow.Table | None
    """The data rows as pyarrow reads them; None when it finds the file not plain (a row of another width,
    text that is not UTF-8) or a cell longer than Python's reader allows."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pa_csv

    names = [f"c{i}" for i in range(width)]
    try:
        table = pa_csv.read_csv(
            pa.py_buffer(rows),
            read_options=pa_csv.ReadOptions(column_names=names),
            parse_options=pa_csv.ParseOptions(
                delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False, double_quote=True
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                check_utf8=True,
            ),
        )
    except (pa.ArrowException, ValueError):
        return None
    limit = csv.field_size_limit()
    if table.num_rows and any(pc.max(pc.utf8_length(table.column(name))).as_py() > limit for name in names):
        return None
    return table


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


# A line with its ending, split where io.StringIO(newline="") splits: at \r\n, \r or \n, nowhere else.
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+\Z")


def _lines(text: str) -> Iterable[str]:
    """The lines of `text` one by one. io.StringIO held a copy of four bytes per character: 350 MB for
    a list of 100,000 organisations, the peak of loading it."""
    return (match.group() for match in _LINE.finditer(text))


def _read_records(text: str, delimiter: str) -> tuple[list[list[str]], list[Problem]]:
    records: list[list[str]] = []
    reader = csv.reader(_lines(text), delimiter=delimiter, strict=True)
    ended = 0  # the line of the text the last whole record ended on
    try:
        for record in reader:
            records.append(record)
            ended = reader.line_num
    except csv.Error as exc:
        return records, [_quoting_problem(str(exc), text, ended, delimiter, records)]
    return records, []


def _quoting_problem(error: str, text: str, ended: int, delimiter: str, records: list[list[str]]) -> Problem:
    """What is wrong with the quotes of the record after line `ended` (its regel as a spreadsheet counts
    rows), and the column of a quote that never closes, when that can be found."""
    regel = len(records) + 1
    unclosed = "unexpected end of data" in error or "EOF" in error or "field larger than field limit" in error
    start = _line_start(text, ended + 1) if unclosed else None
    found = _open_quote(text, start, delimiter) if start is not None else None
    if found is None:
        return Problem(_quoting_message(error), regel=regel)
    cell, offset = found
    header = records[0] if records else []
    kolom = (normalise_column_name(header[cell]) or None) if regel > 1 and cell < len(header) else None
    shown = quote(CONTROL_RE.sub("\ufffd", text[offset : offset + 60]), limit=30)
    which = "de cel" if kolom else f"cel {cell + 1} van deze regel"
    return Problem(
        f'{which} begint met een aanhalingsteken (") dat nergens wordt afgesloten: {shown}; '
        "zet een aanhalingsteken aan het eind van de tekst in de cel, of haal het eerste weg",
        regel=regel,
        kolom=kolom,
    )


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


def _line_start(text: str, number: int) -> int | None:
    """Where line `number` (1 is the first) of `text` starts; None past the end."""
    for count, match in enumerate(_LINE.finditer(text), start=1):
        if count == number:
            return match.start()
    return None


def _open_quote(text: str, start: int, delimiter: str) -> tuple[int, int] | None:
    """The record that starts at `start`, read as the CSV rules read it: (the number of the cell, from 0, and
    where it starts) of a quoted cell that is never closed; None when every quote closes."""
    cell, i, size = 0, start, len(text)
    while i <= size:
        if text.startswith('"', i):
            j = i + 1
            while True:
                k = text.find('"', j)
                if k < 0:
                    return cell, i
                if not text.startswith('""', k):
                    break
                j = k + 2
            i = k + 1
        end = _next_separator(text, i, delimiter)
        if end is None:
            return None  # the record ends here, with every quote closed
        i, cell = end, cell + 1
    return None


_NEWLINE = re.compile("[\r\n]")


def _next_separator(text: str, i: int, delimiter: str) -> int | None:
    """Just after the delimiter that ends the cell from `i`; None when the line (the record) ends first."""
    newline = _NEWLINE.search(text, i)
    line_end = newline.start() if newline else len(text)
    separator = text.find(delimiter, i, line_end)
    return None if separator < 0 else separator + 1


def normalise_column_name(name: str, known: Collection[str] = COLUMN_NAMES) -> str:
    """'Naam ' and 'Ook domein' are the columns naam and ook_domein (as spreadsheet users type them) when
    `known` has them; other names stay as they are."""
    candidate = name.strip().lstrip("\ufeff").lower().replace(" ", "_")
    return candidate if candidate in known else name.strip()


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


def _release_arrow_memory() -> None:
    import pyarrow as pa

    pa.default_memory_pool().release_unused()
