"""Warm handover texts: one for the receiving organisation, one for the client.

Pure functions of their arguments. They are built in the user's session, shown, and then copied,
downloaded, mailed or printed by the user; nothing here writes, logs or caches anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from directory.links import display_website
from directory.model import Organisation
from directory.wording import and_list

# What the client may agree to: (key, the box the volunteer ticks, the sentence in the message).
CONSENTS: tuple[tuple[str, str, str], ...] = (
    ("delen", "Deze gegevens delen met de organisatie", "deze gegevens met u gedeeld worden"),
    ("contact", "De organisatie mag contact opnemen met de cliënt", "u contact met hem of haar opneemt"),
    (
        "terugkoppeling",
        "De organisatie mag laten weten of het contact gelukt is",
        "u aan mij laat weten of het contact gelukt is",
    ),
)
# One line before copying: the message only says what the client agreed to, so ask first.
CONSENT_REMINDER = "Vraag de cliënt eerst hardop of dit gedeeld mag worden, en vink alleen aan wat mag."
NO_WAY_TO_REACH = "Vraag je vrijwilliger hoe je ze bereikt."

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


@dataclass(frozen=True)
class SchemeLine:
    """A scheme (regeling) to look into together: its name, how to apply, and who helps apply."""

    naam: str
    aanvragen: str = ""
    helpers: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        lines = [f"- {self.naam}"]
        if self.aanvragen.strip():
            lines.append(_indent(f"Aanvragen: {_first_sentence(self.aanvragen)}"))
        if self.helpers:
            lines.append(_indent(f"Hulp bij aanvragen: {', '.join(self.helpers)}"))
        return lines


def referral_text(
    organisations: Sequence[Organisation],
    need: str,
    tried: str = "",
    referrer: Referrer = Referrer(),
    consents: Sequence[str] = (),
    schemes: Sequence[SchemeLine] = (),
) -> str:
    """A short, plain-text message for the receiving organisation(s), finished as it stands.

    What was not filled in is left out, never shown as a placeholder; consent lists only what the
    client agreed to, so an unticked box never reads as a statement."""
    names = ", ".join(o.naam for o in organisations) or "uw organisatie"
    lines = [f"Aan: {names}", "", "Onderwerp: warme overdracht van een hulpvraag", ""]
    lines += ["Goedendag,", ""]
    if need.strip():
        lines += ["Ik verwijs iemand naar u door met de volgende hulpvraag:", _indent(need.strip()), ""]
    else:
        lines += ["Ik verwijs iemand naar u door.", ""]
    if tried.strip():
        lines += ["Wat al geprobeerd is:", _indent(tried.strip()), ""]
    if schemes:
        lines.append("Regelingen die mogelijk gelden (alleen de uitvoerder beslist):")
        lines += [line for scheme in schemes for line in scheme.lines()] + [""]
    agreed = set(consents)
    given = [sentence for key, _, sentence in CONSENTS if key in agreed]
    if given:
        lines += ["De cliënt geeft toestemming dat " + and_list(given) + ".", ""]
    who = ", ".join(v.strip() for v in (referrer.name, referrer.organisation) if v.strip())
    if who or referrer.contact.strip():
        lines.append("Doorverwezen door:")
        if who:
            lines.append(_indent(who))
        if referrer.contact.strip():
            lines.append(_indent(f"Bereikbaar via: {referrer.contact.strip()}"))
        lines.append("")
    lines += ["Met vriendelijke groet,", referrer.name.strip()]
    return "\n".join(lines).rstrip() + "\n"


def client_note(organisations: Sequence[Organisation], schemes: Sequence[SchemeLine] = ()) -> str:
    """A note for the client in B1 Dutch: where to go, how to get in touch, what to bring, when; and the
    schemes to ask about, with who helps apply."""
    lines = ["Hier kun je terecht", "===================", ""]
    for org in organisations:
        lines += [org.naam, "-" * len(org.naam)]
        lines.append(f"Wat doen ze? {_first_sentence(org.omschrijving)}")
        lines.append(f"Hoe kom je er? {org.aanmelden.strip()}")
        contact = _contact_lines(org)
        if contact:
            lines.append("Contact:")
            lines += [f"  {c}" for c in contact]
        lines.append(f"Wanneer? {org.openingstijden.strip() or when_to_go(org)}")
        if org.voorwaarden.strip():
            lines.append(f"Let op: {org.voorwaarden.strip()}")
        lines.append("")
    if schemes:
        lines += ["Regelingen om naar te vragen", "-" * 28]
        lines += [line for scheme in schemes for line in scheme.lines()]
        lines += ["Of je er recht op hebt, beslist de uitvoerder van de regeling.", ""]
    lines += ["Neem mee:"] + [f"  - {item}" for item in WHAT_TO_BRING]
    lines += ["", "Lukt het niet? Vraag degene die je hielp om samen te bellen."]
    return "\n".join(lines) + "\n"


def when_to_go(org: Organisation) -> str:
    """Without opening hours: how to find out, using only the ways the list has for this organisation."""
    ways = [way for way, present in (("bel", org.telefoon), ("mail", org.email)) if present.strip()]
    if ways:
        return f"{' of '.join(ways).capitalize()} eerst voor een afspraak."
    if display_website(org.website):
        return "Kijk op de website wanneer je kunt komen."
    if org.adres.strip():
        return "Ga langs op het adres hierboven en vraag wanneer je kunt komen."
    return NO_WAY_TO_REACH


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
