"""The steps that make the site from the loaded board: assemble, plan, render, the generated
outputs, the static files, and the swap that makes the new folder the live one.

Each step takes the build in progress (`Run`) and adds what it made. The new site is written
into a folder beside the live one (`SiteWriter`): only the pages whose fingerprint changed are
rendered, only generated files whose bytes changed are written, and everything else is
hard-linked from the live folder. Until the swap, the live site is untouched.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Sequence

import jinja2

from callboard.build.changes import live_manifest
from callboard.build.fingerprints import Fingerprinter, config_fingerprint
from callboard.build.links import Scan, scan_html
from callboard.build.run import Plan, Run
from callboard.build.state import CacheState
from callboard.build.write import FolderInUse, SiteWriter, content_hash
from callboard.config import Config
from callboard.content.activecontent import publishable_static
from callboard.content.permalinks import SEARCH_BUNDLE, archive_name, need_archive_path, need_document_path
from callboard.core.archive import reproducible_zip
from callboard.core.diagnostics import Diagnostic, Diagnostics, Severity, say, say_n
from callboard.core.parallel import Tick, forks, run_parts
from callboard.core.safefiles import SymlinkRefused, read_nofollow
from callboard.outputs import OUTPUTS, Output
from callboard.outputs.memo import Memo
from callboard.site.assemble import assemble
from callboard.site.assets import is_asset
from callboard.site.pages import Page, plan_pages
from callboard.site.render import Renderer
from callboard.site.theme import ThemeFiles


def assemble_board(run: Run) -> None:
    """Step: the board for the build date: statuses, relations, taxonomies, sort orders."""
    run.result.board = assemble(run.result.content, run.result.config)


def plan(run: Run) -> None:
    """Step: every page of the site, its fingerprint, and which pages must be rendered again."""
    started = time.perf_counter()
    result, theme = run.result, run.theme
    renderer = Renderer(result.board, theme.files, run.extra_head)
    pages = plan_pages(result.board, renderer.t)
    pictures = repr(sorted(result.board.images.items()))
    innovators = " innovators" if result.board.innovators else ""  # every page's menu and footer then link them
    fingerprinter = Fingerprinter(renderer.env, config_fingerprint(result.config, run.extra_head + theme.static
                                                                   + pictures + innovators))
    try:
        fingerprints = {page.path: fingerprinter.page(page) for page in pages}
    except jinja2.TemplateError as exc:
        result.diagnostics.extend([template_problem(exc, theme.files)])
        return
    state = run.cache.state if run.cache is not None else CacheState()
    live = live_manifest(state, run.out)
    previous = state.pages if live is not None else {}
    changed = [p for p in pages if previous.get(p.path) != fingerprints[p.path] or p.path not in live]
    static = static_to_publish(result.config, theme.files, result.diagnostics)
    run.plan = Plan(renderer, pages, static, fingerprints, live, changed)
    result.renderer = renderer
    elapsed = result.timings.get("assemble", 0.0) + time.perf_counter() - started
    run.progress.finish("planned", len(pages), elapsed)


def render(run: Run) -> None:
    """Step: the changed pages, rendered into the new folder on up to `jobs` processes."""
    changed = run.plan.changed
    if run.cache is not None:  # until the swap is done, the live folder's content is unknown
        run.cache.state = replace(run.cache.state, live=None)
        run.cache.save()
    try:
        run.writer = SiteWriter(run.out, run.plan.live, file_writer=run.effects.write)
    except OSError as exc:
        cannot_write(run, exc)
        return
    started = time.perf_counter()
    run.progress.start("rendering", len(changed))
    run.written, run.scanned = _render(run.plan.renderer, changed, run.writer, run.options.jobs,
                                       run.result.diagnostics, run.progress.advance)
    workers = min(run.options.jobs, max(1, len(changed) // 64))
    run.progress.finish("rendered", len(changed), time.perf_counter() - started,
                        say_n("progress_workers", "progress_workers_plural", workers))
    run.rendered_at = time.perf_counter()
    if run.result.ok:
        run.desired = {page.path: run.written.get(page.path) or run.plan.live[page.path] for page in run.plan.pages}


def _render(renderer: Renderer, pages: Sequence[Page], writer: SiteWriter, jobs: int,
            diagnostics: Diagnostics, tick: Tick) -> tuple[dict[str, str], dict[str, Scan]]:
    """Path -> content hash of each page written, and the links and ids of each page, taken
    while the page is at hand (the link check needs them, and reading 13,000 pages back costs
    seconds)."""

    written: dict[str, str] = {}
    scanned: dict[str, Scan] = {}
    for hashes, scans, problem in run_parts(RenderPart(renderer, writer), pages, jobs, tick):
        written.update(hashes)
        scanned.update(scans)
        if problem is not None:
            diagnostics.extend([problem])
    return written, scanned


@dataclass(frozen=True)
class RenderPart:
    """Renders and writes a slice of the pages in a worker (a forked one inherits it, a spawned
    one gets it pickled)."""

    renderer: Renderer
    writer: SiteWriter

    def __call__(self, part: Sequence[Page], tick: Tick) -> tuple[dict[str, str], dict[str, Scan], Diagnostic | None]:
        hashes, scans = {}, {}
        for index, page in enumerate(part, start=1):
            try:
                data = self.renderer.render(page)
            except jinja2.TemplateError as exc:
                return hashes, scans, template_problem(exc, self.renderer.theme)
            hashes[page.path] = self.writer.write(page.path, data)
            scans[page.path] = scan_html(data.decode("utf-8", errors="replace"))
            if index % 100 == 0:
                tick(100)
        return hashes, scans, None


def generate_outputs(run: Run) -> None:
    """Step: the files made from the whole board (`callboard.outputs.OUTPUTS`): made whole on
    every build from pieces kept in the cache, on up to `jobs` processes when there is a
    previous build, and written only where they changed."""
    board, pages, writer, cache = run.result.board, run.plan.pages, run.writer, run.cache
    live = run.plan.live or {}
    memo = Memo(config_fingerprint(board.config, repr(sorted(board.images.items()))), cache)

    def generate(outputs: Sequence[Output], tick: Tick) -> tuple[list[tuple[str, str, bool, str, float]], dict, set]:
        made = []
        for output in outputs:
            started = time.perf_counter()
            for path, data in output.generate(board, pages, memo):
                digest = content_hash(data)
                changed = live.get(path) != digest
                if changed:
                    writer.write(path, data)
                made.append((path, digest, changed, output.name, time.perf_counter() - started))
        stored = cache is not None and cache.store_from_worker(memo.added)
        return made, {} if stored else memo.added, memo.used

    # A clean build makes every piece: in forked workers, each would copy most of the board's
    # memory by touching every item, while the indexer keeps the other core busy anyway. Spawned
    # workers would need the board, the memo and the cache pickled: the outputs are made here.
    workers = run.options.jobs if live and forks() else 1
    costliest_first = sorted(OUTPUTS, key=lambda output: output.cost_rank)
    for made, added, used in run_parts(generate, costliest_first, workers, per_worker=1):
        for path, digest, changed, name, elapsed in made:
            run.desired[path] = digest
            if changed:
                run.written[path] = digest
            run.result.timings[name] = elapsed
        if cache is not None:
            for key in used:
                cache.touch(key)
            for key, value in added.items():
                cache.put(key, value)


def static_to_publish(config: Config, theme: ThemeFiles, diagnostics: Diagnostics) -> dict[str, Path]:
    """The static files the site may publish (output path -> source): the board's own are
    judged for active content (`content/activecontent.py`); `check` reports the same."""
    theme_static = theme.theme_dir / "static"
    theme_paths = frozenset(path.relative_to(theme_static).as_posix() for path in theme_static.rglob("*")
                            if path.is_file()) if theme_static.is_dir() else frozenset()
    return publishable_static(theme.static_files(), config.root, theme_paths, config.host_files, diagnostics)


def add_static_files(run: Run) -> None:
    """Step: static files go into the site as they are (those in `assets/` minified and renamed,
    `site/assets.py`); one that would replace a page is an error."""
    live = run.plan.live or {}
    for path, source in run.plan.static.items():
        if path in run.processed:
            continue  # its renditions, without its metadata, are published instead
        if path in run.desired:
            run.result.diagnostics.error(f"static/{path}", 0, say("static_replaces_page", path=path))
            continue
        if path.startswith(SEARCH_BUNDLE):
            run.result.diagnostics.error(f"static/{path}", 0, say("static_in_search_folder", folder=SEARCH_BUNDLE))
            continue
        if is_asset(path):  # minified, and published only under its content-hashed name
            path, data = run.plan.renderer.assets.publish(path, source)
        else:
            data = source.read_bytes()
        digest = content_hash(data)
        run.desired[path] = digest
        if live.get(path) != digest:
            run.written[path] = run.writer.write(path, data)


def add_documents(run: Run) -> None:
    """Step: each need's documents, published beside its page as they are (the loader judged
    them), and all of them in one zip, the same bytes on every build."""
    live = run.plan.live or {}
    for need in run.result.board.needs:
        if not need.documents:
            continue
        folder = run.result.config.root / PurePosixPath(need.source).parent
        files = []
        for document in need.documents:
            data = read_nofollow(folder / document.file)
            files.append((archive_name(need, document), data))
            _publish(run, need_document_path(need, document.file), data, live, need.source, document.line)
        _publish(run, need_archive_path(need), reproducible_zip(files), live, need.source,
                 need.lines.get("documents", 0))


def _publish(run: Run, path: str, data: bytes, live: dict[str, str], source: str, line: int) -> None:
    if path in run.desired:
        run.result.diagnostics.error(source, line, say("document_replaces_site_file", path=path))
        return
    digest = content_hash(data)
    run.desired[path] = digest
    if live.get(path) != digest:
        run.written[path] = run.writer.write(path, data)


def link_unchanged(run: Run) -> None:
    """Step: the files this build did not write, hard-linked from the live folder, so that the
    new folder is the whole site (for the link check) before it goes live."""
    run.writer.complete(run.desired, set(run.written))


def swap(run: Run) -> None:
    """Step: the new folder becomes the live one, in one rename."""
    run.writer.swap()
    result = run.result
    run.progress.finish("wrote", len(run.written), time.perf_counter() - run.rendered_at)
    result.pages, result.files_written = len(run.plan.pages), len(run.written)
    result.notes.extend(result.search.notes)
    if run.cache is not None:
        run.cache.state = replace(run.cache.state, live=run.desired, pages=run.plan.fingerprints,
                                  out=str(run.out.resolve()))


WINDOWS_MAX_PATH = 260
"""Characters in a path Windows allows unless long paths are turned on (LongPathsEnabled)."""


def cannot_write(run: Run, exc: OSError) -> None:
    """A full disk, a file name the file system refuses, no permission: an error, not a crash."""
    if isinstance(exc, (SymlinkRefused, FolderInUse)):
        run.result.diagnostics.error(run.out, 0, say("cannot_write_site", reason=exc.message))
        return
    reason, where = exc.strerror or str(exc), Path(exc.filename).as_posix() if exc.filename else ""
    if len(where) >= WINDOWS_MAX_PATH:
        run.result.diagnostics.error(run.out, 0, say("cannot_write_site_long_path", reason=reason, path=where,
                                                     length=len(where), limit=WINDOWS_MAX_PATH))
    else:
        run.result.diagnostics.error(run.out, 0, say("cannot_write_site_file", reason=reason, path=where) if where
                                     else say("cannot_write_site", reason=reason))


def template_problem(exc: jinja2.TemplateError, theme: ThemeFiles) -> Diagnostic:
    """A template mistake, reported like a content error: the template's file and line."""
    filename, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if not filename:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".html")]
        if frames:
            filename, line = frames[-1].filename, frames[-1].lineno
    where = _relative_template_path(filename, theme) if filename else "templates"
    return Diagnostic(where, line or 0, Severity.ERROR, say("template_error", reason=str(exc.message or exc)))


def _relative_template_path(filename: str, theme: ThemeFiles) -> str:
    path = Path(filename).resolve()
    for base in (theme.board_root.resolve(), theme.theme_dir.resolve().parent):
        if path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return filename
