"""Accessibility in a real browser, on every page, at desktop size and at phone size (390 x 844).

axe-core (npm, test-only) may find no serious or critical violation, colour contrast included; the
document is Dutch; headings never skip a level; the keyboard focus is always visible; and none of
Streamlit's English strings that the app replaces is left. A full-height screenshot of each page at
each size lands in test-artifacts/ to look at.
"""

from __future__ import annotations

from itertools import pairwise

import pytest

from tests.e2e.axe import axe_source, violations
from tests.e2e.conftest import ARTIFACTS, TILE_HOSTS, choose_on_card, guarded_page, wait_for_app
from ui.shell import strings

SIZES = {"desktop": (1280, 900), "telefoon": (390, 844)}
PAGES = {
    "hulpvraag": "/",
    "wie-doet-wat": "/wie-doet-wat",
    "organisatie": "/wie-doet-wat?org=voedselbank",
    "kaart": "/kaart?",
    "verwijsroutes": "/verwijsroutes?thema=geldzorgen-schulden",
    "beheer": "/beheer",
    "regelingen": "/regelingen",
}
NEED = "kan de huur niet betalen, kinderen hebben geen winterjas"


@pytest.fixture(scope="module")
def axe():
    return axe_source()


def open_page(page, server: str, name: str) -> None:
    page.goto(server + PAGES[name])
    wait_for_app(page)
    if name == "hulpvraag":  # the page with most on it: suggestions and a handover
        page.get_by_label("Wat is de hulpvraag?").fill(NEED)
        page.get_by_text("Stichting Kledingbank Amersfoort").first.wait_for(timeout=30_000)
        wait_for_app(page)
        choose_on_card(page, "Stichting Kledingbank Amersfoort")
        page.get_by_text("Bericht voor de organisatie").first.wait_for(timeout=30_000)
    page.get_by_role("heading", level=1).first.wait_for(timeout=30_000)
    wait_for_app(page)
    page.wait_for_timeout(500)  # the map and the chart draw after the run


def full_screenshot(page, name: str) -> None:
    """Streamlit scrolls inside its own box, so the window grows to the content's height for the picture."""
    width = page.viewport_size["width"]
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": width, "height": min(max(height, 844), 12_000)})
    page.wait_for_timeout(300)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"a11y-{name}.png"))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", PAGES)
def test_page_is_accessible(server, browser, axe, name, size):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = guarded_page(context)
    try:
        open_page(page, server, name)
        assert page.evaluate("() => document.documentElement.lang") == "nl"
        found = violations(page, axe)
        assert found == [], "\n".join(
            f"{v['impact']} {v['id']} ({v['frame']}): {v['help']} {v['nodes']}" for v in found
        )
        levels = page.evaluate("() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])")
        assert levels[:1] == [1] and levels.count(1) == 1, levels
        assert all(b <= a + 1 for a, b in pairwise(levels)), f"een kopje slaat een niveau over: {levels}"
        left = english_left(page)
        assert left == [], left
        # A link's label is never cut off with "…" ("Stadsring51 (schuldhulpverlening, Geldloket en s" on a phone).
        cut = page.evaluate(
            """() => [...document.querySelectorAll('[data-testid=stPageLink-NavLink] span')]
                .filter((s) => s.scrollWidth > s.clientWidth + 1).map((s) => s.textContent)"""
        )
        assert cut == [], cut
        full_screenshot(page, f"{name}-{size}")
        assert all(url.split("/")[2] in TILE_HOSTS for url in page.outside_requests)  # map tiles only
    finally:
        context.close()


def english_left(page) -> list[str]:
    """Streamlit strings the app replaces, still found as text or as a label in the page."""
    return page.evaluate(
        """(english) => {
            const found = new Set();
            const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = texts.nextNode(); n; n = texts.nextNode()) {
                const t = n.nodeValue.trim();
                if (english.includes(t) && n.parentElement?.closest('noscript, script, style') == null) found.add(t);
            }
            for (const e of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
                for (const name of ['aria-label', 'title', 'placeholder']) {
                    const v = (e.getAttribute(name) || '').trim();
                    if (english.some((s) => v === s || v.startsWith(s + ': ')) || v.startsWith('Help for ')
                        || / icon$/.test(v)) found.add(name + '=' + v);
                }
            }
            return [...found];
        }""",
        [s for s in strings() if s not in ("Stop",)],
    )


def test_every_control_shows_a_visible_focus_ring(server, browser):
    """Tab through the Hulpvraag page with a handover open: each stop has a ring of at least 2 px."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = guarded_page(context)
    try:
        open_page(page, server, "hulpvraag")
        page.evaluate("() => document.activeElement?.blur()")
        stops = []
        for _ in range(40):
            page.keyboard.press("Tab")
            stops.append(
                page.evaluate(
                    """() => {
                        const e = document.activeElement;
                        if (!e || e === document.body || e.tagName === 'IFRAME') return null;
                        const ring = (x) => { const s = getComputedStyle(x);
                            return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; };
                        const box = e.closest(
                            '[data-baseweb="input"], [data-baseweb="textarea"], [data-baseweb="select"] > div');
                        return {name: e.getAttribute('aria-label') || e.textContent.trim().slice(0, 40) || e.tagName,
                                visible: ring(e) || (box !== null && ring(box))};
                    }"""
                )
            )
        checked = [s for s in stops if s]
        assert len(checked) >= 20
        assert [s["name"] for s in checked if not s["visible"]] == []
        # A heading's own link is no Tab stop: a review counted one extra stop per heading.
        assert not [s for s in checked if s["name"] == "Link naar dit kopje"]
    finally:
        context.close()
