"""The fields a start-up acts on: where to apply, who may, how it is judged, and the budget as an amount."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from callboard.content.models import Kind, Money, Status
from callboard.content.money import amount_in_text, budget_amount
from tests.unit.content.test_schema import VALID, front_matter, line_of, load


def read_need(tmp_path, **fields: str):
    raw = front_matter({**VALID[Kind.NEED], **fields})
    return load(tmp_path, Kind.NEED, raw), raw


@pytest.mark.parametrize("written, apply, url", [
    ("https://vaxjo.example.se/ansok", "https://vaxjo.example.se/ansok", "https://vaxjo.example.se/ansok"),
    ("ansokan@vaxjo.example.se", "ansokan@vaxjo.example.se", "mailto:ansokan@vaxjo.example.se"),
    ("mailto:ansokan@vaxjo.example.se", "ansokan@vaxjo.example.se", "mailto:ansokan@vaxjo.example.se"),
])
def test_apply_is_a_web_address_or_an_e_mail_address(tmp_path, written, apply, url):
    (need, problems), _ = read_need(tmp_path, apply=written)
    assert problems == []
    assert (need.apply, need.apply_url) == (apply, url)


@pytest.mark.parametrize("key, value, message", [
    ("apply", "www.vaxjo.se/ansok", "apply 'www.vaxjo.se/ansok' must be a web address (https://...) or an e-mail address"),
    ("apply", "javascript:alert(1)", "apply 'javascript:alert(1)' must be a web address (https://...) or an e-mail address"),
    ("apply", "[a, b]", "apply must be text, not a list"),
    ("eligibility", "{a: b}", "eligibility must be a list, e.g. [Energi, Skola], not a group of fields"),
    ("criteria", "[Pris, '']", "each item of criteria must not be empty"),
    ("budget", "[1, 2]", "budget must be text or a mapping with amount (and currency), not a list"),
    ("budget", "{amount: två miljoner}", "budget.amount must be an amount in digits, e.g. 2000000 or 2 000 000, "
                                         "not 'två miljoner'"),
    ("budget", "{amount: 2000000, currency: KRONOR}", "budget.currency 'KRONOR' is not a currency code such as SEK, "
                                                      "EUR or NOK"),
    ("budget", "{currency: SEK}", "required field 'budget.amount' is missing"),
])
def test_bad_values_are_errors_at_their_line(tmp_path, key, value, message):
    (need, problems), raw = read_need(tmp_path, **{key: value})
    assert need is None
    assert problems == [(line_of(raw, key), "error", message)]


def test_lists_of_who_may_apply_and_how_it_is_judged(tmp_path):
    (need, problems), _ = read_need(tmp_path, eligibility="[Företag, Forskare]", criteria="[Pris, Kvalitet]")
    assert problems == []
    assert (need.eligibility, need.criteria) == (("Företag", "Forskare"), ("Pris", "Kvalitet"))


@pytest.mark.parametrize("written, money", [
    ("{amount: 2000000, currency: SEK}", Money(Decimal(2000000), "SEK")),
    ("{amount: 2 000 000}", Money(Decimal(2000000), "SEK")),
    ("{amount: '1500,50', currency: eur}", Money(Decimal("1500.50"), "EUR")),
])
def test_a_budget_as_an_amount(tmp_path, written, money):
    (need, problems), _ = read_need(tmp_path, budget=written)
    assert problems == []
    assert need.budget == money and budget_amount(need.budget) == money


def test_a_text_budget_stays_text_and_gives_an_amount_only_when_it_is_one(tmp_path):
    (need, _), _ = read_need(tmp_path, budget="2 000 000 SEK")
    assert need.budget == "2 000 000 SEK"
    assert budget_amount(need.budget) == Money(Decimal(2000000), "SEK")
    assert amount_in_text("cirka 2 miljoner") is None


@pytest.mark.parametrize("written, day, hour", [
    ("2027-01-15", date(2027, 1, 15), None),
    ("2027-01-15 12:00", date(2027, 1, 15), time(12, 0)),
    ("'2027-01-15 9:30'", date(2027, 1, 15), time(9, 30)),
])
def test_a_deadline_is_a_day_or_a_day_and_an_hour(tmp_path, written, day, hour):
    (need, problems), _ = read_need(tmp_path, deadline=written)
    assert problems == []
    assert (need.deadline, need.deadline_time) == (day, hour)


@pytest.mark.parametrize("written, message", [
    ("2027-01-15 25:00", "deadline '2027-01-15 25:00' is not a valid date and time (YYYY-MM-DD HH:MM)"),
    ("2027-01-15 kl 12", "deadline '2027-01-15 kl 12' is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DD HH:MM)"),
    ("2026-09-01 12:00\nopens: 2026-10-01", "deadline 2026-09-01 12:00 is before opens 2026-10-01. Correct one of the dates."),
])
def test_a_bad_deadline_is_an_error_at_its_line(tmp_path, written, message):
    (need, problems), raw = read_need(tmp_path, deadline=written)
    assert need is None
    assert problems == [(line_of(raw, "deadline"), "error", message)]


def test_a_call_closes_at_its_hour_and_a_day_alone_at_the_end_of_the_day(tmp_path):
    zone = ZoneInfo("Europe/Stockholm")
    (timed, _), _ = read_need(tmp_path, deadline="2027-01-15 12:00")
    (daily, _), _ = read_need(tmp_path, deadline="2027-01-15")
    assert timed.closes_at(zone) == datetime(2027, 1, 15, 12, 0, tzinfo=zone)
    assert daily.closes_at(zone) == datetime(2027, 1, 16, 0, 0, tzinfo=zone)
    morning, noon = datetime(2027, 1, 15, 11, 59, tzinfo=zone), datetime(2027, 1, 15, 12, 0, tzinfo=zone)
    assert (timed.status_on(morning), timed.status_on(noon)) == (Status.OPEN, Status.CLOSED)
    assert (daily.status_on(noon), daily.status_on(datetime(2027, 1, 16, tzinfo=zone))) == (Status.OPEN, Status.CLOSED)


@pytest.mark.parametrize("key, value, message", [
    ("questions", "Får vi?", "questions must be a list of mappings, each starting with '- ', e.g.\nquestions:\n"
                             "  - question: Får flera företag söka tillsammans?\n    answer: Ja, ett konsortium får söka.\n"
                             "    answered: 2026-12-01"),
    ("questions", "[{question: Får vi?}]", "required field 'questions[1].answer' is missing"),
    ("questions", "[{question: Får vi?, answer: Ja, answered: igår}]",
     "questions[1].answered 'igår' is not a valid date (YYYY-MM-DD)"),
    ("meetings", "[{title: Möte, start: 2026-12-01, url: 'https://example.se/m'}]",
     "meetings[1].start needs its hour too, e.g. 2026-12-01 13:00"),
    ("meetings", "[{title: Möte, start: '2026-12-01 13:00'}]",
     "meetings[1] needs a place or a url (or both): where to come, or where to join"),
    ("meetings", "[{title: Möte, start: '2026-12-01 13:00', place: Här, recording: film.mp4}]",
     "meetings[1].recording 'film.mp4' must be an absolute http(s) URL, e.g. https://example.org/"),
    ("meetings", "[{title: Möte, start: '2026-12-01 13:00', end: '2026-12-01 12:00', place: Här}]",
     "meetings[1].end 2026-12-01 12:00 is before its start 2026-12-01 13:00"),
    ("meetings", "[{title: Möte, start: '2026-12-01 13:00', place: Här, register_by: 2026-12-02}]",
     "The last day to register (meetings[1].register_by), 2026-12-02, is after the meeting, which starts 2026-12-01 13:00"),
    ("journey", "[{stage: Pilot, state: klar}]", "journey[1].state 'klar' is not one of: done, current, planned"),
    ("questions_until", "snart", "questions_until 'snart' is not a valid date (YYYY-MM-DD)"),
])
def test_bad_questions_meetings_and_journeys_are_errors_at_their_line(tmp_path, key, value, message):
    (need, problems), raw = read_need(tmp_path, **{key: value})
    assert need is None
    assert problems == [(line_of(raw, key), "error", message)]
