"""Guessing the Beheer password in a real browser: each wrong try makes the next one wait a little longer, for
every session, but a coordinator is never shut out for long.

Its own module, so its own server: the brake is process-wide and would slow the other tests down.
"""

from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from tests.e2e.conftest import BEHEER_PASSWORD, screenshot, wait_for_app

NAME_LABEL = "Je naam (komt in de geschiedenis van de lijst)"
# The wait before each wrong try, as a guesser who tries the moment it is allowed: 3 free, then 2, 4, 8 s.
WAITS = (0, 0, 0, 0, 2, 4, 8)
MARGIN_MS = 1500


def try_password(page, password: str) -> None:
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    wait_for_app(page)


def test_wrong_passwords_make_everyone_wait_a_little_and_never_long(server, browser, page):
    page.goto(server + "/beheer")
    wait_for_app(page)
    page.get_by_label(NAME_LABEL).fill("Iemand")
    for number, wait in enumerate(WAITS):
        # The margin covers a rerun that starts late on a busy machine: the server counts the wait from when it
        # read the wrong try, which can be a second after the click (CI once tried 0.3 s too early).
        page.wait_for_timeout(wait * 1000 + MARGIN_MS)
        try_password(page, f"geraden-wachtwoord-{number}")
    last_wrong = time.monotonic()
    message = page.get_by_text("Dit wachtwoord klopt niet").inner_text()
    assert re.search(r"over 16 seconden opnieuw proberen \(om \d\d:\d\d:\d\d\)", message)
    screenshot(page, "beheer-even-wachten")

    other = browser.new_context().new_page()  # a new session does not get new tries
    other.goto(server + "/beheer")
    wait_for_app(other)
    other.get_by_text("Daarom moet je even wachten").wait_for(timeout=10_000)
    other.get_by_label(NAME_LABEL).fill("Coördinator Wacht")
    other.get_by_label("Wachtwoord").fill(BEHEER_PASSWORD)
    login = other.get_by_role("button", name="Inloggen")
    assert login.is_enabled()  # never a closed door: a try during the wait is just not checked
    login.click()
    other.get_by_text("Je wachtwoord is nog niet gecontroleerd").wait_for(timeout=10_000)
    assert other.get_by_role("tab", name="Tabel").count() == 0

    other.wait_for_timeout(max(0.0, 16 + MARGIN_MS / 1000 - (time.monotonic() - last_wrong)) * 1000)
    login.click()
    other.get_by_text("Ingelogd als Coördinator Wacht").wait_for(timeout=30_000)
    expect(other.get_by_role("tab", name="Tabel")).to_be_visible()
    other.context.close()
    assert page.outside_requests == []
