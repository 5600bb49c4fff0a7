"""One run of the build: what was asked for (`RunOptions`), what it gives back (`Result`), and
the build in progress (`Run`) that the steps hand on from one to the next.

`pipeline` is where these are used; they live here so that the steps' modules can name them
without importing the pipeline that calls them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Callable

from callboard.build.cache import Cache
from callboard.build.fingerprints import ThemeDigests
from callboard.build.links import Scan
from callboard.build.search import Indexer, SearchOutcome
from callboard.build.write import FileWriter, Manifest, SiteWriter, write_file
from callboard.config import (
    CONFIG_FILE,
    Config,
    check_base_url,
    load_config,
    normalise_base_url,
    now_in,
)
from callboard.content.load import load_content
from callboard.content.sources import Source
from callboard.content.models import Content
from callboard.core.diagnostics import Diagnostics, Message, MessageError, say
from callboard.core.parallel import default_jobs
from callboard.core.progress import Progress, Silent
from callboard.site.assemble import Board
from callboard.site.pages import Page
from callboard.site.render import Renderer

NO_BASE_URL = say("no_base_url")


@dataclass(frozen=True)
class RunOptions:
    """What the command line may change for one run."""

    root: Path
    now: date | datetime | None = None
    """Build as if it were this day (at 00:00) or this moment, in the board's time zone."""
    drafts: bool = False
    base_url: str | None = None
    strict: bool = False
    jobs: int = field(default_factory=default_jobs)
    use_cache: bool = True
    search: bool = True
    """Index the pages with Pagefind (--no-search turns it off)."""
    offline: bool = False
    """Build a hub from the cached copies of its sources, fetching nothing (--offline)."""


@dataclass
class Result:
    diagnostics: Diagnostics
    config: Config
    content: Content | None = None
    board: Board | None = None
    pages: int = 0
    files_written: int = 0
    unchanged: bool = False
    """Nothing had changed since the last build, so nothing was written."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds each step of the build took, by name (and each generated output's, by its name)."""
    strict: bool = False
    notes: list[Message] = field(default_factory=list)
    """One line each about what the build left out and why."""
    search: SearchOutcome | None = None
    images_encoded: int = 0
    """Photos this build encoded (those the cache did not have); 0 on a rebuild of the same photos."""
    renderer: Renderer | None = None
    """What drew the pages (from the plan step on): the dev server draws an edited item's page
    with it before the next build (`quick.py`)."""

    @property
    def ok(self) -> bool:
        return not self.diagnostics.has_errors(self.strict)


class UsageError(MessageError):
    """A mistake in how callboard was called (exit code 2), not in the content."""


def make_config(options: RunOptions, diagnostics: Diagnostics) -> Config:
    """The board's config with what the command line changes in it, and the build date."""
    config = load_config(options.root, diagnostics)
    now = options.now or now_in(config.timezone)
    moment = now if isinstance(now, datetime) else datetime.combine(now, datetime.min.time())
    changes: dict = {"today": moment.date(), "clock": moment.time(), "drafts": options.drafts}
    if options.base_url is not None:
        problem = check_base_url(options.base_url)
        if problem:
            raise UsageError(say("option_base_url_problem", problem=problem))
        changes["base_url"] = normalise_base_url(options.base_url)
    config = config.with_options(**changes)
    if not config.base_url:
        diagnostics.warning(CONFIG_FILE, 0, NO_BASE_URL)
    return config


@dataclass(frozen=True)
class Effects:
    """How the build reads the content and writes the site. The defaults are the real thing; a
    test passes its own to count what is loaded or to make the disk fail, through the same
    build as everyone else."""

    load: Callable[..., Content] = load_content
    """Reads, parses and validates the content files (`load_content`'s signature)."""
    write: FileWriter = write_file
    """Writes one output file and returns its content hash."""


@dataclass(frozen=True)
class Plan:
    """The pages of this build and which of them must be rendered again."""

    renderer: Renderer
    pages: list[Page]
    static: dict[str, Path]
    """Output path -> source of every static file (the board's over the theme's)."""
    fingerprints: dict[str, str]
    """Page path -> fingerprint: equal fingerprints mean equal bytes."""
    live: Manifest | None
    """What the live output folder holds, when the cache knows it for sure."""
    changed: list[Page]
    """The pages whose fingerprint changed, or that the live folder lacks."""


@dataclass
class Run:
    """One build in progress, handed from step to step: what was asked for, then what the
    steps have made so far. A step reads the fields earlier steps filled in and fills in its own."""

    options: RunOptions
    out: Path
    cache: Cache | None = None
    progress: Progress = field(default_factory=Silent)
    extra_head: str = ""
    """Goes into every page's <head> (the dev server's live-reload script)."""
    verify_links: bool = True
    effects: Effects = Effects()
    started_ns: int = field(default_factory=time.time_ns)
    """Before any content file is looked at: a file changed after it is read again next time."""
    theme: ThemeDigests = field(init=False)
    indexer: Indexer | None = None
    """The search indexer, waiting for the pages; None with --no-search."""

    snapshot: str | None = None
    """Every input, judged by file sizes and times (`changes.snapshot`)."""
    result: Result | None = None
    """From the load step on: the diagnostics, config, content and board."""
    inputs: str | None = None
    """Every input, judged by content (`changes.inputs_fingerprint`)."""
    sources: list[Source] = field(default_factory=list)
    plan: Plan | None = None
    writer: SiteWriter | None = None
    """From the render step on: the next version of the output folder, beside the live one."""
    rendered_at: float = 0.0
    """When the render step ended (time.perf_counter): the writing steps' time is counted from it."""
    written: Manifest = field(default_factory=dict)
    """Path -> content hash of each file this build wrote (the others are linked from the live folder)."""
    scanned: dict[str, Scan] = field(default_factory=dict)
    """Links and ids of each rendered page, taken while the page was at hand."""
    desired: Manifest = field(default_factory=dict)
    """Path -> content hash of every file the new folder must hold."""
    search: Indexer | SearchOutcome | None = None
    """The index being made, then what became of it."""
    media: dict[str, bytes] = field(default_factory=dict)
    """Site path -> bytes of every rendition of a processed picture (`images.process_images`)."""
    processed: frozenset[str] = frozenset()
    """Static paths of the photos whose renditions replace them: the originals are not published."""

    def __post_init__(self) -> None:
        self.theme = ThemeDigests.of(self.options.root)
