"""Loading the directory once per data version, and showing load problems instead of crashing."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from directory import Directory, DirectoryError, directory_version, load_directory
from directory.csvfile import file_version
from directory.settings import Settings
from directory.stores import ListStore, open_store

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


@st.cache_resource(max_entries=2)
def _database(url: str, data_path: str) -> ListStore:
    # One per server process, for all sessions: it keeps one connection for the per-rerun version check.
    return open_store(url, Path(data_path))


@st.cache_resource(show_spinner="De organisatielijst wordt geladen…", max_entries=4)
def _load_from_database(url: str, data_path: str, version: str, themes_version: str) -> Directory:
    # Exactly `version`, not whatever is current by now, so an entry never holds another version's list:
    # another app server's save changes the version, and so the key, on this server's next rerun.
    return _database(url, data_path).load_version(version)


def list_store() -> ListStore:
    """The store of the list: the shared database when $VANGNET_DATABASE_URL is set, else the CSV file."""
    current = settings()
    if current.database_url:
        return _database(current.database_url, str(current.data_path))
    return open_store(current.data_path)


def get_directory() -> Directory | None:
    """The current list, or None after showing the user in Dutch what is wrong with it."""
    current = settings()
    path = current.data_path
    try:
        if current.database_url:
            store = list_store()
            key = (store.current_version(), file_version(store.themes_path))  # one small query per rerun
            return _load_from_database(current.database_url, str(path), *key)
        return _load(str(path), directory_version(path))
    except DirectoryError as exc:
        name = list_store().name if current.database_url else path.name
        show_problems(exc, intro=f"De organisatielijst ({name}) kan niet worden geladen.", file_name=name)
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
