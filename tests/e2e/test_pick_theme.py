"""When the words find nothing, the volunteer picks the theme and still makes a handover, on a phone too."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import card_of, guarded_page, message_shown, screenshot, type_need, wait_for_app

NEED = "mijn zoon wordt woedend en slaat dan om zich heen"  # words the list does not use


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)], ids=["desktop", "telefoon"])
def test_nothing_fits_then_a_picked_theme_leads_to_a_handover(server, browser, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = guarded_page(context)
    try:
        type_need(page, server, NEED, "Bij deze woorden vonden we geen organisatie die past")
        chooser = page.get_by_role("combobox", name="Kies zelf een onderwerp")
        screenshot(page, f"onderwerp-niets-past-{width}")
        chooser.click()
        chooser.fill("Opvoeding")
        page.get_by_role("option", name="Opvoeding en gezin").first.click()
        wait_for_app(page)
        card = card_of(page, "Humanitas Home-Start Amersfoort")
        card.wait_for(timeout=30_000)
        card.get_by_text("Verwijs hierheen").click()
        message_shown(page, "Aan: Humanitas Home-Start Amersfoort")
        screenshot(page, f"onderwerp-kiezen-{width}")
        assert NEED not in page.url
        assert page.outside_requests == []
    finally:
        context.close()
