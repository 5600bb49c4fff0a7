"""Markdown bodies to safe HTML, with the line of every link.

Content arrives by pull request, so a body is untrusted. Three layers keep it from reaching a
page as markup: markdown-it is told not to pass raw HTML through (it is shown as text), a pass
over its tokens drops links and images with dangerous URLs (keeping their text) and records the
line of every link for the link checker, and nh3 cleans the result against an allow-list.

markdown-it-py rather than Python-Markdown: its parser is linear on hostile input (Python-Markdown
needs minutes for ten thousand `[` and recurses until `RecursionError` on deep lists), and its
tokens carry source lines, so a broken link is reported where it was written.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, unquote

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

from callboard.content.models import BodyLink
from callboard.core.diagnostics import Message, say
from callboard.core.safeurls import SAFE_SCHEMES, is_external, is_safe_url, url_scheme
from callboard.core.text import to_slug
from callboard.i18n import Translator

__all__ = ["MarkupError", "RenderedBody", "is_external", "is_safe_url", "render_body", "render_markdown",
           "sanitise", "url_scheme"]

ALLOWED_TAGS = frozenset(
    "a abbr b blockquote br code dd del dl dt em h2 h3 h4 h5 h6 hr i img kbd li ol p pre "
    "s strong sub sup table tbody td tfoot th thead tr ul".split()
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "rel"},
    "img": {"src", "alt", "title"},
    "code": {"class"},
    "th": {"class"},
    "td": {"class"},
    "ol": {"start"},
    **{f"h{level}": {"id"} for level in range(2, 7)},
}
MAX_NESTING = 18
"""Levels of lists inside each other (quotes may go twice as deep): more than any text needs.
markdown-it silently drops what is nested beyond its limit, so reaching it is an error here; and
the limit also bounds inline nesting, whose cost on hostile input (thousands of `[`) grows with
it: at 18, 100 kB of `![` renders in about 2 s."""
_TOKEN_LEVELS = 2 * MAX_NESTING + 4  # a list level is two token levels (list and item)
EXTERNAL_REL = "noopener noreferrer"


class MarkupError(Exception):
    """A body that cannot be rendered; `line` counts from the first line of the body (1)."""

    def __init__(self, line: int, message: Message):
        super().__init__(message.key)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class BodyProblem:
    """Something in a body an editor should hear about; the page is still built."""

    line: int
    message: Message


@dataclass(frozen=True)
class RenderedBody:
    html: str
    links: tuple[BodyLink, ...] = ()
    """Every link and image in the body as the page has it, with the line (counted from 1 at
    the body's first line) it was written on."""
    problems: tuple[BodyProblem, ...] = ()


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "maxNesting": _TOKEN_LEVELS})
    md.enable(["table", "strikethrough"])
    md.validateLink = lambda url: True  # every URL becomes a token, so it is judged in one place
    return md


def render_markdown(text: str, base_path: str = "/") -> str:
    """Safe HTML for a Markdown body. Raises `MarkupError` for a body that cannot be rendered."""
    return render_body(text, base_path).html


def render_body(text: str, base_path: str = "/", table_label: str | None = None) -> RenderedBody:
    """Safe HTML for a body, every link in it with its line, and what was removed and why.
    `table_label` names the scrolling region around each table, in the body's language
    (Swedish unless given)."""
    md = _parser()
    try:
        tokens = md.parse(text, {})
        pass_ = _TokenPass(md, base_path)
        pass_.run(tokens)
        rendered = md.renderer.render(tokens, md.options, {})
    except RecursionError:
        raise MarkupError(1, say("markdown_too_deep")) from None
    t = Translator("sv")
    label = table_label or t("table_region")
    return RenderedBody(scrolling_tables(sanitise(rendered), label), tuple(pass_.links), tuple(pass_.problems))


_TABLE_START = re.compile(r"<table\b[^>]*>")


def scrolling_tables(fragment: str, label: str) -> str:
    """Put each table in a region of its own that scrolls sideways when the table is wider than
    the screen. The region is a tab stop with a name, so that a keyboard can scroll it too
    (WCAG 2.1.1; axe's scrollable-region-focusable). Added after sanitising: it is ours."""
    if "<table" not in fragment:
        return fragment
    start = f'<div class="table-scroll" role="region" tabindex="0" aria-label="{html.escape(label)}">'
    return _TABLE_START.sub(lambda match: start + match.group(0), fragment).replace("</table>", "</table></div>")


def sanitise(fragment: str, foreign: bool = False) -> str:
    """Only the allowed tags, attributes and URL schemes are kept. `foreign`: a hub's copy of
    another board's body, on a page of the hub: every link leads away from the hub (its own
    `rel` is replaced by EXTERNAL_REL), and its headings lose their ids, which could clash with
    the page's own."""
    link_rel = EXTERNAL_REL if foreign else None
    attributes = {tag: set(attrs) - ({"rel", "id"} if foreign else set()) for tag, attrs in ALLOWED_ATTRIBUTES.items()}
    clean = nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        attributes=attributes,
        url_schemes=set(SAFE_SCHEMES),
        link_rel=link_rel,
        strip_comments=True,
    )
    if not link_rel:
        return clean
    # nh3 gives the rel to an <a> without href too (its unsafe href was dropped): not a link, no rel
    return re.sub(r'(<a(?:\s(?!href=)[a-z-]+="[^"]*")*) rel="' + re.escape(link_rel) + '"', r"\1", clean)


class _TokenPass:
    """One walk over markdown-it's tokens: headings, table alignment, links and images."""

    def __init__(self, md: MarkdownIt, base_path: str):
        self.md = md
        self.base_path = base_path
        self.links: list[BodyLink] = []
        self.problems: list[BodyProblem] = []
        self.used_ids: set[str] = set()
        self.next_number: dict[str, int] = {}

    def run(self, tokens: list[Token]) -> None:
        demote = any(t.type == "heading_open" and t.tag == "h1" for t in tokens)
        for index, token in enumerate(tokens):
            if token.level >= _TOKEN_LEVELS - 1:
                line = next((t.map[0] + 1 for t in reversed(tokens[: index + 1]) if t.map), 1)
                raise MarkupError(line, say("markdown_nested_too_deeply", limit=MAX_NESTING))
            if token.type == "heading_open":
                self.heading(token, tokens[index + 1], demote)
            elif token.type in ("th_open", "td_open"):
                _alignment_to_class(token)
            elif token.type == "inline" and token.children:
                token.children = self.inline(token.children, token.map[0] + 1 if token.map else 1)
            if token.type == "heading_close" and demote:
                token.tag = _demoted(token.tag)

    def heading(self, token: Token, inline: Token, demote: bool) -> None:
        """The page title is the only h1: a body that uses `#` is shifted down one level.
        Ids are plain ASCII words with hyphens, so they never clash with the theme's ids,
        which all contain an underscore."""
        if demote:
            token.tag = _demoted(token.tag)
        text = "".join(c.content for c in inline.children or () if c.type in ("text", "code_inline"))
        base = to_slug(text, fallback="avsnitt")
        number = self.next_number.get(base, 1)
        candidate = base if number == 1 else f"{base}-{number}"
        while candidate in self.used_ids:
            number += 1
            candidate = f"{base}-{number}"
        self.next_number[base] = number + 1
        self.used_ids.add(candidate)
        token.attrSet("id", candidate)

    def inline(self, children: list[Token], line: int) -> list[Token]:
        result: list[Token] = []
        dropping = False
        for child in children:
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            if child.type == "link_open":
                dropping = not self.link(child, line)
                if dropping:
                    continue
            elif child.type == "link_close" and dropping:
                dropping = False
                continue
            elif child.type == "image":
                result.extend(self.image(child, line))
                continue
            result.append(child)
        return result

    def local(self, url: str) -> str:
        """Root-relative links follow the site when it lives under a sub-path; a name in the
        link is composed (NFC), as the site's files are named (`sno\u0308.png` -> `snö.png`)."""
        if not url_scheme(url) and not is_external(url):
            url = _composed(url)
        if url.startswith("/") and not is_external(url):
            return self.base_path + url[1:]
        return url

    def link(self, token: Token, line: int) -> bool:
        """Keep a safe link (marking external ones); False drops it and keeps its text."""
        href = str(token.attrGet("href") or "")
        if not is_safe_url(href):
            self.problems.append(BodyProblem(line, say("body_link_removed", url=_shown(href))))
            return False
        href = self.local(href)
        token.attrSet("href", href)
        if is_external(href):
            token.attrSet("rel", EXTERNAL_REL)
        self.links.append(BodyLink(href, line))
        return True

    def image(self, token: Token, line: int) -> list[Token]:
        """An image from the board's own files; anything else becomes its alt text, or a link
        to the picture when it lives on another site (the site loads nothing from elsewhere)."""
        src = str(token.attrGet("src") or "")
        alt = self.md.renderer.renderInlineAsText(token.children or [], self.md.options, {})
        text = Token("text", "", 0, content=alt)
        if src and is_safe_url(src) and url_scheme(src) == "" and not is_external(src):
            token.attrSet("src", self.local(src))
            self.links.append(BodyLink(str(token.attrGet("src")), line))
            return [token]
        if src and url_scheme(src) in ("http", "https"):
            self.problems.append(BodyProblem(line, say("body_image_elsewhere", url=_shown(src))))
            self.links.append(BodyLink(src, line))
            opening = Token("link_open", "a", 1, attrs={"href": src, "rel": EXTERNAL_REL})
            return [opening, text, Token("link_close", "a", -1)]
        self.problems.append(BodyProblem(line, say("body_image_removed", url=_shown(src))))
        return [text]


def _composed(url: str) -> str:
    """`url` with its percent-decoded text in NFC; unchanged (byte for byte) when it already is."""
    decoded = unquote(url)
    composed = unicodedata.normalize("NFC", decoded)
    return url if composed == decoded else quote(composed, safe="/#?&=;:@!$'()*+,~")


def _alignment_to_class(token: Token) -> None:
    """A strict Content-Security-Policy forbids style attributes: table alignment is a class."""
    style = str(token.attrGet("style") or "")
    token.attrs.pop("style", None)
    match = re.fullmatch(r"text-align:(left|right|center)", style)
    if match:
        token.attrSet("class", f"align-{match.group(1)}")


def _demoted(tag: str) -> str:
    return f"h{min(int(tag[1]) + 1, 6)}"


def _shown(url: str, limit: int = 60) -> str:
    """A URL short enough to quote in a message."""
    return url if len(url) <= limit else url[: limit - 1] + "…"


