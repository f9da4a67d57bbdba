"""Warme overdracht: choose organisations on their cards, then copy, download, mail or print the texts.

Each chosen organisation gets its own message, with only the need(s) it was chosen for, and only when
the client agreed to share them. The texts live only in this session (widgets and session_state, in
memory) and in the downloads the user asks for. Those downloads are made in the browser
(ui.text_actions), never in Streamlit's media store, which serves files at a URL.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

import streamlit as st

from directory.handover import (
    CONSENT_REMINDER,
    CONSENTS,
    SHARE,
    Referrer,
    SchemeLine,
    client_note,
    mail_subject,
    referral_text,
)
from directory.links import mailto_url
from directory.matching import Need
from directory.model import Organisation
from ui.state import KEPT, kept
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


# (need label, organisation id) pairs. A need label is a theme name, never the client's words.
CHOSEN = "overdracht_gekozen"
CHOSEN_SCHEMES = "overdracht_regelingen"  # scheme ids only
SCHEME_LABEL = "Zet in de overdracht"
REFER_LABEL = "Verwijs hierheen"
ANCHOR = "warme-overdracht"  # the handover's heading, for the "Naar de overdracht" link on a card
CONSENT_PREFIX = "toestemming_"
CONSENT_KEYS = tuple(f"{CONSENT_PREFIX}{key}" for key, _, _ in CONSENTS)
TRIED_KEY = "overdracht_geprobeerd"
REFERRER_KEYS = ("overdracht_eigen_org", "overdracht_naam", "overdracht_contact")
# Widgets and lists that hold something about the client; the volunteer's own name stays.
CLIENT_PREFIXES = ("verwijs_", "regeling_kies_", CONSENT_PREFIX)
NO_SHARE_NOTE = (
    "Zonder vinkje bij **Deze gegevens delen met de organisatie** staat de hulpvraag niet in het bericht. "
    "Het bericht vraagt de organisatie dan om contact met jou op te nemen."
)


Choice = tuple[str, str]


def chosen() -> list[Choice]:
    return [tuple(c) for c in st.session_state.get(CHOSEN, [])]


def chosen_ids() -> list[str]:
    """The chosen organisations' ids, each once, in the order they were chosen."""
    return list(dict.fromkeys(org_id for _, org_id in chosen()))


def _set_chosen(choice: Choice, widget_key: str) -> None:
    others = [c for c in chosen() if c != choice]
    st.session_state[CHOSEN] = [*others, choice] if st.session_state[widget_key] else others


def refer_checkbox(org: Organisation, place: str, need: str = "") -> None:
    """'Verwijs hierheen' on a card: one click puts the organisation, for this need, in the handover below.

    The same organisation can be on the cards of two needs; each box is its own choice, so the message
    to that organisation carries only the needs it was chosen for. Once ticked, a line under the box
    says so and links to the handover (on a phone it is far below)."""
    key = f"verwijs_{place}_{org.id}"
    choice = (need, org.id)
    st.session_state[key] = choice in chosen()
    st.checkbox(REFER_LABEL, key=key, on_change=_set_chosen, args=(choice, key))
    if st.session_state[key]:
        st.markdown(f":material/check_circle: Staat in de overdracht. [Naar de overdracht](#{ANCHOR})")


def scheme_checkbox(scheme_id: str) -> None:
    """'Zet in de overdracht' on a scheme card: the scheme goes into both texts below."""
    key = f"regeling_kies_{scheme_id}"
    picked = list(st.session_state.get(CHOSEN_SCHEMES, []))
    st.session_state[key] = scheme_id in picked

    def toggle() -> None:
        ids = [i for i in st.session_state.get(CHOSEN_SCHEMES, []) if i != scheme_id]
        st.session_state[CHOSEN_SCHEMES] = [*ids, scheme_id] if st.session_state[key] else ids

    st.checkbox(SCHEME_LABEL, key=key, on_change=toggle)


def chosen_schemes(offered: Sequence[SchemeLine], ids: Sequence[str]) -> list[SchemeLine]:
    by_id = dict(zip(ids, offered, strict=True))
    return [by_id[i] for i in st.session_state.get(CHOSEN_SCHEMES, []) if i in by_id]


def offered_choices(needs: Iterable[Need]) -> set[Choice]:
    """Every (need, organisation) a card on the page offers now."""
    return {(n.label, s.organisation.id) for n in needs for s in n.suggestions if s.organisation.role.suggestable}


def keep_only(offered: set[Choice], scheme_ids: Iterable[str] = ()) -> None:
    """Forget choices that the page no longer shows, so they never turn up in a later handover; with no
    organisation chosen, the consent and what was tried go too (as before: they belong to a handover)."""
    if CHOSEN in st.session_state:
        st.session_state[CHOSEN] = [c for c in chosen() if c in offered]
    if CHOSEN_SCHEMES in st.session_state:
        shown = set(scheme_ids)
        st.session_state[CHOSEN_SCHEMES] = [i for i in st.session_state[CHOSEN_SCHEMES] if i in shown]
    if not chosen():
        _forget(lambda plain: plain == TRIED_KEY or plain.startswith(CONSENT_PREFIX))


def forget_handover() -> None:
    """Forget the choices, the consent and what was tried (and their kept copies): they belong to one client."""
    _forget(lambda plain: plain in (CHOSEN, CHOSEN_SCHEMES, TRIED_KEY) or plain.startswith(CLIENT_PREFIXES))


def _forget(about_the_client: Callable[[str], bool]) -> None:
    for key in [*st.session_state]:
        if about_the_client(key.removeprefix(KEPT)):
            del st.session_state[key]


def forget_client(page_keys: Sequence[str]) -> None:
    """'Nieuwe hulpvraag': everything about this client leaves the session, the page's own widgets too."""
    forget_handover()
    for key in page_keys:
        st.session_state.pop(key, None)
        st.session_state.pop(KEPT + key, None)


def needs_per_organisation(need: str, needs: Sequence[Need]) -> list[tuple[Organisation, list[str]]]:
    """Each chosen organisation once, with the part of the need it was chosen for.

    A need picked as a theme has no words of its own; then the whole typed need is what it is for."""
    picked = set(chosen())
    found: dict[str, tuple[Organisation, list[str]]] = {}
    for org_id in chosen_ids():
        for n in needs:
            for s in n.suggestions:
                if s.organisation.id == org_id and (n.label, org_id) in picked:
                    texts = found.setdefault(org_id, (s.organisation, []))[1]
                    text = n.text.strip() or need.strip()
                    if text and text not in texts:
                        texts.append(text)
    return [found[i] for i in chosen_ids() if i in found]


def handover_section(
    need: str, needs: Sequence[Need], schemes: Sequence[SchemeLine] = (), scheme_ids: Sequence[str] = ()
) -> None:
    keep_only(offered_choices(needs), scheme_ids)
    per_org = needs_per_organisation(need, needs)
    picked_schemes = chosen_schemes(schemes, scheme_ids)
    st.header("Warme overdracht", anchor=ANCHOR)
    if not per_org:
        st.caption(
            f"Vink bij een organisatie hierboven **{REFER_LABEL}** aan. Vangnet maakt dan een bericht voor de "
            "organisatie en een briefje voor de cliënt."
        )
        return
    organisations = [org for org, _ in per_org]
    st.markdown("Je verwijst naar: " + ", ".join(f"**{md(o.naam)}**" for o in organisations))

    with st.expander("Meer vertellen in het bericht (mag leeg blijven)"):
        left, right = st.columns(2)
        tried = kept(TRIED_KEY, lambda: left.text_area("Wat is al geprobeerd?", key=TRIED_KEY, max_chars=2000))
        organisation_key, name_key, contact_key = REFERRER_KEYS
        referrer = Referrer(
            organisation=kept(organisation_key, lambda: right.text_input(
                "Jouw organisatie", key=organisation_key, max_chars=200)),
            name=kept(name_key, lambda: right.text_input(
                "Jouw naam", key=name_key, max_chars=200, autocomplete="off")),
            contact=kept(contact_key, lambda: right.text_input(
                "Hoe ben je bereikbaar? (telefoon of e-mail)", key=contact_key, max_chars=200, autocomplete="off")),
        )  # fmt: skip
    st.markdown("**Toestemming van de cliënt**")
    consents = [
        key for (key, box, _), widget in zip(CONSENTS, CONSENT_KEYS, strict=True)
        if kept(widget, lambda box=box, widget=widget: st.checkbox(box, key=widget))
    ]  # fmt: skip
    st.caption(CONSENT_REMINDER)
    if SHARE not in consents:
        st.caption(NO_SHARE_NOTE)

    several = len(per_org) > 1
    tab_label = f"Berichten voor de organisaties ({len(per_org)})" if several else "Bericht voor de organisatie"
    for_org, for_client = st.tabs([tab_label, "Briefje voor de cliënt"])
    with for_org:
        if several:
            st.caption("Elke organisatie krijgt een eigen bericht, met alleen de hulpvraag waarvoor je haar koos.")
        for org, texts in per_org:
            if several:
                st.subheader(f"Aan {md(org.naam)}")
            message = referral_text([org], texts, tried, referrer, consents, picked_schemes)
            shown_text(message, "vangnet-bericht")
            to = org.email if mailto_url(org.email) and org.email else ""
            if not to:
                st.caption(
                    f"{md(org.naam)} heeft geen e-mailadres in de lijst. Kopieer het bericht en stuur het via "
                    "de website, of bel."
                )
            buttons = (
                replace(MESSAGE_BUTTONS, file_name=f"warme-overdracht-{org.id}.txt") if several else MESSAGE_BUTTONS
            )
            text_actions(message, buttons, mailto_url(to) if to else None, mail_subject([org]))
    with for_client:
        note = client_note(organisations, picked_schemes)
        shown_text(note, "vangnet-briefje", large=True)  # large type, exactly as it prints and downloads
        text_actions(note, NOTE_BUTTONS, mailto_url(), "Waar je terecht kunt")


def shown_text(text: str, css_class: str, large: bool = False) -> None:
    """A text as it will be copied: escaped (st.html sanitises too), wrapped, nothing laid over it."""
    size = "font-size:1.35rem;line-height:1.6;" if large else "line-height:1.5;"
    st.html(
        f"<div class='{css_class}' style='{size}white-space:pre-wrap;overflow-wrap:anywhere;font-family:inherit;"
        f"border:1px solid #c7c9d1;border-radius:.5rem;padding:.75rem 1rem'>{html.escape(text)}</div>"
    )
