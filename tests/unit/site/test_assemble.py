from datetime import date

import pytest

from callboard.site.assemble import (_most_shared, assemble, build_terms, collation_key, is_published, nearby_testbeds,
                                need_changed_on, need_order, need_status, open_needs_by_category, relate_needs,
                                with_status)
from callboard.config import Config
from callboard.content.models import Contact, Need, Status
from callboard.content import models
from callboard.site.sharing import share_needs

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


def open_needs(*needs):
    return sorted((with_status(n, TODAY) for n in needs), key=need_order)


def test_related_needs_share_most_terms_then_close_soonest():
    needs = open_needs(
        need(slug="me", categories=("Energi", "Skola"), tags=("sol",), deadline=date(2027, 3, 1)),
        need(slug="one-term-soon", categories=("Energi",), deadline=date(2026, 12, 1)),
        need(slug="one-term-later", categories=("Skola",), deadline=date(2027, 1, 1)),
        need(slug="two-terms-late", categories=("energi",), tags=("Sol",), deadline=date(2027, 6, 1)),
        need(slug="three-terms-rolling", categories=("Energi", "Skola"), tags=("sol",)),
        need(slug="unrelated", categories=("Vatten",), deadline=date(2026, 12, 1)),
        need(slug="closed-twin", categories=("Energi", "Skola"), tags=("sol",), deadline=date(2026, 1, 1)),
    )
    related = relate_needs(needs)
    assert [n.slug for n in related["me"]] == ["three-terms-rolling", "two-terms-late", "one-term-soon"]
    assert [n.slug for n in related["three-terms-rolling"]] == ["me", "two-terms-late", "one-term-soon"]
    assert [n.slug for n in related["closed-twin"]] == ["me", "three-terms-rolling", "two-terms-late"]
    assert related["unrelated"] == ()


def test_a_need_of_the_same_shared_group_is_not_also_a_related_need():
    needs = open_needs(
        need(slug="umea", organisation="Umeå kommun", categories=("Energi",), same_as=("lulea",)),
        need(slug="lulea", organisation="Luleå kommun", categories=("Energi",)),
        need(slug="other", categories=("Energi",)),
    )
    related = relate_needs(needs, share_needs(needs))
    assert [n.slug for n in related["umea"]] == ["other"] and [n.slug for n in related["lulea"]] == ["other"]
    assert sorted(n.slug for n in related["other"]) == ["lulea", "umea"]
    assert [n.slug for n in relate_needs(needs)["umea"]] == ["lulea", "other"]


def test_most_shared_counts_overlaps_of_bit_sets():
    assert _most_shared([0b1111, 0b0110, 0b0100], exclude=0, limit=4) == [2, 1, 0, 3]
    assert _most_shared([0b1111, 0b0110, 0b0100], exclude=0b0100, limit=2) == [1, 0]
    assert _most_shared([], exclude=0, limit=3) == []


def make_testbed(slug, *categories):
    return models.Testbed(slug=slug, source=slug, title=slug.upper(), summary="S", host="H", contact=CONTACT,
                          categories=categories)


def test_testbeds_sharing_categories_and_open_needs_in_a_testbeds_categories():
    needs = open_needs(need(slug="a", categories=("Energi", "Skola"), deadline=date(2026, 12, 24)),
                       need(slug="b", categories=("Skola",), deadline=date(2026, 12, 1)),
                       need(slug="old", categories=("Skola",), deadline=date(2026, 1, 1)))
    testbeds = [make_testbed("both", "Energi", "Skola"), make_testbed("named", "Skola"),
                make_testbed("energy", "Energi"), make_testbed("water", "Vatten")]
    nearby = nearby_testbeds(needs, testbeds, {"a": (testbeds[1],)})
    assert [t.slug for t in nearby["a"]] == ["both", "energy"]
    assert [t.slug for t in nearby["b"]] == ["both", "named"]
    found = open_needs_by_category(testbeds, needs, {"named": [needs[0]]})
    assert [n.slug for n in found["both"]] == ["b", "a"]
    assert [n.slug for n in found["named"]] == ["a"] and found["water"] == ()


def test_changed_on_is_the_last_day_a_need_changed_by_itself():
    assert need_changed_on(need(published=date(2026, 10, 1)), TODAY) == date(2026, 10, 1)
    assert need_changed_on(need(opens=date(2026, 11, 1)), TODAY) == date(2026, 11, 1)
    assert need_changed_on(need(opens=date(2026, 12, 1)), TODAY) == date(2026, 10, 1)
    assert need_changed_on(need(deadline=date(2026, 11, 20)), TODAY) == date(2026, 11, 21)
    assert need_changed_on(need(deadline=TODAY), TODAY) == date(2026, 10, 1)


def test_board_groups_needs_by_status_and_counts_open_needs_per_category(fixture_board):
    from callboard.build.pipeline import RunOptions, check

    result = check(RunOptions(root=fixture_board, now=TODAY))
    board = assemble(result.content, result.config)
    assert [n.slug for n in board.needs_by_status[Status.OPEN]] == ["english-call", "smart-las", "snorojning"]
    assert board.needs_by_status[Status.CANCELLED][0].slug == "avbruten"
    counts = {term.name: count for term, count in board.category_counts()}
    assert counts == {"Digitalisering": 1, "Energi": 1, "Skola": 0, "Trafik": 1, "Vatten": 0, "Vård och omsorg": 1}
    assert board.last_change == date(2026, 11, 28)


def test_every_spelling_of_a_term_links_to_the_one_term(cli, make_board, tmp_path):
    """'Energi' and 'energi' are one term shown under one name; pages using either link to it."""
    from tests.support.boards import NOW, need_file

    root = make_board({"content/needs/a.md": need_file(extra="tags: [Energi]"),
                       "content/needs/b.md": need_file(extra="tags: [energi]")})
    out = tmp_path / "out"
    result = cli("build", "--root", root, "--out", out, "--now", NOW)
    assert result.code == 0, result.err
    for slug in ("a", "b"):
        assert 'href="/tags/energi/"' in (out / f"needs/{slug}/index.html").read_text(encoding="utf-8")


def test_a_very_long_term_gets_a_slug_a_file_system_accepts():
    from callboard.core.text import MAX_SLUG_CHARS, to_slug

    slug = to_slug("Ett mycket långt ord " * 40)
    assert 0 < len(slug) <= MAX_SLUG_CHARS and not slug.endswith("-")
