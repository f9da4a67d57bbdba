"""Review findings on Welke regelingen?: switching the unit of the income never reads the number in the
other unit, and numbers are shown the Dutch way."""

from __future__ import annotations

from decimal import Decimal

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.test_page_regelingen import open_page
from ui.regelingen import CLEARED, NET, PERCENT, dutch_number, euro, percent

APP = str(ROOT / "app.py")
UNIT, PERCENT_FIELD, NET_FIELD = "regeling_inkomen_soort", "regeling_inkomen_procent", "regeling_inkomen_netto"
REFUSED = "Dit klopt nog niet"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [(1500, 0, "1.500"), (1406, 0, "1.406"), (117.4, 1, "117,4"), (Decimal("2008.56"), 2, "2.008,56"), (0, 0, "0")],
)
def test_dutch_number(value, decimals, expected):
    assert dutch_number(value, decimals) == expected


@pytest.mark.parametrize(
    ("show", "value", "expected"),
    [(euro, 1500, "€ 1.500"), (percent, Decimal("117.4"), "117,4%"), (percent, 110, "110%"), (percent, 0, "0%")],
)
def test_amounts_and_percentages(show, value, expected):
    assert show(value) == expected


def found(at: AppTest) -> int:
    return sum(m.value.startswith("### ") for m in at.markdown)


def captions(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


def single_parent_of_35(monkeypatch, data_copy) -> AppTest:
    at = open_page(monkeypatch, data_copy)
    at.selectbox(key="regeling_huishouden").select("alleenstaande-ouder").run()
    at.number_input(key="regeling_leeftijd").set_value(35).run()
    return at


def test_a_net_income_switched_to_percent_is_converted_not_read_as_a_percentage(monkeypatch, data_copy):
    at = single_parent_of_35(monkeypatch, data_copy)
    at.radio(key=UNIT).set_value(NET).run()
    at.number_input(key=NET_FIELD).set_value(1500).run()
    assert "€ 1.500 is ongeveer 117,4% van het sociaal minimum" in captions(at)
    assert "117.4" not in captions(at)
    before = found(at)
    assert before > 0

    at.radio(key=UNIT).set_value(PERCENT).run()
    assert not at.exception
    assert at.number_input(key=PERCENT_FIELD).value == 117  # not 1500
    assert "In het veld staat nu 117%" in captions(at)
    assert not any(REFUSED in w.value for w in at.warning)
    assert found(at) == before  # 117% and 117,4% fall under the same limits here


def test_a_percentage_switched_to_net_is_converted_not_read_as_euros(monkeypatch, data_copy):
    at = single_parent_of_35(monkeypatch, data_copy)
    at.number_input(key=PERCENT_FIELD).set_value(200).run()
    above_limits = found(at)

    at.radio(key=UNIT).set_value(NET).run()
    assert not at.exception
    # 200% of the norm (€ 1.406 is 110%) is about € 2.556, not € 200, which would fit every limit.
    assert at.number_input(key=NET_FIELD).value == 2556
    assert "200% van het sociaal minimum is ongeveer € 2.556 netto per maand" in captions(at)
    assert found(at) == above_limits


def test_without_a_household_a_switch_empties_the_field_and_says_why(monkeypatch, data_copy):
    at = open_page(monkeypatch, data_copy)
    at.number_input(key=PERCENT_FIELD).set_value(110).run()
    at.radio(key=UNIT).set_value(NET).run()
    assert not at.exception
    assert at.number_input(key=NET_FIELD).value is None
    assert CLEARED in captions(at)
    assert not any(REFUSED in w.value for w in at.warning)


@pytest.mark.parametrize(("unit", "key", "highest"), [(PERCENT, PERCENT_FIELD, 1000), (NET, NET_FIELD, 99_999)])
def test_each_unit_has_its_own_whole_number_field_within_what_the_check_accepts(
    monkeypatch, data_copy, unit, key, highest
):
    at = single_parent_of_35(monkeypatch, data_copy)
    at.radio(key=UNIT).set_value(unit).run()
    field = at.number_input(key=key)
    assert (field.min, field.max) == (0, highest)
    assert field.format == "%d"  # a whole number: never "1500.00", which reads as 1,5 in Dutch
    other = NET_FIELD if unit == PERCENT else PERCENT_FIELD
    assert not [n for n in at.number_input if n.key == other]  # one field at a time
