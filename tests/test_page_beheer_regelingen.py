"""Beheer, tab Regelingen: schemes are edited, imported and restored through the same store as the organisations."""

from __future__ import annotations

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from directory import csvfile
from directory.store import scheme_store
from tests.conftest import ROOT
from tests.test_page_beheer import (  # noqa: F401
    button,
    change_blocks,
    fresh_login_limiter,
    log_in,
    logged_out,
    problem_lines,
    texts,
    upload_file,
)

SCHEMES_FILE = ROOT / "data" / "regelingen.csv"


@pytest.fixture
def schemes(data_copy):
    """The bundled regelingen.csv beside the private copy of the organisation list."""
    path = data_copy.with_name("regelingen.csv")
    shutil.copy(SCHEMES_FILE, path)
    shutil.copy(ROOT / "data" / "bijstandsnormen.csv", data_copy.with_name("bijstandsnormen.csv"))
    return path


@pytest.fixture
def at(schemes, logged_out) -> AppTest:  # noqa: F811 - the login fixture of the Beheer tests, with schemes beside
    return log_in(logged_out)


def editor_key(at: AppTest) -> str:
    return f"beheer_regelingen_tabel_{at.session_state['beheer_regelingen_rev']}"


def edit_schemes(at: AppTest, edited_rows: dict) -> AppTest:
    at.session_state[editor_key(at)] = {"edited_rows": edited_rows, "added_rows": [], "deleted_rows": []}
    return at.run()


def row_of(at: AppTest, scheme_id: str) -> int:
    return list(at.data_editor(key=editor_key(at)).value["id"]).index(scheme_id)


def choose(at: AppTest, part: str) -> AppTest:
    return at.radio(key="beheer_regelingen_onderdeel").set_value(part).run()


def test_the_tab_shows_every_scheme_in_a_table(at, schemes):
    assert "Regelingen" in [t.label for t in at.tabs]
    table = at.data_editor(key=editor_key(at)).value
    assert len(table) == 22 and "kwijtschelding-gemeentelijke-belastingen" in set(table["id"])
    assert "19 open en 3 gesloten regelingen" in texts(at)


def test_an_edit_is_saved_through_the_store_with_who_and_what(at, schemes):
    edit_schemes(at, {row_of(at, "kwijtschelding-gemeentelijke-belastingen"): {"bedrag": "Tot € 900 per jaar"}})
    assert "Nog niet opgeslagen: 1 gewijzigd" in texts(at)
    at.button(key="beheer_regelingen_tabel_opslaan").click().run()
    assert not at.exception
    assert "Opgeslagen: 1 gewijzigd" in at.success[0].value
    saved = {r.id: r for r in scheme_store(schemes).load().regelingen}
    assert saved["kwijtschelding-gemeentelijke-belastingen"].bedrag == "Tot € 900 per jaar"
    latest = scheme_store(schemes).history()[0]
    assert (latest.author, latest.changed) == (
        "Anna Coördinator",
        {"kwijtschelding-gemeentelijke-belastingen": ("bedrag",)},
    )
    assert "Geen wijzigingen." in texts(at)  # the table now shows the saved list


def test_a_bad_value_shows_a_dutch_problem_per_scheme_and_field_and_saves_nothing(at, schemes):
    before = schemes.read_bytes()
    edit_schemes(
        at,
        {
            row_of(at, "kwijtschelding-gemeentelijke-belastingen"): {
                "hulp_bij_aanvragen": "geldlokt",
                "leeftijd_min": "achttien",
            }
        },
    )
    at.button(key="beheer_regelingen_tabel_opslaan").click().run()
    assert not at.exception
    assert "niets opgeslagen" in at.error[0].value
    found = problem_lines(at)
    assert len(found) == 2
    assert all(line.startswith("Kwijtschelding gemeentelijke belastingen (kwijtschelding-") for line in found)
    # The field as the form and the table name it, then the whole message.
    assert any(", Hulp bij aanvragen: " in m and "staat niet in organisaties.csv" in m for m in found)
    assert any(", Leeftijd vanaf: " in m and "geen leeftijd" in m for m in found)
    assert schemes.read_bytes() == before


def test_every_save_checks_the_helpers_against_the_organisation_list_as_it_is_now(at, schemes, data_copy):
    """An organisation archived after the coordinator opened the tab (by hand, outside Beheer: Beheer itself
    refuses to archive a named helper) may no longer be named as a helper."""
    before = schemes.read_bytes()
    table = csvfile.load(data_copy)
    rows = [{**r.cells, "actief": "nee"} if r.cells["id"] == "stadsring51" else dict(r.cells) for r in table.rows]
    data_copy.write_bytes(csvfile.serialise(table.header, rows, table.dialect))
    edit_schemes(at, {row_of(at, "kwijtschelding-gemeentelijke-belastingen"): {"bedrag": "Tot € 900 per jaar"}})
    at.button(key="beheer_regelingen_tabel_opslaan").click().run()
    assert not at.exception
    assert any("stadsring51" in m and "gearchiveerd" in m for m in problem_lines(at))
    assert schemes.read_bytes() == before


def test_a_conflict_shows_both_changes_and_reapplies_mine(at, schemes):
    other = scheme_store(schemes)
    snapshot = other.load()
    changed = [r.model_copy(update={"bedrag": "€ 1"}) if r.id == "leergeld" else r for r in snapshot.regelingen]
    other.save(changed, snapshot.version, "Bob")
    edit_schemes(at, {row_of(at, "kwijtschelding-gemeentelijke-belastingen"): {"bedrag": "Tot € 900 per jaar"}})
    at.button(key="beheer_regelingen_tabel_opslaan").click().run()
    assert not at.exception
    assert any("Iemand anders heeft de lijst opgeslagen" in w.value for w in at.warning)
    theirs = next(d.value for d in at.dataframe if "regeling" in d.value.columns and "Leergeld" in str(d.value))
    assert list(theirs["veld"]) == ["bedrag"]
    at.button(key="beheer_regelingen_conflict_opnieuw").click().run()
    assert not at.exception
    saved = {r.id: r for r in scheme_store(schemes).load().regelingen}
    assert (
        saved["kwijtschelding-gemeentelijke-belastingen"].bedrag == "Tot € 900 per jaar"
        and saved["leergeld"].bedrag == "€ 1"
    )
    assert [e.author for e in scheme_store(schemes).history()[:2]] == ["Anna Coördinator", "Bob"]


def test_import_shows_a_preview_and_saves_only_after_confirming(at, schemes):
    before = schemes.read_bytes()
    lines = schemes.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith("leergeld,")]
    # Windows line ends, one scheme changed, one left out.
    upload = "\r\n".join(kept).replace("Gemeente Amersfoort (ook voor Leusden)", "Gemeente Amersfoort", 1)
    choose(at, "Importeren")
    upload_file(at, "regelingen.csv", upload.encode("utf-8"), prefix="beheer_regelingen")
    assert not at.exception
    # Archiving what the file lacks is off unless asked for; the page says what stays as it is.
    assert any(m.value == "**Na de import: 1 gewijzigd.**" for m in at.markdown)
    assert "1 regeling staat niet in het bestand. Daar verandert niets aan." in texts(at)
    at.checkbox(key="beheer_regelingen_import_archiveren").check().run()
    assert any(m.value == "**Na de import: 1 gewijzigd, 1 gearchiveerd.**" for m in at.markdown)
    assert any("1 regeling staat niet in het bestand. Die wordt gearchiveerd" in w.value for w in at.warning)
    assert any(block.endswith(": gearchiveerd") for block in change_blocks(at))
    assert schemes.read_bytes() == before  # nothing is written before confirming
    at.button(key="beheer_regelingen_import_bevestig").click().run()
    assert not at.exception
    saved = {r.id: r for r in scheme_store(schemes).load().regelingen}
    assert not saved["leergeld"].actief  # missing from the file: archived, never deleted
    assert saved["individuele-inkomenstoeslag"].uitvoerder == "Gemeente Amersfoort"


def test_restore_shows_what_it_changes_first(at, schemes):
    original = scheme_store(schemes).load()
    edit_schemes(at, {row_of(at, "kwijtschelding-gemeentelijke-belastingen"): {"bedrag": "Tot € 900 per jaar"}})
    at.button(key="beheer_regelingen_tabel_opslaan").click().run()
    choose(at, "Geschiedenis")
    at.selectbox(key="beheer_regelingen_herstel_versie").select(original.version).run()
    assert any(m.value.startswith("**Na terugzetten: 1 gewijzigd") for m in at.markdown)
    (preview,) = change_blocks(at)
    assert "- **Bedrag**  \n  *Was:* Tot € 900 per jaar  \n  *Wordt:* " in preview
    assert scheme_store(schemes).load().version != original.version
    at.checkbox(key="beheer_regelingen_herstel_zeker").check().run()
    at.button(key="beheer_regelingen_herstel").click().run()
    assert not at.exception
    assert scheme_store(schemes).load().version == original.version
    assert "teruggezet" in at.success[0].value


def test_archive_one_scheme_and_add_a_new_one_with_an_id_from_its_name(at, schemes):
    choose(at, "Eén regeling")
    at.selectbox(key="beheer_regelingen_kies").select("leergeld").run()
    at.button(key="beheer_regelingen_archiveren").click().run()
    assert not at.exception
    assert scheme_store(schemes).history()[0].archived == ("leergeld",)
    choose(at, "Nieuwe regeling")
    at.text_input(key="beheer_regelingen_nieuw_1_naam").input("Sportfonds Amersfoort")
    at.selectbox(key="beheer_regelingen_nieuw_1_soort").select("fonds")
    at.text_input(key="beheer_regelingen_nieuw_1_uitvoerder").input("Sportfonds")
    at.text_area(key="beheer_regelingen_nieuw_1_omschrijving").input("Geld voor de contributie van een sportclub.")
    at.text_area(key="beheer_regelingen_nieuw_1_voor_wie").input("Kinderen in een gezin met een laag inkomen.")
    at.text_area(key="beheer_regelingen_nieuw_1_aanvragen").input("Via de school of het wijkteam.")
    at.multiselect(key="beheer_regelingen_nieuw_1_themas").select("kinderen-school")
    at.text_input(key="beheer_regelingen_nieuw_1_bron").input("https://www.example.nl/sportfonds")
    button(at, "Regeling toevoegen").click().run()
    assert not at.exception
    added = {r.id: r for r in scheme_store(schemes).load().regelingen}.get("sportfonds-amersfoort")
    assert added is not None and added.actief and added.soort == "fonds"


def test_adding_without_required_fields_names_them_and_saves_nothing(at, schemes):
    before = schemes.read_bytes()
    choose(at, "Nieuwe regeling")
    at.text_input(key="beheer_regelingen_nieuw_1_naam").input("Alleen een naam")
    button(at, "Regeling toevoegen").click().run()
    assert not at.exception
    fields = {line.split(": ")[0].split(", ")[-1] for line in problem_lines(at)}
    assert {"Soort", "Omschrijving", "Thema's", "Bron"} <= fields
    assert schemes.read_bytes() == before


def test_without_a_regelingen_list_the_tab_says_how_to_start(logged_out):  # noqa: F811
    at = log_in(logged_out)
    assert any("nog geen lijst met regelingen" in i.value for i in at.info)
