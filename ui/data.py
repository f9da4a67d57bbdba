"""Loading the directory once per data version, and showing load problems instead of crashing."""

from __future__ import annotations

import streamlit as st

from directory import Directory, DirectoryError, directory_version, load_directory
from directory.settings import Settings

SETTINGS = "vangnet_instellingen"


def settings() -> Settings:
    """The app's settings: built once per session by app.py from $VANGNET_DATA, then passed on from here.
    Configuration only; nothing about a client."""
    if SETTINGS not in st.session_state:
        st.session_state[SETTINGS] = Settings.from_environment()
    return st.session_state[SETTINGS]


@st.cache_resource(show_spinner="De organisatielijst wordt geladen…", max_entries=4)
def _load(path: str, version: str) -> Directory:
    # `version` is only the cache key: a changed file gets a new entry. Holds organisation data only.
    return load_directory(path)


def get_directory() -> Directory | None:
    """The current list, or None after showing the user in Dutch what is wrong with it."""
    path = settings().data_path
    try:
        return _load(str(path), directory_version(path))
    except DirectoryError as exc:
        show_problems(exc, intro=f"De organisatielijst ({path.name}) kan niet worden geladen.", file_name=path.name)
        return None


def show_problems(exc: DirectoryError, intro: str, file_name: str = "") -> None:
    count = len(exc.problems)
    st.error(
        f"{intro} Er {'is 1 probleem' if count == 1 else f'zijn {count} problemen'} gevonden. "
        "Pas het bestand aan en laad de pagina opnieuw."
    )
    # A table shows the values as plain text: nothing from the file is read as markdown or HTML.
    st.dataframe(
        [
            {"bestand": p.bestand or file_name, "regel": p.regel, "kolom": p.kolom or "", "probleem": p.message}
            for p in exc.problems
        ],
        hide_index=True,
        width="stretch",
    )
