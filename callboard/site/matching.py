"""Matches made at build time: which innovators, testbeds and case stories fit each open or
upcoming need, which open needs and testbeds fit each innovator, and which innovators looking
for a testbed fit each testbed.

The score is meant to be explained on the page in one line ("Matchar på: Energi, Fastigheter,
söker pilotkund"), so it is a plain sum:

- each shared category: CATEGORY points; each shared tag: TAG points;
- what an innovator is looking for fits the other side (`FITS`: a need bought as an innovation
  partnership fits one that wants a pilot customer or a partner, a testbed fits one that wants a
  testbed...): WANTS points;
- an innovator and a testbed in the same place (`location`, compared as slugs): REGION points.

Only something that shares a category or a tag is a match at all: what an innovator looks for,
or where it is, adds to a match but never makes one. The best come first; on equal scores the
slugs decide, so the order is total and the same on every run (no set or dict order is ever
relied on). Candidates are not compared pair by pair: each category, tag, want and place is a
bit set over the candidates in slug order (an inverted index), and a need's scores are the
weighted sum of its few sets, added bit-sliced (`best`), so the work per need grows with its own
terms, not with the size of the board.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from callboard.content.labels import WANT_REASON
from callboard.content.innovatorschema import LOOKING_FOR
from callboard.content.models import Case, Innovator, Item, Need, Status, Testbed
from callboard.core.text import to_slug
from callboard.i18n import Translator

CATEGORY, TAG, WANTS, REGION = 3, 1, 2, 1
SHOWN = 5
"""The most matches of one kind an item's page shows."""

FITS: dict[str, tuple[str, ...]] = {
    "innovation-partnership": ("pilot", "partner"),
    "pre-commercial": ("pilot", "financing"),
    "testbed": ("testbed",),
    "dialogue": ("partner",),
    "direct-award": ("pilot",),
}
"""A need's form of procurement -> what an innovator looks for that it answers. A need that names
a testbed also answers one looking for a testbed."""

T = TypeVar("T", bound=Item)


@dataclass(frozen=True)
class Match(Generic[T]):
    """One item that fits another, with what it shares, in the words of the page that shows it."""

    item: T
    score: int
    terms: tuple[str, ...] = ()
    """The shared categories, then the shared tags, as the page's own item writes them."""
    wants: tuple[str, ...] = ()
    """What the innovator looks for that fits (values of LOOKING_FOR, in that order)."""
    region: str = ""
    """The place both are in, as the page's own item writes it."""


@dataclass(frozen=True)
class NeedMatches:
    innovators: tuple[Match[Innovator], ...] = ()
    testbeds: tuple[Match[Testbed], ...] = ()
    cases: tuple[Match[Case], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.innovators or self.testbeds or self.cases)


@dataclass(frozen=True)
class InnovatorMatches:
    needs: tuple[Match[Need], ...] = ()
    testbeds: tuple[Match[Testbed], ...] = ()


NO_NEED_MATCHES = NeedMatches()
NO_INNOVATOR_MATCHES = InnovatorMatches()


@dataclass(frozen=True)
class Matches:
    """Every match on the board, by the slug of the item whose page shows them."""

    needs: dict[str, NeedMatches] = field(default_factory=dict)
    innovators: dict[str, InnovatorMatches] = field(default_factory=dict)
    testbeds: dict[str, tuple[Match[Innovator], ...]] = field(default_factory=dict)

    def for_need(self, need: Need) -> NeedMatches:
        return self.needs.get(need.slug, NO_NEED_MATCHES)

    def for_innovator(self, innovator: Innovator) -> InnovatorMatches:
        return self.innovators.get(innovator.slug, NO_INNOVATOR_MATCHES)

    def for_testbed(self, testbed: Testbed) -> tuple[Match[Innovator], ...]:
        return self.testbeds.get(testbed.slug, ())


def term_keys(item: Item) -> dict[str, str]:
    """Key -> name as the item writes it: its categories ('c:energi'), then its tags ('t:ai')."""
    keys: dict[str, str] = {}
    for prefix, names in (("c:", item.categories), ("t:", item.tags)):
        for name in names:
            keys.setdefault(prefix + to_slug(name), name)
    return keys


def place_key(item: Item) -> str:
    location = getattr(item, "location", None)
    return to_slug(location) if location else ""


def need_wants(need: Need) -> tuple[str, ...]:
    """What an innovator may look for that the need answers."""
    wants = set(FITS.get(need.procurement or "", ()))
    if need.testbeds:
        wants.add("testbed")
    return tuple(w for w in LOOKING_FOR if w in wants)


class Index(Generic[T]):
    """Candidates of one kind in slug order, and a bit set over them for every category, tag,
    want and place: bit i is the candidate at position i."""

    def __init__(self, items: Iterable[T], wants_of=lambda item: getattr(item, "looking_for", ())):
        self.items: list[T] = sorted(items, key=lambda item: item.slug)
        self.keys = [set(term_keys(item)) for item in self.items]
        self.terms: dict[str, int] = defaultdict(int)
        self.wants: dict[str, int] = defaultdict(int)
        self.places: dict[str, int] = defaultdict(int)
        for position, item in enumerate(self.items):
            bit = 1 << position
            for key in self.keys[position]:
                self.terms[key] |= bit
            for want in wants_of(item):
                self.wants[want] |= bit
            if place_key(item):
                self.places[place_key(item)] |= bit

    def sharing(self, keys: Iterable[str], categories_only: bool = False) -> int:
        """The candidates that share at least one of `keys`: the only ones that can match."""
        found = 0
        for key in keys:
            if not categories_only or key.startswith("c:"):
                found |= self.terms.get(key, 0)
        return found

    def term_sets(self, keys: Iterable[str]) -> list[tuple[int, int]]:
        return [(self.terms[key], CATEGORY if key.startswith("c:") else TAG) for key in keys if key in self.terms]

    def wanting(self, wants: Iterable[str]) -> int:
        found = 0
        for want in wants:
            found |= self.wants.get(want, 0)
        return found


def best(weighted: Sequence[tuple[int, int]], eligible: int, limit: int) -> list[tuple[int, int]]:
    """(position, score) of the `limit` eligible candidates with the highest sum of the weights
    of the sets they are in, the lowest position first on a tie. The sets are added bit-sliced:
    `planes[p]` holds bit p of every candidate's running sum, so one addition is a handful of
    operations on whole sets, whatever the number of candidates."""
    planes: list[int] = []
    for bits, weight in weighted:
        bits &= eligible
        for start in range(weight.bit_length()):
            if weight >> start & 1:
                _add(planes, bits, start)
    remaining = 0
    for plane in planes:
        remaining |= plane
    found: list[tuple[int, int]] = []
    while remaining and len(found) < limit:
        tied, score = remaining, 0
        for position in range(len(planes) - 1, -1, -1):
            if tied & planes[position]:
                tied &= planes[position]
                score |= 1 << position
        remaining &= ~tied
        while tied and len(found) < limit:
            lowest = tied & -tied
            found.append((lowest.bit_length() - 1, score))
            tied ^= lowest
    return found


def _add(planes: list[int], bits: int, start: int) -> None:
    """Add 2**start to the sum of every candidate in `bits`."""
    while len(planes) < start:
        planes.append(0)
    carry = bits
    for position in range(start, len(planes)):
        if not carry:
            return
        planes[position], carry = planes[position] ^ carry, planes[position] & carry
    if carry:
        planes.append(carry)


def _explained(index: Index[T], found: list[tuple[int, int]], subject: Item,
               wants_of=lambda item: (), with_place: bool = False) -> tuple[Match[T], ...]:
    """The matches `best` found, each with what it shares with `subject`, in its words;
    `wants_of(item)` says what of an innovator's wants fits."""
    if not found:
        return ()
    own = term_keys(subject)
    place = place_key(subject) if with_place else ""
    matches = []
    for position, score in found:
        item = index.items[position]
        shared = tuple(name for key, name in own.items() if key in index.keys[position])
        region = getattr(subject, "location", "") if place and place_key(item) == place else ""
        matches.append(Match(item, score, shared, wants_of(item), region or ""))
    return tuple(matches)


def _both(first: Iterable[str], second: Iterable[str]) -> tuple[str, ...]:
    """What is in both, in the order of LOOKING_FOR."""
    first, second = set(first), set(second)
    return tuple(w for w in LOOKING_FOR if w in first and w in second)


def match_board(needs: Sequence[Need], testbeds: Sequence[Testbed], cases: Sequence[Case],
                innovators: Sequence[Innovator], limit: int = SHOWN) -> Matches:
    """Every match the pages show; nothing at all on a board without innovators."""
    if not innovators:
        return Matches()
    active = [n for n in needs if n.status.is_active]
    offers = {need.slug: need_wants(need) for need in active}
    by_innovator, by_testbed, by_case = Index(innovators), Index(testbeds, lambda t: ()), Index(cases, lambda c: ())
    for_needs = {}
    for need in active:
        keys = term_keys(need)
        wants = offers[need.slug]
        fitting = by_innovator.wanting(wants)
        terms = by_innovator.term_sets(keys)
        for_needs[need.slug] = NeedMatches(
            _explained(by_innovator, best([*terms, (fitting, WANTS)], by_innovator.sharing(keys), limit), need,
                       lambda innovator: _both(wants, innovator.looking_for)),
            _explained(by_testbed, best(by_testbed.term_sets(keys), by_testbed.sharing(keys), limit), need),
            _explained(by_case, best(by_case.term_sets(keys), by_case.sharing(keys), limit), need))
    open_needs = Index([n for n in active if n.status is Status.OPEN], lambda need: offers[need.slug])
    for_innovators = {}
    for innovator in innovators:
        keys = term_keys(innovator)
        fitting = open_needs.wanting(innovator.looking_for)
        wants_testbed = "testbed" in innovator.looking_for
        place = by_testbed.places.get(place_key(innovator), 0)
        testbed_sets = [*by_testbed.term_sets(keys), (-1 if wants_testbed else 0, WANTS), (place, REGION)]
        for_innovators[innovator.slug] = InnovatorMatches(
            _explained(open_needs, best([*open_needs.term_sets(keys), (fitting, WANTS)], open_needs.sharing(keys),
                                        limit), innovator, lambda need: _both(innovator.looking_for, offers[need.slug])),
            _explained(by_testbed, best(testbed_sets, by_testbed.sharing(keys), limit), innovator,
                       lambda testbed: ("testbed",) if wants_testbed else (), with_place=True))
    seekers = by_innovator.wanting(("testbed",))
    for_testbeds = {}
    for testbed in testbeds:
        keys = term_keys(testbed)
        place = by_innovator.places.get(place_key(testbed), 0)
        sets = [*by_innovator.term_sets(keys), (seekers, WANTS), (place, REGION)]
        eligible = by_innovator.sharing(keys, categories_only=True) & seekers
        for_testbeds[testbed.slug] = _explained(by_innovator, best(sets, eligible, limit), testbed,
                                                lambda innovator: ("testbed",), with_place=True)
    return Matches(for_needs, for_innovators, for_testbeds)


def unmatched(needs: Sequence[Need], matches: Matches) -> tuple[Need, ...]:
    """Open and upcoming needs that nothing on the board fits: where the hub must go scouting."""
    return tuple(n for n in needs if n.status.is_active and not matches.for_need(n))


def explain(match: Match, t: Translator) -> str:
    """Why it matches, in one line: "Matchar på: Energi, Fastigheter, söker pilotkund"."""
    reasons = [*match.terms, *(t(WANT_REASON[want]) for want in match.wants)]
    if match.region:
        reasons.append(t("match_region", place=match.region))
    return t("match_on", reasons=", ".join(reasons))
