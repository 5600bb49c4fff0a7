"""Warnings about content that is valid but probably not what the editor meant.

These never stop a build: a call still marked open after its deadline, a publishing date years
ahead (a typo hides the need), and a summary too long for a list card. `callboard check
--strict` turns them into errors. (Text that `callboard new` wrote and nobody replaced is an
error of its own, at its line: `mistakes.py`.)
"""

from __future__ import annotations

from datetime import date, timedelta

from callboard.config import Config
from callboard.content.models import Content, Item, Need
from callboard.core.diagnostics import Diagnostics, say

CARD_SUMMARY_CHARS = 200
"""About five lines on a list card in the default theme; longer summaries make cards uneven."""
FAR_FUTURE = timedelta(days=365)


def lint_content(content: Content, config: Config, diagnostics: Diagnostics) -> None:
    for need in content.needs:
        check_open_after_deadline(need, config.today, diagnostics)
        check_far_future(need, config.today, diagnostics)
    for item in (*content.needs, *content.testbeds, *content.cases):
        check_summary_length(item, diagnostics)


def check_open_after_deadline(need: Need, today: date, diagnostics: Diagnostics) -> None:
    if need.declared_status == "open" and need.deadline and need.deadline < today:
        diagnostics.warning(need.source, need.lines.get("status", 1),
                            say("open_after_deadline", deadline=need.deadline.isoformat()))


def check_far_future(need: Need, today: date, diagnostics: Diagnostics) -> None:
    if need.published > today + FAR_FUTURE:
        diagnostics.warning(need.source, need.lines.get("published", 1),
                            say("published_far_ahead", published=need.published.isoformat()))


def check_summary_length(item: Item, diagnostics: Diagnostics) -> None:
    if len(item.summary) > CARD_SUMMARY_CHARS:
        diagnostics.warning(item.source, item.lines.get("summary", 1),
                            say("summary_long", length=len(item.summary), limit=CARD_SUMMARY_CHARS))
