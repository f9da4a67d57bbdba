"""A volunteer goes from an empty Hulpvraag to a copied, finished handover in three actions.

Every action a person takes goes through `act`, which counts it; waiting for the app is not an action.
Before: click the box, type, open the picker, pick, Esc, copy (5-6 actions), and the picker's English
"Select all" addressed the message to nine organisations at once.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import card_of, guarded_page, message_shown, screenshot, visible_button, wait_for_app

NEED = "kinderen hebben geen winterjas"


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)], ids=["desktop", "telefoon"])
def test_type_choose_copy(server, browser, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = guarded_page(context)
    actions: list[str] = []

    def act(name: str, do) -> None:
        actions.append(name)
        do()
        wait_for_app(page)

    try:
        page.goto(server + "/")
        wait_for_app(page)
        # The need box has the cursor when the page opens (ui/shell.js), so typing needs no click first.
        page.wait_for_function("() => document.activeElement?.getAttribute('aria-label') === 'Wat is de hulpvraag?'")
        act("typ", lambda: page.keyboard.type(NEED))
        card = card_of(page, "Stichting Kledingbank Amersfoort")
        card.wait_for(timeout=30_000)
        act("kies", lambda: card.get_by_text("Verwijs hierheen").click())
        message_shown(page, "Aan: Stichting Kledingbank Amersfoort")
        copy = visible_button(page, "Kopieer")
        act("kopieer", copy.click)
        copy.element_handle().owner_frame().get_by_text("Gekopieerd.").wait_for()
        screenshot(page, f"drie-handelingen-{width}")

        assert actions == ["typ", "kies", "kopieer"]
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied.startswith("Aan: Stichting Kledingbank Amersfoort\n")
        assert NEED not in copied  # no consent ticked: the message is finished, but says nothing about the client
        for unfinished in ("niet ingevuld", "niets ingevuld", "[ ]", "[x]"):
            assert unfinished not in copied
        assert page.get_by_text("Vraag de cliënt eerst hardop").is_visible()  # the one-line consent reminder
        assert page.get_by_text("Select all").count() == 0
        assert page.outside_requests == []
    finally:
        context.close()
