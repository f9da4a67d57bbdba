"""Warme overdracht: choose organisations on their cards, then copy, download, mail or print the texts.

Each chosen organisation gets its own message, with only the need(s) it was chosen for, and only when
the client agreed to share them. The texts live only in this session (widgets and session_state, in
memory) and in the downloads the user asks for. Those downloads are made in the browser
(ui.text_actions), never in Streamlit's media store, which serves files at a URL.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from directory.handover import (
    CONSENT_REMINDER,
    CONSENTS,
    SHARE,
    Referrer,
    SchemeLine,
    client_cannot_apply,
    client_note,
    how_to_send,
    mail_subject,
    no_share_note,
    professional_route,
    referral_text,
    schemes_for_need,
)
from directory.links import mailto_url
from directory.matching import Need
from directory.model import Organisation
from directory.wording import and_list
from ui.data import get_directory
from ui.state import KEPT, kept, reset
from ui.text import limited, md
from ui.text_actions import Buttons, copy_button, text_actions

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
TRIED_LIMIT, REFERRER_LIMIT = 2000, 200  # characters of those boxes in the message
REFERRER_KEYS = ("overdracht_eigen_org", "overdracht_naam", "overdracht_contact")
# Widgets and lists that hold something about the client; the volunteer's own name stays.
CLIENT_PREFIXES = ("verwijs_", "regeling_kies_", CONSENT_PREFIX)
CARD_COPY = "Kopieer het bericht"  # the copy button beside "Verwijs hierheen" on a ticked card


Choice = tuple[str, str]


def chosen() -> list[Choice]:
    return [tuple(c) for c in st.session_state.get(CHOSEN, [])]


def chosen_ids() -> list[str]:
    """The chosen organisations' ids, each once, in the order they were chosen."""
    return list(dict.fromkeys(org_id for _, org_id in chosen()))


def _set_chosen(choice: Choice, widget_key: str) -> None:
    others = [c for c in chosen() if c != choice]
    st.session_state[CHOSEN] = [*others, choice] if st.session_state[widget_key] else others


class CardCopies:
    """This run's places for a copy button on the ticked cards, filled once the messages are made.

    Type, tick, copy: beside "Verwijs hierheen" is the copy button of that organisation's message,
    so the volunteer need not look for the handover (on a phone far below). The message is the one in
    the handover, to the letter: handover_section makes it, `fill` puts it in the places. Made anew on
    every run of the page, never kept: it holds page elements, and through them the message."""

    def __init__(self) -> None:
        self._places: list[tuple[Organisation, DeltaGenerator]] = []

    def add(self, org: Organisation, place: DeltaGenerator) -> None:
        self._places.append((org, place))

    def fill(self, messages: Mapping[str, str]) -> None:
        for org, place in self._places:
            if org.id in messages:
                with place.container():
                    copy_button(messages[org.id], CARD_COPY, f"{CARD_COPY} aan {org.naam}")


def refer_checkbox(org: Organisation, place: str, need: str = "", copies: CardCopies | None = None) -> None:
    """'Verwijs hierheen' on a card: one click puts the organisation, for this need, in the handover below.

    The same organisation can be on the cards of two needs; each box is its own choice, so the message
    to that organisation carries only the needs it was chosen for. Once ticked, a line under the box
    says so and links to the handover (on a phone it is far below), and `copies` gets a place beside
    the box for the copy button of this organisation's message: on one line, so that on a phone too the
    button is in view where the volunteer just ticked. Keyboard order: box, copy, the link."""
    key = f"verwijs_{place}_{org.id}"
    choice = (need, org.id)
    st.session_state[key] = choice in chosen()
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    row.checkbox(REFER_LABEL, key=key, on_change=_set_chosen, args=(choice, key))
    if st.session_state[key]:
        if copies is not None:
            copies.add(org, row.empty())
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


def forget_client(page_values: Mapping[str, object]) -> None:
    """'Nieuwe hulpvraag' (a callback): everything about this client leaves the session, and the page's own
    widgets (key -> empty value) are set empty, on screen too, so nothing typed comes back."""
    forget_handover()
    reset(page_values)


def needs_per_organisation(need: str, needs: Sequence[Need]) -> list[tuple[Organisation, list[str], set[str]]]:
    """Each chosen organisation once, with the part of the need it was chosen for and that part's themes.

    A need picked as a theme has no words of its own; then the whole typed need is what it is for."""
    picked = set(chosen())
    found: dict[str, tuple[Organisation, list[str], set[str]]] = {}
    for org_id in chosen_ids():
        for n in needs:
            for s in n.suggestions:
                if s.organisation.id == org_id and (n.label, org_id) in picked:
                    _, texts, themes = found.setdefault(org_id, (s.organisation, [], set()))
                    themes.update(n.themes)
                    text = n.text.strip() or need.strip()
                    if text and text not in texts:
                        texts.append(text)
    return [found[i] for i in chosen_ids() if i in found]


def handover_section(
    need: str, needs: Sequence[Need], schemes: Sequence[SchemeLine] = (), scheme_ids: Sequence[str] = ()
) -> dict[str, str]:
    """The handover: per chosen organisation its message, and the client's note. Returns the messages by
    organisation id, for the copy buttons on the cards (fill_card_copies)."""
    keep_only(offered_choices(needs), scheme_ids)
    per_org = needs_per_organisation(need, needs)
    picked_schemes = chosen_schemes(schemes, scheme_ids)
    st.header("Warme overdracht", anchor=ANCHOR)
    if not per_org:
        st.caption(
            f"Vink bij een organisatie hierboven **{REFER_LABEL}** aan. Vangnet maakt dan een bericht voor de "
            "organisatie en een briefje voor de cliënt."
        )
        return {}
    organisations = [org for org, _, _ in per_org]
    st.markdown("Je verwijst naar: " + ", ".join(f"**{md(o.naam)}**" for o in organisations))

    # The message uses the first TRIED_LIMIT and REFERRER_LIMIT characters of each box (ui.text.limited).
    with st.expander("Meer vertellen in het bericht (mag leeg blijven)"):
        left, right = st.columns(2)
        tried = limited(
            left, kept(TRIED_KEY, lambda: left.text_area("Wat is al geprobeerd?", key=TRIED_KEY)), TRIED_LIMIT
        )
        organisation_key, name_key, contact_key = REFERRER_KEYS
        referrer = Referrer(
            organisation=limited(right, kept(organisation_key, lambda: right.text_input(
                "Jouw organisatie", key=organisation_key)), REFERRER_LIMIT),
            name=limited(right, kept(name_key, lambda: right.text_input(
                "Jouw naam", key=name_key, autocomplete="off")), REFERRER_LIMIT),
            contact=limited(right, kept(contact_key, lambda: right.text_input(
                "Hoe ben je bereikbaar? (telefoon of e-mail)", key=contact_key, autocomplete="off")), REFERRER_LIMIT),
        )  # fmt: skip
    st.markdown("**Toestemming van de cliënt**")
    consents = [
        key for (key, box, _), widget in zip(CONSENTS, CONSENT_KEYS, strict=True)
        if kept(widget, lambda box=box, widget=widget: st.checkbox(box, key=widget))
    ]  # fmt: skip
    st.caption(CONSENT_REMINDER)
    if SHARE not in consents:
        st.caption(no_share_note(referrer))

    several = len(per_org) > 1
    tab_label = f"Berichten voor de organisaties ({len(per_org)})" if several else "Bericht voor de organisatie"
    for_org, for_client = st.tabs([tab_label, "Briefje voor de cliënt"])
    messages: dict[str, str] = {}
    with for_org:
        if several:
            st.caption("Elke organisatie krijgt een eigen bericht, met alleen de hulpvraag waarvoor je haar koos.")
        for org, texts, themes in per_org:
            if several:
                st.subheader(f"Aan {md(org.naam)}")
            message = referral_text([org], texts, tried, referrer, consents, picked_schemes, need_themes=themes)
            messages[org.id] = message
            shown_text(message, "vangnet-bericht")
            left_out = [s.naam for s in picked_schemes if s not in schemes_for_need(picked_schemes, themes)]
            if left_out and SHARE in consents:
                st.caption(left_out_note(left_out, org))
            if client_cannot_apply(org):
                # The list is only needed here: whom to ask when the client cannot apply themselves.
                st.info(md(professional_route(org, get_directory())), icon=":material/info:")
            sending = how_to_send(org)
            if sending:
                st.caption(md(sending))
            buttons = (
                replace(MESSAGE_BUTTONS, file_name=f"warme-overdracht-{org.id}.txt") if several else MESSAGE_BUTTONS
            )
            to = org.email if sending is None else ""
            text_actions(message, buttons, mailto_url(to) if to else None, mail_subject([org]))
    with for_client:
        note = client_note(organisations, picked_schemes)
        shown_text(note, "vangnet-briefje", large=True)  # large type, exactly as it prints and downloads
        text_actions(note, NOTE_BUTTONS, mailto_url(), "Waar je terecht kunt")
    return messages


def left_out_note(schemes: Sequence[str], org: Organisation) -> str:
    """Why a chosen scheme is not in this organisation's message (markdown, names escaped)."""
    names = md(and_list(list(schemes)))
    if len(schemes) == 1:
        return (
            f"Niet in dit bericht: {names}. Die regeling hoort niet bij de hulpvraag waarvoor je {md(org.naam)} "
            "koos. Ze staat wel in het briefje voor de cliënt."
        )
    return (
        f"Niet in dit bericht: {names}. Die regelingen horen niet bij de hulpvraag waarvoor je {md(org.naam)} "
        "koos. Ze staan wel in het briefje voor de cliënt."
    )


def shown_text(text: str, css_class: str, large: bool = False) -> None:
    """A text as it will be copied: escaped (st.html sanitises too), wrapped, nothing laid over it."""
    size = "font-size:1.35rem;line-height:1.6;" if large else "line-height:1.5;"
    st.html(
        f"<div class='{css_class}' style='{size}white-space:pre-wrap;overflow-wrap:anywhere;font-family:inherit;"
        f"border:1px solid #c7c9d1;border-radius:.5rem;padding:.75rem 1rem'>{html.escape(text)}</div>"
    )
