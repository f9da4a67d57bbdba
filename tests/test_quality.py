"""The matcher meets its quality targets on the development set (../shared/eval)."""

from __future__ import annotations

import pytest

from directory import load_directory
from directory.evaluation import Case, evaluate, read_cases
from tests.conftest import DATA, shared_file

DEV_SET = "eval/hulpvragen-amersfoort.csv"


@pytest.fixture(scope="module")
def report():
    return evaluate(load_directory(DATA), read_cases(shared_file(DEV_SET)))


def test_dev_set_hit_at_3(report):
    assert report.cases >= 40
    assert report.hit_at_3 >= 0.95, report.misses


def test_dev_set_multi_need_sentences_are_covered(report):
    assert report.multi_need_coverage == 1.0


def test_multi_need_sentences_written_like_the_dev_set_are_covered():
    """The dev set has no multi-need sentences yet; these use its format with everyday combinations."""
    directory = load_directory(DATA)
    cases = [
        Case(
            "huurachterstand en de kinderen hebben geen winterjas",
            (
                frozenset({"stadsring51", "schuldhulpmaatje", "geldcheck033", "de-alliantie", "portaal"}),
                frozenset({"kledingbank", "burgerweeshuis", "leger-des-heils"}),
            ),
        ),
        Case(
            "geen eten in huis en ik begrijp de brieven van de belasting niet",
            (
                frozenset({"voedselbank", "leger-des-heils"}),
                frozenset({"humanitas-thuisadministratie", "stadsring51", "taalhuis"}),
            ),
        ),
        Case(
            "mijn zoon wil op zwemles, en wij zijn dakloos",
            (
                frozenset({"jeugdfonds-sport-cultuur", "leergeld"}),
                frozenset({"kwintes", "leger-des-heils", "motiva-straatadvocaten"}),
            ),
        ),
    ]
    report = evaluate(directory, cases)
    assert report.multi_need_coverage == 1.0, report.misses
