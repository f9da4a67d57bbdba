"""A coordinator in a real browser: log in, change an organisation, save, and see it on Wie doet wat."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import BEHEER_PASSWORD, screenshot, wait_for_app

HOURS = "Dinsdag en donderdag 10-12 uur (gewijzigd in de browsertest)"


def log_in(page, server: str) -> None:
    page.goto(server + "/beheer")
    wait_for_app(page)
    page.get_by_label("Je naam (komt in de geschiedenis van de lijst)").fill("Coördinator Test")
    page.get_by_label("Wachtwoord").fill(BEHEER_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_text("Ingelogd als Coördinator Test").wait_for(timeout=30_000)
    wait_for_app(page)


def test_wrong_password_shows_no_editing(server, page):
    page.goto(server + "/beheer")
    wait_for_app(page)
    page.get_by_label("Je naam (komt in de geschiedenis van de lijst)").fill("Iemand")
    page.get_by_label("Wachtwoord").fill("fout")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_text("Dit wachtwoord klopt niet").wait_for(timeout=30_000)
    assert page.get_by_role("tab", name="Tabel").count() == 0
    assert page.outside_requests == []


def test_coordinator_edits_saves_and_sees_the_change_on_wie_doet_wat(server, page):
    log_in(page, server)
    screenshot(page, "beheer-tabel")
    page.get_by_role("tab", name="Eén organisatie").click()
    chooser = page.get_by_role("combobox", name="Kies een organisatie")
    chooser.click()
    chooser.fill("Voedselbank")
    page.get_by_role("option", name="Voedselbank Amersfoort").first.click()
    wait_for_app(page)
    assert "None" not in page.inner_text("body")  # empty cells are empty
    hours = page.locator("textarea[aria-label='Openingstijden']:visible")  # Dutch labels, not column names
    hours.fill(HOURS)
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    page.get_by_text("Opgeslagen: 1 gewijzigd").first.wait_for(timeout=30_000)
    wait_for_app(page)
    screenshot(page, "beheer-opgeslagen")
    # The coordinator stays where they were: the tab they saved in is still the open one.
    expect(page.get_by_role("tab", name="Eén organisatie")).to_have_attribute("aria-selected", "true", timeout=10_000)

    page.get_by_role("tab", name="Geschiedenis").click()
    wait_for_app(page)
    screenshot(page, "beheer-geschiedenis")

    page.goto(server + "/wie-doet-wat?org=voedselbank")
    wait_for_app(page)
    page.get_by_text(HOURS).first.wait_for(timeout=30_000)
    screenshot(page, "beheer-zichtbaar-op-wie-doet-wat")
    assert page.outside_requests == []
    assert page.dialogs == []


def test_coordinator_imports_an_excel_file_after_a_preview(server, page, tmp_path):
    import csv

    from directory import load_directory
    from directory.schema import to_cells
    from tests.conftest import DATA

    orgs = load_directory(DATA).organisations
    rows = [to_cells(o) for o in orgs if o.id in ("leergeld", "kledingbank")]
    rows[0]["openingstijden"] = "Woensdag 13-15 uur (uit Excel)"
    upload = tmp_path / "uit-excel.csv"
    with upload.open("w", encoding="cp1252", errors="replace", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=";", lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)

    log_in(page, server)
    page.get_by_role("tab", name="Importeren").click()
    # Vangnet's own limit, not Streamlit's default of 200MB (.streamlit/config.toml); Streamlit's English hint
    # says it too, but is hidden (ui.shell): the Dutch caption above the uploader says it.
    hint = page.locator("[data-testid='stFileUploaderDropzoneInstructions']")
    expect(hint).to_contain_text("100MB per file")
    expect(hint).to_be_hidden()
    expect(page.get_by_text("Een bestand mag hooguit 100 MB zijn.", exact=False)).to_be_visible()
    # Only part of the list, and archiving the rest is off unless asked for.
    expect(
        page.get_by_role("checkbox", name="Organisaties die niet in het bestand staan archiveren")
    ).not_to_be_checked()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(upload))
    page.get_by_text("Na de import: 1 gewijzigd.").wait_for(timeout=30_000)
    assert page.get_by_text("Gelezen als: gescheiden door puntkomma").count() == 1
    screenshot(page, "beheer-import-voorbeeld")
    page.get_by_role("button", name="Import bevestigen en opslaan").click()
    page.get_by_text("Opgeslagen: 1 gewijzigd").first.wait_for(timeout=30_000)
    wait_for_app(page)
    # Saved, and nothing that contradicts it: the uploader is empty again.
    assert page.get_by_text("hetzelfde als de lijst").count() == 0
    assert page.locator("[data-testid='stFileUploaderFile']").count() == 0
    assert page.outside_requests == []


def test_a_bad_import_says_per_line_and_column_what_to_change(server, page, tmp_path):
    upload = tmp_path / "met-fouten.csv"
    upload.write_text(
        "id,naam,domein,omschrijving,themas,aanmelden,actief,email\n"
        "voedselbank,Voedselbank Amersfoort,preventief,Eten.,voedsel,Bel.,ja,\n"
        "leergeld,Stichting Leergeld,ondersteuning,Spullen.,voedsel,Bel.,ja,geen-adres\n",
        encoding="utf-8",
    )
    log_in(page, server)
    page.get_by_role("tab", name="Importeren").click()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(upload))
    page.get_by_text("Pas het bestand aan en upload het opnieuw").wait_for(timeout=30_000)
    wait_for_app(page)
    expect(page.get_by_text("regel 2, kolom domein", exact=False)).to_be_visible()
    line = page.locator("li").filter(has_text="regel 3, kolom email")
    # The whole sentence is there, the what-to-do part included.
    expect(line).to_contain_text("Stichting Leergeld (leergeld): 'geen-adres' is geen e-mailadres; schrijf het als")
    expect(line).to_contain_text("naam@organisatie.nl")
    assert line.locator("a").count() == 0  # the example address is text, not a mailto: link
    screenshot(page, "beheer-import-fouten")
    assert page.outside_requests == []


def test_coordinator_sees_themes_the_own_words_point_to(server, page):
    log_in(page, server)
    page.get_by_role("tab", name="Blinde vlekken").click()
    page.get_by_text("Thema's die de eigen tekst noemt.").wait_for(timeout=30_000)
    expect(page.get_by_text("voeg het thema dan toe bij", exact=False)).to_be_visible()
    table = page.locator("[data-testid='stDataFrame']").last
    table.scroll_into_view_if_needed()
    table.locator("canvas").first.wait_for(timeout=30_000)  # the grid is drawn, not a placeholder
    screenshot(page, "beheer-themahints")
    assert page.outside_requests == []
