"""The store's contract, proved against both stores: the CSV file and a real PostgreSQL server.

Each test gets a `place`: the list with an extra column and a deliberate row order, in a fresh CSV file
or a fresh database (put there by `copy`, as a coordinator would). Child processes open it by location.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from directory import DirectoryError, Organisation
from directory.copying import copy_list
from directory.store import ConflictError, open_store
from tests.conftest import VALID_ROW, csv_text


@dataclass(frozen=True)
class Place:
    """Where a list is kept, picklable for a child process: a CSV path or a database URL."""

    location: str
    data_path: Path  # the folder with themas.csv

    def open(self):
        return open_store(self.location, self.data_path)


def new_org(org_id: str, **values) -> Organisation:
    cells = {**VALID_ROW, "id": org_id, "naam": f"Organisatie {org_id}", **values}
    return Organisation.model_validate(cells)


def make_place(kind: str, workdir: Path, request, rows: list[dict[str, str]], header: list[str]) -> Place:
    path = workdir / "organisaties.csv"
    path.write_text(csv_text(rows, header), encoding="utf-8")
    if kind == "csv":
        return Place(str(path), path)
    url = request.getfixturevalue("database_url")
    copy_list(path, url, data_path=path)
    return Place(url, path)


@pytest.fixture(params=["csv", "postgres"])
def place(request, workdir) -> Place:
    rows = [{**VALID_ROW, "id": "zeta", "notitie": "eerst"}, {**VALID_ROW, "id": "alfa", "notitie": "daarna"}]
    return make_place(request.param, workdir, request, rows, ["notitie", *VALID_ROW])


@pytest.fixture(params=["csv", "postgres"])
def big_place(request, workdir) -> Place:
    """400 organisations: a save takes long enough to be killed in the middle of it."""
    return make_place(request.param, workdir, request, [{**VALID_ROW, "id": f"org-{n}"} for n in range(400)], None)


def test_unknown_columns_and_row_order_survive_a_save_and_a_load(place):
    store = place.open()
    snapshot = store.load()
    assert [o.id for o in snapshot.organisations] == ["zeta", "alfa"]
    edited = [o.model_copy(update={"naam": "Nieuw"}) if o.id == "alfa" else o for o in snapshot.organisations]
    third = new_org("nieuw").model_copy(update={"extra": {"notitie": "derde"}})
    saved = store.save([*edited, third], snapshot.version, "Anna")
    again = place.open().load()
    assert again == saved.directory
    assert [o.id for o in again.organisations] == ["zeta", "alfa", "nieuw"]
    assert again.columns[0] == "notitie"
    assert [o.extra["notitie"] for o in again.organisations] == ["eerst", "daarna", "derde"]
    assert [(c.column, c.new) for c in saved.changes.changed["alfa"]] == [("naam", "Nieuw")]


def test_a_stale_save_is_refused_and_changes_nothing(place):
    store = place.open()
    first = store.load()
    second = store.save([*first.organisations, new_org("nieuw-a")], first.version, "Anna")
    with pytest.raises(ConflictError) as caught:
        store.save([*first.organisations, new_org("nieuw-b")], first.version, "Bob")
    assert "iemand anders" in str(caught.value)
    assert caught.value.current.version == second.version
    now = place.open().load()
    assert now.version == second.version and now.get("nieuw-b") is None
    assert [e.author for e in store.history()].count("Bob") == 0


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda orgs: [*orgs, new_org("x", themas=("onbekend",))], "themas"),
        (lambda orgs: [*orgs, orgs[0]], "id"),  # the same id twice
        (lambda orgs: orgs[:1], "id"),  # an organisation left out instead of archived
    ],
)
def test_an_invalid_list_is_refused_with_the_same_rules(place, change, expected):
    store = place.open()
    snapshot = store.load()
    with pytest.raises(DirectoryError) as caught:
        store.save(change(list(snapshot.organisations)), snapshot.version, "Anna")
    assert any(p.kolom == expected for p in caught.value.problems)
    assert store.current_version() == snapshot.version
    assert len(store.history()) == 1


def test_history_says_who_saved_which_version_when(place):
    store = place.open()
    first = store.load()
    saved = store.save(
        [o.model_copy(update={"actief": False}) if o.id == "zeta" else o for o in first.organisations],
        first.version,
        "Anna",
    )
    unchanged = store.save(saved.organisations, saved.version, "Bob")  # the same list is no new version
    assert unchanged.version == saved.version
    newest, original = store.history()
    assert (newest.version, newest.author, newest.previous_version) == (saved.version, "Anna", first.version)
    assert newest.archived == ("zeta",) and newest.summary() == "1 gearchiveerd"
    assert newest.timestamp.tzinfo is not None and newest.timestamp >= original.timestamp
    assert original.version == first.version and original.available


def test_restore_brings_an_old_version_back_as_a_new_save(place):
    store = place.open()
    original = store.load()
    store.save([*original.organisations, new_org("nieuw")], original.version, "Anna")
    restored = store.restore(original.version, "Bob")
    assert restored.version == original.version
    assert place.open().load() == restored.directory
    latest = store.history()[0]
    assert (latest.author, latest.removed) == ("Bob", ("nieuw",))
    assert "teruggezet" in latest.note
    assert any(e.added == ("nieuw",) and e.available for e in store.history())
    with pytest.raises(DirectoryError, match="niet bewaard"):
        store.restore("0" * 16, "Bob")


# --- several processes ----------------------------------------------------------------------

EDITS_PER_WRITER = 3


def add_with_retries(store, items_of, make_item, writer: int) -> None:
    """EDITS_PER_WRITER saves of one new item each (ids w{writer}-{edit}), retried on a conflict; exit code 3
    when a save never lands. Shared by the organisation and scheme stores' concurrency tests."""
    for edit in range(EDITS_PER_WRITER):
        for _ in range(300):
            snapshot = store.load()
            try:
                store.save([*items_of(snapshot), make_item(f"w{writer}-{edit}")], snapshot.version, f"w{writer}")
                break
            except ConflictError:
                continue
        else:
            raise SystemExit(3)


def _add_three(place: Place, writer: int, barrier) -> None:
    store = place.open()
    barrier.wait()
    add_with_retries(store, lambda snapshot: snapshot.organisations, new_org, writer)


def _add_once(place: Place, org_id: str, version: str, barrier, results) -> None:
    store = place.open()
    snapshot = store.load()
    barrier.wait()
    try:
        store.save([*snapshot.organisations, new_org(org_id)], version, org_id)
        results.put(("saved", org_id))
    except ConflictError:
        results.put(("conflict", org_id))


def _run(processes) -> list[int | None]:
    for process in processes:
        process.start()
    for process in processes:
        process.join(180)
    return [process.exitcode for process in processes]


def test_eight_writers_making_three_edits_each_lose_nothing(place):
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(8)
    assert _run([context.Process(target=_add_three, args=(place, n, barrier)) for n in range(8)]) == [0] * 8
    ids = {f"w{n}-{edit}" for n in range(8) for edit in range(EDITS_PER_WRITER)}
    assert {o.id for o in place.open().load().organisations} == {"zeta", "alfa", *ids}
    saves = [e for e in place.open().history() if e.author.startswith("w")]
    assert sorted(e.added[0] for e in saves) == sorted(ids)  # one version per edit, none lost or merged
    assert all(e.available for e in saves)


def test_eight_saves_from_the_same_version_let_exactly_one_through(place):
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(8), context.Queue()
    version = place.open().load().version
    ids = [f"coord-{n}" for n in range(8)]
    _run([context.Process(target=_add_once, args=(place, i, version, barrier, results)) for i in ids])
    outcomes = [results.get(timeout=30) for _ in ids]
    saved = [org_id for outcome, org_id in outcomes if outcome == "saved"]
    assert len(saved) == 1
    assert {o.id for o in place.open().load().organisations} == {"zeta", "alfa", *saved}


def _save_forever(place: Place, started) -> None:
    store = place.open()
    started.set()
    n = 0
    while True:
        snapshot = store.load()
        n += 1
        text = f"Versie {n}. " + "lange tekst " * 50
        store.save([o.model_copy(update={"omschrijving": text}) for o in snapshot.organisations], snapshot.version, "s")


def test_a_writer_killed_mid_save_leaves_the_old_or_the_new_list(big_place):
    context = multiprocessing.get_context("spawn")
    for attempt in range(5):
        started = context.Event()
        writer = context.Process(target=_save_forever, args=(big_place, started))
        writer.start()
        started.wait(30)
        time.sleep(0.5 + attempt * 0.17)
        os.kill(writer.pid, signal.SIGKILL)
        writer.join()
        store = big_place.open()
        snapshot = store.load()  # raises if the list were half written
        assert len(snapshot.organisations) == 400
        assert len({o.omschrijving for o in snapshot.organisations}) == 1  # one version, not a mix
        assert store.history()[0].version == snapshot.version
    # The killed writer holds nothing: the next save goes through at once.
    store = big_place.open()
    snapshot = store.load()
    started = time.monotonic()
    store.save([*snapshot.organisations, new_org("na-de-crash")], snapshot.version, "na de crash")
    assert time.monotonic() - started < 10
