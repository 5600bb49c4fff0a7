"""One build of a board at a time: the board's cache is opened only while holding its lock.

Two builds that shared `.callboard-cache/` at once could each trust what the other is about to
change (the manifest of the output folder, the spare folder); a second build therefore waits
for the first, and then sees what it left.

The lock is `filelock`'s: `flock` on Linux and macOS, `LockFileEx` on Windows, released by the
operating system when the process holding it dies, so a killed build never leaves the board locked.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import ContextManager, Iterator

from filelock import FileLock, Timeout

from callboard.build.cache import CACHE_DIR, BuildCache, Cache
from callboard.config import board_translator
from callboard.core.diagnostics import say
from callboard.core.safefiles import own_folder, refuse_link


@contextmanager
def board_lock(root: Path) -> Iterator[None]:
    """Only one build of a board at a time: a second one waits for the first to finish."""
    lock = FileLock(refuse_link(own_folder(root / CACHE_DIR) / "lock"), thread_local=False)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        print(board_translator(root).message(say("waiting_for_other_build")), file=sys.stderr)
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


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
