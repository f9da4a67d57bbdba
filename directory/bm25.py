"""BM25 building blocks: inverse document frequency, and postings built with array operations.

A dict per term and organisation would take gigabytes at 100,000 organisations, and a Python loop over
every (organisation, term) pair took seconds. Each distinct text is counted once (`directory.corpus`); the
(organisation, term, frequency) triplets of a whole field are then made, summed and grouped per term by
numpy, so the cost per organisation is a few array elements.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

import numpy as np

# The usual BM25 constants: how fast repeated words stop counting, and how much long texts are evened out.
K1, B = 1.2, 0.75
NO_TEXT = -1
INT32_KEYS_BELOW = 2**31


def idf(containing, size: int):
    """Inverse document frequency of a word that `containing` of `size` organisations use; `containing` may
    be a number or a numpy array of counts (one per term)."""
    return np.log1p((size - containing + 0.5) / (containing + 0.5))


class CountedTexts(Protocol):
    """Distinct texts as flat arrays (see directory.corpus.CountedTexts): `arrays()` gives per text where its
    terms start, the ids of its terms, how often each occurs, and its length; `term_ids` names the ids."""

    term_ids: Mapping[str, int]

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]: ...


def ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The positions starts[i], starts[i] + 1, .. starts[i] + lengths[i] - 1 of every i, one after another."""
    ends = np.cumsum(lengths)
    return np.repeat(starts - (ends - lengths), lengths) + np.arange(int(ends[-1]) if lengths.size else 0)


def field_frequencies(
    texts: CountedTexts, columns: Sequence[np.ndarray], weights: Sequence[float]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """BM25F term frequencies of every organisation over the given fields, as (terms, orgs, tf) sorted by
    term and then organisation. `columns[f][org]` is the number of the organisation's text in field f (or
    NO_TEXT); a field's frequencies are weighted and evened out by length against the field's average."""
    starts, all_terms, all_counts, lengths = texts.arrays()
    size = len(columns[0]) if columns else 0
    # One number per (term, organisation), so sorting groups by term and then organisation; in 32 bits
    # when it fits, which halves the largest arrays.
    key_type = np.int32 if (len(texts.term_ids) + 1) * max(size, 1) < INT32_KEYS_BELOW else np.int64
    keys, frequencies = [], []
    for column, weight in zip(columns, weights, strict=True):
        orgs = np.flatnonzero(column != NO_TEXT)
        number = column[orgs]
        average = max(lengths[number].sum() / max(size, 1), 1.0)
        norm = weight / (1 - B + B * lengths[number] / average)
        n = starts[number + 1] - starts[number]  # distinct terms per organisation's text
        positions = ranges(starts[number], n)  # each text's terms in the flat arrays
        keys.append((all_terms[positions].astype(key_type) * max(size, 1) + np.repeat(orgs, n)).astype(key_type))
        # Single precision is plenty for a frequency, and half the memory of a list of 100,000.
        frequencies.append((all_counts[positions] * np.repeat(norm, n)).astype(np.float32))
        del positions, orgs, number, norm, n
    key = np.concatenate(keys) if keys else np.zeros(0, dtype=key_type)
    del keys
    tf = np.concatenate(frequencies) if frequencies else np.zeros(0, dtype=np.float32)
    del frequencies
    # One entry per (term, organisation): the fields' frequencies summed (in float64, so exactly, whatever
    # their order).
    if key_type is np.int32:
        # Each 32-bit key and the bits of its frequency packed into one 64-bit number and sorted in place: no
        # index array of 8 bytes an entry and no second copy of both, the peak of loading 100,000 organisations.
        packed = key.astype(np.int64)
        del key
        packed <<= 32
        packed |= tf.view(np.uint32)
        del tf
        packed.sort()
        tf = packed.astype(np.uint32).view(np.float32)  # the low 32 bits
        packed >>= 32
        key = packed.astype(np.int32)
        del packed
    else:
        order = np.argsort(key, kind="stable")
        key = key[order]
        tf = tf[order]
        del order
    tf, key = _summed(tf, key)
    term_type = np.int32 if len(texts.term_ids) < INT32_KEYS_BELOW else np.int64
    # Without copies where the type is already right: at 100,000 organisations each copy is 18 MB at the peak.
    terms = (key // max(size, 1)).astype(term_type, copy=False)
    key %= max(size, 1)
    return terms, key.astype(np.int32, copy=False), tf


def _summed(tf: np.ndarray, key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each key once, its frequencies summed in float64 (so exactly, and in the order they come, as a running
    sum would). Keys repeat only where a term is in more than one field of an organisation, so the repeats
    are added into the first of their run, and the arrays are shrunk only when there are repeats: a general
    grouping (an index array of 8 bytes an entry, and a second copy) was the peak of loading 100,000
    organisations."""
    total = tf.astype(np.float64)
    if key.size < 2:
        return total, key
    first = np.empty(key.size, dtype=bool)
    first[0] = True
    np.not_equal(key[1:], key[:-1], out=first[1:])
    repeats = np.flatnonzero(~first)
    if not repeats.size:
        return total, key
    heads = repeats - 1
    while True:  # as many rounds as the longest run (at most the number of fields)
        back = ~first[heads]
        if not back.any():
            break
        heads[back] -= 1
    np.add.at(total, heads, total[repeats])
    return total[first], key[first]


def postings(
    terms: np.ndarray, orgs: np.ndarray, tf: np.ndarray, names: Sequence[str], idf: np.ndarray
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per term name, the organisations (ascending) and their BM25 weight; the input is sorted by term.

    The weights are made in place, and each term's slice is scaled by its IDF: a temporary array per step of
    the formula was the peak memory of loading 100,000 organisations."""
    weights = np.add(tf, K1)  # tf * (K1 + 1) / (K1 + tf) / (K1 + 1) * idf, without temporaries
    np.divide(tf, weights, out=weights)
    bounds = np.flatnonzero(np.diff(terms)) + 1
    starts = np.concatenate(([0], bounds)) if terms.size else np.zeros(0, dtype=np.int64)
    ends = np.concatenate((bounds, [terms.size])) if terms.size else np.zeros(0, dtype=np.int64)
    found = {}
    for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
        term = int(terms[a])
        weights[a:b] *= idf[term]
        found[names[term]] = (orgs[a:b], weights[a:b])
    return found
