"""iCalendar files, written with icalendar: every open or upcoming deadline (`deadlines.ics`),
the same per category, and one file per need for "Lägg till i kalender".

A need's event is the same in every file (same UID), so a calendar app that subscribed to the
board and also added one need updates the event instead of showing it twice. DTSTAMP comes
from the content (the day the need last changed), never from the clock.

Speed: icalendar's Event objects cost about a millisecond each to build and serialise, seconds
on a large board. So each event is serialised once, as icalendar content lines made from
icalendar's value types (escaping and line folding are the library's), and placed into every
calendar that holds it; tests check the bytes against an Event built the ordinary way.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from functools import partial
from typing import Iterable, Iterator
from urllib.parse import urlsplit

from icalendar import Calendar, Timezone, vDate, vDatetime, vDuration, vText, vUri
from icalendar.parser import Contentline, Contentlines

from callboard.content.models import Need
from callboard.content.permalinks import (
    DEADLINES,
    category_calendar_path,
    has_calendar,
    need_calendar_path,
)
from callboard.i18n import Translator
from callboard.outputs.descriptor import Output
from callboard.outputs.memo import NO_MEMO, Memo, item_key
from callboard.site.calls import is_held
from callboard.site.gathered import provenance
from callboard.site.assemble import Board

REMINDER = timedelta(days=7)
_END = b"END:VCALENDAR\r\n"


def calendar_files(board: Board, memo: Memo = NO_MEMO) -> Iterator[tuple[str, bytes]]:
    """Every calendar of the board, or none when the board has no base_url to link to. Each
    event is kept in `memo` under what it is made from."""
    if not board.config.base_url:
        return
    t = board.config.translator()
    events = {need.slug: memo("calendar event", (item_key(need), board.changed_on[need.url],
                                                 calendar_moments(need, board)),
                              partial(event_bytes, need, board, t))
              for need in board.needs if has_calendar(need)}
    yield DEADLINES, _subscription(board, t("calendar_name"), t("calendar_description"), events, board.needs)
    for term in board.categories:
        yield category_calendar_path(term.slug), _subscription(
            board, t("calendar_category_name", name=term.name),
            t("calendar_category_description", name=term.name), events, term.needs)
    head = _head(board).to_ical()
    for need in board.needs:
        if need.slug in events:
            zone = time_zone_bytes(board.config.timezone, _timed_days((need,), events, board.config.now))
            yield need_calendar_path(need), head[: -len(_END)] + zone + events[need.slug] + _END


OUTPUT = Output("calendars", lambda board, pages, memo: calendar_files(board, memo), cost_rank=4)


def event_bytes(need: Need, board: Board, t: Translator) -> bytes:
    """The need's VEVENT with a reminder a week before, in icalendar's property order."""
    url = board.config.base_url + need.url
    stamp = datetime.combine(board.changed_on[need.url], time(0), timezone.utc)
    text = lambda value: vText(value).to_ical().decode()  # noqa: E731
    summary = t("calendar_event", title=need.title, organisation=need.organisation)
    reminder = t("calendar_reminder", title=need.title)
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{text(summary)}",
        *event_time(need, board.config.timezone),
        f"DTSTAMP:{vDatetime(stamp).to_ical().decode()}",
        f"UID:{text(event_uid(need, board))}",
        f"DESCRIPTION:{text(need.summary + chr(10) * 2 + _origin_line(need, t) + url)}",
        "TRANSP:TRANSPARENT",
        f"URL:{vUri(url).to_ical().decode()}",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{text(reminder)}",
        f"TRIGGER:{vDuration(-REMINDER).to_ical().decode()}",
        "END:VALARM",
        "END:VEVENT",
    ]
    return Contentlines(Contentline(line) for line in lines).to_ical() + b"".join(call_events(need, board, t))


def _origin_line(need: Need, t: Translator) -> str:
    """For a need a hub gathered: who published it on which board, and its page there."""
    return f"{provenance(need, t)}\n{need.origin.url}\n" if need.origin else ""


def call_events(need: Need, board: Board, t: Translator) -> Iterator[bytes]:
    """Besides the deadline: the last day for questions (all day) and each upcoming information
    meeting (timed, in the board's time zone), while they are ahead."""
    url = board.config.base_url + need.url
    host = urlsplit(board.config.base_url).hostname
    if need.questions_until and need.questions_until >= board.config.today:
        yield _event(f"questions-{need.slug}@{host}", t("calendar_questions_until", title=need.title), url, board,
                     need, [f"DTSTART;VALUE=DATE:{vDate(need.questions_until).to_ical().decode()}",
                            f"DTEND;VALUE=DATE:{vDate(need.questions_until + timedelta(days=1)).to_ical().decode()}"])
    zone = board.config.timezone
    for number, meeting in enumerate(need.meetings, start=1):
        if is_held(meeting, board.config.now):
            continue
        when = [f"DTSTART;TZID={zone}:{vDatetime(meeting.start).to_ical().decode()}"]
        if meeting.end:
            when.append(f"DTEND;TZID={zone}:{vDatetime(meeting.end).to_ical().decode()}")
        if meeting.place or meeting.url:
            when.append(f"LOCATION:{vText(meeting.place or meeting.url).to_ical().decode()}")
        yield _event(f"meeting-{need.slug}-{number}@{host}", t("calendar_meeting", meeting=meeting.title,
                                                               title=need.title),
                     meeting.url or url, board, need, when, busy=True)


def _event(uid: str, summary: str, url: str, board: Board, need: Need, when: list[str], busy: bool = False) -> bytes:
    stamp = datetime.combine(board.changed_on[need.url], time(0), timezone.utc)
    text = lambda value: vText(value).to_ical().decode()  # noqa: E731
    lines = ["BEGIN:VEVENT", f"SUMMARY:{text(summary)}", *when, f"DTSTAMP:{vDatetime(stamp).to_ical().decode()}",
             f"UID:{text(uid)}", f"DESCRIPTION:{text(need.title + chr(10) * 2 + board.config.base_url + need.url)}",
             "TRANSP:OPAQUE" if busy else "TRANSP:TRANSPARENT", f"URL:{vUri(url).to_ical().decode()}", "END:VEVENT"]
    return Contentlines(Contentline(line) for line in lines).to_ical()


def calendar_moments(need: Need, board: Board) -> tuple:
    """What of the build's moment changes a need's events: which meetings are still ahead, and
    whether the last day for questions is."""
    return (tuple(is_held(m, board.config.now) for m in need.meetings),
            bool(need.questions_until and need.questions_until >= board.config.today))


def event_time(need: Need, zone: str) -> list[str]:
    """A deadline with an hour is a moment in the board's time zone (which the calendar's
    VTIMEZONE describes); a deadline day alone is an all-day event."""
    if need.deadline_time:
        start = datetime.combine(need.deadline, need.deadline_time)
        return [f"DTSTART;TZID={zone}:{vDatetime(start).to_ical().decode()}"]
    return [f"DTSTART;VALUE=DATE:{vDate(need.deadline).to_ical().decode()}",
            f"DTEND;VALUE=DATE:{vDate(need.deadline + timedelta(days=1)).to_ical().decode()}"]


def time_zone_bytes(zone: str, days: list[date]) -> bytes:
    """The VTIMEZONE of `zone` over the years of `days` (the timed events' days), or nothing
    when no event has an hour: all-day calendars stay as they were."""
    if not days:
        return b""
    first, last = date(min(days).year, 1, 1), date(max(days).year + 1, 1, 1)
    return Timezone.from_tzid(zone, first_date=first, last_date=last).to_ical()


def _timed_days(needs: Iterable[Need], events: dict[str, bytes], now: datetime) -> list[date]:
    """The days of the timed events among `needs`': deadlines with an hour, and meetings."""
    days = []
    for need in needs:
        if need.slug in events:
            days += [need.deadline] if need.deadline_time else []
            days += [m.start.date() for m in need.meetings if not is_held(m, now)]
    return days


def event_uid(need: Need, board: Board) -> str:
    return f"need-{need.slug}@{urlsplit(board.config.base_url).hostname}"


def _head(board: Board) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", f"-//callboard//{board.config.title}//{board.config.lang.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    return calendar


def _subscription(board: Board, name: str, description: str, events: dict[str, bytes],
                  needs: Iterable[Need]) -> bytes:
    """A calendar to subscribe to: named, with a refresh hint, holding the events of `needs`."""
    calendar = _head(board)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", description)
    calendar.add("x-wr-timezone", board.config.timezone)
    calendar.add("refresh-interval", timedelta(days=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "P1D")
    head = calendar.to_ical()
    needs = tuple(needs)
    zone = time_zone_bytes(board.config.timezone, _timed_days(needs, events, board.config.now))
    body = b"".join(events[n.slug] for n in needs if n.slug in events)
    return head[: -len(_END)] + zone + body + _END
