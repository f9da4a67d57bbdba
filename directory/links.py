"""Links built from organisation data: only http(s), tel: and mailto:, always well-formed."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

_PHONE_KEEP = re.compile(r"[^0-9+]")
_BRACKETS = str.maketrans({"(": "%28", ")": "%29", "[": "%5B", "]": "%5D"})


def website_url(value: str) -> str | None:
    """An http(s) URL for a website cell, or None. A bare domain gets https://; other schemes never pass."""
    value = (value or "").strip()
    if not value or any(c.isspace() for c in value) or any(c in value for c in "<>\"'`\\"):
        return None
    if "://" not in value:
        if ":" in value.split("/")[0]:
            return None  # javascript:…, data:…, mailto:… without slashes
        value = "https://" + value
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or "." not in parts.netloc:
        return None
    # Brackets are legal in a URL but end a markdown link early; encoded, they mean the same to a server.
    return value.translate(_BRACKETS)


def tel_url(phone: str) -> str | None:
    digits = _PHONE_KEEP.sub("", phone or "")
    return f"tel:{digits}" if sum(c.isdigit() for c in digits) >= 5 else None


def mailto_url(email: str = "", subject: str = "", body: str = "") -> str | None:
    """A mailto: link. The address is checked; subject and body are percent-encoded in full."""
    email = (email or "").strip()
    if email and not re.fullmatch(r"[^@\s<>\"'`;,()\\]+@[^@\s<>\"'`;,()\\]+\.[A-Za-z]{2,}", email):
        return None
    query = "&".join(f"{k}={quote(v, safe='')}" for k, v in (("subject", subject), ("body", body)) if v)
    return f"mailto:{quote(email, safe='@')}" + (f"?{query}" if query else "")


def display_website(value: str) -> str:
    """The website as people read it: without scheme and trailing slash."""
    url = website_url(value) or ""
    return re.sub(r"^https?://", "", url).rstrip("/")
