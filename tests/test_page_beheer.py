"""Beheer page: only coordinators edit; every change is validated and goes through the store."""

from __future__ import annotations

import datetime as dt
import logging
import re
import sys
import time

import pytest
from streamlit.testing.v1 import AppTest

from directory.store import Store
from tests.conftest import ROOT, open_app
from ui import auth
from ui.login_limiter import LoginLimiter

PASSWORD = "een-lang-test-wachtwoord"


@pytest.fixture(autouse=True)
def fresh_login_limiter(monkeypatch) -> None:
    """Wrong passwords count over the whole process; every test starts with none."""
    monkeypatch.setattr(auth, "LIMITER", LoginLimiter())


@pytest.fixture
def logged_out(monkeypatch, data_copy) -> AppTest:
    monkeypatch.setenv("VANGNET_BEHEER_WACHTWOORD", PASSWORD)
    return open_app(monkeypatch, data_copy, "pages/beheer.py")


def log_in(at: AppTest, password: str = PASSWORD, name: str = "Anna Coördinator") -> AppTest:
    at.text_input(key="beheer_login_naam").input(name)
    at.text_input(key="beheer_login_wachtwoord").input(password)
    at.button[0].click().run()
    assert not at.exception
    return at


@pytest.fixture
def at(logged_out) -> AppTest:
    return log_in(logged_out)


def texts(at: AppTest) -> str:
    parts = [*at.markdown, *at.caption, *at.info, *at.error, *at.success, *at.warning]
    return "\n".join(str(p.value) for p in parts)


def test_without_a_password_or_login_the_page_explains_setup_and_offers_no_editing(monkeypatch, data_copy):
    monkeypatch.delenv("VANGNET_BEHEER_WACHTWOORD", raising=False)
    at = open_app(monkeypatch, data_copy, "pages/beheer.py")
    assert "VANGNET_BEHEER_WACHTWOORD" in at.info[0].value
    assert not at.data_editor and not at.text_input


def test_before_login_there_is_no_editing(logged_out):
    assert not logged_out.data_editor
    assert [t.key for t in logged_out.text_input] == ["beheer_login_naam", "beheer_login_wachtwoord"]


@pytest.mark.parametrize("password", ["fout", "", PASSWORD + " ", PASSWORD.upper()])
def test_a_wrong_password_is_refused(logged_out, password):
    at = log_in(logged_out, password)
    assert "klopt niet" in at.error[0].value
    assert not at.data_editor


@pytest.mark.parametrize(
    ("configured", "why"),
    [
        ("kort-wachtw", "te kort"),
        ("a" * 11, "te kort"),
        (" " * 20, "alleen uit spaties"),
        ("  kort-wachtw  ", "te kort"),
    ],
)
def test_a_short_or_blank_password_counts_as_not_set_up(monkeypatch, data_copy, configured, why):
    monkeypatch.setenv("VANGNET_BEHEER_WACHTWOORD", configured)
    at = open_app(monkeypatch, data_copy, "pages/beheer.py")
    assert why in at.warning[0].value and "12 tekens" in "".join(w.value for w in [*at.warning, *at.info])
    assert "VANGNET_BEHEER_WACHTWOORD" in at.info[0].value
    assert not at.text_input and not at.data_editor


def test_a_password_of_twelve_characters_is_enough(monkeypatch, data_copy):
    monkeypatch.setenv("VANGNET_BEHEER_WACHTWOORD", "twaalf-teken")
    at = log_in(open_app(monkeypatch, data_copy, "pages/beheer.py"), "twaalf-teken")
    assert at.data_editor


def wait_message(at: AppTest) -> str:
    return next(m.value for m in [*at.error, *at.warning, *at.info] if "opnieuw" in m.value and "om " in m.value)


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """The brake on a clock the test moves; the page's own "now" follows it."""
    clock = Clock()
    monkeypatch.setattr(auth, "LIMITER", LoginLimiter(clock=clock))
    monkeypatch.setattr(auth.time, "time", clock)
    return clock


def test_a_few_wrong_passwords_cost_nothing(logged_out, clock):
    for _ in range(3):
        at = log_in(logged_out, "een-tikfout-gemaakt")
        assert at.error[0].value.startswith("Dit wachtwoord klopt niet. Probeer het opnieuw")
    assert log_in(logged_out).data_editor  # straight away


def test_after_more_wrong_passwords_the_next_try_waits_and_the_time_is_dutch_time(logged_out, clock):
    clock.now = dt.datetime(2026, 12, 5, 22, 0, 0, tzinfo=dt.UTC).timestamp()  # 23:00 in Amsterdam
    for _ in range(4):
        at = log_in(logged_out, "nog-steeds-fout-geraden")
    message = at.error[0].value
    assert "klopt niet" in message and "over 2 seconden opnieuw proberen (om 23:00:02)" in message
    assert not at.button[0].disabled  # the page does not rerun by itself, so the button stays usable
    at = log_in(logged_out)  # too early: not even checked
    assert "nog niet gecontroleerd" in wait_message(at) and "over 2 seconden" in wait_message(at)
    assert not at.data_editor and "beheer_ingelogd" not in at.session_state
    clock.now += 2
    assert log_in(logged_out).data_editor


def test_a_stranger_guessing_makes_a_coordinator_wait_at_most_a_minute(logged_out, clock):
    for _ in range(30):  # wrong tries from other sessions count too, each as soon as allowed
        clock.now = auth.LIMITER.wait_until() or clock.now
        auth.LIMITER.attempt(lambda: False)
    logged_out.run()
    waiting = wait_message(logged_out)  # shown before anyone clicks
    assert "verkeerd wachtwoord" in waiting and "over 60 seconden" in waiting
    assert re.search(r"om \d\d:\d\d:\d\d\)", waiting)
    clock.now += 60
    assert log_in(logged_out).data_editor


def test_many_wrong_passwords_are_logged_without_the_password(logged_out, clock, caplog):
    with caplog.at_level(logging.WARNING, logger="vangnet.beheer"):
        for number in range(10):
            clock.now = auth.LIMITER.wait_until() or clock.now
            log_in(logged_out, f"geheime-gok-{number}")
    assert "10 verkeerde wachtwoorden achter elkaar" in caplog.text
    assert "geheime-gok" not in caplog.text and PASSWORD not in caplog.text


def test_a_wrong_password_does_not_make_the_server_thread_sleep(logged_out, monkeypatch):
    """A sleep per wrong try held a server thread and still let many sessions guess in parallel."""
    sleeps_in_app = []
    real_sleep = time.sleep

    def watched_sleep(seconds: float) -> None:
        caller = sys._getframe(1).f_code.co_filename
        if caller.startswith((str(ROOT / "ui"), str(ROOT / "pages"))):
            sleeps_in_app.append((caller, seconds))
        real_sleep(seconds)

    monkeypatch.setattr(time, "sleep", watched_sleep)
    at = log_in(logged_out, "fout")
    assert "klopt niet" in at.error[0].value
    assert sleeps_in_app == []


def test_login_needs_a_name(logged_out):
    at = log_in(logged_out, name=" ")
    assert "Vul je naam in" in at.error[0].value
    assert not at.data_editor


def test_after_login_the_list_is_editable_and_the_password_is_not_kept(at):
    assert at.data_editor(key=editor_key(at)).value.shape[0] == 47
    assert "beheer_login_wachtwoord" not in at.session_state
    assert "Ingelogd als Anna Coördinator" in texts(at)


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def problem_lines(at: AppTest) -> list[str]:
    """The problems listed under a form, the table or an import, as plain text: markdown escapes and plain
    spans (ui.text.md) removed."""
    lists = [m.value for m in at.markdown if m.value.startswith("- ")]
    shown = [re.sub(r":color\[(\\?.)\]\{\}", r"\1", line[2:]) for text in lists for line in text.split("\n")]
    return [re.sub(r"\\(.)", r"\1", line).replace("**", "") for line in shown]


CHANGE_BLOCK = re.compile(r"^\*\*.+\*\*: (toegevoegd|gewijzigd|gearchiveerd|weer actief|verwijderd)")


def change_blocks(at: AppTest) -> list[str]:
    """The changes a preview (import, restore) lists, one block per row, as plain text: markdown escapes
    removed; each changed field as "- **Label**", then "*Was:* old" and "*Wordt:* new" on lines of their own."""
    blocks = [re.sub(r"\\(.)", r"\1", m.value) for m in at.markdown]
    return [block for block in blocks if CHANGE_BLOCK.match(block)]


def upload_file(at: AppTest, name: str, data: bytes, prefix: str = "beheer") -> AppTest:
    """A file in the import's uploader; its key changes with every save (an import empties it)."""
    key = f"{prefix}_import_bestand_{at.session_state[f'{prefix}_rev']}"
    return at.file_uploader(key=key).set_value((name, data, "text/csv")).run()


def editor_key(at: AppTest) -> str:
    return f"beheer_tabel_{at.session_state['beheer_rev']}"


def edit_table(at: AppTest, edited_rows: dict) -> AppTest:
    at.session_state[editor_key(at)] = {"edited_rows": edited_rows, "added_rows": [], "deleted_rows": []}
    return at.run()


def row_of(at: AppTest, org_id: str) -> int:
    return list(at.data_editor(key=editor_key(at)).value["id"]).index(org_id)


def test_an_edit_in_the_table_is_saved_through_the_store(at, data_copy):
    row = row_of(at, "voedselbank")
    edit_table(at, {row: {"telefoon": "033 123 45 67"}})
    assert "Nog niet opgeslagen: 1 gewijzigd" in texts(at)
    at.button(key="beheer_tabel_opslaan").click().run()
    assert not at.exception
    assert "Opgeslagen: 1 gewijzigd" in at.success[0].value
    saved = Store(data_copy).load()
    assert saved.get("voedselbank").telefoon == "033 123 45 67"
    latest = Store(data_copy).history()[0]
    assert (latest.author, latest.changed) == ("Anna Coördinator", {"voedselbank": ("telefoon",)})
    # The table now shows the saved list and has no pending edits.
    assert "Geen wijzigingen." in texts(at)


def test_unchecking_actief_archives(at, data_copy):
    edit_table(at, {row_of(at, "voedselbank"): {"actief": False}})
    at.button(key="beheer_tabel_opslaan").click().run()
    saved = Store(data_copy).load()
    assert saved.get("voedselbank") is not None and not saved.get("voedselbank").actief
    assert Store(data_copy).history()[0].archived == ("voedselbank",)


def test_a_bad_edit_shows_the_problem_per_organisation_and_field_and_saves_nothing(at, data_copy):
    before = data_copy.read_bytes()
    edit_table(at, {row_of(at, "voedselbank"): {"email": "geen-adres", "naam": ""}})
    at.button(key="beheer_tabel_opslaan").click().run()
    assert not at.exception
    assert "niets opgeslagen" in at.error[0].value
    # The field as the table's heading names it, and the organisation, in one full sentence each.
    # The name was emptied here, so the row is named by its id.
    assert sorted(problem_lines(at)) == [
        "id voedselbank, E-mail: 'geen-adres' is geen e-mailadres; schrijf het als naam@organisatie.nl",
        "id voedselbank, Naam: is leeg, maar deze kolom is verplicht; vul in: naam zoals mensen de organisatie kennen",
    ]
    assert data_copy.read_bytes() == before


def test_mark_as_checked_sets_today(at, data_copy):
    at.selectbox(key="beheer_kies").select("voedselbank").run()
    at.button(key="beheer_gecontroleerd").click().run()
    assert not at.exception
    assert Store(data_copy).load().get("voedselbank").laatst_gecontroleerd == dt.date.today()


def test_the_form_saves_one_organisation(at, data_copy):
    at.selectbox(key="beheer_kies").select("voedselbank").run()
    at.text_area(key="beheer_veld_voedselbank_openingstijden").input("Dinsdag 10-12 uur")
    button(at, "Wijzigingen opslaan").click().run()
    assert not at.exception
    assert Store(data_copy).load().get("voedselbank").openingstijden == "Dinsdag 10-12 uur"


def test_adding_an_organisation_makes_an_id_from_the_name(at, data_copy):
    at.text_input(key="beheer_nieuw_1_naam").input("Budgetcafé De Kern")
    at.selectbox(key="beheer_nieuw_1_domein").select("preventie")
    at.text_area(key="beheer_nieuw_1_omschrijving").input("Samen met anderen leren rondkomen.")
    at.multiselect(key="beheer_nieuw_1_themas").select("geldzorgen-schulden")
    at.text_area(key="beheer_nieuw_1_aanmelden").input("Gewoon binnenlopen.")
    button(at, "Organisatie toevoegen").click().run()
    assert not at.exception
    added = Store(data_copy).load().get("budgetcafe-de-kern")
    assert added is not None and added.actief and added.laatst_gecontroleerd == dt.date.today()


def test_adding_without_required_fields_names_them(at, data_copy):
    before = data_copy.read_bytes()
    at.text_input(key="beheer_nieuw_1_naam").input("Alleen een naam")
    button(at, "Organisatie toevoegen").click().run()
    assert not at.exception
    where = [line.split(": ")[0] for line in problem_lines(at)]
    assert all(w.startswith("Alleen een naam (alleen-een-naam), ") for w in where)
    fields = {w.split(", ")[1] for w in where}
    assert {"Wat ze doen", "Thema's", "Aanmelden"} <= fields  # the form's labels, not "omschrijving"
    assert data_copy.read_bytes() == before


def test_a_conflict_shows_both_changes_and_reapplies_mine(at, data_copy):
    # Another coordinator saves after this one opened the page.
    other = Store(data_copy)
    snapshot = other.load()
    changed = [
        o.model_copy(update={"openingstijden": "Maandag"}) if o.id == "leergeld" else o for o in snapshot.organisations
    ]
    other.save(changed, snapshot.version, "Bob")
    edit_table(at, {row_of(at, "voedselbank"): {"telefoon": "033 123 45 67"}})
    at.button(key="beheer_tabel_opslaan").click().run()
    assert not at.exception
    assert "Iemand anders heeft de lijst opgeslagen" in at.warning[0].value
    theirs, mine = at.dataframe[0].value, at.dataframe[1].value
    assert list(theirs["veld"]) == ["openingstijden"] and list(mine["veld"]) == ["telefoon"]
    at.button(key="beheer_conflict_opnieuw").click().run()
    assert not at.exception
    saved = Store(data_copy).load()
    assert saved.get("voedselbank").telefoon == "033 123 45 67"
    assert saved.get("leergeld").openingstijden == "Maandag"
    assert [e.author for e in Store(data_copy).history()[:2]] == ["Anna Coördinator", "Bob"]


def test_every_tab_renders_without_error(at):
    labels = [t.label for t in at.tabs]
    assert labels[:3] == ["Tabel", "Eén organisatie", "Nieuwe organisatie"]
    assert "Blinde vlekken" in labels
    all_text = texts(at)
    assert "actieve organisaties" in all_text or "gecontroleerd" in all_text
    headers = [tuple(d.value.columns[:2]) for d in at.dataframe]
    assert ("Thema", "Preventie") in headers  # the blind spots matrix
    assert ("Organisatie", "Groep") in headers  # the freshness list
    assert ("wanneer", "wie") in headers  # the history


def test_blind_spots_list_themes_the_organisations_own_words_point_to(at):
    (hints,) = [d.value for d in at.dataframe if "Past misschien ook bij" in d.value.columns]
    leergeld = hints[hints["Organisatie"] == "Stichting Leergeld Amersfoort"]
    assert "Kleding en spullen" in set(leergeld["Past misschien ook bij"])
    assert any("fiets" in reason for reason in leergeld["Want er staat"])
    assert "voeg het thema dan toe bij *Eén organisatie*" in texts(at)


def open_with_secrets(monkeypatch, data_copy, secrets: dict) -> AppTest:
    from streamlit.testing.v1 import AppTest as Test

    monkeypatch.delenv("VANGNET_BEHEER_WACHTWOORD", raising=False)
    monkeypatch.setenv("VANGNET_DATA", str(data_copy))
    at = Test.from_file(str(ROOT / "app.py"), default_timeout=60)
    for name, value in secrets.items():
        at.secrets[name] = value
    at.run()
    at.switch_page("pages/beheer.py").run()
    assert not at.exception
    return at


def test_a_password_in_secrets_works_too(monkeypatch, data_copy):
    at = open_with_secrets(monkeypatch, data_copy, {"beheer_wachtwoord": "uit-secrets-wachtwoord"})
    log_in(at, "uit-secrets-wachtwoord")
    assert at.data_editor


def test_with_oidc_configured_the_page_offers_login_and_no_editing(monkeypatch, data_copy):
    auth = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "geheim",
        "client_id": "vangnet",
        "client_secret": "geheim",
        "server_metadata_url": "https://login.example.org/.well-known/openid-configuration",
    }
    secrets = {"auth": auth, "beheer_wachtwoord": "genegeerd", "beheer_toegestaan": ["@amersfoort.nl"]}
    at = open_with_secrets(monkeypatch, data_copy, secrets)
    assert [b.label for b in at.button] == ["Inloggen"]
    assert not at.data_editor and not at.text_input


def test_a_half_filled_auth_block_names_what_is_missing(monkeypatch, data_copy):
    at = open_with_secrets(monkeypatch, data_copy, {"auth": {"client_id": "vangnet"}, "beheer_wachtwoord": "x"})
    assert "client_secret" in at.error[0].value and "server_metadata_url" in at.error[0].value
    assert not at.button and not at.text_input  # no fallback to the password either


def test_oidc_without_a_list_of_allowed_accounts_lets_nobody_edit(monkeypatch, data_copy):
    auth = {k: "x" for k in ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")}
    at = open_with_secrets(monkeypatch, data_copy, {"auth": auth})
    assert "beheer_toegestaan" in at.error[0].value
    assert not at.button


@pytest.mark.parametrize(
    ("email", "allowed"),
    [
        ("anna@amersfoort.nl", True),
        ("ANNA@Amersfoort.nl", True),
        ("bob@armoedepact.nl", True),
        ("eve@amersfoort.nl.evil.example", False),
        ("eve@evil.example", False),
        ("amersfoort.nl", False),
        ("a@b@amersfoort.nl", False),
        ("", False),
    ],
)
def test_only_listed_accounts_or_domains_may_edit(email, allowed):
    from ui.auth import is_allowed

    assert is_allowed(email, ["@amersfoort.nl", "bob@armoedepact.nl"]) is allowed


def test_a_form_save_after_someone_elses_save_is_a_conflict_not_an_overwrite(at, data_copy):
    at.selectbox(key="beheer_kies").select("voedselbank").run()
    other = Store(data_copy)
    snapshot = other.load()
    other.save(
        [
            o.model_copy(update={"telefoon": "033 999 99 99"}) if o.id == "voedselbank" else o
            for o in snapshot.organisations
        ],
        snapshot.version,
        "Bob",
    )
    at.run()  # any click: the page says the list changed but keeps the version the form shows
    assert any("intussen opgeslagen" in i.value for i in at.info)
    at.text_area(key="beheer_veld_voedselbank_openingstijden").input("Vrijdag")
    button(at, "Wijzigingen opslaan").click().run()
    assert "Iemand anders heeft de lijst opgeslagen" in at.warning[0].value
    at.button(key="beheer_conflict_opnieuw").click().run()
    saved = Store(data_copy).load().get("voedselbank")
    assert (saved.telefoon, saved.openingstijden) == ("033 999 99 99", "Vrijdag")


def test_a_clash_shows_the_whole_text_of_both_sides(at, data_copy):
    long_theirs = "De ander schreef een lange omschrijving. " * 12
    long_mine = "Ik schreef ook een lange omschrijving, maar een andere. " * 10
    at.selectbox(key="beheer_kies").select("voedselbank").run()
    other = Store(data_copy)
    snapshot = other.load()
    changed = [
        o.model_copy(update={"omschrijving": long_theirs}) if o.id == "voedselbank" else o
        for o in snapshot.organisations
    ]
    other.save(changed, snapshot.version, "Bob")
    at.text_area(key="beheer_veld_voedselbank_omschrijving").input(long_mine)
    button(at, "Wijzigingen opslaan").click().run()
    shown = [t.value for t in at.text]
    assert long_theirs.strip() in [t.strip() for t in shown] and long_mine.strip() in [t.strip() for t in shown]
    assert any("Wat ze doen" in m.value for m in at.markdown)  # the field's Dutch label, not "omschrijving"


def test_the_form_speaks_dutch_and_explains_each_role(at):
    at.selectbox(key="beheer_kies").select("jongerius-gerechtsdeurwaarders").run()
    labels = {w.label for w in (*at.text_input, *at.text_area, *at.selectbox)}
    assert {"Hoort ook bij", "Contact voor hulpverleners", "Hoe precies is de plek"} <= labels
    assert not {"ook_domein", "contact_professionals", "locatie_nauwkeurigheid"} & labels
    role = at.selectbox(key="beheer_veld_jongerius-gerechtsdeurwaarders_rol")
    assert role.value == "tegenpartij"
    assert any("Werkt voor schuldeisers" in str(o) and "niet voor hulp" in str(o) for o in role.options)


def test_import_shows_a_preview_and_saves_only_after_confirming(at, data_copy):
    before = data_copy.read_bytes()
    upload = "id;naam;domein;omschrijving;themas;aanmelden;actief\r\n" + (
        "voedselbank;Voedselbank Amersfoort;ondersteuning;Nieuwe omschrijving, ‘met’ Windows-tekens;voedsel;"
        "Na een intake.;ja\r\n"
    )
    assert not at.checkbox(key="beheer_import_archiveren").value  # a part of the list archives nothing
    upload_file(at, "lijst.csv", upload.encode("cp1252"))
    assert not at.exception
    assert "Na de import: 1 gewijzigd." in texts(at)
    assert "telefoon" in texts(at)  # columns not in the file keep their values, and the page says so
    assert data_copy.read_bytes() == before
    at.button(key="beheer_import_bevestig").click().run()
    saved = Store(data_copy).load().get("voedselbank")
    assert saved.omschrijving.startswith("Nieuwe omschrijving") and saved.website


def test_an_unreadable_upload_says_so(at, data_copy):
    upload_file(at, "foto.csv", b"\x89PNG\x00\x00")
    assert not at.exception
    assert "kan niet worden gelezen" in texts(at)


def test_restore_an_older_version(at, data_copy):
    original = Store(data_copy).load()
    edit_table(at, {row_of(at, "voedselbank"): {"telefoon": "033 123 45 67"}})
    at.button(key="beheer_tabel_opslaan").click().run()
    at.selectbox(key="beheer_herstel_versie").select(original.version).run()
    # First the preview, like an import: what restoring would change, before anything is written.
    assert any(m.value.startswith("**Na terugzetten: 1 gewijzigd") for m in at.markdown)
    (preview,) = change_blocks(at)
    assert preview.startswith("**Voedselbank Amersfoort**: gewijzigd")
    assert "- **Telefoon**  \n  *Was:* 033 123 45 67  \n  *Wordt:* " in preview
    assert Store(data_copy).load().version != original.version
    at.checkbox(key="beheer_herstel_zeker").check().run()
    at.button(key="beheer_herstel").click().run()
    assert not at.exception
    assert Store(data_copy).load().version == original.version
    assert "teruggezet" in at.success[0].value


def test_a_list_that_cannot_be_loaded_still_shows_history_to_restore(at, data_copy):
    original = Store(data_copy).load()
    edit_table(at, {row_of(at, "voedselbank"): {"telefoon": "033 123 45 67"}})
    at.button(key="beheer_tabel_opslaan").click().run()
    data_copy.write_text(data_copy.read_text(encoding="utf-8").replace(",ondersteuning,", ",ondersteunin,", 1))
    at.session_state["beheer_herladen_gevraagd"] = True
    at.run()
    assert not at.exception
    at.selectbox(key="beheer_herstel_versie").select(original.version).run()
    at.checkbox(key="beheer_herstel_zeker").check().run()
    at.button(key="beheer_herstel").click().run()
    assert Store(data_copy).load().version == original.version


def test_a_hostile_extra_column_name_is_shown_as_text(monkeypatch, data_copy):
    text = data_copy.read_text(encoding="utf-8").splitlines()
    hostile = "![x](https://evil.example/p.png) **[klik](https://evil.example)**"
    text[0] += f',"{hostile}"'
    data_copy.write_text("\n".join(text) + "\n", encoding="utf-8")
    monkeypatch.setenv("VANGNET_BEHEER_WACHTWOORD", PASSWORD)
    at = log_in(open_app(monkeypatch, data_copy, "pages/beheer.py"))
    at.selectbox(key="beheer_kies").select("voedselbank").run()
    label = next(t.label for t in at.text_input if t.key.endswith(hostile))
    assert "](" not in label.replace("\\]\\(", "")  # every bracket and parenthesis escaped
    assert label.startswith("\\!\\[x\\]")


def test_an_empty_list_can_be_started(monkeypatch, workdir):
    path = workdir / "organisaties.csv"
    path.write_text("id,naam,domein,omschrijving,themas,aanmelden,actief\n", encoding="utf-8")
    monkeypatch.setenv("VANGNET_BEHEER_WACHTWOORD", PASSWORD)
    at = log_in(open_app(monkeypatch, path, "pages/beheer.py"))
    assert not at.exception
    assert at.data_editor(key=editor_key(at)).value.shape[0] == 0


def test_an_upload_in_two_encodings_is_refused_with_its_line(at, data_copy):
    before = data_copy.read_bytes()
    utf8 = (
        "id;naam;domein;omschrijving;themas;aanmelden;actief\r\n"
        "voedselbank;Voedselbank Amersfoort;ondersteuning;Eten voor één week;voedsel;Intake.;ja\r\n"
        "leergeld;Stichting Leergeld;ondersteuning;Schoolspullen of een fiets;kinderen-school;Bel.;ja\r\n"
    )
    pasted = "kledingbank;Kledingbank;ondersteuning;Kleding voor cliënten;kleding-spullen;Bel.;ja\r\n"
    upload = utf8.encode("utf-8") + pasted.encode("cp1252")
    upload_file(at, "lijst.csv", upload)
    assert not at.exception
    assert "kan niet worden gelezen" in texts(at)
    # Each problem as a whole sentence with its place in front (a table cell cut the reason off).
    (problem,) = problem_lines(at)
    assert problem.startswith("regel 4, kolom omschrijving: deze regel is niet in UTF-8 opgeslagen")
    assert not any("Na de import" in t for t in texts(at).splitlines())
    assert data_copy.read_bytes() == before


def test_the_hsds_download_says_it_is_not_for_excel(at):
    # HSDS stays exact for machines, so a cell starting with = is not neutralised as in the Excel export.
    help_text = at.download_button(key="beheer_export_hsds").help
    assert "niet om in Excel te openen" in help_text and "formule" in help_text


def test_the_table_shows_an_empty_second_group_as_a_dash_never_none(at):
    (table,) = [d.value for d in at.dataframe if "ook_domein" in d.value.columns]
    assert "None" not in table.astype(str).to_numpy().tolist().__str__()
    assert set(table["ook_domein"]) <= {"—", "preventie", "ondersteuning", "curatief"}
    assert (table["ook_domein"] == "—").any()
