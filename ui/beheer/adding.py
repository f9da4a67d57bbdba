"""Beheer: a new row (an organisation or a scheme) through a form, without adding one twice by accident.

After an add is saved the form is empty again; under it the page says what was added and where to find
it, and the row is already chosen under "Eén organisatie" / "Eén regeling". A name the list already has
(the same letters, whatever the case, accents, punctuation or spaces) is not added unless the coordinator
says it is another one: before, a second click on the button or a name typed again silently added
`naam-2`, `naam-3`, and the previews showed the same name three times.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import streamlit as st

from directory.names import same_name_key, same_names
from directory.stores import ListStore
from ui.beheer.lists import BeheerList
from ui.beheer.saving import Wording, add_row
from ui.text import md


@dataclass(frozen=True)
class AddTexts:
    """What differs per list in the Dutch of adding."""

    button: str  # "Organisatie toevoegen"
    where: str  # where one row is changed: "de tab Eén organisatie"
    closed: str  # an archived row: "gearchiveerd", "gesloten"
    link: Callable[[str], None] | None = None  # draws a link to see the new row (id) elsewhere in the app


def form_prefix(lijst: BeheerList) -> str:
    """The prefix of the add form's widget keys: "beheer_nieuw_1", then "beheer_nieuw_2" after an add.

    A new number makes new, empty widgets. Taking the old widgets' values out of the session is not enough:
    the browser keeps showing what was typed, and a second click would send it again."""
    return f"{lijst.key}_nieuw_{st.session_state.get(lijst.session.ADD_FORM, 1)}"


def after_save(lijst: BeheerList, base) -> None:
    """Run before any widget of the list is drawn. When the add of the last run was saved (its id is in the
    list now), empty the form, choose the new row in the one-row form, and keep what to say for the form."""
    session = lijst.session
    new_id = st.session_state.pop(session.ADDING, None)
    names = lijst.names(base)
    if new_id is None or new_id not in names:
        return  # nothing was added, or not yet (a conflict first): the form keeps what was typed
    st.session_state[session.ADD_FORM] = st.session_state.get(session.ADD_FORM, 1) + 1  # an empty form
    st.session_state[f"{lijst.key}_kies"] = new_id
    st.session_state[session.ADDED] = {"id": new_id, "naam": names[new_id].naam, "revision": session.revision}


def add_form(
    store: ListStore,
    base,
    author: str,
    lijst: BeheerList,
    blank: Mapping[str, str],
    fields: Callable[..., dict[str, str]],
    texts: AddTexts,
    wording: Wording | None = None,
) -> None:
    """The add form: `fields(blank, base, prefix=...)` draws its inputs and returns the cells as typed;
    `wording` says its problems about its fields (see ui.beheer.saving.Wording)."""
    prefix = form_prefix(lijst)
    # The name as last submitted: the form's values are in the session from the click on, before it is drawn.
    name = str(st.session_state.get(f"{prefix}_naam") or "")
    same = same_names(name, lijst.items(base))
    with st.form(f"{prefix}_formulier"):
        values = fields(blank, base, prefix=prefix)
        confirmed = _confirm_same_name(name, same, lijst, texts) if same else True
        submitted = st.form_submit_button(texts.button, type="primary")
    if submitted:
        st.session_state.pop(lijst.session.ADDED, None)  # about the row before: not beside a new warning
    if submitted and confirmed:
        add_row(store, base, values, author, lijst, wording)
    # Under the button: the coordinator is at the end of a long form when the page comes back.
    _say_what_was_added(lijst, texts)


def _say_what_was_added(lijst: BeheerList, texts: AddTexts) -> None:
    """Under the empty form, until the next save or use of the form: what was added, and where to find it."""
    added = st.session_state.get(lijst.session.ADDED)
    if not added or added["revision"] != lijst.session.revision:
        return
    name = md(added["naam"])
    st.success(
        f"Toegevoegd: **{name}** (id: {md(added['id'])}). Het formulier is weer leeg. "
        f"Wil je meer invullen of iets veranderen? Ga naar {texts.where}: daar is {name} al gekozen."
    )
    if texts.link is not None:
        texts.link(added["id"])


def _confirm_same_name(name: str, same: list, lijst: BeheerList, texts: AddTexts) -> bool:
    """Say which rows already have this name; True only when the coordinator ticks that this is another one."""
    item = lijst.item
    named = ", ".join(
        f"**{md(row.naam)}** (id: {md(row.id)}{'' if row.actief else ', ' + texts.closed})" for row in same
    )
    st.warning(
        f"Er is niets toegevoegd. Deze naam staat al in de lijst: {named}. "
        f"Is het dezelfde {item}? Pas die dan aan bij {texts.where}. "
        f"Is het een andere {item} met dezelfde naam? Zet dan het vinkje hieronder aan en kies nog een keer "
        f"{texts.button}."
    )
    # The key holds the name: a confirmation is for this name only, not for the next one typed.
    return st.checkbox(
        f"Toch toevoegen: het is een andere {item}", key=f"{form_prefix(lijst)}_toch_{same_name_key(name)}"
    )
