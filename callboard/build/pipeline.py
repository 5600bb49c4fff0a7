"""The build, end to end: `check` loads and validates a board, `build` also writes its site.

The command line, the dev server and the tests all go through these functions, so there is
one way to build a board. `build` is the list of named steps in `STEPS`, run in order on one
build in progress (`Run`), each timed, stopping at the first step that finds an error. A build
is incremental: with the cache from the last build it re-parses only changed files, renders
only pages whose fingerprint changed, and does nothing at all when no input changed. Its output
is always byte-identical to a clean build.
"""

from __future__ import annotations

import time
from contextlib import nullcontext, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from callboard.build.cache import Cache
from callboard.build.changes import compare, load, load_board, remember, replay
from callboard.build.finish import check_every_link, check_links_in_bodies, finish_search, start_search
from callboard.build.images import check_images, process_images, write_images
from callboard.build.lock import open_cache
from callboard.build.publish import (
    add_documents,
    add_static_files,
    assemble_board,
    cannot_write,
    generate_outputs,
    link_unchanged,
    plan,
    render,
    static_to_publish,
    swap,
)
from callboard.build.run import Effects, Result, Run, RunOptions, UsageError
from callboard.build.search import Indexer
from callboard.build.write import check_output_dir, remove_stale_temporaries
from callboard.content.load import load_content
from callboard.content.models import Content
from callboard.core.diagnostics import Message, say, say_n
from callboard.core.progress import Progress, Silent
from callboard.site.theme import ThemeFiles

__all__ = ["STEPS", "Effects", "Result", "RunOptions", "Step", "UsageError", "build", "check", "checked_summary"]


@dataclass(frozen=True)
class Step:
    """One named part of a build: a function that reads from the build in progress what earlier
    steps made and adds what it makes, or an error that ends the build."""

    name: str
    """The step's key in `Result.timings`."""
    action: Callable[[Run], None]


STEPS = (
    Step("load", load),
    Step("compare", compare),
    Step("assemble", assemble_board),
    Step("images", process_images),
    Step("plan", plan),
    Step("render", render),
    Step("index", start_search),  # in a helper process, while the next steps run
    Step("outputs", generate_outputs),
    Step("static", add_static_files),
    Step("documents", add_documents),
    Step("pictures", write_images),
    Step("unchanged", link_unchanged),
    Step("links", check_every_link),
    Step("search", finish_search),
    Step("swap", swap),
)
"""What `build` does once it is known that an input may have changed, in order. A step that
finds an error ends the build; `compare` ends it when the site would be identical."""


def check(options: RunOptions, progress: Progress | None = None) -> Result:
    """Load and validate the whole board without writing anything."""
    with open_cache(options.root, options.use_cache) as cache:
        result, _ = load_board(options, cache, progress or Silent(), load_content, time.time_ns())
        static = static_to_publish(result.config, ThemeFiles.for_board(options.root), result.diagnostics)
        if result.content is not None:
            check_images(result.content, result.config, result.diagnostics)
            check_links_in_bodies(result, static)
        if cache is not None:
            cache.save()
        return result


def checked_summary(content: Content, warnings: int) -> Message:
    """The line `check` ends with when it found no error: what it read, and that it found nothing
    wrong ("18 behov, 5 testbäddar och 5 goda exempel: inga fel"). Innovators are counted on a
    board that has them (a hub's); on others "0 innovatörer" would only be noise."""
    counts = {"needs": say_n("checked_needs", "checked_needs_plural", len(content.needs)),
              "testbeds": say_n("checked_testbeds", "checked_testbeds_plural", len(content.testbeds)),
              "cases": say_n("checked_cases", "checked_cases_plural", len(content.cases))}
    if warnings:
        counts["warnings"] = say_n("checked_warnings", "checked_warnings_plural", warnings)
    if not content.innovators:
        return say("checked_no_errors_but_warnings", **counts) if warnings else say("checked_no_problems", **counts)
    counts["innovators"] = say_n("checked_innovators", "checked_innovators_plural", len(content.innovators))
    return (say("checked_no_errors_but_warnings_innovators", **counts) if warnings else
            say("checked_no_problems_innovators", **counts))


def build(options: RunOptions, out: Path, extra_head: str = "", progress: Progress | None = None,
          cache: Cache | None = None, verify_links: bool = True, effects: Effects = Effects()) -> Result:
    """Check, then write the site to `out` only if the board has no errors and every link in
    the finished output leads somewhere.

    `extra_head` goes into every page's <head> (the dev server's live-reload script). A `cache`
    given here (the dev server's, in memory) is used instead of the board's `.callboard-cache/`.
    `verify_links=False` skips the link check, for tests that render broken links on purpose.
    `effects` are how content is read and files written (tests count or break them)."""
    check_output_dir(out, options.root)
    with open_cache(options.root, options.use_cache, cache) as cache:
        with suppress(OSError):  # the writer, made later, tells a folder that cannot be written
            remove_stale_temporaries(out.resolve())  # killed builds' folders go even when nothing changed
        run = Run(options, out, cache, progress or Silent(), extra_head=extra_head, verify_links=verify_links,
                  effects=effects)
        replayed = replay(run)
        if replayed is not None:
            return replayed
        with Indexer() if options.search else nullcontext(None) as run.indexer:
            _run_steps(run)
        if run.result.ok and cache is not None:
            remember(run)
        return run.result


def _run_steps(run: Run) -> None:
    """Each step in turn, until one finds an error or finds nothing to do; a build that stops
    leaves the live site as it was."""
    try:
        for step in STEPS:
            started = time.perf_counter()
            step.action(run)
            run.result.timings[step.name] = time.perf_counter() - started
            if not run.result.ok or run.result.unchanged:
                break
    except OSError as exc:
        if run.writer is None:
            raise
        _abort(run)
        cannot_write(run, exc)
        return
    except BaseException:
        _abort(run)
        raise
    if not run.result.ok:
        _abort(run)


def _abort(run: Run) -> None:
    """Give up the new folder, once the search index that is being written into it is done."""
    if run.result is not None:
        finish_search(run)
    if run.writer is not None:
        run.writer.abort()
