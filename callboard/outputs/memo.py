"""Memo: pieces of generated files kept between builds, so that an edit makes again only what
it changed. A module of its own because every generator uses it and it must use none of them."""

from __future__ import annotations

import hashlib
from typing import Callable, TypeVar

from callboard.content.models import Item
from callboard.core.store import EntryStore

T = TypeVar("T")


def item_key(item: Item) -> str:
    """What of an item can change anything made from it: its file's bytes, and what the
    assemble step computed for the build date."""
    computed = tuple(getattr(item, name, None) for name in ("status", "days_left", "preview", "updated", "changes"))
    return item.digest + repr(computed)


class Memo:
    """Pieces of generated files (an item's JSON record, its calendar event, a whole feed) kept
    in the build cache under a hash of everything they are made from, so that after an edit
    only the pieces of what changed are made again. `salt` stands for what every piece
    depends on: callboard's code and the config, which includes the build date.

    Made in forked workers, new pieces are collected in `added` (and the keys looked up in
    `used`) for the parent to store."""

    PREFIX = "fragment:"

    def __init__(self, salt: str, store: EntryStore | None):
        self.salt = salt
        self.store = store
        self.added: dict[str, object] = {}
        self.used: set[str] = set()

    def __call__(self, namespace: str, inputs: object, make: Callable[[], T]) -> T:
        """The piece `make()` would give; `inputs` (compared by repr) must name all it reads."""
        if self.store is None:
            return make()
        key = self.PREFIX + _hash(f"{self.salt}\0{namespace}\0{inputs!r}")
        self.used.add(key)
        if key in self.added:
            return self.added[key]  # type: ignore[return-value]
        found = self.store.get(key)
        if found is None:
            found = self.added[key] = make()
        return found


NO_MEMO = Memo("", None)
"""Makes every piece anew and keeps nothing: for callers without a cache."""




def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
