"""The command line: Dutch lines, exit codes, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from directory.__main__ import main
from tests.conftest import DATA, ROOT, VALID_ROW, run_cli


def test_python_m_directory_runs_as_a_program():
    """The one test through a real interpreter: `python -m directory` is wired up. The rest run in-process."""
    result = subprocess.run(
        [sys.executable, "-m", "directory", "check", str(DATA)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "in orde:" in result.stdout


def test_check_passes_on_the_shipped_data():
    result = run_cli("check", str(DATA))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "in orde:" in result.stdout


def test_check_prints_one_line_per_problem_and_exits_1(write_list):
    path = write_list([VALID_ROW, {**VALID_ROW, "id": "twee", "domein": "preventief", "actief": "soms"}])
    result = run_cli("check", str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "regel 3, kolom domein: 'preventief' is geen geldige waarde; kies preventie, ondersteuning of curatief",
        "regel 3, kolom actief: 'soms' is geen geldige waarde; kies ja of nee",
    ]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("content", [b"", b"\x00\xff" * 50, b'id,naam\n"open'])
def test_check_bad_files_never_show_a_traceback(tmp_path, content):
    path = tmp_path / "kapot.csv"
    path.write_bytes(content)
    result = run_cli("check", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr


def test_check_uses_vangnet_data_by_default(write_list, capsys, monkeypatch):
    monkeypatch.setenv("VANGNET_DATA", str(write_list([VALID_ROW])))
    assert main(["check"]) == 0
    assert "1 organisaties" in capsys.readouterr().out


def test_wrong_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["bestaat-niet"])
    assert info.value.code == 2
    assert "fout in de opdracht" in capsys.readouterr().err


def test_check_says_a_warning_found_on_many_lines_once(write_list, capsys):
    """A regional list without coordinates: one line that says how often and where, not one per row."""
    rows = [{**VALID_ROW, "id": f"org-{n}", "naam": f"Org {n}", "lat": "", "lon": ""} for n in range(12)]
    assert main(["check", str(write_list(rows))]) == 0
    warnings = [line for line in capsys.readouterr().out.splitlines() if line.startswith("let op:")]
    assert warnings == [
        "let op: 12 regels (2, 3, 4, 5, 6 en 7 meer), kolom lat: geen lat en lon: de organisatie staat niet op de kaart"
    ]
    assert main(["check", str(write_list(rows[:3]))]) == 0
    assert [line for line in capsys.readouterr().out.splitlines() if line.startswith("let op:")] == [
        f"let op: regel {n}, kolom lat: geen lat en lon: de organisatie staat niet op de kaart" for n in (2, 3, 4)
    ]


def test_summarised_keeps_the_order_in_which_problems_were_found():
    from directory.model import Problem, summarised

    many = [Problem("geen lat", regel=n, kolom="lat") for n in range(2, 12)]
    found = [many[0], Problem("iets anders", regel=3, kolom="naam"), *many[1:], Problem("zonder regel")]
    assert summarised(found) == [
        "10 regels (2, 3, 4, 5, 6 en 5 meer), kolom lat: geen lat",
        "regel 3, kolom naam: iets anders",
        "zonder regel",
    ]
    without_lines = [Problem("de kolom is leeg", kolom="wijk")] * 7
    assert summarised(without_lines) == ["7 keer, kolom wijk: de kolom is leeg"]


def test_suggest_by_theme_lists_its_organisations_light_first():
    result = run_cli("suggest", "--thema", "geldzorgen-schulden", "--data", str(DATA), "--limit", "6")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Geldzorgen en schulden:"
    assert "Geldcheck033" in lines[1]
    assert all("past bij het onderwerp: Geldzorgen en schulden" in line for line in lines[1:])
    assert "Jongerius" not in result.stdout  # a bailiff has this theme, and is never offered


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--thema", "bestaat-niet"], "onderwerp 'bestaat-niet' bestaat niet; kies uit geldzorgen-schulden"),
        ([], "geef een hulpvraag, of een onderwerp met --thema"),
        (["   "], "geef een hulpvraag, of een onderwerp met --thema"),
        (["geen eten", "--thema", "voedsel"], "niet allebei"),
    ],
)
def test_suggest_needs_one_of_text_or_theme(args, message):
    result = run_cli("suggest", *args, "--data", str(DATA))
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_theme_tips_name_the_word_and_where_it_stands():
    result = run_cli("thema-tips", "--data", str(DATA), "--limit", "3")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].endswith("zet het thema-id dan bij die organisatie in de kolom themas.")
    assert "hieronder de 3 duidelijkste" in lines[0]
    assert len(lines) == 4
    assert any(
        "(leergeld): misschien ook kleding-spullen (Kleding en spullen); er staat 'fiets'" in line for line in lines
    )


def test_theme_tips_as_json_and_on_a_list_without_any(write_list):
    rows = json.loads(run_cli("thema-tips", "--data", str(DATA), "--json", "--limit", "2").stdout)
    assert len(rows) == 2 and set(rows[0]) == {"id", "naam", "thema", "woord", "veld"}
    result = run_cli("thema-tips", "--data", str(write_list([VALID_ROW])))
    assert result.returncode == 0
    assert "Bij geen enkele organisatie" in result.stdout
