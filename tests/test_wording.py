"""The one plain line of reasons: each word once, in the volunteer's own form, never a theme name."""

from __future__ import annotations

import pytest

from directory import load_directory
from directory.matching import analyse
from directory.wording import plain_reasons
from tests.conftest import DATA, open_app


@pytest.mark.parametrize(
    ("reasons", "typed", "expected"),
    [
        # Found by a review: "brieven en brief" said one word twice.
        (
            ["past bij: brieven (Administratie, post en formulieren)", "past bij: brief (trefwoord)"],
            "",
            "past bij: brieven",
        ),
        # The theme found through an organisation's own word: the word, not the theme's name.
        (
            ["past bij: brief (trefwoord)", "past bij: Administratie, post en formulieren (brief als trefwoord)"],
            "",
            "past bij: brief",
        ),
        (["past bij: Taal en digitaal (online in de naam)"], "", "past bij: online"),
        # The volunteer typed "betalen"; the organisation's text says "betaald".
        (["past bij: betaald (trefwoord)"], "kan de huur niet betalen", "past bij: betalen"),
        (["past bij: huur niet betalen (Geldzorgen en schulden)"], "huur nie betale", "past bij: huur niet betalen"),
        (["dichtbij", "dichtbij"], "", "dichtbij"),
        # Found in a screenshot: "huur niet betalen, huur betalen en huur" said the same three times.
        (
            [
                "past bij: huur niet betalen (Geldzorgen en schulden)",
                "past bij: huur betalen (Wonen en huur)",
                "past bij: huur (trefwoord)",
            ],
            "",
            "past bij: huur niet betalen",
        ),
        (
            ["past bij: huur (trefwoord)", "past bij: huur niet betalen (Geldzorgen en schulden)"],
            "",
            "past bij: huur niet betalen",
        ),
        (["past bij: winterjas (Kleding en spullen)", "past bij: kind (trefwoord)"], "", "past bij: winterjas en kind"),
    ],
)
def test_each_word_once_as_typed(reasons, typed, expected):
    assert plain_reasons(reasons, typed) == expected


def test_the_lines_of_a_real_search_repeat_no_word():
    directory = load_directory(DATA)
    need = "ik snap de brieven niet en kan de huur niet betalen"
    for suggestion in analyse(need, directory).suggestions:
        line = plain_reasons(suggestion.reasons, need)
        words = line.removeprefix("past bij: ").replace(" en ", ", ").split(", ")
        assert len(words) == len(set(words)), line
        assert "Administratie, post en formulieren" not in line


def test_a_card_says_the_reason_in_the_volunteers_words(monkeypatch, data_copy):
    """On Hulpvraag the card's reasons use the form the volunteer typed, not the organisation's ('betaald')."""
    at = open_app(monkeypatch, data_copy)
    at.text_input(key="hulpvraag").input("ze kan de huur niet betalen").run()
    reasons = [m.value for m in at.markdown if m.value.startswith("**Waarom:**")]
    assert reasons and not any("betaald" in line for line in reasons), reasons
    assert any("betalen" in line for line in reasons), reasons
