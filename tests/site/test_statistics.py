"""The board in numbers: the statistics page, the home page's key figures and api/statistics.json."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from callboard.build.pipeline import RunOptions, build
from callboard.core.svg import svg_problems
from tests.support.boards import NOW, need_file
from tests.support.messages import as_text

OPTIONS = dict(now=date.fromisoformat(NOW), search=False)


def need(title: str, published: str, extra: str = "") -> str:
    return need_file(title, extra=f"published: {published}\n" + extra)


SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_stats_board(tmp_path_factory.mktemp("stats") / "board")


def build_stats_board(root):
    from tests.support.boards import BOARD_TOML

    files = {
        "content/needs/a.md": need("A", "2024-02-01", "deadline: 2024-03-01\nstatus: awarded\nawarded: 2024-04-10\n"
                                                      "categories: [Energi]\nprocurement: dialogue\n"),
        "content/needs/b.md": need("B", "2024-05-01", "deadline: 2024-06-01\nstatus: cancelled\ncategories: [Energi]\n"),
        "content/needs/c.md": need("C", "2026-01-10", "deadline: 2026-02-10\ncategories: [Skola]\n"),
        "content/needs/d.md": need("D", "2026-10-01", "deadline: 2027-01-10\ncategories: [Energi]\n"),
        "content/needs/e.md": need("E", "2026-11-01", "deadline: 2027-02-01\n"),
        "content/cases/fallet.md": "---\ntitle: Fallet\norganisation: Kommunen\nsummary: Kort.\ncompleted: 2024-09-01\n"
                                   "need: a\n---\nText.\n",
    }
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (root / "callboard.toml").write_text(BOARD_TOML, encoding="utf-8")
    out = root.parent / "site"
    result = build(RunOptions(root=root, use_cache=False, **OPTIONS), out)
    assert result.ok, [as_text(d) for d in result.diagnostics.items]
    return out


def test_the_statistics_json_holds_the_figures(site):
    data = json.loads((site / "api/statistics.json").read_text(encoding="utf-8"))
    assert (data["open_now"], data["published"], data["led_to_case_story"]) == (2, 5, 1)
    assert data["median_days_deadline_to_award"] == 40.0
    assert data["median_days_published_to_deadline"] == 31.0
    assert [(bar["key"], bar["value"]) for bar in data["charts"]["per_year"]["data"]] == [("2024", 2), ("2026", 3)]
    assert data["charts"]["per_year"]["summary"] == \
        "Antalet publicerade behov har ökat från 2 år 2024 till 3 år 2026."
    assert {bar["key"]: bar["value"] for bar in data["charts"]["ended"]["data"]} == \
        {"awarded": 1, "closed": 1, "cancelled": 1}
    assert data["charts"]["categories"]["data"][0] == {"key": "Energi", "label": "Energi", "value": 3}


def test_each_chart_has_a_title_a_summary_a_drawing_and_a_table(site):
    page = (site / "statistik/index.html").read_text(encoding="utf-8")
    charts = re.findall(r'<figure class="chart".*?</figure>', page, re.S)
    assert len(charts) == 7
    for chart in charts:
        assert '<h2 id="' in chart and 'class="chart__summary"' in chart
        if "<img" in chart:
            assert re.search(r'<img class="chart__drawing" src="/statistik/\w+\.svg" width="\d+" height="\d+" '
                             r'alt="Stapeldiagram: [^"]+\. Samma siffror finns i tabellen\.">', chart), chart
            assert "<table>" in chart and "<svg" not in chart
    assert "Av 3 avslutade utlysningar tilldelades 1, 1 stängdes utan tilldelning och 1 avbröts." in page


def test_every_page_links_to_it_and_the_home_page_shows_three_figures(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    figures = home[home.index('aria-labelledby="key_figures"'):home.index("</section>", home.index("key_figures"))]
    assert figures.count('<a href="/statistik/">') == 3
    for page in ("index.html", "needs/index.html", "404.html"):
        assert '<a href="/statistik/">Tavlan i siffror</a>' in (site / page).read_text(encoding="utf-8")


def drawing(site, chart_id: str) -> ET.Element:
    return ET.parse(site / "statistik" / f"{chart_id}.svg").getroot()


def test_each_chart_is_an_svg_file_with_the_figures_of_the_table_and_the_json(site):
    data = json.loads((site / "api/statistics.json").read_text(encoding="utf-8"))
    page = (site / "statistik/index.html").read_text(encoding="utf-8")
    drawn = [chart_id for chart_id, chart in data["charts"].items() if chart["data"]]
    assert sorted(path.stem for path in (site / "statistik").glob("*.svg")) == sorted(drawn)
    assert "testbeds" not in drawn and "per_year" in drawn  # a chart without bars has no file
    for chart_id in drawn:
        chart, svg = data["charts"][chart_id], drawing(site, chart_id)
        assert svg.tag == f"{SVG}svg" and svg.get("viewBox") == f"0 0 {svg.get('width')} {svg.get('height')}"
        assert svg.find(f"{SVG}title").text == chart["title"]
        assert svg.find(f"{SVG}desc").text.startswith(chart["summary"])
        values = [int(text.text) for text in svg.iter(f"{SVG}text") if text.get("class") == "value"]
        labels = [text.text for text in svg.iter(f"{SVG}text") if text.get("class") == "label"]
        assert values == [bar["value"] for bar in chart["data"]]
        assert labels == [bar["label"] for bar in chart["data"]]
        table = page[page.index(f'<figure class="chart" id="{chart_id}"'):]
        table = table[:table.index("</figure>")]
        assert re.findall(r'<td class="align-right">(\d+)</td>', table) == [str(value) for value in values]
        assert f'src="/statistik/{chart_id}.svg" width="{svg.get("width")}" height="{svg.get("height")}"' in table


def test_a_chart_carries_its_own_colours_for_dark_screens_and_print(site):
    for path in (site / "statistik").glob("*.svg"):
        assert svg_problems(path.read_bytes()) == [], path.name  # no active content, as for an editor's SVG
    svg = drawing(site, "per_year")
    style = svg.find(f"{SVG}style").text
    assert "@media screen and (prefers-color-scheme: dark)" in style and "@media print" in style
    bar = next(svg.iter(f"{SVG}rect"))
    assert bar.get("fill") == "#0a4d8c"  # the light theme's colour, also where the style is blocked


def test_the_charts_are_the_same_bytes_in_every_build_and_not_in_the_sitemap(site, tmp_path):
    again = build_stats_board(tmp_path / "board")
    for path in sorted((site / "statistik").glob("*.svg")):
        assert (again / "statistik" / path.name).read_bytes() == path.read_bytes(), path.name
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/statistik/</loc>" in sitemap and ".svg" not in sitemap
