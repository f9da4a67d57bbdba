"""The "Wie doet wat" page: three groups with counts, filters, a shareable detail view, the chart."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from directory import load_directory
from directory.model import Domain
from tests.conftest import HEADER, ROOT, VALID_ROW
from ui.chart import OVERLAP_SHARE, chart_points, counts_sentence, group_counts, vangnet_chart
from ui.paging import PAGE_SIZE

APP = str(ROOT / "app.py")
PAGE = "pages/overzicht.py"
GROUPS = ["Preventie", "Ondersteuning", "Curatief"]
HEADER_COUNT = re.compile(r"^(Preventie|Ondersteuning|Curatief) \((\d+)\)$")
FULL_HEADER = [*HEADER, "ook_domein", "doelgroepen", "wijk", "verwijst_naar"]


def open_page(monkeypatch, data_path, org: str | None = None) -> AppTest:
    """Run app.py (so st.navigation and page links work) and go to the Wie doet wat page."""
    monkeypatch.setenv("VANGNET_DATA", str(data_path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()  # the default page; switch_page needs the pages st.navigation registered
    at.switch_page(PAGE)
    if org is not None:
        at.query_params["org"] = org
    return at.run()


def group_counts_shown(at: AppTest) -> dict[str, int]:
    found = [HEADER_COUNT.match(h.value) for h in at.subheader]
    return {m[1]: int(m[2]) for m in found if m}


def shown_texts(at: AppTest) -> list[str]:
    kinds = ("markdown", "caption", "page_link", "subheader", "header", "info", "warning")
    return [element.value for kind in kinds for element in at.get(kind)]


@pytest.fixture(scope="module")
def bundled():
    return load_directory(ROOT / "data" / "organisaties.csv")


def test_overview_shows_three_groups_that_add_up(monkeypatch, data_copy, bundled):
    at = open_page(monkeypatch, data_copy)
    assert not at.exception
    counts = group_counts_shown(at)
    assert list(counts) == GROUPS
    assert sum(counts.values()) == len(bundled.active)
    assert counts == {d.label: n for d, n in group_counts(bundled.active).items()}
    assert len(at.get("page_link")) == sum(min(n, PAGE_SIZE) for n in counts.values())
    assert len(at.get("vega_lite_chart")) == 1
    assert any(m.value.startswith(f"Van de {len(bundled.active)} organisaties") for m in at.markdown)


def test_toon_meer_shows_the_rest_of_a_group_and_filters_start_again_at_one_page(monkeypatch, data_copy, bundled):
    at = open_page(monkeypatch, data_copy)
    buttons = [b for b in at.button if b.key and b.key.endswith("_meer")]
    assert buttons, "the bundled list has a group longer than one page"
    while buttons:
        buttons[0].click().run()
        buttons = [b for b in at.button if b.key and b.key.endswith("_meer")]
    links = [link.value.strip("*").replace("\\", "") for link in at.get("page_link")]
    assert sorted(links) == sorted(o.naam for o in bundled.active)
    at.text_input(key="wdw_zoek").input("a").run()
    at.text_input(key="wdw_zoek").input("").run()
    assert len(at.get("page_link")) < len(bundled.active)


@pytest.mark.parametrize(
    ("key", "value"),
    [("wdw_thema", "voedsel"), ("wdw_doelgroep", "ouderen"), ("wdw_wijk", "Kruiskamp"), ("wdw_zoek", "wijkteam")],
)
def test_each_filter_narrows_the_counts(monkeypatch, data_copy, bundled, key, value):
    at = open_page(monkeypatch, data_copy)
    widget = at.text_input(key=key) if key == "wdw_zoek" else at.selectbox(key=key)
    (widget.input(value) if key == "wdw_zoek" else widget.select(value)).run()
    assert not at.exception
    counts = group_counts_shown(at)
    assert list(counts) == GROUPS
    assert 0 < sum(counts.values()) < len(bundled.active)
    assert sum(min(n, PAGE_SIZE) for n in counts.values()) == len(at.get("page_link"))
    assert any(f"**{sum(counts.values())} van de {len(bundled.active)}**" in m.value for m in at.markdown)


def test_theme_filter_keeps_only_that_theme(monkeypatch, data_copy, bundled):
    at = open_page(monkeypatch, data_copy)
    at.selectbox(key="wdw_thema").select("voedsel").run()
    expected = {o.naam for o in bundled.active if "voedsel" in o.themas}
    assert {link.value.strip("*").replace("\\", "") for link in at.get("page_link")} == expected


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("kledingbnk", "Kledingbank"),
        ("leergld", "Leergeld"),
        ("VOEDSELBANK", "Voedselbank"),
        ("geldlok", "Stadsring51"),
    ],
)
def test_name_search_forgives_typos(monkeypatch, data_copy, typed, name):
    at = open_page(monkeypatch, data_copy)
    at.text_input(key="wdw_zoek").input(typed).run()
    assert not at.exception
    labels = [link.value for link in at.get("page_link")]
    assert labels and any(name in label for label in labels)
    assert len(labels) <= 3


def test_search_without_match_says_so(monkeypatch, data_copy):
    at = open_page(monkeypatch, data_copy)
    at.text_input(key="wdw_zoek").input("xqzwv").run()
    assert not at.exception
    assert group_counts_shown(at) == dict.fromkeys(GROUPS, 0)
    assert at.info and "Geen organisatie past" in at.info[0].value


def test_detail_view_from_a_shared_link(monkeypatch, data_copy, bundled):
    at = open_page(monkeypatch, data_copy, org="voedselbank")
    assert not at.exception
    subheaders = [h.value for h in at.subheader]
    assert "Verwijst vaak door naar" in subheaders and "Krijgt verwijzingen van" in subheaders
    assert not group_counts_shown(at)  # no overview under the detail view
    assert any(m.value.startswith("## Voedselbank Amersfoort") for m in at.markdown)
    labels = [link.value.replace("\\", "") for link in at.get("page_link")]
    for target in bundled.get("voedselbank").verwijst_naar:
        assert bundled.get(target).naam in labels
    for source in bundled.referred_by("voedselbank"):
        assert source.naam in labels
    assert "Alles over deze organisatie" not in labels
    details = next(m.value for m in at.markdown if "**Doelgroepen:**" in m.value)
    for shown in ("Eten en boodschappen \\(hoofdthema\\)", "**Trefwoorden:**", "**Wijk:**"):
        assert shown in details
    # Extra columns are plain text: addresses of web pages in `bronnen` do not become links. They are folded
    # away under a readable name, not "bronnen (extra kolom)" in the middle of what a volunteer reads.
    (more,) = [e for e in at.expander if e.label == "Meer gegevens uit de lijst"]
    assert [m.value for m in more.markdown] == ["**Bronnen**"]
    assert bundled.get("voedselbank").extra["bronnen"] in [t.value for t in more.text]
    assert not any("extra kolom" in m.value for m in at.markdown)


def test_back_button_clears_the_link(monkeypatch, data_copy, bundled):
    at = open_page(monkeypatch, data_copy, org="voedselbank")
    at.button(key="wdw_terug").click().run()
    assert not at.exception
    assert "org" not in at.query_params
    assert sum(group_counts_shown(at).values()) == len(bundled.active)


def test_filters_survive_a_visit_to_the_detail_view(monkeypatch, data_copy):
    at = open_page(monkeypatch, data_copy)
    at.selectbox(key="wdw_thema").select("voedsel").run()
    narrowed = group_counts_shown(at)
    at.query_params["org"] = "voedselbank"
    at.run()
    at.button(key="wdw_terug").click().run()
    assert at.selectbox(key="wdw_thema").value == "voedsel"
    assert group_counts_shown(at) == narrowed


@pytest.mark.parametrize(
    "org_id", ["bestaat-niet", "<script>alert(1)</script>", "", "../../etc/passwd", "VOEDSELBANK", "x" * 5000]
)
def test_unknown_or_hostile_id_gives_a_warning_and_the_overview(monkeypatch, data_copy, bundled, org_id):
    at = open_page(monkeypatch, data_copy, org=org_id)
    assert not at.exception
    assert [w.value for w in at.warning] == [
        "Deze organisatie staat niet (meer) in de lijst. Hieronder zie je alle organisaties."
    ]
    assert sum(group_counts_shown(at).values()) == len(bundled.active)
    assert not any("<script>" in text for text in shown_texts(at))


def test_archived_organisation_is_marked_and_not_counted(monkeypatch, write_list):
    path = write_list(
        [VALID_ROW, {**VALID_ROW, "id": "oud", "naam": "Oude Kledingbank", "actief": "nee"}], header=FULL_HEADER
    )
    at = open_page(monkeypatch, path)
    assert group_counts_shown(at) == {"Preventie": 0, "Ondersteuning": 1, "Curatief": 0}
    at = open_page(monkeypatch, path, org="oud")
    assert not at.exception
    assert at.info and "gearchiveerd" in at.info[0].value
    assert any("Oude Kledingbank" in m.value for m in at.markdown)


HOSTILE = ["<img src=x onerror=alert(1)>", "[x](javascript:alert(1))"]
UNESCAPED = re.compile(r"(?<!\\)<img|\[x\]\(|(?<!\\)\]\(javascript")


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_are_shown_as_text(monkeypatch, write_list, name):
    rows = [
        {**VALID_ROW, "naam": name, "wijk": name, "doelgroepen": "gezinnen"},
        {**VALID_ROW, "id": "buur", "naam": "Buurthuis", "verwijst_naar": "voedselbank", "ook_domein": "preventie"},
    ]
    path = write_list(rows, header=[*FULL_HEADER, "bronnen"])
    for org in (None, "voedselbank", "buur"):
        at = open_page(monkeypatch, path, org=org)
        assert not at.exception
        texts = shown_texts(at)
        assert any("img" in t or "javascript" in t for t in texts)
        assert not [t for t in texts if UNESCAPED.search(t)]


def test_bad_file_shows_the_error_and_stops(monkeypatch, tmp_path):
    path = tmp_path / "organisaties.csv"
    path.write_bytes(b"id;naam;domein\nx;y;preventief\n")
    at = open_page(monkeypatch, path, org="voedselbank")
    assert not at.exception
    assert at.error and "kan niet worden geladen" in at.error[0].value
    assert not at.subheader and not at.warning


# --- the chart data, without Streamlit ------------------------------------------------------


def test_chart_gives_every_active_organisation_one_free_spot(bundled):
    points = chart_points(bundled)
    assert sorted(p["id"] for p in points) == sorted(o.id for o in bundled.active)
    assert len({(p["x"], p["y"]) for p in points}) == len(points)
    for x in {p["x"] for p in points}:
        assert sorted(p["y"] for p in points if p["x"] == x) == list(range(sum(p["x"] == x for p in points)))
    theme_names = {t.naam for t in bundled.themes}
    assert all(p["thema"] in theme_names for p in points)


def test_chart_speaks_dutch_and_names_every_theme(bundled):
    points = chart_points(bundled)
    spec = vangnet_chart(points, [t.naam for t in bundled.themes]).to_dict()
    axis = spec["encoding"]["x"]["axis"]
    assert axis["values"] == [0, 1, 2]
    assert all(f"'{label}'" in axis["labelExpr"] for label in ("Preventie", "Ondersteuning", "Curatief"))
    assert set(spec["encoding"]["color"]["scale"]["domain"]) == {p["thema"] for p in points}
    assert [t["title"] for t in spec["encoding"]["tooltip"]] == ["Naam", "Groep", "Hoofdthema"]


@pytest.mark.parametrize(
    ("domein", "ook_domein", "x"),
    [
        ("preventie", "", 0.0),
        ("ondersteuning", "", 1.0),
        ("curatief", "", 2.0),
        ("ondersteuning", "preventie", 1 - OVERLAP_SHARE),
        ("preventie", "ondersteuning", OVERLAP_SHARE),
        ("curatief", "preventie", 2 - 2 * OVERLAP_SHARE),
        ("ondersteuning", "curatief", 1 + OVERLAP_SHARE),
    ],
)
def test_chart_places_overlap_between_the_groups(write_list, domein, ook_domein, x):
    rows = [
        {**VALID_ROW, "domein": domein, "ook_domein": ook_domein},
        {**VALID_ROW, "id": "oud", "actief": "nee"},
    ]
    directory = load_directory(write_list(rows, header=FULL_HEADER))
    [point] = chart_points(directory)
    assert point["id"] == "voedselbank"
    assert point["x"] == pytest.approx(x, abs=1e-6)
    assert point["naam"] == "Voedselbank" and point["thema"] == "Eten en boodschappen"
    assert point["groepen"].startswith(Domain(domein).label)


@pytest.mark.parametrize(
    ("counts", "sentence"),
    [
        (
            (7, 30, 9),
            "Van de 46 organisaties doen er 7 vooral preventie, 30 vooral ondersteuning en 9 vooral curatieve hulp. "
            "Er is dus veel ondersteuning en weinig preventie.",
        ),
        (
            (1, 1, 0),
            "Van de 2 organisaties doet er 1 vooral preventie, 1 vooral ondersteuning en 0 vooral curatieve hulp.",
        ),
        ((0, 0, 0), "Er staan nog geen organisaties in de lijst."),
    ],
)
def test_counts_sentence(counts, sentence):
    assert counts_sentence(dict(zip(Domain, counts, strict=True))) == sentence


def test_detail_view_keeps_the_address_in_step(monkeypatch, data_copy):
    # A page link to the same page leaves the address bar as it was; the page sets ?org= itself.
    at = open_page(monkeypatch, data_copy, org=" voedselbank ")
    assert not at.exception
    assert at.query_params["org"] == "voedselbank"


def test_the_chart_legend_is_text_with_every_theme_name_whole(monkeypatch):
    """Vega cut long names short ("Meedenken, samenwer…"); the legend is now text under the chart."""
    at = open_page(monkeypatch, ROOT / "data" / "organisaties.csv")
    legend = next(m.value for m in at.markdown if "Hoofdthema" in m.value)
    directory = load_directory(ROOT / "data" / "organisaties.csv")
    used = {o.main_theme for o in directory.active}
    for theme in directory.themes:
        if theme.id in used:
            assert f"{theme.naam.replace('&', '&amp;')}</li>" in legend
