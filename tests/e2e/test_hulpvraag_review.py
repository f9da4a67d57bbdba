"""Hulpvraag in a real browser, after a review: a sign near a ticked card with a jump to the handover
on a phone, a focus ring on every checkbox that a keyboard user can see, and the way back from an
organisation's page with the need, the results and the choices still there (and never in the URL)."""

from __future__ import annotations

import uuid

from tests.e2e.conftest import ARTIFACTS, card_of, guarded_page, message_shown, screenshot, type_need, wait_for_app

KLEDINGBANK = "Stichting Kledingbank Amersfoort"
NEED = "kinderen hebben geen winterjas"
TWO_NEEDS = "zoon wil op voetbal maar er is geen geld, en we hebben ook geen winterjas"
SHARE = "Deze gegevens delen met de organisatie"
SCHEMES_NEED = "kan de gemeentelijke belastingen niet betalen"
MIN_CONTRAST = 3.0  # WCAG 1.4.11: a focus indicator against white

RING = """(label) => {
    const style = getComputedStyle(label);
    const rgb = style.outlineColor.match(/\\d+/g).slice(0, 3).map(Number);
    const lin = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    const luminance = 0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2]);
    const box = label.getBoundingClientRect();
    return {style: style.outlineStyle, width: parseFloat(style.outlineWidth), contrast: 1.05 / (luminance + 0.05),
            boxWidth: box.width, boxHeight: box.height};
}"""


def checkbox_input(page, label: str, index: int = 0):
    return page.get_by_role("checkbox", name=label).nth(index)


def focus_by_keyboard(page, checkbox) -> None:
    """Put the keyboard focus on `checkbox` the way a keyboard user does: Tab onto it from the control before."""
    checkbox.scroll_into_view_if_needed()
    checkbox.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert checkbox.evaluate("(e) => e === document.activeElement && e.matches(':focus-visible')")


def keep_ring_picture(page, checkbox, name: str) -> None:
    """A picture of the focused checkbox with some room around it, so the ring itself is in it."""
    box = checkbox.evaluate(
        "(e) => { const r = e.closest('label').getBoundingClientRect(); "
        "return {x: r.x, y: r.y, width: r.width, height: r.height}; }"
    )
    clip = {
        "x": max(box["x"] - 12, 0),
        "y": max(box["y"] - 12, 0),
        "width": box["width"] + 24,
        "height": box["height"] + 24,
    }
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), clip=clip)


def test_phone_a_ticked_card_says_so_and_jumps_to_the_handover(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = guarded_page(context)
    try:
        type_need(page, server, TWO_NEEDS, KLEDINGBANK)
        card = card_of(page, KLEDINGBANK)
        # The box sits under the card's name; the volunteer reads the card, so it is not at the screen's edge.
        card.get_by_text("Verwijs hierheen").evaluate("(e) => e.scrollIntoView({block: 'center'})")
        card.get_by_text("Verwijs hierheen").click()
        wait_for_app(page)
        sign = card.get_by_text("Staat in de overdracht.")
        sign.wait_for(timeout=30_000)
        box_y = card.get_by_text("Verwijs hierheen").bounding_box()["y"]
        sign_box = sign.bounding_box()
        assert 0 <= sign_box["y"] - box_y < 120  # right under the box, not 5,000 px further down
        assert 0 <= sign_box["y"] < 844  # on screen, where the volunteer just clicked
        copy = card.locator("iframe[title^='Kopieer het bericht aan']").bounding_box()
        assert abs(copy["y"] + copy["height"] / 2 - (box_y + 10)) < 30  # the copy button beside the box
        heading = page.get_by_role("heading", name="Warme overdracht")
        assert heading.bounding_box()["y"] > 3 * 844  # the handover itself is far below on a phone
        screenshot(page, "hulpvraag-telefoon-teken-bij-kaart")
        card.get_by_role("link", name="Naar de overdracht").click()
        page.wait_for_function(
            """() => { const h = [...document.querySelectorAll('h2')]
                           .find((e) => e.textContent.includes('Warme overdracht'));
                       const y = h?.getBoundingClientRect().top; return y !== undefined && y >= 0 && y < 844; }""",
            timeout=10_000,
        )
        screenshot(page, "hulpvraag-telefoon-naar-overdracht")
        assert page.get_by_text("Bericht voor de organisatie").first.is_visible()
        assert "winterjas" not in page.url and "voetbal" not in page.url
        assert page.outside_requests == []
    finally:
        context.close()


def test_every_kind_of_checkbox_shows_a_clear_focus_ring(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = guarded_page(context)
    try:
        type_need(page, server, SCHEMES_NEED, "Zet in de overdracht")
        page.get_by_text("Verwijs hierheen").first.click()
        wait_for_app(page)
        checkbox_input(page, SHARE).wait_for(state="attached", timeout=30_000)
        for name in ("Verwijs hierheen", "Zet in de overdracht", SHARE):
            checkbox = checkbox_input(page, name)
            focus_by_keyboard(page, checkbox)
            ring = checkbox.evaluate(f"(e) => ({RING})(e.closest('label'))")
            assert ring["style"] == "solid" and ring["width"] >= 3, (name, ring)
            assert ring["contrast"] >= MIN_CONTRAST, (name, ring)
            assert ring["boxWidth"] > 20 and ring["boxHeight"] > 10, (name, ring)  # around the box and label
            keep_ring_picture(page, checkbox, f"hulpvraag-focus-{name.split()[0].lower()}")
        assert page.outside_requests == []
    finally:
        context.close()


def test_need_results_and_choices_survive_a_look_at_an_organisation(server, browser):
    marker = f"markeer{uuid.uuid4().hex}"
    need = f"{NEED} {marker}"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    visited: list[str] = []
    context.on("request", lambda request: visited.append(request.url))
    page = guarded_page(context)
    try:
        type_need(page, server, need, KLEDINGBANK)
        card_of(page, KLEDINGBANK).get_by_text("Verwijs hierheen").click()
        wait_for_app(page)
        page.locator("[data-testid='stCheckbox']").get_by_text(SHARE).click()
        wait_for_app(page)
        message_shown(page, marker)

        # The card's link, then the detail page's own way back.
        card_of(page, KLEDINGBANK).get_by_role("link", name="Alles over deze organisatie").click()
        back = page.get_by_role("link", name="Terug naar Hulpvraag")
        back.wait_for(timeout=30_000)
        wait_for_app(page)
        screenshot(page, "hulpvraag-organisatie-terug")
        back.click()
        wait_for_app(page)
        still_there(page, need, marker)

        # The browser's Back button.
        card_of(page, KLEDINGBANK).get_by_role("link", name="Alles over deze organisatie").click()
        page.get_by_role("link", name="Terug naar Hulpvraag").wait_for(timeout=30_000)
        wait_for_app(page)
        page.go_back()
        wait_for_app(page)
        still_there(page, need, marker)

        # The sidebar.
        page.get_by_role("link", name="Wie doet wat").click()
        wait_for_app(page)
        page.get_by_role("link", name="Hulpvraag").click()
        wait_for_app(page)
        still_there(page, need, marker)
        assert [url for url in visited if marker in url] == []  # the need never went into an address
        assert page.outside_requests == []
    finally:
        context.close()


def still_there(page, need: str, marker: str) -> None:
    box = page.get_by_label("Wat is de hulpvraag?")
    box.wait_for(timeout=30_000)
    assert box.input_value() == need
    page.get_by_text(KLEDINGBANK).first.wait_for(timeout=30_000)
    assert card_of(page, KLEDINGBANK).get_by_role("checkbox", name="Verwijs hierheen").is_checked()
    assert checkbox_input(page, SHARE).is_checked()
    message_shown(page, marker)
    assert marker not in page.url
