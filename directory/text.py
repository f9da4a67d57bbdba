"""Normalising Dutch text for matching: lower case, no accents, no punctuation, no stop words."""

from __future__ import annotations

import re
import unicodedata

import snowballstemmer

_NON_WORD = re.compile(r"[^a-z0-9]+")
_APOSTROPHE_SUFFIX = re.compile(r"['’`´](s|er|ers|tje|tjes|je|jes)\b")

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
    """.split()
)

_stemmer = snowballstemmer.stemmer("dutch")


def fold(text: str) -> str:
    """Lower case without accents or punctuation: 'Cliënt’s  Café!' -> 'client cafe'."""
    text = _APOSTROPHE_SUFFIX.sub(r"\1", str(text).lower())  # zzp'er -> zzper, baby's -> babys
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", stripped).strip()


def words(text: str) -> list[str]:
    """All folded words, stop words included."""
    return fold(text).split()


def content_words(text: str, extra_stop_words: frozenset[str] = frozenset()) -> list[str]:
    return [w for w in words(text) if w not in STOP_WORDS and w not in extra_stop_words]


def stem(word: str) -> str:
    """Not cached on purpose: typed words may be client data and must not outlive the request."""
    return _stemmer.stemWord(word)
