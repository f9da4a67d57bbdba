"""Beheer after a review: where an import problem is, a gentle brake on guessing, honest freshness, the upload
limit, readable problems under a form, one message after an import, versions told apart, and no archiving
by surprise."""

from __future__ import annotations

import datetime as dt
import re
import tomllib

import pytest
from streamlit.testing.v1 import AppTest

from directory import csvfile
from directory.store import HistoryEntry, Store
from tests.conftest import ROOT
from tests.test_page_beheer import (  # noqa: F401
    PASSWORD,
    button,
    fresh_login_limiter,
    log_in,
    logged_out,
    problem_lines,
    texts,
    upload_file,
)
from ui import auth
from ui.beheer.exchange import MAX_UPLOAD_MB
from ui.beheer.history import readable_note, version_labels
from ui.beheer.saving import PROBLEMS_LISTED

HEADER = "id,naam,domein,omschrijving,themas,aanmelden,actief,email\n"


@pytest.fixture
def at(logged_out) -> AppTest:  # noqa: F811 - the login fixture of the Beheer tests
    return log_in(logged_out)


def rows(*lines: str) -> bytes:
    return (HEADER + "".join(f"{line}\n" for line in lines)).encode("utf-8")


# --- 1. an import's problems say regel, kolom and which organisation --------------------------------


def test_import_problems_name_the_line_the_column_and_the_organisation(at, data_copy):
    before = data_copy.read_bytes()
    upload_file(
        at,
        "lijst.csv",
        rows(
            "voedselbank,Voedselbank Amersfoort,preventief,Eten.,voedsel,Bel.,ja,",
            "leergeld,Stichting Leergeld,ondersteuning,Spullen.,voedsel,Bel.,ja,geen-adres",
            "leergeld,Leergeld nog een keer,ondersteuning,Spullen.,voedsel,Bel.,ja,",
        ),
    )
    assert not at.exception
    (error,) = [e.value for e in at.error if "niets geïmporteerd" in e.value]
    assert "3 problemen" in error and "Pas het bestand aan en upload het opnieuw." in error
    assert "Opslaan" not in error  # an import has no Opslaan button
    lines = problem_lines(at)
    # The header is regel 1, as in a spreadsheet.
    assert lines[0].startswith("regel 2, kolom domein – Voedselbank Amersfoort (voedselbank): 'preventief' is geen")
    assert lines[1].startswith("regel 3, kolom email – Stichting Leergeld (leergeld): 'geen-adres' is geen e-mail")
    assert lines[2].startswith("regel 4, kolom id – Leergeld nog een keer (leergeld): 'leergeld' komt al voor")
    assert data_copy.read_bytes() == before


def test_an_import_with_many_problems_lists_the_first_and_has_all_in_a_table(at):
    bad = [f"org-{n},Organisatie {n},preventief,Iets.,voedsel,Bel.,ja," for n in range(PROBLEMS_LISTED + 10)]
    upload_file(at, "groot.csv", rows(*bad))
    assert not at.exception
    assert len(problem_lines(at)) == PROBLEMS_LISTED
    (table,) = [d.value for d in at.dataframe if "probleem" in d.value.columns]
    assert len(table) == PROBLEMS_LISTED + 10
    assert list(table["regel"][:2]) == [2, 3] and set(table["kolom"]) == {"domein"}
    assert table["organisatie"][0] == "Organisatie 0 (org-0)"


# --- 2. the login brake: Dutch time, never a long lock -----------------------------------------------


@pytest.mark.parametrize(
    ("utc", "shown"),
    [
        (dt.datetime(2026, 12, 5, 22, 0, 0, tzinfo=dt.UTC), "23:00:30"),  # winter: UTC+1
        (dt.datetime(2026, 7, 1, 21, 0, 0, tzinfo=dt.UTC), "23:00:30"),  # summer: UTC+2
    ],
)
def test_the_wait_is_said_in_dutch_time_whatever_the_servers_zone(utc, shown):
    now = utc.timestamp()
    message = auth.please_wait(now + 29.2, now)
    assert f"over 30 seconden opnieuw (om {shown})" in message
    assert "verkeerd wachtwoord" in message and "niemand" not in message
    assert auth.wrong_password(now + 1, now).count("1 seconde ") == 1


# --- 3. freshness: no "None" for an organisation that was never checked -----------------------------


def test_freshness_shows_never_checked_apart_and_the_others_by_date_and_days(monkeypatch, data_copy):
    table = csvfile.load(data_copy)
    checked = {"voedselbank": "2020-01-15", "leergeld": "2022-06-01"}
    changed = [{**r.cells, "laatst_gecontroleerd": checked.get(r.cells["id"], "")} for r in table.rows]
    header = [*table.header, *(["laatst_gecontroleerd"] if "laatst_gecontroleerd" not in table.header else [])]
    data_copy.write_bytes(csvfile.serialise(header, changed, table.dialect))
    monkeypatch.setenv("VANGNET_BEHEER_WACHTWOORD", PASSWORD)
    from tests.conftest import open_app

    at = log_in(open_app(monkeypatch, data_copy, "pages/beheer.py"))
    never = next(d.value for d in at.dataframe if list(d.value.columns) == ["Organisatie", "Groep"])
    assert "Voedselbank Amersfoort" not in set(never["Organisatie"]) and len(never) > 10
    (old,) = [d.value for d in at.dataframe if "Dagen geleden" in d.value.columns]
    assert list(old["Organisatie"]) == ["Voedselbank Amersfoort", "Stichting Leergeld Amersfoort"]  # oldest first
    days = list(old["Dagen geleden"])
    assert days == [(dt.date.today() - dt.date(2020, 1, 15)).days, (dt.date.today() - dt.date(2022, 6, 1)).days]
    assert not old.isna().any().any()  # no empty number, which Streamlit shows as "None"
    assert list(old["Laatst gecontroleerd"]) == [dt.date(2020, 1, 15), dt.date(2022, 6, 1)]
    assert "Nooit gecontroleerd" in texts(at) and "Langer dan 12 maanden geleden gecontroleerd (2)" in texts(at)
    # Who a volunteer may be sent to but cannot contact: a warm handover has nobody to call.
    (unreachable,) = [d.value for d in at.dataframe if list(d.value.columns) == ["Organisatie", "Aanmelden", "Adres"]]
    assert "Stichting Kledingbank Amersfoort" in set(unreachable["Organisatie"])
    assert "organisaties zonder telefoonnummer, e-mail of website" in texts(at)


# --- 4. the upload limit is Vangnet's own --------------------------------------------------------------


def test_the_uploader_promises_what_vangnet_reads_and_the_other_settings_stay():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == MAX_UPLOAD_MB == csvfile.MAX_FILE_BYTES // 1_000_000 == 100
    assert config["server"]["headless"] is True and config["server"]["enableStaticServing"] is True
    assert config["browser"] == {"gatherUsageStats": False, "serverAddress": "localhost"}
    assert config["client"]["showErrorDetails"] == "none"


# --- 5. the form's problems: its own labels and the whole message ------------------------------------


def test_form_problems_use_the_forms_labels_and_show_the_whole_message(at, data_copy):
    before = data_copy.read_bytes()
    at.selectbox(key="beheer_kies").select("voedselbank").run()
    at.text_input(key="beheer_veld_voedselbank_lat").input("abc")
    at.text_input(key="beheer_veld_voedselbank_laatst_gecontroleerd").input("gisteren")
    button(at, "Wijzigingen opslaan").click().run()
    assert not at.exception
    assert any(e.value == "Er is niets opgeslagen: 2 problemen. Pas het aan en probeer het opnieuw." for e in at.error)
    assert sorted(problem_lines(at)) == [
        "Voedselbank Amersfoort (voedselbank), Breedtegraad: 'abc' is geen getal; vul de breedtegraad in als "
        "decimaal getal, bijvoorbeeld 52.15617",
        "Voedselbank Amersfoort (voedselbank), Laatst gecontroleerd: 'gisteren' is geen geldige datum; schrijf de "
        "datum als JJJJ-MM-DD, bijvoorbeeld 2025-03-31",
    ]
    assert not [d for d in at.dataframe if "veld" in d.value.columns and "probleem" in d.value.columns]
    assert data_copy.read_bytes() == before


# --- 6. after an import: saved, and nothing else ------------------------------------------------------


def test_after_an_import_only_the_saved_message_shows_and_the_uploader_is_empty(at, data_copy):
    upload_file(at, "lijst.csv", rows("nieuw-hier,Nieuw Buurtpunt,preventie,Koffie en hulp.,voedsel,Loop binnen.,ja,"))
    assert "Na de import: 1 toegevoegd." in texts(at)
    at.button(key="beheer_import_bevestig").click().run()
    assert not at.exception
    assert "Opgeslagen: 1 toegevoegd" in at.success[0].value
    assert "hetzelfde als de lijst" not in texts(at) and "Na de import" not in texts(at)
    uploader = at.file_uploader(key=f"beheer_import_bestand_{at.session_state['beheer_rev']}")
    assert uploader.value is None
    assert Store(data_copy).load().get("nieuw-hier") is not None


# --- 7. versions told apart, and a restore said by date and author ------------------------------------


def entry(version: str, second: int, note: str = "", changed=None) -> HistoryEntry:
    when = dt.datetime(2026, 12, 5, 22, 31, second, tzinfo=dt.UTC)
    return HistoryEntry(version, "Review Coördinator", when, note=note, changed=changed or {"voedselbank": ("x",)})


def test_two_versions_in_one_minute_read_differently():
    labels = version_labels([entry("b" * 16, 40), entry("a" * 16, 7)])
    assert labels == {
        "b" * 16: "05-12-2026 23:31:40 door Review Coördinator: 1 gewijzigd",
        "a" * 16: "05-12-2026 23:31:07 door Review Coördinator: 1 gewijzigd",
    }


def test_versions_that_would_still_read_the_same_get_a_number():
    labels = version_labels([entry("b" * 16, 7), entry("a" * 16, 7), entry("c" * 16, 7)])
    assert len(set(labels.values())) == 3
    assert labels["a" * 16].endswith("1 gewijzigd (2)") and labels["c" * 16].endswith("(3)")


def test_a_restore_note_names_the_versions_date_and_author_not_its_hash():
    old = entry("3eb0c0ffee", 7)
    entries = [entry("3eb0c0ffee", 59, note="teruggezet naar versie 3eb0c0ffee"), entry("ff00", 30), old]
    assert readable_note(entries, 0) == "teruggezet naar de versie van 05-12-2026 23:31:07 door Review Coördinator"
    assert readable_note(entries, 1) == ""
    gone = [entry("x", 1, note="teruggezet naar versie 3eb0c0ffee")]  # that version is no longer in the history
    assert readable_note(gone, 0) == "teruggezet naar een oudere versie"


def test_the_history_table_shows_a_restore_by_date_and_author(at, data_copy):
    original = Store(data_copy).load()
    at.selectbox(key="beheer_kies").select("voedselbank").run()
    at.button(key="beheer_gecontroleerd").click().run()
    at.selectbox(key="beheer_herstel_versie").select(original.version).run()
    at.checkbox(key="beheer_herstel_zeker").check().run()
    at.button(key="beheer_herstel").click().run()
    assert not at.exception
    (history,) = [d.value for d in at.dataframe if "opmerking" in d.value.columns]
    note = history["opmerking"][0]
    assert re.fullmatch(r"teruggezet naar de versie van \d\d-\d\d-\d{4} \d\d:\d\d:\d\d door .+", note)
    assert original.version not in note
    assert re.fullmatch(r"\d\d-\d\d-\d{4} \d\d:\d\d:\d\d", history["wanneer"][0])


# --- 8. archiving what a file lacks is off unless asked for --------------------------------------------


def test_a_short_file_archives_nothing_unless_asked_and_says_what_would_be(at, data_copy):
    active = len(Store(data_copy).load().active)
    assert not at.checkbox(key="beheer_import_archiveren").value
    upload_file(
        at,
        "twee.csv",
        rows(
            "voedselbank,Voedselbank Amersfoort,ondersteuning,Eten voor een week.,voedsel,Na een intake.,ja,",
            "leergeld,Stichting Leergeld Amersfoort,ondersteuning,Spullen voor school.,kinderen-school,Bel.,ja,",
        ),
    )
    assert not at.exception
    assert "gearchiveerd" not in next(m.value for m in at.markdown if m.value.startswith("**Na de import"))
    assert f"{active - 2} organisaties staan niet in het bestand. Daar verandert niets aan." in texts(at)
    at.checkbox(key="beheer_import_archiveren").check().run()
    assert f"{active - 2} gearchiveerd" in next(m.value for m in at.markdown if m.value.startswith("**Na de import"))
    (warning,) = [w.value for w in at.warning if "niet in het bestand" in w.value]
    assert f"{active - 2} organisaties staan niet in het bestand. Die worden gearchiveerd" in warning
