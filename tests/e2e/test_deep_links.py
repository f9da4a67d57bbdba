"""Shared links open the right page on a fresh server: no "Page not found", no bare file names.

This module gets its own server (the fixture is per module), and the deep link is its first visit:
that is when Streamlit's automatic pages/ mode used to take over (see app.py).
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import TILE_HOSTS, wait_for_app

RAW_FILE_NAMES = ("zoeken", "overzicht", "routes")


@pytest.mark.parametrize(
    ("path", "heading", "tab"),
    [
        ("/wie-doet-wat?org=voedselbank", "Voedselbank Amersfoort", "Wie doet wat"),
        ("/beheer", "Beheer", "Beheer"),
        ("/kaart", "Kaart", "Kaart"),
        ("/verwijsroutes?thema=voedsel", "Verwijsroutes", "Verwijsroutes"),
        ("/wie-doet-wat", "Wie doet wat", "Wie doet wat"),
    ],
)
def test_a_deep_link_opens_its_page_within_the_app(server, page, path, heading, tab):
    page.goto(server + path)
    wait_for_app(page)
    page.get_by_role("heading", name=heading).first.wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    assert page.get_by_text("Page not found").count() == 0
    sidebar = page.locator("[data-testid='stSidebarNav']").inner_text()
    assert "Hulpvraag" in sidebar and "Beheer" in sidebar
    assert not any(name in sidebar.split() for name in RAW_FILE_NAMES)
    # Each page its own tab title: a review found "Vangnet" on every tab.
    page.wait_for_function("t => document.title === t", arg=f"{tab} · Vangnet", timeout=10_000)
    # Only the tile server, the one outside call the app makes (the map is at the top of Kaart now).
    assert all(url.split("/")[2] in TILE_HOSTS for url in page.outside_requests)
