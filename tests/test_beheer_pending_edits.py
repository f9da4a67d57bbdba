"""Beheer, tab Tabel: unsaved edits survive going to another page and back, and are only thrown away on purpose.

Streamlit drops a widget's state when the widget is not drawn (another page); the table keeps a copy
of its unsaved rows and starts from them again. A save still checks the whole list and the version.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from directory.store import Store, scheme_store
from tests.test_page_beheer import (  # noqa: F401
    editor_key,
    fresh_login_limiter,
    log_in,
    logged_out,
    row_of,
)
from tests.test_page_beheer_regelingen import choose, schemes  # noqa: F401
from tests.test_page_beheer_regelingen import editor_key as schemes_editor_key
from tests.test_page_beheer_regelingen import row_of as scheme_row_of
from tests.test_scale_paging import SIZE, beheer, long_list  # noqa: F401
from ui.beheer.session import UNSAVED_SCHEMES_OR_DISCARD
from ui.beheer.table import PAGE_ROWS

PHONE = "033 123 45 67"
SCHEME = "kwijtschelding-gemeentelijke-belastingen"
NEW_NAME = "Kwijtschelding (nieuw)"


@pytest.fixture
def at(schemes, logged_out) -> AppTest:  # noqa: F811 - the Beheer login, with the regelingen beside the list
    return log_in(logged_out)


def edit(at: AppTest, key: str, edited_rows: dict) -> AppTest:
    """A cell changed in the editor, as the browser reports it."""
    at.session_state[key] = {"edited_rows": edited_rows, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    return at


def away_and_back(at: AppTest) -> AppTest:
    """To Hulpvraag in the sidebar, and back to Beheer."""
    at.switch_page("pages/zoeken.py").run()
    assert not at.exception
    at.switch_page("pages/beheer.py").run()
    assert not at.exception
    return at


def someone_else_saves(data_copy) -> None:
    """Another coordinator changes Leergeld's opening hours and saves."""
    other = Store(data_copy)
    snapshot = other.load()
    changed = [
        o.model_copy(update={"openingstijden": "Maandag"}) if o.id == "leergeld" else o for o in snapshot.organisations
    ]
    other.save(changed, snapshot.version, "Bob")


def note(at: AppTest) -> str:
    """What the organisation table says about unsaved edits (the first table: tab Tabel)."""
    return next(c.value for c in at.caption if c.value.startswith(("Nog niet opgeslagen", "Geen wijzigingen")))


def scheme_note(at: AppTest) -> str:
    """What the regelingen table says about unsaved edits (part Tabel of the tab Regelingen)."""
    notes = [c.value for c in at.caption if c.value.startswith(("Nog niet opgeslagen", "Geen wijzigingen"))]
    assert len(notes) == 2  # the organisation table first, then the regelingen table
    return notes[1]


def scheme_names(at: AppTest) -> set[str]:
    return set(at.data_editor(key=schemes_editor_key(at)).value["naam"])


def phone_in_table(at: AppTest, org_id: str) -> str:
    table = at.data_editor(key=editor_key(at)).value
    return table[table["id"] == org_id]["telefoon"].iloc[0]


def test_an_unsaved_edit_survives_another_page_and_saving_stores_it(at, data_copy):
    edit(at, editor_key(at), {row_of(at, "voedselbank"): {"telefoon": PHONE}})
    assert note(at) == "Nog niet opgeslagen: 1 gewijzigd."
    away_and_back(at)
    # Streamlit really dropped the editor's own state; the table started again from the kept copy.
    assert not at.session_state[editor_key(at)]["edited_rows"]
    assert note(at) == "Nog niet opgeslagen: 1 gewijzigd."
    assert phone_in_table(at, "voedselbank") == PHONE
    # The other tabs still wait for the table, and say what to do.
    assert any("Wijzigingen weggooien" in w.value for w in at.warning)
    before = Store(data_copy).history()[0].version
    at.button(key="beheer_tabel_opslaan").click().run()
    assert not at.exception
    assert "Opgeslagen: 1 gewijzigd" in at.success[0].value
    saved = Store(data_copy)
    assert saved.load().get("voedselbank").telefoon == PHONE
    latest = saved.history()[0]
    assert latest.version != before and latest.changed == {"voedselbank": ("telefoon",)}
    assert note(at) == "Geen wijzigingen."


def test_more_edits_after_coming_back_are_kept_too(at, data_copy):
    edit(at, editor_key(at), {row_of(at, "voedselbank"): {"telefoon": PHONE}})
    away_and_back(at)
    edit(at, editor_key(at), {row_of(at, "kledingbank"): {"actief": False}})
    assert note(at) == "Nog niet opgeslagen: 1 gewijzigd, 1 gearchiveerd."
    away_and_back(at)  # and again: the copy now has both
    assert note(at) == "Nog niet opgeslagen: 1 gewijzigd, 1 gearchiveerd."
    at.button(key="beheer_tabel_opslaan").click().run()
    assert not at.exception
    saved = Store(data_copy).load()
    assert saved.get("voedselbank").telefoon == PHONE and not saved.get("kledingbank").actief


def test_an_edit_undone_after_coming_back_is_not_saved(at, data_copy):
    original = Store(data_copy).load().get("voedselbank").telefoon
    edit(at, editor_key(at), {row_of(at, "voedselbank"): {"telefoon": PHONE}})
    away_and_back(at)
    edit(at, editor_key(at), {row_of(at, "voedselbank"): {"telefoon": original}})
    assert note(at) == "Geen wijzigingen."
    assert not [b for b in at.button if b.key in ("beheer_tabel_opslaan", "beheer_tabel_weggooien")]


def test_discarding_asks_once_then_throws_the_edits_away_and_saves_nothing(at, data_copy):
    before = data_copy.read_bytes()
    edit(at, editor_key(at), {row_of(at, "voedselbank"): {"telefoon": PHONE}})
    at.button(key="beheer_tabel_weggooien").click().run()
    assert not at.exception
    # Nothing is thrown away yet: first a question.
    assert any("echt weggooien (1 gewijzigd)" in w.value for w in at.warning)
    assert note(at) == "Nog niet opgeslagen: 1 gewijzigd."
    at.button(key="beheer_tabel_weggooien_ja").click().run()
    assert not at.exception
    assert "weggegooid" in at.success[0].value
    assert note(at) == "Geen wijzigingen."
    assert phone_in_table(at, "voedselbank") != PHONE
    assert data_copy.read_bytes() == before
    # Gone for good: not back after another page either, and the other tabs work again.
    away_and_back(at)
    assert note(at) == "Geen wijzigingen." and phone_in_table(at, "voedselbank") != PHONE
    assert not any("niet zijn opgeslagen" in w.value for w in at.warning)
    assert data_copy.read_bytes() == before


def test_discarding_kept_edits_after_coming_back(at, data_copy):
    before = data_copy.read_bytes()
    edit(at, editor_key(at), {row_of(at, "voedselbank"): {"telefoon": PHONE}})
    away_and_back(at)
    at.button(key="beheer_tabel_weggooien").click().run()
    at.button(key="beheer_tabel_weggooien_ja").click().run()
    assert not at.exception
    assert note(at) == "Geen wijzigingen." and phone_in_table(at, "voedselbank") != PHONE
    assert data_copy.read_bytes() == before


def test_saying_no_keeps_the_edits(at, data_copy):
    before = data_copy.read_bytes()
    edit(at, editor_key(at), {row_of(at, "voedselbank"): {"telefoon": PHONE}})
    at.button(key="beheer_tabel_weggooien").click().run()
    at.button(key="beheer_tabel_weggooien_nee").click().run()
    assert not at.exception
    assert not any("echt weggooien" in w.value for w in at.warning)
    assert note(at) == "Nog niet opgeslagen: 1 gewijzigd."
    assert data_copy.read_bytes() == before
    at.button(key="beheer_tabel_opslaan").click().run()
    assert Store(data_copy).load().get("voedselbank").telefoon == PHONE


def test_after_coming_back_a_save_on_a_stale_version_is_still_refused(at, data_copy):
    edit(at, editor_key(at), {row_of(at, "voedselbank"): {"telefoon": PHONE}})
    at.switch_page("pages/zoeken.py").run()
    someone_else_saves(data_copy)  # meanwhile
    at.switch_page("pages/beheer.py").run()
    assert note(at) == "Nog niet opgeslagen: 1 gewijzigd."
    at.button(key="beheer_tabel_opslaan").click().run()
    assert not at.exception
    assert "Iemand anders heeft de lijst opgeslagen" in at.warning[0].value
    assert Store(data_copy).load().get("voedselbank").telefoon != PHONE  # nothing overwritten
    assert Store(data_copy).history()[0].author == "Bob"
    theirs, mine = at.dataframe[0].value, at.dataframe[1].value
    assert list(theirs["veld"]) == ["openingstijden"] and list(mine["veld"]) == ["telefoon"]
    # Leaving the conflict view for a while loses nothing either.
    away_and_back(at)
    at.button(key="beheer_conflict_opnieuw").click().run()
    assert not at.exception
    saved = Store(data_copy).load()
    assert saved.get("voedselbank").telefoon == PHONE and saved.get("leergeld").openingstijden == "Maandag"
    assert note(at) == "Geen wijzigingen."


def test_throwing_away_after_a_conflict_starts_clean(at, data_copy):
    someone_else_saves(data_copy)
    edit(at, editor_key(at), {row_of(at, "voedselbank"): {"telefoon": PHONE}})
    at.button(key="beheer_tabel_opslaan").click().run()
    at.button(key="beheer_conflict_weg").click().run()
    assert not at.exception
    away_and_back(at)
    assert note(at) == "Geen wijzigingen." and phone_in_table(at, "voedselbank") != PHONE


def test_an_invalid_edit_after_coming_back_is_refused_and_kept(at, data_copy):
    before = data_copy.read_bytes()
    edit(at, editor_key(at), {row_of(at, "voedselbank"): {"email": "geen-adres"}})
    away_and_back(at)
    at.button(key="beheer_tabel_opslaan").click().run()
    assert not at.exception
    assert "niets opgeslagen" in at.error[0].value
    assert data_copy.read_bytes() == before
    assert note(at) == "Nog niet opgeslagen: 1 gewijzigd."


def test_a_scheme_edit_survives_another_part_and_another_page(at, schemes):  # noqa: F811
    row = scheme_row_of(at, "kwijtschelding-gemeentelijke-belastingen")
    edit(at, schemes_editor_key(at), {row: {"naam": "Kwijtschelding (nieuw)"}})
    choose(at, "Eén regeling")  # the table is not drawn now
    assert any("niet zijn opgeslagen" in w.value for w in at.warning)
    choose(at, "Tabel")
    assert "Kwijtschelding (nieuw)" in set(at.data_editor(key=schemes_editor_key(at)).value["naam"])
    away_and_back(at)
    assert "Kwijtschelding (nieuw)" in set(at.data_editor(key=schemes_editor_key(at)).value["naam"])
    at.button(key="beheer_regelingen_tabel_opslaan").click().run()
    assert not at.exception
    saved = {r.id: r for r in scheme_store(schemes).load().regelingen}
    assert saved["kwijtschelding-gemeentelijke-belastingen"].naam == "Kwijtschelding (nieuw)"


def test_a_long_list_shows_the_edited_page_again_and_saves_the_whole_list(beheer, long_list):  # noqa: F811
    beheer.number_input(key="beheer_tabel_bladzijde").set_value(2).run()
    edit(beheer, editor_key(beheer), {3: {"telefoon": PHONE}})
    changed = f"voedselbank-{PAGE_ROWS + 3:03}"
    away_and_back(beheer)
    assert beheer.number_input(key="beheer_tabel_bladzijde").value == 2
    assert beheer.number_input(key="beheer_tabel_bladzijde").disabled
    assert phone_in_table(beheer, changed) == PHONE
    assert note(beheer) == "Nog niet opgeslagen: 1 gewijzigd."
    beheer.button(key="beheer_tabel_opslaan").click().run()
    assert not beheer.exception
    saved = Store(long_list).load()
    assert len(saved.organisations) == SIZE
    assert [o.id for o in saved.organisations if o.telefoon] == [changed]


def test_discarding_scheme_edits_asks_once_then_throws_them_away_and_saves_nothing(at, schemes):  # noqa: F811
    before = schemes.read_bytes()
    edit(at, schemes_editor_key(at), {scheme_row_of(at, SCHEME): {"naam": NEW_NAME}})
    assert scheme_note(at) == "Nog niet opgeslagen: 1 gewijzigd."
    # The other parts wait for the table, and name both ways out.
    choose(at, "Eén regeling")
    assert [w.value for w in at.warning] == [UNSAVED_SCHEMES_OR_DISCARD]
    assert "Opslaan, of Wijzigingen weggooien" in UNSAVED_SCHEMES_OR_DISCARD
    choose(at, "Tabel")
    at.button(key="beheer_regelingen_tabel_weggooien").click().run()
    assert not at.exception
    # Nothing is thrown away yet: first a question. (The table was not drawn on the other part, so it
    # started again from the kept copy: the edit is in its input now.)
    assert any("echt weggooien (1 gewijzigd)" in w.value for w in at.warning)
    assert scheme_note(at) == "Nog niet opgeslagen: 1 gewijzigd." and NEW_NAME in scheme_names(at)
    at.button(key="beheer_regelingen_tabel_weggooien_ja").click().run()
    assert not at.exception
    assert "weggegooid" in at.success[0].value and "niets opgeslagen" in at.success[0].value
    assert scheme_note(at) == "Geen wijzigingen." and NEW_NAME not in scheme_names(at)
    assert not any("echt weggooien" in w.value for w in at.warning)
    assert schemes.read_bytes() == before
    # Gone for good: not back after another page either, and the other parts work again.
    away_and_back(at)
    assert scheme_note(at) == "Geen wijzigingen." and NEW_NAME not in scheme_names(at)
    choose(at, "Eén regeling")
    assert not any("niet zijn opgeslagen" in w.value for w in at.warning)
    assert at.selectbox(key="beheer_regelingen_kies") is not None
    assert schemes.read_bytes() == before


def test_saying_no_keeps_the_scheme_edits_and_they_still_save(at, schemes):  # noqa: F811
    before = schemes.read_bytes()
    edit(at, schemes_editor_key(at), {scheme_row_of(at, SCHEME): {"naam": NEW_NAME}})
    at.button(key="beheer_regelingen_tabel_weggooien").click().run()
    at.button(key="beheer_regelingen_tabel_weggooien_nee").click().run()
    assert not at.exception
    assert not any("echt weggooien" in w.value for w in at.warning)
    assert scheme_note(at) == "Nog niet opgeslagen: 1 gewijzigd."
    assert at.session_state[schemes_editor_key(at)]["edited_rows"]  # the editor still has the edit
    assert schemes.read_bytes() == before
    at.button(key="beheer_regelingen_tabel_opslaan").click().run()
    assert not at.exception
    assert "Opgeslagen: 1 gewijzigd" in at.success[0].value
    saved = {r.id: r for r in scheme_store(schemes).load().regelingen}
    assert saved[SCHEME].naam == NEW_NAME
    assert scheme_store(schemes).history()[0].changed == {SCHEME: ("naam",)}


def test_discarding_kept_scheme_edits_leaves_the_organisation_edits_alone(at, schemes, data_copy):  # noqa: F811
    before = schemes.read_bytes()
    edit(at, editor_key(at), {row_of(at, "voedselbank"): {"telefoon": PHONE}})
    edit(at, schemes_editor_key(at), {scheme_row_of(at, SCHEME): {"naam": NEW_NAME}})
    away_and_back(at)  # the regelingen table starts again from its kept copy
    assert NEW_NAME in scheme_names(at)
    at.button(key="beheer_regelingen_tabel_weggooien").click().run()
    at.button(key="beheer_regelingen_tabel_weggooien_ja").click().run()
    assert not at.exception
    assert scheme_note(at) == "Geen wijzigingen." and NEW_NAME not in scheme_names(at)
    assert schemes.read_bytes() == before
    # The organisation table has its own edits and its own button: still there, and they still save.
    assert note(at) == "Nog niet opgeslagen: 1 gewijzigd." and phone_in_table(at, "voedselbank") == PHONE
    at.button(key="beheer_tabel_opslaan").click().run()
    assert not at.exception
    assert Store(data_copy).load().get("voedselbank").telefoon == PHONE
    assert schemes.read_bytes() == before
