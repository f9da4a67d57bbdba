"""Review 3, defect 3: "Voor wie?" showed the list's codes ('dak-en-thuislozen', 'zzp') and its 'any' option
had three wordings. Now one core function gives every code a label, for any list, and the three pages show the
same options; the filters still get the code."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from directory import load_directory
from directory.groups import (
    ANY_GROUP,
    ANY_GROUP_LABEL,
    KNOWN_LABELS,
    LABEL_LIMIT,
    NO_NAME,
    group_choices,
    group_label,
    group_labels,
)
from directory.selection import browse, select, target_group_choices, target_groups
from directory.vocab import KNOWN_TARGET_GROUPS
from tests.conftest import HEADER, VALID_ROW, open_app
from ui.state import KEPT

# --- the core: one label per code ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("dak-en-thuislozen", "Dak- en thuislozen"),
        ("zzp", "Zzp'ers"),
        ("laaggeletterden", "Laaggeletterden"),
        ("statushouders", "Statushouders"),
        ("iedereen", "Iedereen"),
        ("ouderen", "Ouderen"),
        # codes Vangnet does not know: the same rule for every list
        ("mensen-met-schulden", "Mensen met schulden"),
        ("werk-of-dakzoekenden", "Werk- of dakzoekenden"),
        ("jonge_moeders", "Jonge moeders"),
        ("ijsclubleden", "IJsclubleden"),
        ("65-plussers", "65 plussers"),
        ("Dak_En thuislozen", "Dak- en thuislozen"),  # a known code spelled another way
        ("mensen–met—schulden", "Mensen met schulden"),  # other dashes
        ("-jongeren-", "Jongeren"),
        ("  ouders   met  kinderen ", "Ouders met kinderen"),
    ],
)
def test_labels(code, label):
    assert group_label(code) == label


@pytest.mark.parametrize("code", ["", " ", "-", "---", "- - -", "_", "\u200b", "\u202e", "\u0301", "+", "\n\t"])
def test_a_code_without_anything_to_read_gets_a_name(code):
    assert group_label(code) == NO_NAME


def test_every_known_target_group_has_its_own_label():
    for code in KNOWN_TARGET_GROUPS:
        assert code in KNOWN_LABELS
        assert group_label(code) == KNOWN_LABELS[code]
        assert "-" not in group_label(code).replace("- en", "") and group_label(code)[0].isupper()


def test_invisible_and_direction_characters_are_left_out():
    assert group_label("ouder\u200ben") == "Ouderen"
    assert group_label("\u202eouderen\u202c") == "Ouderen"
    assert group_label("a\x00b\x1bc") == "Abc"


def test_odd_unicode_gets_a_readable_label():
    assert group_label("ÉÉN-ouder-gezinnen") == "ÉÉN ouder gezinnen"
    assert group_label("e\u0301lan") == unicodedata.normalize("NFC", "E\u0301lan")
    assert group_label("日本-人") == "日本 人"
    assert group_label("مهاجرين") == "مهاجرين"
    assert group_label("straße") == "Straße"
    assert group_label("😀-groep") == "😀 groep"


def test_a_very_long_code_is_cut_at_a_word():
    label = group_label("mensen-" * 500)
    assert len(label) <= LABEL_LIMIT and label.endswith("…") and label.startswith("Mensen mensen")
    one_word = group_label("x" * 10_000)
    assert len(one_word) == LABEL_LIMIT and one_word.endswith("…")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_code_gets_a_short_label_without_invisible_characters(code):
    label = group_label(code)
    assert label and len(label) <= LABEL_LIMIT
    assert label == label.strip()
    assert not any(unicodedata.category(c).startswith("C") for c in label)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=30), max_size=20))
def test_labels_of_a_list_are_unique_and_keep_every_code(codes):
    labels = group_labels(codes)
    assert set(labels) == set(codes)
    assert len(set(labels.values())) == len(labels)
    assert ANY_GROUP_LABEL not in labels.values()


def test_codes_that_read_the_same_are_told_apart():
    labels = group_labels(["zzp", "ZZP", "alle-doelgroepen", "b", "b\u200b"])
    assert labels["zzp"] == "Zzp'ers (zzp)" and labels["ZZP"] == "Zzp'ers (ZZP)"
    assert labels["alle-doelgroepen"] == "Alle doelgroepen (alle-doelgroepen)"
    assert len(set(labels.values())) == 5


def test_choices_start_with_the_one_any_option_and_are_in_reading_order():
    choices = group_choices(["zzp", "dak-en-thuislozen", "asielzoekers", "ouderen"])
    assert next(iter(choices.items())) == (ANY_GROUP, ANY_GROUP_LABEL)
    assert list(choices.values())[1:] == ["Asielzoekers", "Dak- en thuislozen", "Ouderen", "Zzp'ers"]
    assert group_choices([]) == {ANY_GROUP: ANY_GROUP_LABEL}
    assert group_choices([ANY_GROUP]) == {ANY_GROUP: ANY_GROUP_LABEL}


def test_the_bundled_list(data_copy):
    directory = load_directory(data_copy)
    choices = target_group_choices(directory)
    assert list(choices)[1:] and set(list(choices)[1:]) == set(target_groups(directory))
    assert "-" not in "".join(choices.values()).replace("- en", "")


def test_another_municipality_with_codes_vangnet_does_not_know(write_list):
    other = load_directory(
        write_list(
            [{**VALID_ROW, "doelgroepen": "mensen-met-schulden;jonge_moeders;oud-en-nieuwkomers"}],
            [*HEADER, "doelgroepen"],
        )
    )
    assert list(target_group_choices(other).values()) == [
        ANY_GROUP_LABEL,
        "Jonge moeders",
        "Mensen met schulden",
        "Oud- en nieuwkomers",
    ]


def test_the_core_filters_by_the_code_not_the_label(data_copy):
    directory = load_directory(data_copy)
    by_code = select(directory, doelgroep="dak-en-thuislozen")
    assert 0 < len(by_code) < len(directory.active)
    assert [o.id for o in browse(directory, doelgroep="dak-en-thuislozen")] == sorted(
        (o.id for o in by_code), key=[o.id for o in browse(directory)].index
    )
    # The label is for people: given to the filters, it finds only the organisations for everyone.
    assert len(select(directory, doelgroep=group_label("dak-en-thuislozen"))) < len(by_code)


# --- the three pages ------------------------------------------------------------------------------------

PAGES = [
    ("pages/zoeken.py", "filter_doelgroep"),
    ("pages/overzicht.py", "wdw_doelgroep"),
    ("pages/kaart.py", "kaart_doelgroep"),
]


def open_page(monkeypatch, data_copy, page: str) -> AppTest:
    at = open_app(monkeypatch, data_copy)
    if page != "pages/zoeken.py":
        at.switch_page(page).run()
    assert not at.exception
    if page == "pages/zoeken.py":  # the filters are read once a need is typed
        at.text_input(key="hulpvraag").input("geen geld voor eten").run()
    return at


@pytest.mark.parametrize(("page", "key"), PAGES)
def test_voor_wie_shows_labels_and_one_any_option(monkeypatch, data_copy, page, key):
    at = open_page(monkeypatch, data_copy, page)
    box = at.selectbox(key=key)
    assert box.label == "Voor wie?"
    assert box.options[0] == ANY_GROUP_LABEL and box.value == ANY_GROUP
    assert "Dak- en thuislozen" in box.options and "Zzp'ers" in box.options and "Statushouders" in box.options
    assert not any(code in box.options for code in ("dak-en-thuislozen", "zzp", "laaggeletterden"))
    assert not any(word in box.options for word in ("Maakt niet uit", "Alle"))


def test_the_three_pages_offer_the_same_options(monkeypatch, data_copy):
    options = [open_page(monkeypatch, data_copy, page).selectbox(key=key).options for page, key in PAGES]
    assert options[0] == options[1] == options[2]


def test_wie_doet_wat_passes_the_code_on(monkeypatch, data_copy):
    directory = load_directory(data_copy)
    at = open_page(monkeypatch, data_copy, "pages/overzicht.py")
    at.selectbox(key="wdw_doelgroep").select("dak-en-thuislozen").run()
    assert not at.exception
    assert at.selectbox(key="wdw_doelgroep").value == "dak-en-thuislozen"
    expected = len(browse(directory, doelgroep="dak-en-thuislozen"))
    assert any(f"**{expected} van de {len(directory.active)}**" in m.value for m in at.markdown)


def test_kaart_passes_the_code_on(monkeypatch, data_copy):
    directory = load_directory(data_copy)
    at = open_page(monkeypatch, data_copy, "pages/kaart.py")
    at.selectbox(key="kaart_doelgroep").select("statushouders").run()
    assert not at.exception
    expected = len(select(directory, doelgroep="statushouders"))
    assert any(c.value.endswith(f"van de {expected} organisaties hebben een plek op de kaart.") for c in at.caption)


def test_hulpvraag_passes_the_code_on_and_nieuwe_hulpvraag_sets_it_back(monkeypatch, data_copy):
    at = open_page(monkeypatch, data_copy, "pages/zoeken.py")
    at.selectbox(key="filter_doelgroep").select("ouderen").run()
    assert not at.exception
    assert at.selectbox(key="filter_doelgroep").value == "ouderen"
    at.button(key="nieuwe_hulpvraag").click().run()
    assert not at.exception
    assert at.selectbox(key="filter_doelgroep").value == ANY_GROUP
    assert at.selectbox(key="filter_doelgroep").options[0] == ANY_GROUP_LABEL


def test_a_stale_choice_falls_back_to_any(monkeypatch, data_copy):
    """A group chosen earlier that the list no longer has (or an old 'Maakt niet uit') does not break a page."""
    at = open_app(monkeypatch, data_copy)
    at.session_state["kaart_doelgroep"] = "bestaat-niet-meer"
    at.switch_page("pages/kaart.py").run()
    assert not at.exception
    assert at.selectbox(key="kaart_doelgroep").value == ANY_GROUP
    at.session_state[KEPT + "filter_doelgroep"] = "Maakt niet uit"  # kept from before, for the way back
    at.switch_page("pages/zoeken.py").run()
    assert not at.exception
    assert at.selectbox(key="filter_doelgroep").value == ANY_GROUP
