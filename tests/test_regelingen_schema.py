"""regelingen.csv: the bundled list keeps its promises, and hostile cells get a Dutch regel/kolom message."""

from __future__ import annotations

import csv
import re
import shutil

import pytest

from directory.model import DirectoryError
from directory.regelingen_schema import COLUMNS, load_regelingen
from tests.conftest import ROOT, THEMES_CSV, csv_text, shared_file

REGELINGEN = ROOT / "data" / "regelingen.csv"

# A valid scheme whose links point into the small organisation list of the `workdir` fixture.
ROW = {
    "id": "kwijtschelding",
    "naam": "Kwijtschelding",
    "soort": "gemeentelijk",
    "uitvoerder": "Gemeente",
    "omschrijving": "Je hoeft de belasting niet te betalen.",
    "voor_wie": "Mensen met een laag inkomen.",
    "aanvragen": "Online met DigiD.",
    "hulp_bij_aanvragen": "geldloket",
    "themas": "geldzorgen-schulden",
    "bron": "https://www.example.nl/kwijtschelding",
    "actief": "ja",
}
ORGANISATIONS = [
    {"id": "geldloket", "naam": "Geldloket", "domein": "preventie", "omschrijving": "Helpt aanvragen.",
     "themas": "geldzorgen-schulden", "aanmelden": "Bel.", "actief": "ja", "rol": ""},
    {"id": "deurwaarder", "naam": "Deurwaarder", "domein": "curatief", "omschrijving": "Int schulden.",
     "themas": "geldzorgen-schulden", "aanmelden": "Brief.", "actief": "ja", "rol": "tegenpartij"},
    {"id": "oud-loket", "naam": "Oud loket", "domein": "preventie", "actief": "nee"},
]  # fmt: skip


@pytest.fixture
def write_schemes(workdir):
    (workdir / "organisaties.csv").write_text(csv_text(ORGANISATIONS), encoding="utf-8")

    def write(rows, header=None):
        path = workdir / "regelingen.csv"
        path.write_text(csv_text(rows, header or [c.name for c in COLUMNS]), encoding="utf-8")
        return path

    return write


def problems_of(path) -> list[str]:
    with pytest.raises(DirectoryError) as info:
        load_regelingen(path)
    return [str(p) for p in info.value.problems]


def test_the_bundled_list_loads_with_enough_active_schemes_and_keeps_closed_ones():
    regelingen = load_regelingen(REGELINGEN)
    assert len(regelingen.active) >= 15
    closed = {r.id for r in regelingen.regelingen if not r.actief}
    assert {"energietoeslag-2023", "tijdelijk-noodfonds-energie-2024"} <= closed


def test_bundled_helpers_help_clients_and_every_active_scheme_names_its_source():
    regelingen = load_regelingen(REGELINGEN)
    for regeling in regelingen.active:
        assert regeling.bron, regeling.id
        for org in regelingen.helpers(regeling):
            assert org.actief and org.role.value in ("hulp", "informatie"), (regeling.id, org.id)
    kwijtschelding = next(r for r in regelingen.regelingen if r.id == "kwijtschelding-gemeentelijke-belastingen")
    assert {o.id for o in regelingen.helpers(kwijtschelding)} >= {"indebuurt033", "stadsring51"}


EURO = re.compile(r"€ ?(\d[\d.]*(?:,\d+)?)")


def euro_amounts(text: str) -> set[str]:
    return {amount.replace(".", "") for amount in EURO.findall(text)}


def test_no_amount_percentage_or_source_is_invented():
    """Every euro amount, income limit and source URL in regelingen.csv stands in the reference facts."""
    facts = shared_file("reference/amersfoort/regelingen-feiten.csv").read_text(encoding="utf-8")
    with REGELINGEN.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        assert euro_amounts(" ".join(row.values())) <= euro_amounts(facts), row["id"]
        if row["inkomensgrens"]:
            assert f"{row['inkomensgrens']}%" in facts, row["id"]
        for url in row["bron"].split(";"):
            assert url in facts, (row["id"], url)


def test_the_header_must_have_the_required_columns(write_schemes):
    path = write_schemes([ROW], header=[c for c in ROW if c != "aanvragen"])
    assert problems_of(path) == [
        "regel 1, kolom aanvragen: de verplichte kolom 'aanvragen' ontbreekt; voeg een kolom met die naam toe aan "
        "de eerste regel (hoe je de regeling aanvraagt)"
    ]


HOSTILE = [
    ("leeftijd_min", "-5", "'-5' is geen leeftijd; vul een heel getal in van 0 tot 120, bijvoorbeeld 18"),
    ("leeftijd_max", "99999999999999999999", "'99999999999999999999' is geen leeftijd; vul een heel getal in"),
    ("inkomensgrens", "1,2e3", "'1,2e3' is geen heel getal; vul een percentage van het sociaal minimum in"),
    ("inkomensgrens", "-5", "'-5' ligt niet tussen 1 en 1000 procent"),  # a whole number, but too low
    ("inkomensgrens", "5000", "'5000' ligt niet tussen 1 en 1000 procent"),
    ("huishoudens", "gezin", "'gezin' is geen geldige waarde; kies alleenstaand, alleenstaande-ouder, paar of"),
    ("huishoudens", "alleenstaande ouder", "(bedoel je 'alleenstaande-ouder'?)"),
    ("soort", '=HYPERLINK("http://x")', "is geen geldige waarde; kies gemeentelijk, landelijk of fonds"),
    ("bron", "=cmd|' /C calc'!A0", "is geen webadres"),
    ("bron", "javascript:alert(1)", "is geen webadres"),
    ("peiljaar", "20255", "'20255' is geen jaartal"),
    ("peiljaar", "1850", "'1850' is geen jaartal"),
    ("naam", "Kwijt\u202eschelding", "bevat een onzichtbaar stuurteken (U+202E) na 'Kwijt'"),
    ("kinderen", "misschien", "'misschien' is geen geldige waarde; kies ja of nee"),
    ("actief", "", "is leeg, maar deze kolom is verplicht; vul in: ja of nee"),
    ("aanvragen", "  ", "is leeg, maar deze kolom is verplicht; vul in: hoe je de regeling aanvraagt"),
    ("id", "Kwijt Schelding", "is geen geldig id"),
    ("themas", "geldzorgen", "'geldzorgen' is geen bekend thema (bedoel je 'geldzorgen-schulden'?)"),
    ("hulp_bij_aanvragen", "geldlokt", "'geldlokt' staat niet in organisaties.csv (bedoel je 'geldloket'?)"),
    ("hulp_bij_aanvragen", "deurwaarder", "heeft rol tegenpartij en helpt cliënten niet zelf"),
    ("hulp_bij_aanvragen", "oud-loket", "is gearchiveerd (actief=nee)"),
    ("uitvoerder_id", "gemeente", "'gemeente' staat niet in organisaties.csv"),
]


@pytest.mark.parametrize(("column", "value", "message"), HOSTILE, ids=[f"{c}={v!r}" for c, v, _ in HOSTILE])
def test_a_hostile_cell_names_its_regel_and_kolom_and_what_to_do(write_schemes, column, value, message):
    problems = problems_of(write_schemes([ROW, {**ROW, "id": "twee", column: value}]))
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"regel 3, kolom {column}: ")
    assert message in problems[0]


def test_a_formula_in_a_text_cell_is_kept_as_text(write_schemes):
    """Text may start with = (it is neutralised on export); it is never evaluated or refused as text."""
    regelingen = load_regelingen(write_schemes([{**ROW, "naam": "=1+1"}]))
    assert regelingen.regelingen[0].naam == "=1+1"


def test_120_percent_with_a_percent_sign_reads_as_120(write_schemes):
    regelingen = load_regelingen(write_schemes([{**ROW, "inkomensgrens": "120%"}]))
    assert regelingen.regelingen[0].inkomensgrens == 120


def test_leeftijd_min_above_leeftijd_max_is_a_problem(write_schemes):
    assert problems_of(write_schemes([{**ROW, "leeftijd_min": "18", "leeftijd_max": "4"}])) == [
        "regel 2, kolom leeftijd_max: leeftijd_min (18) is hoger dan leeftijd_max (4); wissel ze om of verbeter er een"
    ]


def test_every_problem_of_a_row_is_reported_at_once_and_duplicates_are_named(write_schemes):
    bad = {**ROW, "id": "twee", "soort": "gemeente", "leeftijd_min": "oud", "themas": "onbekend-thema"}
    problems = problems_of(write_schemes([ROW, bad, {**ROW}]))
    assert [p.split(":")[0] for p in problems] == [
        "regel 3, kolom soort",
        "regel 3, kolom leeftijd_min",
        "regel 3, kolom themas",
        "regel 4, kolom id",
    ]
    assert "'kwijtschelding' komt al voor op regel 2; elk id moet uniek zijn" in problems[-1]


def test_two_rows_without_an_id_each_get_one_message_and_no_duplicate(write_schemes):
    problems = problems_of(write_schemes([ROW, {**ROW, "id": ""}, {**ROW, "id": " "}]))
    assert [p.split(":")[0] for p in problems] == ["regel 3, kolom id", "regel 4, kolom id"]
    assert not any("komt al voor" in p for p in problems)


def test_a_closed_scheme_needs_only_its_core_columns(write_schemes):
    closed = {"id": "oud", "naam": "Oude regeling", "soort": "fonds", "bron": "https://example.nl", "actief": "nee"}
    regelingen = load_regelingen(write_schemes([ROW, closed]))
    assert [r.id for r in regelingen.active] == ["kwijtschelding"]


def test_spreadsheet_style_headers_are_understood(write_schemes):
    header = [c.name.replace("_", " ").title() for c in COLUMNS]
    row = {name.replace("_", " ").title(): value for name, value in ROW.items()}
    assert load_regelingen(write_schemes([row], header=header)).regelingen[0].voor_wie == ROW["voor_wie"]


def test_without_lists_beside_it_the_bundled_organisations_and_themes_are_used(tmp_path):
    path = tmp_path / "regelingen.csv"
    shutil.copy(REGELINGEN, path)
    assert len(load_regelingen(path).regelingen) == 22
    (tmp_path / "themas.csv").write_text(THEMES_CSV, encoding="utf-8")  # a smaller vocabulary beside it wins
    assert any("is geen bekend thema" in p for p in problems_of(path))


def test_a_broken_organisation_list_beside_it_is_named_as_the_file_to_repair(write_schemes, workdir):
    path = write_schemes([ROW])
    (workdir / "organisaties.csv").write_text("id,naam\nx,X\n", encoding="utf-8")
    assert all(p.startswith("organisaties.csv, regel 1") for p in problems_of(path))


def test_every_column_of_the_regelingen_contract_is_documented():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Regelingen", 1)[1].split("\n## ", 1)[0]
    for column in COLUMNS:
        row = re.search(rf"^\| `{column.name}` \| (ja|nee) \| (.+) \|$", section, flags=re.M)
        assert row, f"kolom {column.name} ontbreekt in de README"
        assert (row.group(1) == "ja") == column.required and row.group(2) == column.help, column.name
