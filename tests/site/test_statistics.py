"""The board in numbers: the statistics page, the home page's key figures and api/statistics.json."""

import json
import re
from datetime import date

import pytest

from callboard.build.pipeline import RunOptions, build
from tests.support.boards import NOW, need_file
from tests.support.messages import as_text

OPTIONS = dict(now=date.fromisoformat(NOW), search=False)


def need(title: str, published: str, extra: str = "") -> str:
    return need_file(title, extra=f"published: {published}\n" + extra)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from tests.support.boards import BOARD_TOML

    root = tmp_path_factory.mktemp("stats") / "board"
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
    result = build(RunOptions(root=root, **OPTIONS), out)
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
        if "<svg" in chart:
            assert 'aria-hidden="true"' in chart and "<table>" in chart and "style=" not in chart
    assert "Av 3 avslutade utlysningar tilldelades 1, 1 stängdes utan tilldelning och 1 avbröts." in page


def test_every_page_links_to_it_and_the_home_page_shows_three_figures(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    figures = home[home.index('aria-labelledby="key_figures"'):home.index("</section>", home.index("key_figures"))]
    assert figures.count('<a href="/statistik/">') == 3
    for page in ("index.html", "needs/index.html", "404.html"):
        assert '<a href="/statistik/">Tavlan i siffror</a>' in (site / page).read_text(encoding="utf-8")
