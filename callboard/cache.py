"""The persistent build cache in `.callboard-cache/`: what the last build read and wrote.

Safe to delete at any time; a build without it is a clean build. It holds:
- `state.json`: fingerprints of the last build's inputs and the manifest of the output it
  wrote, small enough to decide in milliseconds that nothing has changed;
- `items.pickle`: every loaded file (model and problems) keyed by the file's bytes, so an
  edit re-parses one file rather than ten thousand; and the links and ids of every page keyed
  by the page's bytes (`SCAN_PREFIX`), so the link check reads only the pages that changed.

The pickle is signed with a key kept outside the board (in the user's cache folder): a cache
committed to the repository by someone else, or damaged on disk, fails the check and is
discarded with a one-line warning instead of being unpickled.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import os
import pickle
import secrets
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from . import __version__

CACHE_DIR = ".callboard-cache"
FORMAT = 1
SCAN_PREFIX = "page-links:"
"""Keys of page scans among the items: a run that checks no links (`check`) keeps them."""
_MAGIC = b"callboard-cache\n"


def signing_key() -> bytes | None:
    """A random key private to this user and machine, created on first use."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "callboard"
    path = base / "cache-key"
    try:
        if not path.exists():
            base.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(secrets.token_bytes(32))
        return path.read_bytes()
    except OSError:
        return None


@dataclass
class BuildCache:
    """One board's cache, opened for one build while holding the board's lock."""

    folder: Path
    key: bytes | None
    state: dict = field(default_factory=dict)
    items: dict = field(default_factory=dict)
    items_loaded: bool = False
    used: set[str] = field(default_factory=set)
    changed: bool = False
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, root: Path) -> "BuildCache":
        cache = cls(folder=root / CACHE_DIR, key=signing_key())
        cache.state = cache._read_state()
        return cache

    # -- small state -------------------------------------------------------------------

    def _read_state(self) -> dict:
        path = self.folder / "state.json"
        if not path.exists():
            return {}
        try:
            state = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.warn("the build cache was damaged and has been discarded")
            return {}
        if not isinstance(state, dict) or state.get("format") != FORMAT or state.get("version") != __version__:
            return {}
        return state

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    # -- loaded items ------------------------------------------------------------------

    def get(self, digest: str):
        self._load_items()
        self.used.add(digest)
        return self.items.get(digest)

    def put(self, digest: str, loaded) -> None:
        self.used.add(digest)
        self.items[digest] = loaded
        self.changed = True

    def _load_items(self) -> None:
        if self.items_loaded:
            return
        self.items_loaded = True
        path = self.folder / "items.pickle"
        if not path.exists() or self.key is None:
            return
        data = path.read_bytes()
        signature, payload = data[len(_MAGIC) : len(_MAGIC) + 32], data[len(_MAGIC) + 32 :]
        expected = hmac.new(self.key, payload, hashlib.sha256).digest()
        if not data.startswith(_MAGIC) or not hmac.compare_digest(signature, expected):
            self.warn("the build cache was damaged or made elsewhere and has been discarded")
            return
        try:
            items = pickle.loads(payload)
        except Exception:  # noqa: BLE001 - any unpickling failure means the same: start over
            self.warn("the build cache could not be read and has been discarded")
            return
        if isinstance(items, dict):
            self.items = items

    # -- saving ------------------------------------------------------------------------

    def save(self, state: dict) -> None:
        """Write the state, and the items this build used when they changed (pruning the rest)."""
        self.folder.mkdir(exist_ok=True)
        (self.folder / ".gitignore").write_text("*\n", encoding="utf-8")
        keep_scans = not any(key.startswith(SCAN_PREFIX) for key in self.used)
        kept_keys = {key for key in self.items if key in self.used or (keep_scans and key.startswith(SCAN_PREFIX))}
        if self.key is not None and self.items_loaded and (self.changed or kept_keys != set(self.items)):
            kept = {key: self.items[key] for key in sorted(kept_keys)}
            payload = pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL)
            signature = hmac.new(self.key, payload, hashlib.sha256).digest()
            _atomic_write(self.folder / "items.pickle", _MAGIC + signature + payload)
        state.update(format=FORMAT, version=__version__)
        _atomic_write(self.folder / "state.json", json.dumps(state, sort_keys=True).encode())
        self.state = state


@dataclass
class MemoryCache:
    """BuildCache's interface kept in memory, for a process that builds again and again into a
    folder of its own (the dev server): incremental like `callboard build`, but it never touches
    `.callboard-cache/`, whose state describes `site/`."""

    state: dict = field(default_factory=dict)
    items: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    used: set[str] = field(default_factory=set)

    def get(self, digest: str):
        self.used.add(digest)
        return self.items.get(digest)

    def put(self, digest: str, loaded) -> None:
        self.used.add(digest)
        self.items[digest] = loaded

    def save(self, state: dict) -> None:
        """Keep the state, and only the items the last build used (older versions of edited files go)."""
        if self.used:
            self.items = {digest: self.items[digest] for digest in self.used if digest in self.items}
            self.used = set()
        self.state = state


def _atomic_write(path: Path, data: bytes) -> None:
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=path.name + ".", delete=False)
    try:
        with handle:
            handle.write(data)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


@contextmanager
def board_lock(root: Path) -> Iterator[None]:
    """Only one build of a board at a time: a second one waits for the first to finish."""
    folder = root / CACHE_DIR
    folder.mkdir(exist_ok=True)
    with open(folder / "lock", "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("callboard: waiting for another build of this board to finish", file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
