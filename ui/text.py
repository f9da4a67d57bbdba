"""Making data safe to show: Streamlit renders markdown, so data is escaped before it is shown."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from directory.typed import at_most, too_long_message

# Times on screen are Dutch time (the history, the login wait), whatever the server's own zone is.
LOCAL_TIME = ZoneInfo("Europe/Amsterdam")

# Every ASCII punctuation character may be backslash-escaped in CommonMark; these are the ones
# that start markup in Streamlit (links, images, HTML, emphasis, colour directives, LaTeX).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'@])")

# Streamlit's browser changes some plain text after the markdown is parsed, so a backslash does not stop it:
# ':material/home:' becomes an icon, ':smile:' an emoji, ':streamlit:' a logo, and ' -> ', ' -- ', ' >= ' (and
# the like) an arrow or a dash. Each change looks inside one run of text. So the characters that start such a
# change go in a span of their own: a colon with something after it, and every character of a run like '->'.
# The span is Streamlit's `:color[...]{}` with no colour: it looks like nothing, and what is seen and copied is
# exactly the text.
# The same stops an address from becoming a link of its own (GitHub-style autolinks, which a backslash does not
# stop either): the "@" of an e-mail address and the "." of "www.".
_OWN_SPAN = re.compile(r":(?!\s)|[<>=~-]{2,}|@|(?i:(?<=www)\.)")
_PLAIN_SPAN = ":color[{}]{{}}"


def _escaped(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _in_own_spans(characters: str) -> str:
    return "".join(_PLAIN_SPAN.format(_escaped(char)) for char in characters)


def md(text: object) -> str:
    """`text` as literal markdown: shown as typed, never as a link, image, HTML, formula, icon, emoji or
    arrow; the text a reader copies is the text itself."""
    text = str(text)
    parts = []
    start = 0
    for found in _OWN_SPAN.finditer(text):
        parts.append(_escaped(text[start : found.start()]))
        parts.append(_in_own_spans(found.group()))
        start = found.end()
    parts.append(_escaped(text[start:]))
    return "".join(parts).replace("\n", "  \n")


def limited(area, typed: str, limit: int) -> str:
    """The first `limit` characters of what was typed in a box (a box has no max_chars: the browser drops a
    longer paste without a word), with a note in `area` (the box's column, or st) when it was longer."""
    used = at_most(typed or "", limit)
    if used.cut:
        area.caption(too_long_message(limit))
    return used.text
