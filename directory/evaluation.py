"""Measuring match quality on a set of needs with the organisations that should come up.

The file format is that of ../shared/eval: columns vraag, verwacht. In verwacht the acceptable
answers are separated by ';' and the needs of a multi-need sentence by '|'. An empty verwacht
means the question is out of scope: the right answer is "nothing fits".

An answer is an organisation id (the Amersfoort sets) or a part of an organisation's name (sets
written for another municipality's list, whose ids we do not control): `read_cases(by="naam")`.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from directory.matching import analyse
from directory.model import Directory, Organisation

TOP = 3  # hit@3: one right answer among the first three
DEPTH = 5  # MRR@5 and multi-need coverage look at the first five

Ranker = Callable[[str], Sequence[Organisation]]


@dataclass(frozen=True)
class Case:
    need: str
    expected: tuple[frozenset[str], ...]  # one set of acceptable answers per need; () = out of scope
    by: str = "id"  # "id": answers are ids; "naam": answers are parts of names (case-insensitive)

    @property
    def in_scope(self) -> bool:
        return bool(self.expected)

    def fits(self, organisation: Organisation, part: int | None = None) -> bool:
        answers = self.expected[part] if part is not None else frozenset().union(*self.expected)
        if self.by == "naam":
            name = organisation.naam.casefold()
            return any(answer.casefold() in name for answer in answers)
        return organisation.id in answers


@dataclass(frozen=True)
class Report:
    cases: int
    hit_at_3: float  # over the in-scope needs
    mrr: float  # MRR@5 over the in-scope needs
    multi_need_cases: int
    multi_need_coverage: float  # share of multi-need sentences with every need covered in the top 5
    out_of_scope: int = 0
    nothing_fits_rate: float = 1.0  # share of out-of-scope questions answered with nothing
    answered_nothing: int = 0  # in-scope needs that wrongly got nothing
    misses: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())


def read_cases(path: str | Path, by: str = "id") -> list[Case]:
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return [
            Case(
                row["vraag"],
                tuple(
                    frozenset(i.strip() for i in part.split(";") if i.strip())
                    for part in (row.get("verwacht") or "").split("|")
                    if part.strip()
                ),
                by,
            )
            for row in csv.DictReader(handle)
        ]


def matcher_ranker(directory: Directory) -> Ranker:
    return lambda need: [s.organisation for s in analyse(need, directory, limit=DEPTH).suggestions]


def evaluate(directory: Directory, cases: Sequence[Case], rank: Ranker | None = None) -> Report:
    rank = rank or matcher_ranker(directory)
    hits = 0
    reciprocal = 0.0
    multi = covered = 0
    out_of_scope = quiet = answered_nothing = 0
    misses = []
    for case in cases:
        found = list(rank(case.need))[:DEPTH]
        names = tuple(o.id for o in found)
        if not case.in_scope:
            out_of_scope += 1
            quiet += not found
            if found:
                misses.append((case.need, names))
            continue
        answered_nothing += not found
        rank_of_hit = next((i + 1 for i, org in enumerate(found) if case.fits(org)), None)
        if rank_of_hit is not None and rank_of_hit <= TOP:
            hits += 1
        else:
            misses.append((case.need, names))
        reciprocal += 1 / rank_of_hit if rank_of_hit else 0.0
        if len(case.expected) > 1:
            multi += 1
            covered += all(any(case.fits(org, part) for org in found) for part in range(len(case.expected)))
    in_scope = max(len(cases) - out_of_scope, 1)
    return Report(
        cases=len(cases),
        hit_at_3=hits / in_scope,
        mrr=reciprocal / in_scope,
        multi_need_cases=multi,
        multi_need_coverage=covered / multi if multi else 1.0,
        out_of_scope=out_of_scope,
        nothing_fits_rate=quiet / out_of_scope if out_of_scope else 1.0,
        answered_nothing=answered_nothing,
        misses=tuple(misses),
    )
