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
