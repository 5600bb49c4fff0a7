"""Stage 2: put the loaded content together for one build date.

Decides which items are published and each need's status, links needs, testbeds and cases to
each other, builds the taxonomies and sorts every list once, so that templates only display.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from itertools import islice
from typing import Iterable, Mapping, TypeVar

from callboard.config import Config
from callboard.content.media import WebImage
from callboard.content.models import Case, Content, Innovator, Item, Need, Status, Term, Testbed
from callboard.core.text import collation_key, to_slug
from callboard.site.deadlines import closes_soon
from callboard.site.gathered import gathered_items
from callboard.site.matching import Matches, match_board
from callboard.site.sharing import Sharing, share_needs, shared_groups

RELATED_NEEDS = 3
RELATED_TESTBEDS = 3
TESTBED_OPEN_NEEDS = 10
_STATUS_ORDER = {status: index for index, status in enumerate(Status)}

T = TypeVar("T", bound=Item)


def need_status(need: Need, now: date | datetime) -> Status:
    """The need's status at `now`, a moment or a day (the rule is `Need.status_on`)."""
    return need.status_on(now)


def with_status(need: Need, now: date | datetime) -> Need:
    status = need_status(need, now)
    today = now.date() if isinstance(now, datetime) else now
    days_left = (need.deadline - today).days if status is Status.OPEN and need.deadline else None
    return replace(need, status=status, days_left=days_left if days_left is None or days_left >= 0 else None)


def is_published(item: Item, config: Config) -> bool:
    if config.drafts:
        return True
    return not item.draft and not (isinstance(item, Need) and item.published > config.today)


def is_preview(item: Item, today: date) -> bool:
    """Shown only because of --drafts: a draft, or a need whose publishing date is still ahead."""
    return item.draft or (isinstance(item, Need) and item.published > today)


def published(items: Iterable[T], config: Config) -> list[T]:
    """The items this build shows, each marked when it is only a preview."""
    return [replace(item, preview=True) if is_preview(item, config.today) else item
            for item in items if is_published(item, config)]


def need_order(need: Need) -> tuple:
    """Open by soonest deadline (rolling calls last), upcoming by opening date, then the archive
    newest first."""
    title = collation_key(need.title)
    if need.status is Status.OPEN:
        return (0, need.deadline is None, need.deadline or date.max, need.deadline_time or time.max, title)
    if need.status is Status.UPCOMING:
        return (1, need.opens or date.max, title)
    newest = -(need.deadline or need.published).toordinal()
    return (2, newest, _STATUS_ORDER[need.status], title)


@dataclass(frozen=True)
class Board:
    """The whole site's content for one build: published items, sorted, related and classified."""

    config: Config
    needs: tuple[Need, ...]
    testbeds: tuple[Testbed, ...]
    cases: tuple[Case, ...]
    categories: tuple[Term, ...]
    organisations: tuple[Term, ...]
    tags: tuple[Term, ...]
    testbeds_by_need: dict[str, tuple[Testbed, ...]]
    needs_by_testbed: dict[str, tuple[Need, ...]]
    cases_by_need: dict[str, tuple[Case, ...]]
    need_by_case: dict[str, Need]
    needs_by_status: dict[Status, tuple[Need, ...]]
    related_needs: dict[str, tuple[Need, ...]]
    """Up to three open needs like each need: most shared categories and tags, then soonest deadline."""
    nearby_testbeds: dict[str, tuple[Testbed, ...]]
    """Testbeds that share a category with each need, beyond those the need names itself."""
    open_needs_by_testbed_category: dict[str, tuple[Need, ...]]
    """Open needs in each testbed's categories, soonest deadline first."""
    changed_on: dict[str, date]
    """The last day each item's page changed by itself (published, opened, closed, completed),
    by page URL: feeds, calendars and the sitemap date things by it, never by the build time."""
    sharing: dict[str, Sharing] = field(default_factory=dict)
    """The group of each shared need (several organisations, or the same need elsewhere), by slug."""
    images: dict[str, WebImage] = field(default_factory=dict)
    """Static path -> the picture as the site serves it, for every picture a page shows (set by
    the build's images step; empty for a board assembled without it)."""
    innovators: tuple[Innovator, ...] = ()
    """Company profiles, by name."""
    matches: Matches = field(default_factory=Matches)
    """What fits what (`site/matching.py`); empty on a board without innovators."""

    @property
    def items(self) -> tuple[Item, ...]:
        """Every published item, type by type: needs, testbeds, case stories, innovators."""
        return (*self.needs, *self.testbeds, *self.cases, *self.innovators)

    def organisations_count(self, need: Need) -> int:
        """How many organisations have `need`: its own, and those of its shared group."""
        sharing = self.sharing.get(need.slug)
        return sharing.count if sharing else 1

    @property
    def shared_groups(self) -> tuple[Sharing, ...]:
        """The needs that several organisations have, a group each, most organisations first."""
        return shared_groups(self.sharing)

    @property
    def open_needs(self) -> tuple[Need, ...]:
        return tuple(n for n in self.needs if n.status is Status.OPEN)

    def closing_soon(self) -> tuple[Need, ...]:
        return tuple(n for n in self.open_needs if closes_soon(n))

    def newest_needs(self, count: int) -> tuple[Need, ...]:
        active = [n for n in self.needs if n.status.is_active]
        return tuple(sorted(active, key=lambda n: (-n.published.toordinal(), collation_key(n.title)))[:count])

    def category_counts(self) -> tuple[tuple[Term, int], ...]:
        """Categories that have needs, each with its number of open needs."""
        return tuple((term, len(term.open_needs)) for term in self.categories if term.needs)

    @property
    def last_change(self) -> date | None:
        """The newest date any item changed on: the date of the board as a whole."""
        return max(self.changed_on.values(), default=None)

def assemble(content: Content, config: Config) -> Board:
    """The board of `content` for the build date; a hub's gathered items (`Content.foreign`)
    join its own as ordinary items that carry their `origin` (`site/gathered.py`)."""
    gathered = gathered_items(content.foreign, config.base_url)
    needs = sorted((with_status(n, config.now) for n in published(_with(content.needs, gathered, Need), config)),
                   key=need_order)
    testbeds = sorted(published(_with(content.testbeds, gathered, Testbed), config),
                      key=lambda t: collation_key(t.title))
    cases = sorted(published(_with(content.cases, gathered, Case), config),
                   key=lambda c: (-c.completed.toordinal(), collation_key(c.title)))
    innovators = sorted(published(content.innovators, config), key=lambda i: (collation_key(i.title), i.slug))
    need_index = {n.slug: n for n in needs}
    testbed_index = {t.slug: t for t in testbeds}

    testbeds_by_need = {n.slug: tuple(testbed_index[s] for s in n.testbeds if s in testbed_index) for n in needs}
    needs_by_testbed: dict[str, list[Need]] = defaultdict(list)
    for need in needs:
        for testbed in testbeds_by_need[need.slug]:
            needs_by_testbed[testbed.slug].append(need)
    cases_by_need: dict[str, list[Case]] = defaultdict(list)
    need_by_case = {}
    for case in cases:
        if case.need in need_index:
            cases_by_need[case.need].append(case)
            need_by_case[case.slug] = need_index[case.need]

    categories = build_terms(needs, testbeds, cases, lambda item: item.categories, innovators)
    tags = build_terms(needs, testbeds, cases, lambda item: item.tags, innovators)
    organisations = build_terms(needs, testbeds, cases, lambda item: (getattr(item, "organisation", None) or getattr(item, "host", None),))
    sharing = share_needs(needs, frozenset(term.slug for term in organisations), config.base_url)
    return Board(
        config=config,
        needs=tuple(needs),
        testbeds=tuple(testbeds),
        cases=tuple(cases),
        categories=categories,
        organisations=organisations,
        tags=tags,
        testbeds_by_need=testbeds_by_need,
        needs_by_testbed={slug: tuple(items) for slug, items in needs_by_testbed.items()},
        cases_by_need={slug: tuple(items) for slug, items in cases_by_need.items()},
        need_by_case=need_by_case,
        needs_by_status={status: tuple(n for n in needs if n.status is status) for status in Status},
        related_needs=relate_needs(needs, sharing),
        nearby_testbeds=nearby_testbeds(needs, testbeds, testbeds_by_need),
        open_needs_by_testbed_category=open_needs_by_category(testbeds, needs, needs_by_testbed),
        changed_on=changed_on(needs, testbeds, cases, config.now),
        innovators=tuple(innovators),
        matches=match_board(needs, testbeds, cases, innovators),
        sharing=sharing,
    )


def _with(own: list[T], gathered: list[Item], kind: type[T]) -> list[T]:
    return [*own, *(item for item in gathered if isinstance(item, kind))]


def _relation_keys(item: Item) -> set[str]:
    return {"c:" + to_slug(c) for c in item.categories} | {"t:" + to_slug(t) for t in item.tags}


def relate_needs(needs: list[Need], sharing: Mapping[str, Sharing] | None = None,
                 limit: int = RELATED_NEEDS) -> dict[str, tuple[Need, ...]]:
    """For every need, the open needs sharing most categories and tags, then closing soonest;
    never one of its own group of shared needs (`sharing`), which its page lists already.

    `needs` is in list order, so an open need's index is its rank by deadline. Each category and
    tag is a bit set over those ranks; adding a need's sets bit-sliced gives every candidate's
    number of shared terms at once, so a board of 10,000 needs relates in a fraction of a second.
    """
    open_needs = [n for n in needs if n.status is Status.OPEN]
    postings: dict[str, int] = defaultdict(int)
    for index, need in enumerate(open_needs):
        for key in _relation_keys(need):
            postings[key] |= 1 << index
    own_bit = {need.slug: 1 << index for index, need in enumerate(open_needs)}
    sharing = sharing or {}
    related = {}
    for need in needs:
        sets = [postings[key] for key in _relation_keys(need) if key in postings]
        exclude = 0
        for member in sharing[need.slug].needs if need.slug in sharing else (need,):
            exclude |= own_bit.get(member.slug, 0)
        ranks = _most_shared(sets, exclude, limit)
        related[need.slug] = tuple(open_needs[i] for i in ranks)
    return related


def _most_shared(sets: list[int], exclude: int, limit: int) -> list[int]:
    """The `limit` lowest bit positions, those present in most of `sets` first."""
    planes: list[int] = []
    for bits in sets:
        carry = bits & ~exclude
        for position, plane in enumerate(planes):
            planes[position], carry = plane ^ carry, plane & carry
        if carry:
            planes.append(carry)
    union = 0
    for bits in sets:
        union |= bits
    union &= ~exclude
    found: list[int] = []
    for shared in range(len(sets), 0, -1):
        exact = union
        for position, plane in enumerate(planes):
            exact &= plane if shared >> position & 1 else ~plane
        if shared >> len(planes):
            exact = 0
        while exact and len(found) < limit:
            lowest = exact & -exact
            found.append(lowest.bit_length() - 1)
            exact ^= lowest
        if len(found) == limit:
            break
    return found


def nearby_testbeds(needs: list[Need], testbeds: list[Testbed], named: dict[str, tuple[Testbed, ...]],
                    limit: int = RELATED_TESTBEDS) -> dict[str, tuple[Testbed, ...]]:
    """Testbeds sharing most categories with each need (alphabetical on a tie), named ones left out."""
    by_category: dict[str, list[int]] = defaultdict(list)
    for index, testbed in enumerate(testbeds):
        for category in {to_slug(c) for c in testbed.categories}:
            by_category[category].append(index)
    ranked: dict[frozenset[str], list[int]] = {}
    nearby = {}
    for need in needs:
        categories = frozenset(to_slug(c) for c in need.categories)
        if categories not in ranked:
            counts: Counter[int] = Counter()
            for category in categories:
                counts.update(by_category.get(category, ()))
            ranked[categories] = sorted(counts, key=lambda i: (-counts[i], i))
        own = {t.slug for t in named.get(need.slug, ())}
        chosen = (testbeds[i] for i in ranked[categories] if testbeds[i].slug not in own)
        nearby[need.slug] = tuple(islice(chosen, limit))
    return nearby


def open_needs_by_category(testbeds: list[Testbed], needs: list[Need], named: dict[str, list[Need]],
                           limit: int = TESTBED_OPEN_NEEDS) -> dict[str, tuple[Need, ...]]:
    """The open needs in each testbed's categories, in list order (soonest deadline first),
    leaving out those that name the testbed themselves (the page lists them already)."""
    open_needs = [n for n in needs if n.status is Status.OPEN]
    rank = {need.slug: index for index, need in enumerate(open_needs)}
    by_category: dict[str, int] = defaultdict(int)
    for index, need in enumerate(open_needs):
        for category in need.categories:
            by_category[to_slug(category)] |= 1 << index
    result = {}
    for testbed in testbeds:
        found = 0
        for category in testbed.categories:
            found |= by_category.get(to_slug(category), 0)
        for need in named.get(testbed.slug, ()):
            found &= ~(1 << rank[need.slug]) if need.slug in rank else -1
        chosen = []
        while found and len(chosen) < limit:
            lowest = found & -found
            chosen.append(open_needs[lowest.bit_length() - 1])
            found ^= lowest
        result[testbed.slug] = tuple(chosen)
    return result


def need_changed_on(need: Need, now: date | datetime) -> date:
    """The latest of: published, opened, closed (the day of the closing moment: the deadline's
    hour, else the day after the deadline), and the day of a change committed to it
    (`Need.changes`), as far as they have passed."""
    today = now.date() if isinstance(now, datetime) else now
    dates = [need.published, *(change.day for change in need.changes if change.day <= today)]
    if need.opens and need.opens <= today:
        dates.append(need.opens)
    closes = need.closes_at(now.tzinfo) if isinstance(now, datetime) and now.tzinfo else None
    if closes and closes <= now:
        dates.append(closes.date())
    elif not closes and need.deadline and need.deadline < today:
        dates.append(need.deadline + timedelta(days=1))
    return max(dates)


def changed_on(needs: Iterable[Need], testbeds: Iterable[Testbed], cases: Iterable[Case],
               now: date | datetime) -> dict[str, date]:
    today = now.date() if isinstance(now, datetime) else now
    dates = {need.url: need_changed_on(need, now) for need in needs}
    dates.update((t.url, t.available_from) for t in testbeds if t.available_from and t.available_from <= today)
    dates.update((case.url, case.completed) for case in cases)
    return dates


def build_terms(needs: Iterable[Need], testbeds: Iterable[Testbed], cases: Iterable[Case], names_of,
                innovators: Iterable[Innovator] = ()) -> tuple[Term, ...]:
    """Group items under each name `names_of(item)` gives; names that slug alike are one term,
    shown under the spelling that sorts first."""
    grouped: dict[str, dict] = defaultdict(lambda: {"names": [], "need": [], "testbed": [], "case": [],
                                                    "innovator": [], "seen": set()})
    for items in (needs, testbeds, cases, innovators):
        for item in items:
            for name in names_of(item):
                if not name:
                    continue
                group = grouped[to_slug(name)]
                group["names"].append(name)
                if (item.kind, item.slug) not in group["seen"]:
                    group["seen"].add((item.kind, item.slug))
                    group[item.kind.value].append(item)
    terms = [
        Term(name=min(group["names"], key=lambda n: (collation_key(n), n)), slug=slug,
             needs=tuple(group["need"]), testbeds=tuple(group["testbed"]), cases=tuple(group["case"]),
             innovators=tuple(group["innovator"]))
        for slug, group in grouped.items()
    ]
    return tuple(sorted(terms, key=lambda t: (collation_key(t.name), t.slug)))
