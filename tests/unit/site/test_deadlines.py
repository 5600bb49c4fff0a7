"""One deadline rule (callboard/site/deadlines.py) for the pages, the needs index and the front page."""

from datetime import date, timedelta

import pytest

from callboard.content.models import Contact, Need
from callboard.i18n import Translator
from callboard.site.assemble import with_status
from callboard.site.deadlines import (
    CLOSES_WITHIN_DAYS,
    CLOSING_SOON_DAYS,
    DeadlineLine,
    Shown,
    closes_soon,
    deadline_line,
    deadline_text,
)

TODAY = date(2026, 11, 28)
SV = Translator("sv")


def need(days: int | None = None, **fields) -> Need:
    """A need as the build date sees it, its deadline `days` from today."""
    if days is not None:
        fields["deadline"] = TODAY + timedelta(days=days)
    made = Need(slug="n", source="content/needs/n.md", title="N", summary="S", organisation="O",
                published=date(2026, 10, 1), contact=Contact("A", "a@b.se"), **fields)
    return with_status(made, TODAY)


@pytest.mark.parametrize(("days", "card", "page"), [
    (0, DeadlineLine(Shown.TODAY), DeadlineLine(Shown.TODAY)),
    (1, DeadlineLine(Shown.COUNTDOWN, soon=True), DeadlineLine(Shown.COUNTDOWN, soon=True)),
    (CLOSING_SOON_DAYS, DeadlineLine(Shown.COUNTDOWN, soon=True), DeadlineLine(Shown.COUNTDOWN, soon=True)),
    (CLOSING_SOON_DAYS + 1, DeadlineLine(Shown.COUNTDOWN), DeadlineLine(Shown.COUNTDOWN)),
    (CLOSES_WITHIN_DAYS, DeadlineLine(Shown.COUNTDOWN), DeadlineLine(Shown.COUNTDOWN)),
    (CLOSES_WITHIN_DAYS + 1, DeadlineLine(Shown.DATE), DeadlineLine(Shown.COUNTDOWN)),
    (None, DeadlineLine(Shown.ROLLING), DeadlineLine(Shown.ROLLING)),
])
def test_an_open_call_counts_down_within_the_limit_on_cards_and_always_on_its_page(days, card, page):
    assert deadline_line(need(days)) == card
    assert deadline_line(need(days), always_days=True) == page


def test_the_limits_are_those_the_board_has_always_used():
    assert (CLOSING_SOON_DAYS, CLOSES_WITHIN_DAYS) == (14, 30)


@pytest.mark.parametrize(("fields", "shown"), [
    ({"opens": date(2026, 12, 10), "deadline": date(2027, 1, 10)}, Shown.OPENS),
    ({"deadline": date(2026, 11, 1)}, Shown.CLOSED),
    ({"declared_status": "awarded", "deadline": date(2026, 12, 1)}, Shown.CLOSED),
    ({"declared_status": "cancelled"}, Shown.NOTHING),
])
def test_a_call_that_is_not_open_shows_when_it_opens_or_closed(fields, shown):
    assert deadline_line(need(**fields)).shown is shown


@pytest.mark.parametrize(("made", "text"), [
    (need(0), "Sista dag idag"),
    (need(5), "Stänger om 5 dagar · Sista ansökningsdag 3 december 2026"),
    (need(CLOSES_WITHIN_DAYS + 1), "Sista ansökningsdag 29 december 2026"),
    (need(), "Löpande, ingen sista dag"),
    (need(opens=date(2026, 12, 10)), "Öppnar 10 december 2026"),
    (need(deadline=date(2026, 11, 1)), "Stängde 1 november 2026"),
    (need(declared_status="cancelled"), ""),
])
def test_the_needs_index_text_follows_the_rule(made, text):
    assert deadline_text(made, SV) == text


def test_only_open_calls_within_the_soon_limit_close_soon():
    assert [closes_soon(need(days)) for days in (0, CLOSING_SOON_DAYS, CLOSING_SOON_DAYS + 1)] == [True, True, False]
    assert not closes_soon(need(None))
    assert not closes_soon(need(5, declared_status="closed"))
