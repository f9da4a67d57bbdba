"""The store's guarantees for the second list, regelingen.csv, on the file store.

Each test gets a copy of the bundled data folder (organisaties.csv, themas.csv) with a regelingen.csv
that has an extra column first and its rows in a deliberate order, as a coordinator's file might.
Child processes open the store by path, as a second app server or a second coordinator would.
"""

from __future__ import annotations

import datetime as dt
import gzip
import multiprocessing
import os
import shutil
import signal
import time
from datetime import UTC
from pathlib import Path

import pytest

from directory import DirectoryError, csvfile
from directory.regelingen_schema import Regeling, load_regelingen
from directory.store import PLAIN_VERSIONS, ConflictError, Store, scheme_store
from tests.conftest import ROOT, csv_text
from tests.test_store_contract import EDITS_PER_WRITER, _run, add_with_retries

BUNDLED = ROOT / "data"


def scheme_rows() -> tuple[list[str], list[dict[str, str]]]:
    table = csvfile.load(BUNDLED / "regelingen.csv")
    return list(table.header), [dict(row.cells) for row in table.rows]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("organisaties.csv", "themas.csv"):
        shutil.copy(BUNDLED / name, tmp_path / name)
    header, rows = scheme_rows()
    rows = [{**row, "notitie": f"notitie {n}"} for n, row in enumerate(reversed(rows[:4]))]
    (tmp_path / "regelingen.csv").write_text(csv_text(rows, ["notitie", *header]), encoding="utf-8")
    return tmp_path


@pytest.fixture
def path(folder: Path) -> Path:
    return folder / "regelingen.csv"


def new_scheme(scheme_id: str, **values) -> Regeling:
    _, rows = scheme_rows()
    return Regeling.model_validate({**rows[0], "id": scheme_id, "naam": f"Regeling {scheme_id}", **values})


def edited(schemes, scheme_id: str, **values) -> list[Regeling]:
    return [r.model_copy(update=values) if r.id == scheme_id else r for r in schemes]


def test_the_store_loads_schemes_checked_against_the_organisations_beside_them(path):
    snapshot = scheme_store(path).load()
    assert snapshot == load_regelingen(path)
    assert snapshot.directory.source == path.with_name("organisaties.csv")


def test_unknown_columns_and_row_order_survive_a_save(path):
    store = scheme_store(path)
    first = store.load()
    order = [r.id for r in first.regelingen]
    saved = store.save([*edited(first.regelingen, order[1], bedrag="€ 50"), new_scheme("nieuw")], first.version, "Anna")
    again = scheme_store(path).load()
    assert again == saved.snapshot
    assert [r.id for r in again.regelingen] == [*order, "nieuw"]
    assert again.columns[0] == "notitie"
    assert [r.extra.get("notitie") for r in again.regelingen][:4] == [f"notitie {n}" for n in range(4)]
    assert [(c.column, c.new) for c in saved.changes.changed[order[1]]] == [("bedrag", "€ 50")]


def test_a_stale_save_is_refused_and_changes_nothing(path):
    store = scheme_store(path)
    first = store.load()
    second = store.save([*first.regelingen, new_scheme("nieuw-a")], first.version, "Anna")
    with pytest.raises(ConflictError) as caught:
        store.save([*first.regelingen, new_scheme("nieuw-b")], first.version, "Bob")
    assert "iemand anders" in str(caught.value)
    assert caught.value.current == second.snapshot  # the schemes as they are now, for the conflict view
    now = scheme_store(path).load()
    assert now.version == second.version and "nieuw-b" not in {r.id for r in now.regelingen}
    assert "Bob" not in [e.author for e in store.history()]


@pytest.mark.parametrize(
    ("change", "column", "message"),
    [
        (lambda rs: [*rs, new_scheme("x", hulp_bij_aanvragen=("geldlokt",))], "hulp_bij_aanvragen", "organisaties"),
        (lambda rs: [*rs, new_scheme("x", themas=("onbekend",))], "themas", "geen bekend thema"),
        (lambda rs: [*rs, rs[0]], "id", "komt al voor"),
        (lambda rs: rs[1:], "id", "regelingen worden niet verwijderd"),  # left out instead of archived
    ],
)
def test_an_invalid_list_is_refused_with_the_rules_of_check(path, change, column, message):
    store = scheme_store(path)
    before = path.read_bytes()
    snapshot = store.load()
    with pytest.raises(DirectoryError) as caught:
        store.save(change(list(snapshot.regelingen)), snapshot.version, "Anna")
    assert any(p.kolom == column and message in p.message for p in caught.value.problems)
    assert path.read_bytes() == before
    assert len(store.history()) == 1


def test_helpers_are_checked_against_the_organisation_list_as_it_is_at_the_save(path, folder):
    """An organisation archived after the coordinator opened the schemes (by hand, in Excel: Beheer itself
    refuses to archive a named helper) makes a save naming it fail."""
    store = scheme_store(path)
    snapshot = store.load()
    helper = "stadsring51"
    table = csvfile.load(folder / "organisaties.csv")
    rows = [{**r.cells, "actief": "nee"} if r.cells["id"] == helper else dict(r.cells) for r in table.rows]
    (folder / "organisaties.csv").write_bytes(csvfile.serialise(table.header, rows, table.dialect))
    assert any(helper in r.hulp_bij_aanvragen for r in snapshot.regelingen)
    with pytest.raises(DirectoryError) as caught:
        store.save(snapshot.regelingen, snapshot.version, "Anna")
    assert any(p.kolom == "hulp_bij_aanvragen" and "gearchiveerd" in p.message for p in caught.value.problems)


def test_the_organisations_can_come_from_another_store(path, folder):
    """With a database the organisation list is not beside the file; the app passes its store's load."""
    calls = []

    def organisations():
        calls.append(1)
        return Store(folder / "organisaties.csv").load()

    store = scheme_store(path, organisations)
    snapshot = store.load()
    store.save(edited(snapshot.regelingen, snapshot.regelingen[0].id, bedrag="€ 1"), snapshot.version, "Anna")
    assert len(calls) == 2  # once to load, once inside the lock of the save


def test_archiving_and_history_say_who_what_when_in_a_log_of_their_own(path, folder):
    store = scheme_store(path)
    first = store.load()
    target = first.regelingen[0].id
    saved = store.save(edited(first.regelingen, target, actief=False), first.version, "Anna")
    newest, original = store.history()
    assert (newest.author, newest.previous_version, newest.archived) == ("Anna", first.version, (target,))
    assert newest.summary() == "1 gearchiveerd" and newest.timestamp.tzinfo is not None
    assert original.version == first.version and original.available
    assert store.save(saved.snapshot.regelingen, saved.version, "Bob").version == saved.version  # no new version
    assert (folder / "history" / "regelingen-log.jsonl").is_file()
    assert not (folder / "history" / "organisaties-log.jsonl").exists()  # the organisation list is untouched
    assert (folder / ".regelingen.csv.lock").exists()


def test_restore_shows_what_it_changes_first_then_brings_the_version_back(path):
    store = scheme_store(path)
    original = store.load()
    target = original.regelingen[2].id
    store.save([*edited(original.regelingen, target, bedrag="€ 9"), new_scheme("nieuw")], original.version, "Anna")
    preview = store.restore_changes(original.version)
    assert preview.removed == ("nieuw",)
    assert [(c.column, c.old, c.new) for c in preview.changed[target]] == [
        ("bedrag", "€ 9", original.regelingen[2].bedrag)
    ]
    restored = store.restore(original.version, "Bob")
    assert restored.version == original.version == scheme_store(path).load().version
    latest = store.history()[0]
    assert (latest.author, latest.removed) == ("Bob", ("nieuw",)) and "teruggezet" in latest.note


def test_older_versions_are_gzipped_and_still_restorable(path, folder):
    clock = [dt.datetime(2025, 1, 6, 9, 0, tzinfo=UTC)]
    store = Store(path, clock=lambda: clock[0], kind=scheme_store(path).kind)
    first = store.load()
    version = first.version
    for n in range(PLAIN_VERSIONS + 2):
        clock[0] += dt.timedelta(days=1)
        snapshot = store.load()
        version = store.save(
            edited(snapshot.regelingen, first.regelingen[0].id, bedrag=f"€ {n}"), snapshot.version, "A"
        ).version
    packed = folder / "history" / f"regelingen-{first.version}.csv.gz"
    assert packed.is_file() and not packed.with_suffix("").exists()
    assert csvfile.content_version(gzip.decompress(packed.read_bytes())) == first.version
    assert store.restore(first.version, "Anna").version == first.version != version


def test_a_spreadsheet_header_is_written_as_the_contract_names_it_and_nothing_is_lost(path):
    text = path.read_text(encoding="utf-8").replace("voor_wie", "Voor wie", 1)
    path.write_text(text, encoding="utf-8")
    store = scheme_store(path)
    snapshot = store.load()
    store.save(edited(snapshot.regelingen, snapshot.regelingen[0].id, bedrag="€ 3"), snapshot.version, "Anna")
    again = scheme_store(path).load()
    assert [r.voor_wie for r in again.regelingen] == [r.voor_wie for r in snapshot.regelingen]
    assert "voor_wie" in again.columns and "Voor wie" not in again.columns


# --- several processes ----------------------------------------------------------------------


def _add_three(path: str, writer: int, barrier) -> None:
    store = scheme_store(path)
    barrier.wait()
    add_with_retries(store, lambda snapshot: snapshot.regelingen, new_scheme, writer)


def test_eight_writers_making_three_edits_each_lose_nothing(path):
    before = {r.id for r in scheme_store(path).load().regelingen}
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(8)
    assert _run([context.Process(target=_add_three, args=(str(path), n, barrier)) for n in range(8)]) == [0] * 8
    ids = {f"w{n}-{edit}" for n in range(8) for edit in range(EDITS_PER_WRITER)}
    assert {r.id for r in scheme_store(path).load().regelingen} == before | ids
    saves = [e for e in scheme_store(path).history() if e.author.startswith("w")]
    assert sorted(e.added[0] for e in saves) == sorted(ids)  # one version per edit, none lost or merged


def _save_forever(path: str, started) -> None:
    store = scheme_store(path)
    started.set()
    n = 0
    while True:
        snapshot = store.load()
        n += 1
        text = f"Versie {n}. " + "lange tekst " * 50
        store.save([r.model_copy(update={"omschrijving": text}) for r in snapshot.regelingen], snapshot.version, "s")


def test_a_writer_killed_mid_save_leaves_the_old_or_the_new_list(folder, path):
    header, rows = scheme_rows()
    active = next(row for row in rows if row["actief"] == "ja")
    many = [{**active, "id": f"regeling-{n}"} for n in range(300)]
    path.write_text(csv_text(many, header), encoding="utf-8")
    context = multiprocessing.get_context("spawn")
    for attempt in range(4):
        started = context.Event()
        writer = context.Process(target=_save_forever, args=(str(path), started))
        writer.start()
        started.wait(30)
        time.sleep(0.6 + attempt * 0.17)
        os.kill(writer.pid, signal.SIGKILL)
        writer.join()
        store = scheme_store(path)
        snapshot = store.load()  # raises if the list were half written
        assert len(snapshot.regelingen) == 300
        assert len({r.omschrijving for r in snapshot.regelingen}) == 1  # one version, not a mix
        assert store.history()[0].version == snapshot.version
    snapshot = scheme_store(path).load()
    started_at = time.monotonic()
    scheme_store(path).save([*snapshot.regelingen, new_scheme("na-de-crash")], snapshot.version, "na de crash")
    assert time.monotonic() - started_at < 10  # the killed writer holds no lock


@pytest.mark.parametrize("kind", ["csv", "postgres"])
def test_archiving_an_organisation_that_a_scheme_names_is_refused_with_the_scheme(tmp_path, request, kind):
    from directory.copying import copy_list
    from directory.model import DirectoryError
    from directory.store import open_store
    from tests.conftest import ROOT

    for name in ("organisaties.csv", "themas.csv", "regelingen.csv"):
        (tmp_path / name).write_bytes((ROOT / "data" / name).read_bytes())
    location = tmp_path / "organisaties.csv"
    if kind == "postgres":  # the schemes stay a file beside the list's data_path
        location = request.getfixturevalue("database_url")
        copy_list(tmp_path / "organisaties.csv", location, data_path=tmp_path / "organisaties.csv")
    store = open_store(location, tmp_path / "organisaties.csv")
    snapshot = store.load()
    before = (tmp_path / "organisaties.csv").read_bytes()
    archived = [o.model_copy(update={"actief": False}) if o.id == "geldcheck033" else o for o in snapshot.organisations]
    with pytest.raises(DirectoryError) as exc:
        store.save(archived, snapshot.version, "Anna")
    assert any("'geldcheck033' wordt genoemd bij de regeling" in p.message for p in exc.value.problems)
    assert (tmp_path / "organisaties.csv").read_bytes() == before  # nothing written
    assert store.load().version == snapshot.version
    # An organisation no scheme names can still be archived.
    free = [o.model_copy(update={"actief": False}) if o.id == "de-witte-vlinder" else o for o in snapshot.organisations]
    assert store.save(free, snapshot.version, "Anna").changes.archived == ("de-witte-vlinder",)
