"""Where things are in the built site: the address of every page and file callboard writes.

Addresses are paths relative to the site's root ('needs/smart-las/', 'feed.xml'); a page is a
folder path ending in '/', and is written as that folder's index.html. Python code asks this
module, and templates ask it through the Renderer's globals (`url_for`, `term_url`, ...), so an
address is made in one place only. The slugs an item may not have are derived from the same
addresses (`reserved_slugs`), so they cannot fall out of step with the pages.

This module is in the content layer (the loader needs the reserved slugs) and imports nothing
from callboard.content.models, which asks it for Item.url: items, needs and statuses are taken
as whatever has the attributes named in the protocols below.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import PurePosixPath
from typing import Protocol

from callboard.core.text import to_slug

HOME = ""
NOT_FOUND = "404.html"

NEEDS, TESTBEDS, CASES, INNOVATORS = "needs", "testbeds", "cases", "innovators"
"""The item sections: each kind's `Kind.section`, the folder of its pages and of its content."""
CATEGORIES, ORGANISATIONS, TAGS = "categories", "organisations", "tags"
TERM_SECTIONS = (CATEGORIES, ORGANISATIONS, TAGS)

NEEDS_FEED = "feed.xml"
DEADLINES = "deadlines.ics"
NEEDS_INDEX = f"{NEEDS}/index.json"
"""Every need in a compact form, for the filter script on the needs list."""
API = "api/"
NEEDS_JSON, TESTBEDS_JSON, CASES_JSON = (f"{API}{section}.json" for section in (NEEDS, TESTBEDS, CASES))
INNOVATORS_JSON = f"{API}{INNOVATORS}.json"
NEEDS_CSV = f"{API}needs.csv"
OCDS_JSON = f"{API}ocds.json"
BOARD_JSON = f"{API}board.json"
"""What the board says about itself, for hubs that read it (callboard.outputs.boardjson)."""
SEARCH_BUNDLE = "pagefind/"
"""The search index's folder, written by Pagefind."""
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"

_PAGE_PREFIX = "page"
_FEED_NAME = "feed.xml"
_SEARCH_PAGES = {"sv": "sok/"}
_SEARCH_PAGE = "search/"
_STATEMENT_PAGES = {"sv": "tillganglighet/"}
_STATEMENT_PAGE = "accessibility/"
_STATISTICS_PAGES = {"sv": "statistik/"}
_STATISTICS_PAGE = "statistics/"
STATISTICS_JSON = f"{API}statistics.json"
_MATCHES_PAGES = {"sv": "matchningar/"}
_MATCHES_PAGE = "matches/"
_SHARED_PAGES = {"sv": "gemensamma-behov/"}
_SHARED_PAGE = "shared-needs/"


class HasSection(Protocol):
    @property
    def section(self) -> str: ...


class Addressable(Protocol):
    """An item: a need, a testbed or a case story."""

    @property
    def kind(self) -> HasSection: ...

    @property
    def slug(self) -> str: ...


class HasFile(Protocol):
    """A need's document."""

    @property
    def file(self) -> str: ...


class HasValue(Protocol):
    """A need's status."""

    @property
    def value(self) -> str: ...

    @property
    def is_active(self) -> bool: ...


class Scheduled(Protocol):
    """A need, as far as its calendar goes."""

    @property
    def slug(self) -> str: ...

    @property
    def deadline(self) -> date | None: ...

    @property
    def status(self) -> HasValue: ...


def section_url(section: str) -> str:
    """The list of a section: 'needs/', 'categories/'."""
    return f"{section}/"


def item_url(item: Addressable) -> str:
    """An item's page: 'needs/smart-las/'."""
    return f"{section_url(item.kind.section)}{item.slug}/"


def term_url(section: str, slug: str) -> str:
    """A category's, organisation's or tag's page: 'categories/energi/'."""
    return f"{section_url(section)}{slug}/"


def term_url_of(section: str, name: str) -> str:
    """A term's page from its name as content files write it ('Vård och omsorg')."""
    return term_url(section, to_slug(name))


def status_url(status: HasValue) -> str:
    """The needs with one status: 'needs/open/'."""
    return f"{section_url(NEEDS)}{status.value}/"


def list_page_url(first: str, number: int) -> str:
    """Page `number` of a long list whose first page is `first`: 'needs/page/2/'."""
    return first if number == 1 else f"{first}{_PAGE_PREFIX}/{number}/"


def section_feed_path(section: str) -> str:
    """A section's own feed: 'cases/feed.xml'. The needs' feed is the board's, NEEDS_FEED."""
    return f"{section_url(section)}{_FEED_NAME}"


CASES_FEED = section_feed_path(CASES)


def term_feed_path(section: str, slug: str) -> str:
    return f"{term_url(section, slug)}{_FEED_NAME}"


def category_calendar_path(slug: str) -> str:
    return f"{term_url(CATEGORIES, slug)}{DEADLINES}"


def need_calendar_path(need: Addressable) -> str:
    """Inside the need's folder, named after it, so that a downloaded file says what it is."""
    return f"{item_url(need)}{need.slug}.ics"


def need_document_path(need: Addressable, file: str) -> str:
    """A file of the need's page bundle, beside its page: 'needs/smart-las/underlag.pdf'."""
    return f"{item_url(need)}{file}"


def need_archive_path(need: Addressable) -> str:
    """Every document of a need in one zip file, named after the need."""
    return f"{item_url(need)}{need.slug}.zip"


def archive_name(need: Addressable, document: HasFile) -> str:
    """A document's name inside the need's zip: in a folder named after the need."""
    return f"{need.slug}/{document.file}"


def need_feed_path(need: Addressable) -> str:
    """The need's own feed of its changes ("Följ det här behovet")."""
    return f"{item_url(need)}{_FEED_NAME}"


def need_generated_files(slug: str) -> frozenset[str]:
    """The names the build writes in a need's folder, which none of its documents may take."""
    return frozenset({"index.html", f"{slug}.ics", f"{slug}.zip", _FEED_NAME})


def search_url(lang: str) -> str:
    """The search page in the board's language: sok/ on a Swedish board, else search/."""
    return _SEARCH_PAGES.get(lang, _SEARCH_PAGE)


def statistics_url(lang: str) -> str:
    """The board in numbers: statistik/ on a Swedish board, else statistics/."""
    return _STATISTICS_PAGES.get(lang, _STATISTICS_PAGE)


def matches_url(lang: str) -> str:
    """The hub staff's table of matches: matchningar/ on a Swedish board, else matches/."""
    return _MATCHES_PAGES.get(lang, _MATCHES_PAGE)


def statistics_chart_path(lang: str, chart_id: str) -> str:
    """A chart of the statistics page as an SVG file beside it: 'statistik/per_year.svg'."""
    return f"{statistics_url(lang)}{chart_id}.svg"


def shared_url(lang: str) -> str:
    """The needs several organisations share: gemensamma-behov/ on a Swedish board, else shared-needs/."""
    return _SHARED_PAGES.get(lang, _SHARED_PAGE)


def statement_url(lang: str) -> str:
    """The accessibility statement in the board's language: tillganglighet/ on a Swedish board,
    else accessibility/."""
    return _STATEMENT_PAGES.get(lang, _STATEMENT_PAGE)


def section_paths(section: str, statuses: Iterable[HasValue]) -> tuple[str, ...]:
    """What the build writes, or keeps free to write, in an item section besides the items'
    own folders: the list's later pages and a feed in every section (cases/feed.xml today; the
    name stays free in the others), and for needs the status views and the needs index."""
    paths = (list_page_url(section_url(section), 2), section_feed_path(section))
    if section == NEEDS:
        paths += (*(status_url(status) for status in statuses), NEEDS_INDEX)
    return paths


def reserved_slugs(section: str, statuses: Iterable[HasValue]) -> frozenset[str]:
    """Slugs that would collide with `section_paths`: the first step of each below the section,
    without its extension ('page' for needs/page/2/, 'feed' for cases/feed.xml). A file name
    like that is refused, so no item's page can take a generated page's place."""
    return frozenset(PurePosixPath(path).parts[1].split(".")[0] for path in section_paths(section, statuses))


def has_calendar(need: Scheduled) -> bool:
    """Only a deadline still ahead is worth a calendar entry: open or upcoming needs with one."""
    return need.deadline is not None and need.status.is_active
