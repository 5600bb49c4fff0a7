"""A hub's sources in a build: fetched (or, `--offline`, not), kept, judged and read.

The last good copy of each source stays in the build cache (`.callboard-cache/sources/<id>/`:
its files and `copy.json`, which holds when it was fetched, the validators of each file and,
while it fails, since when). A source that fails is built from that copy with a warning naming
it and since when; one whose copy is older than its `stale_after_days`, counted to the build's
date (`--now`), drops out with a warning. The date a copy was fetched is the build's moment,
so that a build with the same copies and the same `--now` is the same, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from callboard.build.cache import CACHE_DIR
from callboard.build.fetch import BOARD_FILE, Fetched, KnownFile, Validators, fetch_sources
from callboard.config import CONFIG_FILE, BoardSource, Config
from callboard.content.foreign import ForeignDataError, read_board_description, read_items
from callboard.content.models import Item
from callboard.core.diagnostics import Diagnostics, Message, say, say_n
from callboard.core.progress import Progress
from callboard.core.safefiles import read_nofollow, real_folder, write_file_nofollow

SOURCES_DIR = "sources"
OFFLINE = "hub_offline"
"""The key of the note of an --offline build: it is about this run, never said again by a later one."""
_COPY = "copy.json"


@dataclass(frozen=True)
class Copy:
    """What the cache holds of one source."""

    files: dict[str, KnownFile]
    fetched: datetime | None = None
    """When these files were fetched (the moment of the build that fetched them)."""
    failing_since: datetime | None = None
    """The moment of the first failed fetch since the last good one; None while it works."""
    failure: Message | None = None
    """Why this build's fetch failed (None when it worked, or was not tried)."""


def gather_sources(config: Config, use_cache: bool, offline: bool, progress: Progress,
                   diagnostics: Diagnostics) -> tuple[list[Item], list[Message]]:
    """The items of every source the build can use, in the order of `[[sources]]`, and the
    notes the build prints about them."""
    if not config.sources:
        return [], []
    folder = _sources_folder(config.root) if use_cache else None
    copies = {source.url: _read_copy(folder, source) for source in config.sources}
    notes = []
    if offline:
        notes.append(say_n("hub_offline", "hub_offline_plural", len(config.sources)))
    else:
        copies = _refresh(config, folder, copies, progress)
    items: list[Item] = []
    for source in config.sources:
        items += _usable_items(config, source, copies[source.url], offline, diagnostics)
    return items, notes


def _refresh(config: Config, folder: Path | None, copies: dict[str, Copy], progress: Progress) -> dict[str, Copy]:
    results = fetch_sources(config.sources, {url: copy.files for url, copy in copies.items()}, config.fetching)
    refreshed = {}
    for result in results:
        copy = copies[result.source.url]
        if result.failure:
            copy = Copy(copy.files, copy.fetched, copy.failing_since or config.now, result.failure)
        else:
            copy = Copy(result.files, config.now)
        refreshed[result.source.url] = copy
        if folder is not None:
            _write_copy(folder, result.source, copy, result)
        progress.finish("fetched", result.requests, result.seconds, detail=_fetch_detail(result))
    return refreshed


def _fetch_detail(result: Fetched) -> Message:
    if result.failure:
        return say("hub_fetch_failed", url=result.source.url)
    return say("hub_fetch_done", url=result.source.url, unchanged=result.unchanged)


def _usable_items(config: Config, source: BoardSource, copy: Copy, offline: bool,
                  diagnostics: Diagnostics) -> list[Item]:
    """The source's items from its copy, or none when it has no copy or the copy is too old."""
    def warn(message: Message) -> None:
        diagnostics.warning(CONFIG_FILE, source.line, say("hub_source_problem", url=source.url, problem=message))

    failure = copy.failure
    if copy.fetched is None or BOARD_FILE not in copy.files:
        warn(say("hub_failed_no_copy", reason=failure) if failure else say("hub_offline_no_copy"))
        return []
    fetched_on = copy.fetched.date()
    age = (config.today - fetched_on).days
    if age > source.stale_after_days:
        stale = dict(day=_day(fetched_on), limit=source.stale_after_days)
        warn(say_n("hub_stale_failing", "hub_stale_failing_plural", age, reason=failure, **stale) if failure else
             say_n("hub_stale", "hub_stale_plural", age, **stale))
        return []
    if failure:
        warn(say("hub_failing", reason=failure, since=_day(copy.failing_since.date()), day=_day(fetched_on)))
    return _read_copy_items(config, source, copy, warn)


def _read_copy_items(config: Config, source: BoardSource, copy: Copy, warn) -> list[Item]:
    try:
        board = read_board_description(copy.files[BOARD_FILE].body, source)
    except ForeignDataError as exc:
        warn(say("hub_cached_board_unusable", reason=exc.message))
        return []
    items: list[Item] = []
    for section in source.take:
        if section not in copy.files:
            continue
        try:
            found = read_items(section, copy.files[section].body, board, source, config.fetching,
                               frozenset(known.url for known in config.sources))
        except ForeignDataError as exc:
            warn(say("hub_section_left_out", file=section + ".json", reason=exc.message))
            continue
        for problem in found.problems:
            warn(problem)
        items += found.items
    return items


def _day(day: date) -> str:
    return day.isoformat()


def _sources_folder(root: Path) -> Path | None:
    try:
        return real_folder(real_folder(root / CACHE_DIR, create=True) / SOURCES_DIR, create=True)
    except OSError:
        return None


def _source_folder(folder: Path, source: BoardSource) -> Path:
    return folder / hashlib.blake2b(source.url.encode("utf-8"), digest_size=8).hexdigest()


def _read_copy(folder: Path | None, source: BoardSource) -> Copy:
    """The cached copy of `source`, or an empty one when there is none or it cannot be read."""
    if folder is None:
        return Copy({})
    place = _source_folder(folder, source)
    try:
        record = json.loads(read_nofollow(place / _COPY))
        if record.get("url") != source.url:
            return Copy({})
        files = {name: KnownFile(read_nofollow(place / f"{name}.json"), Validators(**validators))
                 for name, validators in record["files"].items()}
        return Copy(files, _moment(record.get("fetched")), _moment(record.get("failing_since")))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return Copy({})


def _write_copy(folder: Path, source: BoardSource, copy: Copy, result: Fetched) -> None:
    """The files of a good fetch (then its record), or the record of a failed one."""
    place = real_folder(_source_folder(folder, source), create=True)
    if not result.failure:
        for name, known in copy.files.items():
            write_file_nofollow(place / f"{name}.json", known.body)
    record = {"url": source.url, "fetched": copy.fetched.isoformat() if copy.fetched else None,
              "failing_since": copy.failing_since.isoformat() if copy.failing_since else None,
              "files": {name: {"etag": known.validators.etag, "last_modified": known.validators.last_modified}
                        for name, known in copy.files.items()}}
    write_file_nofollow(place / _COPY, json.dumps(record, indent=1).encode("utf-8"))


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None
