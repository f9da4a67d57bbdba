"""Big lists: `check` refuses a file above the documented size with a Dutch message, and tells the kind of
list from its first line without reading the whole file twice."""

from __future__ import annotations

import pytest

from directory import csvfile
from tests.conftest import DATA, ROOT, VALID_ROW, csv_text, run_cli


@pytest.mark.parametrize("name", ["organisaties.csv", "regelingen.csv", "bijstandsnormen.csv", "themas.csv"])
def test_the_first_line_gives_the_same_columns_as_reading_the_whole_file(name):
    path = ROOT / "data" / name
    assert csvfile.header_of(path) == csvfile.load(path).header


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig", "utf-16"])
def test_excel_files_give_the_same_columns_too(tmp_path, encoding):
    path = tmp_path / "organisaties.csv"
    path.write_bytes(csv_text([{**VALID_ROW, "naam": "Cliëntenraad"}], delimiter=";").encode(encoding))
    assert csvfile.header_of(path) == csvfile.load(path).header


def test_check_refuses_a_file_above_the_limit_in_dutch(monkeypatch):
    monkeypatch.setattr(csvfile, "MAX_FILE_BYTES", DATA.stat().st_size - 1)
    result = run_cli("check", str(DATA))
    assert result.returncode == 1
    assert "het bestand is te groot" in result.stdout + result.stderr
    assert "Splits de lijst" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
