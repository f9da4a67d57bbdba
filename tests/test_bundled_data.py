"""The shipped Amersfoort list keeps the promises of the foundation issue."""

from __future__ import annotations

import csv
import json

import pytest

from directory import load_directory
from directory.contract import COLUMN_ORDER
from tests.conftest import DATA, ROOT, shared_file

REQUIRED_IDS = [
    "gemeente-amersfoort",
    "clientenraad-werk-en-inkomen",
    "matchpoint",
    "motiva-straatadvocaten",
    "sociaal-fonds-amersfoort",
    "kledingbank",
    "stadsring51",
    "wijkteam-soesterkwartier",
    "leergeld",
    "namtob-bewindvoering",
    "jellinek",
    "voedselbank",
    "schuldhulpmaatje",
    "jit",
    "indebuurt033",
    "jongerius-gerechtsdeurwaarders",
    "humanitas-thuisadministratie",
    "nva",
    "pact-samsam",
    "burgerweeshuis",
    "het-zit-even-tegen",
    "caritas",
    "geldcheck033",
    "jeugdfonds-sport-cultuur",
    "taalhuis",
    "vluchtelingenwerk",
    "leger-des-heils",
    "kwintes",
    "home-start",
    "stichting-urgente-noden",
]
AMERSFOORT = (52.10, 52.23, 5.30, 5.47)


@pytest.fixture(scope="module")
def directory():
    return load_directory(DATA)


def test_size_and_required_organisations(directory):
    assert len(directory.organisations) >= 45
    missing = set(REQUIRED_IDS) - set(directory.by_id)
    assert not missing


def test_header_follows_the_contract_in_order():
    with DATA.open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header[: len(COLUMN_ORDER)] == list(COLUMN_ORDER)


def test_matchpoint_is_archived(directory):
    assert directory.get("matchpoint").actief is False


def test_every_active_organisation_is_complete_and_in_amersfoort(directory):
    south, north, west, east = AMERSFOORT
    for org in directory.active:
        assert org.themas and org.aanmelden and org.omschrijving, org.id
        if org.has_location:
            assert south <= org.lat <= north and west <= org.lon <= east, org.id
            assert org.locatie_nauwkeurigheid in ("adres", "wijk"), org.id
        else:
            assert org.locatie_nauwkeurigheid == "", org.id


def test_no_pin_without_an_address_or_a_wijk(directory):
    """A city-centre point for an organisation without a visiting address put 36 of 46 on one spot and
    gave each of them the same distance; such an organisation now has no pin and is listed beside the map."""
    for org in directory.active:
        if org.has_location:
            assert org.adres or (org.wijk and org.locatie_nauwkeurigheid == "wijk"), org.id
    assert sum(1 for org in directory.active if not org.has_location) >= 20


def test_visiting_addresses_come_from_the_facts():
    """Never an invented address: each street in the list is named in the shared facts files."""
    facts = "".join(
        shared_file(f"reference/amersfoort/{name}").read_text(encoding="utf-8")
        for name in ("organisaties-feiten.csv", "adressen-feiten.csv")
    )
    for org in load_directory(DATA).organisations:
        for street in org.adres.replace("/", ",").replace("(", ",").replace(")", ",").split(","):
            if street.strip():
                assert street.strip().lower() in facts.lower(), (org.id, street)


def test_nothing_claims_to_be_verified(directory):
    assert all(org.laatst_gecontroleerd is None for org in directory.organisations)


CBS_CENTROIDS = "reference/amersfoort-wijken-cbs2024/amersfoort_wijken_2024_centroids_DERIVED.csv"


def read_centroids(path, name_column: str) -> dict[str, tuple[float, float]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {r[name_column]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(fh)}


def test_the_bundled_wijken_are_the_cbs_centroids():
    bundled = read_centroids(ROOT / "data" / "wijken.csv", "wijk")
    assert bundled == read_centroids(shared_file(CBS_CENTROIDS), "statnaam")


def test_wijk_locations_are_the_cbs_centroids(directory):
    # data/wijken.csv is the bundled copy of the CBS/PDOK centroids (checked against ../shared above),
    # so this runs on any clone.
    centroids = read_centroids(ROOT / "data" / "wijken.csv", "wijk")
    for org in directory.active:
        if org.locatie_nauwkeurigheid == "wijk":
            assert org.wijk in centroids, org.id
            assert (round(org.lat, 4), round(org.lon, 4)) == tuple(round(v, 4) for v in centroids[org.wijk]), org.id


def test_contact_details_come_from_the_facts():
    """Never an invented phone number or e-mail address: each must appear in the facts file."""
    facts = shared_file("reference/amersfoort/organisaties-feiten.csv").read_text(encoding="utf-8")
    directory = load_directory(DATA)
    for org in directory.organisations:
        for value in (org.telefoon, org.email):
            if value:
                assert value in facts, (org.id, value)


def test_vocabulary_has_about_twenty_themes_with_everyday_words(directory):
    assert 18 <= len(directory.themes) <= 30
    for theme in directory.themes:
        assert len(theme.woorden) >= 10, theme.id


def test_every_theme_is_used(directory):
    used = {t for org in directory.active for t in org.themas}
    assert {t.id for t in directory.themes} <= used


def test_no_cell_starts_like_a_formula():
    with DATA.open(encoding="utf-8") as handle:
        for row in csv.reader(handle):
            assert not any(cell[:1] in ("=", "+", "-", "@") for cell in row), json.dumps(row)


def test_bundled_place_names_are_clean_text():
    """The postcode table's place names are readable: the upstream table had 27 names with broken letters
    ("Mari+½nberg", "Damw+óld"); they were restored from GeoNames. A broken name is no place word a
    volunteer can type."""
    with (ROOT / "data" / "postcodes.csv").open(encoding="utf-8", newline="") as handle:
        names = {row["plaats"] for row in csv.DictReader(handle)}
    broken = sorted(n for n in names if not all(c.isalnum() or c in " -'.()" for c in n))
    assert broken == []
    assert {"Mariënberg", "Damwâld", "Kûbaard", "2e Exloërmond"} <= names


def _postcode_rows() -> list[dict]:
    with (ROOT / "data" / "postcodes.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_no_postcode_point_is_a_stand_in_or_abroad():
    """The postcode table put 69 post-office-box PC4 on two stand-in points near Alphen aan den Rijn, and a few
    abroad; "7502 Enschede" then made Enschede a part of Alphen aan den Rijn (tools/repair_pc4_coordinates.py)."""
    rows = _postcode_rows()
    places_at: dict[tuple[str, str], set[str]] = {}
    for row in rows:
        places_at.setdefault((row["lat"], row["lon"]), set()).add(row["plaats"])
    assert [p for p in places_at.values() if len(p) > 1] == []
    assert [r["pc4"] for r in rows if not (50.7 <= float(r["lat"]) <= 53.7 and 3.2 <= float(r["lon"]) <= 7.3)] == []


@pytest.mark.parametrize(
    ("plaats", "gemeente"),
    [("Enschede", "Enschede"), ("Zwolle", "Zwolle"), ("Eindhoven", "Eindhoven"), ("Tilburg", "Tilburg")],
)
def test_a_town_lies_in_its_own_municipality(plaats, gemeente):
    assert {r["gemeente"] for r in _postcode_rows() if r["plaats"] == plaats} == {gemeente}
