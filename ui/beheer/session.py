"""The Beheer session: one object per list owns every session key of the Beheer screens.

The snapshot a coordinator works on is kept in the session (organisation or scheme data only), so a
save made by someone else in the meantime is detected and shown instead of overwritten. The
organisation list and the regelingen each have their own snapshot, table, conflict and reload;
the message after a save and the chosen tab belong to the page.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from directory.changes import ChangeSet
from directory.model import DirectoryError
from directory.stores import ListStore
from ui.beheer.grid import forget_kept, kept_rows

# What the other screens say while a table has unsaved edits: both tables can save or throw them away.
UNSAVED_TABLE_OR_DISCARD = (
    "Je hebt nog wijzigingen in de tabel die niet zijn opgeslagen. Ga eerst naar de tab Tabel. "
    "Kies daar Opslaan, of Wijzigingen weggooien."
)
# The regelingen table is a part of the tab Regelingen, chosen above the part shown (not the tab Tabel).
UNSAVED_SCHEMES_OR_DISCARD = (
    "Je hebt nog wijzigingen in de tabel met regelingen die niet zijn opgeslagen. Kies eerst hierboven Tabel. "
    "Kies daar Opslaan, of Wijzigingen weggooien."
)
DISCARDED = "Je wijzigingen in de tabel zijn weggegooid. Er is niets opgeslagen."


class BeheerSession:
    FLASH = "beheer_melding"
    TAB = "beheer_tab"

    def __init__(
        self, prefix: str = "beheer", list_name: str = "De organisatielijst", unsaved: str = UNSAVED_TABLE_OR_DISCARD
    ):
        self.prefix = prefix  # also the prefix of this list's widget keys
        self.list_name = list_name
        self.unsaved = unsaved  # what the other screens say while the table has unsaved edits
        self.BASE = f"{prefix}_basis"
        self.REVISION = f"{prefix}_rev"
        self.CONFLICT = f"{prefix}_conflict"
        self.RELOAD = f"{prefix}_herladen_gevraagd"
        self.ASK_DISCARD = f"{prefix}_tabel_weggooien_gevraagd"
        self.ADDING = f"{prefix}_toevoegen_bezig"  # the id of a new row being saved (ui.beheer.adding)
        self.ADDED = f"{prefix}_toegevoegd"  # the row just added, to say so under the empty form
        self.ADD_FORM = f"{prefix}_toevoegformulier"  # the number of the add form, one up after each add

    def base_snapshot(self, store: ListStore):
        """The list as this coordinator opened it. It changes only on their own save or when they ask.

        Reloading behind a coordinator's back would make open forms and the import preview refer to
        another version than they show; a save against the version they saw detects the conflict.
        """
        base = st.session_state.get(self.BASE)
        if base is None or st.session_state.pop(self.RELOAD, False):
            try:
                base = store.load()
            except DirectoryError as exc:
                from ui.data import show_problems

                show_problems(exc, intro=f"{self.list_name} kan niet worden geladen.", file_name=store.name)
                return None
            self.start_from(base)
        elif base.version != store.current_version():
            left, right = st.columns([3, 1])
            left.info(
                "Iemand anders heeft de lijst intussen opgeslagen. Laad de nieuwste versie voordat je verder gaat."
            )
            if right.button("Nieuwste versie laden", key=f"{self.prefix}_herladen", disabled=self.table_has_edits()):
                self.reload()
        return base

    def start_from(self, snapshot) -> None:
        """Work on `snapshot` from now on, with a new, empty table (its key has the new revision)."""
        forget_kept(self.editor_key())
        st.session_state.pop(self.ASK_DISCARD, None)
        st.session_state[self.BASE] = snapshot
        st.session_state[self.REVISION] = self.revision + 1

    def discard_table_edits(self) -> None:
        """Throw the unsaved table edits away, on purpose: the table starts again from the list as it was."""
        self.start_from(st.session_state[self.BASE])
        self.flash(DISCARDED)
        st.rerun()

    def pending_note(self, pending: ChangeSet, note, discard) -> bool:
        """What the table has not saved yet, in `note`, and a button in `discard` to throw it away (asked once
        first). True when there is something to save; the caller draws its own Opslaan button."""
        if not pending:
            st.session_state.pop(self.ASK_DISCARD, None)
            note.caption("Geen wijzigingen.")
            return False
        note.caption(f"Nog niet opgeslagen: {pending.summary()}.")
        if discard.button("Wijzigingen weggooien", key=f"{self.prefix}_tabel_weggooien"):
            st.session_state[self.ASK_DISCARD] = True
        if st.session_state.get(self.ASK_DISCARD):
            self._ask_to_discard(pending.summary())
        return True

    def _ask_to_discard(self, summary: str) -> None:
        """One step to confirm: throwing edits away cannot be undone."""
        with st.container(border=True):
            st.warning(
                f"Wil je je wijzigingen in de tabel echt weggooien ({summary})? "
                "Ze worden dan niet opgeslagen. Dat kun je niet terugdraaien."
            )
            yes, no = st.columns(2)
            if yes.button("Ja, weggooien", key=f"{self.prefix}_tabel_weggooien_ja"):
                self.discard_table_edits()
            if no.button("Nee, niet weggooien", key=f"{self.prefix}_tabel_weggooien_nee"):
                st.session_state.pop(self.ASK_DISCARD, None)
                st.rerun()

    def reload(self) -> None:
        st.session_state[self.RELOAD] = True
        st.rerun()

    def forget_base(self) -> None:
        st.session_state.pop(self.BASE, None)

    @property
    def revision(self) -> int:
        return st.session_state.get(self.REVISION, 0)

    def editor_key(self) -> str:
        return f"{self.prefix}_tabel_{self.revision}"

    def table_has_edits(self) -> bool:
        """Edits in the editor, or kept for it while it was not drawn (another page, another part)."""
        state = st.session_state.get(self.editor_key()) or {}
        typed = bool(state.get("edited_rows")) if isinstance(state, dict) else False
        return typed or bool(kept_rows(self.editor_key()))

    def blocked_by_table_edits(self) -> bool:
        """The guard every other action shares: unsaved table edits are saved or thrown away first, never lost."""
        if self.table_has_edits():
            st.warning(self.unsaved)
            return True
        return False

    def flash(self, message: str) -> None:
        st.session_state[self.FLASH] = message

    def show_flash(self) -> None:
        """The message after a save, in a slot that is always there.

        The slot keeps every element below it (the tabs) at the same place in the page, with or without a
        message, so the browser never rebuilds the tabs and the chosen tab stays open. A toast says it too,
        where the coordinator is looking.
        """
        slot = st.empty()
        message = st.session_state.pop(self.FLASH, None)
        if message:
            slot.success(message)
            # The button was often far down a form; the message above the tabs was then out of sight.
            st.toast(message)

    @property
    def conflict(self) -> dict[str, Any] | None:
        return st.session_state.get(self.CONFLICT)

    def set_conflict(self, base, mine: tuple, current) -> None:
        st.session_state[self.CONFLICT] = {"base": base, "mine": mine, "current": current}

    def clear_conflict(self) -> None:
        st.session_state.pop(self.CONFLICT, None)


session = BeheerSession()
schemes_session = BeheerSession("beheer_regelingen", "De lijst met regelingen", UNSAVED_SCHEMES_OR_DISCARD)
