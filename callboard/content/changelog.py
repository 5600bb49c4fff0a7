"""What changed in each need since it was published, from the board's git history.

Every committed version of a need's file is read (once: its front matter's tracked fields are
kept in the cache under the blob's id, so a rebuild reads only new blobs), and consecutive
versions are compared field by field. `FIELD_CHANGES` is the table: a field worth telling a
start-up about, and how two of its values differ; a new field is one line there, and its
sentence one line in `site/changes.py`. A document file the need lists that a commit
modified was replaced. No git, no history: no changes, and no error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo

from callboard.content.history import History, Version, day_of, read_blobs
from callboard.content.models import Change, Need
from callboard.content.parse import ParseError, parse_document
from callboard.content.schema import NEED
from callboard.core.store import EntryStore

Difference = list[tuple[str, object, object]]
"""(what, before, after) for each thing that changed in one field between two versions."""


def _moved(what: str) -> Callable[[object, object], Difference]:
    """A single value: set, moved or removed."""
    return lambda old, new: [(what, old, new)] if old != new else []


def _titles(entries: object, key: str) -> dict[object, str]:
    return {getattr(entry, key): entry.title for entry in entries or ()}


def _documents(old: object, new: object) -> Difference:
    before, after = _titles(old, "file"), _titles(new, "file")
    return ([("document_added", None, title) for file, title in after.items() if file not in before]
            + [("document_removed", title, None) for file, title in before.items() if file not in after])


def _answers(old: object, new: object) -> Difference:
    answered = {entry.question for entry in old or () if getattr(entry, "answer", None)}
    return [("question_answered", None, entry.question) for entry in new or ()
            if getattr(entry, "answer", None) and entry.question not in answered]


def _meetings(old: object, new: object) -> Difference:
    before = {(entry.title, getattr(entry, "start", None)) for entry in old or ()}
    return [("meeting_added", None, entry.title) for entry in new or ()
            if (entry.title, getattr(entry, "start", None)) not in before]


FIELD_CHANGES: dict[str, Callable[[object, object], Difference]] = {
    "deadline": _moved("deadline"),
    "opens": _moved("opens"),
    "status": _moved("status"),
    "documents": _documents,
    "questions": _answers,
    "meetings": _meetings,
}
"""The need's fields whose changes its page tells, in the order they are told within a day.
A key the need's schema does not declare is left out."""
TRACKED = tuple(key for key in FIELD_CHANGES if any(f.key == key for f in NEED.fields))
CACHE_KIND = "history"


def snapshot(raw: bytes) -> dict[str, object] | None:
    """The tracked fields of one version of a need's file, or None when it cannot be read
    (an old version may well have been broken: it is passed over)."""
    try:
        document = parse_document(raw)
    except ParseError:
        return None
    if not isinstance(document.front.value, dict):
        return None
    front = {key: node for key, node in document.front.value.items() if key in TRACKED}
    values = NEED.read(front, 1, lambda *args, **kwargs: None)
    return {key: values.get(key) for key in TRACKED}


def need_changes(history: History, needs: Iterable[Need], tz_name: str,
                 cache: EntryStore | None = None) -> dict[str, tuple[Change, ...]]:
    """Need source -> its changes, newest first, for every need that has any."""
    needs = list(needs)
    snapshots = _snapshots(history, [history.versions.get(need.source, ()) for need in needs], cache)
    zone = ZoneInfo(tz_name)
    found = {}
    for need in needs:
        changes = _file_changes(history.versions.get(need.source, ()), snapshots, zone)
        changes += _replaced_documents(history, need, zone)
        changes = [change for change in changes if change.day >= need.published]
        if changes:
            found[need.source] = tuple(sorted(changes, key=lambda c: c.day, reverse=True))
    return found


def _snapshots(history: History, files: list[tuple[Version, ...]], cache: EntryStore | None) -> dict[str, dict]:
    """Blob id -> snapshot of every version of a file that has more than one: from the cache,
    or read with one `git cat-file --batch` for all that the cache lacks."""
    wanted = sorted({v.blob for versions in files if len(versions) > 1 for v in versions if v.blob})
    found: dict[str, dict] = {}
    for blob in wanted:
        cached = cache.get(f"{CACHE_KIND}:{blob}") if cache is not None else None
        if cached is not None:
            found[blob] = cached
    missing = [blob for blob in wanted if blob not in found]
    for blob, raw in read_blobs(history.root, missing).items() if missing and history.root else ():
        found[blob] = snapshot(raw) or {}
        if cache is not None:
            cache.put(f"{CACHE_KIND}:{blob}", found[blob])
    return found


def _file_changes(versions: tuple[Version, ...], snapshots: dict[str, dict], zone: ZoneInfo) -> list[Change]:
    """The changes between consecutive versions, the newest version's first, each version's
    in the order of FIELD_CHANGES."""
    changes: list[Change] = []
    previous = None
    for version in versions:
        current = snapshots.get(version.blob) if version.blob else None
        if not current:  # deleted, unreadable or not read: compare the next with the last good one
            continue
        if previous is not None:
            day = day_of(version.seconds, zone)
            changes = [Change(day, what, before, after) for key in TRACKED
                       for what, before, after in FIELD_CHANGES[key](previous.get(key), current.get(key))] + changes
        previous = current
    return changes


def _replaced_documents(history: History, need: Need, zone: ZoneInfo) -> list[Change]:
    """A listed document that a commit modified (not added) was replaced by a new version."""
    folder = PurePosixPath(need.source).parent
    return [Change(day_of(version.seconds, zone), "document_replaced", None, document.title)
            for document in need.documents
            for version in history.versions.get((folder / document.file).as_posix(), ())
            if version.status == "M"]
