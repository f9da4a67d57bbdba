"""Welke regelingen?: a few answers, the schemes that may apply with who helps apply, and nothing kept."""

from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, SERVER_PLACES, files_containing

APP = str(ROOT / "app.py")
PAGE = "pages/regelingen.py"


def open_page(monkeypatch, data_copy) -> AppTest:
    for name in ("regelingen.csv", "bijstandsnormen.csv"):
        (data_copy.parent / name).write_bytes((ROOT / "data" / name).read_bytes())
    monkeypatch.setenv("VANGNET_DATA", str(data_copy))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def answer(at: AppTest, household: str, children: int = 0, income: int | None = None, net: bool = False):
    at.selectbox(key="regeling_huishouden").select(household).run()
    if children:
        at.number_input(key="regeling_kinderen").set_value(children).run()
    if net:
        at.radio(key="regeling_inkomen_soort").set_value("Netto per maand (euro)").run()
    if income is not None:
        at.number_input(key="regeling_inkomen_netto" if net else "regeling_inkomen_procent").set_value(income).run()
    assert not at.exception
    return at


def test_a_single_parent_at_105_percent_sees_schemes_with_who_helps_apply(monkeypatch, data_copy):
    at = answer(open_page(monkeypatch, data_copy), "alleenstaande-ouder", children=2, income=105)
    headings = [m.value for m in at.markdown if m.value.startswith("### ")]
    assert len(headings) >= 5
    assert any("Alleen de uitvoerder" in i.value for i in at.info)
    helpers = [link.label for link in at.get("page_link")]
    assert helpers  # each scheme links to who helps apply
    assert any("Nog nagaan" in m.value for m in at.markdown)


def test_a_higher_income_leaves_out_the_schemes_with_a_lower_limit(monkeypatch, data_copy):
    low = answer(open_page(monkeypatch, data_copy), "alleenstaand", income=100)
    high = answer(open_page(monkeypatch, data_copy), "alleenstaand", income=200)
    count = lambda at: sum(m.value.startswith("### ") for m in at.markdown)  # noqa: E731
    assert count(high) < count(low)


def test_a_net_income_is_turned_into_a_percentage_with_its_year(monkeypatch, data_copy):
    at = answer(open_page(monkeypatch, data_copy), "alleenstaand", income=1278, net=True)
    assert any("van het sociaal minimum (norm van" in c.value for c in at.caption)


@pytest.mark.parametrize("net", [False, True])
def test_no_income_at_all_is_an_income_under_every_limit(monkeypatch, data_copy, net):
    at = answer(open_page(monkeypatch, data_copy), "alleenstaand", income=0, net=net)
    assert all(w.icon == ":material/update:" for w in at.warning)  # only notes on old figures, no refusal
    texts = [m.value for m in at.markdown]
    assert any(t.startswith("**Waarom het kan passen:**") and "inkomen tot" in t for t in texts)
    assert not any(t.startswith("**Nog nagaan:**") and "van het sociaal minimum" in t for t in texts)


def test_a_net_income_without_a_household_asks_for_the_household(monkeypatch, data_copy):
    at = answer(open_page(monkeypatch, data_copy), "Weet ik niet", income=1400, net=True)
    assert any("Kies eerst het huishouden" in w.value for w in at.warning)


def test_nothing_about_the_household_is_kept(monkeypatch, data_copy):
    started = time.time() - 1
    marker = "97531"  # an income nobody else types
    at = answer(open_page(monkeypatch, data_copy), "paar", income=int(marker), net=True)
    assert not at.query_params  # nothing in the link
    for needle in (marker, "97.531"):
        assert files_containing(needle.encode(), SERVER_PLACES, started) == []


def test_a_schemes_helper_opened_from_hulpvraag_offers_the_way_back(monkeypatch, data_copy):
    """Like an organisation's card: the helper's page knows it came from Hulpvraag (the address says only that)."""
    at = open_page(monkeypatch, data_copy)
    at.switch_page("pages/zoeken.py").run()
    at.text_input(key="hulpvraag").input("kan de gemeentelijke belastingen niet betalen").run()
    helpers = [p.proto for p in at.get("page_link") if p.proto.icon == ":material/support_agent:"]
    assert helpers and all(link.query_string.endswith("&van=hulpvraag") for link in helpers)
    assert all("belasting" not in link.query_string for link in helpers)


def test_hulpvraag_shows_the_schemes_that_may_help_and_they_go_into_the_handover(monkeypatch, data_copy):
    at = open_page(monkeypatch, data_copy)
    at.switch_page("pages/zoeken.py").run()
    at.text_input(key="hulpvraag").input("kan de gemeentelijke belastingen niet betalen").run()
    assert not at.exception
    assert "Regelingen die kunnen helpen" in [h.value for h in at.header]
    shown = " ".join(m.value for m in at.markdown)
    assert "Kwijtschelding" in shown
    scheme = next(c for c in at.checkbox if c.key.startswith("regeling_kies_") and "kwijtschelding" in c.key)
    scheme.check().run()
    organisation = next(c for c in at.checkbox if c.key.startswith("verwijs_"))
    organisation.check().run()
    at.checkbox(key="toestemming_delen").check().run()  # schemes say something about the client: only with consent
    assert not at.exception
    texts = " ".join(str(e.proto.body) for e in at.get("html"))  # the two handover texts, as shown and copied
    assert "Regelingen die mogelijk gelden (alleen de uitvoerder beslist):" in texts
    assert "Regelingen om naar te vragen" in texts and "Hulp bij aanvragen:" in texts


def test_a_question_outside_money_shows_no_schemes(monkeypatch, data_copy):
    at = open_page(monkeypatch, data_copy)
    at.switch_page("pages/zoeken.py").run()
    at.text_input(key="hulpvraag").input("ze voelt zich eenzaam").run()
    assert not at.exception
    assert "Regelingen die kunnen helpen" not in [h.value for h in at.header]


def test_beheer_lists_schemes_with_old_figures_beside_stale_organisations(monkeypatch, data_copy):
    from tests.test_page_beheer import PASSWORD, log_in

    monkeypatch.setenv("VANGNET_BEHEER_WACHTWOORD", PASSWORD)
    at = open_page(monkeypatch, data_copy)
    at.switch_page("pages/beheer.py").run()
    log_in(at)
    old = [d.value for d in at.dataframe if "Regeling" in d.value.columns]
    assert old and all("controleer" in why for why in old[0]["Waarom"])
