"""Load a validated Directory from an organisation list and its theme vocabulary."""

from __future__ import annotations

from pathlib import Path

from directory import csvfile
from directory.gcpause import paused_gc
from directory.model import Directory, DirectoryError, Problem, Theme
from directory.region import DERIVED, Region
from directory.schema import validate_columns, validate_themes
from directory.settings import REGION_FILE, Settings, load_region

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_THEMES = PROJECT_ROOT / "data" / "themas.csv"


def default_data_path() -> Path:
    """The list to use: $VANGNET_DATA when set, else the bundled list (see Settings.from_environment)."""
    return Settings.from_environment().data_path


def themes_path_for(data_path: str | Path) -> Path:
    """A list's vocabulary is the themas.csv beside it, or else the bundled one."""
    beside = Path(data_path).with_name("themas.csv")
    return beside if beside.is_file() else BUNDLED_THEMES


def directory_version(data_path: str | Path) -> str:
    """Changes whenever the list or its vocabulary changes; a cache key for the loaded Directory."""
    return csvfile.file_version(data_path) + "-" + csvfile.file_version(themes_path_for(data_path))


def load_themes(path: str | Path) -> tuple[Theme, ...]:
    path = Path(path)
    try:
        table = csvfile.load(path)
    except DirectoryError as exc:
        raise DirectoryError([p.in_file(path.name) for p in exc.problems], path) from None
    themes, problems = validate_themes(table.header, table.rows, bestand=path.name)
    if problems:
        raise DirectoryError(problems, path)
    return tuple(themes)


def load_directory(path: str | Path | None = None, themes_path: str | Path | None = None) -> Directory:
    """Read, validate and return the list. Raises DirectoryError carrying every problem found."""
    path = Path(path) if path is not None else default_data_path()
    with paused_gc():
        table = csvfile.load(path)
        themes = load_themes(themes_path if themes_path is not None else themes_path_for(path))
        return build_directory(table, themes, path, load_region(path))


def build_directory(table: csvfile.Table, themes: tuple[Theme, ...], path: Path, region: Region = DERIVED) -> Directory:
    """Validate a parsed table against its themes: the one place a Directory is made."""
    with paused_gc():
        result = validate_columns(table.header, table.columns, table.regels, themes)
    if result.problems:
        raise DirectoryError(list(result.problems), path)
    # A named entry point that is gone is a warning, not a broken app: the others (or derived ones) are used.
    missing = _entry_point_problems(region, {o.id for o in result.organisations if o.actief})
    return Directory(
        organisations=result.organisations,
        themes=themes,
        columns=table.header,
        version=table.version,
        dialect=table.dialect,
        source=path,
        warnings=table.warnings + result.warnings + tuple(missing),
        region=region,
    )


def _entry_point_problems(region: Region, ids: set[str]) -> list[Problem]:
    return [
        Problem(
            f"ingang {org_id!r} staat niet (actief) in de organisatielijst; gebruik een id uit de lijst",
            kolom="ingangen",
            bestand=REGION_FILE,
        )
        for org_id in region.entry_points
        if org_id not in ids
    ]
