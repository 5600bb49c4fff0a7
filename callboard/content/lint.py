"""Warnings about content that is valid but probably not what the editor meant.

These never stop a build: a call still marked open after its deadline, a publishing date years
ahead (a typo hides the need), and a summary too long for a list card. `callboard check
--strict` turns them into errors. (Text that `callboard new` wrote and nobody replaced is an
error of its own, at its line: `mistakes.py`.)
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from callboard.config import Config
from callboard.content.media import content_items
from callboard.content.models import Content, Item, Need, Status
from callboard.core.diagnostics import Diagnostics, say

CARD_SUMMARY_CHARS = 200
"""About five lines on a list card in the default theme; longer summaries make cards uneven."""
FAR_FUTURE = timedelta(days=365)


def lint_content(content: Content, config: Config, diagnostics: Diagnostics, strict: bool = False) -> None:
    """`strict` (check --strict, build --strict) adds the checks of a board ready to publish."""
    for need in content.needs:
        check_open_after_deadline(need, config.today, diagnostics)
        check_far_future(need, config.today, diagnostics)
        if strict:
            check_way_to_apply(need, config.now, diagnostics)
    for item in content_items(content):
        check_summary_length(item, diagnostics)


def check_open_after_deadline(need: Need, today: date, diagnostics: Diagnostics) -> None:
    if need.declared_status == "open" and need.deadline and need.deadline < today:
        diagnostics.warning(need.source, need.lines.get("status", 1),
                            say("open_after_deadline", deadline=need.deadline.isoformat()))


def check_way_to_apply(need: Need, now: datetime, diagnostics: Diagnostics) -> None:
    """An open call without `apply` leaves a start-up only the contact person to ask how. Only
    under --strict: the contact is always there, so an ordinary build need not nag about it."""
    if need.status_on(now) is Status.OPEN and not need.apply and not need.draft:
        diagnostics.warning(need.source, need.lines.get("deadline", need.lines.get("title", 1)),
                            say("open_without_apply"))


def check_far_future(need: Need, today: date, diagnostics: Diagnostics) -> None:
    if need.published > today + FAR_FUTURE:
        diagnostics.warning(need.source, need.lines.get("published", 1),
                            say("published_far_ahead", published=need.published.isoformat()))


def check_summary_length(item: Item, diagnostics: Diagnostics) -> None:
    if len(item.summary) > CARD_SUMMARY_CHARS:
        diagnostics.warning(item.source, item.lines.get("summary", 1),
                            say("summary_long", length=len(item.summary), limit=CARD_SUMMARY_CHARS))
