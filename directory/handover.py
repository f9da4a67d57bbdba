"""Warm handover texts: one for the receiving organisation, one for the client.

Pure functions of their arguments. They are built in the user's session, shown, and then copied,
downloaded, mailed or printed by the user; nothing here writes, logs or caches anything.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from directory.links import display_website, mailto_url, tel_url, website_url
from directory.matching import Need, Suggestion
from directory.model import Organisation
from directory.wording import and_list

# What the client may agree to: (key, the box the volunteer ticks, the sentence in the message).
# Without SHARE the message says nothing about the client: not the need, not what was tried, no schemes.
SHARE = "delen"
CONSENTS: tuple[tuple[str, str, str], ...] = (
    (SHARE, "Deze gegevens delen met de organisatie", "deze gegevens met u gedeeld worden"),
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
# Without consent to share: a neutral message, no details; the organisation knows whom to ask.
NO_DETAILS = "Waar het over gaat, staat niet in dit bericht."
CALL_ME = "Wilt u contact met mij opnemen? Dan vertel ik meer, als de cliënt dat goed vindt."
I_WILL_CALL = "Ik neem zelf contact met u op. Dan vertel ik meer, als de cliënt dat goed vindt."
# The same two, said to the volunteer before copying (markdown: the box's name in bold). Which one the
# message has depends only on whether the volunteer said how to reach them.
NO_SHARE_INTRO = "Zonder vinkje bij **Deze gegevens delen met de organisatie** staat de hulpvraag niet in het bericht."
NO_SHARE_CALL_ME = "Het bericht vraagt de organisatie dan om contact met jou op te nemen."
NO_SHARE_I_WILL_CALL = (
    "Het bericht zegt dan dat jij zelf contact opneemt met de organisatie. Wil je dat de organisatie jou belt of "
    "mailt? Vul dan hierboven bij **Meer vertellen** in hoe je bereikbaar bent."
)
# A need the words did not find, handed to a general entry point (they look further together with the client).
GENERAL_NEED = "Algemene ingang"
# The letter to an organisation says "u"; a scheme's own text speaks to the client ("je"). Those
# sentences stay in the client's note and are left out of the letter.
_INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jezelf)\b", re.IGNORECASE)

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
    themas: tuple[str, ...] = ()  # the scheme's themes (themas.csv): which needs it belongs to

    def lines(self, formal: bool = False) -> list[str]:
        """The scheme as lines; `formal` (the letter that says "u") leaves out a sentence that says "je"."""
        lines = [f"- {formal_name(self.naam) if formal else self.naam}"]
        how = _first_sentence(self.aanvragen)
        if how and not (formal and addresses_the_reader_informally(how)):
            lines.append(_indent(f"Aanvragen: {how}"))
        if self.helpers:
            lines.append(_indent(f"Hulp bij aanvragen: {', '.join(self.helpers)}"))
        return lines


def addresses_the_reader_informally(text: str) -> bool:
    """True when `text` says "je", "jij" or "jouw": fine for the client, wrong in a letter that says "u"."""
    return bool(_INFORMAL.search(text))


def formal_name(name: str) -> str:
    """A scheme's name without the explanation that speaks to the client: "Dierenregeling (dierenarts voor
    je huisdier)" -> "Dierenregeling", "Vrijwillige ouderbijdrage: je kind mag altijd mee" -> "Vrijwillige
    ouderbijdrage". A name that is "je" through and through stays as it is: it is still its name."""
    plain = re.sub(r"\s*\([^()]*\)", lambda m: "" if addresses_the_reader_informally(m.group()) else m.group(), name)
    head, colon, tail = plain.partition(":")
    if colon and head.strip() and addresses_the_reader_informally(tail):
        plain = head
    return plain.strip() or name


def schemes_for_need(schemes: Sequence[SchemeLine], need_themes: Collection[str]) -> list[SchemeLine]:
    """The schemes that belong to a need: those that share a theme with it, in their own order.

    An organisation hears only about the need it was chosen for, and a scheme tells about a need too:
    the Woonkostentoeslag in the Kledingbank's message would tell it about the rent. So a message
    names only the schemes of its own need(s). A scheme or a need without themes shares nothing and is
    left out (the safe side). The client's own note lists every chosen scheme."""
    wanted = set(need_themes)
    return [scheme for scheme in schemes if wanted.intersection(scheme.themas)]


def referral_text(
    organisations: Sequence[Organisation],
    need: str | Sequence[str],
    tried: str = "",
    referrer: Referrer = Referrer(),
    consents: Sequence[str] = (),
    schemes: Sequence[SchemeLine] = (),
    need_themes: Collection[str] | None = None,
) -> str:
    """A short, plain-text message for the receiving organisation, finished as it stands.

    `need` is the need, or the needs this organisation was chosen for; `need_themes` their themes: then
    only the schemes that belong to them are named (schemes_for_need); None names every scheme given.
    The needs, what was tried and the schemes are in the message only when the client agreed to share
    them (SHARE); otherwise the message is neutral and asks the organisation to get in touch with the
    one who refers.
    What was not filled in is left out, never shown as a placeholder; consent lists only what the
    client agreed to, so an unticked box never reads as a statement."""
    names = ", ".join(o.naam for o in organisations) or "uw organisatie"
    lines = [f"Aan: {names}", "", "Onderwerp: warme overdracht van een hulpvraag", ""]
    lines += ["Goedendag,", ""]
    agreed = set(consents)
    if need_themes is not None:
        schemes = schemes_for_need(schemes, need_themes)
    if SHARE in agreed:
        lines += _need_lines(need)
        if tried.strip():
            lines += ["Wat al geprobeerd is:", _indent(tried.strip()), ""]
        if schemes:
            lines.append("Regelingen die mogelijk gelden (alleen de uitvoerder beslist):")
            lines += [line for scheme in schemes for line in scheme.lines(formal=True)] + [""]
    else:
        lines += ["Ik verwijs iemand naar u door. " + NO_DETAILS, ""]
        lines += [CALL_ME if referrer.contact.strip() else I_WILL_CALL, ""]
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


def no_share_note(referrer: Referrer) -> str:
    """What the volunteer reads when the client did not agree to share: the same as the message says."""
    return f"{NO_SHARE_INTRO} {NO_SHARE_CALL_ME if referrer.contact.strip() else NO_SHARE_I_WILL_CALL}"


def how_to_send(org: Organisation) -> str | None:
    """How the volunteer gets the message to `org` without e-mail, naming only the ways the list has for
    it; None when it has an e-mail address (the message then has a mail button). Plain text: a page that
    renders markdown escapes it first."""
    if mailto_url(org.email) and org.email.strip():
        return None
    phone = org.telefoon.strip() if tel_url(org.telefoon) else ""
    site = display_website(org.website) if website_url(org.website) else ""
    no_mail = f"{org.naam} heeft geen e-mailadres in de lijst."
    if site and phone:
        return f"{no_mail} Kopieer het bericht en stuur het via de website ({site}), of bel {phone}."
    if site:
        return f"{no_mail} Kopieer het bericht en stuur het via de website ({site})."
    if phone:
        return f"{no_mail} Bel {phone} en vertel wat er in het bericht staat."
    lines = [f"{org.naam} heeft geen e-mailadres, website of telefoonnummer in de lijst."]
    if org.contact_professionals.strip():
        lines.append(f"Zo verwijs je: {org.contact_professionals.strip()}")
    elif org.aanmelden.strip():
        lines.append(f"Zo meld je aan: {org.aanmelden.strip()}")
    address = _address(org)
    if address:
        hours = f" ({org.openingstijden.strip()})" if org.openingstijden.strip() else ""
        lines.append(f"Print het bericht en geef het mee, of breng het langs: {address}{hours}.")
    else:
        lines.append("Print of download het bericht: de cliënt kan het meenemen.")
    return " ".join(lines)


def general_need(organisations: Sequence[Organisation]) -> Need:
    """When the words find nothing: the general entry points as one need the volunteer can hand over to,
    for the whole need as typed. It has no theme, so no scheme goes into their message."""
    reason = ("algemene ingang: kijkt samen met de cliënt verder",)
    suggestions = tuple(Suggestion(org, 0.0, reason, GENERAL_NEED) for org in organisations)
    return Need(GENERAL_NEED, "", (), suggestions)


def _need_lines(need: str | Sequence[str]) -> list[str]:
    """One need as it was typed; several as a short list; none as one plain sentence."""
    needs = [need.strip()] if isinstance(need, str) else [n.strip() for n in need]
    needs = list(dict.fromkeys(n for n in needs if n))
    if not needs:
        return ["Ik verwijs iemand naar u door.", ""]
    if len(needs) == 1:
        return ["Ik verwijs iemand naar u door met de volgende hulpvraag:", _indent(needs[0]), ""]
    return ["Ik verwijs iemand naar u door met de volgende hulpvragen:", *(_indent(f"- {n}") for n in needs), ""]


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
    """The subject of the e-mail: organisation names only, never anything about the client."""
    return "Warme overdracht: " + ", ".join(o.naam for o in organisations) if organisations else "Warme overdracht"


def _contact_lines(org: Organisation) -> list[str]:
    lines = []
    if org.telefoon:
        lines.append(f"Bel: {org.telefoon}")
    if org.email:
        lines.append(f"Mail: {org.email}")
    if display_website(org.website):
        lines.append(f"Website: {display_website(org.website)}")
    if org.adres.strip():
        lines.append(f"Adres: {_address(org)}")
    return lines


def _address(org: Organisation) -> str:
    """'Markt 1, 3811 AB Amersfoort'; empty without a street address."""
    if not org.adres.strip():
        return ""
    return ", ".join(v for v in (org.adres.strip(), f"{org.postcode} {org.plaats}".strip()) if v)


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    end = text.find(". ")
    return text if end == -1 else text[: end + 1]


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" for line in text.splitlines())
