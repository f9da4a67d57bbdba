"""The exported map opens from disk with no network, shows markers, and runs nothing from the data."""

from __future__ import annotations

from directory import load_directory
from directory.mapping import export_html
from tests.conftest import HEADER, VALID_ROW
from tests.e2e.conftest import screenshot

HOSTILE = [
    "</script><script>alert('naam')</script>",
    "<img src=x onerror=alert(1)>",
    "${alert(1)}`; alert(2); `",
    "<svg onload=alert(3)>",
]


def open_export(page, tmp_path, organisations) -> None:
    path = tmp_path / "kaart.html"
    path.write_text(export_html(organisations), encoding="utf-8")
    page.goto(path.as_uri())
    page.wait_for_selector(".marker-cluster, path.leaflet-interactive", timeout=20_000)


def test_export_shows_markers_without_network(page, tmp_path):
    from tests.conftest import DATA

    open_export(page, tmp_path, load_directory(DATA).active)
    clusters = page.locator(".marker-cluster")
    total = sum(int(clusters.nth(i).inner_text()) for i in range(clusters.count()))
    total += page.locator("path.leaflet-interactive").count()
    assert total == sum(1 for o in load_directory(DATA).active if o.has_location)
    assert page.get_by_text("Soort hulp").is_visible()
    screenshot(page, "kaart-export")
    assert all("pdok" in u or "openstreetmap" in u for u in page.outside_requests)  # only tiles were asked


def test_hostile_data_runs_no_script(page, tmp_path, write_list):
    rows = [
        {**VALID_ROW, "id": f"org-{i}", "naam": name, "omschrijving": name, "lat": f"52.15{i}", "lon": f"5.3{i}"}
        for i, name in enumerate(HOSTILE)
    ]
    open_export(page, tmp_path, load_directory(write_list(rows, HEADER)).organisations)
    for _ in range(3):  # open clusters until single markers show, then open every popup
        clusters = page.locator(".marker-cluster")
        if not clusters.count():
            break
        clusters.first.click()
        page.wait_for_timeout(500)
    markers = page.locator("path.leaflet-interactive")
    shown = []
    for i in range(markers.count()):
        markers.nth(i).click(force=True)
        page.wait_for_timeout(200)
        shown += page.locator(".vangnet-popup").all_inner_texts()  # one popup is open at a time
    assert markers.count() == len(HOSTILE)
    for name in HOSTILE:  # every name is shown as the text it is
        assert any(name in text for text in shown), name
    assert page.dialogs == []
    screenshot(page, "kaart-vijandige-data")


def test_export_without_background_shows_markers_and_asks_nothing(page, tmp_path):
    """Without a tile layer Leaflet has no maxZoom; the cluster plugin then used to stop with an error."""
    from tests.conftest import DATA

    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    path = tmp_path / "kaart.html"
    path.write_text(export_html(load_directory(DATA).active, tiles="geen"), encoding="utf-8")
    page.goto(path.as_uri())
    page.wait_for_selector(".marker-cluster, path.leaflet-interactive", state="attached", timeout=20_000)
    assert errors == []
    assert page.locator(".leaflet-tile").count() == 0
    assert page.outside_requests == []
    screenshot(page, "kaart-export-geen-achtergrond")
