"""Long lists a page at a time: the Beheer table and the Verwijsroutes steps never draw every organisation,
and paging never loses or misplaces an edit."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from directory.store import Store
from tests.conftest import VALID_ROW, open_app
from ui import auth
from ui.beheer.table import PAGE_ROWS
from ui.login_limiter import LoginLimiter
from ui.paging import PAGE_SIZE

PASSWORD = "een-lang-test-wachtwoord"
SIZE = 2 * PAGE_ROWS + 20


@pytest.fixture
def long_list(write_list):
    rows = [dict(VALID_ROW, id=f"voedselbank-{n:03}", naam=f"Voedselbank {n:03}") for n in range(SIZE)]
    return write_list(rows)


@pytest.fixture
def beheer(monkeypatch, long_list) -> AppTest:
    monkeypatch.setattr(auth, "LIMITER", LoginLimiter())
    monkeypatch.setenv("VANGNET_BEHEER_WACHTWOORD", PASSWORD)
    at = open_app(monkeypatch, long_list, "pages/beheer.py")
    at.text_input(key="beheer_login_naam").input("Anna")
    at.text_input(key="beheer_login_wachtwoord").input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    return at


def editor(at: AppTest):
    return at.data_editor(key=f"beheer_tabel_{at.session_state['beheer_rev']}")


def test_the_table_shows_one_page_and_pages_through_the_whole_list(beheer):
    assert list(editor(beheer).value["id"]) == [f"voedselbank-{n:03}" for n in range(PAGE_ROWS)]
    beheer.number_input(key="beheer_tabel_bladzijde").set_value(3).run()
    assert list(editor(beheer).value["id"]) == [f"voedselbank-{n:03}" for n in range(2 * PAGE_ROWS, SIZE)]
    assert any(f"{2 * PAGE_ROWS + 1}-{SIZE} van de {SIZE}" in c.value for c in beheer.caption)


def test_search_finds_by_name_or_id(beheer):
    beheer.text_input(key="beheer_tabel_zoek").input("Voedselbank 11").run()
    assert list(editor(beheer).value["id"]) == [f"voedselbank-{n:03}" for n in range(110, SIZE)]


def test_an_edit_on_a_later_page_saves_the_whole_list_and_locks_paging_until_saved(beheer, long_list):
    beheer.number_input(key="beheer_tabel_bladzijde").set_value(2).run()
    key = f"beheer_tabel_{beheer.session_state['beheer_rev']}"
    beheer.session_state[key] = {
        "edited_rows": {3: {"telefoon": "033 123 45 67"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    beheer.run()
    assert beheer.number_input(key="beheer_tabel_bladzijde").disabled
    assert beheer.text_input(key="beheer_tabel_zoek").disabled
    beheer.button(key="beheer_tabel_opslaan").click().run()
    assert not beheer.exception
    saved = Store(long_list).load()
    assert len(saved.organisations) == SIZE
    assert saved.get(f"voedselbank-{PAGE_ROWS + 3:03}").telefoon == "033 123 45 67"
    assert [o.id for o in saved.organisations if o.telefoon] == [f"voedselbank-{PAGE_ROWS + 3:03}"]


def test_a_route_step_shows_a_page_and_toon_meer_shows_the_rest(monkeypatch, long_list):
    at = open_app(monkeypatch, long_list, "pages/routes.py")
    at.selectbox(key="route_thema").select("voedsel").run()
    assert len(at.get("page_link")) == PAGE_SIZE
    while any(b.key and b.key.endswith("_meer") for b in at.button):
        next(b for b in at.button if b.key and b.key.endswith("_meer")).click().run()
    assert len(at.get("page_link")) == SIZE
