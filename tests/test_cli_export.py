"""python -m directory export: Dutch lines, exit 0/1/2, never a traceback, never the list itself overwritten."""

from __future__ import annotations

import importlib.util
import sys
import types
import zipfile
from pathlib import Path

import pytest

import directory as directory_package
from directory import load_directory
from directory.__main__ import main
from directory.export import excel_csv
from tests.conftest import VALID_ROW
from tests.test_cli import run_cli

HSDS_MISSING = importlib.util.find_spec("directory.hsds") is None


def export(*args: str) -> int:
    return main(["export", *args])


# --- excel ----------------------------------------------------------------------------------


def test_excel_writes_the_bytes_of_excel_csv(write_list, tmp_path, capsys):
    data = write_list([VALID_ROW, {**VALID_ROW, "id": "twee", "naam": "=HYPERLINK(1)"}])
    out = tmp_path / "lijst voor excel.csv"
    assert export("--format", "excel", "--data", str(data), "-o", str(out)) == 0
    assert out.read_bytes() == excel_csv(load_directory(data))
    assert "'=HYPERLINK(1)" in out.read_bytes().decode("utf-8-sig")
    assert capsys.readouterr().out.startswith(f"lijst voor Excel geschreven naar {out}: 2 organisaties.")


def test_excel_uses_vangnet_data_by_default(write_list, tmp_path, monkeypatch):
    monkeypatch.setenv("VANGNET_DATA", str(write_list([VALID_ROW])))
    out = tmp_path / "uit.csv"
    assert export("--format", "excel", "-o", str(out)) == 0
    assert out.read_bytes().count(b"\r\n") == 2


def test_excel_replaces_an_existing_file(write_list, tmp_path):
    out = tmp_path / "uit.csv"
    out.write_text("oud", encoding="utf-8")
    assert export("--format", "excel", "--data", str(write_list([VALID_ROW])), "-o", str(out)) == 0
    assert b"oud" not in out.read_bytes()


# --- usage errors: exit 2, Dutch ------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.csv"], "dit ontbreekt nog: --format"),
        (["--format", "excel"], "dit ontbreekt nog: -o/--output"),
        (["--format", "pdf", "-o", "x"], "'pdf' bestaat niet; kies uit 'excel', 'hsds'"),
        (["--format", "excel", "-o"], "na -o/--output hoort een waarde"),
        (["--format", "excel", "-o", "x.csv", "--extra"], "onbekend: --extra"),
    ],
)
def test_wrong_calls_are_dutch_usage_errors(args, message, capsys):
    with pytest.raises(SystemExit) as info:
        export(*args)
    assert info.value.code == 2
    assert f"fout in de opdracht: {message}" in capsys.readouterr().err


# --- problems: exit 1, nothing written ------------------------------------------------------


def test_bad_data_lists_the_problems_and_writes_nothing(write_list, tmp_path, capsys):
    data = write_list([VALID_ROW, {**VALID_ROW, "id": "twee", "domein": "preventief"}])
    out = tmp_path / "uit.csv"
    assert export("--format", "excel", "--data", str(data), "-o", str(out)) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "regel 3, kolom domein: 'preventief' is geen geldige waarde; kies preventie, ondersteuning of curatief"
    ]
    assert "1 probleem gevonden" in captured.err
    assert not out.exists()


def test_missing_data_file_is_a_problem(tmp_path, capsys):
    assert export("--format", "excel", "--data", str(tmp_path / "weg.csv"), "-o", str(tmp_path / "uit.csv")) == 1
    assert "bestaat niet" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("geen-map/uit.csv", "kan {out} niet schrijven; bestaat de map, en mag je daar schrijven?"),
        (".", "{out} is een map; geef een bestandsnaam, bijvoorbeeld lijst.csv"),
        ("organisaties.csv", "{out} is de organisatielijst zelf; kies een andere naam, anders raak je de lijst kwijt"),
    ],
)
def test_unwritable_output_is_a_dutch_problem(write_list, workdir, capsys, target, message):
    data = write_list([VALID_ROW])
    before = data.read_bytes()
    out = workdir / target
    assert export("--format", "excel", "--data", str(data), "-o", str(out)) == 1
    assert capsys.readouterr().err.strip() == message.format(out=out)
    assert data.read_bytes() == before
    assert not list(workdir.glob(".*.tmp"))


def test_the_list_is_recognised_under_another_spelling_of_its_path(write_list, workdir, monkeypatch, capsys):
    data = write_list([VALID_ROW])
    monkeypatch.chdir(workdir)
    assert export("--format", "excel", "--data", str(data), "-o", "./sub/../organisaties.csv") == 1
    assert "is de organisatielijst zelf" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "excel", "-o", "/geen/map/uit.csv"],
        ["--format", "excel", "--data", "/geen/lijst.csv", "-o", "uit.csv"],
        ["--format", "excel"],
        ["--format", "hsds", "-o", "/geen/map/pakket.zip"],
    ],
)
def test_the_real_command_never_shows_a_traceback(args):
    result = run_cli("export", *args)
    assert result.returncode in (1, 2)
    assert "Traceback" not in result.stdout + result.stderr


# --- hsds: the command's routing, with a stand-in for directory.hsds --------------------------


@pytest.fixture
def fake_hsds(monkeypatch) -> types.SimpleNamespace:
    calls = types.SimpleNamespace(zip=[], folder=[])

    def datapackage_zip(directory, extra=None) -> bytes:
        calls.zip.append(directory)
        return b"PK-nep"

    def write_datapackage(directory, folder: Path, extra=None) -> list[Path]:
        calls.folder.append((directory, folder))
        paths = [folder / "datapackage.json", folder / "organizations.csv"]
        for path in paths:
            path.write_text("{}", encoding="utf-8")
        return paths

    module = types.ModuleType("directory.hsds")
    module.datapackage_zip = datapackage_zip
    module.write_datapackage = write_datapackage
    monkeypatch.setitem(sys.modules, "directory.hsds", module)
    monkeypatch.setattr(directory_package, "hsds", module, raising=False)
    return calls


@pytest.mark.parametrize("name", ["pakket.zip", "PAKKET.ZIP", "met spatie.zip"])
def test_hsds_to_a_zip_name_writes_the_zip_bytes(fake_hsds, write_list, tmp_path, capsys, name):
    out = tmp_path / name
    assert export("--format", "hsds", "--data", str(write_list([VALID_ROW])), "-o", str(out)) == 0
    assert out.read_bytes() == b"PK-nep"
    assert [d.organisations[0].id for d in fake_hsds.zip] == ["voedselbank"]
    assert capsys.readouterr().out.strip() == f"HSDS-datapakket (zip) geschreven naar {out}"


@pytest.mark.parametrize("name", ["pakket", "pakket.hsds", "bestaande-map"])
def test_hsds_to_any_other_name_writes_a_folder(fake_hsds, write_list, tmp_path, capsys, name):
    (tmp_path / "bestaande-map").mkdir()
    out = tmp_path / name
    assert export("--format", "hsds", "--data", str(write_list([VALID_ROW])), "-o", str(out)) == 0
    assert [folder for _, folder in fake_hsds.folder] == [out]
    assert (out / "datapackage.json").is_file()
    assert capsys.readouterr().out.strip() == f"HSDS-datapakket geschreven naar de map {out}: 2 bestanden"


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("bestand.txt", "{out} is een bestand, geen map; kies een nieuwe map of een naam op .zip"),
        ("een-map.zip", "{out} is een map; geef een bestandsnaam, bijvoorbeeld pakket.zip"),
        ("geen/map/diep", "kan {out} niet schrijven; bestaat de map, en mag je daar schrijven?"),
        ("geen/pakket.zip", "kan {out} niet schrijven; bestaat de map, en mag je daar schrijven?"),
    ],
)
def test_hsds_unwritable_output_is_a_dutch_problem(fake_hsds, write_list, tmp_path, capsys, target, message):
    (tmp_path / "bestand.txt").write_text("van iemand", encoding="utf-8")
    (tmp_path / "een-map.zip").mkdir()
    out = tmp_path / target
    assert export("--format", "hsds", "--data", str(write_list([VALID_ROW])), "-o", str(out)) == 1
    assert capsys.readouterr().err.strip() == message.format(out=out)
    assert (tmp_path / "bestand.txt").read_text(encoding="utf-8") == "van iemand"


# --- hsds: the real directory.hsds ----------------------------------------------------------

needs_hsds = pytest.mark.skipif(HSDS_MISSING, reason="directory/hsds.py bestaat nog niet (wordt apart gebouwd)")


@needs_hsds
def test_real_hsds_zip_holds_the_package(data_copy, tmp_path, capsys):
    from directory import hsds

    out = tmp_path / "vangnet-hsds.zip"
    assert export("--format", "hsds", "--data", str(data_copy), "-o", str(out)) == 0, capsys.readouterr()
    assert out.read_bytes() == hsds.datapackage_zip(load_directory(data_copy))
    assert "datapackage.json" in zipfile.ZipFile(out).namelist()


@needs_hsds
def test_real_hsds_folder_holds_the_files_it_reports(data_copy, tmp_path):
    out = tmp_path / "hsds"
    result = run_cli("export", "--format", "hsds", "--data", str(data_copy), "-o", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    written = sorted(p for p in out.rglob("*") if p.is_file())
    assert out / "datapackage.json" in written
    assert result.stdout.strip() == f"HSDS-datapakket geschreven naar de map {out}: {len(written)} bestanden"
