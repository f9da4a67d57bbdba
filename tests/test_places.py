"""Honest places: a distance only for a real address; words for an approximate or unknown place."""

from __future__ import annotations

import pytest

from directory.model import Organisation
from directory.places import Certainty, by_distance, unmapped, whereabouts

BASE = {"domein": "ondersteuning", "omschrijving": "Helpt.", "themas": ("voedsel",), "aanmelden": "Bel."}


def org(org_id: str, **fields) -> Organisation:
    return Organisation(id=org_id, naam=fields.pop("naam", org_id.title()), **BASE, **fields)


EXACT_NEAR = org("dichtbij", adres="Stadhuisplein 1", plaats="Oostdorp", lat=52.1567, lon=5.3842,
                 locatie_nauwkeurigheid="adres")  # fmt: skip
EXACT_FAR = org("verweg", adres="Laan 9", plaats="Oostdorp", lat=52.2000, lon=5.4500, locatie_nauwkeurigheid="adres")
WIJK = org("wijkhuis", wijk="Kruiskamp", plaats="Oostdorp", lat=52.1614, lon=5.3963, locatie_nauwkeurigheid="wijk")
CITYWIDE = org("stadsbreed", plaats="Oostdorp")
STREET_ONLY = org("straat", adres="Hogeweg", plaats="Oostdorp")
NOWHERE = org("nergens")


@pytest.mark.parametrize(
    ("organisation", "km", "certainty", "label"),
    [
        (EXACT_NEAR, 1.234, Certainty.ADDRESS, "1,2 km"),
        (WIJK, 3.0, Certainty.AREA, "in de wijk Kruiskamp"),  # the centroid's distance is never shown
        (CITYWIDE, None, Certainty.CITYWIDE, "in heel Oostdorp"),  # the place comes from the data
        (STREET_ONLY, None, Certainty.NO_POINT, "afstand onbekend"),
        (NOWHERE, None, Certainty.UNKNOWN, "locatie onbekend"),
        (org("centrum", plaats="", lat=52.15, lon=5.38, locatie_nauwkeurigheid="stad"), 2.0, Certainty.AREA,
         "in de hele stad"),
    ],
)  # fmt: skip
def test_a_distance_is_shown_only_for_a_real_address(organisation, km, certainty, label):
    found = whereabouts(organisation, km)
    assert (found.certainty, found.label) == (certainty, label)
    assert (found.km is not None) == (certainty is Certainty.ADDRESS)
    assert found.known == (certainty is Certainty.ADDRESS)


def test_known_addresses_come_first_nearest_first_then_the_approximate_ones():
    # The wijk centroid is closer to the point than the far address, and still comes after it.
    found = by_distance([NOWHERE, CITYWIDE, WIJK, EXACT_FAR, STREET_ONLY, EXACT_NEAR], 52.1614, 5.3963)
    assert [w.organisation.id for w in found] == ["dichtbij", "verweg", "wijkhuis", "straat", "stadsbreed", "nergens"]
    assert [w.km is not None for w in found] == [True, True, False, False, False, False]
    assert found[0].km < found[1].km
    assert by_distance([], 52.1, 5.3) == []


@pytest.mark.parametrize("typed", ["3814 AB", "3814ab", " 3814  ab "])
def test_an_address_on_the_typed_postcode_comes_first_whatever_its_point(typed):
    """A point in the middle of the wijk is no address, but an address with this very postcode is right here."""
    here = org("hier", adres="Laan 33", postcode="3814 AB", wijk="Kruiskamp", plaats="Oostdorp", lat=52.1700,
               lon=5.4100, locatie_nauwkeurigheid="wijk")  # fmt: skip
    found = by_distance([EXACT_NEAR, WIJK, here], 52.1567, 5.3842, postcode=typed)
    assert [w.organisation.id for w in found] == ["hier", "dichtbij", "wijkhuis"]
    assert found[0].label == "op deze postcode" and found[0].km is None


@pytest.mark.parametrize("typed", ["", "3814", "3814 A", "ABCD EF", "3814 ABC", "<b>3814AB</b>"])
def test_without_a_full_postcode_nothing_moves_up(typed):
    here = org("hier", adres="Laan 33", postcode="3814 AB", plaats="Oostdorp", lat=52.17, lon=5.41,
               locatie_nauwkeurigheid="wijk")  # fmt: skip
    found = by_distance([EXACT_NEAR, here], 52.1567, 5.3842, postcode=typed)
    assert [w.organisation.id for w in found] == ["dichtbij", "hier"]


def test_organisations_without_a_pin_are_grouped_under_a_heading_from_their_place():
    groups = unmapped([EXACT_NEAR, WIJK, NOWHERE, STREET_ONLY, CITYWIDE, org("ander", plaats="Oostdorp")])
    assert [(g.title, [o.id for o in g.organisations]) for g in groups] == [
        ("Werkt in heel Oostdorp", ["ander", "stadsbreed"]),
        ("Adres bekend, niet op de kaart", ["straat"]),
        ("Plek onbekend", ["nergens"]),
    ]
    assert unmapped([EXACT_NEAR, WIJK]) == []
