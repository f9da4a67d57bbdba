"""A box with max_chars drops a longer paste without a word; these boxes take any length, use the start and say so."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import open_app

LONG = "deurwaarder " * 200  # 2,400 characters


def test_verwijsroutes_uses_the_start_of_a_long_need_and_says_so(monkeypatch, data_copy):
    at = open_app(monkeypatch, data_copy, "pages/routes.py")
    at.text_input(key="route_vraag").input(LONG).run()
    assert not at.exception
    assert any("eerste 1.000 tekens" in c.value for c in at.caption)


def test_the_handover_boxes_use_the_start_of_a_long_text_and_say_so(monkeypatch, data_copy):
    at: AppTest = open_app(monkeypatch, data_copy, "pages/zoeken.py")
    at.text_input(key="hulpvraag").input("kinderen hebben geen winterjas").run()
    next(c for c in at.checkbox if c.label == "Verwijs hierheen").check().run()
    at.text_area(key="overdracht_geprobeerd").input("x" * 2500).run()
    at.text_input(key="overdracht_eigen_org").input("Buurtteam " * 40).run()
    assert not at.exception
    notes = [c.value for c in at.caption if "Je tekst is lang" in c.value]
    assert any("2.000" in n for n in notes) and any("200" in n for n in notes)
