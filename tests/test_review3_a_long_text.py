"""Review 3, defect 1: a pasted need longer than 1,000 characters did nothing, without a word (a box with a
character limit drops a longer change). Now the boxes take any length; Vangnet uses the start and says so.
The same held for the postcode boxes (7 characters: '3811 AB ' with a space was dropped) and the name search."""

from __future__ import annotations

import time
import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from directory.geo import UNKNOWN_POSTCODE, parse_postcode
from directory.typed import (
    NAME_LIMIT,
    NEED_LIMIT,
    POSTCODE_LIMIT,
    at_most,
    dutch_number,
    squeezed,
    too_long_message,
)
from tests.conftest import SERVER_PLACES, files_containing, open_app

NEED = "kinderen hebben geen winterjas"
CUT_SAYS = "Vangnet kijkt naar de eerste 1.000 tekens"


# --- the core: at most so many characters -------------------------------------------------------------


def test_short_text_is_kept_as_it_is():
    assert at_most("huur", NEED_LIMIT).text == "huur" and not at_most("huur", NEED_LIMIT).cut
    exact = "a" * NEED_LIMIT
    assert at_most(exact, NEED_LIMIT).text == exact and not at_most(exact, NEED_LIMIT).cut


def test_empty_text():
    assert at_most("", NEED_LIMIT).text == "" and not at_most("", NEED_LIMIT).cut
    assert at_most("", 0).text == ""


def test_long_text_is_cut_at_a_word():
    text = "huur " * 300  # 1,500 characters
    used = at_most(text, NEED_LIMIT)
    assert used.cut and len(used.text) <= NEED_LIMIT
    assert used.text.split() == ["huur"] * len(used.text.split())  # no half word at the end


def test_a_word_cut_in_half_is_left_out():
    text = "a" * 995 + " huurachterstand"
    used = at_most(text, NEED_LIMIT)
    assert used.cut and used.text == "a" * 995


def test_one_long_word_is_cut_at_the_limit():
    used = at_most("x" * 5000, NEED_LIMIT)
    assert used.cut and used.text == "x" * NEED_LIMIT


def test_only_spaces_and_odd_unicode():
    assert at_most(" " * 2000, NEED_LIMIT).text == ""
    emoji = "😀" * 2000  # one code point each: never half a character
    assert at_most(emoji, NEED_LIMIT).text == "😀" * NEED_LIMIT
    rtl = "\u202e" + "مرحبا " * 400
    used = at_most(rtl, NEED_LIMIT)
    assert used.cut and len(used.text) <= NEED_LIMIT and rtl.startswith(used.text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=3000), st.integers(min_value=0, max_value=1200))
def test_the_result_is_always_the_start_and_never_longer(text, limit):
    used = at_most(text, limit)
    assert text.startswith(used.text)
    assert len(used.text) <= limit
    assert used.cut == (len(text) > limit)


def test_a_postcode_is_squeezed_and_cut():
    assert squeezed("  3811   ab \n", POSTCODE_LIMIT) == "3811 ab"
    assert squeezed("", POSTCODE_LIMIT) == "" and squeezed(" \t ", POSTCODE_LIMIT) == ""
    assert len(squeezed("3812 " + "x" * 100_000, POSTCODE_LIMIT)) == POSTCODE_LIMIT
    assert parse_postcode(squeezed("3812" + " " * 100_000 + "x", POSTCODE_LIMIT)) is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 abAB\t\n", max_size=60))
def test_the_cut_never_makes_a_postcode_of_a_longer_text(text):
    """A text that is no postcode must not become one by the cut: then the page would use a place it was not
    told."""
    used = squeezed(text, POSTCODE_LIMIT)
    if parse_postcode(used) is not None:
        assert used == " ".join(text.split())  # nothing was cut off


def test_dutch_numbers_and_the_message():
    assert dutch_number(1000) == "1.000" and dutch_number(100) == "100" and dutch_number(1234567) == "1.234.567"
    assert too_long_message(NEED_LIMIT) == "Je tekst is lang. Vangnet kijkt naar de eerste 1.000 tekens."


# --- Hulpvraag ----------------------------------------------------------------------------------------


@pytest.fixture
def at(monkeypatch, data_copy) -> AppTest:
    return open_app(monkeypatch, data_copy)


def page_text(at: AppTest) -> str:
    """Everything the page shows as text or markdown (the handover blocks included)."""
    parts = [
        e.value for kind in ("markdown", "caption", "header", "subheader", "info", "warning") for e in at.get(kind)
    ]
    parts += [h.proto.body for h in at.get("html")]
    return "\n".join(str(p) for p in parts)


def test_the_need_box_has_no_character_limit(at):
    """A box with max_chars drops a longer paste in the browser and in AppTest alike."""
    assert not at.text_input(key="hulpvraag").proto.max_chars
    assert not at.text_input(key="filter_postcode").proto.max_chars


def test_a_long_pasted_need_is_used_and_the_page_says_it_looks_at_the_start(at):
    marker = f"slotwoord{uuid.uuid4().hex[:8]}"
    started = time.time()
    long_need = NEED + " en verder" * 120 + f" {marker}"  # about 1,250 characters
    assert len(long_need) > NEED_LIMIT
    at.text_input(key="hulpvraag").input(long_need).run()
    assert not at.exception
    assert at.text_input(key="hulpvraag").value == long_need  # the box keeps what was pasted
    assert any(CUT_SAYS in i.value for i in at.info)
    assert any(CUT_SAYS + ". Zet het belangrijkste vooraan." in i.value for i in at.info)
    shown = page_text(at)
    assert "Stichting Kledingbank Amersfoort" in shown  # the need at the start is found
    assert marker not in shown  # what lies beyond the limit is not used anywhere
    assert not files_containing(marker.encode(), SERVER_PLACES, newer_than=started)


def test_a_need_within_the_limit_gets_no_message(at):
    at.text_input(key="hulpvraag").input(NEED + " " + "x" * (NEED_LIMIT - len(NEED) - 1)).run()
    assert not at.exception
    assert not any("tekens" in i.value for i in at.info)


def test_a_postcode_with_spaces_around_it_is_used(at):
    """'3811 AB ' copied with a space was 8 characters: the 7-character box dropped it."""
    at.text_input(key="hulpvraag").input(NEED).run()
    at.text_input(key="filter_postcode").input("  3812 AB  ").run()
    assert not at.exception
    assert not at.warning
    # With a place, each card says where the help is from there ("1,2 km", "in heel Amersfoort").
    assert any(m.value.endswith((" km", "in heel Amersfoort")) for m in at.caption)


def test_a_long_text_in_the_postcode_box_gets_a_clear_message(at):
    at.text_input(key="hulpvraag").input(NEED).run()
    at.text_input(key="filter_postcode").input("3812 AB Amersfoort, Stadhuisplein 1, bij de ingang").run()
    assert not at.exception
    assert UNKNOWN_POSTCODE in [w.value for w in at.warning]


def test_a_very_long_postcode_text_is_handled_fast(at):
    at.text_input(key="hulpvraag").input(NEED).run()
    started = time.monotonic()
    at.text_input(key="filter_postcode").input("3812" + " " * 200_000 + "x").run()
    assert not at.exception
    assert time.monotonic() - started < 20
    assert UNKNOWN_POSTCODE in [w.value for w in at.warning]
    assert POSTCODE_LIMIT < 200_000


# --- Kaart and Wie doet wat -------------------------------------------------------------------------------


def test_kaart_postcode_and_search_take_a_long_paste(monkeypatch, data_copy):
    at = open_app(monkeypatch, data_copy, "pages/kaart.py")
    assert not at.text_input(key="kaart_postcode").proto.max_chars
    at.text_input(key="kaart_postcode").input("3812 AB ").run()
    assert not at.exception
    assert any("Dichtbij postcode 3812 AB" in h.value for h in at.header)
    at.text_input(key="kaart_zoek").input("kleding " * 200).run()
    assert not at.exception
    assert any(CUT_SAYS in c.value for c in at.caption)


def test_wie_doet_wat_name_search_takes_a_long_paste(monkeypatch, data_copy):
    at = open_app(monkeypatch, data_copy, "pages/overzicht.py")
    assert not at.text_input(key="wdw_zoek").proto.max_chars
    at.text_input(key="wdw_zoek").input("voedselbank " + "x" * 500).run()
    assert not at.exception
    assert any(f"eerste {NAME_LIMIT} tekens" in c.value for c in at.caption)
    at.text_input(key="wdw_zoek").input("voedselbank").run()
    assert not any("tekens" in c.value for c in at.caption)
