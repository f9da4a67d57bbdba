"""The organisation list in PostgreSQL, for several app servers that share one list.

Same API and guarantees as the file store (directory.store.Store); what differs is only where it lives:

- `vangnet_meta`: one row with the current version: the row a save locks (SELECT ... FOR UPDATE) and
  every app server reads on every rerun to key its cache.
- `vangnet_versions`: every kept version as the bytes of the CSV file it would be (UTF-8, comma). The
  list is saved, compared, restored and copied whole, as in the file store, so a version is the same
  `content_version` of the same bytes: a list copied between a CSV file and a database keeps its version.
  Unknown columns and the row order are simply in those bytes.
- `vangnet_history`: who saved which version when, and what changed, for ever. A version's content is
  removed by the same retention rule as the file store's (`store.retention`); its history row stays.

A save is one transaction: lock the meta row, check the version, validate once (the same
`validate_new_list` as the file store), insert the version, point the meta row at it, log it. A writer
killed halfway is rolled back by the server, so readers see the old or the new list, never a mix.
The themes (themas.csv) and the region (regio.toml) stay files beside `data_path`, as deployed with the app.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from psycopg import errors
from psycopg.types.json import Jsonb

from directory.csvfile import parse, serialise
from directory.listkinds import scheme_link_problems
from directory.loading import build_directory, load_themes, themes_path_for
from directory.model import Dialect, Directory, DirectoryError, Organisation
from directory.schema import output_header, to_cells
from directory.settings import BUNDLED_DATA, load_region
from directory.store import (
    LOCK_TIMEOUT_SECONDS,
    ConflictError,
    HistoryEntry,
    Saved,
    _cells_of,
    _clean_author,
    retention,
    validate_new_list,
)

SCHEMA_VERSION = 1
CONNECT_TIMEOUT_SECONDS = 10
# Any constant: makes two `db init`s (or a first `copy` and a `db init`) on one database take turns.
SCHEMA_LOCK = 0x76616E67

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS vangnet_meta (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    schema_version integer NOT NULL,
    version text NOT NULL DEFAULT ''
);
INSERT INTO vangnet_meta (singleton, schema_version) VALUES (true, {SCHEMA_VERSION}) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS vangnet_versions (
    version text PRIMARY KEY,
    content bytea NOT NULL,
    saved_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS vangnet_history (
    id bigserial PRIMARY KEY,
    version text NOT NULL,
    previous_version text NOT NULL,
    author text NOT NULL,
    saved_at timestamptz NOT NULL,
    note text NOT NULL DEFAULT '',
    changes jsonb NOT NULL
);
"""

# The database writes what the file store writes for a new list: plain UTF-8, commas, \n.
DATABASE_DIALECT = Dialect()


def describe_url(url: str) -> str:
    """The database as a person may see it in a message: name and host, never the password."""
    try:
        parts = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "(een onleesbaar databaseadres)"
    host = parts.get("host") or "localhost"
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"{parts.get('dbname') or parts.get('user') or 'postgres'} op {host}{port}"


class PgStore:
    """The organisation list in a PostgreSQL database; see the module docstring.

    One connection per store, used by one thread at a time: the app keeps one store per server
    process, so the per-rerun version check costs one small query, not a new connection.
    """

    def __init__(
        self,
        url: str,
        data_path: str | Path | None = None,
        themes_path: str | Path | None = None,
        clock: Callable[[], datetime] | None = None,
    ):
        self.url = url
        self.name = f"de database {describe_url(url)}"
        self.data_path = Path(data_path) if data_path is not None else BUNDLED_DATA
        self.themes_path = Path(themes_path) if themes_path is not None else themes_path_for(self.data_path)
        self._clock = clock or (lambda: datetime.now(UTC))
        self._connection: psycopg.Connection | None = None
        self._lock = threading.RLock()

    def __repr__(self) -> str:  # the URL may hold a password
        return f"PgStore({self.name!r})"

    # -- the schema ---------------------------------------------------------------------------

    def init(self) -> bool:
        """Create the tables when missing; True when they were created now. Safe to run again."""
        with self._connected() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
            existed = conn.execute("SELECT to_regclass('vangnet_meta') IS NOT NULL").fetchone()[0]
            conn.execute(SCHEMA)
            found = conn.execute("SELECT schema_version FROM vangnet_meta").fetchone()[0]
        if found != SCHEMA_VERSION:
            raise DirectoryError(
                f"{self.name} is ingericht door een andere versie van Vangnet (schema {found}, "
                f"deze versie kent {SCHEMA_VERSION}); werk Vangnet bij op alle servers"
            )
        return not existed

    # -- reading ------------------------------------------------------------------------------

    def current_version(self) -> str:
        """The version of the list now: one query of one row, for every app server's cache key."""
        return self._read(lambda conn: conn.execute("SELECT version FROM vangnet_meta").fetchone()[0])

    def load(self) -> Directory:
        """A validated snapshot with `.version` and `.organisations`. Raises DirectoryError."""
        row = self._read(
            lambda conn: conn.execute(
                "SELECT m.version, v.content FROM vangnet_meta m LEFT JOIN vangnet_versions v USING (version)"
            ).fetchone()
        )
        return self._snapshot(row[0], row[1])

    def load_version(self, version: str) -> Directory:
        """Exactly `version` (the app's cache is keyed on it), while it is kept. Raises DirectoryError."""
        return self._snapshot(version, self.version_bytes(version))

    def version_bytes(self, version: str) -> bytes | None:
        row = self._read(
            lambda conn: conn.execute("SELECT content FROM vangnet_versions WHERE version = %s", (version,)).fetchone()
        )
        return bytes(row[0]) if row else None

    def history(self) -> list[HistoryEntry]:
        """Saved versions, newest first; `available` when its content is still kept."""
        rows = self._read(
            lambda conn: conn.execute(
                "SELECT h.version, h.author, h.saved_at, h.previous_version, h.note, h.changes, "
                "v.version IS NOT NULL FROM vangnet_history h LEFT JOIN vangnet_versions v USING (version) "
                "ORDER BY h.id DESC"
            ).fetchall()
        )
        return [_entry(row) for row in rows]

    # -- saving -------------------------------------------------------------------------------

    def save(
        self,
        organisations: Iterable[Organisation],
        expected_version: str,
        author: str,
        note: str = "",
    ) -> Saved:
        """Write `organisations` (in this order) as the new list; return it and what changed.

        Raises ConflictError when the list is no longer `expected_version`, and DirectoryError (nothing
        written) when the new list has problems or an organisation would disappear.
        """
        organisations = list(organisations)
        rows = [to_cells(org) for org in organisations]
        return self._write(
            lambda header: output_header(header, organisations), rows, author, note, expected_version, False
        )

    def replace(
        self,
        header: list[str],
        rows: list[dict[str, str]],
        author: str,
        note: str,
        expected_version: str | None = None,
    ) -> Saved:
        """Write `rows` (cells) as the whole new list, where organisations may go: restore and `copy`."""
        return self._write(lambda _current: list(header), rows, author, note, expected_version, True)

    def restore(self, version: str, author: str) -> Saved:
        """Bring back `version` as a new save by `author`; the versions in between stay in history."""
        author = _clean_author(author)
        data = self.version_bytes(version)
        if data is None:
            raise DirectoryError(f"versie {version} is niet bewaard in {self.name}; kies een andere versie")
        old = parse(data)
        rows = [dict(row.cells) for row in old.rows]
        return self.replace(list(old.header), rows, author, f"teruggezet naar versie {version}")

    def _write(
        self,
        header_for: Callable[[tuple[str, ...]], list[str]],
        rows: list[dict[str, str]],
        author: str,
        note: str,
        expected_version: str | None,
        allow_removal: bool,
    ) -> Saved:
        author = _clean_author(author)
        themes = load_themes(self.themes_path)  # read once per save, outside the transaction
        region = load_region(self.data_path)
        with self._connected() as conn:
            try:
                with conn.transaction():
                    conn.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT_SECONDS}s'")
                    version, content = conn.execute(
                        "SELECT m.version, v.content FROM vangnet_meta m LEFT JOIN vangnet_versions v "
                        "USING (version) FOR UPDATE OF m"
                    ).fetchone()
                    if expected_version is not None and version != expected_version:
                        raise _Stale
                    current = parse(bytes(content)) if content is not None else None
                    header = header_for(current.header if current else ())
                    data = serialise(header, rows, DATABASE_DIALECT)
                    cells = _cells_of(current, themes) if current else {}
                    new, changes = validate_new_list(data, None, cells, themes, allow_removal, region)
                    # The schemes stay a file beside data_path; one that names an organisation keeps it active.
                    links = scheme_link_problems(new, self.data_path)
                    if links:
                        raise DirectoryError(links)
                    if new.version != version:
                        self._insert(conn, version, new.version, data, author, note, changes)
                    return Saved(new, changes)
            except _Stale:
                pass
        raise ConflictError(expected_version or "", self.load())

    def _insert(self, conn, previous: str, version: str, data: bytes, author: str, note: str, changes) -> None:
        moment = self._clock()
        conn.execute(
            "INSERT INTO vangnet_versions (version, content, saved_at) VALUES (%s, %s, %s) "
            "ON CONFLICT (version) DO UPDATE SET saved_at = EXCLUDED.saved_at",
            (version, data, moment),
        )
        conn.execute("UPDATE vangnet_meta SET version = %s", (version,))
        record = {
            "added": list(changes.added),
            "archived": list(changes.archived),
            "removed": list(changes.removed),
            "changed": {org_id: [c.column for c in cs] for org_id, cs in changes.changed.items()},
        }
        conn.execute(
            "INSERT INTO vangnet_history (version, previous_version, author, saved_at, note, changes) "
            "VALUES (%s, %s, %s, %s, %s, %s)",
            (version, previous, author, moment, note, Jsonb(record)),
        )
        self._tidy(conn, moment)

    def _tidy(self, conn, now: datetime) -> None:
        """Remove the content of versions beyond both retention rules (store.retention); history stays."""
        rows = conn.execute(
            "SELECT version, author, saved_at, previous_version, note, changes, true FROM vangnet_history ORDER BY id"
        ).fetchall()
        newest_first, retained = retention([_entry(row) for row in rows], now)
        gone = [v for v in newest_first if v not in retained]
        if gone:
            conn.execute("DELETE FROM vangnet_versions WHERE version = ANY(%s)", (gone,))

    # -- the connection -----------------------------------------------------------------------

    def _snapshot(self, version: str, content: bytes | None) -> Directory:
        if not version:
            raise DirectoryError(
                f"{self.name} bevat nog geen organisatielijst; zet er een in met "
                "python -m directory copy data/organisaties.csv DATABASE-URL"
            )
        if content is None:
            raise DirectoryError(f"versie {version} is niet bewaard in {self.name}; laad de pagina opnieuw")
        themes = load_themes(self.themes_path)
        table = parse(bytes(content))
        if table.version != version:  # never show one version's list under another's name
            raise DirectoryError(f"versie {version} in {self.name} is beschadigd; zet een andere versie terug")
        return build_directory(table, themes, None, load_region(self.data_path))

    def _read(self, query: Callable[[psycopg.Connection], object]):
        """Run a read; once more on a new connection when the old one broke (a restarted server)."""
        with self._connected() as conn:
            try:
                return query(conn)
            except psycopg.OperationalError:
                if not conn.broken:
                    raise
        with self._connected() as conn:  # a new connection: _connected drops the broken one
            return query(conn)

    @contextlib.contextmanager
    def _connected(self) -> Iterator[psycopg.Connection]:
        with self._lock:
            try:
                if self._connection is None or self._connection.closed or self._connection.broken:
                    self._connection = self._connect()
                yield self._connection
            except psycopg.Error as exc:
                if self._connection is not None and self._connection.broken:
                    self._connection.close()
                    self._connection = None
                raise self._dutch(exc) from None

    def _connect(self) -> psycopg.Connection:
        try:
            return psycopg.connect(
                self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_SECONDS, application_name="vangnet"
            )
        except psycopg.ProgrammingError:  # its text may quote the URL, password and all
            raise DirectoryError(
                "het databaseadres is niet geldig; schrijf het als postgresql://gebruiker:wachtwoord@server:5432/naam"
            ) from None

    def _dutch(self, exc: psycopg.Error) -> DirectoryError:
        if isinstance(exc, errors.UndefinedTable):
            return DirectoryError(
                f"{self.name} is nog niet ingericht voor Vangnet; doe eerst: python -m directory db init DATABASE-URL"
            )
        if isinstance(exc, errors.LockNotAvailable):
            return DirectoryError(
                "de lijst wordt op dit moment door iemand anders opgeslagen; probeer het over een minuut opnieuw"
            )
        if isinstance(exc, psycopg.OperationalError):
            reason = _without_password(_first_line(exc), self.url)
            return DirectoryError(
                f"{self.name} is niet bereikbaar ({reason}); er is niets veranderd. "
                "Controleer het adres in VANGNET_DATABASE_URL en of de databaseserver draait."
            )
        return DirectoryError(f"{self.name} gaf een fout ({type(exc).__name__}); er is niets veranderd")

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None


class _Stale(Exception):
    """Leaves the save's transaction (rolled back) to report the conflict with a fresh snapshot."""


def _entry(row) -> HistoryEntry:
    version, author, moment, previous, note, changes, available = row
    return HistoryEntry(
        version=version,
        author=author,
        timestamp=moment,
        previous_version=previous,
        note=note,
        added=tuple(changes.get("added", ())),
        archived=tuple(changes.get("archived", ())),
        removed=tuple(changes.get("removed", ())),
        changed={k: tuple(v) for k, v in changes.get("changed", {}).items()},
        available=bool(available),
    )


def _without_password(text: str, url: str) -> str:
    # libpq does not quote passwords in its messages; this makes sure for any that might.
    with contextlib.suppress(psycopg.ProgrammingError):
        password = psycopg.conninfo.conninfo_to_dict(url).get("password")
        if password:
            return text.replace(str(password), "…")
    return text


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
