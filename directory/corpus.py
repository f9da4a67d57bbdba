"""The words of many texts at once, as arrays: what the match index counts.

A regional list has hundreds of thousands of distinct texts (descriptions, how to apply, conditions). Folding
and filtering them one text at a time was most of the time it took to build the index of 100,000
organisations. Here each text is split at white space (str.split, in C) and its tokens numbered through a
dict; only the distinct tokens are folded and filtered in Python (`words_of`, the index's own rule), once
each. A token can give several words ("huur/energie") or none ("€", "de"). The words of every text then follow
with array operations, in the same order as folding each text whole: folding works character by character and never
joins across white space, so the words of a text are the words of its tokens, one after the other
(tests/test_corpus.py holds the two to each other on hostile texts).
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import chain

import numpy as np

from directory.bm25 import NO_TEXT, ranges

# Texts per slice: bounds the memory of the temporary arrays at 100,000 organisations.
CHUNK = 20_000


class Corpus:
    """Every word occurrence of a sequence of texts. Kept as white-space tokens (4 bytes each) and the words
    of each distinct token; `slices()` gives the occurrences in slices of at most CHUNK texts, each as
    `(text, word)`: `text[k]` is the text (its index among all texts) and `word[k]` the word (an index into
    `words`, the distinct words in first-seen order) of occurrence k, text by text, in order."""

    def __init__(self, texts: Sequence[str], words_of: Callable[[str], list[str]]) -> None:
        # Every white-space token numbered in first-seen order, text by text; the splitting and numbering run
        # in C (str.split, dict lookups through map), a new token calls __missing__ once.
        numbered = _Numbered()
        numbered[_MARK] = 0  # the mark between texts split at once: a token of no words
        tokens: array[int] = array("i")
        ends: array[int] = array("q")
        for start in range(0, len(texts), CHUNK):
            _number(texts[start : start + CHUNK], numbered, tokens, ends)
        # The words of each distinct token, found once; word ids in the words' first-seen order.
        word_id: dict[str, int] = {}
        token_words = [
            tuple(word_id.setdefault(sys.intern(w), len(word_id)) for w in words_of(token)) if token != _MARK else ()
            for token in numbered
        ]
        del numbered
        self.words = list(word_id)
        self.size = len(texts)
        self._counts = np.fromiter(map(len, token_words), dtype=np.int64, count=len(token_words))
        self._flat = np.fromiter(chain.from_iterable(token_words), dtype=np.int32, count=int(self._counts.sum()))
        self._firsts = np.cumsum(self._counts) - self._counts  # where each token's words start in `_flat`
        self._tokens = np.frombuffer(tokens, dtype=np.int32)
        self._ends = np.frombuffer(ends, dtype=np.int64)

    def slices(self) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        for start, stop, tokens, per_text in self._token_slices():
            n = self._counts[tokens]  # words per token occurrence
            text = np.repeat(np.repeat(np.arange(start, stop, dtype=np.int32), per_text), n)
            yield text, self._flat[ranges(self._firsts[tokens], n)]

    def lengths(self) -> np.ndarray:
        """Per text, how many words it has."""
        lengths = np.zeros(self.size, dtype=np.int64)
        for start, stop, tokens, per_text in self._token_slices():
            owner = np.repeat(np.arange(stop - start), per_text)
            lengths[start:stop] = np.bincount(owner, weights=self._counts[tokens], minlength=stop - start)
        return lengths

    def _token_slices(self) -> Iterator[tuple[int, int, np.ndarray, np.ndarray]]:
        """Per slice of at most CHUNK texts: its first and end text, its tokens, and tokens per text."""
        for start in range(0, self.size, CHUNK):
            stop = min(start + CHUNK, self.size)
            first = int(self._ends[start - 1]) if start else 0
            yield (
                start,
                stop,
                self._tokens[first : int(self._ends[stop - 1])],
                np.diff(self._ends[start:stop], prepend=first),
            )

    def field_words(self, fields: Sequence[np.ndarray]) -> list[set[str]]:
        """Per field, the distinct words of its texts (`fields[f]`: indices into the texts read)."""
        inside = np.zeros((len(fields), self.size), dtype=bool)
        for f, numbers in enumerate(fields):
            inside[f, numbers] = True
        found = np.zeros((len(fields), len(self.words)), dtype=bool)
        for text, word in self.slices():
            for f in range(len(fields)):
                found[f, word[inside[f, text]]] = True
        return [{self.words[i] for i in np.flatnonzero(row).tolist()} for row in found]


class CountedTexts:
    """The non-empty texts of a corpus as flat arrays, as `directory.bm25.field_frequencies` reads them: per
    text the ids of its terms, how often each occurs (a part of a compound counts `part_weight` for each
    distinct compound in the text), and its length in words."""

    def __init__(
        self,
        corpus: Corpus,
        term_of: Mapping[str, str],
        parts_of: Mapping[str, tuple[str, ...]],
        part_weight: float,
    ) -> None:
        self.term_ids: dict[str, int] = {}
        for word in corpus.words:
            term = term_of.get(word)
            if term is not None and term not in self.term_ids:
                self.term_ids[term] = len(self.term_ids)
        for word in corpus.words:
            for term in parts_of.get(word, ()):
                self.term_ids.setdefault(term, len(self.term_ids))
        lengths = corpus.lengths()
        # Each text's number among the non-empty ones, NO_TEXT for a text without words.
        self.number = np.full(corpus.size, NO_TEXT, dtype=np.int64)
        filled = np.flatnonzero(lengths)
        self.number[filled] = np.arange(filled.size)
        self._lengths = lengths[filled]
        self._terms_of_word = np.array([self.term_ids.get(term_of.get(w), -1) for w in corpus.words], dtype=np.int64)
        part_terms = [tuple(self.term_ids[t] for t in parts_of.get(w, ())) for w in corpus.words]
        self._part_sizes = np.fromiter(map(len, part_terms), dtype=np.int64, count=len(part_terms))
        self._part_terms = np.fromiter(
            chain.from_iterable(part_terms), dtype=np.int64, count=int(self._part_sizes.sum())
        )
        self._part_firsts = np.cumsum(self._part_sizes) - self._part_sizes  # where each word's parts start
        self._part_weight = part_weight
        # Slice by slice, into arrays grown in place: the temporary arrays of all occurrences at once, or
        # concatenating per-slice results, left tens of MB resident at 100,000 organisations.
        terms: array[int] = array("i")
        counts: array[float] = array("f")
        entries = np.zeros(filled.size, dtype=np.int64)  # per counted text: its distinct terms
        for text, word in corpus.slices():
            found_terms, found_counts, found_numbers = self._count(self.number[text], word)
            terms.frombytes(found_terms.tobytes())
            counts.frombytes(found_counts.tobytes())
            entries += np.bincount(found_numbers, minlength=filled.size)
        self._terms = np.frombuffer(terms, dtype=np.int32)
        self._counts = np.frombuffer(counts, dtype=np.float32)
        self._starts = np.concatenate(([0], np.cumsum(entries)))

    def _count(self, text: np.ndarray, word: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For occurrences of words in texts (text numbers ascending), each (text, term) once with its count,
        sorted by text and term: the term ids, the counts and the texts."""
        terms = max(len(self.term_ids), 1)
        term = self._terms_of_word[word]
        known = term >= 0
        keys = [text[known] * terms + term[known]]
        weights = [np.ones(int(known.sum()))]
        # Parts of compounds: once per distinct compound word in a text.
        has = self._part_sizes[word] > 0
        if has.any():
            words = len(self._terms_of_word)
            pairs = np.unique(text[has] * words + word[has])
            pair_text, pair_word = pairs // words, pairs % words
            n = self._part_sizes[pair_word]
            keys.append(np.repeat(pair_text, n) * terms + self._part_terms[ranges(self._part_firsts[pair_word], n)])
            weights.append(np.full(int(n.sum()), self._part_weight))
        unique, inverse = np.unique(np.concatenate(keys), return_inverse=True)
        counts = np.bincount(inverse, weights=np.concatenate(weights), minlength=unique.size)
        return (unique % terms).astype(np.int32), counts.astype(np.float32), unique // terms

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        return self._starts, self._terms, self._counts, self._lengths


# Put between the texts of a slice so that one str.split call splits them all: a fifth faster than a call per
# text at 200,000 texts. No text holds it (validation refuses control characters); a slice where one does is
# split text by text.
_MARK = "\x00"
_BETWEEN = f" {_MARK} "


def _number(texts: Sequence[str], numbered: _Numbered, tokens: array[int], ends: array[int]) -> None:
    """Append the token numbers of `texts` to `tokens`, and where each text ends to `ends`."""
    joined = _BETWEEN.join(texts)
    if joined.count(_MARK) != len(texts) - 1:
        for text in texts:
            tokens.extend(map(numbered.__getitem__, text.split()))
            ends.append(len(tokens))
        return
    numbers = np.fromiter(map(numbered.__getitem__, joined.split()), dtype=np.int32)
    mark = numbers == 0
    marks = np.flatnonzero(mark)
    first = len(tokens)
    tokens.frombytes(numbers[~mark].tobytes())
    # Text k ends where mark k stands, less the k marks before it; the last text ends at the end.
    ends.frombytes((first + marks - np.arange(marks.size)).astype(np.int64).tobytes())
    ends.append(len(tokens))


class _Numbered(dict):
    """Token -> its number, in first-seen order; iterating gives the tokens in that order."""

    def __missing__(self, token: str) -> int:
        self[token] = number = len(self)
        return number
