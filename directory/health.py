"""How healthy the list is: which organisations need a check, and where the help has blind spots.

Only active organisations count: archived ones are never suggested, so they are neither stale
nor do they fill a gap. Every result is plain data; the Beheer page puts Dutch labels on it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from directory.geo import wijk_names
from directory.model import Directory, Organisation, Theme
from directory.vocab import DOMAIN_ORDER, Domain

# --- freshness ------------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus calendar months; a day the target month lacks becomes its last day (29 Feb -> 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class StaleOrganisation:
    """An active organisation that needs a check: never checked, or longer ago than allowed."""

    organisation: Organisation
    laatst_gecontroleerd: dt.date | None
    dagen: int | None  # days since the last check; None when never checked


def stale(directory: Directory, today: dt.date, months: int = 12) -> list[StaleOrganisation]:
    """Active organisations never checked, or checked more than `months` calendar months before `today`.

    Never checked comes first (in list order), then the oldest check. A check exactly `months`
    months ago is still fresh: on 2025-03-01 a check of 2024-03-01 is fresh, one of 2024-02-29 is
    not. Twelve months after 29 February is 28 February.
    """
    if months < 0:
        raise ValueError("months must be 0 or more")
    found = [
        StaleOrganisation(org, org.laatst_gecontroleerd, _age(org.laatst_gecontroleerd, today))
        for org in directory.active
        if is_stale(org.laatst_gecontroleerd, today, months)
    ]
    return sorted(found, key=lambda s: (s.laatst_gecontroleerd is not None, s.laatst_gecontroleerd or today))


def unreachable(directory: Directory) -> list[Organisation]:
    """Active organisations a volunteer may send someone to, but cannot contact: no phone number, e-mail
    address or website in the list. A warm handover then has nobody to call; by name."""
    found = [o for o in directory.active if o.role.suggestable and not o.reachable]
    return sorted(found, key=lambda o: (o.naam.casefold(), o.id))


def is_stale(checked: dt.date | None, today: dt.date, months: int = 12) -> bool:
    return checked is None or add_months(checked, months) < today


def _age(checked: dt.date | None, today: dt.date) -> int | None:
    return (today - checked).days if checked else None


# --- gaps: theme x domain -------------------------------------------------------------------


@dataclass(frozen=True)
class MatrixCell:
    """How many active organisations help with `thema` in `domein`.

    `kern` counts organisations whose core task (domein) is this group; `deels` counts those that
    only partly belong to it (ook_domein). An organisation is counted once per theme it lists.
    """

    thema: Theme
    domein: Domain
    kern: int
    deels: int


@dataclass(frozen=True)
class ThemeDomainMatrix:
    """Counts per theme (themas.csv order) and group (preventie -> ondersteuning -> curatief)."""

    themes: tuple[Theme, ...]
    cells: dict[tuple[str, Domain], MatrixCell]
    domains: tuple[Domain, ...] = DOMAIN_ORDER

    def cell(self, theme_id: str, domain: Domain) -> MatrixCell:
        return self.cells[(theme_id, domain)]


def theme_domain_matrix(directory: Directory) -> ThemeDomainMatrix:
    counts = {(t.id, d): [0, 0] for t in directory.themes for d in DOMAIN_ORDER}
    for org in directory.active:
        for theme_id in dict.fromkeys(org.themas):
            if (theme_id, org.domein) in counts:
                counts[(theme_id, org.domein)][0] += 1
            if org.ook_domein is not None and (theme_id, org.ook_domein) in counts:
                counts[(theme_id, org.ook_domein)][1] += 1
    by_id = {t.id: t for t in directory.themes}
    cells = {key: MatrixCell(by_id[key[0]], key[1], kern, deels) for key, (kern, deels) in counts.items()}
    return ThemeDomainMatrix(tuple(directory.themes), cells)


@dataclass(frozen=True)
class Gap:
    """A theme with no organisation whose core task is this group: a blind spot."""

    cell: MatrixCell

    @property
    def only_partly(self) -> bool:
        """Some organisation does it as its second group; less empty than it looks."""
        return self.cell.deels > 0


def gaps(matrix: ThemeDomainMatrix, domain: Domain | None = None) -> list[Gap]:
    """Cells without any core organisation, in theme and group order; optionally one group only."""
    domains = (domain,) if domain is not None else matrix.domains
    return [
        Gap(matrix.cell(theme.id, d)) for theme in matrix.themes for d in domains if matrix.cell(theme.id, d).kern == 0
    ]


# --- gaps: per wijk -------------------------------------------------------------------------


class Coverage(StrEnum):
    """Who helps with a theme that no organisation in the wijk covers, best first."""

    STEDELIJK = "alleen stedelijk"  # an organisation for the whole city (no wijk) does
    ANDERE_WIJK = "alleen in een andere wijk"
    NIEMAND = "niemand"


@dataclass(frozen=True)
class MissingTheme:
    thema: Theme
    dekking: Coverage


@dataclass(frozen=True)
class WijkGaps:
    """The themes no active organisation located in `wijk` helps with."""

    wijk: str
    organisaties: int  # active organisations located in the wijk
    ontbreekt: tuple[MissingTheme, ...]


def missing_by_wijk(directory: Directory, wijken: Iterable[str] | None = None) -> dict[str, WijkGaps]:
    """Per wijk the themes without an organisation in that wijk, and who covers them instead.

    "In a wijk" means the organisation's `wijk` column names it (case and spaces ignored); that
    column is the wijk of the visiting address. An organisation without a wijk works for the
    whole city ("stedelijk"); most of the list is. A missing theme is marked `alleen stedelijk`
    when such an organisation covers it, `alleen in een andere wijk` when only organisations
    located elsewhere do, and `niemand` when no active organisation has the theme at all.

    `wijken` defaults to the CBS wijken of data/wijken.csv; wijken that only the data names are
    added after them, alphabetically.
    """
    located: dict[str, list[Organisation]] = {}
    for org in directory.active:
        located.setdefault(_key(org.wijk), []).append(org)
    city_wide = _themes_of(located.get("", ()))
    anywhere = _themes_of(directory.active)
    result = {}
    for name in _wijk_names(directory, wijken):
        here = located.get(_key(name), [])
        covered = _themes_of(here)
        missing = tuple(
            MissingTheme(theme, _coverage(theme.id, city_wide, anywhere))
            for theme in directory.themes
            if theme.id not in covered
        )
        result[name] = WijkGaps(name, len(here), missing)
    return result


def _wijk_names(directory: Directory, wijken: Iterable[str] | None) -> list[str]:
    if wijken is None:
        wijken = wijk_names(directory.region.wijken_path)
    given = _first_per_key(wijken)
    from_data = _first_per_key(o.wijk for o in directory.active)
    extra = [name for key, name in from_data.items() if key not in given]
    return list(given.values()) + sorted(extra, key=str.casefold)


def _first_per_key(names: Iterable[str]) -> dict[str, str]:
    """Each wijk once, spelled as first seen; 'stadskern ' and 'Stadskern' are one wijk."""
    found: dict[str, str] = {}
    for name in names:
        if name.strip():
            found.setdefault(_key(name), " ".join(name.split()))
    return found


def _coverage(theme_id: str, city_wide: set[str], anywhere: set[str]) -> Coverage:
    if theme_id in city_wide:
        return Coverage.STEDELIJK
    return Coverage.ANDERE_WIJK if theme_id in anywhere else Coverage.NIEMAND


def _themes_of(organisations: Iterable[Organisation]) -> set[str]:
    return {t for org in organisations for t in org.themas}


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()
