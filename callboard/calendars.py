"""iCalendar files, written with icalendar: every open or upcoming deadline (`deadlines.ics`),
the same per category, and one file per need for "Lägg till i kalender".

A need's event is the same in every file (same UID), so a calendar app that subscribed to the
board and also added one need updates the event instead of showing it twice. DTSTAMP comes
from the content (the day the need last changed), never from the clock. Each event is
serialised once and placed into every calendar that holds it.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from typing import Iterable, Iterator
from urllib.parse import urlsplit

from icalendar import Alarm, Calendar, Event

from .assemble import Board
from .i18n import Translator
from .models import Need

DEADLINES = "deadlines.ics"
REMINDER = timedelta(days=7)
_END = b"END:VCALENDAR\r\n"


def category_calendar_path(slug: str) -> str:
    return f"categories/{slug}/{DEADLINES}"


def need_calendar_path(need: Need) -> str:
    """Inside the need's folder, named after it, so that a downloaded file says what it is."""
    return f"needs/{need.slug}/{need.slug}.ics"


def has_calendar(need: Need) -> bool:
    """Only a deadline still ahead is worth a calendar entry: open or upcoming needs with one."""
    return need.deadline is not None and need.status.is_active


def calendar_files(board: Board) -> Iterator[tuple[str, bytes]]:
    """Every calendar of the board, or none when the board has no base_url to link to."""
    if not board.config.base_url:
        return
    t = Translator(board.config.lang)
    events = {need.slug: _event(need, board, t) for need in board.needs if has_calendar(need)}
    yield DEADLINES, _calendar(board, t("calendar_name"), t("calendar_description"), events, board.needs)
    for term in board.categories:
        yield category_calendar_path(term.slug), _calendar(
            board, t("calendar_category_name", name=term.name),
            t("calendar_category_description", name=term.name), events, term.needs)
    for need in board.needs:
        if need.slug in events:
            yield need_calendar_path(need), _calendar(board, need.title, need.summary, events, (need,))


def _event(need: Need, board: Board, t: Translator) -> bytes:
    url = board.config.base_url + need.url
    event = Event()
    event.add("uid", f"need-{need.slug}@{urlsplit(board.config.base_url).hostname}")
    event.add("dtstamp", datetime.combine(board.changed_on[need.url], time(0), timezone.utc))
    event.add("dtstart", need.deadline)
    event.add("dtend", need.deadline + timedelta(days=1))
    event.add("summary", t("calendar_event", title=need.title, organisation=need.organisation))
    event.add("description", f"{need.summary}\n\n{url}")
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", t("calendar_reminder", title=need.title))
    alarm.add("trigger", -REMINDER)
    event.add_component(alarm)
    return event.to_ical()


def _calendar(board: Board, name: str, description: str, events: dict[str, bytes], needs: Iterable[Need]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//callboard//{board.config.title}//{board.config.lang.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", description)
    calendar.add("x-wr-timezone", board.config.timezone)
    calendar.add("refresh-interval", timedelta(days=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "P1D")
    head = calendar.to_ical()
    body = b"".join(events[n.slug] for n in needs if n.slug in events)
    return head[: -len(_END)] + body + _END
