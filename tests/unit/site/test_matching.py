"""Matching: a shared category makes a match and says so, nothing shared makes none, the order
is total and the same under every hash seed, and the scores are the documented sums."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import pytest

from callboard.content.models import Case, Contact, Innovator, Need, Status
from callboard.content import models
from callboard.i18n import Translator
from callboard.site.matching import CATEGORY, REGION, TAG, WANTS, best, explain, match_board, unmatched
from tests.support.boards import REPO

CONTACT = Contact("A", "a@example.org")


def need(slug: str, categories=(), tags=(), procurement=None, status=Status.OPEN, testbeds=()) -> Need:
    return Need(slug=slug, source=f"content/needs/{slug}.md", title=slug.title(), summary="S", organisation="O",
                published=date(2026, 10, 1), contact=CONTACT, categories=tuple(categories), tags=tuple(tags),
                procurement=procurement, status=status, testbeds=tuple(testbeds))


def innovator(slug: str, categories=(), tags=(), looking_for=(), location=None) -> Innovator:
    return Innovator(slug=slug, source=f"content/innovators/{slug}.md", title=slug.title(), summary="S",
                     contact=CONTACT, categories=tuple(categories), tags=tuple(tags),
                     looking_for=tuple(looking_for), location=location)


def a_testbed(slug: str, categories=(), tags=(), location=None) -> models.Testbed:
    return models.Testbed(slug=slug, source=f"content/testbeds/{slug}.md", title=slug.title(), summary="S", host="H",
                   contact=CONTACT, categories=tuple(categories), tags=tuple(tags), location=location)


def case(slug: str, categories=(), tags=()) -> Case:
    return Case(slug=slug, source=f"content/cases/{slug}.md", title=slug.title(), summary="S", organisation="O",
                completed=date(2026, 1, 1), categories=tuple(categories), tags=tuple(tags))


def test_a_shared_category_makes_a_match_and_explains_it():
    board = match_board([need("lacka", ["Energi", "Fastigheter"], procurement="innovation-partnership")], [], [],
                        [innovator("solvind", ["energi", "Fastigheter", "Skola"], looking_for=["pilot"])])
    [match] = board.for_need(need("lacka")).innovators
    assert match.item.slug == "solvind"
    assert match.terms == ("Energi", "Fastigheter")
    assert match.wants == ("pilot",)
    assert match.score == 2 * CATEGORY + WANTS
    assert explain(match, Translator("sv")) == "Matchar på: Energi, Fastigheter, söker pilotkund"
    assert explain(match, Translator("en")) == "Matches on: Energi, Fastigheter, looking for a pilot customer"
    [back] = board.for_innovator(innovator("solvind")).needs
    assert (back.item.slug, back.terms, back.score) == ("lacka", ("energi", "Fastigheter"), 2 * CATEGORY + WANTS)


def test_nothing_shared_makes_no_match_even_when_the_wants_fit():
    needs = [need("lacka", ["Energi"], ["sensorer"], procurement="innovation-partnership", testbeds=["labbet"])]
    board = match_board(needs, [a_testbed("labbet", ["Skola"], location="Umeå")], [case("fallet", ["Vatten"])],
                        [innovator("solvind", ["Skola"], ["ai"], looking_for=["pilot", "testbed"], location="Umeå")])
    assert not board.for_need(needs[0])
    assert board.for_innovator(innovator("solvind")).needs == ()
    assert unmatched(needs, board) == (needs[0],)


def test_testbeds_and_case_stories_match_a_need_and_a_testbed_finds_its_seekers():
    needs = [need("lacka", ["Vatten"], ["läcksökning"])]
    board = match_board(needs, [a_testbed("natet", ["Vatten"], ["läcksökning"], location="Växjö")],
                        [case("fallet", ["Vatten"])],
                        [innovator("vakt", ["Vatten"], looking_for=["testbed"], location="Växjö"),
                         innovator("annan", ["Vatten"], looking_for=["pilot"]),
                         innovator("tagg", [], ["läcksökning"], looking_for=["testbed"])])
    found = board.for_need(needs[0])
    assert [m.item.slug for m in found.testbeds] == ["natet"]
    assert [m.item.slug for m in found.cases] == ["fallet"]
    [seeker] = board.for_testbed(a_testbed("natet"))
    assert (seeker.item.slug, seeker.wants, seeker.region) == ("vakt", ("testbed",), "Växjö")
    assert seeker.score == CATEGORY + WANTS + REGION
    assert explain(seeker, Translator("sv")) == "Matchar på: Vatten, söker testbädd, finns i Växjö"


def test_closed_needs_get_no_matches_and_innovators_see_only_open_ones():
    needs = [need("stangd", ["Energi"], status=Status.CLOSED), need("kommande", ["Energi"], status=Status.UPCOMING)]
    board = match_board(needs, [], [], [innovator("solvind", ["Energi"])])
    assert not board.for_need(needs[0]) and board.for_need(needs[1])
    assert board.for_innovator(innovator("solvind")).needs == ()


def test_a_board_without_innovators_matches_nothing():
    assert match_board([need("lacka", ["Energi"])], [a_testbed("t", ["Energi"])], [], []).needs == {}


def test_the_best_come_first_and_equal_scores_go_by_slug():
    innovators = [innovator(slug, categories, tags) for slug, categories, tags in (
        ("c-one-tag", [], ["ai"]), ("b-category", ["Energi"], []), ("a-one-tag", [], ["ai"]),
        ("d-both", ["Energi"], ["ai"]), ("e-category", ["Energi"], []))]
    board = match_board([need("n", ["Energi"], ["ai"])], [], [], innovators)
    ranked = [(m.item.slug, m.score) for m in board.for_need(need("n")).innovators]
    assert ranked == [("d-both", CATEGORY + TAG), ("b-category", CATEGORY), ("e-category", CATEGORY),
                      ("a-one-tag", TAG), ("c-one-tag", TAG)]


def test_best_is_a_weighted_count_with_the_lowest_position_first_on_a_tie():
    sets = [(0b0110, 3), (0b1100, 1), (0b0001, 1)]
    assert best(sets, 0b1111, 4) == [(2, 4), (1, 3), (0, 1), (3, 1)]
    assert best(sets, 0b1111, 2) == [(2, 4), (1, 3)]
    assert best(sets, 0b1011, 10) == [(1, 3), (0, 1), (3, 1)]
    assert best([], 0b1, 3) == []


ORDER_SCRIPT = """
import json
from callboard.content.load import load_content
from callboard.config import load_config
from callboard.core.diagnostics import Diagnostics
from callboard.site.assemble import assemble
from datetime import date
diagnostics = Diagnostics()
config = load_config(__import__("pathlib").Path({root!r}), diagnostics).with_options(today=date(2026, 11, 28))
board = assemble(load_content(config, diagnostics), config)
found = {{}}
for slug, f in board.matches.needs.items():
    for kind, matches in (("innovators", f.innovators), ("testbeds", f.testbeds), ("cases", f.cases)):
        found[slug + "/" + kind] = [[m.item.slug, m.score, list(m.terms), list(m.wants)] for m in matches]
for slug, f in board.matches.innovators.items():
    found[slug + "/needs"] = [[m.item.slug, m.score, list(m.terms), list(m.wants)] for m in f.needs]
print(json.dumps(found, sort_keys=True))
"""


def test_the_order_is_the_same_under_every_hash_seed():
    """Sets and dicts of strings iterate in another order under each PYTHONHASHSEED: the
    matches of the example board must not."""
    runs = set()
    for seed in ("0", "1", "12345", "987654321"):
        environment = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
        result = subprocess.run([sys.executable, "-c", ORDER_SCRIPT.format(root=str(REPO))], env=environment,
                                capture_output=True, text=True, check=True)
        runs.add(result.stdout)
    assert len(runs) == 1
    found = json.loads(runs.pop())
    assert found["lacksokning-i-vattenledningsnatet/innovators"][0][0] == "lackvakt"
    assert sum(len(entries) for entries in found.values()) > 50
    for entries in found.values():
        assert entries == sorted(entries, key=lambda entry: (-entry[1], entry[0]))


@pytest.mark.parametrize("wants, procurement, fits", [
    (["pilot"], "innovation-partnership", True), (["pilot"], "dialogue", False),
    (["financing"], "pre-commercial", True), (["testbed"], "testbed", True), (["partner"], "direct-award", False),
])
def test_what_an_innovator_looks_for_fits_the_form_of_procurement(wants, procurement, fits):
    board = match_board([need("n", ["Energi"], procurement=procurement)], [], [],
                        [innovator("i", ["Energi"], looking_for=wants)])
    [match] = board.for_need(need("n")).innovators
    assert match.score == CATEGORY + (WANTS if fits else 0)
    assert match.wants == (tuple(wants) if fits else ())
