"""Making data safe to show: Streamlit renders markdown, so data is escaped before it is shown."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

# Times on screen are Dutch time (the history, the login wait), whatever the server's own zone is.
LOCAL_TIME = ZoneInfo("Europe/Amsterdam")

# Every ASCII punctuation character may be backslash-escaped in CommonMark; these are the ones
# that start markup in Streamlit (links, images, HTML, emphasis, colour directives, LaTeX).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'])")


def md(text: object) -> str:
    """`text` as literal markdown: shown as typed, never as a link, image, HTML or formula."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", "  \n")
