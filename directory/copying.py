"""`python -m directory copy BRON DOEL` and `python -m directory db init URL`: the list between a CSV file
and a PostgreSQL database, both ways, for moving to a database and for backups.

A copy is a save in the target like any other: validated with the target's rules, one version in its
history by author "kopie". The rows are copied as they are (unknown columns and order included), so a
CSV file in UTF-8 with commas and its copy in a database have the same version. A target that already
holds a list is only replaced with --vervang; its old version stays in its history.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from directory.csvfile import parse
from directory.model import DirectoryError
from directory.settings import Settings
from directory.stores import ListStore, is_database_url, open_store

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
COPY_AUTHOR = "kopie"


def add_parsers(sub) -> None:
    copy = sub.add_parser(
        "copy", help="kopieer de organisatielijst tussen een CSV-bestand en een database (beide kanten op)"
    )
    copy.add_argument("source", metavar="BRON", help="een CSV-bestand of een databaseadres (postgresql://…)")
    copy.add_argument("target", metavar="DOEL", help="een CSV-bestand of een databaseadres (postgresql://…)")
    copy.add_argument(
        "--vervang",
        action="store_true",
        help="vervang de lijst die al in het doel staat (de oude versie blijft in de geschiedenis van het doel)",
    )
    db = sub.add_parser("db", help="een database voor Vangnet inrichten")
    db_sub = db.add_subparsers(dest="db_command", metavar="opdracht", required=True, parser_class=type(db))
    init = db_sub.add_parser("init", help="maak de tabellen van Vangnet aan (een tweede keer doet niets)")
    init.add_argument("url", metavar="URL", help="het databaseadres, postgresql://gebruiker@server:5432/naam")


def cmd_copy(args: argparse.Namespace) -> int:
    if _same(args.source, args.target):
        print("bron en doel zijn hetzelfde; kies een ander doel", file=sys.stderr)
        return EXIT_USAGE
    data_path = Settings.from_environment().data_path  # the themes and region the app uses with a database
    print(copy_list(args.source, args.target, args.vervang, data_path))
    return EXIT_OK


def cmd_db(args: argparse.Namespace) -> int:
    if not is_database_url(args.url):
        print("geef een databaseadres, bijvoorbeeld postgresql://vangnet@localhost:5432/vangnet", file=sys.stderr)
        return EXIT_USAGE
    store = open_store(args.url)
    created = store.init()
    print(f"{store.name} is {'nu' if created else 'al'} ingericht voor Vangnet")
    return EXIT_OK


def copy_list(source: str | Path, target: str | Path, replace: bool = False, data_path: Path | None = None) -> str:
    """Copy the list from `source` to `target` (each a CSV path or a database URL); a Dutch line on success.

    Raises DirectoryError (nothing written) when the source is not a valid list, the target already holds
    one and `replace` is false, or the target's rules refuse the list.
    """
    origin = open_store(source, data_path)
    header, rows, version = _read(origin)
    destination = open_store(target, data_path)
    if is_database_url(target):
        destination.init()  # the first copy into an empty database sets it up
    existing = destination.current_version()
    if existing and not replace:
        raise DirectoryError(
            f"{destination.name} bevat al een organisatielijst (versie {existing}); er is niets gekopieerd. "
            "Kies --vervang om die te vervangen; de oude versie blijft dan in de geschiedenis."
        )
    saved = destination.replace(header, rows, COPY_AUTHOR, f"kopie van {origin.name}", existing)
    same = "dezelfde versie" if saved.version == version else f"versie {saved.version}"
    return (
        f"gekopieerd: {len(saved.organisations)} organisaties van {origin.name} naar {destination.name} "
        f"({same}{'' if existing else ', nieuw'})"
    )


def _read(store: ListStore) -> tuple[list[str], list[dict[str, str]], str]:
    """The source's header and rows as they are stored, after checking that it is a valid list."""
    snapshot = store.load()  # a broken source is refused with its own file name and line numbers
    data = store.version_bytes(snapshot.version)
    if data is None:
        raise DirectoryError(f"{store.name} veranderde tijdens het kopiëren; probeer het opnieuw")
    table = parse(data)
    return list(table.header), [dict(row.cells) for row in table.rows], snapshot.version


def _same(source: str, target: str) -> bool:
    if is_database_url(source) or is_database_url(target):
        return source.strip() == target.strip()
    try:
        return Path(source).resolve() == Path(target).resolve()
    except OSError:
        return False
