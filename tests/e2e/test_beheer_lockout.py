"""Guessing the Beheer password in a real browser: after ten wrong tries the login closes for everyone.

Its own module, so its own server: the lockout is process-wide and would shut out the other tests.
"""

from __future__ import annotations

import re

from tests.e2e.conftest import BEHEER_PASSWORD, screenshot, wait_for_app


def try_password(page, password: str) -> None:
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    wait_for_app(page)


def test_ten_wrong_passwords_close_the_login_for_every_session(server, browser, page):
    page.goto(server + "/beheer")
    wait_for_app(page)
    page.get_by_label("Je naam (komt in de geschiedenis van de lijst)").fill("Iemand")
    for number in range(10):
        try_password(page, f"geraden-wachtwoord-{number}")
    page.get_by_text("Te veel pogingen").wait_for(timeout=30_000)
    assert re.search(r"Probeer het om \d\d:\d\d opnieuw", page.get_by_text("Te veel pogingen").inner_text())
    assert page.get_by_role("button", name="Inloggen").is_disabled()
    screenshot(page, "beheer-te-veel-pogingen")

    other = browser.new_context().new_page()  # a new session does not get new tries
    other.goto(server + "/beheer")
    wait_for_app(other)
    other.get_by_text("Te veel pogingen").wait_for(timeout=30_000)
    other.get_by_label("Wachtwoord").fill(BEHEER_PASSWORD)
    assert other.get_by_role("button", name="Inloggen").is_disabled()
    other.context.close()
    assert page.outside_requests == []
