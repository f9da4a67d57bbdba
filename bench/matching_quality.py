"""Benchmark of match quality: the matcher against a naive rapidfuzz baseline, on several sets.

Run:  .venv/bin/python bench/matching_quality.py [--sets dev|holdout|all] [--misses]

Sets (each on its own list):
  dev-amersfoort       ../shared/eval/hulpvragen-amersfoort.csv on data/organisaties.csv
  dev-twente           ../shared/eval/hulpvragen-twente-dev.csv on the Twente list that
                       ../shared/tools/twente_to_vangnet.py builds (in a temporary folder)
  dev-holdout1-*       tests/fixtures/hulpvragen-holdout.csv and -twente-holdout.csv: written blind
                       before the matcher changed, measured once, then used for development
  dev-holdout2-*       tests/fixtures/hulpvragen-holdout-2.csv and -twente-holdout-2.csv: written blind
                       later, then read while looking for errors (development sets since 2026-12-05)
  dev-holdout3-*       tests/fixtures/hulpvragen-holdout-3.csv: the same
  holdout4-*           tests/fixtures/hulpvragen-holdout-4.csv and -twente-holdout-4.csv: written blind
                       by a helper who never saw the matcher; measured once, then once more after the
                       change to named places (chosen on the development sets)
  holdout5-twente      tests/fixtures/hulpvragen-twente-holdout-5.csv: written blind later; measured once
  dev-holdout6-*       tests/fixtures/hulpvragen-holdout-6.csv and -twente-holdout-6.csv: the same, later;
                       read for errors after its one blind measurement
  holdout7-*           tests/fixtures/hulpvragen-holdout-7.csv and -twente-holdout-7.csv: written blind;
                       measured once (and a second time by the test of a rejected change)
  holdout8-*           tests/fixtures/hulpvragen-holdout-8.csv and -twente-holdout-8.csv: written blind
                       later; measured once on main and once with the rejected change
  holdout9-*           tests/fixtures/hulpvragen-holdout-9.csv and -twente-holdout-9.csv: written blind
                       later, by a helper who saw only the two lists; its numbers read four times
  holdout10-*          tests/fixtures/hulpvragen-holdout-10.csv and -twente-holdout-10.csv: written blind
                       later, while holdouts 4, 5, 7 and 8 were read for errors (development sets since)
  holdout11-*          tests/fixtures/hulpvragen-holdout-11.csv and -twente-holdout-11.csv: written blind
                       later, before the small-word rule (general words such as sinds, geven, laagste)
  holdout12-*          tests/fixtures/hulpvragen-holdout-12.csv and -twente-holdout-12.csv: written blind
                       later; measured on the matcher as it stood, and once after the time words
  holdout13-*          tests/fixtures/hulpvragen-holdout-13.csv and -twente-holdout-13.csv: written blind
                       later, while hold-outs 10 and 11 were read for errors (development sets since)
  holdout14-*          tests/fixtures/hulpvragen-holdout-14.csv and -twente-holdout-14.csv: written blind
                       later, while hold-outs 12 and 13 were read for errors (development sets since)
  holdout15-*          tests/fixtures/hulpvragen-holdout-15.csv and -twente-holdout-15.csv: written blind
                       later, before theme words were also read in the organisations' own texts
  holdout16-*          tests/fixtures/hulpvragen-holdout-16.csv and -twente-holdout-16.csv: written blind
                       later, before help for one wijk yielded to help for the whole town
  holdout17-*          tests/fixtures/hulpvragen-holdout-17.csv and -twente-holdout-17.csv: written blind
                       later, to measure the session's matcher once; its Twente part then read for errors
  holdout18-*          tests/fixtures/hulpvragen-holdout-18.csv and -twente-holdout-18.csv: written blind
                       later, before a named village counted for its municipality
  holdout19-*          tests/fixtures/hulpvragen-holdout-19.csv and -twente-holdout-19.csv: written blind
                       last, after the fourth session's last change; measured once (start -> end), then
                       read for errors in the fifth session
  holdout20-*          tests/fixtures/hulpvragen-holdout-20.csv and -twente-holdout-20.csv: written blind
                       at the start of the fifth session; measured once, then read for errors
  holdout21-*          tests/fixtures/hulpvragen-holdout-21.csv and -twente-holdout-21.csv: written blind
                       after the fifth session's first two matching rules; measured once, then read
  holdout22-*          tests/fixtures/hulpvragen-holdout-22.csv and -twente-holdout-22.csv: written blind
                       after the fifth session's last matching change; measured once (start -> end)
  holdout23-*          tests/fixtures/hulpvragen-holdout-23.csv and -twente-holdout-23.csv: written blind
                       at the start of the sixth session; measured once on the matcher as it stood, then read
  holdout24-*          tests/fixtures/hulpvragen-holdout-24.csv and -twente-holdout-24.csv: written blind
                       after the sixth session's one matching change; measured once (start -> end)
  holdout25-*          tests/fixtures/hulpvragen-holdout-25.csv and -twente-holdout-25.csv: written blind
                       in the seventh session, asked to use split verbs where natural, before the split-verb
                       rule was measured on it; measured once (start -> end)
  holdout26-*          tests/fixtures/hulpvragen-holdout-26.csv and -twente-holdout-26.csv: written blind
                       at the start of the eighth session; measured once on the matcher as it stood
  holdout27-*          tests/fixtures/hulpvragen-holdout-27.csv and -twente-holdout-27.csv: written blind
                       after the eighth session's word-class rules; measured once (start -> end)
The Twente sets are skipped when ../shared is absent. Tune only while looking at the dev sets
(`--sets dev`); the hold-out sets are reported apart and never looked at while tuning.

The naive baseline is rapidfuzz.process.extract(need, texts, scorer=WRatio, limit=5) over each
active organisation's name, description and keywords: it always answers, so its nothing-fits
rate is 0 by construction.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process  # noqa: E402

from directory import load_directory  # noqa: E402
from directory.evaluation import Report, evaluate, read_cases  # noqa: E402
from directory.model import Directory  # noqa: E402

SHARED = ROOT.parent / "shared"
FIXTURES = ROOT / "tests" / "fixtures"
RESULTS = ROOT / "bench" / "results"
SETS = {
    "dev-amersfoort": ("amersfoort", SHARED / "eval" / "hulpvragen-amersfoort.csv", "id"),
    "dev-twente": ("twente", SHARED / "eval" / "hulpvragen-twente-dev.csv", "naam"),
    "dev-holdout1-amersfoort": ("amersfoort", FIXTURES / "hulpvragen-holdout.csv", "id"),
    "dev-holdout1-twente": ("twente", FIXTURES / "hulpvragen-twente-holdout.csv", "naam"),
    # Hold-outs 2 and 3 were read while looking for errors on 2026-12-05: development sets from then on.
    "dev-holdout2-amersfoort": ("amersfoort", FIXTURES / "hulpvragen-holdout-2.csv", "id"),
    "dev-holdout2-twente": ("twente", FIXTURES / "hulpvragen-twente-holdout-2.csv", "naam"),
    "dev-holdout3-amersfoort": ("amersfoort", FIXTURES / "hulpvragen-holdout-3.csv", "id"),
    # Hold-out 4: written blind by a helper who never saw the matcher, measured once, after the last change.
    "holdout4-amersfoort": ("amersfoort", FIXTURES / "hulpvragen-holdout-4.csv", "id"),
    "holdout4-twente": ("twente", FIXTURES / "hulpvragen-twente-holdout-4.csv", "naam"),
    # Hold-out 5 (Twente; a place named in about half the needs): written blind after hold-out 4 was read,
    # measured once, after the change to how a named place counts.
    "holdout5-twente": ("twente", FIXTURES / "hulpvragen-twente-holdout-5.csv", "naam"),
    # Hold-out 6: written blind, measured once after the theme vocabulary grew, then read for errors.
    "dev-holdout6-amersfoort": ("amersfoort", FIXTURES / "hulpvragen-holdout-6.csv", "id"),
    "dev-holdout6-twente": ("twente", FIXTURES / "hulpvragen-twente-holdout-6.csv", "naam"),
    # Hold-out 7: written blind before the last vocabulary change was measured; measured once.
    "holdout7-amersfoort": ("amersfoort", FIXTURES / "hulpvragen-holdout-7.csv", "id"),
    "holdout7-twente": ("twente", FIXTURES / "hulpvragen-twente-holdout-7.csv", "naam"),
    # Hold-out 8: written blind to judge a change to the stop words (rejected); measured once on main.
    "holdout8-amersfoort": ("amersfoort", FIXTURES / "hulpvragen-holdout-8.csv", "id"),
    "holdout8-twente": ("twente", FIXTURES / "hulpvragen-twente-holdout-8.csv", "naam"),
    "holdout9-amersfoort": ("amersfoort", FIXTURES / "hulpvragen-holdout-9.csv", "id"),
    "holdout9-twente": ("twente", FIXTURES / "hulpvragen-twente-holdout-9.csv", "naam"),
    "holdout10-amersfoort": ("amersfoort", FIXTURES / "hulpvragen-holdout-10.csv", "id"),
    "holdout10-twente": ("twente", FIXTURES / "hulpvragen-twente-holdout-10.csv", "naam"),
    "holdout11-amersfoort": ("amersfoort", FIXTURES / "hulpvragen-holdout-11.csv", "id"),
    "holdout11-twente": ("twente", FIXTURES / "hulpvragen-twente-holdout-11.csv", "naam"),
    "holdout12-amersfoort": ("amersfoort", FIXTURES / "hulpvragen-holdout-12.csv", "id"),
    "holdout12-twente": ("twente", FIXTURES / "hulpvragen-twente-holdout-12.csv", "naam"),
    "holdout13-amersfoort": ("amersfoort", FIXTURES / "hulpvragen-holdout-13.csv", "id"),
    "holdout13-twente": ("twente", FIXTURES / "hulpvragen-twente-holdout-13.csv", "naam"),
    "holdout14-amersfoort": ("amersfoort", FIXTURES / "hulpvragen-holdout-14.csv", "id"),
    "holdout14-twente": ("twente", FIXTURES / "hulpvragen-twente-holdout-14.csv", "naam"),
    "holdout15-amersfoort": ("amersfoort", FIXTURES / "hulpvragen-holdout-15.csv", "id"),
    "holdout15-twente": ("twente", FIXTURES / "hulpvragen-twente-holdout-15.csv", "naam"),
    "holdout16-amersfoort": ("amersfoort", FIXTURES / "hulpvragen-holdout-16.csv", "id"),
    "holdout16-twente": ("twente", FIXTURES / "hulpvragen-twente-holdout-16.csv", "naam"),
    "holdout17-amersfoort": ("amersfoort", FIXTURES / "hulpvragen-holdout-17.csv", "id"),
    "holdout17-twente": ("twente", FIXTURES / "hulpvragen-twente-holdout-17.csv", "naam"),
    "holdout18-amersfoort": ("amersfoort", FIXTURES / "hulpvragen-holdout-18.csv", "id"),
    "holdout18-twente": ("twente", FIXTURES / "hulpvragen-twente-holdout-18.csv", "naam"),
    "holdout19-amersfoort": ("amersfoort", FIXTURES / "hulpvragen-holdout-19.csv", "id"),
    "holdout19-twente": ("twente", FIXTURES / "hulpvragen-twente-holdout-19.csv", "naam"),
    "holdout20-amersfoort": ("amersfoort", FIXTURES / "hulpvragen-holdout-20.csv", "id"),
    "holdout20-twente": ("twente", FIXTURES / "hulpvragen-twente-holdout-20.csv", "naam"),
    "holdout21-amersfoort": ("amersfoort", FIXTURES / "hulpvragen-holdout-21.csv", "id"),
    "holdout21-twente": ("twente", FIXTURES / "hulpvragen-twente-holdout-21.csv", "naam"),
    "holdout22-amersfoort": ("amersfoort", FIXTURES / "hulpvragen-holdout-22.csv", "id"),
    "holdout22-twente": ("twente", FIXTURES / "hulpvragen-twente-holdout-22.csv", "naam"),
    "holdout23-amersfoort": ("amersfoort", FIXTURES / "hulpvragen-holdout-23.csv", "id"),
    "holdout23-twente": ("twente", FIXTURES / "hulpvragen-twente-holdout-23.csv", "naam"),
    "holdout24-amersfoort": ("amersfoort", FIXTURES / "hulpvragen-holdout-24.csv", "id"),
    "holdout24-twente": ("twente", FIXTURES / "hulpvragen-twente-holdout-24.csv", "naam"),
    "holdout25-amersfoort": ("amersfoort", FIXTURES / "hulpvragen-holdout-25.csv", "id"),
    "holdout25-twente": ("twente", FIXTURES / "hulpvragen-twente-holdout-25.csv", "naam"),
    "holdout26-amersfoort": ("amersfoort", FIXTURES / "hulpvragen-holdout-26.csv", "id"),
    "holdout26-twente": ("twente", FIXTURES / "hulpvragen-twente-holdout-26.csv", "naam"),
    "holdout27-amersfoort": ("amersfoort", FIXTURES / "hulpvragen-holdout-27.csv", "id"),
    "holdout27-twente": ("twente", FIXTURES / "hulpvragen-twente-holdout-27.csv", "naam"),
}


def twente_list(folder: Path) -> Path | None:
    """Build the Twente list with the shared tool; None when ../shared is not there."""
    tool = SHARED / "tools" / "twente_to_vangnet.py"
    if not tool.exists():
        return None
    subprocess.run([sys.executable, str(tool), str(folder)], cwd=ROOT, check=True, capture_output=True)
    return folder / "organisaties.csv"


def naive_ranker(directory: Directory):
    organisations = directory.active
    texts = [f"{o.naam} {o.omschrijving} {' '.join(o.trefwoorden)}" for o in organisations]
    return lambda need: [organisations[i] for _, _, i in process.extract(need, texts, scorer=fuzz.WRatio, limit=5)]


def line(name: str, who: str, report: Report) -> str:
    return (
        f"| {name} | {who} | {report.cases - report.out_of_scope} | {report.hit_at_3:.3f} | {report.mrr:.3f} | "
        f"{report.multi_need_coverage:.2f} ({report.multi_need_cases}) | "
        f"{report.nothing_fits_rate:.2f} ({report.out_of_scope}) | {report.answered_nothing} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", choices=("dev", "holdout", "all"), default="all")
    parser.add_argument("--misses", action="store_true", help="print the needs the matcher missed")
    args = parser.parse_args()
    chosen = [name for name in SETS if args.sets == "all" or name.startswith(args.sets)]

    results = {}
    print("| set | wie | vragen | hit@3 | MRR@5 | meer vragen gedekt (zinnen) | niets past (buiten het veld) ", end="")
    print("| ", end="")
    print("ten onrechte niets |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        lists = {"amersfoort": ROOT / "data" / "organisaties.csv", "twente": twente_list(Path(tmp))}
        directories = {key: load_directory(path) for key, path in lists.items() if path is not None}
        for name in chosen:
            key, path, by = SETS[name]
            if key not in directories or not path.exists():
                print(f"| {name} | overgeslagen: {path if key in directories else '../shared'} ontbreekt | | | | | | |")
                continue
            cases = read_cases(path, by=by)
            ours = evaluate(directories[key], cases)
            naive = evaluate(directories[key], cases, rank=naive_ranker(directories[key]))
            print(line(name, "Vangnet", ours))
            print(line(name, "naïef", naive))
            results[name] = {"vangnet": ours.__dict__, "naief": naive.__dict__}
            if args.misses:
                for need, found in ours.misses:
                    print(f"    gemist: {need!r} -> {list(found)}", file=sys.stderr)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "matching_quality.json").write_text(json.dumps(results, indent=2, default=list), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
