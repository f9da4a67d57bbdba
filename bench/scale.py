"""Benchmark of scale: each page's rerun at 5,000 organisations, and loading 100,000, as ratios.

Run:  .venv/bin/python bench/scale.py [--pages-size 5000] [--load-size 100000] [--rounds 5] [--load-rounds 3]
                                     [--skip-load] [--skip-pages]

Pages: a rerun is timed around AppTest.run(), which runs the page script in-process as the server does.
That is the server's share of a rerun, the part that grows with the list; the browser's share is
bounded by paging (a page of cards, one chart, one map). Chromium would add seconds of noise per
measurement on a shared machine. Each page is first brought into a typical state (a theme chosen, an
organisation chosen, logged in), then timed on the bundled list and on a synthetic list of 5,000 in
the same run; the ratio is the result (goal: at most 3x).

Load: `load_directory` + match index + first suggestion for 100,000 organisations, against the time
`csv.DictReader` needs to read the same file (goal: at most 4x), and peak memory against the memory
of the process that read it with DictReader (goal: at most 2.5x). Each runs in a fresh process, in
--load-rounds rounds; the ratios are of the medians. simplemma's Dutch tables come from the machine's cache
folder, as on every start but the first after installing (directory/dutch.py); that first start is timed
apart, with an empty cache folder. The synthetic lists are bench/matching.py's: the bundled rows repeated with
new ids and names, and once more with texts of their own.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from matching import PEAK_MB, synthetic_list  # noqa: E402

BUNDLED = ROOT / "data" / "organisaties.csv"
PASSWORD = "een-lang-benchmark-wachtwoord"


def _log_in(at) -> None:
    at.text_input(key="beheer_login_naam").input("Benchmark")
    at.text_input(key="beheer_login_wachtwoord").input(PASSWORD)
    at.button[0].click().run()


# page -> how to bring it into the state a user would rerun it in
PAGES = {
    "Wie doet wat": ("pages/overzicht.py", lambda at: None),
    "Kaart": ("pages/kaart.py", lambda at: None),
    "Verwijsroutes": (
        "pages/routes.py",
        lambda at: at.selectbox(key="route_thema").select("voedsel").run(),
    ),
    "Hulpvraag": ("pages/zoeken.py", lambda at: at.text_input(key="hulpvraag").input("kan de huur niet betalen").run()),
    "Beheer (tabel)": ("pages/beheer.py", _log_in),
}


def page_rerun_ms(data: Path, page: str, prepare, rounds: int) -> float:
    """The median time of a rerun of `page` on the list at `data`, after a first run that loads it."""
    from streamlit.testing.v1 import AppTest

    os.environ["VANGNET_DATA"] = str(data)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.run()
    at.switch_page(page).run()
    prepare(at)
    at.run()
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception}")
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def pages(size: int, rounds: int, folder: Path) -> list[dict]:
    os.environ["VANGNET_BEHEER_WACHTWOORD"] = PASSWORD
    large = synthetic_list(size, folder)
    rows = []
    for name, (page, prepare) in PAGES.items():
        small_ms = page_rerun_ms(BUNDLED, page, prepare, rounds)
        large_ms = page_rerun_ms(large, page, prepare, rounds)
        row = {"pagina": name, "gebundeld_ms": round(small_ms), f"{size}_ms": round(large_ms)}
        row["verhouding"] = round(large_ms / small_ms, 1)
        print(json.dumps(row, ensure_ascii=False), flush=True)
        rows.append(row)
    return rows


DICTREADER = """
import csv, json, time
start = time.perf_counter()
with open({path!r}, encoding="utf-8", newline="") as handle:
    rows = list(csv.DictReader(handle))
print(json.dumps({{"s": time.perf_counter() - start, "mb": {peak}}}))
"""
LOAD = """
import json, sys, time
sys.path.insert(0, {root!r})
start = time.perf_counter()
from directory import load_directory
from directory.matching import suggest
directory = load_directory({path!r})
loaded = time.perf_counter() - start
suggest("kan de huur niet betalen", directory, limit=5)
print(json.dumps({{"s": time.perf_counter() - start, "laden_s": loaded, "mb": {peak}}}))
"""
CHECK = [sys.executable, "-m", "directory", "check"]


def _fresh(script: str, env: dict[str, str] | None = None) -> dict:
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT, env=env)
    return json.loads(done.stdout)


def load(size: int, folder: Path, own_texts: bool, rounds: int) -> dict:
    """Load, index and first suggestion, and `check`, each against DictReader on the same file. Each round runs
    the three in turn, each in a fresh process; the ratios are of the medians (one DictReader run on this
    shared machine varies by a third, which a single round passes on to the ratio whole)."""
    path = str(synthetic_list(size, folder, own_texts))
    runs: dict[str, list[float]] = {"base": [], "ours": [], "loaded": [], "check": [], "base_mb": [], "ours_mb": []}
    for _ in range(rounds):
        base = _fresh(DICTREADER.format(path=path, peak=PEAK_MB))
        ours = _fresh(LOAD.format(root=str(ROOT), path=path, peak=PEAK_MB))
        start = time.perf_counter()
        subprocess.run([*CHECK, path], capture_output=True, check=True, cwd=ROOT)
        runs["check"].append(time.perf_counter() - start)
        runs["base"].append(base["s"])
        runs["ours"].append(ours["s"])
        runs["loaded"].append(ours["laden_s"])
        runs["base_mb"].append(base["mb"])
        runs["ours_mb"].append(ours["mb"])
    median = {name: statistics.median(values) for name, values in runs.items()}
    per_round = [o / b for o, b in zip(runs["ours"], runs["base"], strict=True)]
    report = {
        "organisaties": size,
        "teksten": "eigen" if own_texts else "herhaalde",
        "rondes": rounds,
        "bestand_mb": round(Path(path).stat().st_size / 1e6, 1),
        "dictreader_s": round(median["base"], 2),
        "dictreader_mb": median["base_mb"],
        "laden_s": round(median["loaded"], 2),
        "laden_index_suggestie_s": round(median["ours"], 2),
        "check_s": round(median["check"], 2),
        "geheugen_mb": median["ours_mb"],
    }
    report["verhouding_tijd"] = round(median["ours"] / median["base"], 1)
    report["verhouding_per_ronde"] = [round(min(per_round), 1), round(max(per_round), 1)]
    report["verhouding_check"] = round(median["check"] / median["base"], 1)
    report["verhouding_geheugen"] = round(median["ours_mb"] / median["base_mb"], 1)
    print(json.dumps(report), flush=True)
    return report


def first_start(size: int, folder: Path) -> float:
    """Load, index and first suggestion on a machine whose cache folder is still empty: simplemma's Dutch
    tables are then decoded and written to it once (directory/dutch.py)."""
    path = str(synthetic_list(size, folder))
    with tempfile.TemporaryDirectory() as cache:
        seconds = _fresh(LOAD.format(root=str(ROOT), path=path, peak=PEAK_MB), {**os.environ, "XDG_CACHE_HOME": cache})
    print(json.dumps({"eerste_start_s": round(seconds["s"], 2)}), flush=True)
    return seconds["s"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages-size", type=int, default=5000)
    parser.add_argument("--load-size", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--load-rounds", type=int, default=3)
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--skip-pages", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = [] if args.skip_pages else pages(args.pages_size, args.rounds, Path(tmp))
        kinds = () if args.skip_load else (False, True)
        reports = [load(args.load_size, Path(tmp), own, args.load_rounds) for own in kinds]
        cold = None if args.skip_load else first_start(args.load_size, Path(tmp))
    if rows:
        print(f"\n| pagina | gebundelde lijst | {args.pages_size} organisaties | verhouding (doel ≤ 3×) |")
        print("|---|---:|---:|---:|")
        for r in rows:
            print(f"| {r['pagina']} | {r['gebundeld_ms']} ms | {r[f'{args.pages_size}_ms']} ms | {r['verhouding']}× |")
    for loaded in reports:
        print(
            f"\n{loaded['organisaties']} organisaties, {loaded['teksten']} teksten ({loaded['bestand_mb']} MB): "
            f"csv.DictReader "
            f"{loaded['dictreader_s']} s en {loaded['dictreader_mb']} MB; laden + index + eerste suggestie "
            f"{loaded['laden_index_suggestie_s']} s ({loaded['verhouding_tijd']}×, doel ≤ 4×; per ronde "
            f"{loaded['verhouding_per_ronde'][0]}–{loaded['verhouding_per_ronde'][1]}×), check "
            f"{loaded['check_s']} s ({loaded['verhouding_check']}×); geheugenpiek {loaded['geheugen_mb']} MB "
            f"({loaded['verhouding_geheugen']}×, doel ≤ 2,5×); mediaan van {loaded['rondes']} rondes"
        )
    if cold is not None:
        print(
            f"\nEerste start op een nieuwe machine (simplemma's tabellen nog niet in de cache), herhaalde teksten: "
            f"{cold:.2f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
