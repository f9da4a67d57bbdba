"""Kaart page in a real headless Chromium: markers without network, a click on a marker shows its
card, and hostile data is shown as text without running anything."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from directory import load_directory
from tests.conftest import DATA, HEADER, THEMES_CSV, VALID_ROW, csv_text
from tests.e2e.app_server import running_app
from tests.e2e.conftest import TILE_HOSTS, screenshot, wait_for_app

MAP_FRAME = "iframe[title='Kaart met de organisaties']"  # Streamlit's own title, made Dutch by ui/shell.js
MARKERS = ".marker-cluster, path.leaflet-interactive"

# Zoom to one organisation's marker (spiderfying its cluster if needed) and tag its SVG path, so the
# test can then click it with the real mouse, as a user would.
REVEAL = """(id) => new Promise((resolve, reject) => {
    const group = Object.values(map._layers).find((layer) => layer instanceof L.MarkerClusterGroup);
    const marker = group.getLayers().find((layer) => layer.vangnetId === id);
    if (!marker) { reject(new Error('geen stip voor ' + id)); return; }
    setTimeout(() => reject(new Error('stip niet zichtbaar: ' + id)), 10000);
    document.querySelectorAll('[data-test-org]').forEach((el) => el.removeAttribute('data-test-org'));
    const tag = () => setTimeout(() => { marker._path.setAttribute('data-test-org', id); resolve(); }, 400);
    map.setView(marker.getLatLng(), 17, {animate: false});
    if (map.hasLayer(marker)) { tag(); } else { group.zoomToShowLayer(marker, tag); }
})"""

HOSTILE = [
    ("org-img", "<img src=x onerror=alert(1)>", "https://a.nl/\"><script>alert('web')</script>"),
    ("org-script", "</script><script>alert('naam')</script>", ""),
    ("org-template", "${alert(1)}`; alert(2); `", "a.nl/x)"),
    ("org-slash", "back\\slash \\u003c \\\" '", "https://a.nl/?q=`${alert(5)}`\\"),
    ("org-svg", "<svg onload=alert(3)>", ""),
]


def map_frame(page):
    """The map's iframe, once its markers are drawn."""
    page.wait_for_selector(MAP_FRAME, timeout=30_000)
    frame = page.locator(MAP_FRAME).element_handle().content_frame()
    frame.wait_for_selector(MARKERS, state="attached", timeout=30_000)
    return frame


def open_kaart(page, url: str):
    """Open Kaart as a user does, from the start page's menu. (A direct /kaart URL is also served by
    Streamlit's old pages/ folder discovery, which skips app.py; see README/issue notes.)"""
    page.goto(url + "/")
    wait_for_app(page)
    page.locator("[data-testid='stSidebarNav'] a").filter(has_text="Kaart").click()
    wait_for_app(page)
    page.wait_for_function("() => document.title === 'Kaart · Vangnet'", timeout=10_000)  # app.py's page title
    return map_frame(page)


def markers_on_map(frame) -> int:
    """Markers shown: the numbers on the clusters plus the single stips."""
    clusters = frame.locator(".marker-cluster")
    return (
        sum(int(clusters.nth(i).inner_text()) for i in range(clusters.count()))
        + frame.locator("path.leaflet-interactive").count()
    )


def click_marker(page, frame, org_id: str) -> str:
    """Click an organisation's marker with the mouse; returns the text of the popup that opened."""
    frame.evaluate(REVEAL, org_id)
    page.frame_locator(MAP_FRAME).locator(f"[data-test-org='{org_id}']").click()
    popup = frame.locator(".vangnet-popup").filter(has_text=f"id: {org_id}")  # the last one fades out
    popup.wait_for(timeout=5_000)
    return popup.inner_text()


def card(page, name: str):
    """The organisation card under the map whose heading is exactly `name`."""
    return page.locator("[data-testid='stMain'] h2").filter(has_text=name)


def test_kaart_shows_markers_without_network(page, server):
    frame = open_kaart(page, server)
    located = sum(1 for o in load_directory(DATA).active if o.has_location)
    assert markers_on_map(frame) == located
    assert frame.get_by_text("Soort hulp").is_visible()  # the legend
    assert frame.locator(".leaflet-control-zoom-in").get_attribute("title") == "Inzoomen"
    assert "ft" not in frame.locator(".leaflet-control-scale").inner_text()  # metres only
    screenshot(page, "kaart-pagina")
    assert all(url.split("/")[2] in TILE_HOSTS for url in page.outside_requests)  # only tiles were asked
    assert page.dialogs == []


def test_no_background_asks_nothing_outside(page, server):
    open_kaart(page, server)
    page.get_by_text("Filters: soort hulp").click()  # below the map, folded
    wait_for_app(page)
    page.wait_for_timeout(1500)  # the map reports its first state once; that rerun would close the list
    page.get_by_label("Achtergrond").focus()
    page.keyboard.type("Geen")  # the list filters as you type
    page.get_by_role("option", name="Geen achtergrond").wait_for()
    page.wait_for_timeout(500)  # the list marks its one option as chosen
    page.keyboard.press("Enter")
    page.wait_for_function(
        """() => document.querySelector('input[aria-label="Achtergrond"]')?.value === 'Geen achtergrond'"""
    )
    wait_for_app(page)
    page.wait_for_timeout(1000)  # the map's iframe is drawn anew after the run
    frame = map_frame(page)
    frame.wait_for_function("() => !document.querySelector('.leaflet-tile')")  # the new map, without tiles
    page.outside_requests.clear()  # the first map (PDOK) asked for tiles before the switch
    assert markers_on_map(frame) == sum(1 for o in load_directory(DATA).active if o.has_location)
    frame.locator(".marker-cluster").first.scroll_into_view_if_needed()
    screenshot(page, "kaart-geen-achtergrond")
    frame.evaluate("() => { map.panBy([300, 200], {animate: false}); map.zoomIn(1, {animate: false}); }")
    page.wait_for_timeout(1000)
    assert page.outside_requests == []


def test_clicking_a_marker_shows_its_card(page, server):
    directory = load_directory(DATA)
    first, second = directory.get("taalhuis"), directory.get("gemeente-amersfoort")  # both have a pin
    frame = open_kaart(page, server)

    popup = click_marker(page, frame, first.id)
    assert first.naam in popup and popup.rstrip().endswith(f"id: {first.id}")
    # The popup is brief (each marker is sent on every rerun); the card below has the details.
    assert "De gegevens staan onder de kaart." in popup and first.omschrijving[:40] not in popup
    screenshot(page, "kaart-popup")
    card(page, first.naam).wait_for(timeout=15_000)
    card(page, first.naam).scroll_into_view_if_needed()
    assert page.get_by_text(first.omschrijving[:60]).first.is_visible()
    assert page.get_by_label("Gekozen organisatie (klik op een stip, of kies hier)").is_visible()
    screenshot(page, "kaart-klik-kaartje")

    frame = map_frame(page)  # after the rerun: the same map, nothing reloaded
    click_marker(page, frame, second.id)
    card(page, second.naam).wait_for(timeout=15_000)
    page.wait_for_timeout(300)
    assert card(page, first.naam).count() == 0  # one organisation is selected at a time
    assert page.outside_requests == [] or all(u.split("/")[2] in TILE_HOSTS for u in page.outside_requests)
    assert page.dialogs == []


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("vijandig")
    rows = [
        {**VALID_ROW, "id": org_id, "naam": name, "omschrijving": f"Omschrijving {name}", "aanmelden": name,
         "website": website, "lat": f"{52.150 + i * 0.004:.3f}", "lon": f"{5.370 + i * 0.006:.3f}"}
        for i, (org_id, name, website) in enumerate(HOSTILE)
    ]  # fmt: skip
    (folder / "organisaties.csv").write_text(csv_text(rows, [*HEADER, "website"]), encoding="utf-8")
    (folder / "themas.csv").write_text(THEMES_CSV, encoding="utf-8")
    assert len(load_directory(folder / "organisaties.csv").active) == len(HOSTILE)
    with running_app(folder / "organisaties.csv") as url:
        yield url


def test_hostile_data_is_text_and_runs_nothing(page, hostile_server):
    frame = open_kaart(page, hostile_server)
    assert markers_on_map(frame) == len(HOSTILE)
    for org_id, name, _ in HOSTILE:
        popup = click_marker(page, frame, org_id)
        assert name in popup, name  # the popup shows the name as the text it is
        assert popup.rstrip().endswith(f"id: {org_id}")
        card(page, name).wait_for(timeout=15_000)  # and the card under the map too
        # The card renders its parts one after another: wait for the description before counting it (a busy CI
        # machine once counted 0 here).
        description = page.get_by_text(f"Omschrijving {name}", exact=True)
        description.wait_for(timeout=15_000)
        assert description.count() == 1
        frame = map_frame(page)
        hrefs = frame.locator(".vangnet-popup a").evaluate_all("(links) => links.map((a) => a.href)")
        assert all(href.startswith(("https:", "http:", "tel:", "mailto:")) for href in hrefs), hrefs
    card(page, HOSTILE[-1][1]).scroll_into_view_if_needed()
    screenshot(page, "kaart-vijandige-data-app")
    assert page.dialogs == []
    for where in (page, frame):  # no markup from the data became an element
        assert where.locator("img[src='x'], svg[onload], [onerror]").count() == 0
    assert page.outside_requests == [] or all(u.split("/")[2] in TILE_HOSTS for u in page.outside_requests)


def test_on_a_phone_an_opened_popup_is_clear_of_the_legend_and_the_zoom_buttons(page, server):
    frame = open_kaart(page, server)
    page.set_viewport_size({"width": 390, "height": 844})
    wait_for_app(page)
    click_marker(page, frame, "taalhuis")
    page.wait_for_timeout(1_000)  # Leaflet pans the map to make room for the popup
    screenshot(page, "kaart-popup-telefoon")
    popup = frame.locator(".leaflet-popup-content-wrapper").last.bounding_box()
    for covering in (".vangnet-legenda", ".leaflet-control-zoom"):
        box = frame.locator(covering).bounding_box()
        apart = (
            popup["y"] >= box["y"] + box["height"]
            or box["y"] >= popup["y"] + popup["height"]
            or popup["x"] >= box["x"] + box["width"]
            or box["x"] >= popup["x"] + popup["width"]
        )
        assert apart, covering
