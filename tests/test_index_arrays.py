"""The match index's per-organisation arrays and theme postings are made field by field (each distinct value
once) for speed at 100,000 organisations. They must equal what the plain rule gives, organisation by
organisation: that rule is written out here, as the index had it before."""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np
import pytest

from directory import load_directory
from directory.matching import (
    STOP_WORDS,
    THEME_POSITION_WEIGHTS,
    THEME_RARITY_POWER,
    MatchIndex,
    _names,
    canon,
)
from directory.text import fold
from tests.conftest import DATA, THEMES, VALID_ROW, csv_text


def plain_arrays(index: MatchIndex) -> dict:
    orgs = index.organisations
    town_of = {p: min(index.municipalities.get(p, {p})) for p in set(index.folded_place.values())}
    folded_wijk = {o.wijk: fold(o.wijk) for o in orgs}
    groups: dict[str, list[int]] = defaultdict(list)
    for i, org in enumerate(orgs):
        for group in org.doelgroepen:
            for term in {canon(w) for w in fold(group).split() if w not in STOP_WORDS}:
                groups[term].append(i)
    kinds: dict[tuple, int] = {}
    return {
        "place_of": [index.folded_place[o.plaats] for o in orgs],
        "municipality_of": [town_of[index.folded_place[o.plaats]] for o in orgs],
        "wijk_of": [folded_wijk[o.wijk] if o.wijk and _names(folded_wijk[o.wijk], o) else "" for o in orgs],
        "main_theme": [o.main_theme or "" for o in orgs],
        "targeted": [bool(o.doelgroepen) and "iedereen" not in o.doelgroepen for o in orgs],
        "weight": [
            (2 * o.domein.weight + (o.ook_domein.weight if o.ook_domein else o.domein.weight)) / 3 for o in orgs
        ],
        "reachable": [o.reachable for o in orgs],
        "kind": [kinds.setdefault((frozenset(o.themas), o.domein), len(kinds)) for o in orgs],
        "group_members": {term: sorted(set(members)) for term, members in groups.items()},
    }


def plain_theme_postings(index: MatchIndex) -> dict:
    members: dict[str, dict[int, float]] = defaultdict(dict)
    for i, org in enumerate(index.organisations):
        for position, theme in enumerate(org.themas):
            members[theme][i] = THEME_POSITION_WEIGHTS[min(position, len(THEME_POSITION_WEIGHTS) - 1)]
    postings = {}
    for theme in index.directory.themes:
        row = members.get(theme.id, {})
        rarity = math.log1p(index.size / len(row)) / math.log1p(index.size) if row and index.size > 1 else 1.0
        postings[theme.id] = (list(row), [w * rarity**THEME_RARITY_POWER for w in row.values()])
    return postings


def mixed_list(tmp_path):
    """Wijken named and not named in the name, groups that share words, themes in every order, no contact."""
    rows = []
    for n, (wijk, naam, groups, themes) in enumerate(
        [
            (
                "Kruiskamp",
                "Buurthuis De Roef (Kruiskamp)",
                "ouderen;alleenstaande ouderen",
                "voedsel;geldzorgen-schulden",
            ),
            ("Kruiskamp", "Voedselbank", "iedereen", "geldzorgen-schulden;voedsel"),
            ("Schothorst-Noord", "Wijkteam Schothorst-Noord", "", "geldzorgen-schulden"),
            ("", "Emmaüs", "jongeren;ouders", "voedsel"),
            ("Emmaüs", "Huis Emmaus", "jongeren", "geldzorgen-schulden;voedsel"),
        ]
    ):
        rows.append(
            dict(
                VALID_ROW,
                id=f"org-{n}",
                naam=naam,
                wijk=wijk,
                doelgroepen=groups,
                themas=themes,
                telefoon="",
                ook_domein="",
            )
        )
    rows[1]["ook_domein"] = "curatief"
    path = tmp_path / "organisaties.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    (tmp_path / "themas.csv").write_bytes(THEMES.read_bytes())
    return path


@pytest.fixture(params=["bundled", "mixed"])
def index(request, tmp_path):
    path = DATA if request.param == "bundled" else mixed_list(tmp_path)
    return MatchIndex(load_directory(path))


def test_the_arrays_equal_the_plain_rule(index):
    expected = plain_arrays(index)
    for name in ("place_of", "municipality_of", "wijk_of", "main_theme", "targeted", "weight", "reachable", "kind"):
        assert getattr(index, name).tolist() == expected[name], name
    members = {t: np.flatnonzero(index.group_members(t)).tolist() for t in index.group_lists_with}
    assert members == expected["group_members"]
    assert index.wijken == frozenset(w for w in expected["wijk_of"] if w)


def test_the_theme_postings_equal_the_plain_rule(index):
    expected = plain_theme_postings(index)
    assert index.theme_postings.keys() == expected.keys()
    for theme, (indices, weights) in index.theme_postings.items():
        assert indices.tolist() == expected[theme][0]
        assert np.allclose(weights, expected[theme][1], rtol=0, atol=0)
