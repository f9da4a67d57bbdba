"""Benchmark: size of the exported map and time until its markers show, at 500 and 5,000 organisations.

Run:  .venv/bin/python bench/map.py [--sizes 500 5000] [--rounds 3] [--no-app]

Goal at 5,000 organisations: the export is at most 4 MB and markers are visible within 8 s in
headless Chromium. Lists are synthetic, around Amersfoort (seeded, so every run uses the same
data), and go through the normal loader and validation. Timing is measured in the page itself:
`performance.now()` (milliseconds since the navigation started) when the first cluster or marker
appears, and on the clock in this script. Every outside request (tiles) is blocked, as without network.

Two places are timed:
- export: the HTML file from `export_html`, opened from disk;
- app: the Kaart page in a real `streamlit run` (skip with --no-app), from a click on "Kaart" in
  the menu until the first marker shows in the map's frame; this includes the server run of the page
  and sending the map to the browser; and, in the app, from a mouse click on one marker until its
  card shows under the map (a rerun of the page, which sends the whole map to the browser again).

The baseline in the same run is a list of 1 organisation, so the table also shows each size as a
ratio to it (this machine is shared and noisy: compare ratios between runs, not raw times).
Medians over --rounds, with a fresh browser page each time. Not a test: it only prints.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from directory import load_directory  # noqa: E402
from directory.loading import BUNDLED_THEMES  # noqa: E402
from directory.mapping import export_html  # noqa: E402

CENTRE = (52.1561, 5.3878)  # the synthetic organisations lie around this point (Amersfoort)
from tests.e2e.app_server import running_app  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
GOAL_BYTES = 4 * 1024 * 1024
GOAL_SECONDS = 8.0
COLUMNS = [
    "id", "naam", "domein", "omschrijving", "themas", "aanmelden", "telefoon", "email", "website",
    "lat", "lon", "locatie_nauwkeurigheid", "actief",
]  # fmt: skip
WORDS = (
    "hulp bij geldzorgen schulden budget administratie formulieren toeslagen voedselpakket kleding "
    "spreekuur vrijwilligers gezin jongeren ouderen inloop gratis advies wijk buurthuis samen"
).split()
THEMES = ("geldzorgen-schulden", "voedsel", "inkomen-regelingen", "wonen-huur", "werk")

# Records, in the page, when the first cluster or marker is in the document. A poll, not a
# MutationObserver: an iframe's window outlives its first about:blank document, and an observer on
# that document would never see the map.
FIRST_MARKER = """
window.__firstMarker = null;
(function check() {
    if (document.querySelector('.marker-cluster, path.leaflet-interactive')) {
        window.__firstMarker = performance.now();
    } else {
        setTimeout(check, 10);
    }
})();
"""


# Shows one organisation's marker (zooming in, and opening its cluster if needed) and tags it.
REVEAL = """(id) => new Promise((resolve) => {
    const group = Object.values(map._layers).find((layer) => layer instanceof L.MarkerClusterGroup);
    const marker = group.getLayers().find((layer) => layer.vangnetId === id);
    const tag = () => setTimeout(() => { marker._path.setAttribute('data-bench-org', id); resolve(); }, 400);
    map.setView(marker.getLatLng(), 17, {animate: false});
    if (map.hasLayer(marker)) { tag(); } else { group.zoomToShowLayer(marker, tag); }
})"""
MAP_FRAME = "iframe[title='Kaart met de organisaties']"  # Streamlit's own title, made Dutch by ui/shell.js


def synthetic_list(count: int, folder: Path, seed: int = 51) -> Path:
    """A valid organisaties.csv of `count` organisations spread around Amersfoort."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(BUNDLED_THEMES, folder / "themas.csv")
    path = folder / "organisaties.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        for i in range(count):
            words = rng.sample(WORDS, 4)
            writer.writerow(
                {
                    "id": f"org-{i:05d}",
                    "naam": f"{words[0].capitalize()} {words[1]} {i}",
                    "domein": ("preventie", "ondersteuning", "curatief")[i % 3],
                    "omschrijving": " ".join(rng.choice(WORDS) for _ in range(rng.randint(15, 40))).capitalize(),
                    "themas": ";".join(rng.sample(THEMES, rng.randint(1, 3))),
                    "aanmelden": " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 20))).capitalize(),
                    "telefoon": f"033 {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                    "email": f"info@org{i}.voorbeeld.nl" if i % 2 else "",
                    "website": f"https://www.org{i}.voorbeeld.nl" if i % 3 else "",
                    "lat": f"{rng.gauss(CENTRE[0], 0.03):.5f}",
                    "lon": f"{rng.gauss(CENTRE[1], 0.045):.5f}",
                    "locatie_nauwkeurigheid": "wijk" if i % 10 == 0 else "adres",
                    "actief": "ja",
                }
            )
    return path


def launch(playwright):
    return playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
    )


def new_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(FIRST_MARKER)
    local = ("file:", "data:", "blob:", "http://127.0.0.1")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(local) else route.abort())
    return context, context.new_page()


def time_export(browser, html_path: Path) -> tuple[float, float]:
    """(ms in the page until the first marker, wall-clock ms from goto until then)."""
    context, page = new_page(browser)
    try:
        start = time.perf_counter()
        page.goto(html_path.as_uri(), wait_until="commit")
        page.wait_for_function("() => window.__firstMarker !== null", timeout=120_000, polling=50)
        wall = (time.perf_counter() - start) * 1000
        return page.evaluate("() => window.__firstMarker"), wall
    finally:
        context.close()


def time_app(browser, url: str) -> tuple[float, float, float]:
    """(ms in the map frame until the first marker, wall-clock ms from the menu click until then,
    wall-clock ms from a click on a marker until its card shows under the map)."""
    context, page = new_page(browser)
    try:
        page.goto(url + "/")
        page.wait_for_selector("[data-testid='stSidebarNav'] a", timeout=120_000)
        page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=120_000)
        start = time.perf_counter()
        page.locator("[data-testid='stSidebarNav'] a").filter(has_text="Kaart").click()
        page.wait_for_selector(MAP_FRAME, timeout=120_000)
        frame = page.locator(MAP_FRAME).element_handle().content_frame()
        frame.wait_for_function("() => window.__firstMarker != null", timeout=120_000, polling=50)
        wall = (time.perf_counter() - start) * 1000
        in_frame = frame.evaluate("() => window.__firstMarker")
        frame.evaluate(REVEAL, "org-00000")
        start = time.perf_counter()
        page.frame_locator(MAP_FRAME).locator("[data-bench-org]").click()
        page.wait_for_selector("[data-testid='stMain'] h4", timeout=120_000)  # the card's heading
        return in_frame, wall, (time.perf_counter() - start) * 1000
    finally:
        context.close()


def medians(samples: list[tuple[float, ...]]) -> tuple[float, ...]:
    return tuple(statistics.median(column) for column in zip(*samples, strict=True))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-app", action="store_true", help="time only the exported file")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} ontbreekt (apt-get install chromium)", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    sizes = [1, *[s for s in args.sizes if s != 1]]  # 1 organisation is the baseline
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = launch(playwright)
        for size in sizes:
            folder = Path(tmp) / str(size)
            data = synthetic_list(size, folder)
            organisations = load_directory(data).active
            start = time.perf_counter()
            html = export_html(organisations)
            build_ms = (time.perf_counter() - start) * 1000
            html_path = folder / "kaart.html"
            html_path.write_text(html, encoding="utf-8")
            time_export(browser, html_path)  # warm-up: the first page of a fresh browser is slower
            export = medians([time_export(browser, html_path) for _ in range(args.rounds)])
            app = None
            if not args.no_app:
                with running_app(data) as url:
                    time_app(browser, url)  # warm-up: loads and caches the list in the server
                    app = medians([time_app(browser, url) for _ in range(args.rounds)])
            rows.append((size, html_path.stat().st_size, build_ms, export, app))
            print(f"  {size} organisaties gemeten", file=sys.stderr)
        browser.close()

    base = rows[0]
    print(f"\nKaart-benchmark: mediaan van {args.rounds} rondes, headless Chromium, zonder netwerk")
    print(f"Doel bij 5000: bestand ≤ {GOAL_BYTES / 2**20:.0f} MB, stippen zichtbaar ≤ {GOAL_SECONDS:.0f} s.")
    print("Tijden: in de pagina / op de klok; (×) is de kloktijd gedeeld door die bij 1 organisatie.\n")
    table = [["organisaties", "bestand", "maken", "export: stippen na"]]
    if not args.no_app:
        table[0] += ["app: stippen na", "app: klik → kaartje"]
    for size, nbytes, build_ms, export, app in rows:
        cells = [
            str(size),
            f"{nbytes / 2**20:.2f} MB",
            f"{build_ms:.0f} ms",
            f"{export[0]:.0f} / {export[1]:.0f} ms ({export[1] / base[3][1]:.1f}×)",
        ]
        if app:
            cells.append(f"{app[0]:.0f} / {app[1]:.0f} ms ({app[1] / base[4][1]:.1f}×)")
            cells.append(f"{app[2]:.0f} ms ({app[2] / base[4][2]:.1f}×)")
        table.append(cells)
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for n, row in enumerate(table):
        print(" | ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)))
        if n == 0:
            print("-+-".join("-" * width for width in widths))
    largest = rows[-1]
    print()
    print(
        f"Bij {largest[0]}: bestand {largest[1] / 2**20:.2f} MB "
        f"({largest[1] / base[1]:.1f}× de basis, "
        f"{(largest[1] - base[1]) / (largest[0] - 1) / 1024:.2f} kB per extra organisatie): "
        + ("binnen het doel" if largest[1] <= GOAL_BYTES else "BOVEN het doel")
    )
    worst = max(largest[3][1], largest[4][1] if largest[4] else 0) / 1000
    print(
        f"Bij {largest[0]}: stippen zichtbaar na hoogstens {worst:.1f} s (klok): "
        + ("binnen het doel" if worst <= GOAL_SECONDS else "BOVEN het doel")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
