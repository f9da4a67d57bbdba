"""Widget values that survive a visit to another page, in this session's memory only.

Streamlit forgets a widget's value when the user opens another page (an organisation's page, the map). A
copy under the prefix KEPT, in session_state (never the URL or a file), gives it back on return.
Streamlit's own persist_state="session" does this too, and Beheer uses it; but under AppTest a widget
first drawn on the default page (Hulpvraag) and later reached again with switch_page loses a typed value,
so the tests could not hold the volunteer's round trip with it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
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


def reset(values: Mapping[str, object]) -> None:
    """Set widgets back to their empty values (key -> value), the kept copies too. Call it from a callback.

    Deleting a widget's key is not enough: the browser keeps showing the old value and sends it back with
    the next rerun ("Nieuwe hulpvraag" left an earlier client's words in the box, and typing brought them
    back). A value set here is sent to the browser, so what is on screen is empty as well."""
    for key, value in values.items():
        st.session_state.pop(KEPT + key, None)
        st.session_state[key] = value
