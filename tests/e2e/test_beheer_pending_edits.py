"""A coordinator in a real browser: an unsaved edit in Beheer, Tabel survives a visit to Hulpvraag, also when
the click on Hulpvraag comes soon after the edit, and is only thrown away after confirming."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, wait_for_app
from tests.e2e.test_beheer import log_in

NAME = "Gemeente Amersfoort (browsertest)"


def edit_first_name(page, text: str) -> None:
    """Type `text` in the Naam cell of the first organisation of the table (the column after the id)."""
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()
    canvas = grid.locator("canvas").first
    canvas.wait_for(timeout=30_000)
    box = canvas.bounding_box()
    page.mouse.dblclick(box["x"] + 300, box["y"] + 35 + 17)  # below the header: the name of the first row
    entry = page.locator("textarea.gdg-input, .gdg-growing-entry textarea, #portal textarea").first
    entry.wait_for(timeout=10_000)
    entry.fill(text)
    entry.press("Enter")


def to_page(page, name: str) -> None:
    page.locator("[data-testid='stSidebarNav']").get_by_text(name, exact=True).click()
    wait_for_app(page)


def test_an_unsaved_edit_survives_a_visit_to_hulpvraag_and_is_thrown_away_only_on_purpose(server, page):
    log_in(page, server)
    edit_first_name(page, NAME)
    page.get_by_text("Nog niet opgeslagen: 1 gewijzigd").wait_for(timeout=30_000)
    wait_for_app(page)
    to_page(page, "Hulpvraag")
    to_page(page, "Beheer")
    page.get_by_text("Nog niet opgeslagen: 1 gewijzigd").wait_for(timeout=30_000)
    screenshot(page, "beheer-wijziging-bewaard")

    page.get_by_role("button", name="Wijzigingen weggooien").click()
    page.get_by_text("Wil je je wijzigingen in de tabel echt weggooien").wait_for(timeout=30_000)
    expect(page.get_by_text("Nog niet opgeslagen: 1 gewijzigd")).to_be_visible()
    page.get_by_role("button", name="Ja, weggooien").click()
    page.get_by_text("Je wijzigingen in de tabel zijn weggegooid").first.wait_for(timeout=30_000)
    wait_for_app(page)
    expect(page.get_by_text("Nog niet opgeslagen")).to_have_count(0)
    assert page.outside_requests == []


def test_an_edit_shortly_before_going_to_another_page_is_kept(server, page):
    log_in(page, server)
    edit_first_name(page, NAME)
    # No waiting for the page to finish: the click on Hulpvraag follows the edit soon after. The browser itself
    # sends an edit only some 0.1-0.15 s after Enter; a click before that never reaches the server.
    page.wait_for_timeout(300)
    page.locator("[data-testid='stSidebarNav']").get_by_text("Hulpvraag", exact=True).click()
    wait_for_app(page)
    to_page(page, "Beheer")
    page.get_by_text("Nog niet opgeslagen: 1 gewijzigd").wait_for(timeout=30_000)
    page.get_by_role("button", name="Wijzigingen weggooien").click()
    page.get_by_role("button", name="Ja, weggooien").click()
    page.get_by_text("Je wijzigingen in de tabel zijn weggegooid").first.wait_for(timeout=30_000)
    assert page.outside_requests == []
