"""The page first: an edited item's own page, made from the last build's board before the whole
build runs again (the dev server's quick path).

When a save changes only what an item's own page shows and nothing the assemble step reads (its
title, summary, body, contact...: `SHOWN_ONLY`), the item's page is the page the last build
planned for it with the new item in its place: the relations, taxonomies and sort orders that
page shows are the last build's, and they are still right. Anything else (a new file, a
deletion, a rename, a template, a category changed, a content error, another day) gets no quick
page: the whole build, which always follows, makes it, and its output is the site.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import PurePosixPath
from typing import Sequence

import jinja2

from callboard.build.cache import MemoryCache
from callboard.config import Config
from callboard.content.load import load_item
from callboard.content.models import Item, Need
from callboard.content.sources import read_source
from callboard.core.diagnostics import Severity
from callboard.site.assemble import Board
from callboard.site.pages import item_page
from callboard.site.render import Renderer

SHOWN_ONLY = frozenset({"title", "summary", "body_html", "body_line", "body_links", "lines", "digest", "contact",
                        "budget", "apply", "eligibility", "criteria", "extra"})
"""The fields of an item that only its own page, its card and the generated files show: no step
of assembling (publishing, statuses, relations, taxonomies, matching) reads them. The title is
one only for an item in no shared group (a group lists its needs by title)."""
_KEY = b"quick"
"""Key of the digest of a file read here: the item is rendered, never cached."""


@dataclass(frozen=True)
class Shown:
    """What the last good build showed: its board, the renderer that drew it, and its items by
    source file."""

    board: Board
    renderer: Renderer
    by_source: dict[str, Item]

    @classmethod
    def of(cls, board: Board, renderer: Renderer) -> "Shown":
        return cls(board, renderer, {item.source: item for item in board.items if item.origin is None})


def quick_pages(shown: Shown, changed: Sequence[str], today: date) -> dict[str, bytes] | None:
    """Site path -> bytes of the own page of each item whose file is among `changed` (board-relative
    paths), or None when any change needs the whole build to show it. `today` is the day the
    next build will be for: on another day than the last build's, statuses may have moved."""
    board, renderer = shown.board, shown.renderer
    if today != board.config.today or not changed:
        return None
    pages = {}
    for path in changed:
        old = shown.by_source.get(path)
        new = reread(board.config, old) if old is not None else None
        if new is None or not shows_the_same_relations(board, old, new):
            return None
        page = item_page(board, new, renderer.t)
        if page is None:
            return None
        try:
            pages[page.path] = renderer.render(page)
        except jinja2.TemplateError:
            return None
    return pages


def reread(config: Config, old: Item) -> Item | None:
    """The item as its file now says, with what the assemble step and git gave the old one, or
    None when the file cannot be read or has an error (the whole build reports it)."""
    source_path = PurePosixPath(old.source)
    if source_path.name == "index.md" and source_path.parent.name == old.slug:
        return None  # a page bundle: its documents are the whole build's
    try:
        source = read_source(config.root / old.source, old.kind, old.source, _KEY, None)
    except OSError:
        return None
    item, problems = load_item(config, source)
    if item is None or type(item) is not type(old) or any(p.severity is Severity.ERROR for p in problems):
        return None
    kept = {"preview": old.preview, "updated": old.updated}
    if isinstance(old, Need):
        kept |= {"status": old.status, "days_left": old.days_left, "changes": old.changes}
    return replace(item, **kept)


def shows_the_same_relations(board: Board, old: Item, new: Item) -> bool:
    """Whether `new` differs from `old` only in what the assemble step does not read."""
    if any(getattr(old, f.name) != getattr(new, f.name) for f in fields(old) if f.name not in SHOWN_ONLY):
        return False
    return new.title == old.title or old.slug not in board.sharing


def note_quick_pages(cache: MemoryCache, written: dict[str, str]) -> None:
    """The live folder now holds new bytes for these pages (path -> content hash): the next build
    must render them again (not link them as they were) and must not find that nothing changed."""
    state = cache.state
    live = {**state.live, **written} if state.live is not None else None
    pages = {path: fingerprint for path, fingerprint in state.pages.items() if path not in written}
    cache.state = replace(state, live=live, pages=pages, inputs=None, snapshot=None)
