"""Beheer after the second browser review, in a real browser: an add empties the form and a name already in the
list is added only on purpose; the import preview shows the new value on screen at 1280 px and on a phone;
the uploader says in Dutch what to do."""

from __future__ import annotations

import csv
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from directory.schema import to_cells
from directory.store import Store
from tests.conftest import DATA
from tests.e2e.app_server import running_app
from tests.e2e.conftest import BEHEER_PASSWORD, guarded_page, screenshot, wait_for_app
from tests.e2e.test_beheer import log_in

PHONE = {"width": 390, "height": 844}
NEW_TEXT = "Nieuwe korte omschrijving uit de browsertest."


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The app on a private copy of the data, and the path of its list (to see what was saved)."""
    folder = tmp_path_factory.mktemp("review2")
    for name in ("organisaties.csv", "themas.csv", "regio.toml", "wijken.csv", "postcodes.csv", "regelingen.csv"):
        shutil.copy(DATA.parent / name, folder / name)
    shutil.copy(DATA.parent / "bijstandsnormen.csv", folder / "bijstandsnormen.csv")
    data = folder / "organisaties.csv"
    with running_app(data, {"VANGNET_BEHEER_WACHTWOORD": BEHEER_PASSWORD}) as url:
        yield url, data


def budgetcafes(data: Path) -> list[str]:
    return sorted(o.id for o in Store(data).load().organisations if "budgetcaf" in o.naam.casefold())


def add_panel(page):
    page.get_by_role("tab", name="Nieuwe organisatie").click()
    wait_for_app(page)
    return page.get_by_role("tabpanel", name="Nieuwe organisatie")


def fill(page, panel, name: str) -> None:
    panel.get_by_role("textbox", name="Naam", exact=True).fill(name)
    panel.get_by_role("textbox", name="Wat ze doen").fill("Samen leren rondkomen.")
    panel.get_by_role("textbox", name="Aanmelden").fill("Gewoon binnenlopen.")
    panel.get_by_role("combobox", name="Thema's").click()
    page.get_by_role("option").first.click()
    page.keyboard.press("Escape")


def click_add(page, panel) -> None:
    panel.get_by_role("button", name="Organisatie toevoegen").click()
    wait_for_app(page)


def test_an_add_empties_the_form_and_a_name_in_the_list_is_added_only_on_purpose(app, page):
    server, data = app
    log_in(page, server)
    panel = add_panel(page)
    fill(page, panel, "Budgetcafé De Kern")
    click_add(page, panel)
    page.get_by_text("Toegevoegd: Budgetcafé De Kern").wait_for(timeout=30_000)
    wait_for_app(page)
    screenshot(page, "review2-beheer-toegevoegd")
    assert budgetcafes(data) == ["budgetcafe-de-kern"]
    # The form is empty: what was typed cannot be sent a second time.
    expect(panel.get_by_role("textbox", name="Naam", exact=True)).to_have_value("")
    expect(panel.get_by_role("textbox", name="Wat ze doen")).to_have_value("")
    expect(panel.get_by_role("link", name="Bekijk de organisatie bij Wie doet wat")).to_be_visible()
    click_add(page, panel)  # the second click of the review
    page.get_by_text("Er is niets opgeslagen").first.wait_for(timeout=30_000)
    assert budgetcafes(data) == ["budgetcafe-de-kern"]

    # The same name typed again, in other letters: a warning that names the one in the list, nothing added.
    fill(page, panel, "  budgetcafe   de KERN ")
    click_add(page, panel)
    warning = panel.get_by_text("Deze naam staat al in de lijst")
    warning.wait_for(timeout=30_000)
    expect(warning).to_contain_text("Budgetcafé De Kern (id: budgetcafe-de-kern)")
    warning.scroll_into_view_if_needed()
    screenshot(page, "review2-beheer-naam-bestaat-al")
    assert budgetcafes(data) == ["budgetcafe-de-kern"]
    # Only with the tick "another organisation" is it added.
    panel.get_by_text("Toch toevoegen: het is een andere organisatie").click()
    click_add(page, panel)
    page.get_by_text("Toegevoegd: budgetcafe de KERN").wait_for(timeout=30_000)
    assert budgetcafes(data) == ["budgetcafe-de-kern", "budgetcafe-de-kern-2"]
    # Where to find it: already chosen under Eén organisatie, with its id beside the same name.
    page.get_by_role("tab", name="Eén organisatie").click()
    wait_for_app(page)
    chooser = page.get_by_role("tabpanel", name="Eén organisatie").get_by_role("combobox", name="Kies een organisatie")
    expect(chooser).to_have_value(re.compile(r"^budgetcafe +de KERN \(budgetcafe-de-kern-2\)$"))
    assert page.outside_requests == []


@pytest.fixture
def upload(tmp_path) -> Path:
    """A CSV that replaces the long description of the Gemeente Amersfoort with a short one."""
    rows = [to_cells(o) for o in Store(DATA).load().organisations[:2]]
    rows[0]["omschrijving"] = NEW_TEXT
    path = tmp_path / "import.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE], ids=["1280", "telefoon"])
def test_the_import_preview_shows_the_new_value_on_screen(app, browser, upload, viewport):
    server, _ = app
    context = browser.new_context(viewport=viewport)
    page = guarded_page(context)
    try:
        log_in(page, server)
        page.get_by_role("tab", name="Importeren").click()
        wait_for_app(page)
        page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(upload))
        page.get_by_text("Na de import: 1 gewijzigd.").wait_for(timeout=30_000)
        wait_for_app(page)
        new = page.get_by_text(NEW_TEXT)
        new.scroll_into_view_if_needed()
        screenshot(page, f"review2-beheer-importvoorbeeld-{viewport['width']}")
        # The new value is in view and within the width of the screen; the long old value is there in full.
        expect(new).to_be_in_viewport()
        box = new.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
        old = Store(DATA).load().get("gemeente-amersfoort").omschrijving
        block = page.locator("[data-testid='stMarkdownContainer']").filter(has_text=NEW_TEXT).last
        expect(block).to_contain_text(old)
        assert page.outside_requests == []
    finally:
        context.close()


def test_the_uploader_says_in_dutch_what_to_do(app, page):
    server, _ = app
    log_in(page, server)
    page.get_by_role("tab", name="Importeren").click()
    wait_for_app(page)
    how = page.get_by_text("Sleep het bestand naar het vak hieronder, of klik op de knop Upload")
    expect(how).to_be_visible()
    expect(how).to_contain_text("Een bestand mag hooguit 100 MB zijn.")
    uploader = page.locator("[data-testid='stFileUploader']")
    expect(uploader).to_contain_text("Kies een bestand (hooguit 100 MB)")
    # Right above the uploader, where the English of Streamlit's own box is.
    assert how.bounding_box()["y"] < uploader.bounding_box()["y"]
    screenshot(page, "review2-beheer-uploader")
    assert page.outside_requests == []
