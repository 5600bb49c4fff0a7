"""How a need's deadline is shown: one rule for the need pages and cards (the Jinja macro
`deadline_text`), the needs index that the filter script reads (`needs/index.json`), the front
page's "closing soon" list and the filter script, which gets the limits from the page.

An open call closing within CLOSES_WITHIN_DAYS counts its days down ("Stänger om 12 dagar"),
and within CLOSING_SOON_DAYS it is also marked as closing soon; further off, only its date shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import Enum

from callboard.content.labels import STATUS_LABEL
from callboard.content.models import Need, Status
from callboard.i18n import Translator

CLOSING_SOON_DAYS = 14
"""An open call closing within this many days is listed on the front page and marked on its card."""
CLOSES_WITHIN_DAYS = 30
"""Within this many days a card counts the days down; the needs filter's "closes within" too."""


class Shown(str, Enum):
    """Which form a need's deadline line takes."""

    TODAY = "today"
    """Open, and today is the last day."""
    COUNTDOWN = "countdown"
    """Open: "Stänger om 5 dagar", then the date."""
    DATE = "date"
    """Open, deadline further off than the countdown reaches: the date alone."""
    ROLLING = "rolling"
    """Open without a deadline."""
    OPENS = "opens"
    """Upcoming: the day it opens."""
    CLOSED = "closed"
    """Closed, awarded or cancelled: the day it closed."""
    NOTHING = ""
    """Not open and no date to tell."""


@dataclass(frozen=True)
class DeadlineLine:
    shown: Shown
    soon: bool = False
    """Closing within CLOSING_SOON_DAYS: the countdown is marked."""


def iso_moment(moment: datetime | None) -> str:
    """'2027-01-15T12:00+01:00': a moment as `<time datetime>` and scripts read it."""
    return moment.isoformat(timespec="minutes") if moment else ""


def deadline_datetime(need: Need, zone: tzinfo) -> str:
    """The deadline as a `<time datetime>` value: its day, or its moment when it has an hour."""
    if need.deadline_time:
        return iso_moment(need.closes_at(zone))
    return need.deadline.isoformat() if need.deadline else ""


def closes_soon(need: Need) -> bool:
    return need.status is Status.OPEN and need.days_left is not None and need.days_left <= CLOSING_SOON_DAYS


def deadline_line(need: Need, always_days: bool = False) -> DeadlineLine:
    """What the need's deadline line shows. A need's own page counts the days however far off
    the deadline is (`always_days`); cards only within CLOSES_WITHIN_DAYS."""
    if need.status is Status.OPEN:
        if need.days_left == 0:
            return DeadlineLine(Shown.TODAY)
        if need.days_left is not None and (always_days or need.days_left <= CLOSES_WITHIN_DAYS):
            return DeadlineLine(Shown.COUNTDOWN, soon=closes_soon(need))
        return DeadlineLine(Shown.DATE if need.deadline else Shown.ROLLING)
    if need.status is Status.UPCOMING and need.opens:
        return DeadlineLine(Shown.OPENS)
    return DeadlineLine(Shown.CLOSED if need.deadline else Shown.NOTHING)


def deadline_text(need: Need, t: Translator) -> str:
    """A card's deadline line as plain text, for the needs index."""
    shown = deadline_line(need).shown
    if shown is Shown.TODAY:
        return t("closes_today")
    if shown is Shown.COUNTDOWN:
        days = t.ngettext("closes_in", "closes_in_plural", need.days_left)
        return days + " · " + t("deadline") + " " + t.date_at(need.deadline, need.deadline_time)
    if shown is Shown.DATE:
        return t("deadline") + " " + t.date_at(need.deadline, need.deadline_time)
    if shown is Shown.ROLLING:
        return t("rolling")
    if shown is Shown.OPENS:
        return t("opens_on", date=t.date(need.opens))
    if shown is Shown.CLOSED:
        return t("closed_on", date=t.date_at(need.deadline, need.deadline_time))
    return ""


def clock_texts(t: Translator, zone: str) -> dict[str, str]:
    """What assets/clock.js needs to write a status or countdown again in the visitor's browser:
    the words (the countdown's singular and plural form, `%(n)s` left for the script), the
    language, the board's time zone and the closing-soon limit."""
    translations = t.translations
    return {"closed": t(STATUS_LABEL[Status.CLOSED]), "today": t("closes_today"),
            "one": translations.ngettext("closes_in", "closes_in_plural", 1),
            "other": translations.ngettext("closes_in", "closes_in_plural", 2),
            "lang": t.lang, "zone": zone, "soon-days": str(CLOSING_SOON_DAYS)}
