"""The steps on the whole new folder before it goes live: the search index, started as soon as
the pages are in place and waited for just before the swap, and the check of every link.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Sequence

from callboard.build.links import Address, LinkScans, Origin, check_body_links, check_links, scan_html
from callboard.build.run import Result, Run
from callboard.build.search import Indexer, Pages, SearchOutcome, remove_index
from callboard.build.write import TEMP_MARK
from callboard.content.permalinks import need_archive_path, need_document_path
from callboard.core.diagnostics import say, say_n
from callboard.site.assemble import Board, assemble
from callboard.site.pages import Page, plan_pages


def start_search(run: Run) -> None:
    """Step: start indexing the item pages (the only ones with text to find) while the build goes on."""
    writer, board = run.writer, run.result.board
    if run.indexer is None:
        remove_index(writer.target)
        run.search = SearchOutcome("skipped", (say("search_left_out_by_option"),))
        return
    paths = [item.url + "index.html" for item in board.items]
    digests = {path: run.desired[path] for path in paths if path in run.desired}
    files = {path: (writer.target if path in run.written else writer.out) / path for path in digests}
    scratch = Pages(digests, files, writer.out.parent, f".{writer.out.name}{TEMP_MARK}shard-")
    trusted_live = writer.out if writer.live is not None else None  # else anyone's committed site/
    run.indexer.submit(writer.target, scratch, run.options.root if run.options.use_cache else None, trusted_live)
    run.search = run.indexer


def finish_search(run: Run) -> None:
    """Step: wait for the index. It is written into the new folder, so a build that stops
    early waits for it too, before the folder is removed."""
    if isinstance(run.search, Indexer):
        outcome = run.search = run.search.result()
        if outcome.state in ("built", "reused"):
            shards = say_n("progress_shards", "progress_shards_plural", outcome.shards)
            run.progress.finish("indexed", outcome.indexed, outcome.seconds,
                                say("progress_shards_unchanged", reused=outcome.reused, shards=shards)
                                if outcome.reused else shards)
    if run.search is not None:
        run.result.search = run.search


def check_every_link(run: Run) -> None:
    """Step: every link of the new folder leads somewhere. Pages unchanged since the last build
    (whose links all led somewhere) are not read again, and not even checked when no file came
    or went (see LinkScans). Links in the dev server's `extra_head` are not the site's."""
    if not run.verify_links:
        return
    started = time.perf_counter()
    board, plan = run.result.board, run.plan
    origins = link_origins(board, plan.pages, plan.static)
    address = Address(board.config.base_url, board.config.base_path)
    scans = LinkScans(run.cache, run.desired, plan.live) if run.cache is not None else None
    ignored = frozenset(scan_html(run.extra_head)[0]) if run.extra_head else frozenset()
    checked = check_links(run.writer.target, origins, address, run.result.diagnostics, scans, ignored,
                          run.options.jobs, set(run.desired), run.scanned)
    run.progress.finish("checked", checked, time.perf_counter() - started)


def link_origins(board: Board, pages: Sequence[Page], static: dict[str, Path]) -> dict[str, Origin]:
    """For each output file, the file that made it, so that a broken link names what to fix."""
    origins = {page.path: Origin(f"templates/{page.template}") for page in pages}
    for item in board.items:
        path = item.url + "index.html"
        if path in origins:
            origins[path] = Origin(origins[path].source, item.source, item.body_links)
    root = board.config.root.resolve()
    for path, source in static.items():
        resolved = source.resolve()
        origins[path] = Origin(resolved.relative_to(root).as_posix() if resolved.is_relative_to(root)
                               else f"templates/static/{path}")
    return origins


def check_links_in_bodies(result: Result, static: dict[str, Path]) -> None:
    """`check`'s link check: the links and images in the bodies of the pages the site would
    have lead to one of its pages or static files; nothing is rendered or written."""
    config = result.config
    board = assemble(result.content, config)
    pages = plan_pages(board, config.translator(config.lang))
    origins = {item.url + "index.html": Origin("", item.source, item.body_links)
               for item in (*board.needs, *board.testbeds, *board.cases) if item.body_links}
    documents = {need_document_path(need, document.file) for need in board.needs for document in need.documents}
    archives = {need_archive_path(need) for need in board.needs if need.documents}
    files = {page.path for page in pages} | set(static) | documents | archives
    check_body_links(origins, files, Address(config.base_url, config.base_path), result.diagnostics)
