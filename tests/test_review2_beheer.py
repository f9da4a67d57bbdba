"""Beheer after the second browser review: no organisation added twice by accident, a preview that shows the
new value beside nothing but the old one, and an uploader that says in Dutch what to do."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from directory.names import same_name_key
from directory.schema import to_cells
from directory.store import Store, scheme_store
from tests.conftest import ROOT
from tests.test_page_beheer import (  # noqa: F401
    PASSWORD,
    button,
    change_blocks,
    edit_table,
    fresh_login_limiter,
    log_in,
    logged_out,
    row_of,
    texts,
    upload_file,
)
from ui.beheer.exchange import MAX_UPLOAD_MB

HEADER = "id,naam,domein,omschrijving,themas,aanmelden,actief\n"


@pytest.fixture
def at(logged_out) -> AppTest:  # noqa: F811 - the login fixture of the Beheer tests
    return log_in(logged_out)


def field(at: AppTest, name: str, prefix: str = "beheer") -> str:
    """The key of a field in the add form; the form gets a new number (new, empty widgets) after each add."""
    number_key = f"{prefix}_toevoegformulier"
    number = at.session_state.get(number_key, 1)
    return f"{prefix}_nieuw_{number}_{name}"


def fill_new(at: AppTest, name: str) -> AppTest:
    at.text_input(key=field(at, "naam")).input(name)
    at.selectbox(key=field(at, "domein")).select("preventie")
    at.text_area(key=field(at, "omschrijving")).input("Samen met anderen leren rondkomen.")
    at.multiselect(key=field(at, "themas")).select("geldzorgen-schulden")
    at.text_area(key=field(at, "aanmelden")).input("Gewoon binnenlopen.")
    return at


def add(at: AppTest) -> AppTest:
    button(at, "Organisatie toevoegen").click().run()
    assert not at.exception
    return at


def ids_named(data_copy, word: str) -> list[str]:
    return sorted(o.id for o in Store(data_copy).load().organisations if word in o.naam.casefold())


# --- 1. an organisation is not added twice by accident ------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Budgetcafé De Kern", "budgetcafe de kern"),
        ("Budgetcafé De Kern", "  Budgetcafé   De  Kern "),
        ("Cliëntenraad Werk en Inkomen", "CLIENTENRAAD werk en inkomen"),
        ("Stichting Leergeld (Amersfoort)", "Stichting Leergeld Amersfoort"),
    ],
)
def test_names_are_the_same_whatever_the_case_accents_and_spaces(one, other):
    assert same_name_key(one) == same_name_key(other)


@pytest.mark.parametrize(("one", "other"), [("Budgetcafé De Kern", "Budgetcafé De Kern Noord"), ("مركز", "مدرسة")])
def test_other_names_stay_other(one, other):
    assert same_name_key(one) != same_name_key(other)


def test_after_an_add_the_form_is_empty_and_says_what_was_added_and_where(at, data_copy):
    add(fill_new(at, "Budgetcafé De Kern"))
    assert ids_named(data_copy, "budgetcaf") == ["budgetcafe-de-kern"]
    # A new, empty form: nothing typed is left to send a second time.
    assert at.text_input(key=field(at, "naam")).value == ""
    assert at.text_area(key=field(at, "omschrijving")).value == ""
    assert at.multiselect(key=field(at, "themas")).value == []
    (said,) = [s.value for s in at.success if s.value.startswith("Toegevoegd:")]
    assert "**Budgetcafé De Kern** (id: budgetcafe\\-de\\-kern)" in said and "Eén organisatie" in said
    # Where to find it: already chosen in the one-organisation form.
    assert at.selectbox(key="beheer_kies").value == "budgetcafe-de-kern"
    # A second click on the button sends the empty form: refused, nothing added.
    add(at)
    assert any("Er is niets opgeslagen" in e.value for e in at.error)
    assert ids_named(data_copy, "budgetcaf") == ["budgetcafe-de-kern"]


def test_a_name_already_in_the_list_is_added_only_after_saying_it_is_another(at, data_copy):
    add(fill_new(at, "Budgetcafé De Kern"))
    before = data_copy.read_bytes()
    add(fill_new(at, "  budgetcafe   de KERN "))
    assert data_copy.read_bytes() == before  # not added
    (warning,) = [w.value for w in at.warning if "staat al in de lijst" in w.value]
    assert warning.startswith("Er is niets toegevoegd.")
    assert "**Budgetcafé De Kern** (id: budgetcafe\\-de\\-kern)" in warning
    assert not [s for s in at.success if s.value.startswith("Toegevoegd:")]  # not beside the warning
    box = next(c for c in at.checkbox if c.label == "Toch toevoegen: het is een andere organisatie")
    assert not box.value
    add(at)  # clicked again without the tick: still not added
    assert data_copy.read_bytes() == before
    next(c for c in at.checkbox if c.label.startswith("Toch toevoegen")).check()
    add(at)
    assert ids_named(data_copy, "budgetcaf") == ["budgetcafe-de-kern", "budgetcafe-de-kern-2"]
    assert at.text_input(key=field(at, "naam")).value == ""


def test_an_archived_organisation_with_the_name_is_named_too(at, data_copy):
    archived = next(o for o in Store(data_copy).load().organisations if not o.actief)
    add(fill_new(at, archived.naam.upper()))
    (warning,) = [w.value for w in at.warning if "staat al in de lijst" in w.value]
    assert "gearchiveerd" in warning


def test_the_chooser_tells_two_organisations_with_one_name_apart(at, data_copy):
    add(fill_new(at, "Budgetcafé De Kern"))
    add(fill_new(at, "Budgetcafé De Kern"))
    next(c for c in at.checkbox if c.label.startswith("Toch toevoegen")).check()
    add(at)
    chooser = at.selectbox(key="beheer_kies")
    shown = [o for o in chooser.options if "Budgetcaf" in o]
    assert shown == ["Budgetcafé De Kern (budgetcafe-de-kern)", "Budgetcafé De Kern (budgetcafe-de-kern-2)"]


def test_a_scheme_with_a_name_already_in_the_list_asks_first(monkeypatch, data_copy):
    path = data_copy.with_name("regelingen.csv")
    shutil.copy(ROOT / "data" / "regelingen.csv", path)
    shutil.copy(ROOT / "data" / "bijstandsnormen.csv", data_copy.with_name("bijstandsnormen.csv"))
    monkeypatch.setenv("VANGNET_BEHEER_WACHTWOORD", PASSWORD)
    from tests.conftest import open_app

    at = log_in(open_app(monkeypatch, data_copy, "pages/beheer.py"))
    at.radio(key="beheer_regelingen_onderdeel").set_value("Nieuwe regeling").run()
    existing = scheme_store(path).load().regelingen[0]
    before = path.read_bytes()
    at.text_input(key="beheer_regelingen_nieuw_1_naam").input(existing.naam.lower())
    button(at, "Regeling toevoegen").click().run()
    assert not at.exception
    assert path.read_bytes() == before
    assert any("staat al in de lijst" in w.value and md_free(existing.naam) in md_free(w.value) for w in at.warning)
    assert any(c.label == "Toch toevoegen: het is een andere regeling" for c in at.checkbox)


def md_free(text: str) -> str:
    return text.replace("\\", "")


def test_an_import_says_when_a_new_organisation_has_a_name_already_in_the_list(at, data_copy):
    upload = HEADER + "voedselbank-2,voedselbank amersfoort,preventie,Eten.,voedsel,Bel.,ja\n"
    upload_file(at, "lijst.csv", upload.encode("utf-8"))
    assert not at.exception
    (warning,) = [w.value for w in at.warning if "dezelfde naam" in w.value]
    assert "Voedselbank Amersfoort (voedselbank)" in md_free(warning)
    assert "Zet dan in het bestand het id dat al in de lijst staat" in warning


# --- 2. a preview shows the old value above the new one, whole --------------------------------------------


def test_the_import_preview_shows_old_above_new_in_full(at, data_copy):
    old = Store(data_copy).load().get("gemeente-amersfoort").omschrijving
    assert len(old) > 200  # the long value that pushed the new one off the screen
    upload = HEADER + "gemeente-amersfoort,Gemeente Amersfoort,ondersteuning,Nieuwe korte tekst.,voedsel,Bel.,ja\n"
    upload_file(at, "lijst.csv", upload.encode("utf-8"))
    assert not at.exception
    (block,) = [b for b in change_blocks(at) if b.startswith("**Gemeente Amersfoort**")]
    assert block.startswith("**Gemeente Amersfoort**: gewijzigd")
    # The field by its Dutch label; the whole old value, and the new value on a line of its own under it.
    assert f"- **Wat ze doen**  \n  *Was:* {old}  \n  *Wordt:* Nieuwe korte tekst." in block
    assert not [d for d in at.dataframe if "wordt" in d.value.columns]  # no grid that cuts it off


def test_a_long_preview_lists_the_first_changes_and_all_in_a_table_with_set_widths(at, data_copy):
    from ui.beheer.saving import CHANGES_LISTED

    orgs = Store(data_copy).load().organisations
    rows = [to_cells(o) | {"openingstijden": f"Nieuw {i}", "voorwaarden": f"Ook nieuw {i}"} for i, o in enumerate(orgs)]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    upload_file(at, "lijst.csv", buffer.getvalue().encode("utf-8"))
    assert not at.exception
    total = 2 * len(rows)
    listed = [line for block in change_blocks(at) for line in block.split("\n") if line.startswith("- **")]
    assert len(listed) == CHANGES_LISTED < total
    assert f"De eerste {CHANGES_LISTED} wijzigingen staan hierboven; alle {total} staan in deze tabel." in texts(at)
    (table,) = [d for d in at.dataframe if "wordt" in d.value.columns]
    assert len(table.value) == total
    # Set widths: the old value can no longer take the whole width and push the new one out of sight.
    config = json.loads(table.proto.columns)
    widths = {name: config[name]["width"] for name in ("organisatie", "wat", "veld", "was", "wordt")}
    assert widths["was"] == widths["wordt"] and sum(widths.values()) <= 820  # the page's width at 1280 px


def test_the_restore_preview_tells_rows_with_the_same_name_apart(at, data_copy):
    original = Store(data_copy).load()
    add(fill_new(at, "Budgetcafé De Kern"))
    add(fill_new(at, "Budgetcafé De Kern"))
    next(c for c in at.checkbox if c.label.startswith("Toch toevoegen")).check()
    add(at)
    at.selectbox(key="beheer_herstel_versie").select(original.version).run()
    assert not at.exception
    blocks = change_blocks(at)
    assert "**Budgetcafé De Kern (budgetcafe-de-kern)**: verwijderd" in blocks
    assert "**Budgetcafé De Kern (budgetcafe-de-kern-2)**: verwijderd" in blocks


def test_a_restore_preview_lists_an_edit_by_its_label(at, data_copy):
    original = Store(data_copy).load()
    edit_table(at, {row_of(at, "voedselbank"): {"telefoon": "033 123 45 67"}})
    at.button(key="beheer_tabel_opslaan").click().run()
    at.selectbox(key="beheer_herstel_versie").select(original.version).run()
    (block,) = change_blocks(at)
    assert "*Was:* 033 123 45 67" in block and "**Telefoon**" in block


# --- 3. the uploader says in Dutch what to do ----------------------------------------------------------------


def test_the_uploader_says_in_dutch_what_to_do_and_how_large_a_file_may_be(at):
    (uploader,) = [u for u in at.get("file_uploader")]
    assert uploader.proto.label == f"Kies een bestand (hooguit {MAX_UPLOAD_MB} MB)"
    assert "'Upload' betekent: kies een bestand" in uploader.proto.help
    assert f"hooguit {MAX_UPLOAD_MB} MB per bestand" in uploader.proto.help
    said = texts(at)
    assert "Sleep het bestand naar het vak hieronder, of klik op de knop Upload" in said
    assert f"Een bestand mag hooguit {MAX_UPLOAD_MB} MB zijn." in said
