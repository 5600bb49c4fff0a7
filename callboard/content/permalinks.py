"""Where things are in the built site: the address of every generated file that more than one
part of callboard needs to know."""

from __future__ import annotations

from callboard.content.models import Need

NEEDS_FEED = "feed.xml"
CASES_FEED = "cases/feed.xml"
DEADLINES = "deadlines.ics"


def term_feed_path(section: str, slug: str) -> str:
    return f"{section}/{slug}/feed.xml"


def category_calendar_path(slug: str) -> str:
    return f"categories/{slug}/{DEADLINES}"


def need_calendar_path(need: Need) -> str:
    """Inside the need's folder, named after it, so that a downloaded file says what it is."""
    return f"needs/{need.slug}/{need.slug}.ics"


def has_calendar(need: Need) -> bool:
    """Only a deadline still ahead is worth a calendar entry: open or upcoming needs with one."""
    return need.deadline is not None and need.status.is_active
