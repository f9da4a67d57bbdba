"""The organisation card and domain badge, the same on every page."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from directory.links import display_website, mailto_url, tel_url, website_url
from directory.model import Domain, Organisation
from directory.vocab import Role
from directory.wording import plain_reasons
from ui.handover import CardCopies, refer_checkbox
from ui.text import md

BADGE_COLOURS = {Domain.PREVENTIE: "green", Domain.ONDERSTEUNING: "blue", Domain.CURATIEF: "orange"}
ROLE_BADGE_COLOURS = {Role.INFORMATIE: "violet", Role.VOOR_PROFESSIONALS: "gray", Role.TEGENPARTIJ: "red"}


def domain_badges(org: Organisation) -> str:
    """Markdown badges: the main group, the second group it partly belongs to, and a role other than help."""
    badges = f":{BADGE_COLOURS[org.domein]}-badge[{org.domein.label}]"
    if org.ook_domein:
        badges += f" :gray-badge[ook {org.ook_domein.label.lower()}]"
    if org.role in ROLE_BADGE_COLOURS:
        badges += f" :{ROLE_BADGE_COLOURS[org.role]}-badge[{org.role.label}]"
    return badges


def role_note(org: Organisation) -> str | None:
    """What a volunteer must know before pointing someone here, when the organisation is no help for the client."""
    if org.role.suggestable:
        return None
    return f"{org.role.label}: deze organisatie {org.role.explanation}."


def freshness(org: Organisation) -> str:
    if org.laatst_gecontroleerd:
        return f"gecontroleerd op {org.laatst_gecontroleerd.strftime('%d-%m-%Y')}"
    return "niet gecontroleerd"


def contact_markdown(org: Organisation) -> list[str]:
    """Contact lines as markdown: tel:, mailto: and http(s) links only, all text escaped."""
    lines = []
    if tel_url(org.telefoon):
        lines.append(f":material/call: [{md(org.telefoon)}]({tel_url(org.telefoon)})")
    if mailto_url(org.email) and org.email:
        lines.append(f":material/mail: [{md(org.email)}]({mailto_url(org.email)})")
    if website_url(org.website):
        lines.append(f":material/language: [{md(display_website(org.website))}]({website_url(org.website)})")
    if org.adres:
        address = ", ".join(v for v in (org.adres, f"{org.postcode} {org.plaats}".strip()) if v)
        lines.append(":material/location_on: " + md(address))
    return lines


def organisation_card(
    org: Organisation,
    *,
    reasons: Sequence[str] = (),
    where: str = "",
    show_details_link: bool = True,
    heading_level: int = 4,
    refer_place: str | None = None,
    refer_need: str = "",
    from_page: str | None = None,
    typed: str = "",
    copies: CardCopies | None = None,
) -> None:
    """`where` says how far or where it is (directory.places); `refer_place` adds "Verwijs hierheen" (for
    the need called `refer_need`), and once ticked `copies` gets a place beside it for the message's copy
    button; `from_page` lets the organisation's own page offer a way back; `typed`, the volunteer's words
    for this need, shows the reasons in those words (used for this render only)."""
    with st.container(border=True):
        st.markdown(f"{'#' * heading_level} {md(org.naam)}\n{domain_badges(org)}")
        if refer_place is not None and org.role.suggestable:
            # Right under the name: on a laptop screen the box and the copy button beside it are in view as
            # soon as the results are (type, tick, copy), without scrolling past the description first.
            refer_checkbox(org, refer_place, refer_need, copies)
        if role_note(org):
            st.warning(md(role_note(org)), icon=":material/info:")
        st.markdown(md(org.omschrijving))
        if reasons:
            st.markdown("**Waarom:** " + md(plain_reasons(reasons, typed)))
        st.markdown(f"**Aanmelden:** {md(org.aanmelden)}")
        if org.voorwaarden or org.inkomensgrens:
            conditions = md(org.voorwaarden)
            if org.inkomensgrens:
                conditions += f" (inkomen tot {org.inkomensgrens}% van het sociaal minimum)"
            st.markdown(f"**Voorwaarden:** {conditions.strip()}")
        if org.contact_professionals:
            st.markdown(f"**Voor hulpverleners:** {md(org.contact_professionals)}")
        contact = contact_markdown(org)
        if contact:
            st.markdown("  \n".join(contact))
        if org.openingstijden:
            st.markdown(f":material/schedule: {md(org.openingstijden)}")
        notes = [freshness(org)]
        if where:
            notes.append(md(where))
        elif org.location_is_approximate:
            notes.append("locatie bij benadering")
        st.caption(" · ".join(notes))
        if show_details_link:
            # `van` names a page, nothing about the client: what was typed stays in the session.
            params = {"org": org.id, **({"van": from_page} if from_page else {})}
            st.page_link("pages/overzicht.py", label="Alles over deze organisatie", query_params=params)
