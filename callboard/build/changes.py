"""What changed since the last build, found as cheaply as possible.

Three levels, each cheaper than the next step it saves:
- the *snapshot*: every input without reading a content file (their sizes and times stand in
  for their bytes). Equal to the last successful build's: nothing changed, and the build only
  says again what that build said (`replay`);
- the *stamps*: a content file whose size and time are unchanged is not read again (`load`);
- the *inputs fingerprint*: every input, content bytes and git dates included. Equal to the last
  build's: the site would be identical, and nothing is written (`compare`).
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from callboard.build.cache import CACHE_DIR, Cache
from callboard.build.fingerprints import ThemeDigests, config_fingerprint
from callboard.build.hub import OFFLINE, gather_sources
from callboard.build.run import Result, Run, RunOptions, make_config
from callboard.build.state import CacheState, Replay
from callboard.build.write import Manifest
from callboard.config import Config
from callboard.content.history import git_head
from callboard.content.lint import lint_content
from callboard.content.load import loader_fingerprint, read_sources
from callboard.content.sources import STAMP_MARGIN_NS, Source, content_listing, stamps_of
from callboard.content.media import content_items
from callboard.content.models import Content
from callboard.core.diagnostics import Diagnostics
from callboard.core.progress import Progress


@dataclass(frozen=True)
class Settings:
    """Everything besides the content that the site depends on."""

    config: Config
    extra_head: str
    search: bool
    """Whether the site has a search index (--no-search leaves it out)."""
    theme: ThemeDigests
    out: Path

    @classmethod
    def of(cls, run: Run, config: Config) -> "Settings":
        return cls(config, run.extra_head, run.options.search, run.theme, run.out)

    def parts(self) -> tuple[str, ...]:
        return (config_fingerprint(self.config, self.extra_head), f"search={self.search}", self.theme.static,
                self.theme.templates, str(self.out.resolve()))


def snapshot(run: Run) -> str | None:
    """A fingerprint of every input taken without reading the content files, or None without a
    cache or when a file is too new to be judged by its time."""
    if run.cache is None:
        return None
    config = make_config(run.options, Diagnostics())
    if config.sources:
        return None  # a hub's sources may have changed: only fetching them tells
    listing = content_listing(config.content_dir, time.time_ns() - STAMP_MARGIN_NS)
    if listing is None:
        return None
    parts = (*Settings.of(run, config).parts(), f"strict={run.options.strict}", git_head(run.options.root), listing)
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()


def replay(run: Run) -> Result | None:
    """The last build's result said again, when the snapshot shows that nothing changed since
    it and its output is still in place; else None, and the build goes on."""
    run.snapshot = snapshot(run)
    state = run.cache.state if run.cache is not None else None
    if run.snapshot is None or state.snapshot != run.snapshot or live_manifest(state, run.out) is None:
        return None
    diagnostics = Diagnostics()
    diagnostics.extend(state.replay.diagnostics)
    config = make_config(run.options, Diagnostics())
    return Result(diagnostics, config, unchanged=True, strict=run.options.strict, notes=list(state.replay.notes))


def load(run: Run) -> None:
    """Step: read, parse and check the content (only the files that changed, with a cache)."""
    run.result, run.sources = load_board(run.options, run.cache, run.progress, run.effects.load, run.started_ns)


def load_board(options: RunOptions, cache: Cache | None, progress: Progress, load_content: Callable[..., Content],
               started_ns: int) -> tuple[Result, list[Source]]:
    """The whole of `check`: the content loaded and checked, and the files it was read from."""
    diagnostics = Diagnostics()
    started = time.perf_counter()
    config = make_config(options, diagnostics)
    salt = loader_fingerprint(config)
    sources = read_sources(config, diagnostics, cache.state.stamps if cache is not None else None, salt)
    progress.start("loading", len(sources))
    content = load_content(config, diagnostics, options.jobs, cache, sources, progress.advance)
    sources = [replace(source, raw=None) for source in sources]  # 80 MB at 10,000 needs, not needed again
    content.foreign, notes = gather_sources(config, cache is not None, options.offline, progress, diagnostics)
    lint_content(content, config, diagnostics, strict=options.strict)
    if cache is not None:
        for warning in cache.warnings:
            diagnostics.warning(CACHE_DIR, 0, warning)
        cache.state = replace(cache.state, stamps=stamps_of(sources, salt, started_ns))
    progress.finish("loaded", len(sources), time.perf_counter() - started)
    return Result(diagnostics, config, content, strict=options.strict, notes=notes), sources


def compare(run: Run) -> None:
    """Step: the site would be identical to the one in place: say so, and write nothing."""
    if run.cache is None:
        return
    state = run.cache.state
    run.inputs = inputs_fingerprint(run)
    if state.inputs == run.inputs and live_manifest(state, run.out) is not None:
        run.result.unchanged = True
        run.result.notes = [*run.result.notes, *state.replay.notes]


def inputs_fingerprint(run: Run) -> str:
    """Everything the output depends on; equal fingerprints mean an identical site. The git dates
    and change lists count too: a commit can change "Senast ändrad" and "Ändringar" without
    changing a file's bytes."""
    content = run.result.content
    items = content_items(content)
    updated = repr(sorted((item.source, str(item.updated), repr(getattr(item, "changes", ()))) for item in items))
    digest = hashlib.blake2b(digest_size=16)
    foreign = repr(content.foreign)
    for part in (*Settings.of(run, run.result.config).parts(), updated, foreign, *(s.digest for s in run.sources)):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


def remember(run: Run) -> None:
    """After a successful build: what the next one compares with."""
    result = run.result
    notes = tuple(note for note in result.notes if note.key != OFFLINE)
    said = Replay(tuple(d for d in result.diagnostics.items if d.path != CACHE_DIR), notes)
    run.cache.state = replace(run.cache.state, inputs=run.inputs, snapshot=run.snapshot, replay=said)
    run.cache.save()


def live_manifest(state: CacheState, out: Path) -> Manifest | None:
    """What the last build left in `out`, if it can be trusted: the cache describes this very
    folder (a board may be built into several) and every file it lists is still there."""
    live = state.live
    if not live or state.out != str(out.resolve()) or not out.is_dir():
        return None
    base = str(out) + os.sep
    return live if all(os.path.isfile(base + path) for path in live) else None  # strings: 28,000 at 10,000 needs
