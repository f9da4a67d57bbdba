"""Warme overdracht: choose organisations on their cards, then copy, download, mail or print the two texts.

The texts live only in this session's widgets and in the downloads the user asks for. Those downloads
are made in the browser (ui.text_actions), never in Streamlit's media store, which serves files at a URL.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import streamlit as st

from directory.handover import (
    CONSENT_REMINDER,
    CONSENTS,
    Referrer,
    SchemeLine,
    client_note,
    mail_subject,
    referral_text,
)
from directory.links import mailto_url
from directory.model import Organisation
from ui.text import md
from ui.text_actions import Buttons, text_actions

MESSAGE_BUTTONS = Buttons(
    download="Download als tekst",
    copy="Kopieer",
    mail="Open als e-mail",
    print="Print het bericht",
    file_name="warme-overdracht.txt",
)
NOTE_BUTTONS = Buttons(
    download="Download het briefje",
    copy="Kopieer",
    mail="Stuur per e-mail",
    print="Print het briefje",
    file_name="briefje-voor-client.txt",
    large_print=True,
)


CHOSEN = "overdracht_gekozen"  # organisation ids only: nothing about the client
CHOSEN_SCHEMES = "overdracht_regelingen"  # scheme ids only
SCHEME_LABEL = "Zet in de overdracht"
REFER_LABEL = "Verwijs hierheen"


def chosen_ids() -> list[str]:
    return list(st.session_state.get(CHOSEN, []))


def _set_chosen(org_id: str, widget_key: str) -> None:
    ids = [i for i in chosen_ids() if i != org_id]
    st.session_state[CHOSEN] = [*ids, org_id] if st.session_state[widget_key] else ids


def refer_checkbox(org: Organisation, place: str) -> None:
    """'Verwijs hierheen' on a card: one click puts the organisation in the handover below.

    The same organisation can be on two cards (two needs); each card has its own box, and all boxes
    follow the one list of chosen ids, so ticking one ticks them all."""
    key = f"verwijs_{place}_{org.id}"
    st.session_state[key] = org.id in chosen_ids()
    st.checkbox(REFER_LABEL, key=key, on_change=_set_chosen, args=(org.id, key))


def scheme_checkbox(scheme_id: str) -> None:
    """'Zet in de overdracht' on a scheme card: the scheme goes into both texts below."""
    key = f"regeling_kies_{scheme_id}"
    chosen = list(st.session_state.get(CHOSEN_SCHEMES, []))
    st.session_state[key] = scheme_id in chosen

    def toggle() -> None:
        ids = [i for i in st.session_state.get(CHOSEN_SCHEMES, []) if i != scheme_id]
        st.session_state[CHOSEN_SCHEMES] = [*ids, scheme_id] if st.session_state[key] else ids

    st.checkbox(SCHEME_LABEL, key=key, on_change=toggle)


def chosen_schemes(offered: Sequence[SchemeLine], ids: Sequence[str]) -> list[SchemeLine]:
    by_id = dict(zip(ids, offered, strict=True))
    return [by_id[i] for i in st.session_state.get(CHOSEN_SCHEMES, []) if i in by_id]


def handover_section(
    need: str, suggested: Sequence[Organisation], schemes: Sequence[SchemeLine] = (), scheme_ids: Sequence[str] = ()
) -> None:
    by_id = {o.id: o for o in suggested}
    chosen = [by_id[i] for i in chosen_ids() if i in by_id]
    picked_schemes = chosen_schemes(schemes, scheme_ids)
    st.header("Warme overdracht")
    if not chosen:
        st.caption(
            f"Vink bij een organisatie hierboven **{REFER_LABEL}** aan. Vangnet maakt dan een bericht voor de "
            "organisatie en een briefje voor de cliënt."
        )
        return
    st.markdown("Je verwijst naar: " + ", ".join(f"**{md(o.naam)}**" for o in chosen))

    with st.expander("Meer vertellen in het bericht (mag leeg blijven)"):
        left, right = st.columns(2)
        tried = left.text_area("Wat is al geprobeerd?", key="overdracht_geprobeerd", max_chars=2000)
        referrer = Referrer(
            organisation=right.text_input("Jouw organisatie", key="overdracht_eigen_org", max_chars=200),
            name=right.text_input("Jouw naam", key="overdracht_naam", max_chars=200, autocomplete="off"),
            contact=right.text_input(
                "Hoe ben je bereikbaar? (telefoon of e-mail)", key="overdracht_contact", max_chars=200,
                autocomplete="off",
            ),
        )  # fmt: skip
    st.markdown("**Toestemming van de cliënt**")
    consents = [key for key, box, _ in CONSENTS if st.checkbox(box, key=f"toestemming_{key}")]
    st.caption(CONSENT_REMINDER)

    message = referral_text(chosen, need, tried, referrer, consents, picked_schemes)
    note = client_note(chosen, picked_schemes)
    for_org, for_client = st.tabs(["Bericht voor de organisatie", "Briefje voor de cliënt"])
    with for_org:
        shown_text(message, "vangnet-bericht")
        to = next((o.email for o in chosen if mailto_url(o.email) and o.email), "")
        if not to:
            st.caption(
                "Geen van deze organisaties heeft een e-mailadres in de lijst. Kopieer het bericht en stuur het "
                "via hun website, of bel ze."
            )
        text_actions(message, MESSAGE_BUTTONS, mailto_url(to) if to else None, mail_subject(chosen))
    with for_client:
        shown_text(note, "vangnet-briefje", large=True)  # large type, exactly as it prints and downloads
        text_actions(note, NOTE_BUTTONS, mailto_url(), "Waar je terecht kunt")


def shown_text(text: str, css_class: str, large: bool = False) -> None:
    """A text as it will be copied: escaped (st.html sanitises too), wrapped, nothing laid over it."""
    size = "font-size:1.35rem;line-height:1.6;" if large else "line-height:1.5;"
    st.html(
        f"<div class='{css_class}' style='{size}white-space:pre-wrap;overflow-wrap:anywhere;font-family:inherit;"
        f"border:1px solid #c7c9d1;border-radius:.5rem;padding:.75rem 1rem'>{html.escape(text)}</div>"
    )
