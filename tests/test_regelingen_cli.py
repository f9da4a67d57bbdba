"""`check` recognises a regelingen or norms list by its columns; `regelingen` answers in JSON or Dutch lines."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import ROOT, run_cli

DATA = ROOT / "data"


@pytest.fixture
def data_folder(tmp_path):
    """A private copy of the bundled lists, to break."""
    for name in ("organisaties.csv", "themas.csv", "regelingen.csv", "bijstandsnormen.csv"):
        shutil.copy(DATA / name, tmp_path / name)
    return tmp_path


def as_json(*args: str) -> list[dict]:
    result = run_cli("regelingen", *args, "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


def test_check_recognises_the_regelingen_list_by_its_columns(data_folder):
    path = data_folder / "regelingen.csv"
    renamed = path.rename(data_folder / "potjes.csv")  # the name does not matter, the columns do
    result = run_cli("check", str(renamed))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "in orde: 22 regelingen (19 actief)" in result.stdout
    assert "let op: leergeld: bedragen van 2018; controleer de actuele bedragen" in result.stdout


def test_check_reports_regelingen_problems_one_line_each_and_exits_1(data_folder):
    path = data_folder / "regelingen.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("indebuurt033;stadsring51", "jongerius-gerechtsdeurwaarders;stadsring51"), "utf-8")
    result = run_cli("check", str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "regel 4, kolom hulp_bij_aanvragen: 'jongerius-gerechtsdeurwaarders' heeft rol tegenpartij en helpt cliënten "
        "niet zelf; kies een organisatie met rol hulp of informatie"
    ]


def test_check_recognises_the_norms_list():
    result = run_cli("check", str(DATA / "bijstandsnormen.csv"))
    assert (result.returncode, result.stdout.strip()) == (0, "in orde: 4 bijstandsnormen (peiljaar 2025)")


def test_check_of_the_organisation_list_is_unchanged():
    assert "in orde: 47 organisaties" in run_cli("check", str(DATA / "organisaties.csv")).stdout


def test_regelingen_json_has_the_four_keys_and_who_helps():
    rows = as_json("--vraag", "kan de gemeentelijke belastingen niet betalen")
    assert rows[0]["id"] == "kwijtschelding-gemeentelijke-belastingen"
    assert set(rows[0]) == {"id", "naam", "redenen", "hulp_bij_aanvragen"}
    assert "stadsring51" in rows[0]["hulp_bij_aanvragen"]


def test_regelingen_for_a_situation(data_folder):
    args = ("--huishouden", "alleenstaande-ouder", "--kinderen", "2", "--kind-leeftijd", "4-11", "--inkomen", "105")
    found = {row["id"] for row in as_json(*args, "--data", str(data_folder))}
    assert {"leergeld", "burgerweeshuis", "jeugdfonds-sport-cultuur"} <= found
    assert not found & {"energietoeslag-2023", "gratis-id-kaart-kinderen"}  # closed; children not 12-17


def test_a_net_income_is_converted_with_the_norms():
    at_limit = {row["id"] for row in as_json("--huishouden", "alleenstaand", "--netto", "1406", "--leeftijd", "30")}
    above = {row["id"] for row in as_json("--huishouden", "alleenstaand", "--netto", "1407", "--leeftijd", "30")}
    assert "individuele-inkomenstoeslag" in at_limit - above


def test_nothing_applies_prints_an_empty_list():
    assert as_json("--vraag", "wanneer is de weekmarkt") == []


def test_the_text_output_says_only_the_uitvoerder_decides():
    result = run_cli("regelingen", "--vraag", "zwemles voor mijn dochter is te duur")
    assert result.returncode == 0
    assert "Jeugdfonds Sport & Cultuur (fonds)" in result.stdout
    assert "hulp bij aanvragen: Wijkteams Amersfoort" in result.stdout
    assert "Alleen de uitvoerder van een regeling beslist" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--inkomen", "1,2e3"), "'1,2e3' is geen percentage"),
        (("--inkomen", "-5"), "'-5' is geen percentage"),
        (("--inkomen", "120%", "--netto", "1400"), "kies --inkomen of --netto, niet allebei"),
        (("--huishouden", "gezin"), "'gezin' bestaat niet"),
        (("--kinderen", "21"), "'21' is geen heel getal van 0 tot 20"),
        (("--huishouden", "paar", "--kinderen", "2"), "alleenstaande-ouder of paar-met-kinderen"),
        (("--netto", "1400"), "bij --netto hoort --huishouden"),
        (("--huishouden", "paar", "--netto", "=1+1"), "is geen bedrag"),
    ],
)
def test_a_wrong_call_is_a_dutch_usage_error(args, message):
    result = run_cli("regelingen", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_a_missing_norm_is_a_data_problem(data_folder):
    norms = data_folder / "bijstandsnormen.csv"
    norms.write_text("\n".join(norms.read_text(encoding="utf-8").splitlines()[:2]) + "\n", encoding="utf-8")
    result = run_cli("regelingen", "--huishouden", "paar", "--netto", "1800", "--data", str(data_folder))
    assert result.returncode == 1
    assert "er staat geen bijstandsnorm voor paren zonder kinderen in" in result.stdout


def test_a_folder_without_regelingen_is_a_data_problem(tmp_path):
    result = run_cli("regelingen", "--data", str(tmp_path), "--json")
    assert result.returncode == 1
    assert "regelingen.csv bestaat niet" in result.stdout


def test_no_income_at_all_is_allowed_as_percentage_and_as_net_income():
    base = ("--huishouden", "alleenstaand", "--leeftijd", "30")
    as_percentage = {row["id"] for row in as_json(*base, "--inkomen", "0")}
    assert as_percentage == {row["id"] for row in as_json(*base, "--netto", "0")}
    assert "individuele-inkomenstoeslag" in as_percentage
