"""How a call's meetings read on its page: when one is (a date, the hour, and the hour it ends),
and whether it has been held by the build's moment."""

from __future__ import annotations

from datetime import datetime

from callboard.content.models import Meeting
from callboard.i18n import Translator


def meeting_when(meeting: Meeting, t: Translator) -> str:
    """'10 december 2026 kl. 13.00–14.30', or with the end's date when it ends on another day."""
    start = t.date_at(meeting.start.date(), meeting.start.time())
    if not meeting.end:
        return start
    if meeting.end.date() == meeting.start.date():
        return start + "–" + t.time(meeting.end.time())
    return start + " – " + t.date_at(meeting.end.date(), meeting.end.time())


def is_held(meeting: Meeting, now: datetime) -> bool:
    """Over by `now` (the build's moment, aware): ended, or started when it has no end."""
    return (meeting.end or meeting.start) <= now.replace(tzinfo=None)


def upcoming(meetings: tuple[Meeting, ...], now: datetime) -> tuple[Meeting, ...]:
    return tuple(m for m in meetings if not is_held(m, now))
