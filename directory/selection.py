"""Choosing organisations from the list: the filters that suggest() and the list pages share, and where
to start when nothing fits. (Distances to a point, honest about approximate places: directory.places.)"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from rapidfuzz import fuzz, process

from directory.geo import haversine_km
from directory.groups import group_choices
from directory.model import Directory, Domain, Organisation
from directory.text import fold
from directory.typed import NAME_LIMIT, at_most
from directory.wording import or_list


@dataclass(frozen=True)
class Filters:
    doelgroep: str | None = None
    wijk: str | None = None
    near: tuple[float, float] | None = None
    max_km: float | None = None
    inkomen: int | None = None  # the client's income as % of the sociaal minimum
    woonwijk: str | None = None  # where the client lives: help for that wijk keeps its place (only orders)


class FilterArrays:
    """Per organisation, what the filters look at, as arrays: a filter is a few vector operations."""

    def __init__(self, organisations: Sequence[Organisation]):
        orgs = organisations
        self.size = len(orgs)
        self.lat = np.array([o.lat if o.lat is not None else np.nan for o in orgs], dtype=float)
        self.lon = np.array([o.lon if o.lon is not None else np.nan for o in orgs], dtype=float)
        self.citywide = np.array([o.lat is None or o.locatie_nauwkeurigheid == "stad" for o in orgs], dtype=bool)
        self.income_limit = np.array(
            [o.inkomensgrens if o.inkomensgrens is not None else np.inf for o in orgs], dtype=float
        )
        self.for_everyone = np.array([not o.doelgroepen or "iedereen" in o.doelgroepen for o in orgs], dtype=bool)
        members: dict[str, list[int]] = defaultdict(list)
        for i, org in enumerate(orgs):
            for group in org.doelgroepen:
                members[group].append(i)
        self.groups = {group: np.array(indices, dtype=np.int64) for group, indices in members.items()}
        self.wijk_of = np.array([o.wijk.casefold() for o in orgs], dtype=object)
        self._organisations = orgs

    # The list pages need these, the match index does not: built on first use, then kept.
    @cached_property
    def themes(self) -> dict[str, np.ndarray]:
        """Theme id -> a mask of the organisations that list it."""
        return _masks(self.size, ((i, theme) for i, o in enumerate(self._organisations) for theme in o.themas))

    @cached_property
    def domains(self) -> dict[str, np.ndarray]:
        """Group -> a mask of the organisations whose main or second group it is."""
        pairs = ((i, d.value) for i, o in enumerate(self._organisations) for d in o.domains)
        return _masks(self.size, pairs)

    @cached_property
    def names(self) -> list[str]:
        """Every name folded (no accents, lower case), for the name search."""
        return [fold(o.naam) for o in self._organisations]

    @cached_property
    def alphabetical(self) -> np.ndarray:
        """Each organisation's place in the list sorted by name (then id), so sorting a selection is one argsort."""
        order = sorted(range(self.size), key=lambda i: (self.names[i], self._organisations[i].id))
        rank = np.empty(self.size, dtype=np.int64)
        rank[order] = np.arange(self.size)
        return rank

    def allowed(self, filters: Filters) -> tuple[np.ndarray, np.ndarray | None]:
        """A mask of the organisations that pass, and the distances when a point is given."""
        mask = np.ones(self.size, dtype=bool)
        distances = None
        if filters.inkomen is not None:
            mask &= self.income_limit >= filters.inkomen
        if filters.doelgroep:
            group = np.zeros(self.size, dtype=bool)
            indices = self.groups.get(filters.doelgroep.strip().lower())
            if indices is not None:
                group[indices] = True
            mask &= group | self.for_everyone
        if filters.wijk:
            mask &= (self.wijk_of == filters.wijk.strip().casefold()) | (self.wijk_of == "")
        if filters.near is not None:
            distances = haversine_km(filters.near[0], filters.near[1], self.lat, self.lon)
            if filters.max_km is not None:
                mask &= (distances <= filters.max_km) | self.citywide
        return mask, distances


def _masks(size: int, pairs) -> dict[str, np.ndarray]:
    masks: dict[str, np.ndarray] = {}
    for index, key in pairs:
        masks.setdefault(key, np.zeros(size, dtype=bool))[index] = True
    return masks


def filter_arrays(directory: Directory) -> FilterArrays:
    """The arrays over the directory's active organisations, built once per loaded version."""
    return _cached(directory, "filter_arrays", lambda: FilterArrays(directory.active))


def select(
    directory: Directory,
    *,
    doelgroep: str | None = None,
    wijk: str | None = None,
    thema: str | None = None,
    domein: str | None = None,
) -> list[Organisation]:
    """Active organisations that fit the choices, with the same rules as suggest(): organisations for
    everyone and for the whole city always fit; a domain matches the main group or the second one."""
    mask = _chosen(filter_arrays(directory), doelgroep, wijk, thema, domein)
    active = directory.active
    return [active[i] for i in np.flatnonzero(mask).tolist()]


def _chosen(
    arrays: FilterArrays, doelgroep: str | None, wijk: str | None, thema: str | None, domein: str | None
) -> np.ndarray:
    mask, _ = arrays.allowed(Filters(doelgroep=doelgroep, wijk=wijk))
    nothing = np.zeros(arrays.size, dtype=bool)
    if thema:
        mask &= arrays.themes.get(thema, nothing)
    if domein:
        mask &= arrays.domains.get(domein, nothing)
    return mask


NO_ENTRY_POINT = "het loket van de gemeente"


def entry_point_names(directory: Directory, limit: int = 2) -> str:
    """'Geldcheck033 of Wijkteams Amersfoort': the general entry points as words, for a sentence. A list
    without any (empty, or only heavy help) still gives a place to start: the gemeente."""
    names = [o.naam for o in general_entry_points(directory, limit)]
    if not names:
        return NO_ENTRY_POINT
    return or_list(names)


def general_entry_points(directory: Directory, limit: int = 3) -> list[Organisation]:
    """Where to start when nothing fits: light help for everyone in the whole area that a volunteer can
    reach: first those whose main theme is what the list is most about, then the broadest (the
    organisations that help with the most themes know the way to the rest).
    A regio.toml can name them (`ingangen`); otherwise they are derived from the list itself, so this works
    for any municipality's list."""
    chosen = [directory.get(org_id) for org_id in directory.region.entry_points]
    named = [o for o in chosen if o is not None and o.actief and o.role.suggestable]
    if named:
        return named[:limit]
    candidates = [
        o
        for o in directory.active
        if o.role.suggestable
        and o.domein != Domain.CURATIEF
        and o.reachable
        and (not o.doelgroepen or "iedereen" in o.doelgroepen)
    ]
    counts = Counter(theme for o in directory.active for theme in o.themas)
    core = counts.most_common(1)[0][0] if counts else None  # the theme the list is most about
    candidates.sort(key=lambda o: (o.wijk != "", o.main_theme != core, -len(o.themas), o.domein.weight, o.naam))
    return candidates[:limit]


# rapidfuzz WRatio: "kledingbnk" scores 81 against "kledingbank amersfoort", "leger" 72 against "leergeld".
NAME_CUTOFF = 75


def target_groups(directory: Directory) -> list[str]:
    """The target groups the list uses, for a 'Voor wie?' choice ('iedereen' is always included anyway)."""
    return list(_cached(directory, "target_groups", lambda: _target_groups(directory.active)))


def target_group_choices(directory: Directory) -> dict[str, str]:
    """The options of a 'Voor wie?' choice, the same on every page: the 'any' option (directory.groups.ANY_GROUP)
    and each target group the list uses, code -> readable label ('dak-en-thuislozen' -> 'Dak- en thuislozen').
    A page passes the chosen code on to the filters, never the label."""
    return dict(_cached(directory, "target_group_choices", lambda: group_choices(target_groups(directory))))


def _target_groups(organisations: Sequence[Organisation]) -> tuple[str, ...]:
    return tuple(sorted({g for o in organisations for g in o.doelgroepen} - {"iedereen"}))


def wijken(directory: Directory) -> list[str]:
    """The wijken the active organisations name, for a 'Wijk' choice, sorted as people read them."""
    return list(
        _cached(directory, "wijken", lambda: tuple(sorted({o.wijk for o in directory.active if o.wijk}, key=fold)))
    )


def names_by_id(directory: Directory) -> dict[str, str]:
    """Active organisation id -> name, in the order people look names up (case-insensitive, then id):
    the options of a 'choose an organisation' box, sorted once per loaded list."""
    return _cached(
        directory,
        "names_by_id",
        lambda: {o.id: o.naam for o in sorted(directory.active, key=lambda o: (o.naam.casefold(), o.id))},
    )


def _cached(directory: Directory, key: str, build):
    # Options for the list pages: every rerun asks, and at 5,000 organisations a walk over all of them adds up.
    value = directory.cache.get(key)
    if value is None:
        value = directory.cache[key] = build()
    return value


def _name_scores(typed: str, names: Sequence[str], among: np.ndarray | None = None) -> dict[int, float]:
    """Position in `names` -> score, for the names (at the positions in `among`, else all) that fit."""
    positions = range(len(names)) if among is None else among.tolist()
    choices = {i: names[i] for i in positions}
    scores = {i: 100.0 for i, name in choices.items() if typed and typed in name}
    for _, score, i in process.extract(typed, choices, scorer=fuzz.WRatio, score_cutoff=NAME_CUTOFF, limit=None):
        scores.setdefault(i, score)
    return scores


def browse(
    directory: Directory,
    *,
    thema: str | None = None,
    doelgroep: str | None = None,
    wijk: str | None = None,
    naam: str = "",
) -> list[Organisation]:
    """The active organisations that fit the choices (the same rules as suggest), best name match first,
    else alphabetical. None means: no choice made. Runs over the precomputed arrays: at 5,000
    organisations a rerun must not fold and sort every name again."""
    arrays = filter_arrays(directory)
    chosen = np.flatnonzero(_chosen(arrays, doelgroep, wijk, thema, None))
    order_key = arrays.alphabetical[chosen]
    naam = at_most(naam, NAME_LIMIT).text  # a name is short: a long paste is not compared whole with every name
    if naam.strip():
        scores = _name_scores(fold(naam), arrays.names, chosen)
        chosen = np.fromiter(scores, dtype=np.int64, count=len(scores))
        best = np.fromiter(scores.values(), dtype=float, count=len(scores))
        order = np.lexsort((arrays.alphabetical[chosen], -best))
    else:
        order = np.argsort(order_key, kind="stable")
    active = directory.active
    return [active[i] for i in chosen[order].tolist()]
