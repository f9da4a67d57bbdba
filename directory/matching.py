"""From a need in everyday words to ranked organisations, with the reasons they matched.

The index is built once per loaded Directory. A query fuzzy-matches its few words against the
vocabulary (theme words, keywords, names, description words: some thousands of terms), then
adds up precomputed posting arrays, so its cost depends on the vocabulary and the matching
organisations, never on scanning every description.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from directory.model import KNOWN_TARGET_GROUPS, Directory, Domain, Organisation
from directory.text import STOP_WORDS, content_words, fold, stem

# How much a kind of evidence counts. Theme words say what the need is; keywords and names
# point at one organisation; a word from a description is weak evidence.
THEME_POSITION_WEIGHTS = (1.0, 0.75, 0.6, 0.5)
KEYWORD_WEIGHT = 0.9
NAME_WEIGHT = 1.3
# A name word that is also an everyday need word ("Werk en Inkomen") says less about the organisation.
NAME_NEED_WORD_WEIGHT = 0.45
DESCRIPTION_WEIGHT = 0.3
# "Licht waar mogelijk, zwaar waar nodig": a near tie goes to the lighter help.
LIGHTNESS_PENALTY = 0.15
# In a conversation, an organisation the volunteer can reach (phone, e-mail, website) beats one without.
REACHABLE_BONUS = 0.15
# Three housing corporations in a row teach a volunteer less than one corporation and one debt
# service: each earlier pick of the same kind (same themes and group) multiplies the score by this.
SAME_KIND_FACTOR = 0.6
MIN_SCORE = 0.3
RELATIVE_CUTOFF = 0.45

# Match quality by how a typed word was recognised.
EXACT, STEM, JOINED, COMPOUND_HEAD, COMPOUND_MODIFIER = 1.0, 0.95, 0.95, 0.85, 0.6
MIN_STEM_LENGTH = 4
# Words that say who needs help ("de kinderen", "mijn moeder") rather than what is needed.
WHO_FACTOR = 0.6
WHO_WORDS = frozenset(
    {stem(w) for w in fold(" ".join(KNOWN_TARGET_GROUPS)).split()}
    | {stem(w) for w in "kind kids dochter zoon baby moeder vader oudere jongere tiener gezin".split()}
)
MIN_COMPOUND_PART = 3
GENERIC_NAME_WORDS = frozenset(
    "stichting vereniging nederland regio afdeling eemland utrecht midden centrum huis team teams amersfoort".split()
)

# Where one need ends and another begins in a sentence.
NEED_SEPARATORS = re.compile(
    r"[,;.!?\n]+|\s(?:en ook|en|maar|ook|plus|daarnaast|bovendien|verder|want|omdat|terwijl|en daarbij)\s",
    re.IGNORECASE,
)
EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class Suggestion:
    organisation: Organisation
    score: float
    reasons: tuple[str, ...]
    need: str = ""
    distance_km: float | None = None


@dataclass(frozen=True)
class Need:
    """One need recognised in the text, with the organisations that fit it best first."""

    label: str
    text: str
    themes: tuple[str, ...]
    suggestions: tuple[Suggestion, ...]


@dataclass(frozen=True)
class Analysis:
    needs: tuple[Need, ...]
    suggestions: tuple[Suggestion, ...]


@dataclass(frozen=True)
class Filters:
    doelgroep: str | None = None
    wijk: str | None = None
    near: tuple[float, float] | None = None
    max_km: float | None = None
    inkomen: int | None = None  # the client's income as % of the sociaal minimum


@dataclass(frozen=True)
class Entry:
    """A vocabulary term: one or more folded words that point at a theme or an organisation."""

    key: tuple[str, str]  # ("thema", theme id) | ("trefwoord"|"naam"|"omschrijving", phrase)
    words: tuple[str, ...]
    label: str


@dataclass
class _Hit:
    entry: Entry
    quality: float
    positions: frozenset[int]
    typed: str


class MatchIndex:
    """Everything a query needs, built once from the active organisations of a Directory."""

    def __init__(self, directory: Directory):
        self.directory = directory
        self.organisations: tuple[Organisation, ...] = directory.active
        self.size = len(self.organisations)
        self.theme_names = {t.id: t.naam for t in directory.themes}
        # "Amersfoort" says nothing about a need; a part of "Huis ter Heide" would ("huis").
        self.place_words = frozenset(p for p in {fold(o.plaats) for o in self.organisations} if p and " " not in p)
        self.entries: list[Entry] = []
        self.word_entries: dict[str, list[int]] = defaultdict(list)
        self.postings: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
        self._build_postings(directory)
        self.vocabulary = frozenset(self.word_entries)
        self.stems: dict[str, list[str]] = defaultdict(list)
        self.buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word in self.vocabulary:
            if len(word) >= MIN_STEM_LENGTH:
                word_stem = stem(word)
                if len(word_stem) >= MIN_STEM_LENGTH:
                    self.stems[word_stem].append(word)
            if len(word) >= 5:
                self.buckets[(word[0], len(word))].append(word)
        self._build_filter_arrays()

    # --- building -------------------------------------------------------------------------

    def _stop(self, word: str) -> bool:
        return word in STOP_WORDS or word in self.place_words

    def _add_entry(self, key: tuple[str, str], phrase: str) -> None:
        folded = tuple(w for w in fold(phrase).split() if not self._stop(w))
        if not folded:
            return
        entry = Entry(key, folded, phrase.strip())
        index = len(self.entries)
        self.entries.append(entry)
        for word in set(folded):
            self.word_entries[word].append(index)

    def _build_postings(self, directory: Directory) -> None:
        theme_members: dict[str, dict[int, float]] = defaultdict(dict)
        need_words = {w for theme in directory.themes for phrase in theme.woorden for w in fold(phrase).split()}
        org_terms: dict[tuple[str, str], dict[int, float]] = defaultdict(dict)
        for i, org in enumerate(self.organisations):
            for position, theme in enumerate(org.themas):
                weight = THEME_POSITION_WEIGHTS[min(position, len(THEME_POSITION_WEIGHTS) - 1)]
                theme_members[theme][i] = weight
            for keyword in org.trefwoorden:
                org_terms[("trefwoord", " ".join(fold(keyword).split()))][i] = KEYWORD_WEIGHT
            for word in set(fold(org.naam).split()):
                if len(word) >= 3 and not self._stop(word) and word not in GENERIC_NAME_WORDS:
                    org_terms[("naam", word)][i] = NAME_NEED_WORD_WEIGHT if word in need_words else NAME_WEIGHT
            for word in set(content_words(org.omschrijving)):
                if len(word) >= 4 and not self._stop(word):
                    org_terms[("omschrijving", word)].setdefault(i, DESCRIPTION_WEIGHT)

        for theme in directory.themes:
            members = theme_members.get(theme.id, {})
            self.postings[("thema", theme.id)] = _arrays(members)
            for phrase in (theme.naam, *theme.woorden):  # a name is a phrase: "zorgen" alone is not enough
                self._add_entry(("thema", theme.id), phrase)
        self.term_theme: dict[tuple[str, str], str] = {}
        for key, members in org_terms.items():
            if not key[1]:
                continue
            if key[0] != "omschrijving":
                # A keyword or name also says what the need is about: the main theme of who has it.
                main = Counter(self.organisations[i].main_theme for i in members).most_common(1)[0][0]
                if main:
                    self.term_theme[key] = main
            # Rarer words say more: scale by inverse document frequency, 1.0 for a word only one has.
            idf = math.log1p(self.size / len(members)) / math.log1p(self.size) if self.size > 1 else 1.0
            self.postings[key] = _arrays({i: w * idf for i, w in members.items()})
            self._add_entry(key, key[1])

    def _build_filter_arrays(self) -> None:
        orgs = self.organisations
        self.lat = np.array([o.lat if o.lat is not None else np.nan for o in orgs], dtype=float)
        self.lon = np.array([o.lon if o.lon is not None else np.nan for o in orgs], dtype=float)
        self.citywide = np.array([o.lat is None or o.locatie_nauwkeurigheid == "stad" for o in orgs], dtype=bool)
        self.income_limit = np.array(
            [o.inkomensgrens if o.inkomensgrens is not None else np.inf for o in orgs], dtype=float
        )
        self.reachable = np.array([bool(o.telefoon or o.email or o.website) for o in orgs], dtype=bool)
        self.weight = np.array(
            [(2 * o.domein.weight + (o.ook_domein.weight if o.ook_domein else o.domein.weight)) / 3 for o in orgs]
        )
        self.for_everyone = np.array([not o.doelgroepen or "iedereen" in o.doelgroepen for o in orgs], dtype=bool)
        self.groups: dict[str, np.ndarray] = {}
        members: dict[str, list[int]] = defaultdict(list)
        for i, org in enumerate(orgs):
            for group in org.doelgroepen:
                members[group].append(i)
        for group, indices in members.items():
            self.groups[group] = np.array(indices, dtype=np.int64)
        self.wijk_of = np.array([o.wijk.casefold() for o in orgs], dtype=object)

    # --- recognising words ---------------------------------------------------------------

    def recognise(self, typed: Sequence[str]) -> list[_Hit]:
        """Every vocabulary entry the typed words make complete, with the quality of the match."""
        found: dict[str, tuple[float, set[int], str]] = {}

        def note(word: str, quality: float, positions: Iterable[int], shown: str) -> None:
            old = found.get(word)
            if old is None or quality > old[0]:
                found[word] = (quality, set(positions), shown)
            elif quality == old[0]:
                old[1].update(positions)

        for pos, word in enumerate(typed):
            for vocab_word, quality in self._lookup(word):
                note(vocab_word, quality, [pos], word)
        for pos in range(len(typed) - 1):  # "leer geld" -> leergeld, "huur achterstand" -> huurachterstand
            joined = typed[pos] + typed[pos + 1]
            if joined in self.vocabulary:
                note(joined, JOINED, [pos, pos + 1], f"{typed[pos]} {typed[pos + 1]}")

        candidates = {i for word in found for i in self.word_entries[word]}
        hits = []
        for index in candidates:
            entry = self.entries[index]
            if all(w in found for w in entry.words):
                quality = min(found[w][0] for w in entry.words)
                positions = frozenset(p for w in entry.words for p in found[w][1])
                shown = " ".join(dict.fromkeys(found[w][2] for w in entry.words))
                if all(stem(w) in WHO_WORDS for w in entry.words):
                    quality *= WHO_FACTOR
                hits.append(_Hit(entry, quality * _phrase_bonus(entry), positions, shown))
        return hits

    def _lookup(self, word: str) -> list[tuple[str, float]]:
        if word in self.vocabulary:
            return [(word, EXACT)]
        if len(word) >= MIN_STEM_LENGTH:
            word_stem = stem(word)
            if len(word_stem) >= MIN_STEM_LENGTH and word_stem in self.stems:
                return [(w, STEM) for w in self.stems[word_stem]]
        compound = self._split_compound(word)
        if compound:
            return compound
        return self._fuzzy(word)

    def _split_compound(self, word: str) -> list[tuple[str, float]]:
        """Dutch glues words together: winterjas -> jas, kinderfiets -> kinder(en) + fiets."""
        if len(word) < 2 * MIN_COMPOUND_PART + 1:
            return []
        for cut in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_PART + 1):
            head = word[cut:]
            if head in self.vocabulary and len(head) >= MIN_COMPOUND_PART:
                result = [(head, COMPOUND_HEAD)]
                modifier = word[:cut]
                for candidate in (modifier, modifier.removesuffix("s"), modifier.removesuffix("en")):
                    if candidate in self.vocabulary and len(candidate) >= MIN_COMPOUND_PART:
                        result.append((candidate, COMPOUND_MODIFIER))
                        break
                    if len(candidate) >= MIN_STEM_LENGTH and stem(candidate) in self.stems:
                        result += [(w, COMPOUND_MODIFIER) for w in self.stems[stem(candidate)]]
                        break
                return result
        return []

    def _fuzzy(self, word: str) -> list[tuple[str, float]]:
        """Typos: a few letters off, never the first one; short words must be exact ('geld' is not 'geweld')."""
        if len(word) < 5:
            return []
        max_distance = 1 if len(word) <= 7 else 2
        candidates = [
            w
            for length in range(len(word) - max_distance, len(word) + max_distance + 1)
            for w in self.buckets.get((word[0], length), ())
        ]
        if not candidates:
            return []
        matches = process.extract(word, candidates, scorer=OSA.distance, score_cutoff=max_distance, limit=3)
        if not matches:
            return []
        best = min(m[1] for m in matches)
        return [(m[0], 0.9 - 0.1 * m[1]) for m in matches if m[1] == best]

    # --- scoring --------------------------------------------------------------------------

    def score(self, hits: Sequence[_Hit]) -> np.ndarray:
        """Per typed word, the best evidence of each kind (theme, keyword or name, description); summed."""
        total = np.zeros(self.size)
        by_position: dict[int, dict[str, list[_Hit]]] = defaultdict(lambda: defaultdict(list))
        for hit in hits:
            kind = hit.entry.key[0]
            for pos in hit.positions:
                by_position[pos][kind if kind in ("thema", "omschrijving") else "org"].append(hit)
        for kinds in by_position.values():
            for kind_hits in kinds.values():
                best = np.zeros(self.size)
                for hit in kind_hits:
                    indices, weights = self.postings[hit.entry.key]
                    np.maximum.at(best, indices, weights * hit.quality)
                total += best
        return total

    def allowed(self, filters: Filters) -> tuple[np.ndarray, np.ndarray | None]:
        mask = np.ones(self.size, dtype=bool)
        distances = None
        if filters.inkomen is not None:
            mask &= self.income_limit >= filters.inkomen
        if filters.doelgroep:
            group = np.zeros(self.size, dtype=bool)
            indices = self.groups.get(filters.doelgroep.strip().lower())
            if indices is not None:
                group[indices] = True
            mask &= group | self.for_everyone
        if filters.wijk:
            mask &= (self.wijk_of == filters.wijk.strip().casefold()) | (self.wijk_of == "")
        if filters.near is not None:
            distances = haversine_km(filters.near[0], filters.near[1], self.lat, self.lon)
            if filters.max_km is not None:
                mask &= (distances <= filters.max_km) | self.citywide
        return mask, distances

    def kind(self, org_index: int) -> tuple:
        org = self.organisations[org_index]
        return (frozenset(org.themas), org.domein)

    def reasons(self, org_index: int, hits: Sequence[_Hit]) -> tuple[str, ...]:
        reasons: dict[str, None] = {}
        for hit in sorted(hits, key=lambda h: -h.quality):
            indices, _ = self.postings[hit.entry.key]
            if not _contains(indices, org_index):
                continue
            kind, value = hit.entry.key
            typed = hit.typed if fold(hit.typed) == " ".join(hit.entry.words) else f"{hit.typed} ≈ {hit.entry.label}"
            if kind == "thema":
                reasons[f"'{typed}' → {self.theme_names.get(value, value)}"] = None
            elif kind == "naam":
                reasons[f"'{typed}' in de naam"] = None
            elif kind == "trefwoord":
                reasons[f"'{typed}' (trefwoord)"] = None
            else:
                reasons[f"'{typed}' in de omschrijving"] = None
        return tuple(reasons)


def _phrase_bonus(entry: Entry) -> float:
    # A matched phrase ("post niet openen") is more telling than any one of its words.
    return 1.0 + 0.1 * (len(entry.words) - 1)


def _arrays(members: dict[int, float]) -> tuple[np.ndarray, np.ndarray]:
    indices = np.fromiter(sorted(members), dtype=np.int64, count=len(members))
    weights = np.fromiter((members[i] for i in indices), dtype=float, count=len(members))
    return indices, weights


def _contains(sorted_indices: np.ndarray, value: int) -> bool:
    position = np.searchsorted(sorted_indices, value)
    return bool(position < len(sorted_indices) and sorted_indices[position] == value)


def haversine_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    lat1, lon1 = math.radians(lat), math.radians(lon)
    lat2, lon2 = np.radians(lats), np.radians(lons)
    a = np.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


_index_lock = threading.Lock()


def get_index(directory: Directory) -> MatchIndex:
    """The directory's index, built on first use and kept with the (immutable) directory."""
    index = directory.cache.get("match_index")
    if index is None:
        with _index_lock:
            index = directory.cache.get("match_index")
            if index is None:
                index = MatchIndex(directory)
                directory.cache["match_index"] = index
    return index


# --- the public API ---------------------------------------------------------------------


def split_needs(text: str) -> list[str]:
    """The parts of a sentence that may each be a need of their own."""
    return [part.strip() for part in NEED_SEPARATORS.split(text or "") if part and part.strip()]


def analyse(need: str, directory: Directory, limit: int = 5, filters: Filters | None = None) -> Analysis:
    """Recognise the needs in `need` and rank organisations per need and overall."""
    index = get_index(directory)
    filters = filters or Filters()
    if index.size == 0:
        return Analysis((), ())
    mask, distances = index.allowed(filters)
    segments = []
    for part in split_needs(need):
        typed = [w for w in fold(part).split() if not index._stop(w)]
        hits = index.recognise(typed)
        if hits:
            segments.append((part, hits))
    groups = _group_segments(index, segments)
    needs = []
    for texts, hits, themes in groups:
        label = " en ".join(index.theme_names.get(t, t) for t in themes[:2]) or "Gevonden op naam of trefwoord"
        suggestions = _rank(index, hits, mask, distances, limit, label)
        if suggestions:
            needs.append(Need(label, ", ".join(texts), tuple(themes), tuple(suggestions)))
    needs.sort(key=lambda n: -n.suggestions[0].score)
    return Analysis(tuple(needs), tuple(_interleave(needs, limit)))


def suggest(need: str, directory: Directory, limit: int = 5, **filters) -> list[Suggestion]:
    """The organisations that fit `need` best, lighter help first among equals; [] when nothing fits.

    filters: doelgroep, wijk, near=(lat, lon), max_km, inkomen (% of the sociaal minimum).
    """
    return list(analyse(need, directory, limit=limit, filters=Filters(**filters)).suggestions)


def _group_segments(index: MatchIndex, segments):
    """Parts of a sentence about the same theme are one need: 'zware schulden, wil schuldsanering'."""
    groups: list[tuple[list[str], list[_Hit], list[str]]] = []
    for text, hits in segments:
        themes = _theme_profile(index, hits)
        main = themes[0] if themes else None
        for group in groups:
            if main is not None and group[2] and group[2][0] == main:
                group[0].append(text)
                group[1].extend(_shift(hits, len(group[1]) * 100))
                break
        else:
            groups.append(([text], list(hits), themes))
    return groups


def _shift(hits: Sequence[_Hit], offset: int) -> list[_Hit]:
    # Word positions of a later part must not collide with those of an earlier one.
    return [_Hit(h.entry, h.quality, frozenset(p + offset + 1000 for p in h.positions), h.typed) for h in hits]


def _theme_profile(index: MatchIndex, hits: Sequence[_Hit]) -> list[str]:
    """The themes a part of a sentence is about, strongest first."""
    strength: dict[str, float] = defaultdict(float)
    for hit in hits:
        theme = hit.entry.key[1] if hit.entry.key[0] == "thema" else index.term_theme.get(hit.entry.key)
        if theme:
            strength[theme] = max(strength[theme], hit.quality) + 0.01 * len(hit.positions)
    return sorted(strength, key=lambda t: -strength[t])


def _rank(index, hits, mask, distances, limit, label) -> list[Suggestion]:
    scores = index.score(hits)
    scores = np.where(mask, scores, 0.0)
    best = float(scores.max()) if scores.size else 0.0
    if best < MIN_SCORE:
        return []
    eligible = np.flatnonzero(scores >= max(MIN_SCORE, RELATIVE_CUTOFF * best))
    ranked = scores[eligible] - LIGHTNESS_PENALTY * index.weight[eligible] + REACHABLE_BONUS * index.reachable[eligible]
    order = eligible[np.lexsort((eligible, -ranked))][: max(limit, 1) * 4]
    adjusted = dict(zip(order.tolist(), ranked[np.searchsorted(eligible, order)].tolist(), strict=True))
    result = []
    for i in _diversify(index, adjusted, limit):
        distance = None if distances is None or np.isnan(distances[i]) else round(float(distances[i]), 2)
        result.append(
            Suggestion(
                organisation=index.organisations[i],
                score=round(float(scores[i]), 3),
                reasons=index.reasons(int(i), hits),
                need=label,
                distance_km=distance,
            )
        )
    return result


def _diversify(index: MatchIndex, adjusted: dict[int, float], limit: int) -> list[int]:
    """Greedy: take the best, then lower the others of the same kind, and repeat."""
    picked: list[int] = []
    kinds_seen: dict[tuple, int] = defaultdict(int)
    remaining = dict(adjusted)
    while remaining and len(picked) < limit:
        best = max(remaining, key=lambda i: (remaining[i] * SAME_KIND_FACTOR ** kinds_seen[index.kind(i)], -i))
        picked.append(best)
        kinds_seen[index.kind(best)] += 1
        del remaining[best]
    return picked


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
    "analyse",
    "general_entry_points",
    "get_index",
    "nearest",
    "select",
    "split_needs",
    "suggest",
]


def select(
    directory: Directory,
    *,
    doelgroep: str | None = None,
    wijk: str | None = None,
    thema: str | None = None,
    domein: str | None = None,
) -> list[Organisation]:
    """Active organisations that fit the choices, with the same rules as suggest(): organisations for
    everyone and for the whole city always fit; a domain matches the main group or the second one."""
    index = get_index(directory)
    mask, _ = index.allowed(Filters(doelgroep=doelgroep, wijk=wijk))
    chosen = [org for org, allowed in zip(index.organisations, mask, strict=True) if allowed]
    if thema:
        chosen = [org for org in chosen if thema in org.themas]
    if domein:
        chosen = [org for org in chosen if domein in (d.value for d in org.domains)]
    return chosen


def nearest(
    organisations: Sequence[Organisation], lat: float, lon: float, limit: int = 5
) -> list[tuple[Organisation, float]]:
    """The organisations with a real address closest to a point, with the distance in km.
    A wijk or city centre point would mislead, so those are left out."""
    exact = [o for o in organisations if o.has_location and not o.location_is_approximate]
    if not exact:
        return []
    km = haversine_km(lat, lon, np.array([o.lat for o in exact]), np.array([o.lon for o in exact]))
    return [(exact[i], float(km[i])) for i in np.argsort(km, kind="stable")[:limit]]


def general_entry_points(directory: Directory, limit: int = 3) -> list[Organisation]:
    """Where to start when nothing fits: light, reachable help with money worries, and the wijkteam."""
    active = directory.active
    money = [
        o
        for o in active
        if o.domein is not Domain.CURATIEF and o.main_theme == "geldzorgen-schulden" and (o.website or o.telefoon)
    ]
    wijkteams = [o for o in active if "wijkteam" in fold(o.naam)]
    money.sort(key=lambda o: (o.domein.weight, o.naam))
    wijkteams.sort(key=lambda o: (o.wijk != "", o.naam))  # the city-wide wijkteam first
    return list(dict.fromkeys(money[:1] + wijkteams[:1] + money[1:]))[:limit]
