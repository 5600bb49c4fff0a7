"""Every link in the built site must lead somewhere: checked on the finished output, before it
is published.

Runs over every HTML file the build wrote, so it sees links from Markdown bodies, templates and
static pages alike. An internal `href`, `src` or `srcset` must name a file the build wrote (a
folder means its index.html; a `#fragment` must be an id on that page). External addresses are
never fetched, so the build works offline, but malformed ones (`http//x`, spaces, bad ports) and
unsafe schemes are reported. A broken link from a Markdown body is reported at the line of the
body it was written on; any other names the template or file that produced the page.

Pages are scanned with regular expressions rather than parsed into trees: a board of 20,000
pages is checked in seconds.
"""

from __future__ import annotations

import difflib
from functools import cached_property, partial
import html
import os
import posixpath
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping
from urllib.parse import unquote, urlsplit

from callboard.build.cache import SCAN_PREFIX
from callboard.content.models import BodyLink
from callboard.core.diagnostics import Diagnostics, Message, say, say_n
from callboard.core.parallel import run_parts
from callboard.core.safeurls import (
    SAFE_SCHEMES,
    WEB_SCHEMES,
    mail_or_phone_problem,
    url_scheme,
    web_address_problem,
)
from callboard.core.store import EntryStore

_SKIPPED = re.compile(r"<!--.*?-->|(<(script|style|template)\b[^>]*>).*?</\2\s*>", re.S | re.I)
"""Comments, and the contents (not the opening tags) of elements whose text is not markup."""
_TAG = re.compile(r"""<[a-zA-Z][a-zA-Z0-9-]*(\s(?:[^>"']|"[^"]*"|'[^']*')*)>""")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "poster", "action", "formaction", "data"})
_KEPT = _URL_ATTRIBUTES | {"id", "name"}
_LOOKS_EXTERNAL = re.compile(r"^(https?//|www\.)", re.I)


@dataclass(frozen=True)
class Origin:
    """Where the links of one output file come from, so that an error names a file to fix."""

    source: str
    """The template or static file that made the page, relative to the board."""
    content: str = ""
    """The content file whose Markdown body is on the page, if any."""
    body_links: tuple[BodyLink, ...] = ()
    """Links written in that body, with their lines in `content`."""


@dataclass(frozen=True)
class Address:
    """Where the site lives: links that start with either of these point into it."""

    base_url: str = ""
    base_path: str = "/"


Scan = tuple[tuple[str, ...], frozenset[str]]
"""The distinct URLs and the ids of one page."""


class LinkScans:
    """Scans of pages kept in the build cache under the page's content hash, so that a rebuild
    reads only the pages that changed.

    `passed` is the manifest of the last build, whose links all led somewhere. When this build
    has the same files, and no changed page lost an id, a page that did not change cannot have
    a broken link either: only the changed pages are checked."""

    def __init__(self, store: EntryStore, digests: Mapping[str, str], passed: Mapping[str, str] | None = None):
        self.store = store
        self.digests = digests
        self.passed = passed

    def get(self, page: str) -> Scan | None:
        digest = self.digests.get(page)
        return self.store.get(SCAN_PREFIX + digest) if digest else None

    def put(self, page: str, scan: Scan) -> None:
        digest = self.digests.get(page)
        if digest:
            self.store.put(SCAN_PREFIX + digest, scan)

    def changed(self, pages: list[str], files: set[str]) -> list[str] | None:
        """The pages that differ from the passed build, or None when every page must be checked."""
        if self.passed is None or files != self.passed.keys():
            return None
        return [page for page in pages if self.passed.get(page) != self.digests.get(page)]

    def lost_no_ids(self, pages: list[str]) -> bool:
        """Whether every id of the passed build's version of `pages` is still on them."""
        for page in pages:
            before = self.store.get(SCAN_PREFIX + self.passed[page])
            if before is None or not before[1] <= self.get(page)[1]:
                return False
        return True

    def keep(self, pages: list[str]) -> None:
        """Keep the scans of pages not looked at in this build for the next one."""
        for page in pages:
            self.store.touch(SCAN_PREFIX + self.digests[page])


@dataclass(frozen=True)
class _Broken:
    page: str
    url: str
    reason: Message


class _Problem(Exception):
    """A URL that is wrong in itself, whatever the site contains."""

    def __init__(self, reason: Message):
        super().__init__(reason.key)
        self.reason = reason


def check_links(folder: Path, origins: Mapping[str, Origin], address: Address, diagnostics: Diagnostics,
                scans: LinkScans | None = None, ignored: frozenset[str] = frozenset(), jobs: int = 1,
                files: set[str] | None = None, rendered: Mapping[str, Scan] | None = None) -> int:
    """Check every HTML file below `folder` (or of `files`, the folder's files when known) and
    report each problem once. Returns how many distinct links (per page) were checked.
    `ignored` URLs are not the site's (the dev server's live-reload script). `rendered` holds
    the scans the render workers made of the pages they wrote; other pages not in `scans` are
    read on up to `jobs` processes."""
    files = set(_walk(folder)) if files is None else files
    pages = sorted(path for path in files if path.endswith(".html"))
    rendered = rendered or {}
    changed = scans.changed(pages, files) if scans else None
    to_scan = changed if changed is not None else pages
    known = {page: rendered.get(page) or (scans.get(page) if scans else None) for page in to_scan}
    fresh = _scan_pages(folder, [page for page in to_scan if known.get(page) is None], jobs)
    if scans:
        for page, scan in (*fresh.items(), *((page, scan) for page, scan in rendered.items() if page in files)):
            scans.put(page, scan)
    if changed is not None and scans.lost_no_ids(changed):
        scans.keep(sorted(set(pages) - set(changed)))
        pages = changed
    elif changed is not None:  # an id went away: any page may have linked to it
        known.update({page: scans.get(page) for page in pages if page not in known})
        fresh.update(_scan_pages(folder, [page for page in pages if known.get(page) is None], jobs))

    def scan_of(page: str) -> Scan:
        found = known.get(page) or fresh.get(page) or (scans.get(page) if scans else None)
        return found or scan_html((folder / page).read_text("utf-8", errors="replace"))

    return _check_pages(pages, files, address, diagnostics, origins, ignored, scan_of)


GENERATED_SUFFIXES = frozenset({".xml", ".ics", ".json", ".jsonl", ".csv", ".txt"})
"""Files the outputs make (feeds, calendars, open data): `check` makes none, so it leaves links
to such files to `build`, which checks them on the finished site."""


def check_body_links(origins: Mapping[str, Origin], files: set[str], address: Address,
                     diagnostics: Diagnostics) -> int:
    """`check`'s part of the link check, without writing a site: every link and image in the
    bodies of `origins` (item page -> its content file and body links) must lead to a page or
    static file in `files`, reported at its line as `build` reports it. Fragments and links to
    generated files are left to `build`. Returns how many links were checked."""
    resolver = _Resolver(files, address)
    broken = []
    checked = 0
    for page, origin in origins.items():
        for url in dict.fromkeys(link.url for link in origin.body_links):
            checked += 1
            reason, _target, _fragment = resolver.resolve(page, url)
            if reason and posixpath.splitext(urlsplit(url.strip()).path)[1].lower() not in GENERATED_SUFFIXES:
                broken.append(_Broken(page, url, reason))
    _report(broken, origins, diagnostics)
    return checked


def _check_pages(pages: list[str], files: set[str], address: Address, diagnostics: Diagnostics,
                 origins: Mapping[str, Origin], ignored: frozenset[str], scan_of) -> int:
    resolver = _Resolver(files, address)
    fragments: list[tuple[str, str, str, str]] = []
    broken: list[_Broken] = []
    checked = 0
    for page in pages:
        urls, _ = scan_of(page)
        for url in urls:
            if url in ignored:
                continue
            checked += 1
            reason, target, fragment = resolver.resolve(page, url)
            if reason:
                broken.append(_Broken(page, url, reason))
            elif fragment and fragment != "top":  # browsers scroll to the top for #top without an id
                fragments.append((page, url, target, fragment))
    ids: dict[str, frozenset[str] | None] = {}
    for page, url, target, fragment in fragments:
        if target not in ids:
            scan = scan_of(target) if target.endswith(".html") else None
            ids[target] = scan[1] if scan else None
        if ids[target] is not None and fragment not in ids[target]:
            broken.append(_Broken(page, url, say("link_no_such_id", fragment=fragment, target=target)))
    _report(broken, origins, diagnostics)
    return checked


def _scan_pages(folder: Path, pages: list[str], jobs: int) -> dict[str, Scan]:
    return {page: scan for part in run_parts(partial(_scan_part, folder), pages, jobs) for page, scan in part}


def _scan_part(folder: Path, part: list[str], tick) -> list[tuple[str, Scan]]:
    return [(page, scan_html((folder / page).read_text("utf-8", errors="replace"))) for page in part]


def scan_html(text: str) -> Scan:
    """The distinct URLs (entities decoded) and the ids of one page, without building a tree."""
    urls: dict[str, None] = {}
    ids: set[str] = set()
    for attributes in _TAG.findall(_SKIPPED.sub(lambda match: match.group(1) or "", text)):
        lowered = attributes.lower()
        if not ("href" in lowered or "src" in lowered or "id" in lowered or "name" in lowered
                or "action" in lowered or "poster" in lowered or "data" in lowered):
            continue  # most tags carry only a class: skip them without parsing their attributes
        for name, double, single, bare in _ATTRIBUTE.findall(attributes):
            name = name.lower()
            if name not in _KEPT:
                continue
            value = double or single or bare
            value = sys.intern(html.unescape(value) if "&" in value else value)
            if name in ("id", "name"):
                ids.add(value)
            elif name == "srcset":
                urls.update(dict.fromkeys(_srcset_urls(value)))
            else:
                urls[value] = None
    return tuple(urls), frozenset(ids)


class _Resolver:
    """Where a URL on a page leads. Most URLs are root-relative and repeat on every page, so
    their outcome is computed once."""

    def __init__(self, files: set[str], address: Address):
        self.files = files
        self.address = address
        self.cache: dict[tuple[str, str], tuple[Message | None, str, str]] = {}

    def resolve(self, page: str, url: str) -> tuple[Message | None, str, str]:
        """(problem, target file, fragment): a problem, or the file and fragment to check."""
        relative = not (url.startswith("/") or url_scheme(url))
        key = (page if relative else "", url)
        if key not in self.cache:
            try:
                self.cache[key] = self._resolve(page, url.strip())
            except _Problem as problem:
                self.cache[key] = (problem.reason, "", "")
        return self.cache[key]

    def _resolve(self, page: str, url: str) -> tuple[Message | None, str, str]:
        if (url_scheme(url) or url.startswith("//")) and not self.is_own(url):
            return _external_problem(url), "", ""
        path = self.site_path(page, url)
        if path is None:
            return None, "", ""  # elsewhere on the same host: not this site's to check
        target = self.target(path)
        if target is None:
            return self.nowhere(path), "", ""
        return None, target, unquote(urlsplit(url).fragment)

    def is_own(self, url: str) -> bool:
        """An absolute address of a page on this site, e.g. a canonical link."""
        return bool(self.address.base_url) and url.startswith(self.address.base_url)

    def site_path(self, page: str, url: str) -> str | None:
        """The path inside the site that a URL points to, or None for elsewhere on the host."""
        if "\\" in url:
            raise _Problem(say("link_has_backslash"))
        if re.search(r"\s", url):
            raise _Problem(say("link_has_space"))
        parts = urlsplit(url)
        if url.startswith("/") or self.is_own(url):
            absolute = parts.path
        elif _LOOKS_EXTERNAL.match(url):
            raise _Problem(say("link_looks_external"))
        else:
            page_url = self.address.base_path + page
            absolute = posixpath.join(posixpath.dirname(page_url) + "/", parts.path) if parts.path else page_url
        normal = posixpath.normpath("/" + unquote(absolute).lstrip("/"))
        if absolute.endswith("/") and normal != "/":
            normal += "/"
        base_path = self.address.base_path
        if not normal.startswith(base_path) and normal + "/" != base_path:
            return None  # elsewhere on the same host: not this site's to check
        return normal[len(base_path):]

    def target(self, path: str) -> str | None:
        """The file a path is served from: itself, or the index.html of a folder."""
        if path == "" or path.endswith("/"):
            candidate = path + "index.html"
            return candidate if candidate in self.files else None
        if path in self.files:
            return path
        return path + "/index.html" if path + "/index.html" in self.files else None

    def nowhere(self, path: str) -> Message:
        """A link to a page the site does not have: the file it names but for capitals, or
        the closest page there is."""
        if not path:
            return say("link_no_front_page")
        named = self.same_but_case(path)
        if named:
            return say("link_nowhere_case", path=path, named=named)
        hint = self.suggestion(path)
        return say("link_nowhere_hint", path=path, hint=hint) if hint else say("link_nowhere", path=path)

    @cached_property
    def folded_files(self) -> dict[str, str]:
        """Every file by its case-folded name (made only when a link leads nowhere)."""
        return {name.casefold(): name for name in sorted(self.files, reverse=True)}

    def same_but_case(self, path: str) -> str:
        """The address of the file `path` names but for capitals (found on Windows and macOS,
        not on the web server), or ''."""
        for candidate, index in ((path, ""), (path.rstrip("/") + "/index.html", "index.html")):
            exact = self.folded_files.get(candidate.casefold())
            if exact is not None:
                return f"{self.address.base_path}{exact[:len(exact) - len(index)]}"
        return ""

    def suggestion(self, path: str) -> str:
        """The closest page in the same folder, for a slug written slightly wrong, or ''."""
        parent = posixpath.dirname(path.rstrip("/"))
        prefix = parent + "/" if parent else ""
        siblings = sorted({f[len(prefix):].split("/", 1)[0] for f in self.files if f.startswith(prefix)})
        close = difflib.get_close_matches(path.rstrip("/")[len(prefix):], siblings, n=1, cutoff=0.75)
        if not close:
            return ""
        folder = (prefix + close[0] + "/index.html") in self.files
        return f"{self.address.base_path}{prefix}{close[0]}{'/' if folder else ''}"


def _external_problem(url: str) -> Message | None:
    scheme = url_scheme(url)
    if scheme and scheme not in SAFE_SCHEMES:
        return say("link_scheme_not_allowed", scheme=scheme)
    problem = web_address_problem(url) if scheme in WEB_SCHEMES or not scheme else mail_or_phone_problem(url)
    return say("link_malformed", problem=problem) if problem else None


def _report(broken: list[_Broken], origins: Mapping[str, Origin], diagnostics: Diagnostics) -> None:
    """Body links at their lines; the rest once per file and URL, however many pages repeat it."""
    elsewhere: dict[tuple[str, str, Message], list[str]] = defaultdict(list)
    for item in broken:
        origin = origins.get(item.page, Origin(item.page))
        lines = sorted({link.line for link in origin.body_links if link.url == item.url})
        for line in lines:
            diagnostics.error(origin.content, line, say("link_broken", url=_shown(item.url), reason=item.reason))
        if not lines:
            elsewhere[(origin.source, item.url, item.reason)].append(item.page)
    for (source, url, reason), pages in elsewhere.items():
        where = say_n("page_and_others", "page_and_others_plural", len(pages) - 1, page=pages[0]) if len(pages) > 1 \
            else pages[0]
        diagnostics.error(source, 0, say("link_broken_on", url=_shown(url), where=where, reason=reason))


def _shown(url: str) -> str:
    return url if len(url) <= 80 else url[:79] + "…"


def _walk(folder: Path) -> Iterator[str]:
    for directory, _dirs, names in os.walk(folder):
        relative = os.path.relpath(directory, folder)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        for name in names:
            yield prefix + name


def _srcset_urls(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
