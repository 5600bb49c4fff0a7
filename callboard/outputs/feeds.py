"""Atom feeds, written with feedgen: new needs for the whole board, per category and per
organisation, and the case stories.

Nothing here carries the time of the build: every `updated` comes from the content (the day
an item was published, opened or closed; see `Board.changed_on`), and feedgen's defaults,
which are "now", are always overwritten. Entries are appended in the order given, newest first.
"""

from __future__ import annotations

from datetime import date, datetime, time
from functools import partial
from typing import Iterable, Iterator
from zoneinfo import ZoneInfo

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator

from callboard.content.labels import STATUS_LABEL
from callboard.content.models import Case, Need
from callboard.content.permalinks import (
    CASES,
    CASES_FEED,
    CATEGORIES,
    HOME,
    NEEDS_FEED,
    ORGANISATIONS,
    section_url,
    term_feed_path,
    term_url,
)
from callboard.core.text import collation_key
from callboard.i18n import N_
from callboard.outputs.descriptor import Output
from callboard.outputs.memo import NO_MEMO, Memo, item_key
from callboard.site.assemble import Board
from callboard.site.changes import change_sentence
from callboard.site.gathered import provenance

FEED_LENGTH = 50
"""Entries per feed: readers only need the recent ones, and long feeds slow every poll."""
FEED_SECTIONS = {
    CATEGORIES: (N_("feed_categories_title"), N_("feed_categories_subtitle")),
    ORGANISATIONS: (N_("feed_organisations_title"), N_("feed_organisations_subtitle")),
}
"""The taxonomies with a feed per term, and the keys of its title and subtitle."""
_EPOCH = date(2000, 1, 1)


def feed_files(board: Board, memo: Memo = NO_MEMO) -> Iterator[tuple[str, bytes]]:
    """Every feed of the board, or none when the board has no base_url to link to. Each feed is
    kept in `memo` under what it is made from, so that an edit makes again only its feeds."""
    if not board.config.base_url:
        return
    writer = _FeedWriter(board, memo)
    t = writer.t
    newest = _newest_first(board.needs)
    yield NEEDS_FEED, writer.feed(NEEDS_FEED, HOME, t("feed_needs_title"), t("feed_needs_subtitle"), newest)
    for section, (title, subtitle) in FEED_SECTIONS.items():
        for term in getattr(board, section):
            path = term_feed_path(section, term.slug)
            yield path, writer.feed(path, term_url(section, term.slug), t(title, name=term.name),
                                    t(subtitle, name=term.name), _newest_first(term.needs))
    yield CASES_FEED, writer.feed(CASES_FEED, section_url(CASES), t("feed_cases_title"), t("feed_cases_subtitle"),
                                  list(board.cases[:FEED_LENGTH]))


OUTPUT = Output("feeds", lambda board, pages, memo: feed_files(board, memo), cost_rank=2)


def _newest_first(needs: Iterable[Need]) -> list[Need]:
    return sorted(needs, key=lambda n: (-n.published.toordinal(), collation_key(n.title), n.slug))[:FEED_LENGTH]


class _FeedWriter:
    """Builds entries once per item, so that an item in many feeds costs one entry."""

    def __init__(self, board: Board, memo: Memo):
        self.board = board
        self.memo = memo
        self.entries: dict[str, FeedEntry] = {}
        self.config = board.config
        self.t = board.config.translator()
        self.zone = ZoneInfo(board.config.timezone)

    def moment(self, day: date) -> datetime:
        return datetime.combine(day, time(0), self.zone)

    def changed(self, item: Need | Case) -> date:
        return self.board.changed_on.get(item.url, _EPOCH)

    def base_entry(self, item: Need | Case, published: date) -> FeedEntry:
        """What every entry has: a stable id (the page's URL), title, link, author and dates."""
        entry = FeedEntry()
        url = self.config.base_url + item.url
        entry.id(url)
        entry.title(item.title)
        entry.link(href=url, rel="alternate", type="text/html")
        if item.origin:  # RFC 4287's atom:source: the entry is a copy of the board's that published it
            entry.source(url=item.origin.board_url, title=item.origin.board)
        entry.author({"name": item.organisation})
        entry.published(self.moment(published))
        entry.updated(self.moment(self.changed(item)))
        return entry

    def need_entry(self, need: Need) -> FeedEntry:
        t = self.t
        entry = self.base_entry(need, need.published)
        deadline = t.date_at(need.deadline, need.deadline_time) if need.deadline else t("rolling")
        deadline_label, status_label, status = t("deadline"), t("status_label"), t(STATUS_LABEL[need.status])
        summary = f"{need.summary}\n\n{deadline_label}: {deadline}\n{status_label}: {status}"
        latest = next((change for change in need.changes if change.day <= self.board.config.today), None)
        if latest is not None:
            summary += "\n" + t("feed_latest_change", day=t.date(latest.day), change=change_sentence(latest, t))
        if need.origin:
            summary += f"\n\n{provenance(need, t)}\n{need.origin.url}"
        entry.summary(summary)
        for category in need.categories:
            entry.category(term=category)
        return entry

    def case_entry(self, case: Case) -> FeedEntry:
        entry = self.base_entry(case, case.completed)
        outcome_label = self.t("case_outcome")
        origin = f"\n\n{provenance(case, self.t)}\n{case.origin.url}" if case.origin else ""
        entry.summary(case.summary + (f"\n\n{outcome_label}: {case.outcome}" if case.outcome else "") + origin)
        return entry

    def entry(self, item: Need | Case) -> FeedEntry:
        if item.url not in self.entries:
            self.entries[item.url] = self.need_entry(item) if isinstance(item, Need) else self.case_entry(item)
        return self.entries[item.url]

    def feed(self, path: str, page: str, title: str, subtitle: str, items: list[Need] | list[Case]) -> bytes:
        latest = max((self.changed(item) for item in items), default=None) or self.board.last_change or _EPOCH
        inputs = (path, page, title, subtitle, latest, tuple((item_key(item), self.changed(item)) for item in items))
        return self.memo("feed", inputs, partial(self._feed, path, page, title, subtitle, items, latest))

    def _feed(self, path: str, page: str, title: str, subtitle: str, items: list[Need] | list[Case],
              latest: date) -> bytes:
        base = self.config.base_url
        generator = FeedGenerator()
        generator.id(base + path)
        generator.title(f"{title} – {self.config.title}")
        generator.subtitle(subtitle)
        generator.link(href=base + page, rel="alternate", type="text/html")
        generator.link(href=base + path, rel="self", type="application/atom+xml")
        generator.language(self.config.lang)
        generator.author({"name": self.config.hub.name if self.config.hub and self.config.hub.name
                          else self.config.title})
        generator.generator("callboard")
        generator.updated(self.moment(latest))
        for item in items:
            generator.add_entry(self.entry(item), order="append")
        return generator.atom_str(pretty=True)
