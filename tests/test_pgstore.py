"""PostgreSQL beyond the shared contract: setting up, copying both ways, several app servers, failures.

The contract itself (stale saves, concurrency, a killed writer, restore, round trip) is proved for both
stores in test_store_contract.py.
"""

from __future__ import annotations

import datetime as dt
import re

import psycopg
import pytest

from directory.csvfile import file_version
from directory.pgstore import PgStore
from directory.settings import Settings
from directory.store import Store, open_store
from tests.conftest import DATA, ROOT, VALID_ROW, csv_text, open_app, run_cli
from tests.pgcluster import free_port


@pytest.fixture
def filled(database_url, data_copy) -> str:
    """A database holding the bundled list, copied in with the CLI."""
    assert run_cli("copy", str(data_copy), database_url).returncode == 0
    return database_url


@pytest.mark.parametrize("scheme", ["postgresql", "postgres", "POSTGRESQL"])
def test_open_store_picks_the_store_by_location(tmp_path, scheme):
    assert isinstance(open_store(tmp_path / "lijst.csv"), Store)
    assert isinstance(open_store(str(tmp_path / "lijst.csv")), Store)
    assert isinstance(open_store(f"{scheme}://vangnet@localhost/vangnet"), PgStore)


def test_db_init_sets_up_an_empty_database_once(database_url):
    first, again = run_cli("db", "init", database_url), run_cli("db", "init", database_url)
    assert (first.returncode, again.returncode) == (0, 0)
    assert "is nu ingericht" in first.stdout and "is al ingericht" in again.stdout
    with pytest.raises(Exception, match="bevat nog geen organisatielijst; zet er een in met python -m directory copy"):
        PgStore(database_url).load()


def test_a_database_without_tables_says_to_run_db_init(database_url):
    with pytest.raises(Exception, match="nog niet ingericht voor Vangnet; doe eerst: python -m directory db init"):
        PgStore(database_url).current_version()


def test_db_init_wants_a_database_url(tmp_path):
    result = run_cli("db", "init", str(tmp_path / "lijst.csv"))
    assert result.returncode == 2 and "geef een databaseadres" in result.stderr


def test_copy_into_a_database_and_back_keeps_the_version_and_the_bytes(filled, tmp_path):
    store = PgStore(filled)
    assert store.current_version() == file_version(DATA)  # the same content hash as the CSV file
    (entry,) = store.history()
    assert (entry.author, entry.note, len(entry.added)) == ("kopie", "kopie van organisaties.csv", 47)
    backup = tmp_path / "backup" / "organisaties.csv"
    backup.parent.mkdir()
    result = run_cli("copy", filled, str(backup))
    assert result.returncode == 0, result.stdout
    assert "dezelfde versie, nieuw" in result.stdout
    assert backup.read_bytes() == DATA.read_bytes()
    assert Store(backup).history()[0].author == "kopie"


def test_copy_refuses_a_target_that_holds_a_list_unless_vervang(filled, data_copy):
    store = PgStore(filled)
    snapshot = store.load()
    store.save([o.model_copy(update={"naam": "Anders"}) for o in snapshot.organisations], snapshot.version, "Anna")
    edited = store.current_version()
    refused = run_cli("copy", str(data_copy), filled)
    assert refused.returncode == 1
    assert "bevat al een organisatielijst" in refused.stdout and "--vervang" in refused.stdout
    assert store.current_version() == edited
    replaced = run_cli("copy", str(data_copy), filled, "--vervang")
    assert replaced.returncode == 0, replaced.stdout
    assert store.current_version() == snapshot.version
    assert [(e.author, e.available) for e in store.history()][:2] == [("kopie", True), ("Anna", True)]
    to_file = run_cli("copy", filled, str(data_copy))
    assert to_file.returncode == 1 and "bevat al een organisatielijst" in to_file.stdout


def test_copy_refuses_an_invalid_source_and_copies_nothing(database_url, workdir):
    broken = workdir / "organisaties.csv"
    broken.write_text(csv_text([{**VALID_ROW, "domein": "preventief"}]), encoding="utf-8")
    result = run_cli("copy", str(broken), database_url)
    assert result.returncode == 1 and "regel 2, kolom domein: 'preventief' is geen geldige waarde" in result.stdout
    assert PgStore(database_url).init()  # the tables did not exist yet: nothing was written at all


def test_copy_to_itself_is_a_usage_error(data_copy):
    result = run_cli("copy", str(data_copy), str(data_copy))
    assert result.returncode == 2 and "bron en doel zijn hetzelfde" in result.stderr


def test_an_unreachable_database_says_so_in_dutch_and_never_shows_the_password(data_copy):
    url = f"postgresql://vangnet:geheim-wachtwoord-42@127.0.0.1:{free_port()}/vangnet"
    result = run_cli("copy", str(data_copy), url)
    assert result.returncode == 1
    assert "is niet bereikbaar" in result.stdout and "vangnet op 127.0.0.1" in result.stdout
    assert "geheim-wachtwoord-42" not in result.stdout + result.stderr
    settings = Settings.from_environment({"VANGNET_DATABASE_URL": url})
    assert "geheim-wachtwoord-42" not in repr(PgStore(url)) + repr(settings)


def test_two_app_servers_see_each_others_saves(filled):
    server_a, server_b = PgStore(filled), PgStore(filled)
    seen_by_b = server_b.current_version()
    snapshot = server_a.load()
    saved = server_a.save([o.model_copy(update={"naam": "Nieuw"}) for o in snapshot.organisations], seen_by_b, "A")
    assert server_b.current_version() == saved.version != seen_by_b
    assert server_b.load_version(saved.version) == saved.directory
    assert server_b.load_version(seen_by_b).version == seen_by_b  # the cache loads the version it is keyed on


def test_a_dropped_connection_is_replaced_on_the_next_read(filled, postgres_cluster):
    store = PgStore(filled)
    version = store.current_version()
    with psycopg.connect(postgres_cluster.admin_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'vangnet'")
    assert store.current_version() == version


def test_old_versions_follow_the_file_stores_retention_and_history_stays(filled, monkeypatch):
    import directory.store as store_module

    monkeypatch.setattr(store_module, "KEEP_VERSIONS", 2)
    moment = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    store = PgStore(filled, clock=lambda: moment)
    for n in range(4):
        moment += dt.timedelta(days=400)  # all but the newest two versions ended more than KEEP_MONTHS ago
        snapshot = store.load()
        store.save([o.model_copy(update={"naam": f"V{n}"}) for o in snapshot.organisations], snapshot.version, "A")
    entries = store.history()
    assert len(entries) == 5
    assert [e.available for e in entries] == [True, True, False, False, False]


def test_the_app_shows_a_save_from_another_server_on_its_next_rerun(filled, data_copy, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("VANGNET_DATA", str(data_copy))
    monkeypatch.setenv("VANGNET_DATABASE_URL", filled)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    app.switch_page("pages/overzicht.py").run()
    assert not app.exception
    before = shown_total(app)
    other_server = PgStore(filled, data_path=data_copy)
    snapshot = other_server.load()
    first = snapshot.active[0].id
    archived = [o.model_copy(update={"actief": False}) if o.id == first else o for o in snapshot.organisations]
    other_server.save(archived, snapshot.version, "Anna")
    app.run()
    assert not app.exception
    assert shown_total(app) == before - 1 == len(snapshot.active) - 1


def shown_total(app) -> int:
    counts = [re.fullmatch(r"(Preventie|Ondersteuning|Curatief) \((\d+)\)", h.value) for h in app.subheader]
    return sum(int(m[2]) for m in counts if m)


def test_beheer_saves_into_the_database_and_sees_another_servers_save(filled, data_copy, monkeypatch):
    from tests.test_page_beheer import PASSWORD, button, log_in

    monkeypatch.setenv("VANGNET_BEHEER_WACHTWOORD", PASSWORD)
    monkeypatch.setenv("VANGNET_DATABASE_URL", filled)
    at = log_in(open_app(monkeypatch, data_copy, "pages/beheer.py"))
    at.selectbox(key="beheer_kies").select("voedselbank").run()
    at.text_area(key="beheer_veld_voedselbank_openingstijden").input("Dinsdag 10-12 uur")
    button(at, "Wijzigingen opslaan").click().run()
    assert not at.exception
    store = PgStore(filled, data_path=data_copy)
    assert store.load().get("voedselbank").openingstijden == "Dinsdag 10-12 uur"
    assert store.history()[0].author == "Anna Coördinator"
    assert data_copy.read_bytes() == DATA.read_bytes()  # the CSV file is not touched
    snapshot = store.load()
    phoned = [o.model_copy(update={"telefoon": "033 999 99 99"}) for o in snapshot.organisations]
    store.save(phoned, snapshot.version, "B")
    at.run()
    assert any("intussen opgeslagen" in i.value for i in at.info)
