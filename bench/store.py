"""Benchmark: save latency and throughput of the list, CSV file vs PostgreSQL, with 1 and 8 writers.

Run:  .venv/bin/python bench/store.py [--sizes 47 1000] [--saves 10] [--writers 1 8]

Each writer is its own process (as app servers and coordinators are) and does --saves saves: load the
list, change one field of one organisation, save; on a conflict (someone saved in between) it loads
again and retries, as Beheer does. Latency is one successful `save()` call; throughput is all saves of
all writers divided by the wall time from the common start to the last save. Both stores validate every
save the same way, so the difference is the storage: a lock file + fsync'ed files vs one transaction.

PostgreSQL is a throwaway local server (initdb + pg_ctl, as in the tests) with fsync on, on 127.0.0.1.
The baseline, measured in the same run, is the CSV file with 1 writer at the same size: every row shows
its ratio to it (this machine is shared and noisy: compare ratios between runs, not raw times).
Lists of more than 47 organisations repeat the bundled rows under new ids. Not a test: it only prints.
"""

from __future__ import annotations

import argparse
import multiprocessing
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from directory.copying import copy_list  # noqa: E402
from directory.csvfile import load, serialise  # noqa: E402
from directory.store import ConflictError, open_store  # noqa: E402

DATA = ROOT / "data"


@dataclass(frozen=True)
class Place:
    kind: str
    location: str
    data_path: Path


@dataclass(frozen=True)
class Result:
    kind: str
    writers: int
    size: int
    latencies: list[float]
    conflicts: int
    seconds: float

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds


def write_list(folder: Path, size: int) -> Path:
    """The bundled list, its rows repeated under new ids up to `size`, with the bundled vocabulary."""
    table = load(DATA / "organisaties.csv")
    rows = [dict(row.cells) for row in table.rows]
    extra = [{**rows[n % len(rows)], "id": f"{rows[n % len(rows)]['id']}-{n}"} for n in range(size - len(rows))]
    folder.mkdir(parents=True)
    shutil.copy(DATA / "themas.csv", folder / "themas.csv")
    path = folder / "organisaties.csv"
    path.write_bytes(serialise(table.header, (rows + extra)[:size]))
    return path


def writer(place: Place, number: int, saves: int, barrier, results) -> None:
    store = open_store(place.location, place.data_path)
    latencies, conflicts = [], 0
    barrier.wait()
    while len(latencies) < saves:
        snapshot = store.load()
        orgs = list(snapshot.organisations)
        index = (number * 7 + len(latencies)) % len(orgs)
        orgs[index] = orgs[index].model_copy(update={"openingstijden": f"schrijver {number}, save {len(latencies)}"})
        started = time.perf_counter()
        try:
            store.save(orgs, snapshot.version, f"schrijver {number}")
        except ConflictError:
            conflicts += 1
            continue
        latencies.append(time.perf_counter() - started)
    results.put((latencies, conflicts, time.perf_counter()))


def measure(place: Place, writers: int, saves: int, size: int) -> Result:
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(writers + 1), context.Queue()
    processes = [context.Process(target=writer, args=(place, n, saves, barrier, results)) for n in range(writers)]
    for process in processes:
        process.start()
    barrier.wait()  # every writer has started and loaded its modules: the clock starts together
    start = time.perf_counter()
    outcomes = [results.get(timeout=600) for _ in processes]
    for process in processes:
        process.join()
    latencies = [seconds for outcome in outcomes for seconds in outcome[0]]
    wall = max(o[2] for o in outcomes) - start
    return Result(place.kind, writers, size, latencies, sum(o[1] for o in outcomes), wall)


def places(folder: Path, size: int, cluster) -> list[Place]:
    """A fresh CSV list and, when a server runs, a fresh database holding the same list."""
    path = write_list(folder, size)
    found = [Place("csv", str(path), path)]
    if cluster is not None:
        url = cluster.fresh_database()
        copy_list(path, url, data_path=path)
        found.append(Place("postgres", url, path))
    return found


def start_server(folder: Path):
    from tests.pgcluster import start_cluster

    try:
        return start_cluster(folder, durable=True)
    except BaseException as exc:  # pytest's skip is a BaseException: here it only means "no server"
        print(f"PostgreSQL niet gemeten: {exc}")
        return None


def report(results: list[Result]) -> None:
    print(
        f"{'lijst':>6} {'opslag':>9} {'schrijvers':>10} {'mediaan':>9} {'p95':>9} {'opslagen/s':>11} "
        f"{'conflicten':>10} {'latentie x':>10} {'doorvoer x':>10}"
    )
    for result in results:
        base = next(r for r in results if (r.kind, r.writers, r.size) == ("csv", 1, result.size))
        median = statistics.median(result.latencies)
        p95 = statistics.quantiles(result.latencies, n=20)[-1] if len(result.latencies) > 1 else median
        print(
            f"{result.size:>6} {result.kind:>9} {result.writers:>10} {median * 1000:>7.1f}ms {p95 * 1000:>7.1f}ms "
            f"{result.throughput:>11.1f} {result.conflicts:>10} "
            f"{median / statistics.median(base.latencies):>10.2f} {result.throughput / base.throughput:>10.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[47, 1000])
    parser.add_argument("--saves", type=int, default=10, help="saves per writer")
    parser.add_argument("--writers", type=int, nargs="+", default=[1, 8])
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="vangnet-bench-"))
    server_folder = Path(tempfile.mkdtemp(prefix="vangnet-pg-"))  # its own: as root the server runs as another user
    cluster = start_server(server_folder)
    try:
        results = []
        for size in args.sizes:
            for writers in sorted(set(args.writers) | {1}):  # 1 writer on the CSV file is the baseline
                for place in places(folder / f"{size}-{writers}", size, cluster):
                    results.append(measure(place, writers, args.saves, size))
                    print(f"  gemeten: {size} organisaties, {place.kind}, {writers} schrijver(s)", file=sys.stderr)
        report(results)
    finally:
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(server_folder, ignore_errors=True)


if __name__ == "__main__":
    main()
