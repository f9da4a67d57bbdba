"""Main flows in a real browser: a volunteer's handover, a shareable ?org= link, a referral route."""

from __future__ import annotations

from tests.e2e.conftest import message_shown, open_handover, screenshot, visible_button, wait_for_app

NEED = "kan de huur niet betalen, kinderen hebben geen winterjas"


def test_volunteer_types_need_picks_organisation_and_downloads_handover(server, page):
    open_handover(page, server, NEED)
    # The client agreed.
    page.locator("[data-testid='stCheckbox']").get_by_text("Deze gegevens delen met de organisatie").click()
    wait_for_app(page)
    message_shown(page, "kinderen hebben geen winterjas")
    assert page.get_by_text("Eerst proberen").first.is_visible()
    screenshot(page, "hulpvraag-overdracht")

    with page.expect_download() as download_info:
        visible_button(page, "Download als tekst").click()
    content = download_info.value.path().read_text(encoding="utf-8")
    assert "Aan: Stichting Kledingbank Amersfoort" in content
    assert "kinderen hebben geen winterjas" in content  # the need this organisation was chosen for
    assert "huur" not in content  # the other need is for other organisations
    assert "Buurtteam Test" in content

    page.get_by_role("tab", name="Briefje voor de cliënt").click()
    page.get_by_text("Hier kun je terecht").first.wait_for()
    screenshot(page, "hulpvraag-briefje")
    assert NEED not in page.url  # the need never goes into the address bar
    assert page.outside_requests == []
    assert page.dialogs == []


def test_shareable_organisation_link(server, page):
    page.goto(server + "/wie-doet-wat?org=voedselbank")
    wait_for_app(page)
    page.get_by_text("Krijgt verwijzingen van").first.wait_for(timeout=30_000)
    wait_for_app(page)
    assert page.get_by_text("Voedselbank Amersfoort").first.is_visible()
    screenshot(page, "wie-doet-wat-voedselbank")
    assert page.outside_requests == []


def test_overview_shows_the_three_groups(server, page):
    page.goto(server + "/wie-doet-wat")
    wait_for_app(page)
    for group in ("Preventie", "Ondersteuning", "Curatief"):
        page.get_by_text(group).first.wait_for(timeout=30_000)
    screenshot(page, "wie-doet-wat")
    assert page.outside_requests == []


def test_referral_route_for_a_theme(server, page):
    page.goto(server + "/verwijsroutes?thema=voedsel")
    wait_for_app(page)
    page.get_by_text("Voedselbank Amersfoort").first.wait_for(timeout=30_000)
    wait_for_app(page)
    screenshot(page, "verwijsroutes-voedsel")
    assert page.outside_requests == []
