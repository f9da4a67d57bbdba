"""The project keeps its promises: two README commands, CI runs the README's, every column documented."""

from __future__ import annotations

import re

from directory.schema import COLUMNS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", README.split("## ")[0], flags=re.S)


def test_readme_starts_with_tagline_and_exactly_two_commands():
    assert README.startswith("# Vangnet\n\n**")
    commands = readme_commands()
    assert len(commands) == 2
    assert "streamlit run app.py" in commands[0]
    assert "pytest" in commands[1]
    assert all(c.startswith("python3 -m venv .venv") for c in commands)  # PEP 668: never a global pip


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()


def test_every_column_of_the_contract_is_documented():
    for column in COLUMNS:
        row = re.search(rf"^\| `{column.name}` \| (ja|nee) \|", README, flags=re.M)
        assert row, f"kolom {column.name} ontbreekt in de README"
        assert (row.group(1) == "ja") == column.required, column.name


def test_core_never_imports_streamlit():
    for path in (ROOT / "directory").glob("*.py"):
        assert not re.search(r"^\s*(import|from)\s+streamlit", path.read_text(encoding="utf-8"), flags=re.M), path


def test_code_passes_ruff():
    import shutil
    import subprocess

    ruff = shutil.which("ruff") or str(ROOT / ".venv" / "bin" / "ruff")
    result = subprocess.run([ruff, "check", "--output-format", "concise", str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
