"""Stage 3a: decide which pages the site has: each page's address, template and context.

`plan_pages` lists every page in a fixed order; `callboard.site.render` turns each into bytes.
`item_page` gives one item's own page alone, the same as `plan_pages` gives it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Iterator, Sequence

from callboard.content.labels import STATUS_VIEW, TERM_SECTIONS
from callboard.content.innovatorschema import LOOKING_FOR
from callboard.content.models import PROCUREMENT_TYPES, Item, Kind, Need, Status, Term
from callboard.content.permalinks import (
    CASES,
    CASES_FEED,
    CATEGORIES,
    DEADLINES,
    HOME,
    INNOVATORS,
    NEEDS,
    NEEDS_FEED,
    NOT_FOUND,
    ORGANISATIONS,
    TAGS,
    TESTBEDS,
    category_calendar_path,
    list_page_url,
    matches_url,
    need_feed_path,
    search_url,
    section_url,
    statement_url,
    shared_url,
    statistics_chart_path,
    statistics_url,
    status_url,
    term_feed_path,
    term_url,
)
from callboard.core.text import collation_key, to_slug
from callboard.i18n import N_, Translator
from callboard.site.assemble import Board
from callboard.site.matching import unmatched
from callboard.site.statistics import Figures, board_figures

PER_PAGE = 50
SUPERVISOR_URL = "https://www.digg.se/tdosanmalan"
"""Where DIGG, the supervisory authority, takes reports of inaccessible public-sector sites."""


@dataclass(frozen=True)
class Crumb:
    title: str
    url: str


@dataclass(frozen=True)
class Subscription:
    """A feed or calendar a page offers, with the plain words that say what it is."""

    url: str
    media_type: str
    text: str
    """The link text: "Prenumerera på nya behov inom Energi"."""
    hint: str
    """What kind of link it is, for people who have never used one."""

    @property
    def is_calendar(self) -> bool:
        return self.media_type == "text/calendar"


@dataclass(frozen=True)
class Pagination:
    """Where one page of a long list stands among the others."""

    number: int
    pages: int
    base_url: str

    def url_for(self, number: int) -> str:
        return list_page_url(self.base_url, number)

    @property
    def previous_url(self) -> str | None:
        return self.url_for(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url_for(self.number + 1) if self.number < self.pages else None

    def window(self, around: int = 2) -> list[int | None]:
        """Page numbers to link: the first, the last and a few around this one; None for a gap."""
        shown = sorted({1, self.pages, *range(max(1, self.number - around), min(self.pages, self.number + around) + 1)})
        numbers: list[int | None] = []
        for number in shown:
            if numbers and number - numbers[-1] > 1:
                numbers.append(None)
            numbers.append(number)
        return numbers


@dataclass(frozen=True)
class Page:
    """One output file: its URL, the template that draws it and what that template is given."""

    url: str
    """Path relative to the site root: 'needs/', '404.html' or a drawing, 'statistik/per_year.svg'."""
    template: str
    title: str
    description: str = ""
    crumbs: tuple[Crumb, ...] = ()
    context: dict = field(default_factory=dict, compare=False, hash=False)
    indexable: bool = True
    lang: str = ""
    """Language of the page's own text, when it differs from the board's (an English need)."""
    lastmod: date | None = None
    """The newest change date of what the page shows, for the sitemap (not shown on the page)."""
    subscriptions: tuple[Subscription, ...] = ()
    canonical: str = ""
    """The address of the page's original elsewhere (a gathered item's page on the board that
    published it), for `rel=canonical`; empty: the page is its own original."""

    @property
    def path(self) -> str:
        """File the page is written to."""
        return self.url if self.url.endswith((".html", ".svg")) else self.url + "index.html"


def paginate(items: Sequence, base_url: str, per_page: int = PER_PAGE) -> Iterator[tuple[Pagination, Sequence]]:
    pages = max(1, math.ceil(len(items) / per_page))
    for number in range(1, pages + 1):
        yield Pagination(number, pages, base_url), items[(number - 1) * per_page : number * per_page]


def plan_pages(board: Board, t: Translator) -> list[Page]:
    """Every page of the site, in a fixed order."""
    home = home_crumb(board)
    subscribe = Subscriptions(bool(board.config.base_url), t)
    counts = tuple((term.name, term.slug, count) for term, count in board.category_counts())
    figures = board_figures(board, t)
    pages = [Page(HOME, "index.html", board.config.title, t("front_lead"), context={
        "open_count": len(board.open_needs), "closing_soon": board.closing_soon()[:6],
        "category_counts": counts, "newest_needs": board.newest_needs(6), "testbeds": board.testbeds[:3],
        "cases": board.cases[:3], "key_figures": figures.key_figures}, lastmod=board.last_change, subscriptions=subscribe.needs())]
    status_counts = {"all": len(board.needs), **{s.value: len(board.needs_by_status[s]) for s in Status}}
    filters = {"categories": tuple((term.slug, term.name) for term in board.categories if term.needs),
               "organisations": tuple((term.slug, term.name) for term in board.organisations if term.needs),
               "procurement_types": PROCUREMENT_TYPES}
    pages += _list_pages(board, board.needs, section_url(NEEDS), t("all_needs"), t("needs_lead"), (home,), t,
                         {"view": "all", "status_counts": status_counts, "filters": filters}, subscribe.needs())
    needs_crumbs = (home, Crumb(t("needs"), section_url(NEEDS)))
    for status in Status:
        title, lead = STATUS_VIEW[status]
        pages += _list_pages(board, board.needs_by_status[status], status_url(status),
                             t(title), t(lead), needs_crumbs, t,
                             {"view": status.value, "status_counts": status_counts})
    pages += [_need_page(board, need, needs_crumbs, subscribe) for need in board.needs]
    pages.append(Page(section_url(TESTBEDS), "testbeds.html", t("all_testbeds"), t("testbeds_lead"), (home,),
                      {"testbeds": board.testbeds}, lastmod=_latest(board, board.testbeds)))
    testbed_crumbs = (home, Crumb(t("testbeds"), section_url(TESTBEDS)))
    pages += [_testbed_page(board, testbed, testbed_crumbs) for testbed in board.testbeds]
    pages.append(Page(section_url(CASES), "cases.html", t("all_cases"), t("cases_lead"), (home,), {"cases": board.cases},
                      lastmod=_latest(board, board.cases), subscriptions=subscribe.cases()))
    case_crumbs = (home, Crumb(t("cases"), section_url(CASES)))
    pages += [_case_page(board, case, case_crumbs) for case in board.cases]
    if board.innovators:
        pages += _innovator_pages(board, home, t)
    for section, (name, lead) in TERM_SECTIONS.items():
        terms = getattr(board, section)
        pages.append(Page(section_url(section), "terms.html", t(name), t(lead), (home,),
                          {"terms": terms, "section": section}, lastmod=board.last_change))
        for term in terms:
            pages += _term_pages(board, term, section, (home, Crumb(t(name), section_url(section))), t(lead),
                                 t, subscribe.term(section, term))
    pages.append(Page(search_url(board.config.lang), "search.html", t("search_title"), t("search_lead"), (home,),
                      indexable=False))
    pages.append(Page(statement_url(board.config.lang), "accessibility.html",
                      t("statement_title", site=board.config.title), t("statement_description", site=board.config.title),
                      (home,), {"statement": board.config.accessibility, "supervisor_url": SUPERVISOR_URL}))
    pages += _statistics_pages(figures, board, t, home)
    pages.append(Page(shared_url(board.config.lang), "shared.html", t("shared_title"), t("shared_lead"), (home,),
                      {"groups": board.shared_groups},
                      lastmod=_latest(board, (n for g in board.shared_groups for n in g.needs))))
    pages.append(Page(NOT_FOUND, "404.html", t("not_found_title"), t("not_found_text"), indexable=False))
    return pages


def _innovator_pages(board: Board, home: Crumb, t: Translator) -> list[Page]:
    """The innovators list with its filters, a profile per innovator, and the staff's table of
    matches (linked from the footer, not the menu)."""
    innovators = board.innovators
    regions = {to_slug(i.location): i.location for i in sorted(innovators, key=lambda i: collation_key(i.location or ""))
               if i.location}
    filters = {"categories": tuple((term.slug, term.name) for term in board.categories if term.innovators),
               "levels": tuple(sorted({i.trl for i in innovators if i.trl})),
               "wants": tuple(w for w in LOOKING_FOR if any(w in i.looking_for for i in innovators)),
               "regions": tuple(sorted(regions.items(), key=lambda pair: (collation_key(pair[1]), pair[0])))}
    crumbs = (home, Crumb(t("innovators"), section_url(INNOVATORS)))
    pages = [Page(section_url(INNOVATORS), "innovators.html", t("all_innovators"), t("innovators_lead"), (home,),
                  {"innovators": innovators, "filters": filters}, lastmod=board.last_change)]
    pages += [_item_page(board, innovator, "innovator.html", crumbs, matches=board.matches.for_innovator(innovator))
              for innovator in innovators]
    active = tuple(n for n in board.needs if n.status.is_active)
    pages.append(Page(matches_url(board.config.lang), "matches.html", t("matches_title"), t("matches_lead"), (home,),
                      {"rows": tuple((n, board.matches.for_need(n)) for n in active),
                       "unmatched": unmatched(active, board.matches)}, lastmod=board.last_change))
    return pages


def _statistics_pages(figures: Figures, board: Board, t: Translator, home: Crumb) -> list[Page]:
    """The statistics page, and each of its charts that has bars drawn in an SVG file of its own
    beside it (an image, not a page: left out of the sitemap)."""
    lang = board.config.lang
    drawn = [chart for chart in figures.charts if chart.bars]
    drawings = {chart.id: statistics_chart_path(lang, chart.id) for chart in drawn}
    return [Page(statistics_url(lang), "statistics.html", t("stats_title"), t("stats_lead"), (home,),
                 {"figures": figures, "drawings": drawings}, lastmod=board.last_change),
            *(Page(drawings[chart.id], "statistics_chart.svg", chart.title, chart.summary, context={"chart": chart},
                   indexable=False) for chart in drawn)]


def _latest(board: Board, items: Iterable[Item]) -> date | None:
    return max((board.changed_on[i.url] for i in items if i.url in board.changed_on), default=None)


_TERM_FEEDS = {CATEGORIES: N_("subscribe_categories"), ORGANISATIONS: N_("subscribe_organisations")}


@dataclass(frozen=True)
class Subscriptions:
    """The feeds and calendars pages offer; none on a board without base_url (no such files)."""

    enabled: bool
    t: Translator

    def _feed(self, path: str, text: str) -> Subscription:
        return Subscription(path, "application/atom+xml", text, self.t("feed_hint"))

    def _calendar(self, path: str, text: str) -> Subscription:
        return Subscription(path, "text/calendar", text, self.t("calendar_hint"))

    def needs(self) -> tuple[Subscription, ...]:
        if not self.enabled:
            return ()
        return (self._feed(NEEDS_FEED, self.t("subscribe_needs")),
                self._calendar(DEADLINES, self.t("subscribe_deadlines")))

    def need(self, need: Need) -> tuple[Subscription, ...]:
        """A need's own feed of its changes: "Följ det här behovet"."""
        if not self.enabled:
            return ()
        return (Subscription(need_feed_path(need), "application/atom+xml", self.t("follow_need"),
                             self.t("follow_need_hint")),)

    def cases(self) -> tuple[Subscription, ...]:
        return (self._feed(CASES_FEED, self.t("subscribe_cases")),) if self.enabled else ()

    def term(self, section: str, term: Term) -> tuple[Subscription, ...]:
        if not self.enabled or section == TAGS:
            return ()
        feed = self._feed(term_feed_path(section, term.slug), self.t(_TERM_FEEDS[section], name=term.name))
        if section == ORGANISATIONS:
            return (feed,)
        return (feed, self._calendar(category_calendar_path(term.slug),
                                     self.t("subscribe_category_deadlines", name=term.name)))


def home_crumb(board: Board) -> Crumb:
    """The first crumb of every page: the board's name, a link that says where it leads."""
    return Crumb(board.config.title, HOME)


def item_page(board: Board, item: Item, t: Translator) -> Page | None:
    """The page `plan_pages` gives a need, testbed or case story of `board` (None for any other
    item): the dev server renders an edited item's own page with it before the whole plan."""
    home = home_crumb(board)
    if isinstance(item, Need):
        crumbs = (home, Crumb(t("needs"), section_url(NEEDS)))
        return _need_page(board, item, crumbs, Subscriptions(bool(board.config.base_url), t))
    if item.kind is Kind.TESTBED:
        return _testbed_page(board, item, (home, Crumb(t("testbeds"), section_url(TESTBEDS))))
    if item.kind is Kind.CASE:
        return _case_page(board, item, (home, Crumb(t("cases"), section_url(CASES))))
    return None


def _need_page(board: Board, need: Need, crumbs: tuple[Crumb, ...], subscribe: "Subscriptions") -> Page:
    return _item_page(board, need, "need.html", crumbs, subscribe.need(need),
                      testbeds=board.testbeds_by_need.get(need.slug, ()),
                      cases=board.cases_by_need.get(need.slug, ()), related=board.related_needs[need.slug],
                      sharing=board.sharing.get(need.slug),
                      nearby_testbeds=() if board.innovators else board.nearby_testbeds[need.slug],
                      matches=board.matches.for_need(need))


def _testbed_page(board: Board, testbed: Item, crumbs: tuple[Crumb, ...]) -> Page:
    return _item_page(board, testbed, "testbed.html", crumbs, needs=board.needs_by_testbed.get(testbed.slug, ()),
                      open_needs=board.open_needs_by_testbed_category[testbed.slug],
                      seekers=board.matches.for_testbed(testbed))


def _case_page(board: Board, case: Item, crumbs: tuple[Crumb, ...]) -> Page:
    return _item_page(board, case, "case.html", crumbs, need=board.need_by_case.get(case.slug))


def _item_page(board: Board, item: Item, template: str, crumbs: tuple[Crumb, ...],
               subscriptions: tuple[Subscription, ...] = (), **related) -> Page:
    return Page(item.url, template, item.title, item.summary, crumbs, {"item": item, **related}, lang=item.lang,
                indexable=not item.preview, lastmod=board.changed_on.get(item.url), subscriptions=subscriptions,
                canonical=item.origin.url if item.origin else "")


def _list_pages(board: Board, needs: Sequence[Need], base_url: str, title: str, lead: str,
                crumbs: tuple[Crumb, ...], t: Translator, context: dict,
                subscriptions: tuple[Subscription, ...] = ()) -> list[Page]:
    pages = []
    for pagination, chunk in paginate(needs, base_url):
        numbered = title if pagination.number == 1 else t("title_page_n", title=title, page=pagination.number)
        page_crumbs = crumbs if pagination.number == 1 else crumbs + (Crumb(title, base_url),)
        pages.append(Page(pagination.url_for(pagination.number), "needs.html", numbered, lead, page_crumbs,
                          {"needs": chunk, "pagination": pagination, "total": len(needs), **context},
                          lastmod=_latest(board, chunk), subscriptions=subscriptions))
    return pages


def _term_pages(board: Board, term: Term, section: str, crumbs: tuple[Crumb, ...], lead: str, t: Translator,
                subscriptions: tuple[Subscription, ...]) -> list[Page]:
    base_url = term_url(section, term.slug)
    pages = []
    for pagination, chunk in paginate(term.needs, base_url):
        title = term.name if pagination.number == 1 else t("title_page_n", title=term.name, page=pagination.number)
        page_crumbs = crumbs if pagination.number == 1 else crumbs + (Crumb(term.name, base_url),)
        shown = (*chunk, *term.testbeds, *term.cases) if pagination.number == 1 else chunk
        pages.append(Page(pagination.url_for(pagination.number), "term.html", title, lead, page_crumbs,
                          {"term": term, "section": section, "needs": chunk, "pagination": pagination},
                          lastmod=_latest(board, shown), subscriptions=subscriptions))
    return pages
