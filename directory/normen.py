"""Bijstandsnormen as data, and a net monthly income turned into a % of the sociaal minimum.

The norms change twice a year and are not ours to guess: they live in bijstandsnormen.csv, one row
per household type with the amount, the % of the norm that amount stands for (100 for the norm
itself) and the source. A source often gives a limit rather than the norm ("110% van de
bijstandsnorm is € 1.406"); such a row is kept exactly as the source says it and scaled here.
When a household has no row, the helper says so in Dutch instead of inventing a figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from directory import csvfile
from directory import fields as f
from directory.model import DirectoryError, Problem
from directory.regelingen_schema import HOUSEHOLD_LABELS, HOUSEHOLDS, households, sources, year

FILE_NAME = "bijstandsnormen.csv"
BUNDLED_NORMS = Path(__file__).resolve().parent.parent / "data" / FILE_NAME
COLUMNS = ("huishouden", "peiljaar", "percentage", "netto_per_maand", "bron")  # all required; toelichting is not
MAX_AMOUNT = Decimal(100_000)
# Dutch amounts: "1406", "1.406", "2008,56", "€ 2.008,56". A point before exactly three digits groups thousands.
_AMOUNT = re.compile(r"^(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d{1,2})?$|^\d+\.\d{1,2}$")
_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class Norm:
    huishouden: str
    peiljaar: int
    percentage: int  # of the bijstandsnorm that `netto_per_maand` stands for
    netto_per_maand: Decimal
    bron: tuple[str, ...]
    toelichting: str = ""

    @property
    def full_norm(self) -> Decimal:
        """The amount that is 100% of the sociaal minimum for this household."""
        return self.netto_per_maand * 100 / self.percentage


@dataclass(frozen=True)
class IncomeShare:
    """An income as % of the sociaal minimum, with the norm it was measured against (to show its year)."""

    percentage: Decimal
    norm: Norm


def amount(value: Any, zero_allowed: bool = False) -> Decimal:
    """Euro per month; a norm is never 0, an income may be (no income at all)."""
    raw = f.text(value).replace("€", "").replace(" ", "")
    if not _AMOUNT.match(raw):
        raise f.fail(f"{f.quote(value)} is geen bedrag; schrijf het als 1406 of 2008,56 (euro per maand, netto)")
    if "," in raw:
        number = Decimal(raw.replace(".", "").replace(",", "."))
    elif _GROUPED.match(raw):
        number = Decimal(raw.replace(".", ""))
    else:
        number = Decimal(raw)
    too_low = number < 0 if zero_allowed else number <= 0
    if too_low or number >= MAX_AMOUNT:
        lowest = "van 0" if zero_allowed else "tussen 0"
        raise f.fail(f"{f.quote(value)} ligt niet {lowest} en 100.000 euro per maand")
    return number


def normen_path(data: str | Path) -> Path:
    """The norms beside a data folder or list, else the bundled ones: the norms are national."""
    data = Path(data)
    beside = data / FILE_NAME if data.is_dir() else data.with_name(FILE_NAME)
    return beside if beside.is_file() else BUNDLED_NORMS


def load_normen(path: str | Path) -> tuple[Norm, ...]:
    """Read and validate bijstandsnormen.csv. Raises DirectoryError with every problem."""
    path = Path(path)
    table = csvfile.load(path)
    missing = [name for name in COLUMNS if name not in table.header]
    if missing:
        raise DirectoryError(
            [
                Problem(f"de verplichte kolom '{name}' ontbreekt; de kolommen zijn {', '.join(COLUMNS)}", 1, name)
                for name in missing
            ],
            path,
        )
    norms, problems = [], []
    for row in table.rows:
        norm, row_problems = _parse(row)
        problems += row_problems
        if norm is not None:
            norms.append(norm)
    if problems:
        raise DirectoryError(problems, path)
    return tuple(norms)


def _parse(row: csvfile.Row) -> tuple[Norm | None, list[Problem]]:
    checks = (
        ("huishouden", lambda v: _one(households(v))),
        ("peiljaar", year),
        ("percentage", f.percentage),
        ("netto_per_maand", amount),
        ("bron", sources),
        ("toelichting", f.multiline_text),
    )
    values, problems = {}, []
    for column, check in checks:
        raw = row.cells.get(column, "")
        try:
            values[column] = check(raw)
        except Exception as exc:  # PydanticCustomError carries the Dutch reason
            problems.append(Problem(str((getattr(exc, "context", None) or {}).get("reason", exc)), row.regel, column))
            continue
        if column in COLUMNS and values[column] in (None, "", ()):
            problems.append(Problem("is leeg, maar deze kolom is verplicht", row.regel, column))
    return (Norm(**values) if not problems else None), problems


def _one(items: tuple[str, ...]) -> str:
    if len(items) > 1:
        raise f.fail("noem één huishouden per regel")
    return items[0] if items else ""


def income_percentage(netto_per_maand: Any, huishouden: str, norms: tuple[Norm, ...]) -> IncomeShare:
    """A net monthly income (euro) as % of the sociaal minimum of `huishouden`, to one decimal.

    Uses the household's most recent norm. Raises DirectoryError (Dutch) when there is none, and
    ValueError (Dutch) when the input itself is wrong.
    """
    return _share(netto_per_maand, current_norm(huishouden, norms))


def _share(netto_per_maand: Any, norm: Norm) -> IncomeShare:
    try:
        income = amount(str(netto_per_maand), zero_allowed=True)
    except Exception as exc:
        raise ValueError(str((getattr(exc, "context", None) or {}).get("reason", exc))) from None
    share = (income * 100 / norm.full_norm).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
    return IncomeShare(share, norm)


def current_norm(huishouden: str, norms: tuple[Norm, ...]) -> Norm:
    """The household's most recent norm. Raises ValueError (Dutch) for an unknown household and
    DirectoryError (Dutch) when the list has no norm for it."""
    if huishouden not in HOUSEHOLDS:
        raise ValueError(f"kies het huishouden: {', '.join(HOUSEHOLDS)}")
    candidates = [n for n in norms if n.huishouden == huishouden]
    if not candidates:
        raise DirectoryError(
            Problem(
                f"er staat geen bijstandsnorm voor {HOUSEHOLD_LABELS[huishouden]} in; vul de norm in met de bron, "
                "of geef het inkomen als percentage van het sociaal minimum",
                bestand=FILE_NAME,
            )
        )
    return max(candidates, key=lambda n: n.peiljaar)


def norm_beside(huishouden: str | None, data: str | Path) -> Norm:
    """current_norm against the norms beside the list at `data`; for a form where the household may still be
    unknown (None): then a ValueError asks for it first."""
    if not huishouden:
        raise ValueError("Kies eerst het huishouden: de norm hangt ervan af.")
    return current_norm(huishouden, load_normen(normen_path(data)))


def net_amount(percentage: Any, norm: Norm) -> Decimal:
    """The other way round: `percentage` of the sociaal minimum as a net monthly amount (euro, exact)."""
    return Decimal(str(percentage)) * norm.full_norm / 100


def net_income_share(netto_per_maand: Any, huishouden: str | None, data: str | Path) -> IncomeShare:
    """income_percentage against the norms beside the list at `data` (see norm_beside)."""
    return _share(netto_per_maand, norm_beside(huishouden, data))
