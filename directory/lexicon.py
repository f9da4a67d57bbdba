"""The words a list knows, and how a typed word finds them: by its dictionary form, as a part of a
compound, glued to the next word, or as a typo.

Built once per loaded list from the organisations' own texts and the theme vocabulary. Lookups
never store what was typed: a typed word may be client data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from directory.dutch import is_known
from directory.text import STOP_WORDS, canon, is_general

# How sure a recognised word is, by how it was recognised.
EXACT = 1.0
JOINED = 0.95  # "leer geld" -> leergeld
COMPOUND_HEAD = 0.85  # winterjas -> jas: the head says what it is
COMPOUND_MODIFIER = 0.6  # winterjas -> winter: the modifier says which kind
TYPO_BASE = 0.9  # minus 0.1 per edit
DERIVED = 0.85  # biljartte -> biljart
HEAD_ONLY = 0.7  # gitaarles -> les, when the list never uses 'gitaar'
DERIVATION_SUFFIXES = ("ten", "den", "en", "te", "de", "e", "s", "t")
MIN_STEM = 4
MIN_PART = 3  # shortest part of a compound: jas, les, bed
MIN_TYPO_LENGTH = 5  # shorter words must be exact: 'geld' is not 'geweld'
# A compound part in a text counts as half an occurrence of that part: "huurachterstand" is
# about achterstand, but less plainly than the word itself.
PART_WEIGHT = 0.5


@dataclass(frozen=True)
class Found:
    """A term a typed word stands for, how sure that is, and the known word it was found as."""

    term: str
    quality: float
    word: str


def _is_first_part(part: str) -> bool:
    """The first part of a compound is a word itself, or one with a linking s: arbeids-markt."""
    if is_known(part):
        return True
    return part.endswith("s") and len(part) > MIN_PART and is_known(part[:-1])


class Lexicon:
    def __init__(self, surfaces: Iterable[str]):
        # Every folded word the list uses, with its key; stop words are not vocabulary.
        self.term_of: dict[str, str] = {}
        for word in surfaces:
            if word and word not in STOP_WORDS and word not in self.term_of:
                term = canon(word)
                if term not in STOP_WORDS:  # "wees" is a form of "zijn" to the lemmatiser
                    self.term_of[word] = term
        self._same = self._reconcile()
        self.term_of = {word: self._same.get(term, term) for word, term in self.term_of.items()}
        self.terms = frozenset(self.term_of.values())
        self.shown: dict[str, str] = {}
        for word, term in sorted(self.term_of.items(), key=lambda item: (len(item[0]), item[0])):
            self.shown.setdefault(term, word)  # the shortest form names the term in a reason
        self.by_length: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word in self.term_of:
            if len(word) >= MIN_TYPO_LENGTH - 2:
                self.by_length[(word[0], len(word))].append(word)
        self._parts: dict[str, list[Found]] = {}

    def _reconcile(self) -> dict[str, str]:
        """simplemma's lemmas are not always stable: peuters -> peuter, but peuter -> peuteren; aanvraagt ->
        aanvragen, but aanvragen -> aanvraag. When a word the list uses is itself the key of another word,
        the two keys are one word. Never for general words: ouders -> ouder -> oud would make 'ouders'
        the same as 'oudere'."""
        parent: dict[str, str] = {}

        def find(term: str) -> str:
            while parent.get(term, term) != term:
                term = parent[term]
            return term

        keys = set(self.term_of.values())
        for word, term in sorted(self.term_of.items()):
            if term != word and word in keys and not is_general(word) and not is_general(term):
                first, second = sorted((find(word), find(term)))
                if first != second:
                    parent[second] = first
        return {term: find(term) for term in keys | set(parent)}

    def __contains__(self, word: str) -> bool:
        return word in self.term_of

    # --- compounds ------------------------------------------------------------------------

    def split(self, word: str, depth: int = 0) -> list[Found]:
        """Dutch glues words together: winterjas -> jas (head) + winter (modifier). Only into words the
        list itself uses, longest head first; a modifier is split again (schuldhulpmaatje -> maatje,
        schuldhulp -> schuld). A part that is a function word ("hulp") is left out and its partner
        becomes the head. [] when no such split exists."""
        if len(word) < 2 * MIN_PART:
            return []
        # Linking letters: kinderopvang = kinder(en) + opvang, stadspas = stad(s) + pas.
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            head = word[cut:]
            if not self._known(head):
                continue
            modifier = self._modifier(word[:cut])
            if modifier is None:
                continue
            parts = []
            if head in self.term_of:
                parts.append(Found(self.term_of[head], COMPOUND_HEAD, head))
            if modifier in self.term_of:
                quality = COMPOUND_MODIFIER if parts else COMPOUND_HEAD
                parts.append(Found(self.term_of[modifier], quality, modifier))
            if depth == 0 and len(modifier) >= 2 * MIN_PART:
                inner = [Found(f.term, min(f.quality, COMPOUND_MODIFIER), f.word) for f in self.split(modifier, 1)]
                parts += [f for f in inner if all(f.term != p.term for p in parts)]
            return parts
        return []

    def _known(self, part: str) -> bool:
        return part in self.term_of or (part in STOP_WORDS and len(part) >= 4)

    def _modifier(self, first: str) -> str | None:
        for candidate in (first, first.removesuffix("s"), first + "en", first.removesuffix("e")):
            if len(candidate) >= MIN_PART and self._known(candidate):
                return candidate
        return None

    def parts_of(self, word: str) -> list[Found]:
        """The parts of a word from the list's own texts (cached: this is organisation data)."""
        parts = self._parts.get(word)
        if parts is None:
            parts = self.split(word) if len(word) >= 2 * MIN_PART + 1 else []
            self._parts[word] = parts
        return parts

    # --- typed words ----------------------------------------------------------------------

    def lookup(self, word: str) -> list[Found]:
        """What a typed word stands for, best first: the word or its dictionary form, else the parts of a
        compound, else the nearest known words if it is a typo."""
        lemma = canon(word)
        term = self.term_of.get(word) or self._same.get(lemma, lemma)
        if term in STOP_WORDS:
            return []
        if term in self.terms:
            return [Found(term, EXACT, self.shown[term])]
        parts = self.split(word)
        if parts:
            return parts
        return self._derived(word, term) or self._typo(word) or self._head(word)

    def _derived(self, word: str, term: str) -> list[Found]:
        """A form the dictionary does not link to a word the list uses: biljartte -> biljart, werken -> werk.
        Only for words the list does not know, so it never merges two words the list uses."""
        for form in dict.fromkeys((term, word)):
            bases = [form.removesuffix(suffix) for suffix in DERIVATION_SUFFIXES if form.endswith(suffix)]
            if len(form) > 5 and form.endswith("en") and form[-3] == form[-4]:
                bases.append(form[:-3])  # a doubled consonant: jassen -> jas, lessen -> les
            for base in bases:
                if len(base) >= MIN_PART and base in self.term_of and (len(base) >= MIN_STEM or form[-3] == form[-4]):
                    return [Found(self.term_of[base], DERIVED, base)]
        return []

    def _head(self, word: str) -> list[Found]:
        """A compound whose first part the list never uses: gitaarles -> les. The head says what it is, if the
        first part is a word too: "ongeveer" is not onge + veer, nor "waarvoor" waarv + oor."""
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            head, first = word[cut:], word[:cut]
            if head in self.term_of and len(head) >= MIN_PART and _is_first_part(first):
                return [Found(self.term_of[head], HEAD_ONLY, head)]
        return []

    def joined(self, first: str, second: str) -> Found | None:
        """Two typed words that the list writes as one: 'leer geld' -> leergeld."""
        term = self.term_of.get(first + second)
        return Found(term, JOINED, first + second) if term else None

    def _typo(self, word: str) -> list[Found]:
        """A few letters off, never the first one. A real Dutch word is never 'corrected' into another
        one: 'staat' is not a typo of 'straat', nor 'ouders' of 'oudere'."""
        if len(word) < MIN_TYPO_LENGTH or is_known(word):
            return []
        max_distance = 1 if len(word) <= 7 else 2
        candidates = [
            w
            for length in range(len(word) - max_distance, len(word) + max_distance + 1)
            for w in self.by_length.get((word[0], length), ())
        ]
        if not candidates:
            return []
        matches = process.extract(word, candidates, scorer=OSA.distance, score_cutoff=max_distance, limit=3)
        if not matches:
            return []
        best = min(m[1] for m in matches)
        return [Found(self.term_of[m[0]], TYPO_BASE - 0.1 * m[1], m[0]) for m in matches if m[1] == best]
