"""Long lists a page at a time: the first PAGE_SIZE items, and "Toon meer" for the next ones.

Every card or row costs the server about a millisecond per rerun; a list of 5,000 organisations shown
whole took seconds. The counts on the page always include everything; only the cards are paged.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TypeVar

import streamlit as st

PAGE_SIZE = 20
T = TypeVar("T")


def first_page(key: str, items: Sequence[T], choices: Hashable) -> list[T]:
    """The items to show now: one page, more after "Toon meer", and one page again when `choices` change.
    `choices` must hold no client text (a typed need stays in its widget): pass ids or a theme."""
    state = st.session_state.get(key)
    if state is None or state[0] != choices:
        state = st.session_state[key] = [choices, PAGE_SIZE]
    return list(items[: state[1]])


def more_button(key: str, shown: int, total: int) -> None:
    """Say how many are shown and offer the next page, when there is one."""
    rest = total - shown
    if rest <= 0:
        return
    st.caption(f"{shown} van de {total} getoond.")
    st.button(f"Toon meer ({rest} nog niet getoond)", key=f"{key}_meer", on_click=_show_more, args=(key,))


def _show_more(key: str) -> None:
    st.session_state[key][1] += PAGE_SIZE
