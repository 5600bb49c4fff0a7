"""Stage 2: put the loaded content together for one build date.

Decides which items are published and each need's status, links needs, testbeds and cases to
each other, builds the taxonomies and sorts every list once, so that templates only display.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from datetime import date
from typing import Iterable, TypeVar

from slugify import slugify

from .config import Config
from .load import Content
from .models import Case, Item, Need, Status, Term, Testbed

CLOSING_SOON_DAYS = 14
_STATUS_ORDER = {status: index for index, status in enumerate(Status)}
_SWEDISH_LAST = {"å": "\ue001", "ä": "\ue002", "æ": "\ue002", "ö": "\ue003", "ø": "\ue003"}
"""Private-use characters sort after every letter, as å, ä and ö do in Swedish."""

T = TypeVar("T", bound=Item)


@lru_cache(maxsize=65536)
def collation_key(text: str) -> str:
    """Sort key in Swedish alphabetical order: å, ä, ö come after z; é sorts as e, ü as y."""
    folded = []
    for char in text.casefold():
        if char in _SWEDISH_LAST:
            folded.append(_SWEDISH_LAST[char])
        elif char == "ü":
            folded.append("y")
        else:
            folded.append("".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)))
    return "".join(folded)


def need_status(need: Need, today: date) -> Status:
    """An editor's status wins; else upcoming before `opens`, closed after the deadline day."""
    if need.declared_status:
        return Status(need.declared_status)
    if need.opens and need.opens > today:
        return Status.UPCOMING
    if need.deadline and need.deadline < today:
        return Status.CLOSED
    return Status.OPEN


def with_status(need: Need, today: date) -> Need:
    status = need_status(need, today)
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
        return (0, need.deadline is None, need.deadline or date.max, title)
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

    @property
    def open_needs(self) -> tuple[Need, ...]:
        return tuple(n for n in self.needs if n.status is Status.OPEN)

    def closing_soon(self, days: int = CLOSING_SOON_DAYS) -> tuple[Need, ...]:
        return tuple(n for n in self.open_needs if n.days_left is not None and n.days_left <= days)

    def newest_needs(self, count: int) -> tuple[Need, ...]:
        active = [n for n in self.needs if n.status.is_active]
        return tuple(sorted(active, key=lambda n: (-n.published.toordinal(), collation_key(n.title)))[:count])


def assemble(content: Content, config: Config) -> Board:
    needs = sorted((with_status(n, config.today) for n in published(content.needs, config)), key=need_order)
    testbeds = sorted(published(content.testbeds, config), key=lambda t: collation_key(t.title))
    cases = sorted(published(content.cases, config), key=lambda c: (-c.completed.toordinal(), collation_key(c.title)))
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

    categories = build_terms(needs, testbeds, cases, lambda item: item.categories)
    tags = build_terms(needs, testbeds, cases, lambda item: item.tags)
    organisations = build_terms(needs, testbeds, cases, lambda item: (getattr(item, "organisation", None) or getattr(item, "host", None),))
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
    )


def build_terms(needs: Iterable[Need], testbeds: Iterable[Testbed], cases: Iterable[Case], names_of) -> tuple[Term, ...]:
    """Group items under each name `names_of(item)` gives; names that slug alike are one term,
    shown under the spelling that sorts first."""
    grouped: dict[str, dict] = defaultdict(lambda: {"names": [], "need": [], "testbed": [], "case": [], "seen": set()})
    for items in (needs, testbeds, cases):
        for item in items:
            for name in names_of(item):
                if not name:
                    continue
                group = grouped[term_slug(name)]
                group["names"].append(name)
                if (item.kind, item.slug) not in group["seen"]:
                    group["seen"].add((item.kind, item.slug))
                    group[item.kind.value].append(item)
    terms = [
        Term(name=min(group["names"], key=lambda n: (collation_key(n), n)), slug=slug,
             needs=tuple(group["need"]), testbeds=tuple(group["testbed"]), cases=tuple(group["case"]))
        for slug, group in grouped.items()
    ]
    return tuple(sorted(terms, key=lambda t: (collation_key(t.name), t.slug)))


@lru_cache(maxsize=65536)
def term_slug(name: str) -> str:
    return slugify(name) or "namnlos"
