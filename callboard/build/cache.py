"""The persistent build cache in `.callboard-cache/`: what the last build read and wrote.

Safe to delete at any time; a build without it is a clean build. It holds:
- `state.json`: fingerprints of the last build's inputs and the manifest of the output it
  wrote (`state.CacheState`), small enough to decide in milliseconds that nothing has changed;
- `items.sqlite`: every loaded file (model and problems) keyed by the file's bytes, so an
  edit re-parses one file rather than ten thousand; and the links and ids of every page keyed
  by the page's bytes (`SCAN_PREFIX`), so the link check reads only the pages that changed.
  An SQLite table rather than one pickle, so that a build writes only the entries that
  changed (rewriting a 100 MB pickle after each edit took a second at 10,000 needs).

Each entry is pickled and signed with a key kept outside the board (in the user's cache
folder): a cache committed to the repository by someone else, or damaged on disk, fails the
check and is discarded with a one-line warning instead of being unpickled. `state.json` is
signed with the same key (its first line), so that a committed state cannot make a build
trust a committed `site/` as "up to date". Nothing here is written through a link
(`core/safefiles.py`).
"""

from __future__ import annotations

import hmac
import os
import pickle
import re
import secrets
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from callboard.build.state import CacheState, DamagedState, state_from_json, state_to_json
from callboard.core.diagnostics import Message, say
from callboard.core.safefiles import own_folder, refuse_link, write_file_nofollow

CACHE_DIR = ".callboard-cache"
LOCK_SECONDS = 60
"""How long a writer waits for another (the build's forked workers write at the same time)."""
SCAN_PREFIX = "page-links:"
"""Keys of page scans among the items: a run that checks no links (`check`) keeps them."""
UNTRUSTED = say("cache_untrusted")
"""The one warning for a cache not signed with this user's key: a committed one, above all."""
_SIGNATURE_LINE = re.compile(rb"[0-9a-f]{64}")


def signing_key() -> bytes | None:
    """A random key private to this user and machine, created on first use."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "callboard"
    path = base / "cache-key"
    try:
        if not path.exists():
            base.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
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
    state: CacheState = CacheState()
    items: dict = field(default_factory=dict)
    """Entries read or added in this run."""
    used: set[str] = field(default_factory=set)
    added: set[str] = field(default_factory=set)
    warnings: list[Message] = field(default_factory=list)
    broken: bool = False
    """The database failed its check in this run: it is gone, and nothing more is read from it."""
    _connection: sqlite3.Connection | None = field(default=None, repr=False)
    _connection_pid: int = 0

    @classmethod
    def open(cls, root: Path) -> "BuildCache":
        cache = cls(folder=root / CACHE_DIR, key=signing_key())
        cache.state = cache._read_state()
        return cache

    @property
    def database(self) -> Path:
        return self.folder / "items.sqlite"

    # -- small state -------------------------------------------------------------------

    def _read_state(self) -> CacheState:
        """The last run's state; an empty one when there is none, when another version wrote
        it, or (with a warning) when it cannot be read."""
        path = self.folder / "state.json"
        if self.key is None or not os.path.lexists(path):
            return CacheState()
        try:
            data = refuse_link(path).read_bytes()
            signature, _, document = data.partition(b"\n")
            if hmac.compare_digest(signature, self._signature(document)):
                return state_from_json(document) or CacheState()
            if not _SIGNATURE_LINE.fullmatch(signature) and state_from_json(data) is None:
                return CacheState()  # an older version's, unsigned: quietly replaced
            self._discard(UNTRUSTED)
        except (OSError, DamagedState):
            self.warn(say("cache_damaged"))
        return CacheState()

    def _signature(self, document: bytes) -> bytes:
        return hmac.digest(self.key, b"state.json\0" + document, "sha256").hex().encode()

    def warn(self, message: Message) -> None:
        self.warnings.append(message)

    # -- entries -----------------------------------------------------------------------

    def get(self, key: str):
        """The entry under `key`, read from the database when first asked for (a forked worker
        reads through a connection of its own): an edit reads what it uses, not 200 MB."""
        self.used.add(key)
        if key not in self.items:
            found = self._read(key)
            if found is None:
                return None
            self.items[key] = found
        return self.items[key]

    def touch(self, key: str) -> None:
        """Keep an entry without reading it."""
        self.used.add(key)

    def put(self, key: str, value) -> None:
        self.used.add(key)
        self.added.add(key)
        self.items[key] = value

    def _read(self, key: str):
        connection = self._reader()
        if connection is None:
            return None
        try:
            row = connection.execute("SELECT signature, value FROM entries WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            self._discard(say("cache_unreadable"))
            return None
        if row is None:
            return None
        signature, value = row
        if not hmac.compare_digest(signature, hmac.digest(self.key, key.encode() + b"\0" + value, "sha256")):
            self._discard(UNTRUSTED)
            return None
        try:
            return pickle.loads(value)
        except Exception:  # noqa: BLE001 - a signed entry that cannot be read: make it again
            return None

    def _reader(self) -> sqlite3.Connection | None:
        """This process's connection (one is never used across a fork)."""
        if self.key is None or self.broken:
            return None
        if self._connection is None or self._connection_pid != os.getpid():
            if not self.database.exists():
                return None
            self._connection = sqlite3.connect(self.database, timeout=LOCK_SECONDS)
            self._connection_pid = os.getpid()
        return self._connection

    def _stored_keys(self) -> list[str]:
        connection = self._reader()
        if connection is None:
            return []
        try:
            return [key for (key,) in connection.execute("SELECT key FROM entries")]
        except sqlite3.Error:
            self._discard(say("cache_unreadable"))
            return []

    def _discard(self, warning: Message) -> None:
        if not self.broken:
            self.warn(warning)
        self.broken = True
        self._close()
        self.database.unlink(missing_ok=True)

    def _close(self) -> None:
        if self._connection is not None and self._connection_pid == os.getpid():
            self._connection.close()
        self._connection = None

    # -- saving ------------------------------------------------------------------------

    def save(self) -> None:
        """Write `state`, and the entries added since the last save (pruning those unused)."""
        own_folder(self.folder)
        write_file_nofollow(self.folder / ".gitignore", b"*\n")
        (self.folder / "items.pickle").unlink(missing_ok=True)  # the store of callboard 0.1's first builds
        if self.key is None:
            return
        if self.used or self.added:
            self._save_entries()
        document = state_to_json(self.state)
        write_file_nofollow(self.folder / "state.json", self._signature(document) + b"\n" + document)

    def _save_entries(self) -> None:
        """Entries this run did not use go, but only of the kinds it used: a run that made no
        pages (`check`) keeps the page scans and generated pieces for the next build."""
        kinds = {_kind(key) for key in self.used}
        unused = [key for key in {*self._stored_keys(), *self.items} if key not in self.used and _kind(key) in kinds]
        if not self.added and not unused:
            return
        added = [(key, self.items[key]) for key in sorted(self.added)]
        self._close()  # a writer must not wait for this process's own reader
        if self._write(added, sorted(unused)):
            for key in unused:
                self.items.pop(key, None)
        self.added = set()

    def store_from_worker(self, entries: dict[str, object]) -> bool:
        """Write entries made in a forked worker straight into the database (the worker opens a
        connection of its own), so that they need not travel to the parent and be held there.
        The parent must `touch` their keys."""
        if self.key is None:
            return True
        self._write(sorted(entries.items()), [])
        return True

    def _write(self, entries: list[tuple[str, object]], removed: list[str]) -> bool:
        """Insert `entries` (pickled and signed one at a time, as SQLite takes them) and delete
        `removed`, in one transaction."""
        signed = ((key, hmac.digest(self.key, key.encode() + b"\0" + value, "sha256"), value)
                  for key, value in ((key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
                                     for key, value in entries))
        try:
            with closing(sqlite3.connect(self.database, timeout=LOCK_SECONDS)) as connection, connection:
                connection.execute("CREATE TABLE IF NOT EXISTS entries "
                                   "(key TEXT PRIMARY KEY, signature BLOB NOT NULL, value BLOB NOT NULL)")
                connection.executemany("DELETE FROM entries WHERE key = ?", [(key,) for key in removed])
                connection.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)", signed)
            return True
        except sqlite3.Error as exc:
            self.warn(say("cache_unwritable", reason=str(exc)))
            self.database.unlink(missing_ok=True)
            return False


def _kind(key: str) -> str:
    """'page-links' for a page scan, 'fragment' for a generated piece, '' for a loaded file."""
    return key.partition(":")[0] if ":" in key else ""


@dataclass
class MemoryCache:
    """BuildCache's interface kept in memory, for a process that builds again and again into a
    folder of its own (the dev server): incremental like `callboard build`, but it never touches
    `.callboard-cache/`, whose state describes `site/`."""

    state: CacheState = CacheState()
    items: dict = field(default_factory=dict)
    warnings: list[Message] = field(default_factory=list)
    used: set[str] = field(default_factory=set)

    def get(self, digest: str):
        self.used.add(digest)
        return self.items.get(digest)

    def put(self, digest: str, loaded) -> None:
        self.used.add(digest)
        self.items[digest] = loaded

    def touch(self, key: str) -> None:
        self.used.add(key)

    def store_from_worker(self, entries: dict[str, object]) -> bool:
        """A forked worker cannot reach this process's memory: the worker sends them instead."""
        return False

    def save(self) -> None:
        """Of each kind of entry this build used, keep only the entries it used (older versions
        of edited files go), as BuildCache does; `state` is kept as it is."""
        kinds = {_kind(key) for key in self.used}
        self.items = {key: value for key, value in self.items.items() if key in self.used or _kind(key) not in kinds}
        self.used = set()


Cache = BuildCache | MemoryCache
"""What a build may keep between runs: the board's on disk, or the dev server's in memory."""
