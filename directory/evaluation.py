"""Measuring match quality on a set of needs with the organisations that should come up.

The file format is that of ../shared/eval: columns vraag, verwacht; in verwacht the ids are
separated by ';' and the needs of a multi-need sentence by '|'.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from directory.matching import analyse
from directory.model import Directory


@dataclass(frozen=True)
class Case:
    need: str
    expected: tuple[frozenset[str], ...]  # one set of acceptable ids per need in the sentence

    @property
    def all_expected(self) -> frozenset[str]:
        return frozenset().union(*self.expected)


@dataclass(frozen=True)
class Report:
    cases: int
    hit_at_3: float
    mrr: float
    multi_need_cases: int
    multi_need_coverage: float  # share of multi-need sentences with every need covered in the top 5
    misses: tuple[tuple[str, tuple[str, ...]], ...]


def read_cases(path: str | Path) -> list[Case]:
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return [
            Case(
                row["vraag"],
                tuple(
                    frozenset(i.strip() for i in part.split(";") if i.strip()) for part in row["verwacht"].split("|")
                ),
            )
            for row in csv.DictReader(handle)
        ]


def evaluate(directory: Directory, cases: list[Case]) -> Report:
    hits = 0
    reciprocal = 0.0
    multi = covered = 0
    misses = []
    for case in cases:
        found = [s.organisation.id for s in analyse(case.need, directory, limit=5).suggestions]
        rank = next((i + 1 for i, org_id in enumerate(found) if org_id in case.all_expected), None)
        if rank is not None and rank <= 3:
            hits += 1
        else:
            misses.append((case.need, tuple(found)))
        reciprocal += 1 / rank if rank else 0.0
        if len(case.expected) > 1:
            multi += 1
            covered += all(any(i in need for i in found[:5]) for need in case.expected)
    count = max(len(cases), 1)
    return Report(
        cases=len(cases),
        hit_at_3=hits / count,
        mrr=reciprocal / count,
        multi_need_cases=multi,
        multi_need_coverage=covered / multi if multi else 1.0,
        misses=tuple(misses),
    )
