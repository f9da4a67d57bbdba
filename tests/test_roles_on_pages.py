"""Organisations that are no help for the client stay visible on Wie doet wat and Verwijsroutes, clearly
labelled, and never reach Hulpvraag's suggestions or its warm handover."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from directory import load_directory
from directory.routes import route_for_theme
from tests.conftest import DATA, ROOT

APP = str(ROOT / "app.py")
BAILIFF = "jongerius-gerechtsdeurwaarders"
LABEL = "Werkt voor schuldeisers"


def open_app(monkeypatch, page: str | None = None, **params) -> AppTest:
    monkeypatch.setenv("VANGNET_DATA", str(DATA))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    if page:
        at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


def test_wie_doet_wat_labels_a_creditor_side_organisation(monkeypatch):
    at = open_app(monkeypatch, "pages/overzicht.py", org=BAILIFF)
    assert not at.exception
    assert any(LABEL in w and "niet voor hulp" in w for w in warnings(at))
    assert any(f"red-badge[{LABEL}]" in m.value for m in at.markdown)


def test_verwijsroutes_shows_it_apart_from_the_steps_of_help_and_labelled(monkeypatch):
    at = open_app(monkeypatch, "pages/routes.py", thema="geldzorgen-schulden")
    assert not at.exception
    route = route_for_theme(load_directory(DATA), "geldzorgen-schulden")
    assert BAILIFF not in route.help_ids  # no step of help ...
    assert [e.organisation.id for e in route.aside] == [BAILIFF]  # ... but still on the route, apart
    assert "Ook betrokken, geen hulp" in [s.value for s in at.subheader]
    assert any(LABEL in w and "niet voor hulp" in w for w in warnings(at))


def test_hulpvraag_never_offers_it(monkeypatch):
    at = open_app(monkeypatch)
    at.text_input(key="hulpvraag").input("schulden, deurwaarder staat voor de deur").run()
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown)
    assert "Jongerius" not in shown
    assert not any(LABEL in w for w in warnings(at))
    for select in at.multiselect:
        assert not any("Jongerius" in str(option) for option in select.options)
