"""Target groups ("doelgroepen") as people read them: the list says 'dak-en-thuislozen', a volunteer reads
"Dak- en thuislozen".

Known codes have a label of their own; any other code (another municipality's list may use words we do not
know) gets a readable label by one rule, so every list works. The code stays what the filters use: a label is
only what is shown.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from directory.text import fold

# The "any" option of every "Voor wie?" choice, and its value: no code is empty (empty list items are dropped).
ANY_GROUP = ""
ANY_GROUP_LABEL = "Alle doelgroepen"
NO_NAME = "Zonder naam"
LABEL_LIMIT = 60  # characters; a longer label is cut at a word

# The codes of the bundled list (directory.vocab.KNOWN_TARGET_GROUPS) and a few common ones.
KNOWN_LABELS = {
    "iedereen": "Iedereen",
    "gezinnen": "Gezinnen",
    "kinderen": "Kinderen",
    "jongeren": "Jongeren",
    "ouderen": "Ouderen",
    "werkenden": "Werkenden",
    "zzp": "Zzp'ers",
    "zzpers": "Zzp'ers",
    "zzp-ers": "Zzp'ers",
    "statushouders": "Statushouders",
    "asielzoekers": "Asielzoekers",
    "dak-en-thuislozen": "Dak- en thuislozen",
    "dakthuislozen": "Dak- en thuislozen",
    "huurders": "Huurders",
    "huiseigenaren": "Huiseigenaren",
    "laaggeletterden": "Laaggeletterden",
    "professionals": "Professionals",
    "vrijwilligers": "Vrijwilligers",
    "mantelzorgers": "Mantelzorgers",
    "studenten": "Studenten",
    "alleenstaande-ouders": "Alleenstaande ouders",
    "eenoudergezinnen": "Eenoudergezinnen",
    "nieuwkomers": "Nieuwkomers",
    "ondernemers": "Ondernemers",
    "uitkeringsgerechtigden": "Mensen met een uitkering",
    "mensen-met-een-beperking": "Mensen met een beperking",
}

_SEPARATORS = re.compile(r"[\s_\-‐-―−]+")  # spaces, underscores and the dashes Unicode knows
_DASHES = re.compile(r"[\-‐-―−]+")
_SPACES = re.compile(r"[\s_]+")
# 'dak-en-thuislozen' -> 'dak- en thuislozen': the Dutch way to leave out a shared part of two words.
_SHARED_PART = re.compile(r"(?<=[^\s-]) ?-+ ?(en|of) ?-+ ?(?=[^\s-])")
_DASH_TO_SPACE = re.compile(r"-+(?! (?:en|of) )")


def _visible(text: str) -> str:
    """The text without characters that are not seen (control, format such as zero-width or right-to-left
    marks, unassigned); line breaks and tabs become spaces."""
    text = unicodedata.normalize("NFC", text)
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if char.isspace():
            kept.append(" ")
        elif not category.startswith("C"):
            kept.append(char)
    return "".join(kept)


def _key(text: str) -> str:
    """The code as a lookup key: 'Dak_en thuislozen' and 'dak-en-thuislozen' are one."""
    return _SEPARATORS.sub("-", fold(text)).strip("-")


def _cut(text: str, limit: int = LABEL_LIMIT) -> str:
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    return (head[:space] if space > limit // 2 else head).rstrip(" -") + "…"


def _capital(text: str) -> str:
    if text[:2] in ("ij", "Ij"):  # Dutch: "IJsclub"
        return "IJ" + text[2:]
    return text[:1].upper() + text[1:]


def group_label(code: str) -> str:
    """The label of one target group code, for any code: a known one has its own ('zzp' -> "Zzp'ers"); any
    other is made readable: the first letter a capital, '-en-' and '-of-' as in 'Werk- of dakzoekenden', other
    dashes and underscores spaces ('mensen-met-schulden' -> 'Mensen met schulden'), invisible characters left
    out, a very long one cut. A code without a letter or digit gets NO_NAME."""
    text = _visible(str(code))
    known = KNOWN_LABELS.get(_key(text))
    if known:
        return known
    text = _DASHES.sub("-", _SPACES.sub(" ", text)).strip(" -")
    text = _SHARED_PART.sub(r"- \1 ", text)
    text = " ".join(_DASH_TO_SPACE.sub(" ", text).split()).strip(" -")
    if not any(char.isalnum() for char in text):  # only dashes, marks or signs: nothing to read
        return NO_NAME
    return _cut(_capital(text))


def group_labels(codes: Iterable[str]) -> dict[str, str]:
    """Code -> label for every code, in the order people read the labels. Labels are unique: two codes that
    read the same (or one that reads as the 'any' option) get their code behind it, so each choice is clear."""
    labels = {code: group_label(code) for code in dict.fromkeys(codes)}
    counts = Counter(labels.values())
    for code, label in labels.items():
        if counts[label] > 1 or label == ANY_GROUP_LABEL:
            shown_code = _cut(" ".join(_visible(str(code)).split()), 30) or "?"
            labels[code] = f"{label} ({shown_code})"
    seen: Counter[str] = Counter()
    for code, label in labels.items():  # still the same (codes that differ only in what is not seen): a number
        seen[label] += 1
        if seen[label] > 1:
            labels[code] = f"{label} {seen[label]}"
    return dict(sorted(labels.items(), key=lambda item: (fold(item[1]), item[1], item[0])))


def group_choices(codes: Iterable[str]) -> dict[str, str]:
    """The options of a 'Voor wie?' choice: first the 'any' option (value ANY_GROUP), then every code, each
    with its label. The value a page passes on is the code itself (or ANY_GROUP: no choice)."""
    return {ANY_GROUP: ANY_GROUP_LABEL, **group_labels(c for c in codes if c != ANY_GROUP)}
