"""BM25F frequencies made with array operations equal the plain per-organisation sum they replace."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
import pytest

from directory import bm25
from directory.bm25 import NO_TEXT, B, field_frequencies, postings
from directory.corpus import Corpus, CountedTexts


def plain(word_lists: list[list[list[str]]], weights: list[float]) -> dict[tuple[str, int], float]:
    """The textbook way: per organisation and field, counts times weight over the length norm, summed."""
    size = len(word_lists)
    averages = [max(sum(len(org[f]) for org in word_lists) / max(size, 1), 1.0) for f in range(len(weights))]
    found: dict[tuple[str, int], float] = Counter()
    for org, fields in enumerate(word_lists):
        for words, weight, average in zip(fields, weights, averages, strict=True):
            norm = weight / (1 - B + B * len(words) / average)
            for term, count in Counter(words).items():
                found[(term, org)] += count * norm
    return found


def arrays(word_lists, weights):
    """The index's way: each distinct text read once (words joined by spaces), counted, and summed per field."""
    distinct = list(dict.fromkeys(" ".join(fields[f]) for f in range(len(weights)) for fields in word_lists))
    corpus = Corpus(distinct, str.split)
    texts = CountedTexts(corpus, {w: w for w in corpus.words}, {}, 0.5)
    index_of = {text: i for i, text in enumerate(distinct)}
    columns = [
        texts.number[np.array([index_of[" ".join(fields[f])] for fields in word_lists], dtype=np.int64)]
        for f in range(len(weights))
    ]
    terms, orgs, tf = field_frequencies(texts, columns, weights)
    names = list(texts.term_ids)
    return {(names[t], o): f for t, o, f in zip(terms.tolist(), orgs.tolist(), tf.tolist(), strict=True)}, terms, orgs


@pytest.mark.parametrize("wide_keys", [False, True])
@pytest.mark.parametrize("seed", range(5))
def test_field_frequencies_equal_the_plain_sum(monkeypatch, seed, wide_keys):
    if wide_keys:  # the 64-bit keys a list of 100,000 organisations with a large vocabulary needs
        monkeypatch.setattr(bm25, "INT32_KEYS_BELOW", 0)
    rng = random.Random(seed)
    vocabulary = [f"w{n}" for n in range(30)]
    shared = [[rng.choice(vocabulary) for _ in range(rng.randint(1, 8))] for _ in range(4)]
    word_lists = [
        [
            rng.choice(shared) if rng.random() < 0.5 else [rng.choice(vocabulary) for _ in range(rng.randint(0, 6))]
            for _ in range(3)
        ]
        for _ in range(rng.randint(1, 60))
    ]
    weights = [3.0, 1.0, 0.4]
    found, terms, orgs = arrays(word_lists, weights)
    expected = plain(word_lists, weights)
    assert found.keys() == {key for key, value in expected.items() if value}
    for key, value in found.items():
        assert value == pytest.approx(expected[key], rel=1e-6)
    # Sorted by term and then organisation, each pair once: what postings() needs.
    pairs = list(zip(terms.tolist(), orgs.tolist(), strict=True))
    assert pairs == sorted(set(pairs))


def test_no_text_at_all_gives_empty_arrays_and_no_postings():
    texts = CountedTexts(Corpus(["", "  "], str.split), {}, {}, 0.5)
    assert texts.number.tolist() == [NO_TEXT, NO_TEXT]
    columns = [texts.number[[0, 1, 0]]]
    terms, orgs, tf = field_frequencies(texts, columns, [1.0])
    assert terms.size == orgs.size == tf.size == 0
    assert postings(terms, orgs, tf, [], np.zeros(0)) == {}
    assert [a.size for a in field_frequencies(texts, [], [])] == [0, 0, 0]


@pytest.mark.parametrize("seed", range(5))
def test_repeated_keys_are_summed_exactly_as_a_running_sum(seed):
    """bm25._summed adds repeats into the first of their run; the same numbers, bit for bit, as grouping with
    np.add.reduceat in float64."""
    rng = np.random.default_rng(seed)
    key = np.sort(rng.integers(0, 40, size=200)).astype(np.int32)  # runs of up to several repeats
    tf = rng.random(200).astype(np.float32) * 3
    first = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1])))
    expected_tf, expected_key = np.add.reduceat(tf, first, dtype=float), key[first]
    total, keys = bm25._summed(tf, key)
    assert keys.tolist() == expected_key.tolist()
    assert total.tolist() == expected_tf.tolist()


def test_summing_without_repeats_or_entries_changes_nothing():
    key = np.array([1, 4, 9], dtype=np.int32)
    tf = np.array([0.5, 1.5, 2.0], dtype=np.float32)
    total, keys = bm25._summed(tf, key)
    assert keys.tolist() == [1, 4, 9] and total.tolist() == [0.5, 1.5, 2.0]
    empty, none = bm25._summed(np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int32))
    assert empty.size == none.size == 0
