"""Stage 1: read every content file into a validated, typed model, collecting every problem.

The loader is the only place that turns YAML into models. It never stops at the first problem,
and a file that failed to parse is remembered so that references to it raise no follow-on
"does not exist" errors.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from datetime import date
from typing import Callable

import markdown_it

from callboard import __version__
from callboard.config import Config
from callboard.content.activecontent import check_svg_references
from callboard.content.calls import prepare_call
from callboard.content.changelog import need_changes
from callboard.content.documents import check_documents
from callboard.content.history import read_history
from callboard.content.markdown import MarkupError, render_body
from callboard.content.media import check_image, content_items, gallery_lines
from callboard.content.mistakes import document_problems
from callboard.content.models import BodyLink, Content, Item, Kind, Status
from callboard.content.parse import ParseError, parse_document
from callboard.content.permalinks import reserved_slugs
from callboard.content.schema import SCHEMAS
from callboard.content.sources import (
    MAX_FILE_BYTES,
    Source,
    Stamps,
    content_files,
    read_source,
    slug_of,
)
from callboard.core.diagnostics import Diagnostic, Diagnostics, Message, Severity, say, say_n
from callboard.core.fields import SLUG_RE, suggest
from callboard.core.parallel import Tick, pool_map
from callboard.core.store import EntryStore
from callboard.core.text import to_slug

RESERVED_SLUGS = {kind: reserved_slugs(kind.section, Status) for kind in Kind}
"""Slugs that would collide with pages the build generates in the same folder."""
MAX_TERMS = 500
"""Distinct categories, and distinct tags, on a whole board: each is a page, a feed and a calendar,
so a few files must not be able to make thousands of them. Far more than a real vocabulary."""

Loaded = tuple[Item | None, list[Diagnostic]]


def load_content(config: Config, diagnostics: Diagnostics, jobs: int = 1, cache: EntryStore | None = None,
                 sources: list[Source] | None = None, tick: Tick | None = None) -> Content:
    """Read, parse and validate every content file; parsing runs on `jobs` processes, and files
    whose bytes are unchanged since the last build come from `cache`."""
    if sources is None:
        sources = read_sources(config, diagnostics)
    cached = {s.digest: cache.get(s.digest) for s in sources} if cache else {}
    missing = [s for s in sources if cached.get(s.digest) is None]
    fresh = pool_map(_load_task, [(config, s) for s in missing], jobs, tick)
    for source, result in zip(missing, fresh):
        cached[source.digest] = result
        if cache is not None:
            cache.put(source.digest, result)
    content = Content()
    history = read_history(config.root)
    committed = history.last_changed(config.timezone)
    for source in sources:
        item, problems = cached[source.digest]
        diagnostics.extend(problems)
        if item is None:
            content.unreadable[source.kind].add(source.slug)
        else:
            updated = updated_date(committed.get(source.source), getattr(item, "published", None))
            getattr(content, source.kind.section).append(replace(item, updated=updated))
    changes = need_changes(history, content.needs, config.timezone, cache)
    content.needs = [replace(need, changes=changes[need.source]) if need.source in changes else need
                     for need in content.needs]
    check_references(content, diagnostics)
    check_taxonomy_sizes(content, diagnostics)
    check_svg_references(content, config, diagnostics)
    return content


def read_sources(config: Config, diagnostics: Diagnostics, stamps: Stamps | None = None,
                 salt: bytes | None = None) -> list[Source]:
    """Every content file, in a fixed order; a slug used twice is an error. A file that `stamps`
    knows unchanged is not read (its digest is the one recorded). `salt` is the
    `loader_fingerprint`, when the caller has it already."""
    salt = salt or loader_fingerprint(config)
    sources = []
    check_symbolic_links(config, diagnostics)
    for kind in Kind:
        seen: dict[str, str] = {}
        paths, bundles = content_files(config, kind, diagnostics)
        for path in paths:
            source, slug = path.relative_to(config.root).as_posix(), slug_of(path, bundles)
            if slug in seen:
                diagnostics.error(source, 0, say("slug_used_twice", slug=slug, other=seen[slug]))
                continue
            seen[slug] = source
            try:
                sources.append(read_source(path, kind, source, salt, stamps, bundle=path.parent in bundles))
            except OSError as exc:
                diagnostics.error(source, 0, say("cannot_be_read", reason=str(exc.strerror)))
    return sources


def loader_fingerprint(config: Config) -> bytes:
    """Everything besides a file's own bytes that can change what loading it gives."""
    static = config.root / "static"
    images = sorted(p.relative_to(static).as_posix() for p in static.rglob("*")) if static.is_dir() else []
    from callboard.core.hashing import (
        code_fingerprint,  # here, not at the top: incremental imports the loader's users
    )

    settings = repr((__version__, code_fingerprint(), markdown_it.__version__, config.base_path, config.lang,
                     config.texts, images))
    return hashlib.blake2b(settings.encode(), digest_size=32).digest()


def _load_task(task: tuple[Config, Source]) -> Loaded:
    config, source = task
    try:
        source = source.read(config.root)
    except OSError as exc:
        return None, [Diagnostic(source.source, 0, Severity.ERROR, say("cannot_be_read", reason=str(exc.strerror)))]
    return load_item(config, source)


def base_folders() -> list[str]:
    """The folders a build reads a board from, board-relative."""
    return ["content", *(f"content/{kind.section}" for kind in Kind), "static", "templates", "templates/static"]


def check_symbolic_links(config: Config, diagnostics: Diagnostics) -> None:
    """Symbolic links in static/ and templates/ must stay inside the board: a link to
    /etc/passwd in static/ would otherwise be published with the site. So must the base folders
    themselves: a static/ that links to ~/.ssh would publish every file in it."""
    root = config.root.resolve()
    outside: list[str] = []
    for folder in base_folders():
        path = config.root / folder
        if (os.path.lexists(path) and not path.resolve().is_relative_to(root)
                and not any(folder.startswith(f"{above}/") for above in outside)):
            outside.append(folder)
            diagnostics.error(folder, 0, say("symlink_to_folder_outside"))
    for folder in ("static", "templates"):
        base = config.root / folder
        if not base.is_dir() or folder in outside:
            continue
        for path in sorted(base.rglob("*")):
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                diagnostics.error(path.relative_to(config.root).as_posix(), 0, say("symlink_to_outside"))


def load_item(config: Config, source: Source) -> Loaded:
    """One file to one model, or None when it is not usable, with every problem found in it."""
    problems = Diagnostics()
    kind, slug = source.kind, source.slug

    def report(line: int, message: Message, warning: bool = False) -> None:
        (problems.warning if warning else problems.error)(source.source, line, message)

    if source.size > MAX_FILE_BYTES:
        report(0, say_n("content_file_too_large", "content_file_too_large_plural", source.size // 1000,
                        limit=MAX_FILE_BYTES // 1000))
        return None, problems.items
    try:
        document = parse_document(source.raw)
    except ParseError as exc:
        report(exc.line, exc.message)
        return None, problems.items
    if not isinstance(document.front.value, dict):
        report(document.front.line, say("front_matter_not_a_mapping"))
        return None, problems.items
    check_slug(kind, slug, report)
    for line, message, warning in document_problems(document):
        report(line, message, warning=warning)
    schema = SCHEMAS[kind]
    values = schema.read(document.front.value, 1, report)
    if kind in (Kind.CASE, Kind.INNOVATOR):
        check_image(config, values, document.front.value, report)
    if kind is Kind.NEED or source.bundle:
        line = document.front.value["documents"].line if "documents" in document.front.value else 1
        values["documents"] = check_documents(config.root, source, values.get("documents"), line, report)
    try:
        t = config.translator(values.get("lang") or config.lang)
        if kind is Kind.NEED:
            prepare_call(values, {key: node.line for key, node in document.front.value.items()},
                         config.base_path, t("table_region"), report)
        body = render_body(document.body, config.base_path, t("table_region"))
    except MarkupError as exc:
        report(document.body_line + exc.line - 1, exc.message)
        return None, problems.items
    for problem in body.problems:
        report(document.body_line + problem.line - 1, problem.message, warning=True)
    if problems.errors:
        return None, problems.items
    values.setdefault("lang", config.lang)
    lines = {key: node.line for key, node in document.front.value.items()}
    lines.update({f"images:{src}": line for src, line in gallery_lines(document.front.value).items()})
    links = tuple(BodyLink(link.url, document.body_line + link.line - 1) for link in body.links)
    item = schema.build(values, slug=slug, source=source.source, body_html=body.html, body_line=document.body_line,
                        lines=lines, digest=source.digest, body_links=links)
    return item, problems.items


def updated_date(committed: date | None, published: date | None) -> date | None:
    """'Last changed': the last commit, but never before the item was published (a need committed
    ahead of its publishing day was not visibly changed before it appeared). Applied after the
    item cache, which is keyed by the file's bytes: a new commit need not change them."""
    if committed and published:
        return max(committed, published)
    return committed or published


def check_slug(kind: Kind, slug: str, report: Callable) -> bool:
    """Report a file name that cannot be a URL slug, suggesting the fixed name."""
    if not SLUG_RE.match(slug):
        fixed = to_slug(slug, fallback="namn")
        report(0, say("file_name_not_a_slug", name=slug + ".md", fixed=fixed + ".md"))
        return False
    if slug in RESERVED_SLUGS[kind]:
        report(0, say("slug_reserved", slug=slug))
        return False
    return True


def check_references(content: Content, diagnostics: Diagnostics) -> None:
    """Every need -> testbed and case -> need reference must name an item that exists."""
    testbeds = {t.slug for t in content.testbeds} | content.unreadable[Kind.TESTBED]
    needs = {n.slug for n in content.needs} | content.unreadable[Kind.NEED]
    for need in content.needs:
        for slug in need.testbeds:
            if slug not in testbeds:
                hint = suggest(slug, sorted(testbeds))
                diagnostics.error(need.source, need.lines.get("testbeds", 1),
                                  say("no_such_testbed_hint", slug=slug, hint=hint) if hint
                                  else say("no_such_testbed", slug=slug))
        for slug in (ref for ref in need.same_as if "://" not in ref):
            if slug not in needs:
                diagnostics.error(need.source, need.lines.get("same_as", 1), _no_such_need(slug, needs))
    for case in content.cases:
        if case.need and case.need not in needs:
            diagnostics.error(case.source, case.lines.get("need", 1), _no_such_need(case.need, needs))


def _no_such_need(slug: str, needs: set[str]) -> Message:
    hint = suggest(slug, sorted(needs))
    return say("no_such_need_hint", slug=slug, hint=hint) if hint else say("no_such_need", slug=slug)


def check_taxonomy_sizes(content: Content, diagnostics: Diagnostics) -> None:
    """A board's categories and tags each stay within MAX_TERMS: the terms met first, in file
    order, count; a file that brings in terms beyond the limit gets the error at its line."""
    items = sorted(content_items(content), key=lambda item: item.source)
    for key in ("categories", "tags"):
        seen: set[str] = set()
        for item in items:
            new = {to_slug(name) for name in getattr(item, key)} - seen
            if len(seen) + len(new) > MAX_TERMS:
                diagnostics.error(item.source, item.lines.get(key, 1), say("too_many_terms", name=key, limit=MAX_TERMS))
            else:
                seen |= new
