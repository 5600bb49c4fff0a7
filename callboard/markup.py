"""Markdown bodies to safe HTML.

Content arrives by pull request, so a body is untrusted. Three layers keep it from reaching a
page as markup: Python-Markdown is told not to pass raw HTML through (it is shown as text), a
tree processor drops links and images with dangerous URLs and fixes what the sanitiser would
otherwise break, and nh3 cleans the result against an allow-list.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from functools import lru_cache
from urllib.parse import urlsplit

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from slugify import slugify

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
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
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]+")
_HEADINGS = {"h2", "h3", "h4", "h5", "h6"}


class MarkupError(Exception):
    """A body that Markdown cannot render (for instance, nested hundreds of levels deep)."""


def url_scheme(url: str) -> str:
    """The scheme a browser would see, after entities and the characters it ignores are removed."""
    cleaned = _CONTROL.sub("", html.unescape(url))
    return urlsplit(cleaned).scheme.lower() if ":" in cleaned.split("/", 1)[0] else ""


def is_safe_url(url: str) -> bool:
    scheme = url_scheme(url)
    return scheme == "" or scheme in SAFE_SCHEMES


def is_external(url: str) -> bool:
    return url_scheme(url) in ("http", "https") or url.startswith("//")


class _SafeLinks(Treeprocessor):
    """Drops dangerous links and images (keeping their text), marks external links, and turns
    table alignment into classes, since a strict Content-Security-Policy forbids style attributes."""

    def __init__(self, md: markdown.Markdown, base_path: str):
        super().__init__(md)
        self.base_path = base_path

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "a":
                self.fix_link(element)
            elif element.tag == "img":
                self.fix_image(element)
            elif element.tag in ("th", "td"):
                self.fix_alignment(element)
        self.demote_headings(root)
        self.anchor_headings(root)

    def local(self, url: str) -> str:
        """Root-relative links follow the site when it lives under a sub-path."""
        if url.startswith("/") and not url.startswith("//"):
            return self.base_path + url[1:]
        return url

    def fix_link(self, element: etree.Element) -> None:
        href = element.get("href", "")
        if not is_safe_url(href):
            element.tag = "span"
            element.attrib.clear()
            return
        element.set("href", self.local(href))
        if is_external(href):
            element.set("rel", "noopener noreferrer")

    def fix_image(self, element: etree.Element) -> None:
        src = element.get("src", "")
        if not src or not is_safe_url(src) or url_scheme(src) not in ("", "http", "https"):
            alt = element.get("alt", "")
            element.tag = "span"
            element.attrib.clear()
            element.text = alt
            return
        element.set("src", self.local(src))
        element.set("alt", element.get("alt", ""))

    @staticmethod
    def fix_alignment(element: etree.Element) -> None:
        style = element.attrib.pop("style", "")
        align = element.attrib.pop("align", "") or style.partition("text-align:")[2].strip(" ;")
        if align in ("left", "right", "center"):
            element.set("class", f"align-{align}")

    @staticmethod
    def anchor_headings(root: etree.Element) -> None:
        """Give each heading an id to link to (#sa-ansoker-du), unique within the body."""
        used: set[str] = set()
        for element in root.iter():
            if element.tag in _HEADINGS:
                base = heading_id("".join(element.itertext()))
                anchor, number = base, 1
                while anchor in used:
                    number += 1
                    anchor = f"{base}-{number}"
                used.add(anchor)
                element.set("id", anchor)

    @staticmethod
    def demote_headings(root: etree.Element) -> None:
        """The page title is the only h1: a body that starts at `#` is shifted down one level."""
        headings = [e for e in root.iter() if re.fullmatch(r"h[1-6]", e.tag)]
        if any(e.tag == "h1" for e in headings):
            for element in headings:
                element.tag = f"h{min(int(element.tag[1]) + 1, 6)}"


class _SafeMarkdown(Extension):
    def __init__(self, base_path: str):
        super().__init__()
        self.base_path = base_path

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeLinks(md, self.base_path), "callboard_safe_links", 1)


@lru_cache(maxsize=4096)
def heading_id(text: str) -> str:
    """Heading ids are plain ASCII words with hyphens, so they never clash with the theme's ids,
    which all contain an underscore."""
    return slugify(text) or "avsnitt"


@lru_cache(maxsize=4)
def _markdown(base_path: str) -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[
            "tables",
            "fenced_code",
            "sane_lists",
            _SafeMarkdown(base_path),
        ],
        output_format="html",
    )


def render_markdown(text: str, base_path: str = "/") -> str:
    """Safe HTML for a Markdown body. Raises `MarkupError` for a body that cannot be rendered."""
    md = _markdown(base_path)
    md.reset()
    try:
        rendered = md.convert(text)
    except RecursionError:
        raise MarkupError("the text is nested too deeply (lists or quotes hundreds of levels deep)") from None
    return sanitise(rendered)


def sanitise(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(SAFE_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
