"""Every address from callboard.content.permalinks: the planned pages have the addresses it
gives, the reserved slugs are derived from it and refused, and the templates make none."""

import re
from datetime import date

import pytest

from callboard.config import load_config
from callboard.content.load import RESERVED_SLUGS, load_content
from callboard.content.models import Kind, Status
from callboard.content.permalinks import (
    CASES,
    HOME,
    INNOVATORS,
    NEEDS,
    NOT_FOUND,
    TESTBEDS,
    item_url,
    list_page_url,
    matches_url,
    reserved_slugs,
    search_url,
    section_url,
    shared_url,
    statement_url,
    statistics_chart_path,
    statistics_url,
    status_url,
    term_url,
)
from callboard.core.diagnostics import Diagnostics
from callboard.i18n import Translator
from callboard.site.assemble import assemble
from callboard.site.pages import Page, plan_pages
from tests.support.boards import BOARD_TOML, NOW, REPO, innovator_file, need_file

TESTBED = "---\ntitle: T\nhost: H\nsummary: S\ncontact:\n  name: A\n  email: a@b.se\n---\n"
CASE = "---\ntitle: C\nsummary: S\norganisation: O\ncompleted: 2026-01-01\n---\n"


def planned(root):
    diagnostics = Diagnostics()
    config = load_config(root, diagnostics).with_options(today=date.fromisoformat(NOW))
    board = assemble(load_content(config, diagnostics), config)
    assert not diagnostics.errors, diagnostics.errors
    return config, plan_pages(board, Translator(config.lang))


def address_of(page: Page, lang: str) -> str:
    """The address permalinks gives for what the page shows."""
    context = page.context
    if "item" in context:
        return item_url(context["item"])
    number = context["pagination"].number if "pagination" in context else 1
    by_template = {
        "index.html": lambda: HOME,
        "needs.html": lambda: section_url(NEEDS) if context["view"] == "all" else status_url(Status(context["view"])),
        "testbeds.html": lambda: section_url(TESTBEDS),
        "cases.html": lambda: section_url(CASES),
        "terms.html": lambda: section_url(context["section"]),
        "term.html": lambda: term_url(context["section"], context["term"].slug),
        "search.html": lambda: search_url(lang),
        "accessibility.html": lambda: statement_url(lang),
        "statistics.html": lambda: statistics_url(lang),
        "innovators.html": lambda: section_url(INNOVATORS),
        "matches.html": lambda: matches_url(lang),
        "statistics_chart.svg": lambda: statistics_chart_path(lang, context["chart"].id),
        "shared.html": lambda: shared_url(lang),
        "404.html": lambda: NOT_FOUND,
    }
    return list_page_url(by_template[page.template](), number)


@pytest.fixture(scope="module")
def long_board(tmp_path_factory):
    """Enough needs in one category for a second page of needs/, needs/open/ and the category."""
    root = tmp_path_factory.mktemp("long")
    (root / "callboard.toml").write_text(BOARD_TOML, encoding="utf-8")
    (root / "content" / "needs").mkdir(parents=True)
    for number in range(55):
        text = need_file(f"Behov {number}", extra="categories: [Energi]\ndeadline: 2026-12-24")
        (root / "content" / "needs" / f"behov-{number}.md").write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("board", ["example", "long"])
def test_every_planned_page_has_the_address_permalinks_gives(board, long_board):
    config, pages = planned(REPO if board == "example" else long_board)
    assert [page.url for page in pages] == [address_of(page, config.lang) for page in pages]
    assert len({page.url for page in pages}) == len(pages)
    if board == "long":
        paged = {page.url for page in pages if "/page/" in page.url}
        assert {"needs/page/2/", "needs/open/page/2/", "categories/energi/page/2/"} <= paged


def test_the_item_pages_are_the_items_own_addresses():
    _, pages = planned(REPO)
    items = [page for page in pages if "item" in page.context]
    assert {page.context["item"].kind for page in items} == set(Kind)
    assert all(page.url == page.context["item"].url == item_url(page.context["item"]) for page in items)


def test_the_search_page_and_the_statement_have_an_address_in_each_language():
    assert (search_url("sv"), search_url("en")) == ("sok/", "search/")
    assert (statement_url("sv"), statement_url("en")) == ("tillganglighet/", "accessibility/")
    assert (search_url("de"), statement_url("de")) == ("search/", "accessibility/")
    assert (statistics_url("sv"), statistics_url("en"), statistics_url("de")) == ("statistik/", "statistics/",
                                                                                "statistics/")
    assert (matches_url("sv"), matches_url("en"), matches_url("de")) == ("matchningar/", "matches/", "matches/")


def test_the_reserved_slugs_are_derived_from_the_generated_paths():
    assert RESERVED_SLUGS == {kind: reserved_slugs(kind.section, Status) for kind in Kind}
    assert {"page", "feed", "open", "upcoming", "closed", "awarded", "cancelled"} <= RESERVED_SLUGS[Kind.NEED]
    assert {"page", "feed"} <= RESERVED_SLUGS[Kind.TESTBED]
    assert {"page", "feed"} <= RESERVED_SLUGS[Kind.CASE]


def test_every_generated_path_in_an_item_section_is_an_item_or_reserved(built_board):
    """The built fixture board: each name below needs/, testbeds/ and cases/ but the list's own
    index.html is an item's folder or a reserved name, so no item can take a generated page's place.
    The fixture board has no innovators (test_innovators.py checks their section)."""
    board, site = built_board
    for kind in (Kind.NEED, Kind.TESTBED, Kind.CASE):
        items = {path.stem for path in (board / "content" / kind.section).rglob("*.md")}
        assert items, kind
        for path in (site / kind.section).iterdir():
            if path.name != "index.html":
                assert path.name.split(".")[0] in items | RESERVED_SLUGS[kind], path


@pytest.mark.parametrize("kind", list(Kind))
def test_a_file_named_like_a_reserved_slug_is_refused_at_that_file(cli, make_board, kind):
    text = {Kind.NEED: need_file(), Kind.TESTBED: TESTBED, Kind.CASE: CASE, Kind.INNOVATOR: innovator_file()}[kind]
    names = sorted(RESERVED_SLUGS[kind])
    root = make_board({f"content/{kind.section}/{name}.md": text for name in names})
    result = cli("check", "--root", root, "--now", NOW)
    assert result.code == 1
    for name in names:
        assert (f"content/{kind.section}/{name}.md: fel: '{name}' är upptaget av en sida som tavlan själv gör"
                in result.err), result.err


TEMPLATES = REPO / "templates"
PATH_IN_TEMPLATE = re.compile(
    r"""\burl\(\s*['"]"""                       # url('needs/'): a literal path given to url()
    r"""|~\s*['"][^'"]*/"""                   # section ~ '/': a path put together
    r"""|['"](?:needs|testbeds|cases|categories|organisations|tags|api|pagefind|sok|search"""
    r"""|tillganglighet|accessibility)/""")  # 'categories/...': a section's path written out
"""What a template that makes its own addresses contains, instead of asking the Renderer's
url_for, section_url, status_url, term_url or links."""


def paths_made_in(text: str) -> list[str]:
    return [match.group(0) for match in PATH_IN_TEMPLATE.finditer(text)]


def test_the_check_finds_addresses_made_in_a_template():
    assert paths_made_in("""<a href="{{ url('categories/' ~ slug ~ '/') }}">""")
    assert paths_made_in("""<a href="{{ url(section ~ '/') }}">""")
    assert paths_made_in("""data-index="{{ base ~ "needs/index.json" }}\"""")
    assert not paths_made_in("""<a href="{{ term_url('categories', name) }}">{{ url(crumb.url) }}""")


@pytest.mark.parametrize("template", sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html")))
def test_no_template_makes_an_address_of_its_own(template):
    assert paths_made_in((TEMPLATES / template).read_text(encoding="utf-8")) == []
