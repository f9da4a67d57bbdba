"""Every validation rule, table-driven, with hostile values: each gives a Dutch line with regel and kolom."""

from __future__ import annotations

import pytest

from directory import DirectoryError, load_directory
from tests.conftest import HEADER, VALID_ROW

HOSTILE = ["<script>alert(1)</script>", '=HYPERLINK("http://x")', "🤑💸", "een\nnieuwe regel", "${7*7}`"]


def only_problem(write_list, rows, header=None):
    with pytest.raises(DirectoryError) as info:
        load_directory(write_list(rows, header))
    return info.value.problems


def row(**changes):
    return {**VALID_ROW, **changes}


# (column, bad value, words the Dutch message must contain)
INVALID_VALUES = [
    (
        "domein",
        "preventief",
        "'preventief' is geen geldige waarde; kies preventie, ondersteuning of curatief",
    ),
    ("domein", "<script>alert(1)</script>", "kies preventie, ondersteuning of curatief"),
    ("domein", "🤑", "kies preventie"),
    ("ook_domein", "licht", "kies preventie, ondersteuning of curatief"),
    ("ook_domein", "ondersteuning", "hetzelfde als domein"),
    ("actief", "misschien", "kies ja of nee"),
    ("actief", "=TRUE()", "kies ja of nee"),
    ("id", "Voedsel Bank", "geen geldig id"),
    ("id", "<script>", "geen geldig id"),
    ("id", "a" * 65, "te lang"),
    ("id", "-voedselbank", "geen geldig id"),
    ("themas", "voedsl", "'voedsl' is geen bekend thema (bedoel je 'voedsel'?)"),
    ("themas", 'voedsel;=HYPERLINK("x")', "geen bekend thema"),
    ("lat", "abc", "geen getal"),
    ("lat", "91", "buiten het bereik"),
    ("lat", "nan", "buiten het bereik"),
    ("lon", "-181", "buiten het bereik"),
    ("lon", "5,38,1", "geen getal"),
    ("laatst_gecontroleerd", "2024-13-01", "geen geldige datum"),
    ("laatst_gecontroleerd", "gisteren", "JJJJ-MM-DD"),
    ("laatst_gecontroleerd", "2999-01-01", "in de toekomst"),
    ("inkomensgrens", "veel", "geen heel getal"),
    ("inkomensgrens", "0", "tussen 1 en 1000"),
    ("inkomensgrens", "120.5", "geen heel getal"),
    ("website", "javascript:alert(1)", "geen webadres"),
    ("website", "data:text/html,<script>", "geen webadres"),
    ("email", "info at voedselbank", "geen e-mailadres"),
    ("email", "<script>@x.nl", "geen e-mailadres"),
    ("telefoon", "bel ma-vr 9-17", "geen telefoonnummer"),
    ("telefoon", '=HYPERLINK("tel:1")', "geen telefoonnummer"),
    ("postcode", "38111 AB", "geen Nederlandse postcode"),
    ("naam", "een\nnieuwe regel", "op meer regels"),
    ("naam", "stil\x07teken", "onzichtbaar stuurteken"),
    # Bidi embeddings, overrides and isolates make text read differently from what is stored.
    *(("naam", f"Voedsel{c}bank", f"onzichtbaar stuurteken (U+{ord(c):04X}) na 'Voedsel'") for c in "\u202a\u202e"),
    *(("omschrijving", f"Geeft{c} pakketten.", f"(U+{ord(c):04X})") for c in "\u202b\u202c\u202d\u2066\u2069"),
    ("aanmelden", "Bel \u2067ons\u2068.", "(U+2067)"),
    # Zero-width characters and joiners, and a byte order mark inside a field.
    *(("plaats", f"Amers{c}foort", f"(U+{ord(c):04X})") for c in "\u200b\u200c\u200d\u2060\ufeff"),
    # Found by a review: a soft hyphen, invisible operators, C1 controls, fillers and tag characters got through.
    *(
        ("naam", f"Voedsel{c}bank", f"(U+{ord(c):04X})")
        for c in "\u00ad\u0085\u009b\u034f\u061c\u2061\u2063\u2064\u3164\ufff9\U000e0041"
    ),
    ("verwijst_naar", "bestaat-niet", "'bestaat-niet' bestaat niet als id"),
    ("verwijst_naar", "Geen Id", "geen geldig id"),
    ("locatie_nauwkeurigheid", "ongeveer", "kies adres, wijk of stad"),
]


@pytest.mark.parametrize(("column", "value", "expected"), INVALID_VALUES)
def test_invalid_value_names_regel_kolom_and_what_to_do(write_list, column, value, expected):
    header = [*HEADER, column] if column not in HEADER else HEADER
    problems = only_problem(write_list, [row(id="eerste"), row(**{column: value})], header)
    assert any(p.regel == 3 and p.kolom == column and expected in p.message for p in problems), problems
    assert all(str(p).startswith("regel ") for p in problems)


def test_message_reads_like_a_spreadsheet_line(write_list):
    rows = [row(id=f"org-{i}") for i in range(12)] + [row(id="org-x", domein="preventief")]
    (problem,) = only_problem(write_list, rows)
    assert str(problem) == (
        "regel 14, kolom domein: 'preventief' is geen geldige waarde; kies preventie, ondersteuning of curatief"
    )


@pytest.mark.parametrize("column", ["id", "naam", "domein", "omschrijving", "themas", "aanmelden", "actief"])
def test_empty_required_value(write_list, column):
    problems = only_problem(write_list, [row(**{column: "  "})])
    assert any(p.kolom == column and p.regel == 2 and "verplicht" in p.message for p in problems)


@pytest.mark.parametrize("column", ["id", "naam", "domein", "themas", "aanmelden", "actief"])
def test_missing_required_column(write_list, column):
    header = [name for name in HEADER if name != column]
    problems = only_problem(write_list, [row()], header)
    assert [(p.regel, p.kolom) for p in problems] == [(1, column)]
    assert "ontbreekt" in problems[0].message


def test_archived_row_needs_less(write_list):
    rows = [row(id="oud", actief="nee", omschrijving="", aanmelden="", themas="")]
    directory = load_directory(write_list(rows))
    assert directory.organisations[0].actief is False
    assert directory.active == ()


def test_duplicate_id_names_both_lines(write_list):
    problems = only_problem(write_list, [row(), row(naam="Nog een")])
    assert [(p.regel, p.kolom) for p in problems] == [(3, "id")]
    assert "komt al voor op regel 2" in problems[0].message


def test_all_problems_are_reported_not_just_the_first(write_list):
    rows = [row(id="a", domein="x", actief="x"), row(id="b", themas="onbekend", lat="x"), row(id="a")]
    problems = only_problem(write_list, rows)
    assert {(p.regel, p.kolom) for p in problems} == {
        (2, "domein"),
        (2, "actief"),
        (3, "themas"),
        (3, "lat"),
        (4, "id"),
    }


def test_lat_without_lon(write_list):
    problems = only_problem(write_list, [row(lon="")])
    assert [(p.kolom, p.message) for p in problems] == [("lon", "vul lat en lon allebei in, of laat ze allebei leeg")]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_text_in_free_text_is_kept_verbatim(write_list, value):
    """Free text may hold anything printable; escaping is the job of whoever shows or exports it."""
    directory = load_directory(write_list([row(omschrijving=value, voorwaarden=value)], [*HEADER, "voorwaarden"]))
    org = directory.organisations[0]
    assert org.omschrijving == value
    assert org.voorwaarden == value


@pytest.mark.parametrize(
    ("column", "raw", "parsed"),
    [
        ("lat", "52,1567", 52.1567),  # Dutch Excel decimal comma
        ("laatst_gecontroleerd", "1-5-2024", "2024-05-01"),  # Dutch Excel date
        ("actief", "Ja", True),
        ("domein", "Curatief", "curatief"),
        ("inkomensgrens", "120%", 120),
        ("postcode", "3811ab", "3811 AB"),
        ("themas", " voedsel ; ;wonen-huur;voedsel", ("voedsel", "wonen-huur")),
        ("website", "www.voedselbank.nl", "www.voedselbank.nl"),
    ],
)
def test_forgiving_formats_are_understood(write_list, column, raw, parsed):
    header = [*HEADER, column] if column not in HEADER else HEADER
    org = load_directory(write_list([row(**{column: raw})], header)).organisations[0]
    value = getattr(org, column)
    assert (value.isoformat() if hasattr(value, "isoformat") else value) == parsed


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("doelgroepen", "marsmannetjes", "onbekende doelgroep"),
        ("lat", "5.38", "buiten Nederland"),  # lat and lon swapped
        ("verwijst_naar", "voedselbank", "verwijst naar zichzelf"),
    ],
)
def test_warnings_do_not_block_loading(write_list, column, value, expected):
    changes = {column: value, "lon": "52.15"} if column == "lat" else {column: value}
    header = [*HEADER, column] if column not in HEADER else HEADER
    directory = load_directory(write_list([row(**changes)], header))
    assert any(expected in w.message for w in directory.warnings)


def test_unknown_theme_in_vocabulary_file_is_checked(workdir, write_list):
    (workdir / "themas.csv").write_text("id,naam\nvoedsel,Eten\nvoedsel,Dubbel\nGoed Fout,x\n", encoding="utf-8")
    with pytest.raises(DirectoryError) as info:
        load_directory(write_list([row()]))
    lines = [str(p) for p in info.value.problems]
    assert any(line.startswith("themas.csv, regel 3, kolom id:") and "komt al voor" in line for line in lines)
    assert any(line.startswith("themas.csv, regel 4, kolom id:") for line in lines)


def test_bundled_vocabulary_is_the_fallback(tmp_path):
    path = tmp_path / "lijst.csv"
    path.write_text(
        "id,naam,domein,omschrijving,themas,aanmelden,actief\nx,X,preventie,d,voedsel,bellen,ja\n",
        encoding="utf-8",
    )
    directory = load_directory(path)
    assert len(directory.themes) >= 20


@pytest.mark.parametrize(
    ("name", "taken", "expected"),
    [
        ("Budgetcafé De Kern", (), "budgetcafe-de-kern"),
        ("Stichting Leergeld (Amersfoort)", ("stichting-leergeld-amersfoort",), "stichting-leergeld-amersfoort-2"),
        ("", (), "organisatie"),
        ("<script>!!!</script>", (), "script-script"),
        ("woord " * 30, (), None),  # too long: cut at a word, still valid
    ],
)
def test_a_new_id_from_a_name_is_valid_and_unique(name, taken, expected):
    from directory.fields import ID_MAX, identifier, new_identifier

    made = new_identifier(name, taken)
    assert identifier(made) == made and len(made) <= ID_MAX and made not in taken
    if expected:
        assert made == expected
