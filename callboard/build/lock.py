"""One build of a board at a time: the board's cache is opened only while holding its lock.

Two builds that shared `.callboard-cache/` at once could each trust what the other is about to
change (the manifest of the output folder, the spare folder); a second build therefore waits
for the first, and then sees what it left.
"""

from __future__ import annotations

import fcntl
import os
import sys
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import ContextManager, Iterator

from callboard.build.cache import CACHE_DIR, BuildCache, Cache
from callboard.config import board_translator
from callboard.core.diagnostics import say
from callboard.core.safefiles import open_nofollow, own_folder


@contextmanager
def board_lock(root: Path) -> Iterator[None]:
    """Only one build of a board at a time: a second one waits for the first to finish."""
    folder = own_folder(root / CACHE_DIR)
    with os.fdopen(open_nofollow(folder / "lock", os.O_RDWR | os.O_CREAT), "r+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(board_translator(root).message(say("waiting_for_other_build")), file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def _locked_cache(root: Path) -> Iterator[BuildCache]:
    with board_lock(root):
        yield BuildCache.open(root)


def open_cache(root: Path, use_cache: bool, given: Cache | None = None) -> ContextManager[Cache | None]:
    """The cache of one run: `given` (the dev server's, in memory, which no other process
    sees), else the board's `.callboard-cache/` under the board's lock, else none (--no-cache)."""
    if given is not None:
        return nullcontext(given)
    if not use_cache:
        return nullcontext(None)
    return _locked_cache(root)
