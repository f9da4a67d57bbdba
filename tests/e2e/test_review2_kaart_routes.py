"""Second browser review of Kaart and Verwijsroutes, in headless Chromium on a desktop and a phone:

- the first view of the map shows every marker, none above the edge or under the legend;
- a popup on a phone stays on the screen, with its close button in reach;
- no popup shows an organisation's internal id, in the app or in the downloaded map;
- a typed need about a bailiff shows the bailiff apart, as no help ("Ook betrokken, geen hulp").
"""

from __future__ import annotations

import pytest

from directory import load_directory
from directory.mapping import export_html
from tests.conftest import DATA
from tests.e2e.conftest import guarded_page, screenshot, wait_for_app
from tests.e2e.test_kaart import MAP_FRAME, MARKERS, REVEAL, map_frame, markers_on_map

SIZES = {"desktop": (1280, 900), "telefoon": (390, 844)}
LEGEND = ".vangnet-legenda"

# Every marker and group on the map as a box, in the map's frame.
MARKER_BOXES = """() => [...document.querySelectorAll('.marker-cluster, path.leaflet-interactive')].map((el) => {
    const r = el.getBoundingClientRect();
    return {x: r.x, y: r.y, width: r.width, height: r.height, text: el.textContent};
})"""
# The elements of the open popup that hold `text` and take up room on the screen.
SHOWN_WITH = """(text) => [...document.querySelectorAll('.leaflet-popup .vangnet-popup *')].filter((el) => {
    const r = el.getBoundingClientRect();
    return el.textContent.includes(text) && r.width > 1 && r.height > 1 && !el.closest('[aria-hidden="true"]');
}).map((el) => el.outerHTML)"""


def box_of(frame, selector: str) -> dict:
    """The box of the last element matching `selector` in the map's frame, in the frame's own pixels."""
    box = frame.evaluate(
        """(selector) => {
            const all = document.querySelectorAll(selector);
            if (!all.length) { return null; }
            const r = all[all.length - 1].getBoundingClientRect();
            return {x: r.x, y: r.y, width: r.width, height: r.height};
        }""",
        selector,
    )
    assert box, selector
    return box


def inside(inner: dict, outer: dict) -> bool:
    return (
        inner["x"] >= outer["x"] - 0.5
        and inner["y"] >= outer["y"] - 0.5
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 0.5
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 0.5
    )


def overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.fixture(params=list(SIZES))
def sized(request, browser):
    """A guarded page at desktop or phone size from the start (the first view is fitted to that size)."""
    width, height = SIZES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = guarded_page(context)
    page.size_name = request.param
    yield page
    context.close()


def open_kaart(page, server: str):
    page.goto(server + "/kaart")
    wait_for_app(page)
    frame = map_frame(page)
    page.wait_for_timeout(500)  # the cluster plugin draws its groups after the view is set
    return frame


# --- the first view -----------------------------------------------------------------------------


def test_the_first_view_shows_every_marker_clear_of_the_legend(sized, server):
    page = sized
    frame = open_kaart(page, server)
    located = sum(1 for o in load_directory(DATA).active if o.has_location)
    assert markers_on_map(frame) == located
    map_box = box_of(frame, ".leaflet-container")
    legend = box_of(frame, LEGEND)
    zoom = box_of(frame, ".leaflet-control-zoom")
    markers = frame.evaluate(MARKER_BOXES)
    assert markers
    for marker in markers:
        assert inside(marker, map_box), marker  # nothing above the edge or beside it
        assert not overlap(marker, legend), marker  # nothing under the legend
        assert not overlap(marker, zoom), marker
    screenshot(page, f"review2-kaart-eerste-beeld-{page.size_name}")


def test_a_postcode_keeps_the_map_on_the_postcode(page, server):
    """The first view fits the markers only without a postcode: with one, the map shows what is near it."""
    page.goto(server + "/kaart")
    wait_for_app(page)
    map_frame(page)
    page.get_by_text("Filters: soort hulp").click()
    box = page.get_by_label("Postcode")
    box.fill("3811")
    box.press("Enter")
    wait_for_app(page)
    page.wait_for_timeout(1_500)
    frame = map_frame(page)
    assert frame.evaluate("() => map.getZoom()") == 14


# --- popups on a phone ----------------------------------------------------------------------------


def open_popup_at(page, frame, org_id: str, right_edge: bool) -> None:
    """Show a marker (zoomed in), optionally near the right edge of the map, and click it with the mouse."""
    frame.evaluate(REVEAL, org_id)
    if right_edge:
        frame.evaluate(
            """(id) => {
                const group = Object.values(map._layers).find((layer) => layer instanceof L.MarkerClusterGroup);
                const marker = group.getLayers().find((layer) => layer.vangnetId === id);
                const at = map.latLngToContainerPoint(marker.getLatLng());
                map.panBy([at.x - (map.getSize().x - 25), 0], {animate: false});
            }""",
            org_id,
        )
        page.wait_for_timeout(300)
    page.frame_locator(MAP_FRAME).locator(f"[data-test-org='{org_id}']").click()
    name = load_directory(DATA).get(org_id).naam
    frame.locator(".leaflet-popup .vangnet-popup").filter(has_text=name).wait_for(timeout=5_000)
    page.wait_for_timeout(800)  # Leaflet pans the map to make room for the popup


@pytest.mark.parametrize("right_edge", [False, True], ids=["midden", "rechts"])
@pytest.mark.parametrize("org_id", ["taalhuis", "gemeente-amersfoort"])
def test_on_a_phone_a_popup_fits_the_screen_and_closes(browser, server, org_id, right_edge):
    width, height = SIZES["telefoon"]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = guarded_page(context)
    try:
        frame = open_kaart(page, server)
        open_popup_at(page, frame, org_id, right_edge)
        left = page.locator(MAP_FRAME).bounding_box()["x"]  # the frame on the page
        popup = box_of(frame, ".leaflet-popup-content-wrapper")
        assert left + popup["x"] >= 0 and left + popup["x"] + popup["width"] <= width, (popup, left)
        map_box = box_of(frame, ".leaflet-container")
        assert inside(popup, map_box), (popup, map_box)
        for covering in (LEGEND, ".leaflet-control-zoom"):
            assert not overlap(popup, box_of(frame, covering)), covering
        close = frame.locator(".leaflet-popup-close-button").last
        close_box = box_of(frame, ".leaflet-popup-close-button")
        assert inside(close_box, map_box) and left + close_box["x"] + close_box["width"] <= width, close_box
        assert close.get_attribute("aria-label") == "Sluiten"
        screenshot(page, f"review2-kaart-popup-telefoon-{org_id}-{'rechts' if right_edge else 'midden'}")
        close.click()
        frame.wait_for_function("() => !document.querySelector('.leaflet-popup')", timeout=5_000)
    finally:
        context.close()


# --- no internal ids --------------------------------------------------------------------------------


def test_the_app_popup_shows_no_id_yet_a_click_still_shows_the_card(page, server):
    directory = load_directory(DATA)
    org = directory.get("taalhuis")
    frame = open_kaart(page, server)
    open_popup_at(page, frame, org.id, right_edge=False)
    assert frame.evaluate(SHOWN_WITH, "id:") == []
    assert frame.evaluate(SHOWN_WITH, org.id) == []
    # The id is still in the text streamlit-folium sends, so the click selects the organisation.
    page.locator("[data-testid='stMain'] h2").filter(has_text=org.naam).wait_for(timeout=15_000)
    screenshot(page, "review2-kaart-popup-zonder-id")


def test_the_downloaded_map_shows_no_id(page, tmp_path):
    organisations = load_directory(DATA).active
    path = tmp_path / "kaart.html"
    path.write_text(export_html(organisations), encoding="utf-8")
    page.goto(path.as_uri())
    page.wait_for_selector(MARKERS, timeout=20_000)
    page.evaluate("() => { window.map = Object.values(window).find((value) => value instanceof L.Map); }")
    page.wait_for_timeout(500)
    for org_id in ("taalhuis", "gemeente-amersfoort"):
        page.evaluate(REVEAL, org_id)
        page.locator(f"[data-test-org='{org_id}']").click()
        popup = page.locator(".leaflet-popup .vangnet-popup").filter(has_text=load_directory(DATA).get(org_id).naam)
        popup.wait_for(timeout=5_000)
        text = popup.inner_text()
        assert "id:" not in text and org_id not in text, text
    screenshot(page, "review2-kaart-export-zonder-id")


# --- Verwijsroutes: a typed need about a bailiff ------------------------------------------------------


@pytest.mark.parametrize("need", ["brief van de deurwaarder", "beslag op loon"])
def test_a_typed_need_about_a_bailiff_shows_it_apart(sized, server, need):
    page = sized
    page.goto(f"{server}/verwijsroutes")
    wait_for_app(page)
    box = page.get_by_label("Of beschrijf de hulpvraag in eigen woorden", exact=True)
    box.fill(need)
    box.press("Enter")
    wait_for_app(page)
    aside = page.get_by_role("heading", name="Ook betrokken, geen hulp")
    aside.wait_for(timeout=30_000)
    aside.scroll_into_view_if_needed()
    assert aside.is_visible()
    warning = page.get_by_text("bel hier voor een betalingsregeling, niet voor hulp")
    assert warning.first.is_visible()
    # Apart: after the steps of help, and the bailiff is in no step.
    headings = page.locator("[data-testid='stMain'] h3").all_inner_texts()
    assert headings.index("Ook betrokken, geen hulp") > headings.index("Als dat niet genoeg is")
    names = page.locator("[data-testid='stMain'] strong").all_inner_texts()
    assert names.count("Jongerius Gerechtsdeurwaarders") == 1
    screenshot(page, f"review2-verwijsroutes-deurwaarder-{page.size_name}")
    assert page.outside_requests == []
