"""Schemes in a real browser: from a need on Hulpvraag to a handover that names a scheme and who helps
apply, then on to the anonymous check; at desktop and phone size."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import choose_on_card, guarded_page, message_shown, screenshot, wait_for_app

SIZES = {"desktop": (1280, 900), "telefoon": (390, 844)}


@pytest.mark.parametrize("size", SIZES)
def test_a_scheme_goes_from_hulpvraag_into_the_handover_and_on_to_the_check(server, browser, size):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = guarded_page(context)
    try:
        page.goto(server + "/")
        wait_for_app(page)
        page.get_by_label("Wat is de hulpvraag?").fill("kan de gemeentelijke belastingen niet betalen")
        page.get_by_role("heading", name="Regelingen die kunnen helpen").wait_for(timeout=30_000)
        wait_for_app(page)
        page.get_by_text("Zet in de overdracht").first.click()
        wait_for_app(page)
        choose_on_card(page, "Geldcheck033 (informatiepunt geldzorgen)")
        wait_for_app(page)
        # Schemes are about the client.
        page.locator("[data-testid='stCheckbox']").get_by_text("Deze gegevens delen met de organisatie").click()
        wait_for_app(page)
        message_shown(page, "Regelingen die mogelijk gelden")
        message_shown(page, "Kwijtschelding")
        screenshot(page, f"regelingen-overdracht-{size}")

        page.get_by_text("Doe de regelingencheck").click()
        page.get_by_role("heading", name="Welke regelingen?").wait_for(timeout=30_000)
        wait_for_app(page)
        screenshot(page, f"regelingen-check-{size}")
        assert "?" not in page.url.split("/")[-1] or "org=" not in page.url  # nothing about the client in the link
        assert page.outside_requests == [] and page.dialogs == []
    finally:
        context.close()
