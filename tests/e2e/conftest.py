"""End-to-end fixtures: a real `streamlit run` on a free port, driven by Debian's headless Chromium.

Outside CI the browser tests skip, with the reason shown, when /usr/bin/chromium is missing; in CI
(CI=true) a missing browser is a failure, because .ci/run installs it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT
from tests.e2e.app_server import running_app

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
LOCAL_HOSTS = ("127.0.0.1", "localhost")
TILE_HOSTS = ("service.pdok.nl", "tile.openstreetmap.org")  # the one outside call the app makes: map tiles
BEHEER_PASSWORD = "e2e-beheer-wachtwoord"


def pytest_collection_modifyitems(items):
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} ontbreekt in CI; .ci/run hoort Debian's chromium te installeren")
        pytest.skip(f"browsertest overgeslagen: {CHROMIUM} ontbreekt (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """The app on the bundled data (a private copy), at http://127.0.0.1:PORT."""
    folder = tmp_path_factory.mktemp("server")
    # The whole data folder, as a coordinator deploys it: the list, its vocabulary, region and schemes.
    for name in ("organisaties.csv", "themas.csv", "regio.toml", "wijken.csv", "postcodes.csv"):
        shutil.copy(DATA.parent / name, folder / name)
    for name in ("regelingen.csv", "bijstandsnormen.csv"):
        shutil.copy(DATA.parent / name, folder / name)
    with running_app(folder / "organisaties.csv", {"VANGNET_BEHEER_WACHTWOORD": BEHEER_PASSWORD}) as url:
        yield url


@pytest.fixture
def page(browser, request):
    """A fresh page in its own context, guarded (see guarded_page); a screenshot is kept at the end."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = guarded_page(context)
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-einde.png"), full_page=True)
    context.close()


def guarded_page(context):
    """A page in `context` that may only talk to this machine; every other request is blocked and recorded."""
    page = context.new_page()
    page.outside_requests = []

    def guard(route):
        host = route.request.url.split("/")[2].split(":")[0] if "://" in route.request.url else ""
        if route.request.url.startswith(("data:", "blob:", "file:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            page.outside_requests.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    return page


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def wait_for_app(page) -> None:
    """Streamlit has finished a run when its status widget is gone and the main block is there."""
    page.wait_for_timeout(400)  # a rerun shows its status widget only after a short delay
    page.wait_for_selector("[data-testid='stMain']", timeout=30_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)


def card_of(page, name: str):
    """The card of the organisation called `name` (the innermost block with its heading and a choice)."""
    heading = page.get_by_role("heading", name=name)
    blocks = page.locator("[data-testid='stVerticalBlock']", has=heading)
    return blocks.filter(has=page.get_by_text("Verwijs hierheen")).last


def choose_on_card(page, name: str) -> None:
    """Tick "Verwijs hierheen" on the card of the organisation called `name`."""
    card_of(page, name).get_by_text("Verwijs hierheen").click()


def message_shown(page, text: str) -> None:
    """Wait until the handover buttons hold a message containing `text` (the rerun can lag behind a click)."""
    page.wait_for_function(
        """(text) => [...document.querySelectorAll('iframe')].some(
            (frame) => frame.contentDocument?.getElementById('print-text')?.textContent.includes(text))""",
        arg=text,
        timeout=30_000,
    )


def type_need(page, server: str, need: str, shown: str) -> None:
    """Hulpvraag: open the page, type `need`, and wait until `shown` is on it."""
    page.goto(server + "/")
    wait_for_app(page)
    box = page.get_by_label("Wat is de hulpvraag?")
    box.fill(need)
    box.press("Enter")
    page.get_by_text(shown).first.wait_for(timeout=30_000)
    wait_for_app(page)


def open_handover(page, server: str, need: str, tried: str = "Samen de website bekeken") -> None:
    """Hulpvraag: type `need`, hand over to the Kledingbank, fill in what was tried and who refers."""
    type_need(page, server, need, "Stichting Kledingbank Amersfoort")
    choose_on_card(page, "Stichting Kledingbank Amersfoort")
    wait_for_app(page)
    page.get_by_text("Meer vertellen in het bericht").click()
    page.get_by_label("Wat is al geprobeerd?").fill(tried)
    page.get_by_label("Jouw organisatie").fill("Buurtteam Test")
    page.get_by_label("Jouw organisatie").press("Enter")
    wait_for_app(page)
    message_shown(page, "Buurtteam Test")
    page.get_by_text("Warme overdracht").first.scroll_into_view_if_needed()


def on_button(page, name: str, action):
    """Do `action` with the visible button `name`; a rerun that replaces its frame meanwhile is waited out.

    A component's frame is rebuilt when a late rerun changes its text; the button found a moment ago
    is then in a detached frame. The rerun is waited for and the button found again (at most twice).
    """
    from playwright.sync_api import Error as PlaywrightError

    for attempt in range(3):
        try:
            return action(visible_button(page, name))
        except PlaywrightError as error:
            if "detached" not in str(error) or attempt == 2:
                raise
            wait_for_app(page)


def visible_button(page, name: str):
    """The one visible button called `name`, on the page itself or inside one of its frames."""
    for frame in page.frames:
        buttons = frame.get_by_role("button", name=name, exact=True)
        for i in range(buttons.count()):
            if buttons.nth(i).is_visible():
                return buttons.nth(i)
    raise AssertionError(f"geen zichtbare knop {name!r}")
