"""`_headers`: the site's security policy as real HTTP headers, and how long browsers and CDNs
may keep each file, in the format that hosts such as Netlify and Cloudflare Pages read. The
policy itself is `callboard.site.csp`'s, which every page also carries in a `<meta http-equiv>`
tag.

Caching: every file in `/assets/` is named after its content (`site/assets.py`), so it may be
kept for a year without asking again (`immutable`). Pages are asked for again on every visit
(`max-age=0, must-revalidate`: a cheap 304 when nothing changed), so a new version is seen at
once. Hosts give a path the headers of *every* rule that matches it, joining two values of one
header with a comma, so the pages' policy cannot go on `/*` (it would be joined to the assets'):
it goes on the front page, `/404.html` and each top-level folder that holds pages.
"""

from __future__ import annotations

from typing import Iterable

from callboard.outputs.descriptor import Output
from callboard.site.assets import ASSETS_FOLDER
from callboard.site.csp import content_security_policy

OTHER_HEADERS: tuple[tuple[str, str], ...] = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
)
ASSETS_CACHE = "public, max-age=31536000, immutable"
PAGES_CACHE = "public, max-age=0, must-revalidate"


def page_rules(page_urls: Iterable[str]) -> list[str]:
    """The paths that cover every page and no asset: '/', top-level files, '/<folder>/*'."""
    rules = set()
    for url in page_urls:
        folder, slash, _ = url.partition("/")
        rules.add(f"/{folder}/*" if slash else f"/{folder}")
    rules.discard(f"/{ASSETS_FOLDER}*")
    return sorted(rules)


def headers_file(page_urls: Iterable[str] = ("",)) -> bytes:
    """`_headers` in the format Netlify and Cloudflare Pages read: every path gets the security
    headers; assets and pages each get their caching policy."""
    lines = ["/*", f"  Content-Security-Policy: {content_security_policy(header=True)}"]
    lines += [f"  {name}: {value}" for name, value in OTHER_HEADERS]
    lines += [f"/{ASSETS_FOLDER}*", f"  Cache-Control: {ASSETS_CACHE}"]
    for rule in page_rules(page_urls):
        lines += [rule, f"  Cache-Control: {PAGES_CACHE}"]
    return ("\n".join(lines) + "\n").encode("utf-8")


OUTPUT = Output("headers", lambda board, pages, memo: [("_headers", headers_file(page.url for page in pages))],
                cost_rank=7)
