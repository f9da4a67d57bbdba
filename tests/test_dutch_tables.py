"""directory.dutch: simplemma's Dutch tables from the per-machine trie cache give what simplemma's own
tables give, the cache file is written whole by concurrent first starts, and without a usable cache folder
the shipped tables are used. Each case runs in a fresh process with its own cache folder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import simplemma

ROOT = Path(__file__).resolve().parent.parent
WORDS = ["kinderen", "betaald", "huur", "huren", "voedselbank", "winterjassen", "schulden", "xyzqq", "Leergeld", "één"]
PROBE = f"""
import json, sys
sys.path.insert(0, {str(ROOT)!r})
from directory import dutch
words = {WORDS!r}
print(json.dumps({{"factory": type(dutch.tables()).__name__, "lemmas": [dutch.lemmatize(w) for w in words],
                   "known": [dutch.is_known(w) for w in words]}}))
"""


def probe(cache_home: Path) -> subprocess.Popen:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(cache_home), "XDG_CACHE_HOME": str(cache_home)}
    return subprocess.Popen([sys.executable, "-c", PROBE], env=env, stdout=subprocess.PIPE, text=True)


def result(process: subprocess.Popen) -> dict:
    out, _ = process.communicate(timeout=120)
    assert process.returncode == 0
    return json.loads(out)


def expected() -> dict:
    return {
        "lemmas": [simplemma.lemmatize(w, "nl") for w in WORDS],
        "known": [simplemma.is_known(w, "nl") for w in WORDS],
    }


def test_concurrent_first_starts_write_one_whole_cache_file_and_agree_with_simplemma(tmp_path):
    first = [result(p) for p in [probe(tmp_path) for _ in range(3)]]
    folder = tmp_path / "vangnet" / f"simplemma-{simplemma.__version__}"
    assert [p.name for p in folder.iterdir()] == ["nl.dic"]  # no half-written temporary file left
    again = result(probe(tmp_path))  # opens the cached trie
    for found in [*first, again]:
        assert found["factory"] == "_TrieTables"
        assert {k: found[k] for k in ("lemmas", "known")} == expected()
    assert again["lemmas"][:2] == ["kind", "betalen"]


def test_without_a_usable_cache_folder_the_shipped_tables_are_used(tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    found = result(probe(blocked))
    assert found["factory"] == "DefaultDictionaryFactory"
    assert {k: found[k] for k in ("lemmas", "known")} == expected()
