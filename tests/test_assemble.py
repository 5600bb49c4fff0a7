from datetime import date

import pytest

from callboard.assemble import build_terms, collation_key, is_published, need_order, need_status, with_status
from callboard.config import Config
from callboard.models import Contact, Need, Status
from callboard import models

TODAY = date(2026, 11, 28)
CONTACT = Contact("A", "a@b.se")


def need(**fields) -> Need:
    defaults = dict(slug="n", source="content/needs/n.md", title="N", summary="S", organisation="O",
                    published=date(2026, 10, 1), contact=CONTACT)
    return Need(**{**defaults, **fields})


@pytest.mark.parametrize("fields,expected", [
    ({}, Status.OPEN),
    ({"deadline": TODAY}, Status.OPEN),
    ({"deadline": date(2026, 11, 27)}, Status.CLOSED),
    ({"deadline": date(2026, 11, 29)}, Status.OPEN),
    ({"opens": date(2026, 11, 29)}, Status.UPCOMING),
    ({"opens": TODAY}, Status.OPEN),
    ({"opens": date(2026, 12, 1), "deadline": date(2026, 11, 1)}, Status.UPCOMING),
    ({"declared_status": "awarded", "deadline": date(2027, 1, 1)}, Status.AWARDED),
    ({"declared_status": "open", "deadline": date(2026, 1, 1)}, Status.OPEN),
    ({"declared_status": "cancelled"}, Status.CANCELLED),
    ({"declared_status": "closed", "opens": date(2027, 1, 1)}, Status.CLOSED),
])
def test_status_rules(fields, expected):
    assert need_status(need(**fields), TODAY) is expected


def test_days_left_counts_the_deadline_day_as_zero():
    assert with_status(need(deadline=TODAY), TODAY).days_left == 0
    assert with_status(need(deadline=date(2026, 12, 3)), TODAY).days_left == 5
    assert with_status(need(), TODAY).days_left is None
    assert with_status(need(deadline=date(2026, 1, 1)), TODAY).days_left is None


def test_drafts_and_future_needs_are_only_published_with_drafts(tmp_path):
    config = Config(root=tmp_path, today=TODAY)
    assert is_published(need(), config)
    assert not is_published(need(draft=True), config)
    assert not is_published(need(published=date(2026, 11, 29)), config)
    assert is_published(need(published=TODAY), config)
    assert is_published(need(draft=True), config.with_options(drafts=True))


def test_needs_order_open_by_deadline_rolling_last_then_upcoming_then_archive():
    needs = [
        need(slug="archive-old", deadline=date(2026, 1, 1)),
        need(slug="rolling"),
        need(slug="late", deadline=date(2027, 1, 1)),
        need(slug="upcoming", opens=date(2027, 1, 1)),
        need(slug="soon", deadline=date(2026, 12, 1)),
        need(slug="archive-new", deadline=date(2026, 6, 1)),
    ]
    ordered = sorted((with_status(n, TODAY) for n in needs), key=need_order)
    assert [n.slug for n in ordered] == ["soon", "late", "rolling", "upcoming", "archive-new", "archive-old"]


def test_swedish_alphabetical_order():
    words = ["Östersund", "Ålidhem", "Zeta", "Ängby", "alfa", "Émile", "Ystad"]
    assert sorted(words, key=collation_key) == ["alfa", "Émile", "Ystad", "Zeta", "Ålidhem", "Ängby", "Östersund"]


def test_terms_that_slug_alike_are_one_term():
    items = [need(slug="a", categories=("Energi",)), need(slug="b", categories=("energi",))]
    tb = models.Testbed(slug="t", source="t", title="T", summary="S", host="H", contact=CONTACT, categories=("Energi",))
    (term,) = build_terms(items, [tb], [], lambda item: item.categories)
    assert term.slug == "energi" and term.name == "Energi"
    assert [n.slug for n in term.needs] == ["a", "b"] and term.testbeds == (tb,)
