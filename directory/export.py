"""The organisation list as a file for reading in Dutch Excel.

Dutch Excel opens a CSV by double-clicking only when it is `;`-separated; it reads UTF-8 only
when the file starts with a byte order mark. So the export is UTF-8 with BOM, `;`, CRLF.

A coordinator opens this file on their own computer, so it must be safe to open even when a
cell holds text that a spreadsheet would run as a formula (CSV or formula injection). We follow
the OWASP CSV Injection guidance (https://owasp.org/www-community/attacks/CSV_Injection):

- every cell is wrapped in double quotes, and a double quote inside a cell is doubled;
- a cell whose first character is `=`, `+`, `-`, `@`, tab or carriage return gets a single
  quote (') in front, so the spreadsheet reads it as text. We also do this for a NUL first
  character (OWASP ASVS 1.2.10) and for a cell that starts with spaces or line breaks followed by
  one of `=+-@`, because some programs trim leading space before deciding what a cell is.

Phone numbers such as `+31 33 123 4567` get the quote too. That is intended: without it, Excel
reads them as a formula and shows an error instead of the number; with it, they show as text. For the same
reason a cell of only digits starting with 0 (`0331234567`) gets the quote, or Excel drops the 0.
Coordinates are written with a decimal comma (`52,15672`): Dutch Excel reads a decimal point as
a thousands separator and would show 5.384 as 5384.

This file is for reading, not for reading back: a neutralised cell is no longer byte for byte
the original. Edit the list itself (organisaties.csv, or Beheer) instead.
"""

from __future__ import annotations

import csv
import io
import re

from directory.model import Directory
from directory.schema import output_header, to_cells

# OWASP's list, plus NUL (ASVS 1.2.10).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
# The same triggers behind leading white space, which some spreadsheet programs trim first.
_FORMULA_AFTER_SPACE = re.compile(r"^\s+[=+\-@]")
# Excel turns a cell of digits into a number and drops a leading 0 (phone numbers).
_LEADING_ZERO_NUMBER = re.compile(r"^0[0-9]+$")
DECIMAL_COMMA_COLUMNS = frozenset({"lat", "lon"})
TEXT_MARKER = "'"


def excel_csv(directory: Directory) -> bytes:
    """All organisations, all columns, in the file's own order: UTF-8 with BOM, `;`, CRLF, all quoted."""
    organisations = directory.organisations
    header = output_header(directory.columns, organisations)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([neutralise(name) for name in header])
    for org in organisations:
        cells = to_cells(org)
        writer.writerow([excel_cell(name, cells.get(name, "")) for name in header])
    return buffer.getvalue().encode("utf-8-sig")


def excel_cell(column: str, value: str) -> str:
    """One cell as Dutch Excel should show it: coordinates with a decimal comma, never a formula."""
    if column in DECIMAL_COMMA_COLUMNS:
        value = value.replace(".", ",")
    return neutralise(value)


def neutralise(value: str) -> str:
    """`value` with a leading ' when a spreadsheet would otherwise read it as a formula or a number."""
    if needs_text_marker(value):
        return TEXT_MARKER + value
    return value


def needs_text_marker(value: str) -> bool:
    return (
        value.startswith(FORMULA_STARTS)
        or bool(_FORMULA_AFTER_SPACE.match(value))
        or bool(_LEADING_ZERO_NUMBER.match(value))
    )
