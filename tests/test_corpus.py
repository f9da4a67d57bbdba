"""The corpus reads each distinct token once; what it gives must be what folding every text whole gives."""

from __future__ import annotations

from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from directory.corpus import CHUNK, Corpus, CountedTexts
from directory.text import STOP_WORDS, fold

# Letters, accents and combining marks, apostrophes of every kind, the white space str.split knows
# (including the file separators and no-break spaces), punctuation, digits, a decomposing "¨", and the
# mark Corpus puts between texts to split them at once (a text holding it is split alone).
ALPHABET = "abcdeijnorstuz09 éëÉçİß\u0301\u0308¨'’`´-/.,;:!?()€\t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2003\u2028\x00"
texts_strategy = st.lists(
    st.one_of(
        st.text(alphabet=ALPHABET, max_size=40),
        st.sampled_from(
            ["zo'n huis", "de auto's", "xzo'n", "café's", "'s avonds", "huur/energie", "Cliënt’s", "a \x00 b"]
        ),
    ),
    max_size=12,
)


def words_of(text: str) -> list[str]:
    """The rule the match index applies to a text: folded words, no stop words or single letters."""
    return [w for w in fold(text).split() if len(w) > 1 and w not in STOP_WORDS]


def words_per_text(corpus: Corpus) -> list[list[str]]:
    found: list[list[str]] = [[] for _ in range(corpus.size)]
    for text, word in corpus.slices():
        for t, w in zip(text.tolist(), word.tolist(), strict=True):
            found[t].append(corpus.words[w])
    return found


@settings(max_examples=300, deadline=None)
@given(texts_strategy)
def test_the_words_of_each_text_are_those_of_folding_it_whole(texts):
    corpus = Corpus(texts, words_of)
    assert words_per_text(corpus) == [words_of(t) for t in texts]
    # The distinct words in first-seen order, and each text's length in words.
    assert corpus.words == list(dict.fromkeys(w for t in texts for w in words_of(t)))
    assert corpus.lengths().tolist() == [len(words_of(t)) for t in texts]


def test_slices_cover_texts_beyond_one_slice():
    texts = [f"woord{i % 7} extra{i % 3}" for i in range(CHUNK + 5)] + ["", "laatste tekst"]
    corpus = Corpus(texts, words_of)
    assert words_per_text(corpus) == [words_of(t) for t in texts]


@settings(max_examples=100, deadline=None)
@given(texts_strategy)
def test_counts_are_whole_words_plus_half_a_part_per_distinct_compound(texts):
    corpus = Corpus(texts, words_of)
    # Every word its own term; a word with a digit in it is a "compound" of two parts.
    term_of = {w: w for w in corpus.words}
    parts_of = {w: ("deel1", "deel2") for w in corpus.words if any(c.isdigit() for c in w)}
    counted = CountedTexts(corpus, term_of, parts_of, 0.5)
    starts, terms, counts, lengths = counted.arrays()
    names = list(counted.term_ids)
    for i, text in enumerate(texts):
        words = words_of(text)
        number = int(counted.number[i])
        if not words:
            assert number == -1
            continue
        expected = Counter(words)
        for word in set(words) & parts_of.keys():
            for part in parts_of[word]:
                expected[part] += 0.5
        a, b = int(starts[number]), int(starts[number + 1])
        found = dict(zip((names[t] for t in terms[a:b].tolist()), counts[a:b].tolist(), strict=True))
        assert found == dict(expected)
        assert int(lengths[number]) == len(words)
    assert np.all(np.diff(counted.number[counted.number >= 0]) == 1)
