"""From a need in everyday words to ranked organisations, with the reasons they matched.

Two signals, both built once per loaded list:
- **What organisations say about themselves.** Their name, keywords, description, how to apply and
  conditions are scored with BM25F over dictionary forms (simplemma) and compound parts: a word
  few organisations use says more than one many use, and a word in the name or the keywords
  more than one in the description.
- **The theme vocabulary** (themas.csv) expands a need into the words people use for it. A theme
  is evidence for its members, weighted by how few organisations share it (IDF), so a theme with
  twenty members does not give each of them the vote a specific word would.

A text is only answered when it holds at least one specific need word with real evidence behind
it; words that say who or where ("een oudere vrouw", "in huis") never make a need on their own.
Organisations that are not help for the client (`rol`: voor-professionals, tegenpartij) are
never suggested. A query only touches the posting arrays of the few words it contains, so its
cost depends on those words, not on the size of the list.
"""

from __future__ import annotations

import functools
import math
import re
import sys
import threading
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import chain, compress, pairwise
from operator import attrgetter

import numpy as np

from directory.bm25 import field_frequencies, idf, postings
from directory.corpus import Corpus, CountedTexts
from directory.dutch import is_known
from directory.gcpause import paused_gc
from directory.geo import municipalities
from directory.lexicon import COMPOUND_MODIFIER, JOINED, PART_WEIGHT, Found, Lexicon
from directory.model import Directory, Domain, Organisation
from directory.selection import FilterArrays, Filters
from directory.text import (
    OPTIONAL_PHRASE_WORDS,
    STOP_WORDS,
    VERB_OF,
    canon,
    fold,
    is_circumstance,
    is_general,
    plain_sayings,
)
from directory.vocab import role_of

# Fields of an organisation's own text, with how much a word there counts (BM25F).
FIELDS = (("naam", 3.0), ("trefwoorden", 2.5), ("omschrijving", 1.0), ("aanmelden", 0.4), ("voorwaarden", 0.4))
FIELD_REASONS = {
    "naam": "in de naam",
    "trefwoorden": "trefwoord",
    "omschrijving": "in de beschrijving",
    "aanmelden": "bij aanmelden",
    "voorwaarden": "bij de voorwaarden",
}
# A theme listed first is what the organisation is mostly about.
THEME_POSITION_WEIGHTS = (1.0, 0.75, 0.6, 0.5)
THEME_WEIGHT = 1.0
THEME_RARITY_POWER = 1.0
# Themes are also query expansion into the organisations' own texts: an organisation whose text uses a
# theme's words ("vervoer", "repareren") fits a need in that theme even when its tags do not name it. How
# much that counts follows the list: where most organisations carry a single theme, the themes are broad
# categories and say little about what each one does (a catalogue converted from elsewhere), so the own
# text must say more; where a person gave each organisation its themes, the tags carry the ranking.
EXPANSION_WEIGHT = 0.6  # times the share of organisations with at most one theme
# Who- and where-words help to rank, at this weight, but never make a need.
GENERAL_FACTOR = 0.5
# A need needs one specific word with real evidence: a theme phrase, or a word in an organisation's
# name or keywords (chosen by a person), or a rare word in its other texts, scoring at least this.
EVIDENCE_MIN = 0.25
CURATED_FIELD_WEIGHT = 2.0  # naam and trefwoorden
CURATED_FIELDS = tuple(name for name, weight in FIELDS if weight >= CURATED_FIELD_WEIGHT)
RARE = 0.6  # share of the highest IDF: a word only a few organisations use
# How to apply and who may come say how, not what for: a rare word there ("afspraak", "stadhuis", "euro")
# helps the order but makes no need.
PROCEDURE_FIELDS = ("aanmelden", "voorwaarden")
DESCRIBING_FIELDS = tuple(name for name, _ in FIELDS if name not in PROCEDURE_FIELDS)
# Where a theme's word stands, after the word: "kleding in de beschrijving", "kleding als trefwoord".
WORD_PLACES = {"naam": "in de naam", "trefwoorden": "als trefwoord", "omschrijving": "in de beschrijving"}
# A theme hint for the coordinator: the organisation's own words use a theme's word at least this strongly.
HINT_MIN = 0.3
CURATED_MIN_IDF = 0.4  # a name word many organisations share ("Twente", "Humanitas") names no need
# An organisation for one group only (statushouders, dak- en thuislozen) is the answer when the text
# is about that group or about what the organisation is mainly for; otherwise it yields to help for all.
TARGETED_FACTOR = 0.75
# Help for one wijk (a wijkteam, a buurthuis) is for the people who live there: it yields to help for the whole
# town unless the text names its wijk or the volunteer chose that wijk. Like a place, this only orders what fits.
# The column wijk is where the visiting address is (the town hall is in one too); an organisation is for its
# wijk when its name says so: "Wijkteam Soesterkwartier", "Buurthuis De Roef (Kruiskamp)".
LOCAL_FACTOR = 0.75
MIN_SCORE = 0.3
# A need recognised by a theme phrase has its evidence already; a theme many organisations share gives each
# of them little weight (IDF), and with the plain floor one typo ("deurwaader") made the whole money-worries
# need vanish. Its floor only keeps out the faintest matches.
THEMED_MIN_SCORE = 0.2
CONTEXT_FACTOR = 0.5
# A place named in the text ("iets in Losser?") puts organisations there first among those that fit: in a
# regional list, help in another town is rarely help. It never makes a need, nor lets in a weak match.
MUNICIPALITY_SHARE = 0.5  # elsewhere in the named place's municipality: half the bonus of the place itself
# Parts of place names that name a side, not a place: "Enschede-West", "Amsterdam Zuidoost".
COMPASS_WORDS = frozenset("noord oost zuid west noordoost noordwest zuidoost zuidwest sudwest midden".split())
PLACE_FORM_ENDINGS = ("se", "s", "er", "ers")
MIN_TOWN = 4  # a town's name this long at least counts as a place word: not "Ede", "Urk", "Ee"
PLACE_BONUS = 3.0  # four times the score (was 1.0, then 2.0): chosen on the development sets
RELATIVE_CUTOFF = 0.35
# "Licht waar mogelijk, zwaar waar nodig" and "can the volunteer reach them": small relative nudges,
# so they reorder near ties but never push a clearly better answer down.
LIGHTNESS = 0.05  # per step from preventie (0) to curatief (2)
REACHABLE = 0.04
# Each earlier pick of the same kind (same themes and group) multiplies the score by this.
SAME_KIND_FACTOR = 0.5
MAX_REASONS = 3

# The particles of Dutch separable verbs (rond-komen, aan-vragen, uit-geven), which a main clause puts last: "ze komt
# niet rond". SEPARABLE_REACH: at most this many words back to the verb.
SEPARABLE_PARTICLES = frozenset(
    "aan achter af bij binnen door in los mee na om op over rond terug toe uit vast weg".split()
)
SEPARABLE_REACH = 6
# Words that start a clause of their own, where the verb comes last and keeps its particle ("die niet rondkomt").
CLAUSE_STARTS = frozenset("om die dat wat waar wie als omdat doordat zodat terwijl wanneer of want maar en".split())
# Words that begin a noun phrase: a particle before them is a preposition ("op zijn werk", "in de war").
NOUN_PHRASE_STARTS = frozenset("de het een t zijn haar mijn mn m jouw je uw hun ons onze dit deze die dat".split())

# Where one need ends and another begins in a sentence.
NEED_SEPARATORS = re.compile(
    r"[,;.!?\n]+|(?<!alleen)\s(?:en ook|en|maar|ook|plus|daarnaast|bovendien|verder|want|omdat|terwijl|en daarbij)\s",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Suggestion:
    organisation: Organisation
    score: float
    reasons: tuple[str, ...]
    need: str = ""
    distance_km: float | None = None


@dataclass(frozen=True)
class ThemeHint:
    """A theme an organisation's own words point to, which its themes lack: for the coordinator to check."""

    organisation: Organisation
    theme: str
    theme_name: str
    word: str  # as shown: "kleding"
    field: str  # naam, trefwoorden or omschrijving
    strength: float


@dataclass(frozen=True)
class Need:
    """One need recognised in the text, with the organisations that fit it best first."""

    label: str
    text: str  # the parts of the sentence it was recognised in, joined
    themes: tuple[str, ...]
    suggestions: tuple[Suggestion, ...]
    parts: tuple[str, ...] = ()  # those parts as typed, one by one ("kan de hur niet betallen", "heb shulden")

    @property
    def light(self) -> tuple[Suggestion, ...]:
        """What to try first: preventie and ondersteuning ("licht waar mogelijk")."""
        return tuple(s for s in self.suggestions if s.organisation.domein != Domain.CURATIEF)

    @property
    def heavy(self) -> tuple[Suggestion, ...]:
        """If that is not enough: curatief ("zwaar waar nodig")."""
        return tuple(s for s in self.suggestions if s.organisation.domein == Domain.CURATIEF)


@dataclass(frozen=True)
class Analysis:
    needs: tuple[Need, ...]
    suggestions: tuple[Suggestion, ...]
    filtered_out: bool = False  # organisations fit, but the filters excluded every one of them


@dataclass(frozen=True)
class Phrase:
    """A way people name a theme: 'huur niet betalen' needs huur and betalen, and the word 'niet'."""

    theme: str
    terms: tuple[str, ...]
    function_words: tuple[str, ...]
    label: str
    general: bool


@dataclass(frozen=True)
class _Word:
    position: int
    found: tuple[Found, ...]
    circumstance: bool = False  # "werkt", "woon": says how someone lives, not what they need

    @property
    def general(self) -> bool:
        return self.circumstance or all(is_general(f.term) for f in self.found)


@dataclass(frozen=True)
class _PhraseHit:
    phrase: Phrase
    quality: float
    positions: frozenset[int]


@dataclass
class _Segment:
    texts: list[str]
    words: list[_Word]
    phrases: list[_PhraseHit]
    places: set[str]


class MatchIndex:
    """Everything a query needs, built once from the organisations a volunteer may be pointed to."""

    def __init__(self, directory: Directory):
        self.directory = directory
        # By distinct value of rol (a handful): the role of each of 100,000 organisations took 0.15 s.
        active = directory.active
        rols = list(map(attrgetter("rol"), active))
        suggestable = {rol: role_of(rol).suggestable for rol in set(rols)}
        self.organisations = tuple(compress(active, map(suggestable.__getitem__, rols)))
        self.size = len(self.organisations)
        self.theme_names = {t.id: t.naam for t in directory.themes}
        # A place name says nothing about a need; a part of "Huis ter Heide" would ("huis").
        self.folded_place = {place: fold(place) for place in {o.plaats for o in directory.active}}
        self._place_words()
        self._organisation_arrays()
        # Each distinct text is read once, shared by every organisation that has it: a regional list repeats
        # how to apply, conditions and whole descriptions. Organisation by organisation: the words' first-seen
        # order, which the lexicon keeps.
        field = _field_of(self.organisations)
        field_columns = [field_texts(field(name)) for name, _ in FIELDS]
        distinct = list(dict.fromkeys(chain.from_iterable(zip(*field_columns, strict=True))))
        corpus = Corpus(distinct, self._words)
        index_of = dict(zip(distinct, range(len(distinct)), strict=True))
        del distinct
        columns = [
            np.fromiter(map(index_of.__getitem__, column), dtype=np.int64, count=self.size) for column in field_columns
        ]
        del field_columns, index_of  # at 100,000 organisations, tens of MB no longer needed
        # Words that can make a need come from what an organisation does, not from how to apply.
        field_words = corpus.field_words(
            [
                column if name not in PROCEDURE_FIELDS else column[:0]
                for (name, _), column in zip(FIELDS, columns, strict=True)
            ]
        )
        theme_words = [w for t in directory.themes for phrase in (t.naam, *t.woorden) for w in fold(phrase).split()]
        self.lexicon = Lexicon(corpus.words + theme_words)
        self.phrases, self.phrases_with = self._phrases(directory)
        texts = CountedTexts(corpus, self.lexicon.term_of, self._compounds, PART_WEIGHT)
        del corpus
        columns = [texts.number[column] for column in columns]
        self.postings = self._text_postings(texts, columns, field_words)
        self.theme_postings = self._theme_postings(directory)
        single = sum(1 for o in self.organisations if len(o.themas) <= 1)
        self.expansion_weight = EXPANSION_WEIGHT * single / self.size if self.size else 0.0
        # "The same kind" is the same themes and domain; where nearly everyone has one broad theme, sharing it
        # says little about being the same help.
        share = single / self.size if self.size else 0.0
        self.same_kind_factor = SAME_KIND_FACTOR + (1 - SAME_KIND_FACTOR) * share
        self._expansions: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._hints: dict[float, list[ThemeHint]] = {}
        self._terms_of_theme: dict[str, list[str]] = {}

    @functools.cached_property
    def filters(self) -> FilterArrays:
        """What the filters look at, built on the first question with a filter: most have none, and at 100,000
        organisations these arrays take a tenth of a second."""
        return FilterArrays(self.organisations)

    def allowed(self, filters: Filters | None) -> tuple[np.ndarray, np.ndarray | None]:
        """A mask of the organisations within the filters, and their distances when a point is given."""
        if filters is None or filters == Filters():
            return np.ones(self.size, dtype=bool), None
        return self.filters.allowed(filters)

    # --- building -------------------------------------------------------------------------

    def _place_words(self) -> None:
        """The words and phrases that name a place. A place name says nothing about a need."""
        # The municipality of each place, from the postcode table: "woont in Albergen" counts for the offers in
        # Tubbergen, the municipality Albergen lies in. A town the list does not have is a place word too, if it
        # is no Dutch word as well ("Albergen", "Markelo"; not "Best", "Loon", "Goor").
        self.municipalities = municipalities(self.directory.region.postcodes_path)
        self.municipality_names = frozenset(town for towns in self.municipalities.values() for town in towns)
        names = {*self.municipalities, *self.municipality_names}
        towns = {
            w
            for name in names
            for w in _town_words(name)
            if len(w) >= MIN_TOWN and w not in COMPASS_WORDS and not is_known(w)
        }
        listed = {p for p in self.folded_place.values() if p}
        # The list's own places are left out of its texts. Other towns stay in: "Open Eettafel Weerselo" (at an
        # address in Tubbergen) is found for "weerselo" through its name, as a place (see place_factor).
        self.text_place_words = frozenset(
            w for w in listed if " " not in w and w not in STOP_WORDS and not is_general(w)
        )
        self.place_words = self.text_place_words | {w for w in towns if w not in STOP_WORDS and not is_general(w)}
        # What is said of a place's people and things is no need either: "Twentse", "Amersfoortse", "Hengeloërs"
        # (folded "hengeloers"); unless that is a word too ("nagels" is not of Nagele).
        self.place_forms = self.place_words | {
            form for p in self.place_words if len(p) >= MIN_TOWN for form in _place_forms(p) if not is_known(form)
        }
        # Places of more than one word ("De Lutte", "Hof van Twente"), by their first word: named as a whole, they
        # are a place, and their words are no need ("lutte"). Only the list's own places, or names with a word
        # that is no Dutch word: "de wijk" or "'t waar" are no place to a volunteer.
        self.place_phrases: dict[str, list[tuple[str, ...]]] = {}
        for name in names | listed:
            parts = tuple(name.split())
            if len(parts) > 1 and (name in listed or any(p not in STOP_WORDS and not is_known(p) for p in parts)):
                self.place_phrases.setdefault(parts[0], []).append(parts)

    def _words(self, text: str) -> list[str]:
        # Interned: the same word in many organisations' texts is kept once.
        return [
            sys.intern(w)
            for w in fold(text).split()
            if len(w) > 1 and w not in STOP_WORDS and w not in self.text_place_words and not w.isdigit()
        ]

    def _organisation_arrays(self) -> None:
        """Per organisation, what ranking looks at besides the words: place, main theme, target groups,
        how heavy the help is, whether a volunteer can reach it, and its kind. Made field by field, each
        distinct value worked out once: a list of 100,000 has a few hundred places, groups and kinds."""
        orgs = self.organisations
        field = _field_of(orgs)
        places = list(map(self.folded_place.__getitem__, field("plaats")))
        self.place_of = np.array(places, dtype=object)
        # One municipality per organisation's place (the first by name when a place name lies in two).
        town_of = {p: min(self.municipalities.get(p, {p})) for p in set(self.folded_place.values())}
        self.municipality_of = np.array(list(map(town_of.__getitem__, places)), dtype=object)
        wijken = field("wijk")
        folded_wijk = {wijk: fold(wijk) for wijk in set(wijken)}  # a few distinct wijken, folded once
        wijk_of = [""] * len(orgs)
        for i in (i for i, wijk in enumerate(wijken) if wijk):
            if _names(folded_wijk[wijken[i]], orgs[i]):
                wijk_of[i] = folded_wijk[wijken[i]]
        self.wijk_of = np.array(wijk_of, dtype=object)
        self.wijken = frozenset(wijk_of) - {""}
        self.local = self.wijk_of != ""
        self.lowered_local = np.where(self.local, LOCAL_FACTOR, 1.0)  # when no wijk is named: the common case
        themes = field("themas")
        self.main_theme = np.array([t[0] if t else "" for t in themes], dtype=object)
        groups = field("doelgroepen")
        self.targeted = np.array([bool(g) and "iedereen" not in g for g in groups], dtype=bool)
        # Per organisation the number of its list of groups (a list of 100,000 has a few hundred), and per term
        # the lists that name it; which organisations those are is worked out per term on first use.
        number = {tuple_of_groups: n for n, tuple_of_groups in enumerate(dict.fromkeys(groups))}
        self.group_list_of = np.fromiter(map(number.__getitem__, groups), dtype=np.int64, count=len(groups))
        lists_with: dict[str, list[int]] = defaultdict(list)
        for tuple_of_groups, n in number.items():
            for term in {canon(w) for group in tuple_of_groups for w in fold(group).split() if w not in STOP_WORDS}:
                lists_with[term].append(n)
        self.group_lists_with = {term: np.array(lists, dtype=np.int64) for term, lists in lists_with.items()}
        self._group_members: dict[str, np.ndarray] = {}
        domains = list(zip(field("domein"), field("ook_domein"), strict=True))
        weight_of = {(main, also): (2 * main.weight + (also or main).weight) / 3 for main, also in set(domains)}
        self.weight = np.array(list(map(weight_of.__getitem__, domains)), dtype=float)
        contact = zip(field("telefoon"), field("email"), field("website"), strict=True)
        self.reachable = np.array([bool(phone or email or site) for phone, email, site in contact], dtype=bool)
        kinds: dict[tuple, int] = {}
        kind_of = {
            (t, d): kinds.setdefault((frozenset(t), d), len(kinds))
            for t, d in dict.fromkeys(zip(themes, field("domein"), strict=True))
        }
        self.kind = np.array(list(map(kind_of.__getitem__, zip(themes, field("domein"), strict=True))), dtype=np.int64)

    def _phrases(self, directory: Directory) -> tuple[list[Phrase], dict[str, list[int]]]:
        """Every way themas.csv names a theme, and which phrases each term can complete. A theme's name joins
        separate words ("Eten en boodschappen"), so each part is a phrase of its own; in the other phrases
        every word counts but articles and the like: "anderen helpen" is not "anderen", "op straat" is
        not "straat"."""
        phrases: list[Phrase] = []
        phrases_with: dict[str, list[int]] = defaultdict(list)
        for theme in directory.themes:
            labels = [p for p in re.split(r",|\ben\b", fold(theme.naam)) if p.strip()] + list(theme.woorden)
            for label in labels:
                words, _ = plain_sayings(fold(label).split())  # "energie te duur" as typed text is read
                content = [w for w in words if w not in STOP_WORDS and w not in self.place_words]
                if not content:
                    continue
                terms = tuple(self.lexicon.term_of.get(w) or canon(w) for w in content)
                function_words = tuple(w for w in words if w in STOP_WORDS and w not in OPTIONAL_PHRASE_WORDS)
                general = not function_words and all(is_general(t) for t in terms)
                for term in set(terms):
                    phrases_with[term].append(len(phrases))
                phrases.append(Phrase(theme.id, terms, function_words, label.strip(), general))
        return phrases, phrases_with

    def _text_postings(
        self, texts: CountedTexts, columns: list[np.ndarray], field_words: list[set[str]]
    ) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """BM25F: per term, the organisations whose own text has it and how strongly, scaled to 0..1.
        `columns[f][org]` is the number of the organisation's text in field f among the counted `texts`, and
        `field_words[f]` the words of field f that can make a need; the frequencies of all organisations are
        made and grouped per term with array operations (see directory.bm25)."""
        weights = [weight for _, weight in FIELDS]
        # Names and keywords are chosen by a person; a general word ("vrouwen", "kinderen") only counts there.
        curated_fields = [f for f, weight in enumerate(weights) if weight >= CURATED_FIELD_WEIGHT]
        # Words that can make a need: whole words chosen by a person (a name or keyword) that not too many
        # organisations share, and rare whole words anywhere. A part of a compound never does: 'bank'
        # from 'voedselbank' says nothing about a sofa.
        term_of = self.lexicon.term_of
        curated_words = {term_of[w] for f in curated_fields for w in field_words[f] if w in term_of}
        other_words = {
            term_of[w] for f, words in enumerate(field_words) if f not in curated_fields for w in words if w in term_of
        }
        names = list(texts.term_ids)
        terms, orgs, tf = field_frequencies(texts, columns, weights)
        scaled_idf = idf(np.bincount(terms, minlength=len(names)), self.size) / idf(1, self.size)
        found = postings(terms, orgs, tf, names, scaled_idf)
        del terms, orgs, tf  # one field set's arrays at a time: at 100,000 organisations, the peak
        curated = field_frequencies(texts, [columns[f] for f in curated_fields], [weights[f] for f in curated_fields])
        self.curated_postings = postings(*curated, names, scaled_idf)
        idf_of = dict(zip(names, scaled_idf.tolist(), strict=True))
        self.telling = frozenset(
            t
            for t in curated_words | other_words
            if idf_of.get(t, 0.0) >= (CURATED_MIN_IDF if t in curated_words else RARE)
        )
        return found

    @functools.cached_property
    def _compounds(self) -> dict[str, tuple[str, ...]]:
        """Per word of the list that is a compound, the terms of its parts other than its own term: found once
        per word, not once per text that has it."""
        term_of, parts_of = self.lexicon.term_of, self.lexicon.parts_of
        compounds = {}
        for word in term_of:
            terms = tuple(dict.fromkeys(p.term for p in parts_of(word) if p.term != term_of.get(word)))
            if terms:
                compounds[word] = terms
        return compounds

    def _theme_postings(self, directory: Directory) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        # The organisations with each distinct list of themes (a list of 100,000 has a few hundred), then per
        # theme its members in order, each weighed by where the theme stands in its list.
        having: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i, themes in enumerate(_field_of(self.organisations)("themas")):
            having[themes].append(i)
        parts: dict[str, list[tuple[np.ndarray, float]]] = defaultdict(list)
        for themes, indices in having.items():
            found = np.array(indices, dtype=np.int64)
            for theme, position in {theme: position for position, theme in enumerate(themes)}.items():
                parts[theme].append((found, THEME_POSITION_WEIGHTS[min(position, len(THEME_POSITION_WEIGHTS) - 1)]))
        postings = {}
        for theme in directory.themes:
            pieces = parts.get(theme.id, [])
            indices = np.concatenate([found for found, _ in pieces]) if pieces else np.zeros(0, dtype=np.int64)
            weights = np.concatenate([np.full(found.size, w) for found, w in pieces]) if pieces else np.zeros(0)
            order = np.argsort(indices, kind="stable")
            # Fewer members, more telling: 1.0 for a theme only one organisation has.
            size = indices.size
            rarity = math.log1p(self.size / size) / math.log1p(self.size) if size and self.size > 1 else 1.0
            postings[theme.id] = (indices[order], weights[order] * rarity**THEME_RARITY_POWER)
        return postings

    # --- reading a part of a sentence ------------------------------------------------------

    def read(self, text: str) -> _Segment:
        folded, said = plain_sayings(fold(text).split())
        places, in_place = self._place_phrases(folded)
        typed = [
            (pos, w)
            for pos, w in enumerate(folded)
            if len(w) > 1 and w not in STOP_WORDS and w not in self.place_forms and pos not in in_place
        ]
        # A typo or form of a place is a place too: "Twenthe" is no need ("Rijksmuseum Twenthe").
        found: dict[int, list[Found]] = {
            pos: [f for f in self.lexicon.lookup(w) if f.word not in self.place_forms] for pos, w in typed
        }
        for (pos, first), (next_pos, second) in pairwise(typed):
            glued = self.lexicon.joined(first, second)
            if glued:
                found[pos] = [*found[pos], glued]
                found[next_pos] = [*found[next_pos], glued]
        for pos, verb in self._separable_verbs(folded):
            found[pos] = [*found.get(pos, []), verb]
        words = [
            _Word(pos, tuple(hits), is_circumstance(folded, pos) or pos in said) for pos, hits in found.items() if hits
        ]
        places |= {w for pos, w in enumerate(folded) if w in self.place_words and pos not in in_place}
        present = frozenset(folded) | {canon(w) for w in folded} | {VERB_OF[w] for w in folded if w in VERB_OF}
        # "parttime" is a theme word (werk), but in "ze werkt wel parttime" it tells how she lives.
        circumstances = {word.position for word in words if word.circumstance}
        phrases = [hit for hit in self._phrase_hits(words, present, folded) if not hit.positions <= circumstances]
        return _Segment([text], words, phrases, places)

    def _separable_verbs(self, folded: Sequence[str]) -> list[tuple[int, Found]]:
        """Dutch splits a verb like rondkomen or aanvragen in a main clause: "ze komt niet rond", "hij vraagt
        nooit iets aan". Its particle, last, and the nearest verb before it are one word again: the list's word
        rondkomen, at the particle's position. Only a verb the list or the themes use, in its dictionary form."""
        joined = []
        for end, particle in enumerate(folded):
            # A particle ends its clause, or stands before a preposition ("rond met", "aan bij"); before a noun it
            # is a preposition itself: "op orde", "in de schulden".
            after = folded[end + 1] if end + 1 < len(folded) else None
            if particle not in SEPARABLE_PARTICLES or (after is not None and not _may_follow_particle(after)):
                continue
            for pos in range(end - 1, max(end - 1 - SEPARABLE_REACH, -1), -1):
                verb = folded[pos]
                if verb in CLAUSE_STARTS:
                    break  # "die ... komt", "om ... te krijgen": a verb there keeps its particle
                if verb in SEPARABLE_PARTICLES or len(verb) < 3 or (pos and folded[pos - 1] == "te"):
                    continue
                word = particle + canon(verb)
                term = self.lexicon.term_of.get(word)
                if term is not None and word.endswith("en") and not is_general(term):
                    joined.append((end, Found(term, JOINED, word)))
                    break
        return joined

    def _place_phrases(self, folded: Sequence[str]) -> tuple[set[str], set[int]]:
        """The places of more than one word named in the folded words, and the positions of their words."""
        places: set[str] = set()
        positions: set[int] = set()
        for pos, word in enumerate(folded):
            for parts in self.place_phrases.get(word, ()):
                if tuple(folded[pos : pos + len(parts)]) == parts:
                    places.add(" ".join(parts))
                    positions.update(range(pos, pos + len(parts)))
        return places, positions

    def _phrase_hits(self, words: Sequence[_Word], present: frozenset[str], folded: Sequence[str]) -> list[_PhraseHit]:
        best: dict[str, tuple[float, set[int]]] = {}
        for word in words:
            for f in word.found:
                old = best.get(f.term)
                if old is None or f.quality > old[0]:
                    best[f.term] = (f.quality, {word.position})
                elif f.quality == old[0]:
                    old[1].add(word.position)
        hits = []
        for index in sorted({i for term in best for i in self.phrases_with.get(term, ())}):
            phrase = self.phrases[index]
            if (
                all(t in best for t in phrase.terms)
                and all(w in present or canon(w) in present or VERB_OF.get(w) in present for w in phrase.function_words)
                and all(_just_before(folded, w, phrase.terms, best) for w in phrase.function_words if w in DETERMINERS)
            ):
                quality = min(best[t][0] for t in phrase.terms) * (1 + 0.1 * (len(phrase.terms) - 1))
                if phrase.general:
                    quality *= GENERAL_FACTOR
                positions = frozenset(p for t in phrase.terms for p in best[t][1])
                hits.append(_PhraseHit(phrase, quality, positions))
        return hits

    # --- scoring --------------------------------------------------------------------------

    def text_evidence(self, word: _Word) -> np.ndarray:
        """Per organisation, the best evidence from its own text for one typed word."""
        best = np.zeros(self.size)
        for f in word.found:
            general = word.circumstance or is_general(f.term)
            posting = (self.curated_postings if general else self.postings).get(f.term)
            if posting is None:
                continue
            np.maximum.at(best, posting[0], posting[1] * f.quality * (GENERAL_FACTOR if general else 1.0))
        return best

    def theme_evidence(self, hits: Sequence[_PhraseHit]) -> np.ndarray:
        """Per organisation, the evidence from the themes the text names. A theme counts once however many
        of its words were typed: it is one expansion of the need, not a vote per word."""
        strongest: dict[str, float] = {}
        for hit in hits:
            strongest[hit.phrase.theme] = max(strongest.get(hit.phrase.theme, 0.0), hit.quality)
        total = np.zeros(self.size)
        for theme, quality in strongest.items():
            indices, weights = self.theme_postings.get(theme, _EMPTY)
            total[indices] += weights * quality
            if self.expansion_weight and not all(h.phrase.general for h in hits if h.phrase.theme == theme):
                indices, weights = self.expansion(theme)
                total[indices] += weights * (quality * self.expansion_weight)
        return total

    def expansion(self, theme: str) -> tuple[np.ndarray, np.ndarray]:
        """Per organisation, how strongly its own text uses the specific words of a theme: the best of them,
        as the text evidence of a typed word would be. Made on first use, so loading stays as fast."""
        if theme not in self._expansions:
            best = np.zeros(self.size)
            for term in self._theme_terms(theme):
                posting = self.postings[term]
                np.maximum.at(best, posting[0], posting[1])
            best[self.theme_postings.get(theme, _EMPTY)[0]] = 0.0  # its members have the theme's weight already
            indices = np.flatnonzero(best)
            self._expansions[theme] = (indices, best[indices])
        return self._expansions[theme]

    def _theme_terms(self, theme: str) -> list[str]:
        """The theme's specific words that some organisation's own text has: words that name the theme on their
        own, not parts of its phrases ("gratis" in "gratis spullen", "bank" in "bank en stoelen") nor a word
        that needs its small word ("woning" in "geen woning", "luisteren" in "luistert niet")."""
        if theme not in self._terms_of_theme:
            terms = {
                p.terms[0]
                for p in self.phrases
                if p.theme == theme and not p.general and len(p.terms) == 1 and not p.function_words
            }
            self._terms_of_theme[theme] = sorted(t for t in terms if t in self.postings and not is_general(t))
        return self._terms_of_theme[theme]

    def theme_word(self, org_index: int, theme: str, whole: bool = False) -> tuple[str, str] | None:
        """The theme's word the organisation's name, keywords or description uses most strongly, and the field it
        is in: as shown ("kleding"), or with `whole` only as a whole word, as it stands there."""
        org = self.organisations[org_index]
        for term in self._expansion_terms(org_index, theme):
            found = self._found_in(org, term, DESCRIBING_FIELDS, whole)
            if found:
                return (found[1] if whole else self.lexicon.shown.get(term, term)), found[0]
        return None

    def theme_hints(self, minimum: float) -> list[ThemeHint]:
        """Themes that organisations' own words point to but their tags lack, strongest first (made once)."""
        if minimum not in self._hints:
            names = {t.id: t.naam for t in self.directory.themes}
            hints = []
            for theme in self.directory.themes:
                indices, weights = self.expansion(theme.id)
                strong = weights >= minimum
                for i, weight in zip(indices[strong].tolist(), weights[strong].tolist(), strict=True):
                    word = self.theme_word(i, theme.id, whole=True)
                    if word:
                        hints.append(ThemeHint(self.organisations[i], theme.id, names[theme.id], *word, weight))
            hints.sort(key=lambda h: (-h.strength, fold(h.organisation.naam), h.theme))
            self._hints[minimum] = hints
        return self._hints[minimum]

    def _expansion_terms(self, org_index: int, theme: str) -> list[str]:
        """The theme's words the organisation's own text uses, most strongly first."""
        found = []
        for term in self._theme_terms(theme):
            indices, weights = self.postings[term]
            at = int(np.searchsorted(indices, org_index))
            if at < indices.size and indices[at] == org_index:
                found.append((-float(weights[at]), term))
        return [term for _, term in sorted(found)]

    def score(self, segment: _Segment) -> tuple[np.ndarray, bool]:
        """Scores per organisation, and whether the text holds a specific need word with real evidence."""
        total = THEME_WEIGHT * self.theme_evidence(segment.phrases)
        is_need = any(not hit.phrase.general for hit in segment.phrases)
        for word in segment.words:
            text = self.text_evidence(word)
            total += text
            if not is_need and not word.general:
                telling = any(f.term in self.telling and f.quality > COMPOUND_MODIFIER for f in word.found)
                is_need = telling and float(text.max(initial=0.0)) >= EVIDENCE_MIN
        return total, is_need

    def group_factor(self, segment: _Segment, themes: Sequence[str]) -> np.ndarray:
        """Lower organisations for one group only, unless the text names their group or their main theme."""
        fits = np.isin(self.main_theme, list(themes)) if themes else np.zeros(self.size, dtype=bool)
        for word in segment.words:
            for f in word.found:
                if f.term in self.group_lists_with:
                    fits |= self.group_members(f.term)
        return np.where(self.targeted & ~fits, TARGETED_FACTOR, 1.0)

    def group_members(self, term: str) -> np.ndarray:
        """Which organisations name `term` in their target groups, as a mask. Kept per term: only terms of the
        list's own groups come here (group_factor asks first), never a typed word."""
        members = self._group_members.get(term)
        if members is None:
            members = self._group_members[term] = np.isin(self.group_list_of, self.group_lists_with[term])
        return members

    def local_factor(self, text: str, filters: Filters | None) -> np.ndarray | float:
        """Organisations for one wijk yield to those for everyone, but not those in a wijk the text names or
        the volunteer chose (as a filter, or as where the client lives)."""
        if not self.wijken:
            return 1.0
        padded = f" {' '.join(fold(text).split())} "
        named = {w for w in self.wijken if f" {w} " in padded}
        named |= {fold(w) for w in (filters.wijk, filters.woonwijk) if w} if filters else set()
        if not named & self.wijken:
            return self.lowered_local
        return np.where(self.local & ~np.isin(self.wijk_of, list(named)), LOCAL_FACTOR, 1.0)

    def place_factor(self, places: set[str]) -> np.ndarray | float:
        """Organisations in a named place, or in its municipality, first among those that fit."""
        if not places:
            return 1.0
        towns = {town for place in places for town in self.municipalities.get(place, ())}
        # A municipality named by a name no place has ("Dinkelland", "Hof van Twente"): all its places are there.
        named = (places & self.municipality_names) - self.municipalities.keys()
        there = np.isin(self.place_of, list(places)) | np.isin(self.municipality_of, list(named))
        for place in places - self.text_place_words:  # a town the list has no address in: named in a name?
            indices, _ = self.curated_postings.get(self.lexicon.term_of.get(place, place), _EMPTY)
            there[indices] = True
        nearby = np.isin(self.municipality_of, list(towns)) & ~there
        return 1.0 + PLACE_BONUS * there + PLACE_BONUS * MUNICIPALITY_SHARE * nearby

    def themes_of(self, segment: _Segment) -> list[str]:
        """The themes a part of a sentence is about, strongest first: by the best phrase, then by how many of the
        typed words the theme's phrases cover (not by the order the phrases were found in)."""
        best: dict[str, float] = defaultdict(float)
        where: dict[str, set[int]] = defaultdict(set)
        for hit in segment.phrases:
            if not hit.phrase.general:
                theme = hit.phrase.theme
                best[theme] = max(best[theme], hit.quality)
                where[theme] |= hit.positions
        strength = {theme: best[theme] + 0.01 * len(where[theme]) for theme in best}
        return sorted(strength, key=lambda t: (-strength[t], t))

    def text_themes(self, segment: _Segment) -> list[str]:
        """For a part without theme words ("huurder bij Portaal"): the main theme of the organisations its
        own words point to most clearly."""
        scores, is_need = self.score(segment)
        if not is_need or not scores.size or scores.max() <= 0:
            return []
        best = np.flatnonzero(scores >= 0.8 * scores.max())
        counts = Counter(self.main_theme[i] for i in best.tolist() if self.main_theme[i])
        return [theme for theme, _ in counts.most_common(1)]

    def reasons(self, org_index: int, segment: _Segment) -> tuple[str, ...]:
        """Why an organisation fits, in plain words: 'past bij: huur niet betalen (Wonen en huur)'."""
        org = self.organisations[org_index]
        weighed: dict[str, float] = {}
        best_by_theme: dict[str, _PhraseHit] = {}
        for hit in segment.phrases:
            current = best_by_theme.get(hit.phrase.theme)
            if hit.phrase.theme in org.themas and (current is None or hit.quality > current.quality):
                best_by_theme[hit.phrase.theme] = hit
        for theme, hit in best_by_theme.items():
            weighed[f"past bij: {hit.phrase.label} ({self.theme_names.get(theme, theme)})"] = hit.quality
        if self.expansion_weight:  # found through a theme's words in its own text, not through its tags
            for theme in {h.phrase.theme for h in segment.phrases if not h.phrase.general} - set(org.themas):
                found = self.theme_word(org_index, theme)
                if found:
                    # The theme, not its word: "online" in a name says little to a volunteer who typed "taalles".
                    where = WORD_PLACES[found[1]]
                    reason = f"past bij: {self.theme_names.get(theme, theme)} ({found[0]} {where})"
                    weighed[reason] = max(weighed.get(reason, 0.0), self.expansion_weight)
        for word in segment.words:
            for f in sorted(word.found, key=lambda found: -found.quality):
                general = word.circumstance or is_general(f.term)
                field = self._field_with(org, f.term, CURATED_FIELDS if general else None)
                if field:
                    reason = f"past bij: {self.lexicon.shown.get(f.term, f.word)} ({FIELD_REASONS[field]})"
                    weighed[reason] = max(weighed.get(reason, 0.0), f.quality * (0.9 if field == "omschrijving" else 1))
                    break  # one reason per typed word
        ordered = sorted(weighed, key=lambda r: -weighed[r])
        return tuple(ordered[:MAX_REASONS])

    def _field_with(self, org: Organisation, term: str, only: Sequence[str] | None = None) -> str | None:
        found = self._found_in(org, term, only)
        return found[0] if found else None

    def _found_in(
        self, org: Organisation, term: str, only: Sequence[str] | None = None, whole: bool = False
    ) -> tuple[str, str] | None:
        """The first field with the term, and the word there that has it (itself, or as a part unless `whole`)."""
        for name, _ in FIELDS:
            if only is not None and name not in only:
                continue
            for word in self._words(field_text(org, name)):
                if self.lexicon.term_of.get(word) == term or (
                    not whole and any(p.term == term for p in self.lexicon.parts_of(word))
                ):
                    return name, word
        return None


_EMPTY = (np.zeros(0, dtype=np.int64), np.zeros(0))
# Small words of a theme phrase that belong to the noun after them: "geen geld" is not "geld speelt geen rol".
# Other small words go anywhere in Dutch ("kan de huur niet betalen", "betaalt de huur niet").
DETERMINERS = frozenset({"geen", "zonder"})
DETERMINER_REACH = 3  # "geen geld", "geen enkele cent", "zonder vaste woonplek"


def _just_before(
    folded: Sequence[str], word: str, terms: Sequence[str], best: dict[str, tuple[float, set[int]]]
) -> bool:
    """Whether `word` stands shortly before one of the phrase's typed words."""
    positions = [p for term in terms for p in best[term][1]]
    return any(folded[before] == word for p in positions for before in range(max(0, p - DETERMINER_REACH), p))


def _town_words(name: str) -> list[str]:
    """The words of a place name that can stand for the place: the name, or for a name of more words its last
    ("twente" of "Hof van Twente", "lutte" of "De Lutte"); none for a saint's name ("Sint Anna")."""
    parts = name.split()
    if len(parts) == 1:
        return parts
    return [] if parts[0] in ("sint", "st") else parts[-1:]


def _place_forms(place: str) -> set[str]:
    """What is said of a place's people and things: twente -> twentse, hengelo -> hengeloers."""
    return {stem + ending for stem in {place, place.removesuffix("e")} for ending in PLACE_FORM_ENDINGS}


def _may_follow_particle(word: str) -> bool:
    """A word after a separable verb's particle: a preposition or the like, not the start of a noun phrase."""
    return (word in STOP_WORDS or word in CLAUSE_STARTS) and word not in NOUN_PHRASE_STARTS


def _field_of(organisations: Sequence[Organisation]):
    """name -> the values of that field of every organisation, in order (read in C: attrgetter and map)."""
    return lambda name: list(map(attrgetter(name), organisations))


def field_text(org: Organisation, name: str) -> str:
    """A field of an organisation as one text: a list (trefwoorden) joined by spaces."""
    return _as_text(getattr(org, name))


def _as_text(value: object) -> str:
    return " ".join(value) if isinstance(value, tuple) else str(value)


def field_texts(values: list) -> list[str]:
    """field_text for a whole column at once (the values of one field of every organisation): a column of
    texts is kept as it is; a list field is joined once per distinct list (keywords repeat in a regional list)."""
    if set(map(type, values)) <= {str}:
        return values
    text_of = {value: _as_text(value) for value in set(values)}
    return list(map(text_of.__getitem__, values))


_index_lock = threading.Lock()


def _names(folded_wijk: str, org: Organisation) -> bool:
    """Whether the organisation's name names the wijk: then it is there for that wijk. (Keywords list the wijk
    of an address for searching: the Leger des Heils has "zielhorst" and works for the whole town.)"""
    return f" {folded_wijk} " in f" {fold(org.naam)} "  # folded both: "Schothorst-Noord", "Emmaüs"


def get_index(directory: Directory) -> MatchIndex:
    """The directory's index, built on first use and kept with the (immutable) directory."""
    index = directory.cache.get("match_index")
    if index is None:
        with _index_lock:
            index = directory.cache.get("match_index")
            if index is None:
                with paused_gc():
                    index = MatchIndex(directory)
                directory.cache["match_index"] = index
    return index


# --- the public API ---------------------------------------------------------------------


def theme_hints(directory: Directory, minimum: float = HINT_MIN) -> list[ThemeHint]:
    """Themes that organisations' own names, keywords or descriptions point to, but that their themes lack. A list
    converted from a catalogue files a clothing bank under money worries only; the coordinator adds "Kleding en
    spullen", and Wie doet wat, Verwijsroutes and the blind spots get it right too. Strongest first. Only
    organisations a volunteer may be pointed to."""
    return list(get_index(directory).theme_hints(minimum))


def split_needs(text: str) -> list[str]:
    """The parts of a sentence that may each be a need of their own."""
    return [part.strip() for part in NEED_SEPARATORS.split(text or "") if part and part.strip()]


def analyse(need: str, directory: Directory, limit: int = 5, filters: Filters | None = None) -> Analysis:
    """Recognise the needs in `need` and rank organisations per need and overall."""
    index = get_index(directory)
    if index.size == 0:
        return Analysis((), ())
    mask, distances = index.allowed(filters)
    scored = [(segment, *index.score(segment)) for segment in _group(index, [index.read(p) for p in split_needs(need)])]
    # A part without a need of its own ("jonge moeder", "ze werkt wel parttime") is context: it helps
    # rank the needs around it, at a lower weight, but gets no list of its own.
    context = sum((scores for _, scores, is_need in scored if not is_need), np.zeros(index.size)) * CONTEXT_FACTOR
    # The order among those that fit: a named place first, help for one wijk after help for the whole town.
    order = index.place_factor({p for segment, _, _ in scored for p in segment.places}) * index.local_factor(
        need, filters
    )
    needs = []
    for segment, scores, is_need in scored:
        if not is_need:
            continue
        themes = index.themes_of(segment)
        scores = (scores + context) * index.group_factor(segment, themes)
        themed = any(not hit.phrase.general for hit in segment.phrases)
        suggestions = _rank(
            index,
            segment,
            np.where(mask, scores, 0.0),
            distances,
            limit,
            order,
            THEMED_MIN_SCORE if themed else MIN_SCORE,
        )
        if suggestions:
            themes = themes or [suggestions[0].organisation.main_theme or ""]
            label = index.theme_names.get(themes[0], "Gevonden in de teksten van organisaties")
            suggestions = [_with_need(s, label) for s in suggestions]
            parts = tuple(segment.texts)
            needs.append(Need(label, ", ".join(parts), tuple(t for t in themes if t), tuple(suggestions), parts))
    needs.sort(key=lambda n: -n.suggestions[0].score)
    filtered_out = not needs and filters not in (None, Filters()) and bool(analyse(need, directory, limit=1).needs)
    return Analysis(tuple(needs), tuple(_interleave(needs, limit)), filtered_out)


def suggest(need: str, directory: Directory, limit: int = 5, **filters) -> list[Suggestion]:
    """The organisations that fit `need` best, lighter help first among equals; [] when nothing fits.

    filters: doelgroep, wijk, near=(lat, lon), max_km, inkomen (% of the sociaal minimum), woonwijk.
    """
    return list(analyse(need, directory, limit=limit, filters=Filters(**filters)).suggestions)


def theme_need(theme: str, directory: Directory, limit: int = 6, filters: Filters | None = None) -> Need | None:
    """The organisations for a theme the volunteer picks when the words found nothing, or not the right thing:
    those mainly about it first, then lighter help, never one that is not help for the client. None for a
    theme the list does not have, or when no organisation (within the filters) has it."""
    index = get_index(directory)
    name = index.theme_names.get(theme)
    indices, weights = index.theme_postings.get(theme, _EMPTY)
    if name is None or not indices.size:
        return None
    mask, distances = index.allowed(filters)
    scores = np.zeros(index.size)
    scores[indices] = weights / weights.max()  # 1.0 for the main theme, less for a later one
    local = index.local_factor("", filters)
    found = _rank(index, _Segment([], [], [], set()), np.where(mask, scores, 0.0), distances, limit, local)
    reason = (f"past bij het onderwerp: {name}",)
    suggestions = tuple(replace(s, reasons=reason, need=name) for s in found)
    return Need(name, "", (theme,), suggestions) if suggestions else None


def narrow(
    organisations: Sequence[Organisation], need: str, directory: Directory, limit: int = 50
) -> list[Organisation]:
    """Of `organisations` (say, what a page's filters chose), those among the best `limit` for `need`, in
    their own order; all of them when no need is typed. Kaart narrows its map this way."""
    if not need.strip():
        return list(organisations)
    fitting = {s.organisation.id for s in suggest(need, directory, limit=limit)}
    return [o for o in organisations if o.id in fitting]


def _group(index: MatchIndex, segments: list[_Segment]) -> list[_Segment]:
    """Parts of a sentence about the same theme are one need: 'zware schulden, wil schuldsanering', or
    'huurder bij Portaal, drie maanden achter met de huur, nu een brief over ontruiming'. Two parts are
    about the same theme when the main theme of one is among the themes of the other."""
    groups: list[tuple[list[str], _Segment]] = []
    for segment in segments:
        themes = index.themes_of(segment) or index.text_themes(segment)
        for group_themes, group in groups:
            if themes and group_themes and (themes[0] in group_themes or group_themes[0] in themes):
                offset = 1000 * len(group.texts)  # keep word positions of parts apart
                group.texts.extend(segment.texts)
                group.places |= segment.places
                group.words.extend(replace(w, position=w.position + offset) for w in segment.words)
                group.phrases.extend(
                    replace(h, positions=frozenset(p + offset for p in h.positions)) for h in segment.phrases
                )
                group_themes.extend(t for t in themes if t not in group_themes)
                break
        else:
            groups.append((list(themes), segment))
    return [group for _, group in groups]


def _rank(
    index: MatchIndex,
    segment: _Segment,
    scores: np.ndarray,
    distances,
    limit: int,
    order: np.ndarray | float = 1.0,
    min_score: float = MIN_SCORE,
) -> list[Suggestion]:
    """The best organisations for one need. Whether an organisation fits at all is decided on what it does;
    `order` (per organisation: a named place, help for one wijk) changes the order of those that fit, and which
    of them come near enough to the best; never lets in one below `min_score`."""
    best = float(scores.max()) if scores.size else 0.0
    if best < min_score:
        return []
    placed = scores * order
    eligible = np.flatnonzero((scores >= min_score) & (placed >= RELATIVE_CUTOFF * float(placed.max())))
    scores = placed
    adjusted = scores[eligible] * (1 - LIGHTNESS * index.weight[eligible]) * (1 + REACHABLE * index.reachable[eligible])
    result = []
    for i in _diversify(index.kind[eligible], adjusted, limit, index.same_kind_factor):
        org_index = int(eligible[i])
        distance = (
            None if distances is None or np.isnan(distances[org_index]) else round(float(distances[org_index]), 2)
        )
        result.append(
            Suggestion(
                organisation=index.organisations[org_index],
                score=round(float(scores[org_index]), 3),
                reasons=index.reasons(org_index, segment),
                distance_km=distance,
            )
        )
    return result


def _diversify(kinds: np.ndarray, adjusted: np.ndarray, limit: int, same_kind: float = SAME_KIND_FACTOR) -> list[int]:
    """Greedy: take the best, then lower the others of the same kind, and repeat. Ties go to the earlier
    organisation in the list, so the first three of limit=3 are the first three of limit=10."""
    seen: Counter[int] = Counter()
    remaining = np.ones(len(adjusted), dtype=bool)
    picked: list[int] = []
    while len(picked) < min(limit, len(adjusted)):
        factor = np.power(same_kind, np.array([seen[k] for k in kinds.tolist()])) if seen else 1.0
        effective = np.where(remaining, adjusted * factor, -np.inf)
        best = int(np.argmax(effective))
        picked.append(best)
        remaining[best] = False
        seen[int(kinds[best])] += 1
    return picked


def _with_need(suggestion: Suggestion, label: str) -> Suggestion:
    return replace(suggestion, need=label)


def _interleave(needs: Sequence[Need], limit: int) -> list[Suggestion]:
    """Take the best of each need in turn, so that every need is covered near the top."""
    result: list[Suggestion] = []
    seen: set[str] = set()
    for rank in range(max((len(n.suggestions) for n in needs), default=0)):
        for need in needs:
            if rank < len(need.suggestions):
                suggestion = need.suggestions[rank]
                if suggestion.organisation.id not in seen:
                    seen.add(suggestion.organisation.id)
                    result.append(suggestion)
    return result[:limit]


__all__ = [
    "Analysis",
    "Filters",
    "Need",
    "Suggestion",
    "ThemeHint",
    "analyse",
    "get_index",
    "split_needs",
    "suggest",
    "theme_hints",
    "theme_need",
]
