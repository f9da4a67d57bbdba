"""A volunteer goes from an empty Hulpvraag to a copied, finished handover in three actions.

Every action a person takes goes through `act`, which counts it; waiting for the app is not an action.
Playwright scrolls an element into view before it clicks, which hid a real action: the volunteer has to
scroll too. So `act` first looks whether what is clicked is on the screen, and counts a scroll when it
is not. Before: click the box, type, open the picker, pick, Esc, copy (5-6 actions), and the picker's
English "Select all" addressed the message to nine organisations at once; later, on a laptop screen,
"Kopieer" sat far below the tick, in the handover (type, tick, scroll, copy).
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import card_of, guarded_page, message_shown, screenshot, wait_for_app

NEED = "kinderen hebben geen winterjas"
KLEDINGBANK = "Stichting Kledingbank Amersfoort"


def on_screen(locator, width: int, height: int) -> bool:
    """Wholly inside the browser window, as it is now (no scrolling)."""
    box = locator.bounding_box()
    return (
        box is not None
        and box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= width
        and box["y"] + box["height"] <= height
    )


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)], ids=["desktop", "telefoon"])
def test_type_choose_copy(server, browser, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = guarded_page(context)
    actions: list[str] = []

    def act(name: str, target, do) -> None:
        """One action on `target`; one more (a scroll) when the volunteer must first scroll to it."""
        if not on_screen(target, width, height):
            actions.append("scrollen")
            target.scroll_into_view_if_needed()
        actions.append(name)
        do()
        wait_for_app(page)

    try:
        page.goto(server + "/")
        wait_for_app(page)
        # The need box has the cursor when the page opens (ui/shell.js), so typing needs no click first.
        page.wait_for_function("() => document.activeElement?.getAttribute('aria-label') === 'Wat is de hulpvraag?'")
        act("typ", page.get_by_label("Wat is de hulpvraag?"), lambda: page.keyboard.type(NEED))
        card = card_of(page, KLEDINGBANK)
        card.wait_for(timeout=30_000)
        tick = card.get_by_text("Verwijs hierheen")
        act("kies", tick, tick.click)
        message_shown(page, f"Aan: {KLEDINGBANK}")
        # Right beside the tick: the copy button of this organisation's message.
        frame = card.locator("iframe[title='Kopieer het bericht aan Stichting Kledingbank Amersfoort']")
        frame.wait_for(timeout=30_000)
        copy = frame.content_frame.get_by_role("button", name="Kopieer het bericht")
        act("kopieer", frame, copy.click)
        frame.content_frame.get_by_role("status").get_by_text("Het bericht is gekopieerd.").wait_for()
        screenshot(page, f"drie-handelingen-{width}")

        assert actions == ["typ", "kies", "kopieer"]
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied.startswith(f"Aan: {KLEDINGBANK}\n")
        assert NEED not in copied  # no consent ticked: the message is finished, but says nothing about the client
        for unfinished in ("niet ingevuld", "niets ingevuld", "[ ]", "[x]"):
            assert unfinished not in copied
        message_shown(page, copied.strip())  # the same message as in the handover below
        assert page.get_by_text("Vraag de cliënt eerst hardop").is_visible()  # the one-line consent reminder
        assert page.get_by_text("Select all").count() == 0
        assert page.outside_requests == []
    finally:
        context.close()
