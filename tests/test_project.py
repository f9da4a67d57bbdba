"""The project keeps its promises: two README commands, CI runs the README's, every column documented."""

from __future__ import annotations

import re

from directory.contract import COLUMNS, markdown_table
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
    """The README's column table is the contract's own table, and every column has a label and help."""
    assert markdown_table() in README, "werk de kolommentabel in de README bij met directory.contract.markdown_table()"
    for column in COLUMNS:
        assert column.label.strip() and column.help.strip(), column.name
        assert column.label != column.name, f"{column.name}: een label is voor mensen, niet de kolomnaam"


def test_core_never_imports_streamlit():
    for path in (ROOT / "directory").glob("*.py"):
        assert not re.search(r"^\s*(import|from)\s+streamlit", path.read_text(encoding="utf-8"), flags=re.M), path


def test_code_passes_ruff():
    import shutil
    import subprocess

    ruff = shutil.which("ruff") or str(ROOT / ".venv" / "bin" / "ruff")
    result = subprocess.run([ruff, "check", "--output-format", "concise", str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
