"""Plain words for what the matcher found: one short B1 line instead of a list of technical reasons.

The matcher gives reasons as 'past bij: <words> (<where>)', where <where> is a theme name or a field
("trefwoord", "in de naam"). A volunteer needs the words, once each: "past bij: winterjas en kind".
The theme is already the need's title, and "trefwoord" is the list's jargon.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from directory.text import canon, fold

_REASON = re.compile(r"^past bij: (?P<words>.+?)(?: \([^()]*\))?$")
# A theme found through an organisation's own word: "past bij: Administratie, post en formulieren (brief als
# trefwoord)". The theme is the need's title already; the word is what the volunteer needs to see.
_THROUGH_WORD = re.compile(r"^past bij: .+ \((?P<words>[^()]+?) (?:in de naam|als trefwoord|in de beschrijving)\)$")


def plain_reasons(reasons: Sequence[str], typed: str = "") -> str:
    """'past bij: winterjas en kind' from the matcher's reasons; a reason in another form is kept as it is.

    Each word once, by its forms: "brieven" and "brief" are one word, and "huur betalen" and "huur" say nothing
    that "huur niet betalen" does not. With `typed` (the volunteer's own text, used here and forgotten), a single
    word is shown as it was typed: the volunteer wrote "betalen", so the line does not say "betaald" because an
    organisation's text does."""
    as_typed = {canon(w): w for w in fold(typed).split()} if typed else {}
    found: list[tuple[frozenset[str], str]] = []  # (the words by their forms, as shown), in the matcher's order
    other: list[str] = []
    for reason in reasons:
        reason = reason.strip()
        match = _THROUGH_WORD.match(reason) or _REASON.match(reason)
        if not match:
            if reason and reason not in other:
                other.append(reason)
            continue
        value = match.group("words")
        key = frozenset(canon(w) for w in fold(value).split()) or frozenset({value})
        found.append((key, as_typed.get(next(iter(key)), value) if len(key) == 1 else value))
    # A phrase whose words another phrase holds too says nothing new; of two equal ones, the first stays.
    words: list[str] = []
    for i, (key, shown) in enumerate(found):
        covered = any(key < other_key or (key == other_key and j < i) for j, (other_key, _) in enumerate(found))
        if not covered and shown not in words:
            words.append(shown)
    parts = [f"past bij: {and_list(words)}"] if words else []
    return "; ".join(parts + other)


def and_list(items: Sequence[str], word: str = "en") -> str:
    """'a', 'a en b', 'a, b en c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def or_list(items: Sequence[str]) -> str:
    """'a', 'a of b', 'a, b of c'."""
    return and_list(items, "of")
