"""Streamlit AppTest: the pages render on good data and show Dutch errors on bad data, never a crash."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "app.py")


def run_app(monkeypatch, data_path=None) -> AppTest:
    if data_path is not None:
        monkeypatch.setenv("VANGNET_DATA", str(data_path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    return at


def test_first_page_shows_three_groups(monkeypatch, data_copy):
    at = run_app(monkeypatch, data_copy)
    assert not at.exception
    headers = [h.value for h in at.subheader]
    assert [h.split(" (")[0] for h in headers] == ["Preventie", "Ondersteuning", "Curatief"]
    assert any("Voedselbank" in m.value for m in at.markdown)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"id;naam;domein\nx;y;preventief\n",
        b'id,naam,domein,omschrijving,themas,aanmelden,actief\n"kapot,x\n',
        b"\x00\x01garbage",
    ],
)
def test_bad_file_shows_dutch_errors_not_a_crash(monkeypatch, tmp_path, content):
    path = tmp_path / "lijst.csv"
    path.write_bytes(content)
    at = run_app(monkeypatch, path)
    assert not at.exception
    assert at.error and "kan niet worden geladen" in at.error[0].value
    assert len(at.dataframe) == 1


def test_hostile_names_are_shown_as_text(monkeypatch, write_list):
    from tests.conftest import VALID_ROW

    path = write_list([{**VALID_ROW, "naam": "[klik](javascript:alert(1)) <img src=x onerror=alert(1)>"}])
    at = run_app(monkeypatch, path)
    assert not at.exception
    shown = [m.value for m in at.markdown if "klik" in m.value]
    assert shown and all("\\[klik\\]" in s and "\\<img" in s for s in shown)
