"""BM25 building blocks: inverse document frequency, and postings collected as flat arrays.

A dict per term and organisation would take gigabytes at 100,000 organisations; (organisation, term,
frequency) triplets in typed arrays take a few bytes each and are grouped per term once, at the end.
"""

from __future__ import annotations

from array import array

import numpy as np

# The usual BM25 constants: how fast repeated words stop counting, and how much long texts are evened out.
K1, B = 1.2, 0.75


def idf(containing, size: int):
    """Inverse document frequency of a word that `containing` of `size` organisations use; `containing` may
    be a number or a numpy array of counts (one per term)."""
    return np.log1p((size - containing + 0.5) / (containing + 0.5))


class Triplets:
    """(organisation, term, frequency) in flat arrays, turned into per-term postings at the end."""

    def __init__(self) -> None:
        self.orgs: array[int] = array("i")
        self.terms: array[int] = array("i")
        self.frequencies: array[float] = array("f")

    def add(self, org_index: int, frequencies: dict[int, float]) -> None:
        self.orgs.extend([org_index] * len(frequencies))
        self.terms.extend(frequencies)
        self.frequencies.extend(frequencies.values())

    def postings(self, names: list[str], idf: np.ndarray) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        terms = np.asarray(self.terms, dtype=np.int64)
        order = np.argsort(terms, kind="stable")
        terms, orgs = terms[order], np.asarray(self.orgs, dtype=np.int64)[order]
        tf = np.asarray(self.frequencies, dtype=float)[order]
        weights = tf * (K1 + 1) / (K1 + tf) / (K1 + 1) * idf[terms]
        bounds = np.flatnonzero(np.diff(terms)) + 1
        starts = np.concatenate(([0], bounds)) if terms.size else np.zeros(0, dtype=np.int64)
        ends = np.concatenate((bounds, [terms.size])) if terms.size else np.zeros(0, dtype=np.int64)
        return {names[terms[a]]: (orgs[a:b], weights[a:b]) for a, b in zip(starts.tolist(), ends.tolist(), strict=True)}
