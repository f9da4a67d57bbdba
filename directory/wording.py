"""Plain words for what the matcher found: one short B1 line instead of a list of technical reasons.

The matcher gives reasons as 'past bij: <words> (<where>)', where <where> is a theme name or a field
("trefwoord", "in de naam"). A volunteer needs the words, once each: "past bij: winterjas en kind".
The theme is already the need's title, and "trefwoord" is the list's jargon.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_REASON = re.compile(r"^past bij: (?P<words>.+?)(?: \([^()]*\))?$")


def plain_reasons(reasons: Sequence[str]) -> str:
    """'past bij: winterjas en kind' from the matcher's reasons; a reason in another form is kept as it is."""
    words: list[str] = []
    other: list[str] = []
    for reason in reasons:
        match = _REASON.match(reason.strip())
        target = words if match else other
        value = match.group("words") if match else reason.strip()
        if value and value not in target:
            target.append(value)
    parts = [f"past bij: {and_list(words)}"] if words else []
    return "; ".join(parts + other)


def and_list(items: Sequence[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]
