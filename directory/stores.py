"""Which store holds the list: the CSV file (the embedded default) or a shared PostgreSQL database.

Both have the same API and guarantees (see `ListStore`), so the app, Beheer and `copy` never ask which.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from directory.model import Directory, Organisation

if TYPE_CHECKING:
    from directory.store import HistoryEntry, Saved

DATABASE_SCHEMES = ("postgresql://", "postgres://")


class ListStore(Protocol):
    """What both stores offer (directory.store.Store and directory.pgstore.PgStore)."""

    name: str

    def load(self) -> Directory: ...

    def current_version(self) -> str: ...

    def version_bytes(self, version: str) -> bytes | None: ...

    def save(
        self, organisations: Iterable[Organisation], expected_version: str, author: str, note: str = ""
    ) -> Saved: ...

    def replace(
        self, header: list[str], rows: list[dict[str, str]], author: str, note: str, expected_version: str | None = None
    ) -> Saved: ...

    def history(self) -> list[HistoryEntry]: ...

    def restore(self, version: str, author: str) -> Saved: ...


def is_database_url(location: str | Path) -> bool:
    return isinstance(location, str) and location.strip().lower().startswith(DATABASE_SCHEMES)


def open_store(location: str | Path, data_path: str | Path | None = None) -> ListStore:
    """A file path -> the file Store; a postgresql:// (or postgres://) URL -> the database store.

    A database has no folder beside it: it reads themas.csv and regio.toml beside `data_path` (the app's
    $VANGNET_DATA), or the bundled ones; every app server deploys the same files.
    """
    if is_database_url(location):
        from directory.pgstore import PgStore  # psycopg is loaded only when a database is used

        return PgStore(str(location).strip(), data_path=data_path)
    from directory.store import Store

    return Store(location)
