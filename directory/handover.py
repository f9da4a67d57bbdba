"""Warm handover texts: one for the receiving organisation, one for the client.

Pure functions of their arguments. They are built in the user's session, shown, and then copied,
downloaded, mailed or printed by the user; nothing here writes, logs or caches anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from directory.links import display_website
from directory.model import Organisation

CONSENTS: tuple[tuple[str, str], ...] = (
    ("delen", "Cliënt heeft toestemming gegeven om deze gegevens met de organisatie te delen."),
    ("contact", "Cliënt heeft toestemming gegeven dat de organisatie contact met hem of haar opneemt."),
    ("terugkoppeling", "Cliënt heeft toestemming gegeven dat de organisatie laat weten of het contact gelukt is."),
)

# What almost every intake asks for (voedselbank, schuldhulp, fondsen). Said once, in B1.
WHAT_TO_BRING = (
    "je identiteitsbewijs (ID-kaart, paspoort of verblijfsdocument)",
    "je bankpas en een recent afschrift van je bankrekening",
    "brieven en rekeningen waar het over gaat",
    "een bewijs van je inkomen, zoals een loonstrook of uitkeringsbrief",
)


@dataclass(frozen=True)
class Referrer:
    """Who hands over: the volunteer's organisation and how to reach them (not the client)."""

    organisation: str = ""
    name: str = ""
    contact: str = ""


def referral_text(
    organisations: Sequence[Organisation],
    need: str,
    tried: str = "",
    referrer: Referrer = Referrer(),
    consents: Sequence[str] = (),
) -> str:
    """A short, plain-text message for the receiving organisation(s)."""
    names = ", ".join(o.naam for o in organisations) or "uw organisatie"
    lines = [f"Aan: {names}", "", "Onderwerp: warme overdracht van een hulpvraag", ""]
    lines += ["Goedendag,", "", "Ik verwijs iemand naar u door met de volgende hulpvraag:"]
    lines += [_indent(need.strip() or "(nog niet ingevuld)"), ""]
    lines += ["Wat al geprobeerd is:", _indent(tried.strip() or "(niets ingevuld)"), ""]
    lines += ["Toestemming van de cliënt:"]
    given = set(consents)
    lines += [f"[{'x' if key in given else ' '}] {text}" for key, text in CONSENTS]
    lines += ["", "Doorverwezen door:"]
    who = [v for v in (referrer.name, referrer.organisation) if v.strip()]
    lines.append(_indent(", ".join(who) or "(naam en organisatie niet ingevuld)"))
    if referrer.contact.strip():
        lines.append(_indent(f"Bereikbaar via: {referrer.contact.strip()}"))
    lines += ["", "Met vriendelijke groet,", referrer.name.strip() or ""]
    return "\n".join(lines).rstrip() + "\n"


def client_note(organisations: Sequence[Organisation]) -> str:
    """A note for the client in B1 Dutch: where to go, how to get in touch, what to bring, when."""
    lines = ["Hier kun je terecht", "===================", ""]
    for org in organisations:
        lines += [org.naam, "-" * len(org.naam)]
        lines.append(f"Wat doen ze? {_first_sentence(org.omschrijving)}")
        lines.append(f"Hoe kom je er? {org.aanmelden.strip()}")
        contact = _contact_lines(org)
        if contact:
            lines.append("Contact:")
            lines += [f"  {c}" for c in contact]
        lines.append(f"Wanneer? {org.openingstijden.strip() or 'Bel of mail eerst voor een afspraak.'}")
        if org.voorwaarden.strip():
            lines.append(f"Let op: {org.voorwaarden.strip()}")
        lines.append("")
    lines += ["Neem mee:"] + [f"  - {item}" for item in WHAT_TO_BRING]
    lines += ["", "Lukt het niet? Vraag degene die je hielp om samen te bellen."]
    return "\n".join(lines) + "\n"


def mail_subject(organisations: Sequence[Organisation]) -> str:
    return "Warme overdracht: " + ", ".join(o.naam for o in organisations) if organisations else "Warme overdracht"


def _contact_lines(org: Organisation) -> list[str]:
    lines = []
    if org.telefoon:
        lines.append(f"Bel: {org.telefoon}")
    if org.email:
        lines.append(f"Mail: {org.email}")
    if display_website(org.website):
        lines.append(f"Website: {display_website(org.website)}")
    address = ", ".join(v for v in (org.adres, f"{org.postcode} {org.plaats}".strip()) if v)
    if org.adres:
        lines.append(f"Adres: {address}")
    return lines


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    end = text.find(". ")
    return text if end == -1 else text[: end + 1]


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" for line in text.splitlines())
