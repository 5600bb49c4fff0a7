"""A hub's gathered items made ordinary items of its board: one copy each, with a slug of its own.

The foreign items (`Content.foreign`, each with its `origin`) join the local ones before the
board is assembled, so that every list, taxonomy, feed, calendar and open-data file takes them
as it takes the board's own. Two things make that safe:

- **One copy of each item.** The same item reached through two sources (or through a source
  that itself gathered it) has the same `origin.url`, its page on the board that published it:
  it is kept once. The copy read from the publishing board itself wins (its `source`, the
  address it was read at, is its origin's); else the first in the order of `[[sources]]`. An
  item whose origin is this board itself (a hub that reads a hub that reads it) is left out.
- **A slug no local item can have.** `<board>--<slug>`: the publishing board's host and path
  as a slug, two hyphens, and the last step of the item's address there. A local slug never
  holds two hyphens in a row (SLUG_RE), so the hub's page of a foreign item can never take a
  local page's place, and the slug stays the same whichever source brought the item. Two items
  that would still get the same slug are told apart by a number, in the order of their addresses.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Iterable
from urllib.parse import urlsplit

from callboard.content.models import Item
from callboard.core.text import to_slug
from callboard.i18n import Translator

SEPARATOR = "--"
_BOARD_CHARS = 30
_MAX_SLUG = 100
"""The open-data contract's limit on a slug: a hub that reads this hub must accept it."""


def canonical_url(item: Item, base_url: str) -> str:
    """The address of an item's own page: on the board that published it for a gathered one,
    else on this board (empty without a base_url)."""
    if item.origin is not None:
        return item.origin.url
    return base_url + item.url if base_url else ""


def provenance(item: Item, t: Translator) -> str:
    """"Publicerat av Umeå kommun på Umeå innovationstavla.": the sentence a gathered item's
    page, feed entry and calendar event say where it comes from with."""
    publisher = getattr(item, "organisation", None) or getattr(item, "host", "")
    return t("origin_published", organisation=publisher, board=item.origin.board)


def board_prefix(board_url: str) -> str:
    """The publishing board as the first part of a slug: 'tavla-umea-se' for
    https://www.tavla.umea.se/, 'example-org-umea' for https://example.org/umea/."""
    parts = urlsplit(board_url)
    host = (parts.hostname or "").removeprefix("www.")
    return to_slug(f"{host} {parts.path}", fallback="kalla")[:_BOARD_CHARS].strip("-")


def gathered_items(foreign: Iterable[Item], base_url: str) -> list[Item]:
    """Each foreign item once, with its hub slug, in the order they were read."""
    chosen: dict[tuple[str, str], Item] = {}
    for item in foreign:
        if item.origin is None or (base_url and item.origin.url.startswith(base_url)):
            continue
        key = (item.kind.value, item.origin.url)
        known = chosen.get(key)
        if known is None or (_is_direct(item) and not _is_direct(known)):
            chosen[key] = item
    return _with_slugs(list(chosen.values()))


def _is_direct(item: Item) -> bool:
    return item.source == item.origin.url


def _with_slugs(items: list[Item]) -> list[Item]:
    wanted: dict[tuple[str, str], list[Item]] = defaultdict(list)
    for item in items:
        wanted[(item.kind.value, _hub_slug(item))].append(item)
    slugs: dict[int, str] = {}
    for (_, slug), holders in wanted.items():
        ordered = sorted(holders, key=lambda item: item.origin.url)
        for number, item in enumerate(ordered, start=1):
            slugs[id(item)] = slug if number == 1 else f"{slug[:_MAX_SLUG - 4].rstrip('-')}-{number}"
    # the slug joins the digest: pages and pieces of files cached under it follow a new slug
    return [replace(item, slug=slugs[id(item)], digest=f"{item.digest}:{slugs[id(item)]}") for item in items]


def _hub_slug(item: Item) -> str:
    path = urlsplit(item.origin.url).path.rstrip("/")
    own = to_slug(path.rsplit("/", 1)[-1], fallback=item.slug) if path else item.slug
    prefix = board_prefix(item.origin.board_url)
    return f"{prefix}{SEPARATOR}{own}"[:_MAX_SLUG].rstrip("-")
