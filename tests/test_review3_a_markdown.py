"""Review 3, defect 2: typed text shown through Streamlit's markdown turned ':material/home:' into an icon (and
':smile:' into an emoji, ':streamlit:' into a logo, ' -> ' into an arrow). A backslash does not stop that: the
browser changes the text after the markdown is parsed, inside one run of text. ui.text.md now puts the
characters that start such a change in a plain span of their own.

These tests read md's output the way the browser does: runs of text between the spans, escapes undone, and
check that no run holds what the browser would change, and that the text read back is the text typed (what
is seen and copied). The browser itself is checked in test_review3_a_browser.py."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from tests.conftest import open_app
from ui.text import md

# What Streamlit 1.67's frontend (StreamlitMarkdown) changes, per run of text; JavaScript's \w is ASCII.
BROWSER_CHANGES = (
    re.compile(r":material_(\w+):", re.ASCII),  # after ':material/' -> ':material_' on the whole source
    re.compile(r":streamlit:"),
    re.compile(r":\+1:|:-1:|:[\w-]+:", re.ASCII),  # remark-emoji
    re.compile(r"(^|\s)(<->|->|<-|--|>=|<=|~=)(\s|$)"),  # typographic arrows and dashes
    re.compile(r"[\w.+-]@[\w-]", re.ASCII),  # remark-gfm: an e-mail address becomes a mailto: link
    re.compile(r"www\.", re.IGNORECASE),  # remark-gfm: "www." starts a link
)
_SPAN = re.compile(r":color\[\\(.)\]\{\}", re.DOTALL)
_TOKEN = re.compile(r":color\[\\(.)\]\{\}|\\(.)|  \n|.", re.DOTALL)

HOSTILE = [
    ":material/home:",
    ":material_home:",
    ":smile: :+1: :-1: :heart_eyes:",
    ":streamlit:",
    "a -> b <- c <-> d -- e >= f <= g ~= h",
    "::material/home::",
    ":red[rood] :blue-background[x] :small[klein] :color[x]{foreground=red}",
    "$x^2$ en $$y$$",
    "<b>vet</b> [link](https://x.nl) ![img](https://x.nl/p.png) **sterk** _schuin_ `code` ~~weg~~",
    "# kop\n- lijst\n> citaat\n1. een",
    "12:30 - 14:00, https://www.amersfoort.nl/a:b",
    "schrijf het als naam@organisatie.nl, of zie www.evil.example/pad en WWW.Evil.nl",
    "@@ a@b @ www. www.",
    "\\:material/home\\: en \\\\",
    "huur:",
    ":",
    "",
    "-",
    "---",
    "😀 :grinning: ‮ omgekeerd ‭ \u200b \u0301 مرحبا 日本",
    ":" * 50,
    "->" * 20,
    "a" * 5000 + ":material/home:",
]


def runs(markdown: str) -> list[str]:
    """md's output as the browser's runs of text: each span alone, the text between the spans unescaped."""
    found, current = [], []
    for token in _TOKEN.finditer(markdown):
        if token.group(1) is not None:
            found.append("".join(current))
            found.append(token.group(1))
            current = []
        elif token.group(2) is not None:
            current.append(token.group(2))
        elif token.group() == "  \n":
            current.append("\n")
        else:
            current.append(token.group())
    found.append("".join(current))
    return found


def check(text: str) -> None:
    shown = md(text)
    assert "".join(runs(shown)) == text  # what is seen and copied is what was typed
    assert ":material/" not in shown  # the browser replaces this in the whole text before parsing
    for run in runs(shown):
        for change in BROWSER_CHANGES:
            assert not change.search(run), (text, run, change.pattern)
    # Outside the spans, every colon and bracket is escaped: no directive (':red[...]') is ever started.
    rest = _SPAN.sub("", shown)
    assert not re.search(r"(?<!\\)[:\[\]<>`*_$]", rest.replace("\\\\", "")), rest


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_shown_as_typed(text):
    check(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=":/-<>=~+_ abw1\n\\[](){}*$`!#|.&\"'@", max_size=80))
def test_any_mix_of_the_special_characters_is_shown_as_typed(text):
    check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_shown_as_typed(text):
    check(text)


def test_ordinary_text_stays_readable_in_the_markdown():
    """Only what needs it gets a span: a plain sentence, or a colon before a space, stays as it was."""
    assert md("kan de huur niet betalen") == "kan de huur niet betalen"
    assert md("Zo verwijs je: Verwijsbrief") == "Zo verwijs je\\: Verwijsbrief"
    assert md("dak-en-thuislozen") == "dak\\-en\\-thuislozen"
    assert md(":material/home:") == ":color[\\:]{}material/home:color[\\:]{}"


# --- Hulpvraag: the need as typed, shown back -----------------------------------------------------------


@pytest.fixture
def at(monkeypatch, data_copy) -> AppTest:
    return open_app(monkeypatch, data_copy)


def test_the_need_with_shortcodes_is_shown_back_as_typed(at):
    typed = "kan de huur niet betalen :material/home: :smile: :streamlit: -> nu"
    at.text_input(key="hulpvraag").input(typed).run()
    assert not at.exception
    recognised = [c.value for c in at.caption if c.value.startswith("Herkend in")]
    assert recognised
    for caption in recognised:
        assert ":material/" not in caption and ":smile:" not in caption and ":streamlit:" not in caption
        quoted = caption[caption.index("“") + 1 : caption.rindex("”")]
        assert "".join(runs(quoted)) in typed  # a part of what was typed, character for character
    assert any("".join(runs(c[c.index("“") + 1 : c.rindex("”")])) == typed for c in recognised)


def test_typed_words_in_the_reasons_are_shown_as_typed(at):
    """'Waarom: past bij ...' may repeat the volunteer's own words: through md too."""
    at.text_input(key="hulpvraag").input("winterjas:smile: kinderen").run()
    assert not at.exception
    reasons = [m.value for m in at.markdown if m.value.startswith("**Waarom:**")]
    assert reasons
    for line in reasons:
        for run in runs(line.removeprefix("**Waarom:** ")):
            assert not any(change.search(run) for change in BROWSER_CHANGES), line


def test_kaart_shows_the_typed_postcode_through_md(monkeypatch, data_copy):
    at = open_app(monkeypatch, data_copy, "pages/kaart.py")
    at.text_input(key="kaart_postcode").input("3812 ab").run()
    assert not at.exception
    assert any(h.value == "Dichtbij postcode " + md("3812 AB") for h in at.header)
