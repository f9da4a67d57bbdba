"""Verwijsroutes in a real browser: on a phone the flow is readable text instead of a chart with text of a
few pixels, on a wide screen the chart; a bailiff stays visible, apart from the help, at both sizes."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import guarded_page, screenshot, wait_for_app

SIZES = {"telefoon": (390, 844), "desktop": (1280, 900)}
CHART = "[data-testid='stGraphVizChart']"
ROUTE_LIST = "[class*='st-key-verwijs_lijst_route']"
OWN_LIST = "[class*='st-key-verwijs_lijst_eigen']"
READABLE_PX = 14  # body text; the chart scaled to a phone gave about 6 px


def open_routes(browser, server, size: str, query: str):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = guarded_page(context)
    page.goto(f"{server}/verwijsroutes?{query}")
    wait_for_app(page)
    page.get_by_role("heading", name="Zo gaat het vaak verder").wait_for(timeout=30_000)
    wait_for_app(page)
    return context, page


def font_px(locator) -> float:
    return locator.evaluate("(el) => parseFloat(getComputedStyle(el).fontSize)")


def test_on_a_phone_the_flow_is_a_readable_list(server, browser):
    context, page = open_routes(browser, server, "telefoon", "thema=geldzorgen-schulden")
    try:
        assert not page.locator(CHART).first.is_visible()
        flow = page.locator(ROUTE_LIST)
        assert flow.is_visible()
        line = flow.get_by_text("verwijst vaak door naar:").first
        assert line.is_visible() and font_px(line) >= READABLE_PX
        assert flow.get_by_text("Geldcheck033 (informatiepunt geldzorgen)").first.is_visible()
        # Nothing runs off the side of the screen.
        assert page.evaluate("() => document.documentElement.scrollWidth") <= SIZES["telefoon"][0]
        page.get_by_role("heading", name="Zo gaat het vaak verder").scroll_into_view_if_needed()
        screenshot(page, "verwijsroutes-stroom-telefoon")

        aside = page.get_by_role("heading", name="Ook betrokken, geen hulp")
        aside.scroll_into_view_if_needed()
        assert aside.is_visible()
        warning = page.get_by_text("bel hier voor een betalingsregeling, niet voor hulp")
        assert warning.is_visible() and font_px(warning) >= READABLE_PX
        screenshot(page, "verwijsroutes-geen-hulp-telefoon")
        assert page.outside_requests == []
    finally:
        context.close()


def test_on_a_phone_the_own_organisation_flow_is_a_list_too(server, browser):
    width, height = SIZES["telefoon"]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = guarded_page(context)
    try:
        page.goto(f"{server}/verwijsroutes?org=stadsring51")
        wait_for_app(page)
        page.get_by_role("heading", name="Jullie verwijzen vaak naar").wait_for(timeout=30_000)
        wait_for_app(page)
        assert not page.locator(CHART).first.is_visible()
        flow = page.locator(OWN_LIST)
        assert flow.is_visible() and font_px(flow.get_by_text("verwijst vaak door naar:").first) >= READABLE_PX
    finally:
        context.close()


def test_on_a_wide_screen_the_chart_shows_and_the_list_does_not(server, browser):
    context, page = open_routes(browser, server, "desktop", "thema=geldzorgen-schulden")
    try:
        chart = page.locator(CHART).first
        chart.scroll_into_view_if_needed()
        assert chart.is_visible() and not page.locator(ROUTE_LIST).is_visible()
        labels = chart.locator("svg text")
        assert labels.count() > 10
        heights = labels.evaluate_all("(els) => els.map((el) => el.getBoundingClientRect().height)")
        assert min(heights) >= 12  # readable on a wide screen
        svg = chart.locator("svg").first.inner_html()
        assert "Jongerius" not in svg  # a bailiff is no step on the path of help
        screenshot(page, "verwijsroutes-stroom-desktop")
    finally:
        context.close()


@pytest.mark.parametrize("size", SIZES)
def test_a_bailiff_is_shown_apart_and_labelled(server, browser, size):
    context, page = open_routes(browser, server, size, "thema=geldzorgen-schulden")
    try:
        aside = page.get_by_role("heading", name="Ook betrokken, geen hulp")
        heavier = page.get_by_role("heading", name="Als dat niet genoeg is")
        bailiff = page.get_by_text("Jongerius Gerechtsdeurwaarders").first
        bailiff.scroll_into_view_if_needed()
        # In the page order the bailiff comes after the heading of its own block, not in a step of help.
        assert heavier.bounding_box()["y"] < aside.bounding_box()["y"] < bailiff.bounding_box()["y"]
        assert page.get_by_text("Werkt voor schuldeisers").first.is_visible()
    finally:
        context.close()
