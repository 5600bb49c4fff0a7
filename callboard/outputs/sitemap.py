"""`sitemap.xml` with every public page, and `robots.txt` pointing to it.

Both need absolute URLs, so a board without base_url gets neither.
"""

from __future__ import annotations

from typing import Iterable, Iterator
from xml.sax.saxutils import escape

from callboard.content.permalinks import ROBOTS, SEARCH_BUNDLE, SITEMAP
from callboard.outputs.descriptor import Output
from callboard.site.assemble import Board
from callboard.site.pages import Page


def sitemap_files(board: Board, pages: Iterable[Page]) -> Iterator[tuple[str, bytes]]:
    """`sitemap.xml` with every public page and `robots.txt` pointing to it (at most 50,000 pages,
    the sitemap protocol's limit, far beyond a call board). A page whose original is elsewhere
    (a hub's page of a gathered item, `rel=canonical` to it) is left out, as search engines ask."""
    base = board.config.base_url
    if not base:
        return
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for page in pages:
        if page.indexable and not page.canonical:
            lastmod = f"<lastmod>{page.lastmod.isoformat()}</lastmod>" if page.lastmod else ""
            lines.append(f"<url><loc>{escape(base + page.url)}</loc>{lastmod}</url>")
    lines.append("</urlset>\n")
    yield SITEMAP, "\n".join(lines).encode("utf-8")
    robots = f"User-agent: *\nDisallow: {board.config.base_path}{SEARCH_BUNDLE}\n\nSitemap: {base}{SITEMAP}\n"
    yield ROBOTS, robots.encode("utf-8")


OUTPUT = Output("sitemap", lambda board, pages, memo: sitemap_files(board, pages), cost_rank=6)
