"""Which schemes may apply to a household, and which schemes may help with a need.

Both answers are lists of `Mogelijk`: the scheme, why it may fit, what still has to be checked,
who helps apply and whether its figures are old. A page only renders them. Nothing here keeps
what it was asked: no caches of a situation or a need text, no logging. Only the uitvoerder of a
scheme decides; every answer says so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from directory.matching import analyse
from directory.model import Directory, Organisation
from directory.regelingen_schema import (
    HOUSEHOLD_LABELS,
    HOUSEHOLDS,
    HOUSEHOLDS_WITH_CHILDREN,
    MAX_AGE,
    Regeling,
    Regelingen,
)

ONLY_THE_EXECUTOR_DECIDES = (
    "Dit is een eerste indruk, geen besluit. Alleen de uitvoerder van een regeling beslist of iemand er recht op heeft."
)
NOTHING_FITS = "Geen regeling gevonden die bij deze vraag past."
# Why a scheme with limits is listed when no answer is about those limits yet: the true reason, not "it may fit".
NOT_RULED_OUT = "niets in de antwoorden sluit deze regeling uit"
NO_FIXED_LIMITS = "geen vaste grens voor huishouden, leeftijd of inkomen"
# The age groups a volunteer can pick for children: the ages the schemes draw lines at.
CHILD_AGE_GROUPS: dict[str, tuple[int, int]] = {"0-3": (0, 3), "4-11": (4, 11), "12-17": (12, 17)}
MAX_CHILDREN = 20
MAX_INCOME = 1000  # % of the sociaal minimum, as the organisation list allows


class SituationError(ValueError):
    """The situation given does not add up; the message is Dutch and says what to change."""


@dataclass(frozen=True)
class Situatie:
    """What a volunteer knows about a household. Every field may stay unknown (None or empty)."""

    huishouden: str | None = None
    kinderen: int | None = None
    leeftijdsgroepen: tuple[str, ...] = ()  # of the children, from CHILD_AGE_GROUPS
    leeftijd: int | None = None  # of the person asking
    inkomen: Decimal | None = None  # % of the sociaal minimum

    def __post_init__(self) -> None:
        problem = _situation_problem(self)
        if problem:
            raise SituationError(problem)
        if self.inkomen is not None:
            object.__setattr__(self, "inkomen", Decimal(str(self.inkomen)))

    @property
    def has_children(self) -> bool | None:
        if self.kinderen is not None:
            return self.kinderen > 0
        if self.leeftijdsgroepen:
            return True
        return self.huishouden in HOUSEHOLDS_WITH_CHILDREN if self.huishouden else None


def _situation_problem(s: Situatie) -> str | None:
    checks = (
        (s.huishouden is not None and s.huishouden not in HOUSEHOLDS, f"kies een huishouden: {', '.join(HOUSEHOLDS)}"),
        (s.kinderen is not None and not 0 <= s.kinderen <= MAX_CHILDREN, f"aantal kinderen: 0 tot {MAX_CHILDREN}"),
        (s.leeftijd is not None and not 0 <= s.leeftijd <= MAX_AGE, f"leeftijd: een heel getal van 0 tot {MAX_AGE}"),
        (not _valid_income(s.inkomen), f"inkomen: een percentage van het sociaal minimum, van 0 tot {MAX_INCOME}"),
        (
            any(g not in CHILD_AGE_GROUPS for g in s.leeftijdsgroepen),
            f"leeftijd van de kinderen: kies uit {', '.join(CHILD_AGE_GROUPS)}",
        ),
        (
            s.huishouden in HOUSEHOLDS_WITH_CHILDREN and s.kinderen == 0,
            f"bij {HOUSEHOLD_LABELS.get(s.huishouden or '', '')} hoort minstens één kind; kies een ander huishouden",
        ),
        (
            s.huishouden in ("alleenstaand", "paar") and bool(s.kinderen or s.leeftijdsgroepen),
            "met kinderen is het huishouden alleenstaande-ouder of paar-met-kinderen",
        ),
        (s.kinderen == 0 and bool(s.leeftijdsgroepen), "zonder kinderen kan er geen leeftijd van kinderen zijn"),
    )
    return next((message for wrong, message in checks if wrong), None)


def _valid_income(value: object) -> bool:
    if value is None:
        return True
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return False
    return number.is_finite() and 0 <= number <= MAX_INCOME  # 0: no income at all, the strongest claim


@dataclass(frozen=True)
class Mogelijk:
    """A scheme that may apply, with everything a page shows beside it."""

    regeling: Regeling
    redenen: tuple[str, ...]  # why it may fit
    na_te_gaan: tuple[str, ...]  # conditions nobody has checked yet
    hulp: tuple[Organisation, ...]  # who helps apply
    actualiteit: str | None  # "bedragen van 2024; controleer de actuele bedragen", or None when current

    @property
    def hoofdvoorwaarde(self) -> str:
        """The main condition in one line: the first sentence of voor_wie ('' when voor_wie is empty)."""
        return sentence(" ".join(self.regeling.voor_wie.split()).split(". ")[0])

    @property
    def waarom_tekst(self) -> str:
        """Why it may fit, as a page shows it after "Waarom het kan passen:" ('' when there is no reason)."""
        return joined(self.redenen)

    @property
    def nagaan_tekst(self) -> str:
        """What still has to be checked, as a page shows it after "Nog nagaan:" ('' when nothing is left)."""
        return joined(self.na_te_gaan)


@dataclass(frozen=True)
class Uitkomst:
    mogelijk: tuple[Mogelijk, ...]
    niets_past: bool = False
    uitleg: str = ONLY_THE_EXECUTOR_DECIDES


# --- texts: parts as they are kept and as a page joins them ---------------------------------------------
# A reason or a condition is a bare part: no separator at its end ("inkomen tot 110% van het sociaal minimum",
# "inkomen: <the cell>"). A page joins the parts with "; ", as the app's other lines do. A cell may end in a full
# stop, a separator or spaces; `bare` takes those off first, so a join never gives ".;", ",;", ";;" or " ;".

_EDGE_START = re.compile(r"^[\s,;:]+")
_EDGE_END = re.compile(r"[\s.,;:]+$")
_OWN_END = ("?", "!", "…")  # an ending a sentence keeps instead of a full stop


def bare(text: str) -> str:
    """`text` on one line, without spaces or separators (. , ; :) at its ends: a part ready to be joined."""
    return _EDGE_END.sub("", _EDGE_START.sub("", " ".join(text.split())))


def joined(parts: Iterable[str]) -> str:
    """The parts as one line: 'leeftijd vanaf 21 jaar; inkomen: (...) Alleen tot de AOW-leeftijd; vermogen: (...)'.
    Empty parts are left out; '' when none is left."""
    return "; ".join(filter(None, (bare(p) for p in parts)))


def sentence(text: str) -> str:
    """`text` as one sentence: a capital first letter and one full stop at the end; '' when nothing is left."""
    part = bare(text)
    if not part:
        return ""
    part = part[0].upper() + part[1:]
    return part if part.endswith(_OWN_END) else f"{part}."


# --- a household's situation -> schemes ----------------------------------------------------------

# One criterion of a scheme against a situation: None when it rules the scheme out, else a reason
# (it fits) and a check (nobody knows yet), either of which may be empty.
Verdict = tuple[str, str] | None
Criterion = Callable[[Regeling, Situatie], Verdict]


def _household(r: Regeling, s: Situatie) -> Verdict:
    if not r.huishoudens:
        return "", ""
    if s.huishouden is None:
        return "", "alleen voor " + " en ".join(HOUSEHOLD_LABELS[h] for h in r.huishoudens)
    return ("voor " + HOUSEHOLD_LABELS[s.huishouden], "") if s.huishouden in r.huishoudens else None


def _children(r: Regeling, s: Situatie) -> Verdict:
    if not r.kinderen:
        return "", ""
    has = s.has_children
    if has is None:
        return "", "alleen voor huishoudens met kinderen"
    return ("voor huishoudens met kinderen", "") if has else None


def _age(r: Regeling, s: Situatie) -> Verdict:
    if r.leeftijd_min is None and r.leeftijd_max is None:
        return "", ""
    low, high = r.leeftijd_min or 0, MAX_AGE if r.leeftijd_max is None else r.leeftijd_max
    if r.kinderen:
        if not s.leeftijdsgroepen:
            return "", f"voor kinderen {age_range(r)}"
        fits = any(a <= high and low <= b for a, b in (CHILD_AGE_GROUPS[g] for g in s.leeftijdsgroepen))
        return (f"voor kinderen {age_range(r)}", "") if fits else None
    if s.leeftijd is None:
        return "", f"leeftijd {age_range(r)}"
    return (f"leeftijd {age_range(r)}", "") if low <= s.leeftijd <= high else None


def _income(r: Regeling, s: Situatie) -> Verdict:
    if r.inkomensgrens is None:
        return "", ""
    limit = f"inkomen tot {r.inkomensgrens}% van het sociaal minimum"
    if s.inkomen is None:
        return "", limit
    return (limit, "") if s.inkomen <= r.inkomensgrens else None


CRITERIA: tuple[Criterion, ...] = (_household, _children, _age, _income)


def age_range(r: Regeling) -> str:
    if r.leeftijd_min is not None and r.leeftijd_max is not None:
        return f"van {r.leeftijd_min} tot en met {r.leeftijd_max} jaar"
    if r.leeftijd_min is not None:
        return f"vanaf {r.leeftijd_min} jaar"
    return f"tot en met {r.leeftijd_max} jaar"


def assess(regeling: Regeling, situatie: Situatie) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(reasons, checks) when the scheme may apply to the situation; None when a known fact rules it out."""
    reasons, checks = [], []
    for criterion in CRITERIA:
        verdict = criterion(regeling, situatie)
        if verdict is None:
            return None
        reasons += [verdict[0]] if verdict[0] else []
        checks += [verdict[1]] if verdict[1] else []
    for label, cell in (("inkomen", regeling.inkomensvoorwaarde), ("vermogen", regeling.vermogensgrens)):
        text = bare(cell)
        if not text or text.casefold() in {part.casefold() for part in reasons + checks}:
            continue  # nothing, or only the limit already named: "Inkomen tot 150% ..." once, not twice
        checks.append(f"{label}: {text}")
    if not reasons:
        has_limits = any(criterion(regeling, Situatie()) != ("", "") for criterion in CRITERIA)
        reasons.append(NOT_RULED_OUT if has_limits else NO_FIXED_LIMITS)
    return tuple(reasons), tuple(checks)


def freshness(regeling: Regeling, today: dt.date | None = None) -> str | None:
    """A warning when the figures may be out of date; None when they are of this year."""
    current = (today or dt.date.today()).year
    if regeling.peiljaar is None:
        return "de bron noemt geen jaar; controleer de actuele bedragen"
    if regeling.peiljaar < current:
        return f"bedragen van {regeling.peiljaar}; controleer de actuele bedragen"
    return None


def welke_regelingen(situatie: Situatie, regelingen: Regelingen, today: dt.date | None = None) -> Uitkomst:
    """The active schemes that may apply to `situatie`, in the list's order. Keeps nothing of the situation."""
    found = []
    for regeling in regelingen.active:
        verdict = assess(regeling, situatie)
        if verdict is not None:
            found.append(_mogelijk(regeling, *verdict, regelingen, today))
    return Uitkomst(tuple(found), niets_past=not found)


def _mogelijk(
    regeling: Regeling, reasons: tuple[str, ...], checks: tuple[str, ...], regelingen: Regelingen, today
) -> Mogelijk:
    return Mogelijk(regeling, reasons, checks, regelingen.helpers(regeling), freshness(regeling, today))


# --- a need in words -> schemes ------------------------------------------------------------------


# A scheme is a service of its uitvoerder; to the matcher it is an organisation with the scheme's words.
# Reusing the matcher gives schemes the same Dutch word handling and the same "nothing fits" honesty.
def _as_service(regeling: Regeling) -> Organisation:
    return Organisation.model_validate(
        {
            "id": regeling.id,
            "naam": regeling.naam,
            "domein": "ondersteuning",
            "omschrijving": f"{regeling.omschrijving}\n{regeling.voor_wie}",
            "themas": regeling.themas,
            "aanmelden": regeling.aanvragen,
            "voorwaarden": regeling.inkomensvoorwaarde,
            "actief": regeling.actief,
        }
    )


def scheme_directory(regelingen: Regelingen) -> Directory:
    """The schemes as a list the matcher can search, built once per loaded version (scheme data only).
    Two threads may both build it; setdefault keeps one, and the matcher indexes that one once."""
    built = regelingen.cache.get("services")
    if built is None:
        services = tuple(_as_service(r) for r in regelingen.active)
        built = regelingen.cache.setdefault("services", Directory(services, regelingen.themes, (), regelingen.version))
    return built  # type: ignore[return-value]


def regelingen_bij_vraag(
    vraag: str,
    regelingen: Regelingen,
    situatie: Situatie | None = None,
    limit: int = 5,
    today: dt.date | None = None,
) -> Uitkomst:
    """The active schemes that may help with a need, best first, with why; `niets_past` when none does.

    With a situatie, schemes it rules out are left out and its reasons are added; the best `limit` of
    those that remain are given (a scheme ruled out does not take the place of one that may apply).
    """
    by_id = {r.id: r for r in regelingen.active}
    found = []
    wide = limit if situatie is None else max(limit, len(by_id))
    for suggestion in analyse(vraag, scheme_directory(regelingen), limit=wide).suggestions:
        regeling = by_id[suggestion.organisation.id]
        verdict = assess(regeling, situatie or Situatie())
        if verdict is None:
            continue
        reasons = suggestion.reasons + (verdict[0] if situatie else ())
        found.append(_mogelijk(regeling, reasons, verdict[1], regelingen, today))
        if len(found) == limit:
            break
    return Uitkomst(tuple(found), niets_past=not found)


def boven_inkomensgrens(
    vraag: str, regelingen: Regelingen, inkomen: int | None, limit: int = 5
) -> tuple[Regeling, ...]:
    """The schemes that would be among the best `limit` for a need, but whose income limit lies under `inkomen`
    (% of the sociaal minimum): what a page leaves out because of the income, and says so."""
    if inkomen is None:
        return ()
    return tuple(
        m.regeling
        for m in regelingen_bij_vraag(vraag, regelingen, limit=limit).mogelijk
        if m.regeling.inkomensgrens is not None and m.regeling.inkomensgrens < inkomen
    )


def stale(regelingen: Regelingen, today: dt.date | None = None) -> list[tuple[Regeling, str]]:
    """Active schemes whose figures may be out of date, with why: for Beheer and `check`."""
    notes = ((r, freshness(r, today)) for r in regelingen.active)
    return [(r, note) for r, note in notes if note]
