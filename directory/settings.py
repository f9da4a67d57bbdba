"""What differs per region, as data: `regio.toml` beside the organisation list, all of it optional.

```toml
naam = "Zwolle"                     # the region's name, shown in texts
provincie = "Overijssel"            # for addresses in the Open Referral export
plaatsen = ["Zwolle"]               # places that lie in that province
ingangen = ["geldloket"]            # where to start when nothing fits (organisation ids)
wijken = "wijken.csv"               # wijk,lat,lon (beside regio.toml); default: the bundled file
postcodes = "postcodes.csv"         # pc4,plaats,lat,lon; default: the bundled file
achtergrond = "pdok"                # map tiles: pdok, osm or geen

[kaart]
midden = [52.5125, 6.0944]          # default: the middle of the organisations' addresses
zoom = 13
```

Without the file everything is derived from the list itself, so another municipality's coordinator runs
Vangnet on their own list without touching code. `Settings` is built once (the app builds it at start,
from $VANGNET_DATA); the core gets it passed, and tests pass their own folder.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from directory.model import DirectoryError, Problem
from directory.region import BUNDLED_POSTCODES, BUNDLED_WIJKEN, Region
from directory.schema import NL_BOUNDS

REGION_FILE = "regio.toml"
DATA_ENV = "VANGNET_DATA"
DATABASE_ENV = "VANGNET_DATABASE_URL"
BUNDLED_DATA = Path(__file__).resolve().parent.parent / "data" / "organisaties.csv"
TILE_CHOICES = ("pdok", "osm", "geen")


class _MapSection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    midden: tuple[float, float] | None = None
    zoom: int = Field(default=13, ge=5, le=18)

    @field_validator("midden")
    @classmethod
    def _in_the_netherlands(cls, value: tuple[float, float] | None) -> tuple[float, float] | None:
        south, north, west, east = NL_BOUNDS
        if value is not None and not (south <= value[0] <= north and west <= value[1] <= east):
            raise ValueError("ligt niet in Nederland; schrijf [breedtegraad, lengtegraad], bijvoorbeeld [52.16, 5.39]")
        return value


class _RegionFile(BaseModel):
    """The shape of regio.toml. Unknown keys are refused, so a typo ("ingang") is said, not ignored."""

    model_config = ConfigDict(extra="forbid")

    naam: str = ""
    provincie: str = ""
    plaatsen: tuple[str, ...] = ()
    ingangen: tuple[str, ...] = ()
    wijken: str = ""
    postcodes: str = ""
    achtergrond: str = "pdok"
    kaart: _MapSection = _MapSection()

    @field_validator("achtergrond")
    @classmethod
    def _known_tiles(cls, value: str) -> str:
        if value not in TILE_CHOICES:
            raise ValueError(f"kies {', '.join(TILE_CHOICES[:-1])} of {TILE_CHOICES[-1]}")
        return value


@dataclass(frozen=True)
class Settings:
    data_path: Path
    # $VANGNET_DATABASE_URL: the list lives in PostgreSQL, shared by several app servers. The files beside
    # data_path (themas.csv, regio.toml) still give the vocabulary and the region.
    database_url: str = ""

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """$VANGNET_DATA when set, else the bundled list; read once, by whoever builds the settings."""
        environ = os.environ if environ is None else environ
        configured = environ.get(DATA_ENV, "").strip()
        database = environ.get(DATABASE_ENV, "").strip()
        return cls(Path(configured) if configured else BUNDLED_DATA, database)

    @property
    def store_location(self) -> str | Path:
        """Where the list is kept: the database when configured, else the CSV file."""
        return self.database_url or self.data_path

    def __repr__(self) -> str:  # the database URL may hold a password; never in a log or a traceback
        return f"Settings(data_path={self.data_path!r}, database={'ja' if self.database_url else 'nee'})"


def load_region(data_path: str | Path) -> Region:
    """The regio.toml beside the list, or the derived defaults. Raises DirectoryError in Dutch."""
    path = Path(data_path).with_name(REGION_FILE)
    if not path.is_file():
        return Region()
    try:
        text = path.read_text(encoding="utf-8")
        raw = tomllib.loads(text)
    except UnicodeDecodeError:
        raise DirectoryError(
            Problem("is niet in UTF-8 opgeslagen; sla het bestand op als UTF-8", bestand=REGION_FILE), path
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise DirectoryError(_toml_problem(exc, text), path) from None
    except OSError as exc:
        raise DirectoryError(Problem(f"kan niet worden gelezen ({exc.strerror})", bestand=REGION_FILE), path) from None
    try:
        parsed = _RegionFile.model_validate(raw)
    except ValidationError as exc:
        raise DirectoryError([_field_problem(error) for error in exc.errors()], path) from None
    return Region(
        name=parsed.naam.strip(),
        province=parsed.provincie.strip(),
        places=tuple(p.strip() for p in parsed.plaatsen if p.strip()),
        entry_points=tuple(i.strip() for i in parsed.ingangen if i.strip()),
        wijken_path=_beside(path, parsed.wijken, BUNDLED_WIJKEN, "wijken"),
        postcodes_path=_beside(path, parsed.postcodes, BUNDLED_POSTCODES, "postcodes"),
        tiles=parsed.achtergrond,
        map_centre=parsed.kaart.midden,
        map_zoom=parsed.kaart.zoom,
        source=path,
    )


def _beside(regio: Path, name: str, default: Path, key: str) -> Path:
    if not name.strip():
        return default
    candidate = regio.parent / name.strip()
    if not candidate.is_file():
        raise DirectoryError(
            Problem(
                f"het bestand {name!r} bestaat niet naast {REGION_FILE}; zet het daar neer of laat '{key}' weg",
                kolom=key,
                bestand=REGION_FILE,
            ),
            regio,
        )
    return candidate


def _toml_problem(exc: tomllib.TOMLDecodeError, text: str) -> Problem:
    found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
    regel = int(found.group(1)) if found else (len(text.splitlines()) or 1 if "end of document" in str(exc) else None)
    return Problem(
        "is geen geldige TOML; kijk naar aanhalingstekens, komma's en [haakjes] op deze regel",
        regel=regel,
        bestand=REGION_FILE,
    )


# What each setting should look like, said in Dutch when a value has the wrong form.
EXPECTED = {
    "naam": 'tekst tussen aanhalingstekens, bijvoorbeeld "Zwolle"',
    "provincie": 'tekst tussen aanhalingstekens, bijvoorbeeld "Overijssel"',
    "plaatsen": 'een lijst, bijvoorbeeld ["Zwolle", "Windesheim"]',
    "ingangen": 'een lijst van ids uit de organisatielijst, bijvoorbeeld ["geldloket"]',
    "wijken": 'een bestandsnaam, bijvoorbeeld "wijken.csv"',
    "postcodes": 'een bestandsnaam, bijvoorbeeld "postcodes.csv"',
    "achtergrond": '"pdok", "osm" of "geen"',
    "kaart": "een blok [kaart] met midden en zoom",
    "kaart.midden": "[breedtegraad, lengtegraad], bijvoorbeeld [52.51, 6.09]",
    "kaart.zoom": "een heel getal van 5 tot 18",
}


def _field_problem(error: Mapping) -> Problem:
    where = ".".join(str(part) for part in error.get("loc", ()) if not isinstance(part, int))
    if error.get("type") == "extra_forbidden":
        message = "is geen bekende instelling; kies uit naam, provincie, plaatsen, ingangen, wijken, postcodes, "
        message += "achtergrond en [kaart] met midden en zoom"
    elif error.get("type") == "value_error":  # our own validators say it in Dutch already
        message = str(error.get("ctx", {}).get("error", ""))
    else:
        message = f"heeft niet de goede vorm; schrijf {EXPECTED.get(where, 'een geldige waarde')}"
    return Problem(message, kolom=where or None, bestand=REGION_FILE)
