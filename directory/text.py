"""Dutch text for matching: folding, stop words, general words, and one key for the forms of a word."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

from directory.dutch import lemmatize

_NON_WORD = re.compile(r"[^a-z0-9]+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# zzp'er -> zzper, baby's -> babys, z'n -> zn; but "zo'n" is "zo een", not the sun ("zon"). The pattern starts
# with the apostrophe so that re scans fast: an alternative starting with \b made folding 100,000 texts 0.4 s slower.
_APOSTROPHE_SUFFIX = re.compile(r"['’`´](s|er|ers|tje|tjes|je|jes|n|r|t)\b")

# Function words, and words that say "I need help" without saying with what.
STOP_WORDS = frozenset(
    """
    aan al alle alles als alsjeblieft altijd andere anders ben bent bij bijna binnen daar daarom dan dat de deze die
    dit doe doen door dus een eens eigen en enkele er erg even gaat gaan gedaan geen graag had hadden heb hebben hebt
    heeft heel hem hen het hier hij hoe hoeveel hun ik in is ja je jij jou jouw juist kan kon kun kunnen kunt laat
    maar me meer met mij mijn moet moeten na naar net niet niets nog nooit nu of om omdat ons onze ook op over per
    te tegen toch toe tot u uit uw van veel voor vaak waar waarom wanneer wat we wel welk welke werd wie wij wil
    willen wilt word worden wordt zal ze zelf zich zij zijn zo zoals zonder zou zouden zulke
    hulp help helpen hulpvraag nodig vraag vragen vraagt zoek zoeken zoekt iemand persoon mensen mens weet weten
    krijg krijgen krijgt probleem problemen organisatie organisaties instantie instanties gemeentes
    mevrouw meneer client clienten cliente familie iets ergens misschien denk denken beetje echt
    doet deed deden ging gingen komt kom komen kwam zit zitten zat sta staan stond mag mogen moest kreeg
    stichting vereniging vind vindt vinden vond mee erbij daarbij was waren geworden hoor zeg zegt zei zeggen
    mn zn haar zelfs gewoon eigenlijk twee drie vier vijf zes zeven acht negen tien elf twaalf
    """.split()
)

# Words a theme phrase may leave out when typed: "geen geld voor eten" is also "geen geld eten". Its
# other function words must be typed: "op straat" is not "straat", "anderen helpen" is not "anderen".
OPTIONAL_PHRASE_WORDS = frozenset(
    """
    de het een te van voor mijn je jouw ik me mij zich er die dat om naar met aan u uw hun zijn ben bent is was
    """.split()
)

# Words that say who or where, or that are too general to name a need on their own ("Who-words and
# general words never make a need"). They still help rank when a real need word is there too. The last
# lines are the conjunctions and relative words (waardoor, waarmee) that STOP_WORDS leaves out, closed
# classes: rare in the organisations' texts, they counted as telling ("zodat" made a question about wood
# stain a need). Prepositions are not here: "buiten slapen" and "onder bewind" carry a need (measured:
# one right answer fewer on a blind set).
GENERAL_WORDS = frozenset(
    """
    oudere ouderen oud vrouw vrouwen man mannen kind kinderen kids jongen jongens meisje meisjes moeder vader
    ouders ouder zoon dochter baby gezin gezinnen buurman buurvrouw opa oma tante oom broer zus vriend vriendin
    jongere jongeren tiener tieners jong volwassene volwassenen huis thuis staat markt week weken dag dagen maand
    maanden jaar jaren tijd keer stad wijk buurt dorp straat plek ding dingen soort manier goed slecht nieuw
    nieuwe groot klein lang kort allemaal leuk fijn moeilijk lastig graag snel vandaag morgen gisteren avond
    ochtend middag weekend leven open dicht gesloten vroeg weer
    sinds via langs rond midden centrum regio geven gaf gegeven beginnen begint begon starten start
    laag lager laagste hoog hoger hoogste beste goedkoop goedkoper goedkoopste mooi mooie lekker lekkere verstandig
    maken laten
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april mei juni juli augustus
    september oktober november december lente zomer herfst winter voorjaar najaar
    doordat zodat terwijl hoewel alhoewel ofschoon tenzij zodra nadat voordat totdat zolang indien mits alsof
    aangezien opdat teneinde naargelang naarmate toen want noch echter doch daardoor bovendien immers namelijk
    zowel hetzij ofwel evenals waardoor waarmee waarop waarna waarbij waarin waaruit waarvan waarover
    elk elke ieder iedere elkaar ander anderen zichzelf mezelf mijzelf jezelf onszelf hemzelf haarzelf beide beiden
    sommige
    """.split()
)
# Exact forms that tell how someone lives, not what they need: "ze werkt wel parttime" is context
# (a working person with money worries), while "werk zoeken" is a need. "We huren bij Portaal" says how
# they live, and "een auto huren" is no housing need; "de huur" (the noun) stays a need word. Matched on
# the typed form only, so "werken" and "wonen" stay need words.
CIRCUMSTANCE_WORDS = frozenset(
    """
    werkt werkte woon woont woonde parttime fulltime deeltijd getrouwd alleenstaand alleenstaande
    gescheiden samenwonend huren huurt huurde huurden gehuurd
    """.split()
)

# The same verbs in the plural, as a finite verb beside its subject: "we wonen in de Wesselerbrink", "ze werken
# allebei parttime", "in Goor wonen ze". Without a subject beside them they stay need words: "beschermd wonen",
# "weer willen werken".
CIRCUMSTANCE_PLURALS = frozenset({"wonen", "werken", "huren"})
SUBJECT_PRONOUNS = frozenset({"we", "wij", "ze", "zij", "jullie"})


def is_circumstance(words: Sequence[str], position: int) -> bool:
    """Whether the folded word at `position` tells how someone lives rather than what they need."""
    word = words[position]
    if word in CIRCUMSTANCE_WORDS:
        return True
    beside = words[max(position - 1, 0) : position + 2]
    return word in CIRCUMSTANCE_PLURALS and not SUBJECT_PRONOUNS.isdisjoint(beside)


# The forms of the verbs that theme phrases use as small words ("rood staan", "kan niet betalen"): "ze staat
# rood" and "hij kon niet betalen" say the same. simplemma reads some forms as nouns (staat, kan).
_VERB_FORMS = {
    "staan": "sta staat staan stond stonden gestaan",
    "zitten": "zit zitten zat zaten gezeten",
    "gaan": "ga gaat gaan ging gingen gegaan",
    "komen": "kom komt komen kwam kwamen gekomen",
    "doen": "doe doet doen deed deden gedaan",
    "hebben": "heb hebt heeft hebben had hadden gehad",
    "zijn": "ben bent is zijn was waren geweest",
    "kunnen": "kan kun kunt kunnen kon konden gekund",
    "willen": "wil wilt willen wilde wilden wou gewild",
    "worden": "word wordt worden werd werden geworden",
}
VERB_OF = {form: verb for verb, forms in _VERB_FORMS.items() for form in forms.split()}

# Everyday ways of saying that something costs more than one can pay, read as the words the theme phrases
# use: "de sportschool is te duur" is "de sportschool niet betalen". Same length, so positions stay. The
# plain words only complete a phrase: "de nieuwe iphone is te duur" is no need.
_SAYINGS = {("te", "duur"): ("niet", "betalen")}


def plain_sayings(words: list[str]) -> tuple[list[str], set[int]]:
    """Folded words with everyday sayings replaced by the plain words of the theme phrases, and the
    positions replaced."""
    out = list(words)
    replaced: set[int] = set()
    for i in range(len(out) - 1):
        plain = _SAYINGS.get((out[i], out[i + 1]))
        if plain:
            out[i : i + 2] = plain
            replaced.update((i, i + 1))
    return out, replaced


def _suffix(match: re.Match) -> str:
    # A function, not the template r"\1": re parses a template again on every call (a second per 300,000 texts).
    text, start = match.string, match.start()
    if match.group(1) == "n" and text[start - 2 : start] == "zo" and (start < 3 or not text[start - 3].isalnum()):
        return ""  # zo'n -> zo
    return match.group(1)


def fold(text: str) -> str:
    """Lower case without accents or punctuation: 'Cliënt’s  Café!' -> 'client cafe'."""
    text = _APOSTROPHE_SUFFIX.sub(_suffix, str(text).lower())
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return _NON_WORD.sub(" ", text).strip()


def words(text: str) -> list[str]:
    """All folded words, stop words included."""
    return fold(text).split()


def content_words(text: str, extra_stop_words: frozenset[str] = frozenset()) -> list[str]:
    return [w for w in words(text) if w not in STOP_WORDS and w not in extra_stop_words]


def lemma(word: str) -> str:
    """The dictionary form by simplemma's Dutch tables: betaald -> betalen, kinderen -> kind."""
    if not word or word.isdigit():
        return word
    folded = fold(lemmatize(word))
    return folded if folded and " " not in folded else word


def canon(word: str) -> str:
    """One key for the forms of a word: betaald and betalen meet, kinderen and kind meet. simplemma maps
    some pairs onto each other (huur -> huren, huren -> huur); the key is then the smaller of the two.
    Only one step: following chains of lemmas leads astray (wassen -> wezen -> zijn)."""
    following = lemma(word)
    if following == word:
        return word
    return min(word, following) if lemma(following) == word else following


@functools.cache
def _general_terms() -> frozenset[str]:
    # Made on first use, not on import: it loads simplemma's Dutch tables (0.2 s), which `check` never needs.
    return frozenset(canon(w) for w in GENERAL_WORDS)


def is_general(term: str) -> bool:
    return term in GENERAL_WORDS or term in _general_terms()
