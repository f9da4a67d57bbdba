"""Freshness (who needs a check) and blind spots (themes without help per group and per wijk)."""

from __future__ import annotations

import datetime as dt

import pytest

from directory import Directory, Domain, Organisation, load_directory
from directory.geo import wijk_names
from directory.health import (
    Coverage,
    add_months,
    gaps,
    is_stale,
    missing_by_wijk,
    stale,
    theme_domain_matrix,
    unreachable,
)
from directory.model import Theme
from tests.conftest import DATA
from ui.beheer.health import gap_row, matrix_rows, stale_row, wijk_rows

D = dt.date
THEMES = (
    Theme("voedsel", "Eten en boodschappen"),
    Theme("wonen-huur", "Wonen en huur"),
    Theme("geldzorgen-schulden", "Geldzorgen en schulden"),
    Theme("werk", "Werk"),
)


def org(org_id: str, **overrides) -> Organisation:
    values = {
        "id": org_id,
        "naam": org_id.title(),
        "domein": "ondersteuning",
        "omschrijving": "Helpt.",
        "themas": ("voedsel",),
        "aanmelden": "Bellen.",
    }
    return Organisation(**{**values, **overrides})


def directory_of(*organisations: Organisation) -> Directory:
    return Directory(organisations=organisations, themes=THEMES, columns=("id",), version="test")


# --- freshness ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2024, 12, 15), 1, D(2025, 1, 15)),
        (D(2024, 3, 31), 6, D(2024, 9, 30)),
        (D(2025, 3, 31), -1, D(2025, 2, 28)),
        (D(2024, 5, 31), 0, D(2024, 5, 31)),
        (D(2024, 1, 1), 120, D(2034, 1, 1)),
    ],
)
def test_add_months_counts_calendar_months(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("checked", "today", "months", "expected"),
    [
        (None, D(2025, 3, 1), 12, True),
        (D(2024, 3, 1), D(2025, 3, 1), 12, False),  # exactly twelve months: still fresh
        (D(2024, 2, 29), D(2025, 3, 1), 12, True),
        (D(2024, 2, 29), D(2025, 2, 28), 12, False),  # twelve months after 29 Feb is 28 Feb
        (D(2024, 2, 28), D(2025, 2, 28), 12, False),
        (D(2024, 2, 27), D(2025, 2, 28), 12, True),
        (D(2025, 2, 28), D(2025, 3, 1), 0, True),
        (D(2025, 3, 1), D(2025, 3, 1), 0, False),
        (D(2025, 3, 5), D(2025, 3, 1), 12, False),  # a date after today is not stale
        (D(2024, 9, 1), D(2025, 3, 1), 6, False),
        (D(2024, 8, 31), D(2025, 3, 1), 6, True),
    ],
)
def test_is_stale(checked, today, months, expected):
    assert is_stale(checked, today, months) is expected


def test_stale_lists_never_checked_first_then_oldest_and_skips_archived():
    directory = directory_of(
        org("recent", laatst_gecontroleerd=D(2025, 1, 1)),
        org("oud", laatst_gecontroleerd=D(2023, 6, 1)),
        org("nooit-a"),
        org("ouder", laatst_gecontroleerd=D(2020, 2, 29)),
        org("gearchiveerd", actief=False),
        org("nooit-b"),
    )
    found = stale(directory, today=D(2025, 3, 1))
    assert [(s.organisation.id, s.dagen) for s in found] == [
        ("nooit-a", None),
        ("nooit-b", None),
        ("ouder", 1827),
        ("oud", 639),
    ]


def test_stale_rows_have_dutch_labels():
    directory = directory_of(org("oud", laatst_gecontroleerd=D(2023, 6, 1)), org("nooit"))
    rows = [stale_row(s) for s in stale(directory, today=D(2025, 3, 1))]
    assert rows == [
        {"Organisatie": "Nooit", "Groep": "Ondersteuning", "Laatst gecontroleerd": "nooit", "Dagen geleden": None},
        {"Organisatie": "Oud", "Groep": "Ondersteuning", "Laatst gecontroleerd": "01-06-2023", "Dagen geleden": 639},
    ]


def test_stale_refuses_negative_months():
    with pytest.raises(ValueError):
        stale(directory_of(org("a")), today=D(2025, 3, 1), months=-1)


def test_nothing_is_stale_in_an_empty_or_fully_checked_list():
    assert stale(directory_of(), today=D(2025, 3, 1)) == []
    assert stale(directory_of(org("a", laatst_gecontroleerd=D(2025, 2, 1))), today=D(2025, 3, 1)) == []


# --- gaps: theme x domain -------------------------------------------------------------------


def matrix_directory() -> Directory:
    return directory_of(
        org("schuldhulp", domein="curatief", themas=("geldzorgen-schulden", "wonen-huur")),
        org("geldloket", domein="ondersteuning", ook_domein="preventie", themas=("geldzorgen-schulden",)),
        org("voedselbank", domein="ondersteuning", themas=("voedsel",)),
        org("voorlichting", domein="preventie", themas=("geldzorgen-schulden", "voedsel")),
        org("gearchiveerd", domein="preventie", themas=("werk",), actief=False),
    )


def test_matrix_counts_core_and_partial_separately():
    matrix = theme_domain_matrix(matrix_directory())
    counts = {(t, d.value): (c.kern, c.deels) for (t, d), c in matrix.cells.items()}
    assert counts == {
        ("voedsel", "preventie"): (1, 0),
        ("voedsel", "ondersteuning"): (1, 0),
        ("voedsel", "curatief"): (0, 0),
        ("wonen-huur", "preventie"): (0, 0),
        ("wonen-huur", "ondersteuning"): (0, 0),
        ("wonen-huur", "curatief"): (1, 0),
        ("geldzorgen-schulden", "preventie"): (1, 1),
        ("geldzorgen-schulden", "ondersteuning"): (1, 0),
        ("geldzorgen-schulden", "curatief"): (1, 0),
        ("werk", "preventie"): (0, 0),  # archived organisations fill no gap
        ("werk", "ondersteuning"): (0, 0),
        ("werk", "curatief"): (0, 0),
    }
    cell = matrix.cell("geldzorgen-schulden", Domain.PREVENTIE)
    assert cell.kern + cell.deels == 2


def test_matrix_rows_follow_the_theme_file_and_light_to_heavy():
    rows = matrix_rows(theme_domain_matrix(matrix_directory()))
    assert [r["Thema"] for r in rows] == [t.naam for t in THEMES]
    assert list(rows[2]) == [
        "Thema",
        "Preventie",
        "Preventie (deels)",
        "Ondersteuning",
        "Ondersteuning (deels)",
        "Curatief",
        "Curatief (deels)",
    ]
    assert list(rows[2].values()) == ["Geldzorgen en schulden", 1, 1, 1, 0, 1, 0]


def test_gaps_name_themes_without_prevention_and_say_who_partly_helps():
    directory = directory_of(
        org("geldloket", domein="ondersteuning", ook_domein="preventie", themas=("geldzorgen-schulden",)),
        org("voedselbank", themas=("voedsel",)),
    )
    found = gaps(theme_domain_matrix(directory), Domain.PREVENTIE)
    assert [gap_row(g) for g in found] == [
        {"Thema": "Eten en boodschappen", "Groep": "Preventie", "Wie helpt wel": "niemand"},
        {"Thema": "Wonen en huur", "Groep": "Preventie", "Wie helpt wel": "niemand"},
        {"Thema": "Geldzorgen en schulden", "Groep": "Preventie", "Wie helpt wel": "alleen deels (1)"},
        {"Thema": "Werk", "Groep": "Preventie", "Wie helpt wel": "niemand"},
    ]


def test_gaps_without_a_group_cover_every_empty_cell_in_order():
    found = gaps(theme_domain_matrix(matrix_directory()))
    assert [(g.cell.thema.id, g.cell.domein.value) for g in found] == [
        ("voedsel", "curatief"),
        ("wonen-huur", "preventie"),
        ("wonen-huur", "ondersteuning"),
        ("werk", "preventie"),
        ("werk", "ondersteuning"),
        ("werk", "curatief"),
    ]


def test_an_empty_list_is_all_gaps():
    matrix = theme_domain_matrix(directory_of())
    assert len(gaps(matrix)) == len(THEMES) * 3
    assert all(not g.only_partly for g in gaps(matrix))


# --- gaps: per wijk -------------------------------------------------------------------------


def wijk_directory() -> Directory:
    return directory_of(
        org("stedelijk", themas=("voedsel",)),  # no wijk: for the whole city
        org("buurthuis", themas=("wonen-huur",), wijk="Kruiskamp"),
        org("inloop", themas=("geldzorgen-schulden",), wijk="  kruiskamp "),
        org("gesloten", themas=("werk",), wijk="Liendert", actief=False),
        org("vreemd", themas=("voedsel",), wijk="=Wijk <b>X</b>"),
    )


def test_missing_by_wijk_tells_only_city_wide_from_other_wijk_from_nobody():
    result = missing_by_wijk(wijk_directory(), ["Kruiskamp", "Liendert"])
    assert list(result) == ["Kruiskamp", "Liendert", "=Wijk <b>X</b>"]
    summary = {w: [(m.thema.id, m.dekking) for m in g.ontbreekt] for w, g in result.items()}
    assert summary["Kruiskamp"] == [("voedsel", Coverage.STEDELIJK), ("werk", Coverage.NIEMAND)]
    assert summary["Liendert"] == [
        ("voedsel", Coverage.STEDELIJK),
        ("wonen-huur", Coverage.ANDERE_WIJK),
        ("geldzorgen-schulden", Coverage.ANDERE_WIJK),
        ("werk", Coverage.NIEMAND),
    ]
    assert [m.thema.id for m in result["=Wijk <b>X</b>"].ontbreekt] == ["wonen-huur", "geldzorgen-schulden", "werk"]
    assert {w: g.organisaties for w, g in result.items()} == {"Kruiskamp": 2, "Liendert": 0, "=Wijk <b>X</b>": 1}


def test_missing_by_wijk_rows_have_dutch_labels():
    found = [missing_by_wijk(wijk_directory(), ["Kruiskamp"])["Kruiskamp"]]
    assert wijk_rows(found) == [
        {"Wijk": "Kruiskamp", "Thema": "Eten en boodschappen", "Wie helpt wel": "alleen stedelijk"},
        {"Wijk": "Kruiskamp", "Thema": "Werk", "Wie helpt wel": "niemand"},
    ]
    assert wijk_rows(found, only_nobody=True) == [{"Wijk": "Kruiskamp", "Thema": "Werk", "Wie helpt wel": "niemand"}]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (["Kruiskamp", "kruiskamp", " Kruiskamp  "], ["Kruiskamp", "=Wijk <b>X</b>"]),
        (["", "  ", "Liendert"], ["Liendert", "=Wijk <b>X</b>", "Kruiskamp"]),
        (["De  Koppel", "de koppel"], ["De Koppel", "=Wijk <b>X</b>", "Kruiskamp"]),
        ([], ["=Wijk <b>X</b>", "Kruiskamp"]),
    ],
)
def test_wijken_are_named_once_and_wijken_only_the_data_names_come_last(given, expected):
    assert list(missing_by_wijk(wijk_directory(), given)) == expected


def test_missing_by_wijk_defaults_to_the_cbs_wijken():
    result = missing_by_wijk(wijk_directory())
    assert list(result)[: len(wijk_names())] == wijk_names()
    assert "=Wijk <b>X</b>" in result


# --- on the bundled list --------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Directory:
    return load_directory(DATA)


def test_bundled_list_nothing_is_checked_yet(bundled):
    found = stale(bundled, today=dt.date.today())
    assert len(found) == len(bundled.active)
    assert all(s.dagen is None for s in found)


def test_bundled_list_every_theme_has_a_core_organisation_somewhere(bundled):
    matrix = theme_domain_matrix(bundled)
    for theme in bundled.themes:
        assert sum(matrix.cell(theme.id, d).kern for d in matrix.domains) > 0, theme.id


def test_bundled_list_no_wijk_lacks_a_theme_entirely(bundled):
    for gaps_in_wijk in missing_by_wijk(bundled).values():
        assert all(m.dekking is not Coverage.NIEMAND for m in gaps_in_wijk.ontbreekt), gaps_in_wijk.wijk


# --- who a volunteer cannot contact ---------------------------------------------------------------


def test_unreachable_lists_only_active_help_without_any_way_to_contact_by_name():
    found = unreachable(
        directory_of(
            org("zonder", naam="Zonder contact"),
            org("alleen-web", website="https://example.nl"),
            org("alleen-mail", email="info@example.nl"),
            org("alleen-tel", telefoon="033 123 45 67"),
            org("archief", actief=False),
            org("deurwaarder", rol="tegenpartij"),
            org("adres-alleen", naam="Adres alleen", adres="Markt 1", telefoon="  ", email=" "),
            org("info", naam="anders", rol="informatie"),
        )
    )
    assert [o.id for o in found] == ["adres-alleen", "info", "zonder"]  # by name, case-insensitive


def test_the_bundled_list_has_organisations_a_volunteer_cannot_contact():
    found = unreachable(load_directory(DATA))
    assert found and all(not (o.telefoon or o.email or o.website) for o in found)
    assert all(o.actief and o.role.suggestable for o in found)
