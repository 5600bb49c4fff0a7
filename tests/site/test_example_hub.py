"""examples/hub/ built as tools/example_hub.py builds it: the example board split into three
organisations' boards, each built by callboard and served on 127.0.0.1, and the hub reading them.
Nothing leaves the machine."""

from __future__ import annotations

import json
from datetime import date

import pytest

from callboard.build.pipeline import RunOptions, check
from callboard.content.models import Kind
from tests.support.boards import REPO
from tools import example_hub

TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    work = tmp_path_factory.mktemp("example-hub")
    made = example_hub.build_example_hub(work, work / "out", TODAY)
    yield made
    made.server.shutdown()


@pytest.fixture(scope="module")
def example_board():
    return check(RunOptions(root=REPO, now=TODAY)).content


def by_kind(items, kind):
    return {item.slug: item for item in items if item.kind is kind and not item.draft}


def test_each_organisations_board_builds_without_a_problem(example):
    for url, root in example.board_roots.items():
        result = check(RunOptions(root=root, now=TODAY))
        assert result.ok and result.diagnostics.items == [], (url, [str(d) for d in result.diagnostics.items])


def test_each_board_publishes_only_its_own_organisations(example, tmp_path):
    boards = {board.url: board for board in example_hub.organisation_boards()}
    for url, local in example.boards.items():
        site = example.hub_root.parent / "sites" / boards[url].name
        described = json.loads((site / "api" / "board.json").read_text(encoding="utf-8"))
        assert described["url"] == local
        assert sorted(described["organisations"]) == sorted(boards[url].organisations)


def test_the_hub_reads_every_need_of_the_example_board_once_from_its_organisations_board(example, example_board):
    assert example.hub.ok and [str(d) for d in example.hub.diagnostics.items] == []
    gathered = [item for item in example.hub.content.foreign if item.kind is Kind.NEED]
    assert len(gathered) == len({item.slug for item in gathered})
    assert set(by_kind(gathered, Kind.NEED)) == set(by_kind(example_board.needs, Kind.NEED))
    boards = {board.url: board for board in example_hub.organisation_boards()}
    for need in gathered:
        board = next(boards[url] for url, local in example.boards.items() if need.origin.board_url == local)
        assert need.organisation in board.organisations
        assert need.origin.board == board.title
        assert need.origin.url == f"{need.origin.board_url}needs/{need.slug}/"


def test_the_hub_takes_testbeds_and_cases_only_from_the_boards_that_offer_them(example, example_board):
    takes = {source.url: source.take for source in example.hub.config.sources}
    gathered = [item for item in example.hub.content.foreign if item.kind in (Kind.TESTBED, Kind.CASE)]
    assert gathered
    for item in gathered:
        assert "testbeds" in takes[item.origin.board_url] and "cases" in takes[item.origin.board_url]
    norrland = next(local for url, local in example.boards.items() if "norrland" in url)
    assert takes[norrland] == ("needs",)
    expected = {slug for slug, testbed in by_kind(example_board.testbeds, Kind.TESTBED).items()}
    assert set(by_kind(gathered, Kind.TESTBED)) == expected


def test_a_reference_to_another_board_becomes_that_boards_address(example):
    norrland = next(local for url, local in example.boards.items() if "norrland" in url)
    umea = next(local for url, local in example.boards.items() if "umea" in url)
    published = json.loads((example.hub_root.parent / "sites" / "umea" / "api" / "needs.json").read_text("utf-8"))
    effekttoppar = next(need for need in published["needs"] if need["slug"] == "effekttoppar-i-vardbyggnader")
    assert effekttoppar["same_as"] == [f"{norrland}needs/peak-power-in-residential-buildings/"]
    needs = {item.slug: item for item in example.hub.content.foreign if item.kind is Kind.NEED}
    assert f'href="{umea}needs/halkbekampning-pa-gang-och-cykelvagar/"' in needs["ruttplanering-for-snorojning"].body_html


def page(example, path: str) -> str:
    return (example.hub_root.parent / "out" / path).read_text(encoding="utf-8")


def gathered_page(example, slug: str) -> str:
    """The hub's page for the gathered need `slug` (its address names the board it comes from)."""
    folder = next((example.hub_root.parent / "out" / "needs").glob(f"*--{slug}"))
    return (folder / "index.html").read_text(encoding="utf-8")


def test_the_hubs_list_shows_every_need_with_the_board_it_comes_from(example, example_board):
    listing = page(example, "needs/index.html")
    boards = example_hub.organisation_boards()
    for need in by_kind(example_board.needs, Kind.NEED).values():
        assert f">{need.title}</a>" in listing
    for board in boards:
        assert listing.count(f"från {board.title}") == sum(
            1 for need in by_kind(example_board.needs, Kind.NEED).values() if need.organisation in board.organisations)


def test_a_gathered_need_says_who_published_it_and_points_to_the_original(example):
    umea = next(local for url, local in example.boards.items() if "umea" in url)
    html = gathered_page(example, "halkbekampning-pa-gang-och-cykelvagar")
    assert f'<link rel="canonical" href="{umea}needs/halkbekampning-pa-gang-och-cykelvagar/">' in html
    assert "Publicerat av Umeå kommun på Umeås innovationstavla" in html


def test_the_same_need_on_two_boards_is_one_group_on_the_hub(example):
    html = gathered_page(example, "effekttoppar-i-vardbyggnader")
    assert "delas av 3 organisationer" in html
    assert "peak-power-in-residential-buildings/" in html


def test_the_cards_the_needs_filter_draws_say_where_each_need_comes_from(example, browser):
    hub = f"http://127.0.0.1:{example.server.server_address[1]}/hub/"
    context = browser.new_context()
    page = context.new_page()
    page.goto(hub + "needs/?organisation=umea-kommun")
    page.wait_for_function("!document.getElementById('needs_filter').classList.contains('js-only')")
    cards = page.locator("#needs_filtered_list .card__org").all_inner_texts()
    context.close()
    assert cards and all(card == "Umeå kommun · från Umeås innovationstavla" for card in cards), cards
