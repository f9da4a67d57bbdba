"""Widget values that survive a visit to another page, in this session's memory only.

Streamlit forgets a widget's value when the user opens another page (an organisation's page, the map). A
copy under the prefix KEPT, in session_state (never the URL or a file), gives it back on return.
Streamlit's own persist_state="session" does this too, and Beheer uses it; but under AppTest a widget
first drawn on the default page (Hulpvraag) and later reached again with switch_page loses a typed value,
so the tests could not hold the volunteer's round trip with it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

KEPT = "bewaard_"
T = TypeVar("T")


def restore(key: str, default: object = None) -> None:
    """Before a widget is drawn: its value from before a visit to another page, else `default` (if any).
    A default set here, not passed to the widget, so Streamlit never sees two values for one widget."""
    if key in st.session_state:
        return
    if KEPT + key in st.session_state:
        st.session_state[key] = st.session_state[KEPT + key]
    elif default is not None:
        st.session_state[key] = default


def remember(key: str, value: T) -> T:
    """After a widget is drawn: keep a copy of its value for the way back; returns the value."""
    st.session_state[KEPT + key] = value
    return value


def kept(key: str, draw: Callable[[], T], default: object = None) -> T:
    """Draw a widget (`draw()`, which uses `key`) whose value survives a visit to another page."""
    restore(key, default)
    return remember(key, draw())
