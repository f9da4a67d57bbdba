"""Reading an HSDS package safely: a folder, a datapackage.json or a zip, with size limits, as CSV tables."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from directory import csvfile, fields
from directory.hsds.spec import DESCRIPTOR_NAME
from directory.model import DirectoryError, Problem

# --- import: reading the files ----------------------------------------------------------------

# Per file and for the whole package: a zip of a few MB must not unpack into gigabytes.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_PACKAGE_BYTES = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 10_000
# Resource -> file names, newest spec first; HSDS 2 and Ohana (HSDS 1) names as well.
KNOWN_FILES: dict[str, tuple[str, ...]] = {
    "organization": ("organizations.csv",),
    "service": ("services.csv",),
    "location": ("locations.csv",),
    "address": ("addresses.csv", "physical_addresses.csv"),
    "phone": ("phones.csv",),
    "service_at_location": ("service_at_location.csv", "services_at_location.csv"),
    "attribute": ("attributes.csv", "service_attributes.csv"),
    "taxonomy_term": ("taxonomy_terms.csv",),
    "schedule": ("schedules.csv", "regular_schedules.csv"),
}
WHAT_TO_CHOOSE = "kies de map met de HSDS-bestanden, het bestand datapackage.json of een zip-bestand"


class _Files:
    """The files of a package by lower-case name, read on demand within the size limits."""

    def __init__(self, names: Iterable[str], opener: Callable[[str], bytes]):
        self.names = set(names)
        self._open = opener
        self._budget = MAX_PACKAGE_BYTES

    def read(self, name: str) -> bytes:
        data = self._open(name)
        self._budget -= len(data)
        if self._budget < 0:
            raise DirectoryError(
                Problem(
                    f"alle bestanden samen zijn groter dan {MAX_PACKAGE_BYTES // 2**20} MB; "
                    "dit bestand is niet meer gelezen",
                    bestand=name,
                )
            )
        return data


def _too_big(name: str) -> DirectoryError:
    return DirectoryError(
        Problem(
            f"het bestand is groter dan {MAX_FILE_BYTES // 2**20} MB en is niet gelezen; is dit echt een HSDS-bestand?",
            bestand=name,
        )
    )


def open_source(source: str | Path | bytes | bytearray | memoryview) -> _Files:
    if isinstance(source, bytes | bytearray | memoryview):
        return _zip_files(bytes(source))
    path = Path(source)
    if not path.exists():
        raise DirectoryError(f"{path} bestaat niet; {WHAT_TO_CHOOSE}", path)
    if path.is_dir():
        return _folder_files(path)
    if path.suffix.lower() == ".zip":
        try:
            if path.stat().st_size > MAX_PACKAGE_BYTES:
                raise DirectoryError(
                    f"het zip-bestand is groter dan {MAX_PACKAGE_BYTES // 2**20} MB; is dit wel een HSDS-pakket?",
                    path,
                )
            return _zip_files(path.read_bytes())
        except OSError as exc:
            raise DirectoryError(f"{path} kan niet worden gelezen ({exc.strerror}); {WHAT_TO_CHOOSE}", path) from None
    if path.name.lower() == DESCRIPTOR_NAME or path.suffix.lower() == ".csv":
        return _folder_files(path.parent)
    raise DirectoryError(f"{path.name} is geen HSDS-pakket; {WHAT_TO_CHOOSE}", path)


def _folder_files(folder: Path) -> _Files:
    try:
        entries = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
    except OSError as exc:
        raise DirectoryError(f"de map {folder} kan niet worden gelezen ({exc.strerror})", folder) from None

    def read(name: str) -> bytes:
        path = entries[name]
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise _too_big(path.name)
            return path.read_bytes()
        except OSError as exc:
            raise DirectoryError(Problem(f"kan niet worden gelezen ({exc.strerror})", bestand=path.name)) from None

    return _Files(entries, read)


def _zip_files(data: bytes) -> _Files:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise DirectoryError(
            "dit is geen (heel) zip-bestand; maak een zip van de HSDS-bestanden of kies de map zelf"
        ) from None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise DirectoryError(f"het zip-bestand bevat meer dan {MAX_ZIP_ENTRIES} bestanden; is dit wel een HSDS-pakket?")
    entries: dict[str, zipfile.ZipInfo] = {}
    # The shallowest file of each name wins, so 'export/organizations.csv' is found too.
    for info in sorted(infos, key=lambda i: (i.filename.count("/"), i.filename)):
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if info.is_dir() or path.name.startswith(".") or "__MACOSX" in path.parts:
            continue
        entries.setdefault(path.name.lower(), info)

    def read(name: str) -> bytes:
        info = entries[name]
        try:
            with archive.open(info) as handle:
                content = handle.read(MAX_FILE_BYTES + 1)
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, ValueError, EOFError) as exc:
            reason = "het is versleuteld" if "encrypt" in str(exc).lower() or "password" in str(exc).lower() else ""
            raise DirectoryError(
                Problem(
                    f"kan niet worden uitgepakt{f' ({reason})' if reason else ''}; maak het zip-bestand opnieuw",
                    bestand=PurePosixPath(info.filename).name,
                )
            ) from None
        if len(content) > MAX_FILE_BYTES:
            raise _too_big(PurePosixPath(info.filename).name)
        return content

    return _Files(entries, read)


@dataclass(frozen=True)
class HsdsTable:
    """An HSDS table as read: rows with lower-case column names, by id."""

    resource: str
    file: str
    rows: tuple[csvfile.Row, ...]
    by_id: dict[str, csvfile.Row]


def read_tables(files: _Files, problems: list[Problem]) -> dict[str, HsdsTable]:
    declared = _declared_files(files, problems)
    tables = {}
    for resource, names in KNOWN_FILES.items():
        candidates = [declared[resource], *names] if resource in declared else list(names)
        name = next((n for n in candidates if n in files.names), None)
        if resource in declared and name != declared[resource]:
            instead = f"; {name} is gebruikt" if name else ""
            problems.append(
                Problem(
                    f"noemt het bestand {fields.quote(declared[resource])} voor {resource}, maar dat zit niet in het "
                    f"pakket{instead}",
                    bestand=DESCRIPTOR_NAME,
                )
            )
        table = _read_table(files, resource, name, problems) if name else None
        if table is not None:
            tables[resource] = table
    return tables


def _declared_files(files: _Files, problems: list[Problem]) -> dict[str, str]:
    """Resource -> file name, from datapackage.json when there is one (it may use other names)."""
    if DESCRIPTOR_NAME not in files.names:
        return {}
    try:
        package = json.loads(files.read(DESCRIPTOR_NAME).decode("utf-8-sig"))
    except DirectoryError as exc:
        problems.extend(p.in_file(DESCRIPTOR_NAME) for p in exc.problems)
        return {}
    except (ValueError, RecursionError):
        problems.append(
            Problem(
                "is geen geldig JSON-bestand en is overgeslagen; de standaard bestandsnamen worden gebruikt",
                bestand=DESCRIPTOR_NAME,
            )
        )
        return {}
    resources = package.get("resources") if isinstance(package, dict) else None
    declared = {}
    for item in resources if isinstance(resources, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("path"), str):
            continue
        resource = _known_resource(str(item.get("name", "")), item["path"])
        if resource is None:
            continue
        if "://" in item["path"]:
            problems.append(
                Problem(
                    f"{fields.quote(item['path'])} staat op internet; Vangnet haalt niets op, zet het bestand "
                    "in het pakket",
                    bestand=DESCRIPTOR_NAME,
                )
            )
            continue
        declared[resource] = PurePosixPath(item["path"].replace("\\", "/")).name.lower()
    return declared


def _known_resource(name: str, path: str) -> str | None:
    if name in KNOWN_FILES:
        return name
    file_name = PurePosixPath(path.replace("\\", "/")).name.lower()
    return next((r for r, names in KNOWN_FILES.items() if file_name in names), None)


def _read_table(files: _Files, resource: str, name: str, problems: list[Problem]) -> HsdsTable | None:
    try:
        data = files.read(name)
        if not data.strip():
            raise DirectoryError("het bestand is leeg en is overgeslagen")
        table = csvfile.parse(data, source=name)
    except DirectoryError as exc:
        problems.extend(p.in_file(name) for p in exc.problems)
        return None
    rows = tuple(csvfile.Row(r.regel, {k.strip().lower(): v for k, v in r.cells.items()}) for r in table.rows)
    header = {h.strip().lower() for h in table.header}
    if "id" not in header:
        problems.append(
            Problem(
                "de kolom 'id' ontbreekt; zonder id is niets te koppelen en is dit bestand overgeslagen",
                regel=1,
                kolom="id",
                bestand=name,
            )
        )
        return None
    by_id: dict[str, csvfile.Row] = {}
    for row in rows:
        key = row.cells.get("id", "").strip()
        if not key:
            problems.append(Problem("heeft geen id en is overgeslagen", regel=row.regel, kolom="id", bestand=name))
        elif key in by_id:
            problems.append(
                Problem(
                    f"het id {fields.quote(key)} staat ook op regel {by_id[key].regel}; deze regel is overgeslagen",
                    regel=row.regel,
                    kolom="id",
                    bestand=name,
                )
            )
        else:
            by_id[key] = row
    return HsdsTable(resource, name, tuple(by_id.values()), by_id)
