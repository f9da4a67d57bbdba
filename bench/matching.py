"""Benchmark of the matcher: quality on the dev set, speed at scale against a naive scan, load at 100k.

Run:  .venv/bin/python bench/matching.py [--sizes 1000,10000,100000] [--queries N]

Speed is reported as ratios against a baseline measured in the same run on the same machine:
the naive baseline is rapidfuzz.process.extract(query, texts, scorer=WRatio, limit=5) over each
organisation's name, description and keywords. The synthetic lists are the shipped active rows
repeated with new ids and names, so vocabulary and posting lengths grow as a real list would.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process  # noqa: E402

from directory import load_directory  # noqa: E402
from directory.csvfile import serialise  # noqa: E402
from directory.evaluation import evaluate, read_cases  # noqa: E402
from directory.matching import get_index, suggest  # noqa: E402

DATA = ROOT / "data" / "organisaties.csv"
DEV_SET = ROOT.parent / "shared" / "eval" / "hulpvragen-amersfoort.csv"
RESULTS = ROOT / "bench" / "results"


def synthetic_list(size: int, folder: Path, own_texts: bool = False) -> Path:
    """`size` organisations made from the shipped active rows, with the bundled vocabulary beside them.

    The copies repeat the shipped descriptions, as a regional list repeats many texts. With `own_texts`
    every copy's description and keywords are its own (words drawn from all descriptions are added), the
    worst case for work done once per distinct text."""
    with DATA.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = list(reader.fieldnames or [])
        rows = [r for r in reader if r["actief"] == "ja"]
    vocabulary = sorted({w.strip(".,;:()") for r in rows for w in r["omschrijving"].split() if len(w) > 3})
    draw = random.Random(size)
    out = []
    for n in range(size):
        row = dict(rows[n % len(rows)])
        copy = n // len(rows)
        if copy:
            row["id"] = f"{row['id']}-{copy}"
            row["naam"] = f"{row['naam']} (vestiging {copy})"
            row["verwijst_naar"] = ""
        if own_texts and copy:  # (a few words only: the file must stay under the 100 MB limit)
            row["omschrijving"] = f"{row['omschrijving']} Ook: {' '.join(draw.sample(vocabulary, 5))}."
            row["trefwoorden"] = ";".join([*row["trefwoorden"].split(";"), draw.choice(vocabulary)])
        out.append(row)
    path = folder / f"organisaties-{size}{'-eigen' if own_texts else ''}.csv"
    path.write_bytes(serialise(header, out))
    (folder / "themas.csv").write_bytes((ROOT / "data" / "themas.csv").read_bytes())
    return path


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def time_queries(fn, queries: list[str], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        for query in queries:
            start = time.perf_counter()
            fn(query)
            times.append((time.perf_counter() - start) * 1000)
    return times


def speed(size: int, queries: list[str], folder: Path) -> dict:
    path = synthetic_list(size, folder)
    directory = load_directory(path)
    start = time.perf_counter()
    get_index(directory)
    index_s = time.perf_counter() - start
    texts = [f"{o.naam} {o.omschrijving} {' '.join(o.trefwoorden)}" for o in directory.active]
    suggest(queries[0], directory)  # warm caches
    ours = time_queries(lambda q: suggest(q, directory, limit=5), queries, repeats=3)
    naive = time_queries(lambda q: process.extract(q, texts, scorer=fuzz.WRatio, limit=5), queries, repeats=1)
    return {
        "organisaties": size,
        "index_bouwen_s": round(index_s, 2),
        "vangnet_p50_ms": round(statistics.median(ours), 2),
        "vangnet_p95_ms": round(percentile(ours, 0.95), 2),
        "naief_p50_ms": round(statistics.median(naive), 2),
        "naief_p95_ms": round(percentile(naive, 0.95), 2),
        "sneller_p50": round(statistics.median(naive) / statistics.median(ours), 1),
    }


# Peak resident memory of the process itself; ru_maxrss would include the parent's memory at fork time.
PEAK_MB = "int(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:'))) // 1024"
LOAD_SCRIPT = """
import json, sys, time
sys.path.insert(0, {root!r})
from directory import load_directory
from directory.matching import get_index
start = time.perf_counter()
d = load_directory({path!r})
loaded = time.perf_counter() - start
get_index(d)
total = time.perf_counter() - start
print(json.dumps({{"laden_s": round(loaded, 2), "laden_en_index_s": round(total, 2),
    "geheugen_piek_mb": {peak}}}))
"""


def load_at(size: int, folder: Path) -> dict:
    """Load time and peak memory in a fresh process, so nothing else is counted."""
    path = synthetic_list(size, folder)
    baseline = subprocess.run(
        [sys.executable, "-c", f"import directory.matching; print({PEAK_MB})"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    result = subprocess.run(
        [sys.executable, "-c", LOAD_SCRIPT.format(root=str(ROOT), path=str(path), peak=PEAK_MB)],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(result.stdout)
    report["organisaties"] = size
    report["geheugen_zonder_lijst_mb"] = int(baseline.stdout.strip())
    report["bestand_mb"] = round(path.stat().st_size / 1e6, 1)
    return report


def dutch(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="46,1000,10000,100000", help="46 = the bundled list's active rows")
    parser.add_argument("--queries", type=int, default=0, help="use only the first N dev-set needs for speed")
    args = parser.parse_args()

    cases = read_cases(DEV_SET)
    quality = evaluate(load_directory(DATA), cases)
    print(
        f"Kwaliteit op de ontwikkelset ({quality.cases} hulpvragen): hit@3 {quality.hit_at_3:.3f}, "
        f"MRR {quality.mrr:.3f}, meerdere vragen gedekt {quality.multi_need_coverage:.2f} "
        f"({quality.multi_need_cases} zinnen met meer vragen)"
    )
    for need, found in quality.misses:
        print(f"  gemist: {need!r} -> {list(found)}")

    queries = [c.need for c in cases][: args.queries or None]
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            row = speed(size, queries, Path(tmp))
            rows.append(row)
            print(json.dumps(row))
        load = load_at(max(sizes), Path(tmp))
        print(json.dumps(load))

    print("\n| organisaties | Vangnet p50 | Vangnet p95 | naïef p50 | naïef p95 | sneller (p50) |")
    print("|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {dutch(r['organisaties'])} | {r['vangnet_p50_ms']} ms | {r['vangnet_p95_ms']} ms | "
            f"{r['naief_p50_ms']} ms | {r['naief_p95_ms']} ms | {r['sneller_p50']}× |"
        )
    print(
        f"\nLaden van {dutch(load['organisaties'])} organisaties ({load['bestand_mb']} MB): {load['laden_s']} s, "
        f"met index {load['laden_en_index_s']} s; geheugenpiek {load['geheugen_piek_mb']} MB "
        f"(zonder lijst {load['geheugen_zonder_lijst_mb']} MB)."
    )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "matching.json").write_text(
        json.dumps({"kwaliteit": quality.__dict__, "snelheid": rows, "laden": load}, indent=2, default=list),
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
