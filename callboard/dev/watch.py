"""Watch a board's sources and turn bursts of file events into single rebuilds.

Two traps shape this module. watchdog reports opened and closed events too, and a build reads
every file it watches: reacting to those rebuilds forever. And editors and git do not save one
file once: vim writes `4913` and `.swp` files, others write a temporary and rename it over the
original, `git checkout` rewrites dozens of files. So only created, modified, deleted and moved
events count, only for the board's sources (never `.git/`, virtual environments, the output
folder or editors' temporaries), and changes are collected until the board has been quiet for a
moment, then handed over as one batch.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable

from watchdog.events import (
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    FileDeletedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

from callboard.config import CONFIG_FILE
from callboard.i18n import BOARD_LOCALE_DIR

WATCHED_FOLDERS = ("content", "templates", "static", BOARD_LOCALE_DIR)
_COUNTED_EVENTS = {EVENT_TYPE_CREATED, EVENT_TYPE_MODIFIED, EVENT_TYPE_DELETED, EVENT_TYPE_MOVED}
_IGNORED_FOLDERS = {"__pycache__", "node_modules", "venv"}
_TEMPORARY_SUFFIXES = (".swp", ".swo", ".swx", ".tmp", ".temp", ".part", ".crdownload",
                       "___jb_tmp___", "___jb_old___", "~")


def is_ignored_name(name: str) -> bool:
    """Hidden files and folders (.git, .venv, vim's .x.swp, gedit's .goutputstream-*, LibreOffice's
    .~lock), editors' temporaries and backups (4913, x~, #x#) and tool folders."""
    return (name.startswith(".") or name in _IGNORED_FOLDERS or name == "4913"
            or name.endswith(_TEMPORARY_SUFFIXES) or (name.startswith("#") and name.endswith("#")))


def is_source(relative: PurePosixPath) -> bool:
    """Whether a path (relative to the board) is something a build reads."""
    parts = relative.parts
    if parts == (CONFIG_FILE,):
        return True
    return len(parts) >= 1 and parts[0] in WATCHED_FOLDERS and not any(is_ignored_name(p) for p in parts[1:])


def changed_source(event: FileSystemEvent, root: Path, ignored: Iterable[Path] = ()) -> str | None:
    """The board-relative path an event changed, or None when the event must not cause a rebuild.

    A move counts when either end is a source: an editor's temporary renamed over a need is a
    change to the need, a need moved to `_archive/` is a deletion."""
    if event.event_type not in _COUNTED_EVENTS:
        return None
    if event.is_directory and event.event_type == EVENT_TYPE_MODIFIED:
        return None  # comes with the event for the file inside it
    paths = [getattr(event, "dest_path", ""), event.src_path]
    for raw in paths:
        if not raw:
            continue
        path = Path(os.fsdecode(raw))
        if any(path.is_relative_to(folder) for folder in ignored) or not path.is_relative_to(root):
            continue
        relative = PurePosixPath(path.relative_to(root).as_posix())
        if is_source(relative):
            return relative.as_posix()
    return None


class Debouncer:
    """Collects changed paths and calls `action(paths)` in one worker thread, never twice at once.

    A batch is handed over when no change has come for `quiet` seconds, or at the latest `longest`
    seconds after its first change, so that a long stream of events still shows progress. Changes
    that arrive during a rebuild make the next batch. Until the action has handled every change
    received, the site may be out of date: `wait_until_handled` lets a request wait for it."""

    def __init__(self, action: Callable[[list[str]], None], quiet: float = 0.12, longest: float = 1.0):
        self.action, self.quiet, self.longest = action, quiet, longest
        self._pending: dict[str, None] = {}
        self._first = self._last = 0.0
        self._received = self._taken = self._handled = 0
        """Changes counted by `add`: in all, when the batch being handled was taken, and handled."""
        self._stopped = False
        self._condition = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="callboard-rebuild", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def add(self, path: str) -> None:
        with self._condition:
            now = time.monotonic()
            if not self._pending:
                self._first = now
            self._pending[path] = None
            self._last = now
            self._received += 1
            self._condition.notify_all()

    def moved_away(self, path: str) -> None:
        """A file renamed to another name: an editor's or sed's temporary, written a moment ago and
        renamed over the real file, leaves the batch; a real file that was renamed is a change."""
        with self._condition:
            if path in self._pending:
                del self._pending[path]
                return
        self.add(path)

    def stop(self, timeout: float = 10.0) -> None:
        """Stop taking changes; wait for a rebuild in progress so nothing writes after we return."""
        with self._condition:
            self._stopped = True
            self._condition.notify_all()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def wait_until_handled(self, ready: Callable[[], bool], timeout: float) -> bool:
        """Block until the action has handled every change received so far (or the debouncer
        stopped), or `ready()` says that what the caller wants is up to date already, which
        it can only know of the batch being handled: not once a later change has come. False
        after `timeout` seconds. `ready` is asked again at every `wake`."""
        with self._condition:
            return self._condition.wait_for(lambda: self._stopped or self._handled >= self._received
                                            or (self._taken == self._received and ready()), timeout)

    def wake(self) -> None:
        """Something a waiter's `ready` depends on has changed."""
        with self._condition:
            self._condition.notify_all()

    def _next_batch(self) -> tuple[list[str], int] | None:
        """The next batch, and how many changes had been received when it was taken."""
        with self._condition:
            while not self._stopped:
                if not self._pending:
                    self._condition.wait()
                    continue
                now = time.monotonic()
                due = min(self._last + self.quiet, self._first + self.longest)
                if now >= due:
                    batch, self._pending = list(self._pending), {}
                    self._taken = self._received
                    return batch, self._received
                self._condition.wait(due - now)
            return None

    def _run(self) -> None:
        while (taken := self._next_batch()) is not None:
            batch, received = taken
            try:
                self.action(batch)
            finally:
                with self._condition:
                    self._handled = received
                    self._condition.notify_all()


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: "BoardWatcher"):
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.watcher.handle(event)


class BoardWatcher:
    """watchdog on `content/`, `templates/`, `static/` (recursively) and the board folder itself
    (not recursively: for `callboard.toml`, and for a watched folder that is created later)."""

    def __init__(self, root: Path, on_change: Callable[[str], None], ignored: Iterable[Path] = (),
                 on_moved_away: Callable[[str], None] | None = None):
        self.root = root.resolve()
        self.on_change = on_change
        self.on_moved_away = on_moved_away or on_change
        self.ignored = tuple(Path(p).resolve() for p in ignored)
        self.observer = Observer()
        self.handler = _Handler(self)
        self._watches: dict[str, object] = {}
        self._lock = threading.Lock()

    def start(self) -> None:
        self.observer.schedule(self.handler, str(self.root), recursive=False)
        for name in WATCHED_FOLDERS:
            self._watch_folder(name)
        self.observer.start()

    def stop(self) -> None:
        if self.observer.is_alive():
            self.observer.stop()
            self.observer.join(timeout=5)

    def _watch_folder(self, name: str) -> None:
        folder = self.root / name
        with self._lock:
            if name in self._watches or not folder.is_dir():
                return
            self._watches[name] = self.observer.schedule(self.handler, str(folder), recursive=True)

    def _forget_folder(self, name: str) -> None:
        """A watched folder was deleted or moved away; watch it again if it comes back."""
        with self._lock:
            watch = self._watches.pop(name, None)
        if watch is not None:
            try:
                self.observer.unschedule(watch)
            except (KeyError, OSError):
                pass

    def handle(self, event: FileSystemEvent) -> None:
        changed = changed_source(event, self.root, self.ignored)
        if changed is None:
            return
        if event.event_type == EVENT_TYPE_MOVED:
            origin = changed_source(FileDeletedEvent(event.src_path), self.root, self.ignored)
            if origin is not None and origin != changed:
                self.on_moved_away(origin)
        if event.is_directory and changed in WATCHED_FOLDERS:
            if (self.root / changed).is_dir():
                self._watch_folder(changed)
            else:
                self._forget_folder(changed)
        self.on_change(changed)
