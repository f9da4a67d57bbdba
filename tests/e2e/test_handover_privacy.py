"""AVG in a real browser: a warm handover can be downloaded, but the server never serves it at any URL.

The volunteer types a unique marker as the need and downloads both texts. Every URL the page fetched
is recorded; after the browser context is closed, each same-origin URL is fetched again without
cookies. If the marker comes back in any answer, someone with the URL (from a proxy log, the
browser's download history, a shared computer) could read the client's words. Last, no file the
server could have written may contain the marker.
"""

from __future__ import annotations

import csv
import shutil
import time
import urllib.error
import urllib.request
import uuid

import pytest

from tests.conftest import DATA, SERVER_PLACES, THEMES, files_containing
from tests.e2e.app_server import running_app
from tests.e2e.conftest import (
    guarded_page,
    message_shown,
    on_button,
    open_handover,
    screenshot,
    visible_button,
    wait_for_app,
)

# The bundled Kledingbank lists no e-mail address, so the message has no mail button; here it gets a
# made-up one (test data only), to prove the mail link with the client's words is made only on a click.
KLEDINGBANK_MAIL = "info@kledingbank.example"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("server-mail")
    with DATA.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = [{**row, "email": KLEDINGBANK_MAIL} if row["id"] == "kledingbank" else row for row in reader]
    with (folder / "organisaties.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=reader.fieldnames)
        writer.writeheader()
        writer.writerows(rows)
    shutil.copy(THEMES, folder / "themas.csv")
    with running_app(folder / "organisaties.csv") as url:
        yield url


def test_handover_downloads_are_made_in_the_browser_and_no_url_returns_them(server, browser):
    marker = f"markeer{uuid.uuid4().hex}"
    started = time.time() - 1
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    fetched: list[str] = []
    context.on("request", lambda request: fetched.append(request.url))
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = guarded_page(context)
    try:
        open_handover(page, server, f"kan de huur niet betalen, kinderen hebben geen winterjas {marker}",
                      tried=f"geprobeerd {marker}")  # fmt: skip
        # The client agreed to share.
        page.locator("[data-testid='stCheckbox']").get_by_text("Deze gegevens delen met de organisatie").click()
        wait_for_app(page)
        message_shown(page, f"geprobeerd {marker}")
        on_button(page, "Download als tekst", lambda button: button.scroll_into_view_if_needed())
        screenshot(page, "overdracht-privacy-bericht")
        with page.expect_download() as message_download:
            visible_button(page, "Download als tekst").click()
        message = message_download.value
        assert message.suggested_filename == "warme-overdracht.txt"
        assert marker in message.path().read_text(encoding="utf-8")
        assert links_containing(page, marker) == []  # no mailto: href waits on the page with the words in it
        mail_link = link_followed_on_click(page, "Open als e-mail")
        assert mail_link.startswith(f"mailto:{KLEDINGBANK_MAIL}?subject=Warme%20overdracht") and marker in mail_link
        assert links_containing(page, marker) == []  # …and none stays behind after the click
        copy = visible_button(page, "Kopieer")
        copy.click()
        copy.element_handle().owner_frame().get_by_text("Gekopieerd.").wait_for()
        assert marker in page.evaluate("() => navigator.clipboard.readText()")

        page.get_by_role("tab", name="Briefje voor de cliënt").click()
        page.get_by_text("Hier kun je terecht").first.wait_for()
        with page.expect_download() as note_download:
            visible_button(page, "Download het briefje").click()
        note = note_download.value
        assert note.suggested_filename == "briefje-voor-client.txt"
        note_text = note.path().read_text(encoding="utf-8")
        assert "Hier kun je terecht" in note_text and "Stichting Kledingbank Amersfoort" in note_text
        screenshot(page, "overdracht-privacy-briefje")
        fetched += [message.url, note.url]
        assert page.outside_requests == []
    finally:
        context.close()

    same_origin = sorted({url for url in fetched if url.startswith(server)})
    assert any("/static/" in url for url in same_origin)  # the recording worked
    leaks = [url for url in same_origin if marker.encode() in fetch_without_cookies(url)]
    assert leaks == []
    assert files_containing(marker.encode(), SERVER_PLACES, newer_than=started) == []  # nor on the server's disk


def fetch_without_cookies(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read()
    except urllib.error.HTTPError as error:  # a 404 is what we hope for; its body is checked too
        return error.read()


def links_containing(page, text: str) -> list[str]:
    """Every href on the page or in its frames that contains `text`."""
    script = "(text) => [...document.querySelectorAll('[href]')].map(e => e.href).filter(h => h.includes(text))"
    return [href for frame in page.frames for href in frame.evaluate(script, text)]


def link_followed_on_click(page, button_name: str) -> str:
    """Click the button and return the link it makes the browser follow; the link itself is not opened."""
    button = visible_button(page, button_name)
    frame = button.element_handle().owner_frame()
    frame.evaluate(
        """() => window.addEventListener('click', (event) => {
            const link = event.target.closest('a');
            if (link) { window.followed = link.href; event.preventDefault(); }
        }, true)"""
    )
    button.click()
    return frame.evaluate("() => window.followed")
