"""Each need's own Atom feed, `needs/<slug>/feed.xml` ("Följ det här behovet"): its changes
from the board's git history, newest first, after the entry that says it was published.

A board may have ten thousand needs, and feedgen takes about a millisecond a feed, so these
small feeds are written directly, every text escaped; tests read them with feedparser. Each
feed is kept in the memo under what it is made from. Nothing carries the time of the build:
dates come from the content and its commits.
"""

from __future__ import annotations

from datetime import date, datetime, time
from functools import partial
from typing import Iterator
from xml.sax.saxutils import escape, quoteattr
from zoneinfo import ZoneInfo

from callboard.content.models import Change, Need
from callboard.content.permalinks import need_feed_path
from callboard.i18n import Translator
from callboard.outputs.descriptor import Output
from callboard.outputs.memo import NO_MEMO, Memo, item_key
from callboard.site.assemble import Board
from callboard.site.changes import change_sentence

CHANGES_FRAGMENT = "need_changes"
"""The id of the page's "Ändringar" section, where each change entry links to."""


def need_feed_files(board: Board, memo: Memo = NO_MEMO) -> Iterator[tuple[str, bytes]]:
    """One feed per need, or none when the board has no base_url for absolute links."""
    if not board.config.base_url:
        return
    t = board.config.translator()
    for need in board.needs:
        path = need_feed_path(need)
        yield path, memo("need feed", (item_key(need), path), partial(need_feed, board, need, t))


OUTPUT = Output("need feeds", lambda board, pages, memo: need_feed_files(board, memo), cost_rank=4)


def need_feed(board: Board, need: Need, t: Translator) -> bytes:
    config, zone = board.config, ZoneInfo(board.config.timezone)
    page, feed = config.base_url + need.url, config.base_url + need_feed_path(need)
    entries = [_entry(f"{page}#change-{_change_id(need.changes, index)}", change_sentence(change, t),
                      _moment(change.day, zone), f"{page}#{CHANGES_FRAGMENT}")
               for index, change in enumerate(need.changes)]
    entries.append(_entry(page, t("need_feed_published", title=need.title), _moment(need.published, zone), page,
                          need.summary))
    updated = _moment(max([need.published, *(c.day for c in need.changes)]), zone)
    subtitle = t("need_feed_subtitle", title=need.title)
    head = (f"<id>{escape(feed)}</id>\n"
            f"  <title>{escape(need.title)} – {escape(config.title)}</title>\n"
            f"  <subtitle>{escape(subtitle)}</subtitle>\n"
            f"  <link href={quoteattr(page)} rel=\"alternate\" type=\"text/html\"/>\n"
            f"  <link href={quoteattr(feed)} rel=\"self\" type=\"application/atom+xml\"/>\n"
            f"  <updated>{updated}</updated>\n"
            f"  <author><name>{escape(need.organisation)}</name></author>\n"
            f"  <generator>callboard</generator>\n")
    text = (f"<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" "
            f"xml:lang={quoteattr(need.lang)}>\n  {head}{''.join(entries)}</feed>\n")
    return text.encode("utf-8")


def _change_id(changes: tuple[Change, ...], index: int) -> str:
    """An entry id that stays the same as new changes come: the day, and the change's place
    among that day's counted from the oldest."""
    change = changes[index]
    later_same_day = sum(1 for other in changes[index + 1:] if other.day == change.day)
    return f"{change.day.isoformat()}-{later_same_day + 1}"


def _moment(day: date, zone: ZoneInfo) -> str:
    return datetime.combine(day, time(0), zone).isoformat()


def _entry(entry_id: str, title: str, updated: str, link: str, summary: str = "") -> str:
    return (f"  <entry>\n    <id>{escape(entry_id)}</id>\n    <title>{escape(title)}</title>\n"
            f"    <updated>{updated}</updated>\n    <link href={quoteattr(link)} rel=\"alternate\" type=\"text/html\"/>\n"
            f"    <summary>{escape(summary or title)}</summary>\n  </entry>\n")
