"""The build, end to end: load and validate -> assemble -> render -> write.

The command line, the dev server and the tests all go through these functions, so there is
one way to build a board. A build is incremental: with the cache from the last build it
re-parses only changed files, renders only pages whose fingerprint changed, and does nothing
at all when no input changed. Its output is always byte-identical to a clean build.
"""

from __future__ import annotations

import hashlib
import time
import traceback
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Sequence

import jinja2

from callboard.build.cache import CACHE_DIR, BuildCache, MemoryCache, board_lock
from callboard.build.fingerprints import Fingerprinter, config_fingerprint
from callboard.build.links import (
    Address,
    LinkScans,
    Origin,
    Scan,
    check_links,
    scan_html,
)
from callboard.build.search import BUNDLE as SEARCH_BUNDLE
from callboard.build.search import Indexer, Pages, SearchOutcome, remove_index
from callboard.build.write import (
    TEMP_MARK,
    Manifest,
    SiteWriter,
    check_output_dir,
    content_hash,
    write_file,
)
from callboard.config import (
    CONFIG_FILE,
    Config,
    check_base_url,
    load_config,
    normalise_base_url,
    today_in,
)
from callboard.content.history import git_head
from callboard.content.lint import lint_content
from callboard.content.load import (
    STAMP_MARGIN_NS,
    Source,
    Stamps,
    content_listing,
    load_content,
    loader_fingerprint,
    read_sources,
    stamps_of,
)
from callboard.content.models import Content
from callboard.core.diagnostics import Diagnostic, Diagnostics, Severity
from callboard.core.hashing import files_fingerprint
from callboard.core.parallel import Tick, default_jobs, fork_run
from callboard.core.progress import Progress, Silent
from callboard.outputs.calendars import calendar_files
from callboard.outputs.feeds import feed_files
from callboard.outputs.headers import headers_file
from callboard.outputs.memo import Memo
from callboard.outputs.needindex import need_index_files
from callboard.outputs.ocds import ocds_files
from callboard.outputs.opendata import open_data_files
from callboard.outputs.sitemap import sitemap_files
from callboard.site.assemble import Board, assemble
from callboard.site.pages import Page, plan_pages
from callboard.site.render import Renderer
from callboard.site.theme import ThemeFiles

NO_BASE_URL = ("base_url is not set in callboard.toml: feeds, calendars, open data, the sitemap and "
               "sharing metadata need absolute links and are left out")
GENERATORS = {"feeds": feed_files, "calendars": calendar_files, "open data": open_data_files,
              "OCDS": ocds_files, "needs index": lambda board, memo: need_index_files(board),
              "headers": lambda board, memo: [("_headers", headers_file())]}
"""Files made from the whole board besides the pages: each a pure function of the board (with a
Memo that keeps the pieces they are made of between builds) giving (path, bytes) pairs."""
GENERATION_ORDER = ["open data", "feeds", "OCDS", "calendars", "needs index", "sitemap", "headers"]
"""Costliest first, so that the workers' interleaved shares take about as long."""

@dataclass(frozen=True)
class RunOptions:
    """What the command line may change for one run."""

    root: Path
    now: date | None = None
    drafts: bool = False
    base_url: str | None = None
    strict: bool = False
    jobs: int = field(default_factory=default_jobs)
    use_cache: bool = True
    search: bool = True
    """Index the pages with Pagefind (--no-search turns it off)."""


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
    strict: bool = False
    notes: list[str] = field(default_factory=list)
    """One line each about what the build left out and why."""
    search: SearchOutcome | None = None

    @property
    def ok(self) -> bool:
        return not self.diagnostics.has_errors(self.strict)


class UsageError(Exception):
    """A mistake in how callboard was called (exit code 2), not in the content."""


def make_config(options: RunOptions, diagnostics: Diagnostics) -> Config:
    config = load_config(options.root, diagnostics)
    changes: dict = {"today": options.now or today_in(config.timezone), "drafts": options.drafts}
    if options.base_url is not None:
        problem = check_base_url(options.base_url)
        if problem:
            raise UsageError(f"--base-url: {problem}")
        changes["base_url"] = normalise_base_url(options.base_url)
    config = config.with_options(**changes)
    if not config.base_url:
        diagnostics.warning(CONFIG_FILE, 0, NO_BASE_URL)
    return config


def check(options: RunOptions, progress: Progress | None = None) -> Result:
    """Load and validate the whole board without writing anything."""
    with _locked(options) as cache:
        result, _ = _load(options, cache, progress or Silent())
        if cache is not None:
            cache.save(cache.state)
        return result


def build(options: RunOptions, out: Path, extra_head: str = "", progress: Progress | None = None,
          cache: BuildCache | MemoryCache | None = None, verify_links: bool = True) -> Result:
    """Check, then write the site to `out` only if the board has no errors and every link in
    the finished output leads somewhere.

    `extra_head` goes into every page's <head> (the dev server's live-reload script). A `cache`
    given here (the dev server's, in memory) is used instead of the board's `.callboard-cache/`.
    `verify_links=False` skips the link check, for tests that render broken links on purpose."""
    check_output_dir(out, options.root)
    progress = progress or Silent()
    with nullcontext(cache) if cache is not None else _locked(options) as cache:
        started_ns = time.time_ns()
        theme = ThemeDigests.of(options.root)
        snapshot = _snapshot(options, out, extra_head, theme, cache)
        if snapshot is not None and cache.state.get("snapshot") == snapshot and live_manifest(cache.state, out):
            return _replay(cache.state, options, snapshot)
        with Indexer() if options.search else nullcontext(None) as indexer:
            return _build(options, out, extra_head, progress, theme, cache, verify_links, started_ns, snapshot,
                          indexer)


@dataclass(frozen=True)
class ThemeDigests:
    """The theme's files and the digests of its static files and templates, listed and hashed
    once per build (the snapshot and the inputs fingerprint both need them)."""

    files: ThemeFiles
    static: str
    templates: str

    @classmethod
    def of(cls, root: Path) -> "ThemeDigests":
        files = ThemeFiles.for_board(root)
        return cls(files, files_fingerprint(files.static_files()), files_fingerprint(files.template_files()))


def _build(options: RunOptions, out: Path, extra_head: str, progress: Progress, theme: ThemeDigests,
           cache: BuildCache | MemoryCache | None, verify_links: bool, started_ns: int, snapshot: str | None,
           indexer: Indexer | None) -> Result:
    """`build` once it is known that something changed."""
    result, sources = _load(options, cache, progress, started_ns)
    if not result.ok:
        return result
    inputs = _inputs_fingerprint(result.config, theme, sources, out, extra_head + f"search={options.search}",
                                 result.content)
    if cache is not None and _unchanged(cache, inputs, out):
        result.unchanged = True
        result.notes = list(cache.state.get("replay", {}).get("notes", []))
    else:
        _publish(result, theme.files, theme.static, out, extra_head, options, cache, progress, indexer, verify_links)
    if result.ok and cache is not None:
        cache.state.update(inputs=inputs, snapshot=snapshot, replay=_replayable(result))
        cache.save(cache.state)
    return result


def _snapshot(options: RunOptions, out: Path, extra_head: str, theme: ThemeDigests,
              cache: BuildCache | MemoryCache | None) -> str | None:
    """A fingerprint of every input taken without reading the content files (their sizes and
    times stand in for their bytes), or None when a file is too new to be judged by its time.
    Equal to the last successful build's: nothing has changed, and no file need be read."""
    if cache is None:
        return None
    config = make_config(options, Diagnostics())
    listing = content_listing(config.content_dir, time.time_ns() - STAMP_MARGIN_NS)
    if listing is None:
        return None
    parts = (config_fingerprint(config, extra_head + f"search={options.search}"), theme.static, theme.templates,
             str(out.resolve()), git_head(options.root), listing)
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()


def _replayable(result: Result) -> dict:
    """What a build that finds nothing changed must say again: the last build's warnings and notes."""
    return {"diagnostics": [[d.path, d.line, d.severity.value, d.message] for d in result.diagnostics.items
                            if d.path != CACHE_DIR],
            "notes": result.notes}


def _replay(state: dict, options: RunOptions, snapshot: str) -> Result:
    diagnostics = Diagnostics()
    replay = state.get("replay", {})
    diagnostics.extend(Diagnostic(path, line, Severity(severity), message)
                       for path, line, severity, message in replay.get("diagnostics", []))
    config = make_config(options, Diagnostics())
    return Result(diagnostics, config, unchanged=True, strict=options.strict, notes=list(replay.get("notes", [])))


def _locked(options: RunOptions):
    if not options.use_cache:
        return nullcontext(None)
    return _CacheSession(options.root)


class _CacheSession:
    """Holds the board's lock for the whole run and opens its cache."""

    def __init__(self, root: Path):
        self.root = root
        self.lock = board_lock(root)

    def __enter__(self) -> BuildCache:
        self.lock.__enter__()
        return BuildCache.open(self.root)

    def __exit__(self, *exc_info) -> None:
        self.lock.__exit__(*exc_info)


def _load(options: RunOptions, cache: BuildCache | MemoryCache | None, progress: Progress,
          started_ns: int | None = None) -> tuple[Result, list[Source]]:
    diagnostics = Diagnostics()
    started = time.perf_counter()
    started_ns = started_ns or time.time_ns()
    config = make_config(options, diagnostics)
    salt = loader_fingerprint(config)
    sources = read_sources(config, diagnostics, _stamps(cache), salt)
    progress.start("loading", len(sources))
    content = load_content(config, diagnostics, options.jobs, cache, sources, progress.advance)
    sources = [replace(source, raw=None) for source in sources]  # 80 MB at 10,000 needs, not needed again
    lint_content(content, config, diagnostics)
    if cache is not None:
        for warning in cache.warnings:
            diagnostics.warning(CACHE_DIR, 0, warning)
        cache.state["stamps"] = asdict(stamps_of(sources, salt, started_ns))
    elapsed = time.perf_counter() - started
    progress.finish("loaded", len(sources), elapsed)
    result = Result(diagnostics, config, content, strict=options.strict)
    result.timings["load"] = elapsed
    return result, sources


def _stamps(cache: BuildCache | MemoryCache | None) -> Stamps | None:
    recorded = cache.state.get("stamps") if cache is not None else None
    try:
        return Stamps(**recorded) if recorded else None
    except TypeError:
        return None


def _inputs_fingerprint(config: Config, theme: ThemeDigests, sources: Sequence[Source], out: Path, extra_head: str,
                        content: Content) -> str:
    """Everything the output depends on; equal fingerprints mean an identical site. The git dates
    count too: a commit can change "Senast ändrad" without changing a file's bytes."""
    items = (*content.needs, *content.testbeds, *content.cases)
    updated = repr(sorted((item.source, str(item.updated)) for item in items))
    digest = hashlib.blake2b(digest_size=16)
    for part in (config_fingerprint(config, extra_head), theme.static, theme.templates, str(out.resolve()), updated,
                 *(s.digest for s in sources)):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


def _unchanged(cache: BuildCache, inputs: str, out: Path) -> bool:
    return cache.state.get("inputs") == inputs and live_manifest(cache.state, out) is not None


def live_manifest(state: dict, out: Path) -> Manifest | None:
    """What the last build left in `out`, if it can be trusted: the cache describes this very
    folder (a board may be built into several) and every file it lists is still there."""
    live = state.get("live")
    if not live or state.get("out") != str(out.resolve()) or not out.is_dir():
        return None
    return live if all((out / path).is_file() for path in live) else None


def _publish(result: Result, theme: ThemeFiles, static_digest: str, out: Path, extra_head: str, options: RunOptions,
             cache: BuildCache | MemoryCache | None, progress: Progress, indexer: Indexer | None,
             verify_links: bool = True) -> None:
    started = time.perf_counter()
    board = result.board = assemble(result.content, result.config)
    renderer = Renderer(board, theme, extra_head)
    pages = plan_pages(board, renderer.t)
    static = theme.static_files()
    fingerprinter = Fingerprinter(renderer.env, config_fingerprint(result.config, extra_head + static_digest))
    try:
        fingerprints = {page.path: fingerprinter.page(page) for page in pages}
    except jinja2.TemplateError as exc:
        result.diagnostics.extend([template_problem(exc, theme)])
        return
    progress.finish("planned", len(pages), time.perf_counter() - started)

    state = cache.state if cache is not None else {}
    live = live_manifest(state, out)
    previous = state.get("pages", {}) if live is not None else {}
    changed = [p for p in pages if previous.get(p.path) != fingerprints[p.path] or p.path not in live]
    if cache is not None:
        state.pop("live", None)  # until the swap below is done, the live folder's content is unknown
        cache.save(state)
    try:
        writer = SiteWriter(out, live)
    except OSError as exc:
        _cannot_write(result, out, exc)
        return
    try:
        started = time.perf_counter()
        progress.start("rendering", len(changed))
        written, scanned = _render(renderer, changed, writer.target, options.jobs, result.diagnostics,
                                   progress.advance)
        workers = min(options.jobs, max(1, len(changed) // 64))
        progress.finish("rendered", len(changed), time.perf_counter() - started,
                        f"{workers} worker{'s' if workers > 1 else ''}")
        if not result.ok:
            writer.abort()
            return
        started = time.perf_counter()
        desired = {page.path: written.get(page.path) or live[page.path] for page in pages}
        search = _start_search(writer, board, desired, written, options, indexer)
        try:
            _add_generated(board, pages, desired, written, writer, live or {}, result.timings, options.jobs, cache)
            _add_static(static, desired, written, writer, live or {}, result.diagnostics)
            if result.ok:
                writer.complete(desired, set(written))
            if result.ok and verify_links:
                _check_links(writer.target, board, pages, static, desired, live, scanned, cache, result,
                             progress, extra_head, options.jobs)
        finally:  # the index is written into the target: never remove the target under it
            result.search = _finish_search(search, progress)
        if not result.ok:
            writer.abort()
            return
        writer.swap()
    except OSError as exc:
        writer.abort()
        _cannot_write(result, out, exc)
        return
    except BaseException:
        writer.abort()
        raise
    progress.finish("wrote", len(written), time.perf_counter() - started)
    result.pages, result.files_written = len(pages), len(written)
    if result.search.note:
        result.notes.append(result.search.note)
    state.update(live=desired, pages=fingerprints, out=str(out.resolve()))


def _check_links(folder: Path, board: Board, pages: Sequence[Page], static: dict[str, Path], desired: Manifest,
                 passed: Manifest | None, scanned: dict[str, Scan], cache: BuildCache | MemoryCache | None,
                 result: Result, progress: Progress, extra_head: str, jobs: int) -> None:
    """Every link of the finished folder, before it goes live; pages unchanged since the last
    build (`passed`, whose links all led somewhere) are not read again, and not even checked
    when no file came or went (see LinkScans). Links in `extra_head` are the dev server's."""
    started = time.perf_counter()
    origins = link_origins(board, pages, static)
    address = Address(board.config.base_url, board.config.base_path)
    scans = LinkScans(cache, desired, passed) if cache is not None else None
    ignored = frozenset(scan_html(extra_head)[0]) if extra_head else frozenset()
    checked = check_links(folder, origins, address, result.diagnostics, scans, ignored, jobs, set(desired), scanned)
    result.timings["links"] = elapsed = time.perf_counter() - started
    progress.finish("checked", checked, elapsed)


def link_origins(board: Board, pages: Sequence[Page], static: dict[str, Path]) -> dict[str, Origin]:
    """For each output file, the file that made it, so that a broken link names what to fix."""
    origins = {page.path: Origin(f"templates/{page.template}") for page in pages}
    for item in (*board.needs, *board.testbeds, *board.cases):
        path = item.url + "index.html"
        if path in origins:
            origins[path] = Origin(origins[path].source, item.source, item.body_links)
    root = board.config.root.resolve()
    for path, source in static.items():
        resolved = source.resolve()
        origins[path] = Origin(resolved.relative_to(root).as_posix() if resolved.is_relative_to(root)
                               else f"templates/static/{path}")
    return origins


def _cannot_write(result: Result, out: Path, exc: OSError) -> None:
    """A full disk, a file name the file system refuses, no permission: an error, not a crash."""
    result.diagnostics.error(out, 0, f"cannot write the site: {exc.strerror or exc} ({exc.filename})")


def _render(renderer: Renderer, pages: Sequence[Page], folder: Path, jobs: int,
            diagnostics: Diagnostics, tick: Tick) -> tuple[dict[str, str], dict[str, Scan]]:
    """Render `pages` into `folder` on up to `jobs` processes: path -> content hash, and the
    links and ids of each page, taken while the page is at hand (the link check needs them,
    and reading 13,000 pages back costs seconds)."""

    def render_part(part: Sequence[Page], tick: Tick) -> tuple[dict[str, str], dict[str, Scan], Diagnostic | None]:
        hashes, scans = {}, {}
        for index, page in enumerate(part, start=1):
            try:
                data = renderer.render(page)
            except jinja2.TemplateError as exc:
                return hashes, scans, template_problem(exc, renderer.theme)
            hashes[page.path] = write_file(folder, page.path, data)
            scans[page.path] = scan_html(data.decode("utf-8", errors="replace"))
            if index % 100 == 0:
                tick(100)
        return hashes, scans, None

    written: dict[str, str] = {}
    scanned: dict[str, Scan] = {}
    for hashes, scans, problem in fork_run(render_part, pages, jobs, tick):
        written.update(hashes)
        scanned.update(scans)
        if problem is not None:
            diagnostics.extend([problem])
    return written, scanned


def _add_generated(board: Board, pages: Sequence[Page], desired: Manifest, written: dict[str, str],
                   writer: SiteWriter, live: Manifest, timings: dict[str, float], jobs: int,
                   cache: BuildCache | MemoryCache | None) -> None:
    """Feeds, calendars, open data, the needs index and the sitemap: made whole on every build
    from pieces kept in the cache, on up to `jobs` processes when there is a previous build, and
    written only where they changed."""
    outputs = {**GENERATORS, "sitemap": lambda b, memo: sitemap_files(b, pages)}
    memo = Memo(config_fingerprint(board.config), cache)

    def generate(names: Sequence[str], tick: Tick) -> tuple[list[tuple[str, str, bool, str, float]], dict, set]:
        made = []
        for name in names:
            started = time.perf_counter()
            for path, data in outputs[name](board, memo):
                digest = content_hash(data)
                changed = live.get(path) != digest
                if changed:
                    writer.write(path, data)
                made.append((path, digest, changed, name, time.perf_counter() - started))
        stored = cache is not None and cache.store_from_worker(memo.added)
        return made, {} if stored else memo.added, memo.used

    # A clean build makes every piece: in forked workers, each would copy most of the board's
    # memory by touching every item, while the indexer keeps the other core busy anyway.
    workers = jobs if live else 1
    for made, added, used in fork_run(generate, sorted(outputs, key=GENERATION_ORDER.index), workers, per_worker=1):
        for path, digest, changed, name, elapsed in made:
            desired[path] = digest
            if changed:
                written[path] = digest
            timings[name] = elapsed
        if cache is not None:
            for key in used:
                cache.touch(key)
            for key, value in added.items():
                cache.put(key, value)


def _start_search(writer: SiteWriter, board: Board, desired: Manifest, written: dict[str, str],
                  options: RunOptions, indexer: Indexer | None) -> Indexer | SearchOutcome:
    """Start indexing the item pages (the only ones with text to find) while the build goes on."""
    if indexer is None:
        remove_index(writer.target)
        return SearchOutcome("skipped", "search was left out (--no-search)")
    paths = [item.url + "index.html" for item in (*board.needs, *board.testbeds, *board.cases)]
    digests = {path: desired[path] for path in paths if path in desired}
    files = {path: (writer.target if path in written else writer.out) / path for path in digests}
    scratch = Pages(digests, files, writer.out.parent, f".{writer.out.name}{TEMP_MARK}shard-")
    indexer.submit(writer.target, scratch, options.root if options.use_cache else None, writer.out)
    return indexer


def _finish_search(search: Indexer | SearchOutcome, progress: Progress) -> SearchOutcome:
    if isinstance(search, SearchOutcome):
        return search
    outcome = search.result()
    if outcome.state in ("built", "reused"):
        shards = f"{outcome.shards} shard{'s' if outcome.shards != 1 else ''}"
        progress.finish("indexed", outcome.indexed, outcome.seconds,
                        f"{outcome.reused} of {shards} unchanged" if outcome.reused else shards)
    return outcome


def _add_static(static: dict[str, Path], desired: Manifest, written: dict[str, str], writer: SiteWriter,
                live: Manifest, diagnostics: Diagnostics) -> None:
    """Static files go into the site as they are; one that would replace a page is an error."""
    for path, source in static.items():
        if path in desired:
            diagnostics.error(f"static/{path}", 0, f"would replace the generated page /{path}; rename the file")
            continue
        if path.startswith(SEARCH_BUNDLE + "/"):
            diagnostics.error(f"static/{path}", 0, f"{SEARCH_BUNDLE}/ is the search index's folder; move the file")
            continue
        data = source.read_bytes()
        digest = content_hash(data)
        desired[path] = digest
        if live.get(path) != digest:
            written[path] = writer.write(path, data)


def template_problem(exc: jinja2.TemplateError, theme: ThemeFiles) -> Diagnostic:
    """A template mistake, reported like a content error: the template's file and line."""
    filename, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if not filename:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".html")]
        if frames:
            filename, line = frames[-1].filename, frames[-1].lineno
    where = _relative_template_path(filename, theme) if filename else "templates"
    return Diagnostic(where, line or 0, Severity.ERROR, f"template error: {exc.message or exc}")


def _relative_template_path(filename: str, theme: ThemeFiles) -> str:
    path = Path(filename).resolve()
    for base in (theme.board_root.resolve(), theme.theme_dir.resolve().parent):
        if path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return filename

