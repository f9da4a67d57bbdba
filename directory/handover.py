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
from directory.model import Directory, Organisation
from directory.selection import general_entry_points
from directory.text import fold
from directory.vocab import Role
from directory.wording import and_list, or_list

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
# In the client's note, for an organisation the client cannot apply to on their own (client_cannot_apply).
THROUGH_SOMEONE = (
    "Je kunt je hier niet zelf aanmelden. Een hulpverlener doet dat voor je. "
    "Vraag degene die je hielp wie dat kan doen."
)
WHEN_THROUGH_SOMEONE = "Dat hoor je van de hulpverlener die je aanmeldt."
# In professional_route, for the volunteer: where to read whether they may apply themselves. The route is
# shown in the handover under the results, so the organisation's card (with Aanmelden or Voor hulpverleners)
# is above it. Never "op de kaart": the app has a page called Kaart (the map).
CHECK_WHO_MAY = "Kijk hierboven bij {naam}, onder het kopje {where}, of jij dat mag doen."
# The last line of the client's note: what to do together with the one who helped when it does not work out,
# only by a way the list has for at least one chosen organisation (never "bellen" without a phone number).
CALL_TOGETHER = "Lukt het niet? Vraag degene die je hielp om samen te bellen."
MAIL_TOGETHER = "Lukt het niet? Vraag degene die je hielp om samen een mail te sturen."
WEBSITE_TOGETHER = "Lukt het niet? Vraag degene die je hielp om samen op de website te kijken."
VISIT_TOGETHER = "Lukt het niet? Vraag degene die je hielp om samen langs te gaan."
LOOK_TOGETHER = "Lukt het niet? Vraag degene die je hielp om samen verder te kijken."
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

# How a list says that the client cannot apply themselves; read from the texts the card shows (Aanmelden,
# Voor hulpverleners), on folded text (lower case, no accents or punctuation), one sentence at a time.
# Who does it instead: a hulpverlener or another go-between.
_GO_BETWEEN = (
    r"(hulpverlen|dienstverlen|tussenperso|verwijzer|intermediair|professional|consulent|klantmanager"
    r"|maatschappelijk werk|wijkteam|sociaal team|huisarts|instantie)"
)
# "De cliënt kan zich niet zelf aanmelden", "niet zelf aanvragen", "niet door de cliënt zelf".
_NOT_YOURSELF = (
    re.compile(r"\bniet zelf (aan)?(melden|vragen)\b"),
    re.compile(r"\bniet (door|via) (de |het )?(client|clienten|inwoner|inwoners|aanvrager|persoon) zelf\b"),
)
_ONLY_THROUGH = (
    *_NOT_YOURSELF,
    # "alleen via een hulpverlener", "aanvraag alleen door een hulp- of dienstverlener", "alleen een officiële
    # hulpverlener kan"; only small words in between, and never "niet alleen" (then the client can too).
    re.compile(r"(?<!niet )\balleen\s+((via|door|een|de|het|officiele|erkende|hulp|of|en)\s+){0,5}" + _GO_BETWEEN),
)
# The way in starts with the one who refers: "Via een hulpverlener, die een verwijsbrief schrijft".
_STARTS_THROUGH = re.compile(r"^via (een |de |het )?(\w+ )?" + _GO_BETWEEN)
# A sentence that says the client can do it too: "Je kunt je zelf aanmelden", "of zelf", "zelf bellen".
_SELF_TOO = re.compile(
    r"\b(je|jij|u|client|clienten|inwoner|inwoners)\b.*\bzelf\b|\bof zelf\b"
    r"|\bzelf\b.*\b(aan(melden|vragen)|melden|bellen|langs)\b"
)
_NOT = re.compile(r"\b(niet|geen|nooit)\b")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")

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


def client_cannot_apply(org: Organisation) -> bool:
    """True when, by the list, the client cannot go to `org` on their own: a hulpverlener (or another
    go-between) has to apply or refer. Read from what the card shows: the role (voor-professionals), the
    Aanmelden text ("De cliënt kan zich niet zelf aanmelden", "Alleen via een hulpverlener", "Via een
    tussenpersoon: ...") and Voor hulpverleners ("alleen door officiële hulpverleners"). A sentence that says
    the client can do it themselves too ("Je kunt je zelf aanmelden") wins: then it is no dead end."""
    if org.role is Role.VOOR_PROFESSIONALS:
        return True
    aanmelden = _sentences(org.aanmelden)
    if any(_SELF_TOO.search(s) and not _NOT.search(s) for s in aanmelden):
        return False
    if aanmelden and _STARTS_THROUGH.search(aanmelden[0]):
        return True
    return any(p.search(s) for s in aanmelden + _sentences(org.contact_professionals) for p in _ONLY_THROUGH)


def who_can_refer(org: Organisation, directory: Directory | None) -> tuple[list[Organisation], bool]:
    """Whom to ask to apply for a client at `org`, from the list: the organisations that usually refer to it
    (their verwijst_naar names it), or else the general entry points (where anyone starts); the bool says
    which (True: they refer to it). Only active organisations that help and that a client can go to
    themselves; never `org` itself. Empty without a list."""
    if directory is None:
        return [], False

    def fits(other: Organisation) -> bool:
        return other.id != org.id and other.actief and other.role is Role.HULP and not client_cannot_apply(other)

    referrers = [o for o in directory.referred_by(org.id) if fits(o)]
    if referrers:
        return referrers[:3], True
    return [o for o in general_entry_points(directory) if fits(o)], False


def professional_route(org: Organisation, directory: Directory | None = None) -> str | None:
    """For the volunteer, when the client cannot apply at `org` themselves (client_cannot_apply): that a
    hulpverlener does it, to check whether they may do it themselves, and otherwise whom to ask, by name
    when the list has them. None when the client can go there on their own. Plain text: a page that
    renders markdown escapes it first."""
    if not client_cannot_apply(org):
        return None
    lines = [
        f"De cliënt kan zich niet zelf aanmelden bij {org.naam}. Een hulpverlener of een andere verwijzer doet dat "
        "voor de cliënt."
    ]
    where = "Aanmelden" if org.aanmelden.strip() else "Voor hulpverleners" if org.contact_professionals.strip() else ""
    if where:
        lines.append(CHECK_WHO_MAY.format(naam=org.naam, where=where))
    lines.append("Mag jij het niet? Geef het bericht dan aan een hulpverlener die de cliënt al kent.")
    others, refer_here = who_can_refer(org, directory)
    if refer_here:
        names = and_list([o.naam for o in others])
        lines.append(f"Kent de cliënt geen hulpverlener? Deze organisaties verwijzen vaak naar {org.naam}: {names}.")
    elif others:
        lines.append(f"Kent de cliënt geen hulpverlener? Vraag dan hulp bij {or_list([o.naam for o in others])}.")
    else:
        lines.append("Kent de cliënt geen hulpverlener? Vraag dan bij de gemeente wie kan helpen.")
    return " ".join(lines)


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
    hours = f" ({org.openingstijden.strip()})" if org.openingstijden.strip() else ""
    if client_cannot_apply(org):
        # The client cannot take the message there: they cannot apply themselves (professional_route).
        if address:
            lines.append(f"Print het bericht en breng het langs: {address}{hours}.")
        else:
            lines.append(
                f"Weet je niet hoe je {org.naam} bereikt? Vraag het in je eigen organisatie of aan de hulpverlener "
                "van de cliënt."
            )
    elif address:
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
    schemes to ask about, with who helps apply. Where the client cannot apply themselves (client_cannot_apply),
    it says so in the client's words and that a hulpverlener does it, instead of a route they cannot take.

    Plain text without underlines ("=====", "-----"): the note is shown, printed (large type) and mailed in a
    proportional font, where such a line never matches its heading and a long name's line wraps into noise.
    A heading or name on its own line with a blank line between the blocks reads the same everywhere."""
    lines = ["Hier kun je terecht", ""]
    for org in organisations:
        through = client_cannot_apply(org)
        lines.append(org.naam)
        if org.omschrijving.strip():
            lines.append(f"Wat doen ze? {_first_sentence(org.omschrijving)}")
        if through:
            lines.append(f"Hoe kom je er? {THROUGH_SOMEONE}")
            how = _without_saying_not_yourself(org.aanmelden)
            if how:
                lines.append(f"  Zo gaat het: {how}")
        elif org.aanmelden.strip():
            lines.append(f"Hoe kom je er? {org.aanmelden.strip()}")
        contact = _contact_lines(org)
        if contact:
            lines.append("Contact:")
            lines += [f"  {c}" for c in contact]
        lines.append(f"Wanneer? {org.openingstijden.strip() or (WHEN_THROUGH_SOMEONE if through else when_to_go(org))}")
        if org.voorwaarden.strip():
            lines.append(f"Let op: {org.voorwaarden.strip()}")
        lines.append("")
    if schemes:
        lines += ["Regelingen om naar te vragen:"]
        lines += [line for scheme in schemes for line in scheme.lines()]
        lines += ["Of je er recht op hebt, beslist de uitvoerder van de regeling.", ""]
    lines += ["Neem mee:"] + [f"  - {item}" for item in WHAT_TO_BRING]
    lines += ["", together_line(organisations)]
    return "\n".join(lines) + "\n"


def together_line(organisations: Sequence[Organisation]) -> str:
    """The note's last line: call together only when a chosen organisation has a phone number; otherwise the
    first way the list does have (mail, website, address), or else to look further together."""
    ways = (
        (CALL_TOGETHER, lambda o: tel_url(o.telefoon)),
        (MAIL_TOGETHER, lambda o: o.email.strip() and mailto_url(o.email)),
        (WEBSITE_TOGETHER, lambda o: website_url(o.website)),
        (VISIT_TOGETHER, lambda o: o.adres.strip()),
    )
    return next((line for line, has in ways if any(has(o) for o in organisations)), LOOK_TOGETHER)


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
    if org.telefoon.strip():  # a blank cell is no number: no empty "Bel:" line
        lines.append(f"Bel: {org.telefoon.strip()}")
    if org.email.strip():
        lines.append(f"Mail: {org.email.strip()}")
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


def _sentences(text: str) -> list[str]:
    """The sentences of `text`, folded; empty ones left out."""
    return [folded for part in _SENTENCE_END.split(text.strip()) if (folded := fold(part))]


def _without_saying_not_yourself(text: str) -> str:
    """`text` without the sentences that say the client cannot apply themselves ("De cliënt kan zich niet zelf
    aanmelden."): the note says that already, to the client (THROUGH_SOMEONE)."""
    parts = _SENTENCE_END.split(text.strip())
    return " ".join(p for p in parts if p and not any(r.search(fold(p)) for r in _NOT_YOURSELF))


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    end = text.find(". ")
    return text if end == -1 else text[: end + 1]


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" for line in text.splitlines())
