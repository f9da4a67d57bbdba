"""What someone types, made fit to use: Vangnet looks at a limited number of characters, and says so.

A text box with a character limit in the browser silently drops a paste that is too long (the box stays
empty). So the boxes take any length, and the page uses at most the limit here. Nothing is kept: these are
plain functions over the text of one run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from directory.model import dutch_number

NEED_LIMIT = 1000  # the need on Hulpvraag, and the search on Kaart
NAME_LIMIT = 100  # a search on an organisation's name
POSTCODE_LIMIT = 20  # longer is no postcode; enough for '3811 AB' with spaces around it

_LAST_WORD = re.compile(r"\s+\S*$")


@dataclass(frozen=True)
class Typed:
    text: str  # what Vangnet uses
    cut: bool  # the typed text was longer: only its start is used


def at_most(text: str, limit: int) -> Typed:
    """The first `limit` characters of `text` at most. A word cut in half is left out, as a half word can
    match the wrong thing ('huur' of 'huurachterstand'), unless it is the only word."""
    text = str(text)
    if len(text) <= limit:
        return Typed(text, False)
    head = text[: max(limit, 0)]
    if head and not text[len(head)].isspace():
        last_word = _LAST_WORD.search(head)
        if last_word and last_word.start() > 0:
            head = head[: last_word.start()]
    return Typed(head.rstrip(), True)


def squeezed(text: str, limit: int) -> str:
    """A short code as typed (a postcode): spaces around it gone, spaces inside it one, then at most `limit`
    characters, cut anywhere. A longer text is no code, and the cut keeps it that way: squeezed, a text of
    `limit` characters has no room for the spaces that could make a valid code of its start."""
    return " ".join(str(text).split())[: max(limit, 0)]


def too_long_message(limit: int) -> str:
    """What a page says when it uses only the start of a text."""
    return f"Je tekst is lang. Vangnet kijkt naar de eerste {dutch_number(limit)} tekens."
