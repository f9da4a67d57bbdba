"""The store: saves that never lose or corrupt the list, with concurrent coordinators and crashes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from directory import DirectoryError, Organisation
from directory.csvfile import file_version, load
from directory.store import ConflictError, Store
from tests.conftest import VALID_ROW, csv_text
from tests.test_roundtrip_fuzz import THEMES, organisations

THEMES_CSV = "id,naam\n" + "".join(f"{t.id},{t.naam}\n" for t in THEMES)


def new_org(org_id: str, **values) -> Organisation:
    cells = {**VALID_ROW, "id": org_id, "naam": f"Organisatie {org_id}", **values}
    return Organisation.model_validate({k: v for k, v in cells.items() if k not in ("lat", "lon")})


@pytest.fixture
def listing(workdir: Path) -> Path:
    """A small list with an extra column and a deliberate row order."""
    rows = [
        {**VALID_ROW, "id": "zeta", "notitie": "eerst"},
        {**VALID_ROW, "id": "alfa", "notitie": "daarna"},
    ]
    path = workdir / "organisaties.csv"
    path.write_text(csv_text(rows, ["notitie", *VALID_ROW]), encoding="utf-8")
    return path


def test_save_keeps_unknown_columns_row_order_and_writes_history(listing):
    store = Store(listing)
    snapshot = store.load()
    edited = [o.model_copy(update={"naam": "Nieuw"}) if o.id == "alfa" else o for o in snapshot.organisations]
    saved = store.save(edited, snapshot.version, "Anna")

    assert [o.id for o in saved.organisations] == ["zeta", "alfa"]
    assert saved.directory.columns[0] == "notitie"
    assert [o.extra["notitie"] for o in saved.organisations] == ["eerst", "daarna"]
    assert saved.directory.get("alfa").naam == "Nieuw"
    assert [(c.column, c.new) for c in saved.changes.changed["alfa"]] == [("naam", "Nieuw")]
    newest, original = store.history()
    assert (newest.author, newest.version, newest.changed) == ("Anna", saved.version, {"alfa": ("naam",)})
    assert original.version == snapshot.version and original.available
    assert store.version_bytes(snapshot.version) is not None


def test_saving_keeps_the_excel_dialect(workdir):
    path = workdir / "organisaties.csv"
    path.write_bytes(csv_text([{**VALID_ROW, "naam": "Café"}], delimiter=";").replace("\n", "\r\n").encode("cp1252"))
    store = Store(path)
    snapshot = store.load()
    store.save([o.model_copy(update={"naam": "Café René"}) for o in snapshot.organisations], snapshot.version, "A")
    table = load(path)
    assert (table.dialect.delimiter, table.dialect.encoding, table.dialect.newline) == (";", "cp1252", "\r\n")
    assert table.rows[0].cells["naam"] == "Café René"


def test_a_character_windows_1252_cannot_hold_switches_to_utf8_with_bom(workdir):
    path = workdir / "organisaties.csv"
    path.write_bytes(csv_text([{**VALID_ROW, "naam": "Café"}], delimiter=";").encode("cp1252"))
    store = Store(path)
    snapshot = store.load()
    assert snapshot.dialect.encoding == "cp1252"
    store.save(
        [o.model_copy(update={"naam": "Voedselbank 🍞 Ω"}) for o in snapshot.organisations], snapshot.version, "A"
    )
    table = load(path)
    assert (table.dialect.encoding, table.dialect.bom, table.dialect.delimiter) == ("utf-8", True, ";")
    assert table.rows[0].cells["naam"] == "Voedselbank 🍞 Ω"


def test_a_stale_save_raises_conflict_and_writes_nothing(listing):
    store = Store(listing)
    first = store.load()
    store.save([*first.organisations, new_org("nieuw-a")], first.version, "Anna")
    before = listing.read_bytes()
    with pytest.raises(ConflictError) as caught:
        store.save([*first.organisations, new_org("nieuw-b")], first.version, "Bob")
    assert listing.read_bytes() == before
    assert caught.value.current.get("nieuw-a") is not None
    assert "iemand anders" in str(caught.value)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda orgs: [*orgs, new_org("x", verwijst_naar=("bestaat-niet",))], "verwijst_naar"),
        (lambda orgs: [*orgs, new_org("x", themas=("onbekend",))], "themas"),
        (lambda orgs: [*orgs, orgs[0]], "id"),  # the same id twice
        (lambda orgs: orgs[:1], "id"),  # an organisation left out instead of archived
    ],
)
def test_invalid_lists_are_refused_with_the_problems_and_nothing_is_written(listing, change, expected):
    store = Store(listing)
    snapshot = store.load()
    before = listing.read_bytes()
    with pytest.raises(DirectoryError) as caught:
        store.save(change(list(snapshot.organisations)), snapshot.version, "Anna")
    assert listing.read_bytes() == before
    assert not (listing.parent / "history").exists()
    assert any(p.kolom == expected for p in caught.value.problems)


def test_a_save_goes_one_way_themes_read_once_new_list_validated_once(listing, monkeypatch):
    import directory.listkinds as store_module  # what the store reads and validates with, per kind of list

    store = Store(listing)
    snapshot = store.load()
    calls = {"themes": 0, "build": 0}

    def counting(name, real):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(store_module, "load_themes", counting("themes", store_module.load_themes))
    monkeypatch.setattr(store_module, "build_directory", counting("build", store_module.build_directory))
    saved = store.save([*snapshot.organisations, new_org("nieuw")], snapshot.version, "Anna")
    assert calls == {"themes": 1, "build": 1}  # nothing is read back after writing
    assert saved.changes.added == ("nieuw",)
    assert saved.directory == Store(listing).load()


def test_archiving_is_saving_actief_nee(listing):
    store = Store(listing)
    snapshot = store.load()
    archived = [o.model_copy(update={"actief": False}) if o.id == "zeta" else o for o in snapshot.organisations]
    saved = store.save(archived, snapshot.version, "Anna")
    assert [o.id for o in saved.directory.active] == ["alfa"]
    assert saved.changes.archived == ("zeta",)
    assert store.history()[0].archived == ("zeta",)
    assert store.history()[0].summary() == "1 gearchiveerd"


@pytest.mark.parametrize("author", ["", "   ", "\n"])
def test_a_save_needs_an_author(listing, author):
    store = Store(listing)
    snapshot = store.load()
    with pytest.raises(DirectoryError, match="vul je naam in"):
        store.save(snapshot.organisations, snapshot.version, author)


def test_saving_the_same_list_changes_nothing(listing):
    store = Store(listing)
    snapshot = store.load()
    again = store.save(snapshot.organisations, snapshot.version, "Anna")
    assert again.version == snapshot.version
    assert len(store.history()) == 1


def test_restore_brings_an_old_version_back_as_a_new_save(listing):
    store = Store(listing)
    original = store.load()
    store.save([*original.organisations, new_org("nieuw")], original.version, "Anna")
    restored = store.restore(original.version, "Bob")
    assert restored.version == original.version
    assert listing.read_bytes() == store.version_bytes(original.version)
    latest = store.history()[0]
    assert (latest.author, latest.removed) == ("Bob", ("nieuw",))
    assert "teruggezet" in latest.note
    # The version in between is still there to go back to.
    assert any(e.added == ("nieuw",) and e.available for e in store.history())


@pytest.mark.parametrize("version", ["", "../../etc/passwd", "0" * 16, "zz"])
def test_restoring_an_unknown_version_says_so(listing, version):
    with pytest.raises(DirectoryError, match="niet bewaard"):
        Store(listing).restore(version, "Anna")


def test_a_hand_edit_between_saves_shows_in_history(listing):
    store = Store(listing)
    snapshot = store.load()
    store.save(
        (*snapshot.organisations[:1], snapshot.organisations[1].model_copy(update={"naam": "B"})),
        snapshot.version,
        "A",
    )
    listing.write_text(
        listing.read_text(encoding="utf-8").replace("Geeft voedselpakketten", "Geeft pakketten"), encoding="utf-8"
    )
    entries = store.history()
    assert entries[0].author.startswith("onbekend") and entries[0].version == file_version(listing)


def test_a_broken_last_log_line_is_skipped(listing):
    store = Store(listing)
    snapshot = store.load()
    store.save([*snapshot.organisations, new_org("nieuw")], snapshot.version, "Anna")
    with store.log_path.open("a", encoding="utf-8") as handle:
        handle.write('{"version": "abc", "auth')  # a crash in the middle of a line
    assert [e.author for e in store.history()][:1] == ["Anna"]


def test_a_held_lock_gives_a_dutch_message(listing, monkeypatch):
    store = Store(listing)
    snapshot = store.load()
    other = Store(listing)
    other._lock.acquire()
    try:
        store._lock.timeout = 0.2
        with pytest.raises(DirectoryError, match="iemand anders opgeslagen"):
            store.save(snapshot.organisations, snapshot.version, "Anna")
    finally:
        other._lock.release()


# --- several processes ----------------------------------------------------------------------
# Concurrent saves and a writer killed mid-save are proved for this store and the database store alike in
# test_store_contract.py; what is left here is particular to files.


def test_the_next_save_removes_what_a_killed_writer_left_and_only_that(listing, workdir):
    leftover = workdir / ".organisaties.csv.abc123.tmp"  # as write_atomic leaves it when killed before renaming
    leftover.write_text("half", encoding="utf-8")
    not_ours = workdir / ".mijn-notities.tmp"
    not_ours.write_text("van iemand anders", encoding="utf-8")
    store = Store(listing)
    snapshot = store.load()
    store.save([*snapshot.organisations, new_org("nieuw")], snapshot.version, "na de crash")
    assert not leftover.exists() and not_ours.exists()


def test_saving_keeps_the_file_mode(listing):
    listing.chmod(0o664)
    store = Store(listing)
    snapshot = store.load()
    store.save([*snapshot.organisations, new_org("nieuw")], snapshot.version, "Anna")
    assert listing.stat().st_mode & 0o777 == 0o664


def test_an_unwritable_history_gives_a_dutch_message_and_changes_nothing(listing):
    (listing.parent / "history").write_text("een bestand waar een map hoort", encoding="utf-8")
    store = Store(listing)
    snapshot = store.load()
    before = listing.read_bytes()
    with pytest.raises(DirectoryError, match="kan niet worden opgeslagen"):
        store.save([*snapshot.organisations, new_org("nieuw")], snapshot.version, "Anna")
    assert listing.read_bytes() == before


def test_a_broken_list_can_be_restored(listing):
    store = Store(listing)
    good = store.load()
    store.save([*good.organisations, new_org("nieuw")], good.version, "Anna")
    listing.write_text('id,naam\n"kapot', encoding="utf-8")  # a quote that never closes
    restored = store.restore(good.version, "Bob")
    assert restored.version == good.version


def test_a_symlinked_list_updates_the_real_file(listing, tmp_path):
    link = tmp_path / "link.csv"
    link.symlink_to(listing)
    store = Store(link)
    snapshot = store.load()
    store.save([*snapshot.organisations, new_org("nieuw")], snapshot.version, "Anna")
    assert link.is_symlink() and "nieuw" in listing.read_text(encoding="utf-8")


# --- round trip -----------------------------------------------------------------------------


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(orgs=organisations())
def test_what_is_saved_is_what_is_loaded(tmp_path_factory, orgs):
    folder = tmp_path_factory.mktemp("rond")
    (folder / "themas.csv").write_text(THEMES_CSV, encoding="utf-8")
    path = folder / "organisaties.csv"
    path.write_text(csv_text([{**VALID_ROW, "id": "begin", "themas": THEMES[0].id, "notitie": ""}]), encoding="utf-8")
    store = Store(path)
    first = store.load()
    begin = first.organisations[0].model_copy(update={"actief": False})
    saved = store.save([begin, *(o for o in orgs if o.id != "begin")], first.version, "Hypothesis")
    assert list(Store(path).load().organisations) == list(saved.organisations)
    assert [o for o in saved.organisations if o.id != "begin"] == [o for o in orgs if o.id != "begin"]


# --- history that stays small ---------------------------------------------------------------

UTC = dt.UTC


class Clock:
    """The store's clock, set by the test: many saves over months without sleeping."""

    def __init__(self, moment: dt.datetime):
        self.moment = moment

    def __call__(self) -> dt.datetime:
        return self.moment


def save_versions(store: Store, clock: Clock, moments: list[dt.datetime]) -> list[str]:
    """One save per moment (each a new version); returns every version, the original first."""
    versions = [store.load().version]
    for n, moment in enumerate(moments):
        clock.moment = moment
        snapshot = store.load()
        orgs = [o.model_copy(update={"naam": f"Versie {n}"}) if o.id == "alfa" else o for o in snapshot.organisations]
        versions.append(store.save(orgs, snapshot.version, "Anna").version)
    return versions


def kept_files(listing: Path) -> dict[str, str]:
    """version -> 'csv' or 'gz' for every version file in history/."""
    result = {}
    for path in (listing.parent / "history").iterdir():
        if path.name.startswith("organisaties-") and path.name != "organisaties-log.jsonl":
            version, _, kind = path.name.removeprefix("organisaties-").partition(".")
            assert version not in result, f"{version} is kept twice"
            result[version] = "gz" if kind == "csv.gz" else kind
    return result


def test_older_versions_are_gzipped_and_can_still_be_restored(listing):
    clock = Clock(dt.datetime(2025, 1, 6, 9, 0, tzinfo=UTC))
    store = Store(listing, clock=clock)
    original = listing.read_bytes()
    start = clock.moment
    versions = save_versions(store, clock, [start + dt.timedelta(minutes=n) for n in range(1, 31)])

    kept = kept_files(listing)
    assert set(kept) == set(versions)  # nothing removed: all from the last 12 months
    assert [kept[v] for v in versions] == ["gz"] * 21 + ["csv"] * 10  # the newest 10 stay plain CSV
    assert len(store.history()) == 31 and all(e.available for e in store.history())
    assert store.version_bytes(versions[0]) == original

    clock.moment += dt.timedelta(minutes=1)
    restored = store.restore(versions[0], "Bob")
    assert restored.version == versions[0] and listing.read_bytes() == original
    assert store.history()[0].note == f"teruggezet naar versie {versions[0]}"


def test_a_damaged_compressed_version_is_not_offered_as_something_else(listing):
    clock = Clock(dt.datetime(2025, 1, 6, 9, 0, tzinfo=UTC))
    store = Store(listing, clock=clock)
    versions = save_versions(store, clock, [clock.moment + dt.timedelta(minutes=n) for n in range(1, 13)])
    damaged = listing.parent / "history" / f"organisaties-{versions[0]}.csv.gz"
    damaged.write_bytes(damaged.read_bytes()[:40])
    assert store.version_bytes(versions[0]) is None
    with pytest.raises(DirectoryError, match="niet bewaard"):
        store.restore(versions[0], "Bob")


def test_a_compression_cut_short_by_a_crash_is_finished_by_the_next_save(listing):
    clock = Clock(dt.datetime(2025, 1, 6, 9, 0, tzinfo=UTC))
    store = Store(listing, clock=clock)
    versions = save_versions(store, clock, [clock.moment + dt.timedelta(minutes=n) for n in range(1, 12)])
    history = listing.parent / "history"
    plain = history / f"organisaties-{versions[0]}.csv"
    plain.write_bytes(store.version_bytes(versions[0]))  # the plain file is back beside its .gz
    (history / f".organisaties-{versions[1]}.csv.gz.x1y2.tmp").write_bytes(b"half")
    save_versions(store, clock, [clock.moment + dt.timedelta(minutes=1)])
    assert not plain.exists() and kept_files(listing)[versions[0]] == "gz"
    assert not list(history.glob(".*.tmp"))
    assert store.version_bytes(versions[0]) is not None


def moments(first: dt.datetime, count: int, step: dt.timedelta) -> list[dt.datetime]:
    return [first + n * step for n in range(count)]


NOW = dt.datetime(2025, 3, 1, 12, 0, tzinfo=UTC)  # twelve calendar months back: 2024-03-01


@pytest.mark.parametrize(
    ("schedule", "first_kept"),
    [
        # More than 100 versions in the last 12 months: all of those stay. Versions 0-4 stopped being the list
        # on 25-29 February 2024 (before the boundary), version 5 on 1 March 2024 at midnight (on it).
        (
            [
                *moments(dt.datetime(2024, 2, 25, tzinfo=UTC), 6, dt.timedelta(days=1)),
                *moments(dt.datetime(2024, 3, 1, 0, 1, tzinfo=UTC), 98, dt.timedelta(minutes=1)),
                NOW,
            ],
            5,
        ),
        # Everything older than 12 months but the newest version: the last 100 versions stay (versions 6-105).
        ([*moments(dt.datetime(2023, 1, 1, tzinfo=UTC), 104, dt.timedelta(hours=1)), NOW], 6),
    ],
    ids=["twaalf-maanden", "honderd-versies"],
)
def test_versions_beyond_both_twelve_months_and_the_last_100_are_removed(listing, schedule, first_kept):
    clock = Clock(schedule[0])
    store = Store(listing, clock=clock)
    versions = save_versions(store, clock, schedule)
    assert len(versions) == 106

    kept = kept_files(listing)
    assert set(kept) == set(versions[first_kept:])
    assert len(kept) >= 100
    # Each version that was removed stays in the history with who, when and what; it can no longer be restored.
    entries = {e.version: e for e in store.history()}
    assert set(entries) == set(versions)
    assert [entries[v].available for v in versions] == [False] * first_kept + [True] * (106 - first_kept)
    with pytest.raises(DirectoryError, match="niet bewaard"):
        store.restore(versions[first_kept - 1], "Bob")
    assert store.restore(versions[first_kept], "Bob").version == versions[first_kept]
