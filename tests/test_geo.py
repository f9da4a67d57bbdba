def test_a_place_far_from_every_organisation_is_outside_the_list():
    """1012 (Amsterdam) on the Amersfoort list: a distance from there, or a map centred there, shows nobody."""
    from directory import load_directory
    from directory.geo import outside_message, outside_the_list, postcode_place
    from tests.conftest import DATA

    organisations = load_directory(DATA).active
    amsterdam, amersfoort = postcode_place("1012 AB"), postcode_place("3811 AB")
    assert outside_the_list(amsterdam, organisations)
    assert not outside_the_list(amersfoort, organisations)
    assert not outside_the_list(amsterdam, [o for o in organisations if not o.has_location])  # nothing to measure
    assert "Amsterdam, buiten het gebied van deze lijst (Amersfoort)" in outside_message(amsterdam.name, "Amersfoort")


def test_an_unknown_postcode_of_four_digits_is_named_as_unknown_not_as_mistyped():
    from directory.geo import locate
    from directory.region import Region

    region = Region()
    unknown = locate(region, "1234")
    assert unknown.place is None
    assert unknown.warning.startswith("Postcode 1234 staat niet in de postcodelijst")
    assert "vier cijfers" not in unknown.warning
    assert "kies de wijk" in locate(region, "1234 AB", or_else=" en kies de wijk").warning
    assert "vier cijfers" in locate(region, "12").warning  # not a postcode at all
    assert locate(region, "3811").warning is None
