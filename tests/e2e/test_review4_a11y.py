"""Review 4, accessibility, in a real browser at desktop size (1280 x 900).

A. The toolbar Streamlit puts on a chart or table (Toon de gegevens, Download als afbeelding, Kopieer de
   grafiekcode, Volledig scherm) showed only under the mouse. Tabbing into it focused buttons that stayed
   invisible: only a tooltip floated there. Now the toolbar shows while it holds the keyboard focus (ui/shell.py),
   and the focused button has a ring.
B. A screen reader heard English names: "Decrement" and "Increment" on the - and + of a number field, and
   "file upload" on the uploader's file input. ui/shell.js gives them Dutch names, also after a rerun.
"""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, wait_for_app
from tests.e2e.test_beheer import log_in

TOOLBAR = "[data-testid='stElementToolbar']"
TOOLBAR_BUTTONS = ("Toon de gegevens", "Download als afbeelding", "Kopieer de grafiekcode", "Volledig scherm")

# What the focused element looks like, and whether its toolbar can be seen and is not covered.
FOCUS_STATE = """() => {
    const e = document.activeElement;
    const toolbar = e && e.closest('[data-testid="stElementToolbar"]');
    if (!toolbar) return null;
    const style = getComputedStyle(e);
    const box = e.getBoundingClientRect();
    const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return {
        name: e.getAttribute('aria-label') || '',
        toolbarOpacity: getComputedStyle(toolbar).opacity,
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth) || 0,
        boxShadow: style.boxShadow,
        onTop: top !== null && (top === e || e.contains(top)),
        inWindow: box.width > 0 && box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight,
    };
}"""


def toolbar_opacities(page) -> list[str]:
    return page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=\"stElementToolbar\"]')]"
        ".map((t) => getComputedStyle(t).opacity)"
    )


def tab_into_toolbar(page, limit: int = 80) -> dict:
    """Press Tab from the top of the page until a toolbar button has the focus; its FOCUS_STATE."""
    page.mouse.move(1, 1)  # not over a chart or table: the mouse would show the toolbar by itself
    page.evaluate("() => document.activeElement?.blur()")
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is not None:
            return state
    raise AssertionError(f"na {limit} keer Tab nog geen knop in de werkbalk van een grafiek of tabel")


def assert_shown_with_ring(state: dict) -> None:
    assert state["toolbarOpacity"] == "1", state
    ring = state["outlineStyle"] != "none" and state["outlineWidth"] >= 2
    assert ring or state["boxShadow"] not in ("", "none"), state
    assert state["onTop"] and state["inWindow"], state  # not under the chart, not outside the window


def test_the_chart_toolbar_shows_with_a_ring_while_the_keyboard_is_in_it(server, page):
    page.goto(server + "/wie-doet-wat")
    wait_for_app(page)
    page.locator(TOOLBAR).first.wait_for(state="attached", timeout=30_000)  # the chart draws after the run
    wait_for_app(page)
    page.mouse.move(1, 1)
    assert set(toolbar_opacities(page)) == {"0"}  # without focus or mouse it stays out of the way

    state = tab_into_toolbar(page)
    assert state["name"].startswith("Toon de gegevens: "), state
    assert_shown_with_ring(state)
    screenshot(page, "review4-werkbalk-grafiek-toetsenbord")

    # Every button in it: the toolbar stays visible and each one shows the ring, in Dutch.
    names = [state["name"].split(":")[0]]
    for _ in TOOLBAR_BUTTONS[1:]:
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        assert state is not None, names
        assert_shown_with_ring(state)
        names.append(state["name"].split(":")[0])
    assert names == list(TOOLBAR_BUTTONS)

    # Tab on: the focus leaves the toolbar, and it hides again.
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS_STATE) is None
    expect(page.locator(TOOLBAR).first).to_have_css("opacity", "0")
    assert page.outside_requests == []


def test_number_fields_have_dutch_step_buttons_also_after_a_rerun(server, page):
    page.goto(server + "/regelingen")
    wait_for_app(page)
    page.get_by_label("Leeftijd (jaar)").wait_for(timeout=30_000)

    def assert_dutch(fields: int) -> None:
        for english in ("Decrement", "Increment"):
            assert page.get_by_role("button", name=english, exact=True).count() == 0, english
        expect(page.get_by_role("button", name="Verlaag", exact=True)).to_have_count(fields)
        expect(page.get_by_role("button", name="Verhoog", exact=True)).to_have_count(fields)
        assert page.locator("[data-testid='stNumberInputStepDown']").count() == fields
        assert page.locator("[data-testid='stNumberInputStepUp']").count() == fields

    assert_dutch(2)  # Leeftijd (jaar) and the income

    # A field that appears with a rerun: Aantal kinderen, for a household with children.
    household = page.get_by_role("combobox", name="Huishouden")
    household.click()
    page.get_by_role("option", name="Alleenstaande ouders", exact=True).click()
    page.get_by_label("Aantal kinderen").wait_for(timeout=30_000)
    wait_for_app(page)
    assert_dutch(3)

    # A step button used, the rerun draws the field again: still Dutch.
    children = page.locator("[data-testid='stNumberInput']", has=page.get_by_label("Aantal kinderen"))
    children.get_by_role("button", name="Verhoog", exact=True).click()
    expect(page.get_by_label("Aantal kinderen")).to_have_value("2")
    wait_for_app(page)
    assert_dutch(3)
    screenshot(page, "review4-regelingen-getalvelden")
    assert page.outside_requests == []


def test_beheer_uploader_input_and_table_toolbar_are_dutch_and_visible(server, page):
    log_in(page, server)
    # The Bladzijde field of the table: Dutch step buttons in Beheer too.
    assert page.get_by_role("button", name="Decrement", exact=True).count() == 0
    assert page.get_by_role("button", name="Increment", exact=True).count() == 0

    # The table's toolbar shows while the keyboard is in it, as on Wie doet wat.
    page.locator(TOOLBAR).first.wait_for(state="attached", timeout=30_000)
    state = tab_into_toolbar(page, limit=120)
    assert_shown_with_ring(state)
    screenshot(page, "review4-werkbalk-tabel-beheer")

    page.get_by_role("tab", name="Importeren").click()
    wait_for_app(page)
    file_input = page.locator("[data-testid='stFileUploaderDropzoneInput']")
    file_input.first.wait_for(state="attached", timeout=30_000)
    expect(file_input).to_have_count(1)
    expect(file_input).to_have_attribute("aria-label", "Bestand kiezen")
    expect(page.get_by_label("Bestand kiezen", exact=True)).to_have_count(1)
    expect(page.get_by_label("file upload", exact=True)).to_have_count(0)
    assert page.outside_requests == []
