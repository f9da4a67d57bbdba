"""Warme overdracht: pick organisations, then copy, download, mail or print the two texts.

The texts live only in this session's widgets and in the downloads the user asks for. Those downloads
are made in the browser (ui.text_actions), never in Streamlit's media store, which serves files at a URL.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import streamlit as st

from directory.handover import CONSENTS, Referrer, client_note, mail_subject, referral_text
from directory.links import mailto_url
from directory.model import Organisation
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


def handover_section(need: str, suggested: Sequence[Organisation]) -> None:
    options = list(dict.fromkeys(suggested))
    by_id = {o.id: o for o in options}
    st.subheader("Warme overdracht")
    st.caption("Kies de organisatie(s). Vangnet maakt een bericht voor de organisatie en een briefje voor de cliënt.")
    chosen_ids = st.multiselect(
        "Naar welke organisatie(s) verwijs je?",
        [o.id for o in options],
        format_func=lambda org_id: by_id[org_id].naam,
        key="overdracht_orgs",
        placeholder="Kies een of meer organisaties",
    )
    chosen = [by_id[i] for i in chosen_ids if i in by_id]
    if not chosen:
        return

    left, right = st.columns(2)
    tried = left.text_area("Wat is al geprobeerd?", key="overdracht_geprobeerd", max_chars=2000)
    referrer = Referrer(
        organisation=right.text_input("Jouw organisatie", key="overdracht_eigen_org", max_chars=200),
        name=right.text_input("Jouw naam", key="overdracht_naam", max_chars=200, autocomplete="off"),
        contact=right.text_input(
            "Hoe ben je bereikbaar? (telefoon of e-mail)", key="overdracht_contact", max_chars=200, autocomplete="off"
        ),
    )
    st.markdown("**Toestemming van de cliënt** (vraag het hardop en vink aan wat mag)")
    consents = [key for key, text in CONSENTS if st.checkbox(text, key=f"toestemming_{key}")]
    if len(consents) < len(CONSENTS):
        st.caption("Deel alleen wat de cliënt goed vindt.")

    message = referral_text(chosen, need, tried, referrer, consents)
    note = client_note(chosen)
    for_org, for_client = st.tabs(["Bericht voor de organisatie", "Briefje voor de cliënt"])
    with for_org:
        st.code(message, language=None, wrap_lines=True)  # the copy button sits in the top corner
        to = next((o.email for o in chosen if o.email), "")
        text_actions(message, MESSAGE_BUTTONS, mailto_url(to), mail_subject(chosen))
    with for_client:
        # Large type, shown exactly as it prints and downloads; the text is escaped, st.html sanitises too.
        st.html(
            "<div class='vangnet-briefje' style='font-size:1.35rem;line-height:1.6;white-space:pre-wrap;"
            f"font-family:inherit'>{html.escape(note)}</div>"
        )
        text_actions(note, NOTE_BUTTONS, mailto_url(), "Waar je terecht kunt")
