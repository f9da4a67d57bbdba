"""'Herkend in' quotes each part of the sentence as it was typed, not the parts glued with a comma."""

from __future__ import annotations

from directory import load_directory
from directory.matching import analyse
from tests.conftest import DATA, open_app


def test_a_need_keeps_the_parts_it_was_recognised_in():
    need = analyse("ik kan de huur niet betalen en heb schulden", load_directory(DATA)).needs[0]
    assert need.parts == ("ik kan de huur niet betalen", "heb schulden")
    assert need.text == "ik kan de huur niet betalen, heb schulden"


def test_the_page_quotes_each_part(monkeypatch, data_copy):
    at = open_app(monkeypatch, data_copy, "pages/zoeken.py")
    at.text_input(key="hulpvraag").input("ik kan de huur niet betalen en heb schulden").run()
    captions = [c.value for c in at.caption if c.value.startswith("Herkend in")]
    assert captions[0] == "Herkend in: “ik kan de huur niet betalen” en “heb schulden”"
