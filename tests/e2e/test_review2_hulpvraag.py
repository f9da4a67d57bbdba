"""Hulpvraag in a real browser, after a second review: "Nieuwe hulpvraag" empties what is on screen (and
nothing typed comes back), the copy button beside the tick works by keyboard, and on a phone the character
counter does not cover the words being typed."""

from __future__ import annotations

from tests.e2e.conftest import ARTIFACTS, card_of, guarded_page, screenshot, type_need, wait_for_app

NEED = "geen geld voor eten"
POSTCODE_LABEL = "Postcode (bijvoorbeeld 3811 AB)"
KLEDINGBANK = "Stichting Kledingbank Amersfoort"


def test_nieuwe_hulpvraag_empties_the_screen_and_nothing_comes_back(server, browser):
    """The reviewer's steps: need, postcode, a tick, "Nieuwe hulpvraag"; then type again."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = guarded_page(context)
    try:
        type_need(page, server, NEED, "Voedselbank")
        page.get_by_text("Filters: voor wie, waar en inkomen").click()
        postcode = page.get_by_label(POSTCODE_LABEL)
        postcode.fill("3812")
        postcode.press("Enter")
        wait_for_app(page)
        page.get_by_text("Verwijs hierheen").first.click()
        wait_for_app(page)
        page.get_by_role("button", name="Nieuwe hulpvraag").first.click()
        wait_for_app(page)
        page.get_by_text("Typ hierboven de hulpvraag").wait_for(timeout=30_000)

        need = page.get_by_label("Wat is de hulpvraag?")
        page.wait_for_function(
            "(label) => document.querySelector(`input[aria-label='${label}']`)?.value === ''",
            arg=POSTCODE_LABEL,
            timeout=10_000,
        )
        assert need.input_value() == "" and postcode.input_value() == ""
        screenshot(page, "hulpvraag-nieuwe-hulpvraag-leeg")

        # Typing for the next client sends only the new words; the old postcode does not come back.
        need.click()
        page.keyboard.type("schulden")
        need.press("Enter")
        wait_for_app(page)
        page.get_by_text("Herkend in").first.wait_for(timeout=30_000)
        assert need.input_value() == "schulden"
        assert postcode.input_value() == ""
        assert page.get_by_text("geen geld voor eten").count() == 0
        assert not page.get_by_role("checkbox", name="Verwijs hierheen").first.is_checked()
        assert page.outside_requests == []
    finally:
        context.close()


def test_tick_and_copy_by_keyboard(server, browser):
    """Space on "Verwijs hierheen", Tab to the copy button beside it, Enter: copied."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = guarded_page(context)
    try:
        type_need(page, server, "kinderen hebben geen winterjas", KLEDINGBANK)
        box = card_of(page, KLEDINGBANK).get_by_role("checkbox", name="Verwijs hierheen")
        box.focus()
        page.keyboard.press("Space")
        wait_for_app(page)
        frame = card_of(page, KLEDINGBANK).locator(
            "iframe[title='Kopieer het bericht aan Stichting Kledingbank Amersfoort']"
        )
        frame.wait_for(timeout=30_000)
        page.keyboard.press("Tab")
        button = frame.content_frame.get_by_role("button", name="Kopieer het bericht")
        assert button.evaluate("(e) => e === document.activeElement && document.hasFocus()")
        page.keyboard.press("Enter")
        frame.content_frame.get_by_role("status").get_by_text("Het bericht is gekopieerd.").wait_for(timeout=10_000)
        assert page.evaluate("() => navigator.clipboard.readText()").startswith(f"Aan: {KLEDINGBANK}\n")
        page.keyboard.press("Tab")  # and on to the link to the handover
        assert page.evaluate("() => document.activeElement?.textContent") == "Naar de overdracht"
        assert page.outside_requests == []
    finally:
        context.close()


def test_phone_the_counter_does_not_cover_the_text(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = guarded_page(context)
    try:
        page.goto(server + "/")
        wait_for_app(page)
        box = page.get_by_label("Wat is de hulpvraag?")
        box.click()
        page.keyboard.type("kan de huur niet betalen, kinderen hebben geen winterjas")
        wait_for_app(page)
        # The box has no character limit any more (a longer paste was dropped without a word; Vangnet now uses
        # the first 1,000 characters and says so), so there is no counter; anything Streamlit shows there must
        # not cover the text.
        counter = page.get_by_test_id("stTextInput").filter(has=box).get_by_test_id("InputInstructions")
        page.screenshot(
            path=str(ARTIFACTS / "hulpvraag-telefoon-teller.png"), clip={"x": 0, "y": 200, "width": 390, "height": 140}
        )
        if counter.count() and counter.inner_text().strip():
            text_right = box.evaluate(
                "(e) => e.getBoundingClientRect().right - parseFloat(getComputedStyle(e).paddingRight)"
            )
            counter_left = counter.bounding_box()["x"]
            assert text_right <= counter_left, (text_right, counter_left)  # the text stops before the counter
        assert "/1000" not in (counter.inner_text() if counter.count() else "")
        assert page.outside_requests == []
    finally:
        context.close()
