"""One deadline rule (callboard/site/deadlines.py) for the pages, the needs index and the front page."""

import re
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
from tests.support.boards import NOW, REPO, need_file

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


def test_cards_and_pages_follow_the_rule(cli, make_board, tmp_path):
    days = {"snart": 5, "inom": 20, "senare": 40}
    files = {f"content/needs/{slug}.md": need_file(slug.title(), extra=f"deadline: {TODAY + timedelta(days=n)}")
             for slug, n in days.items()}
    out = tmp_path / "out"
    assert cli("build", "--root", make_board(files), "--out", out, "--now", NOW, "--no-search").code == 0
    cards = (out / "needs/index.html").read_text(encoding="utf-8")
    card = {slug: cards[cards.index(f'href="/needs/{slug}/"'):][:1500].split("</li>")[0] for slug in days}
    assert '<time class="deadline deadline--soon" datetime="2026-12-04T00:00+01:00">Stänger om 5 dagar</time>' \
        in card["snart"]  # the moment it closes, for assets/clock.js: the end of the deadline day
    assert '<time class="deadline" datetime="2026-12-19T00:00+01:00">Stänger om 20 dagar</time>' in card["inom"]
    assert "Stänger om" not in card["senare"] and "Sista ansökningsdag" in card["senare"]
    page = (out / "needs/senare/index.html").read_text(encoding="utf-8")
    assert '<time class="deadline" datetime="2027-01-08T00:00+01:00">Stänger om 40 dagar</time>' in page


def test_the_filter_script_gets_the_limits_from_the_page(built_site):
    form = (built_site / "needs/index.html").read_text(encoding="utf-8")
    assert f'data-soon-days="{CLOSING_SOON_DAYS}"' in form
    assert f'name="within" value="{CLOSES_WITHIN_DAYS}"' in form
    assert f"Stänger inom {CLOSES_WITHIN_DAYS} dagar" in form
    script = (REPO / "templates/static/assets/needs-filter.js").read_text(encoding="utf-8")
    assert "text.soonDays" in script
    assert not re.search(rf"\b({CLOSING_SOON_DAYS}|{CLOSES_WITHIN_DAYS})\b", script)
