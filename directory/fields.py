"""One validator per field type, used by the Organisation model.

Each takes what a spreadsheet cell holds (text) or an already-typed value, and returns the typed
value or raises an error whose message is Dutch and tells the user what to do. pydantic collects
every field's error at once, so a row reports all its problems, not just the first.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Container
from typing import Annotated, Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from directory.vocab import DOMAIN_VALUES, LOCATION_PRECISIONS, ROLE_VALUES

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_MAX = 64
EMAIL_RE = re.compile(r"^[^@\s<>\"'`;,]+@[^@\s<>\"'`;,]+\.[a-z]{2,}$", re.IGNORECASE)
PHONE_RE = re.compile(r"^\+?[0-9 ()./-]+$")
POSTCODE_RE = re.compile(r"^[1-9][0-9]{3}(?: ?[A-Z]{2})?$")
DOMAIN_NAME_RE = re.compile(r"^[a-z0-9.-]+\.[a-z]{2,}(?:[/?#][^\s]*)?$", re.IGNORECASE)
# Invisible in a spreadsheet, trouble everywhere else: control characters other than tab, CR and
# LF (C0, DEL and C1); zero-width characters and joiners (U+200B-U+200D, U+2060), the soft hyphen,
# the combining grapheme joiner, invisible operators (U+2061-U+2064), fillers that show as nothing
# (Hangul, Khmer, Mongolian) and a byte order mark inside a field, which make equal-looking names
# differ; direction marks, embeddings, overrides and isolates (U+061C, U+200E-U+200F, U+202A-U+202E,
# U+2066-U+2069), which make text read differently from what is stored ("Trojan Source"); deprecated
# format characters (U+206A-U+206F), interlinear annotations (U+FFF9-U+FFFB), the Unicode line and
# paragraph separators, and tag characters (U+E0000-U+E007F), which can hide whole sentences.
CONTROL_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e"
    "\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb"
    "\U000e0000-\U000e007f]"
)
# The characters of CONTROL_RE that str.isprintable() lets through; it refuses all the others.
_PRINTABLE_HIDDEN = "\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0"


def has_hidden(text: str) -> bool:
    """Whether `text` holds a character of CONTROL_RE. For a long text (a whole column joined) a regular
    expression takes 10 ns a character; str.isprintable runs in C at a third of that and, when it finds
    nothing (the usual case), only a few printable ones are left to look for. Line ends and tabs are no
    hidden characters; anything else isprintable refuses (a no-break space) goes to the expression."""
    plain = text.replace("\n", " ").replace("\r", " ").replace("\t", " ")
    if plain.isprintable():
        return any(c in text for c in _PRINTABLE_HIDDEN)
    return CONTROL_RE.search(text) is not None


LIST_SEPARATOR = ";"


def quote(value: object, limit: int = 40) -> str:
    """A cell value as it appears in a message: short, on one line, in quotes."""
    text = str(value).replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎")
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"


def fail(reason: str, in_form: str | None = None) -> PydanticCustomError:
    """A check's refusal, in Dutch; `in_form` says it for a form where the reason speaks of columns
    (see Problem.in_form)."""
    # The reason goes in the context, never into the template, so braces in user data are harmless.
    context = {"reason": reason} if in_form is None else {"reason": reason, "in_form": in_form}
    return PydanticCustomError("vangnet", "{reason}", context)


def label(column: str) -> str:
    """A column's name in a form (directory.contract's label)."""
    from directory.contract import COLUMN_LABELS  # the contract is made from these checks: imported on use

    return COLUMN_LABELS[column]


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise fail(f"{quote(value)} is geen tekst")
    hidden = CONTROL_RE.search(value)
    if hidden:
        where = f" na {quote(value[: hidden.start()][-20:])}" if hidden.start() else " aan het begin"
        raise fail(
            f"bevat een onzichtbaar stuurteken (U+{ord(hidden.group()):04X}){where}; "
            "typ de tekst opnieuw of plak hem als platte tekst"
        )
    return value.strip()


def text(value: Any) -> str:
    value = _as_text(value)
    if "\n" in value or "\r" in value:
        raise fail(f"{quote(value)} staat op meer regels; zet alles op één regel")
    return value


def multiline_text(value: Any) -> str:
    return _as_text(value).replace("\r\n", "\n").replace("\r", "\n")


def new_identifier(name: str, taken: Container[str] = ()) -> str:
    """A valid id made from a name, unique among `taken`.

    'Stichting Leergeld (Amersfoort)' -> 'stichting-leergeld-amersfoort'; '-2', '-3'… when taken.
    """
    ascii_name = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode("ascii").lower()
    slug = "-".join(re.findall(r"[a-z0-9]+", ascii_name))
    if len(slug) > ID_MAX:
        slug = slug[:ID_MAX]
        slug = slug.rsplit("-", 1)[0] if "-" in slug else slug
    base = slug.strip("-") or "organisatie"
    candidate, number = base, 2
    while candidate in taken:
        suffix = f"-{number}"
        candidate = base[: ID_MAX - len(suffix)].rstrip("-") + suffix
        number += 1
    return candidate


def identifier(value: Any) -> str:
    value = text(value)
    if len(value) > ID_MAX:
        raise fail(f"{quote(value)} is te lang (meer dan {ID_MAX} tekens); kies een korter id")
    if not ID_RE.match(value):
        raise fail(
            f"{quote(value)} is geen geldig id; gebruik alleen kleine letters, cijfers en streepjes, "
            "bijvoorbeeld 'voedselbank-amersfoort'"
        )
    return value


def split_list(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        items = [text(v) for v in value]
    else:
        items = text(value).split(LIST_SEPARATOR)
    seen: dict[str, None] = {}
    for item in items:
        item = item.strip()
        if item:
            seen.setdefault(item, None)
    return list(seen)


def word_list(value: Any) -> tuple[str, ...]:
    # Distinct after lower case too: "Huur;huur" is one keyword, "Voedsel;voedsel" one theme.
    return tuple(dict.fromkeys(item.lower() for item in split_list(value)))


def is_identifier(item: str) -> bool:
    """Whether `item` is a valid id (the rule `identifier` and `identifier_list` check)."""
    return len(item) <= ID_MAX and ID_RE.match(item) is not None


def identifier_list(value: Any) -> tuple[str, ...]:
    items = split_list(value)
    bad = [item for item in items if not is_identifier(item)]
    if bad:
        raise fail(
            f"{quote(bad[0])} is geen geldig id; gebruik ids uit de kolom id, gescheiden door een puntkomma",
            in_form=f"{quote(bad[0])} is geen geldig id; typ de ids van organisaties uit de lijst, "
            "met een puntkomma (;) ertussen",
        )
    return tuple(items)


def domain(value: Any) -> str:
    value = text(value).lower()
    if value not in DOMAIN_VALUES:
        raise fail(f"{quote(value)} is geen geldige waarde; kies preventie, ondersteuning of curatief")
    return value


def optional_domain(value: Any) -> str | None:
    value = text(value)
    return domain(value) if value else None


PERCENTAGE_MIN, PERCENTAGE_MAX = 1, 1000  # of the sociaal minimum; 0 would mean: no income at all


def percentage(value: Any) -> int | None:
    """A whole number from 1 to 1000 (% of the sociaal minimum); '120%' is 120. A negative number or 0 is a
    whole number, so it is refused for its size, not its form."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        number = value
    else:
        raw = text(value).rstrip("%").strip()
        if not raw:
            return None
        digits = raw[1:] if raw[:1] in "-+−" else raw  # also the minus sign (U+2212) some editors type
        if not (digits.isascii() and digits.isdigit()):
            raise fail(
                f"{quote(value)} is geen heel getal; vul een percentage van het sociaal minimum in, bijvoorbeeld 120"
            )
        significant = digits.lstrip("0") or "0"
        # int() of thousands of digits is slow or refused; a number this long is out of range anyway.
        number = int(significant) if len(significant) <= 6 else PERCENTAGE_MAX + 1
        number = -number if raw[:1] in "-−" else number
    if number is not None and not PERCENTAGE_MIN <= number <= PERCENTAGE_MAX:
        raise fail(
            f"{quote(value)} ligt niet tussen {PERCENTAGE_MIN} en {PERCENTAGE_MAX} procent van het sociaal minimum; "
            f"vul een heel getal van {PERCENTAGE_MIN} tot en met {PERCENTAGE_MAX} in, bijvoorbeeld 120"
        )
    return number


def _coordinate(value: Any, name: str, low: float, high: float) -> float | None:
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        raw = text(value)
        if not raw:
            return None
        try:
            # Dutch Excel writes a decimal comma.
            number = float(raw.replace(",", "."))
        except ValueError:
            raise fail(
                f"{quote(value)} is geen getal; vul de {name} in als decimaal getal, bijvoorbeeld "
                f"{'52.15617' if name == 'breedtegraad' else '5.38736'}"
            ) from None
    if not (low <= number <= high) or number != number:  # NaN fails both tests
        raise fail(f"{quote(value)} ligt buiten het bereik van {low:g} tot {high:g} voor een {name}")
    return round(number, 6)


def latitude(value: Any) -> float | None:
    return _coordinate(value, "breedtegraad", -90.0, 90.0)


def longitude(value: Any) -> float | None:
    return _coordinate(value, "lengtegraad", -180.0, 180.0)


def date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    raw = text(value)
    if not raw:
        return None
    parsed = None
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):  # Dutch Excel turns ISO dates into 1-5-2024
        try:
            parsed = dt.datetime.strptime(raw, pattern).date()
            break
        except ValueError:
            continue
    if parsed is None:
        raise fail(f"{quote(value)} is geen geldige datum; schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2025-03-31")
    if parsed > dt.date.today() + dt.timedelta(days=1):
        raise fail(f"{quote(value)} ligt in de toekomst; vul de datum van de laatste controle in")
    if parsed.year < 1900:
        raise fail(f"{quote(value)} is te lang geleden; vul de datum van de laatste controle in")
    return parsed


def yes_no(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raw = text(value).lower()
    if raw in ("ja", "j"):
        return True
    if raw in ("nee", "n"):
        return False
    raise fail(f"{quote(value)} is geen geldige waarde; kies ja of nee")


def phone(value: Any) -> str:
    value = text(value)
    if value and (not PHONE_RE.match(value) or sum(c.isdigit() for c in value) < 5):
        refusal = f"{quote(value)} is geen telefoonnummer; gebruik alleen cijfers, spaties, + en -, en zet tijden"
        raise fail(f"{refusal} in de kolom openingstijden", in_form=f"{refusal} bij {label('openingstijden')}")
    return value


def email(value: Any) -> str:
    value = text(value)
    if value and not EMAIL_RE.match(value):
        raise fail(f"{quote(value)} is geen e-mailadres; schrijf het als naam@organisatie.nl")
    return value


def website(value: Any) -> str:
    value = text(value)
    if not value:
        return value
    lowered = value.lower()
    if lowered.startswith(("http://", "https://")):
        if " " in value or len(value) < 12:
            raise fail(f"{quote(value)} is geen geldig webadres")
        return value
    if ":" in lowered.split("/")[0] or not DOMAIN_NAME_RE.match(value):
        raise fail(f"{quote(value)} is geen webadres; begin met https://, bijvoorbeeld https://www.voorbeeld.nl")
    return value


def postcode(value: Any) -> str:
    original = text(value)
    value = original.upper()
    if value and not POSTCODE_RE.match(value):
        raise fail(f"{quote(original)} is geen Nederlandse postcode; schrijf hem als 1234 AB")
    if len(value) == 6:
        value = f"{value[:4]} {value[4:]}"
    return value


def precision(value: Any) -> str:
    value = text(value).lower()
    if value and value not in LOCATION_PRECISIONS:
        raise fail(f"{quote(value)} is geen geldige waarde; kies {', '.join(LOCATION_PRECISIONS[:-1])} of stad")
    return value


def role(value: Any) -> str:
    """Empty means hulp, the default; the model says so through Organisation.role."""
    value = text(value).lower()
    if value and value not in ROLE_VALUES:
        raise fail(f"{quote(value)} is geen geldige waarde; kies {', '.join(ROLE_VALUES[:-1])} of {ROLE_VALUES[-1]}")
    return value


Text = Annotated[str, BeforeValidator(text)]
MultilineText = Annotated[str, BeforeValidator(multiline_text)]
Identifier = Annotated[str, BeforeValidator(identifier)]
WordList = Annotated[tuple[str, ...], BeforeValidator(word_list)]
IdentifierList = Annotated[tuple[str, ...], BeforeValidator(identifier_list)]
Percentage = Annotated[int | None, BeforeValidator(percentage)]
Latitude = Annotated[float | None, BeforeValidator(latitude)]
Longitude = Annotated[float | None, BeforeValidator(longitude)]
Date = Annotated[dt.date | None, BeforeValidator(date)]
YesNo = Annotated[bool, BeforeValidator(yes_no)]
Phone = Annotated[str, BeforeValidator(phone)]
Email = Annotated[str, BeforeValidator(email)]
Website = Annotated[str, BeforeValidator(website)]
Postcode = Annotated[str, BeforeValidator(postcode)]
Precision = Annotated[str, BeforeValidator(precision)]
RoleValue = Annotated[str, BeforeValidator(role)]
DomainValue = BeforeValidator(domain)
OptionalDomainValue = BeforeValidator(optional_domain)
