"""Streamlit AppTest: the pages render on good data and show Dutch errors on bad data, never a crash."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "app.py")


def run_app(monkeypatch, data_path=None, page: str | None = None) -> AppTest:
    if data_path is not None:
        monkeypatch.setenv("VANGNET_DATA", str(data_path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    if page:
        at.switch_page(page).run()
    return at


@pytest.mark.parametrize("page", ["pages/zoeken.py", "pages/overzicht.py", "pages/kaart.py", "pages/routes.py"])
def test_every_page_renders(monkeypatch, data_copy, page):
    at = run_app(monkeypatch, data_copy, page=page)
    assert not at.exception
    assert at.title


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
