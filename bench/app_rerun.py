"""Benchmark: server time of a Hulpvraag rerun on the bundled data (goal: at most 150 ms).

Run:  .venv/bin/python bench/app_rerun.py [--rounds N]

Each rerun types another need from the dev set, as a volunteer would, and is timed around
AppTest.run(), which executes the page script in-process like the server does (no browser or
network time). The baseline in the same run is a rerun of the page with an empty need box.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from directory.evaluation import read_cases  # noqa: E402

DEV_SET = ROOT.parent / "shared" / "eval" / "hulpvragen-amersfoort.csv"


def timed(at: AppTest, need: str) -> float:
    at.text_input(key="hulpvraag").set_value(need)
    start = time.perf_counter()
    at.run()
    elapsed = (time.perf_counter() - start) * 1000
    assert not at.exception, at.exception
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    needs = [case.need for case in read_cases(DEV_SET)]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()  # first run loads the list and builds the index; not counted
    timed(at, needs[0])
    empty, typed = [], []
    for _ in range(args.rounds):
        for need in needs:
            empty.append(timed(at, ""))
            typed.append(timed(at, need))
    p95 = sorted(typed)[int(0.95 * (len(typed) - 1))]
    print(f"lege pagina: p50 {statistics.median(empty):.0f} ms")
    print(
        f"met hulpvraag: p50 {statistics.median(typed):.0f} ms, p95 {p95:.0f} ms "
        f"({statistics.median(typed) / statistics.median(empty):.1f}× de lege pagina; doel ≤ 150 ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
