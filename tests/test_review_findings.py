"""Regression tests for review findings: escaping, nothing kept about clients, themas.csv, edge cases."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from directory import DirectoryError, csvfile, load_directory
from directory.links import website_url
from directory.matching import get_index, suggest
from directory.schema import validate_themes
from tests.conftest import HEADER, ROOT, VALID_ROW, csv_text
from ui.card import contact_markdown

APP = str(ROOT / "app.py")


@pytest.mark.parametrize(
    "website",
    [
        "https://a.nl/)![t](https://tracker.example/p.png",
        "a.nl/x)_:red[boo]",
        "https://a.nl/[x](javascript:alert(1))",
    ],
)
def test_website_cannot_break_out_of_its_markdown_link(write_list, website):
    org = load_directory(write_list([{**VALID_ROW, "website": website}], [*HEADER, "website"])).organisations[0]
    (line,) = [c for c in contact_markdown(org) if "language" in c]
    target = line[line.index("](") + 2 : -1]
    assert not any(c in target for c in "()[] ")
    assert "![" not in line.replace("\\!\\[", "")


def test_website_url_keeps_normal_addresses():
    assert website_url("https://www.amersfoort.nl/a_b?c=d#e") == "https://www.amersfoort.nl/a_b?c=d#e"
    assert website_url("https://nl.wikipedia.org/wiki/Eemhuis_(Amersfoort)").endswith("Eemhuis_%28Amersfoort%29")


def test_theme_names_on_the_hulpvraag_page_are_escaped(monkeypatch, workdir, write_list):
    (workdir / "themas.csv").write_text(
        "id,naam,woorden\nvoedsel,Eten :red[ROOD] ![t](https://tracker.example/p.png),eten\n", encoding="utf-8"
    )
    monkeypatch.setenv("VANGNET_DATA", str(write_list([VALID_ROW])))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.text_input(key="hulpvraag").input("eten").run()
    assert not at.exception
    (header,) = [h.value for h in at.header if "Eten" in h.value]
    # The colon sits in a plain span of its own (ui.text.md), so ':red[' never starts a colour.
    assert ":red\\[ROOD\\]" not in header and ":red[" not in header
    assert "red\\[ROOD\\]" in header and "\\!\\[t\\]" in header


def test_typed_words_are_not_cached(data_copy):
    directory = load_directory(data_copy)
    marker = "jansenovaqq"
    suggest(f"schulden mevrouw {marker}", directory)
    index = get_index(directory)
    lexicon = index.lexicon
    tables = (lexicon.term_of, lexicon.shown, lexicon._parts, index.postings, index.phrases_with, index._compounds)
    for table in (*tables, index._group_members):
        assert not any(marker in str(key) for key in table)
    assert not any(marker in word for words in lexicon.by_length.values() for word in words)
    from directory import dutch

    # simplemma keeps an LRU cache of lemmas by default; ours is made without one.
    assert dutch._lemmatizer()._cached_lemmatize.cache_info().maxsize == 0
    assert dutch._lemmatizer()._cached_lemmatize.cache_info().currsize == 0


@pytest.mark.parametrize(
    ("content", "kolom"),
    [
        ('id,naam,woorden\nvoedsel,Eten,"eten;\nboodschappen"\n', "woorden"),
        ("id,naam\nvoedsel,Eten\x07\n", "naam"),
        ('id,naam,omschrijving\nvoedsel,Eten,"stil\x01teken"\n', "omschrijving"),
    ],
)
def test_bad_theme_cells_are_problems_not_crashes(workdir, write_list, content, kolom):
    (workdir / "themas.csv").write_text(content, encoding="utf-8")
    with pytest.raises(DirectoryError) as info:
        load_directory(write_list([VALID_ROW]))
    assert [(p.bestand, p.regel, p.kolom) for p in info.value.problems] == [("themas.csv", 2, kolom)]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["", "id,naam,woorden\n", "id;naam;omschrijving;woorden\r\n"]))
def test_random_theme_files_only_give_directory_error(text, prefix):
    try:
        table = csvfile.parse((prefix + text).encode("utf-8", "surrogatepass"))
        validate_themes(table.header, table.rows, "themas.csv")
    except DirectoryError as exc:
        assert exc.problems


def test_theme_names_are_searchable_without_woorden(workdir, write_list):
    (workdir / "themas.csv").write_text("id,naam\nvoedsel,Voedselhulp\n", encoding="utf-8")
    directory = load_directory(write_list([{**VALID_ROW, "naam": "Stichting X", "omschrijving": "Helpt."}]))
    assert [s.organisation.id for s in suggest("voedselhulp", directory)] == ["voedselbank"]


def test_multi_word_place_names_do_not_hide_need_words(workdir):
    # "huis" alone is a general word; "geen huis" names a need.
    (workdir / "themas.csv").write_text("id,naam,woorden\nwonen,Wonen,geen huis;woning\n", encoding="utf-8")
    path = workdir / "lijst.csv"
    row = {**VALID_ROW, "themas": "wonen", "plaats": "Huis ter Heide"}
    path.write_text(csv_text([row], [*HEADER, "plaats"]), encoding="utf-8")
    assert suggest("ik heb geen huis", load_directory(path))


def test_filters_that_exclude_everything_are_named(monkeypatch, data_copy):
    monkeypatch.setenv("VANGNET_DATA", str(data_copy))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.checkbox(key="filter_inkomen_bekend").check().run()
    at.slider(key="filter_inkomen").set_value(250).run()
    at.text_input(key="hulpvraag").input("stichting leergeld").run()
    assert not at.exception
    assert any("filters" in w.value for w in at.warning)


def test_theme_file_problems_show_which_file(monkeypatch, workdir, write_list):
    (workdir / "themas.csv").write_text("id,naam\nvoedsel,Eten\nvoedsel,Dubbel\n", encoding="utf-8")
    monkeypatch.setenv("VANGNET_DATA", str(write_list([VALID_ROW])))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["bestand"]) == ["themas.csv"]
