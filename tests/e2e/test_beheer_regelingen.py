"""A coordinator in a real browser changes a scheme in Beheer and sees it on "Welke regelingen?"."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, wait_for_app
from tests.e2e.test_beheer import log_in

AMOUNT = "Tot € 123 per jaar (gewijzigd in de browsertest)"


def test_coordinator_edits_a_scheme_and_sees_it_on_welke_regelingen(server, page):
    log_in(page, server)
    page.get_by_role("tab", name="Regelingen").click()
    wait_for_app(page)
    page.locator("label").filter(has_text="Eén regeling").click()
    wait_for_app(page)
    chooser = page.get_by_role("combobox", name="Kies een regeling")
    chooser.click()
    chooser.fill("Kwijtschelding")
    page.get_by_role("option", name="Kwijtschelding gemeentelijke belastingen").first.click()
    wait_for_app(page)
    amount = page.locator("textarea[aria-label='Bedrag']:visible")  # the Dutch label from the contract
    amount.fill(AMOUNT)
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    page.get_by_text("Opgeslagen: 1 gewijzigd").first.wait_for(timeout=30_000)
    wait_for_app(page)
    screenshot(page, "beheer-regelingen-opgeslagen")
    # The coordinator stays where they were: the Regelingen tab is still the open one.
    expect(page.get_by_role("tab", name="Regelingen")).to_have_attribute("aria-selected", "true", timeout=10_000)

    page.goto(server + "/regelingen")
    wait_for_app(page)
    page.get_by_text(AMOUNT).first.wait_for(timeout=30_000)
    screenshot(page, "beheer-regelingen-zichtbaar")
    assert page.outside_requests == []
    assert page.dialogs == []
