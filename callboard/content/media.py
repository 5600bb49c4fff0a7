"""The pictures a board's pages use, and what the build makes of each one.

`check_image` (for the loader) keeps a case story's image and gallery paths, and an innovator's
logo, relative to static/, with an error at the line of one that is not a file there.

`image_uses` lists every picture in static/ that content points at (a case story's `image`, its
gallery, an image in any body) with the file and line that points at it, so that a picture
that cannot be used is reported there. `WebImage` is what templates get for a processed
picture: its size and its renditions, each a file in the site.
"""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Callable
from urllib.parse import unquote, urlsplit

from callboard.config import Config
from callboard.content.models import Case, Content, Innovator, Item
from callboard.core.diagnostics import say
from callboard.core.fields import Node

PROCESSED_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
"""Photos and raster pictures: made fit for the web by the build. An SVG is a drawing, served as it is."""
PHONE_SUFFIXES = (".heic", ".heif")
MEDIA = "media/"
"""The folder of the site that holds the processed pictures."""


@dataclass(frozen=True)
class ImageUse:
    """A place where content points at a picture in static/."""

    path: str
    """Relative to static/ (and so to the site's root)."""
    source: str
    """The content file, as diagnostics name it."""
    line: int


@dataclass(frozen=True)
class Variant:
    """One file made from a picture: where it is in the site, and its size."""

    path: str
    width: int
    height: int
    mime: str


@dataclass(frozen=True)
class WebImage:
    """A picture as the site serves it: upright, without metadata, in several widths (smallest
    first) as WebP and as JPEG or PNG, and cropped to 1200 x 630 for sharing previews. An SVG
    is one file, served as it is (`modern` and `fallback` are empty)."""

    source: str
    """Its path under static/."""
    width: int
    height: int
    """The size it is shown at, at most: that of its widest rendition."""
    modern: tuple[Variant, ...] = ()
    fallback: tuple[Variant, ...] = ()
    share: Variant | None = None

    @property
    def largest(self) -> str:
        """The path of the largest rendition that every browser shows (the 'full size' link)."""
        return self.fallback[-1].path if self.fallback else self.source

    @property
    def fallback_mime(self) -> str:
        return self.fallback[-1].mime if self.fallback else ""


def is_processed(path: str) -> bool:
    return path.lower().endswith(PROCESSED_SUFFIXES)


def is_picture(path: str) -> bool:
    """A file the build looks at as a picture: processed, an SVG, or a phone's HEIC."""
    return path.lower().endswith((*PROCESSED_SUFFIXES, ".svg", *PHONE_SUFFIXES))


def body_image_path(url: str, base_path: str) -> str | None:
    """The static path of a body image's URL (`/board/images/a.jpg` -> `images/a.jpg`), or None
    for what is not one of the board's files."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith(base_path):
        return None
    path = unquote(parts.path)[len(base_path):]
    return path if path and is_picture(path) else None


def image_uses(items: list[Item] | tuple[Item, ...], base_path: str) -> list[ImageUse]:
    """Every picture the items point at, in item order and then line order."""
    uses = []
    for item in items:
        found = []
        if isinstance(item, Innovator) and item.logo:
            found.append(ImageUse(item.logo, item.source, item.lines.get("logo", 0)))
        if isinstance(item, Case):
            if item.image:
                found.append(ImageUse(item.image, item.source, item.lines.get("image", 0)))
            for figure in item.images:
                line = item.lines.get(f"images:{figure.src}", item.lines.get("images", 0))
                found.append(ImageUse(figure.src, item.source, line))
        for link in item.body_links:
            path = body_image_path(link.url, base_path)
            if path is not None:
                found.append(ImageUse(path, item.source, link.line))
        uses += [use for use in found if is_picture(use.path)]
    return uses


def content_items(content: Content) -> list[Item]:
    """Every item read, type by type: needs, testbeds, case stories, innovators."""
    return [*content.needs, *content.testbeds, *content.cases, *content.innovators]


def variant_path(source: str, label: str, digest: str, suffix: str) -> str:
    """`media/<name>-<label>.<hash>.<suffix>`: a new name whenever the bytes change, so that
    browsers and CDNs may keep each file for ever."""
    stem = PurePosixPath(source).stem
    return f"{MEDIA}{stem}-{label}.{digest}.{suffix}"


_IMG_SRC = re.compile(r'<img src="(?P<src>[^"]*)"')
_LINK_HREF = re.compile(r'<a href="(?P<href>[^"]*)"')


def picture_links(body_html: str, images: dict[str, WebImage], base_path: str) -> str:
    """A body's HTML with each link to a processed picture leading to its largest rendition:
    the original, with its metadata, is never published, so a link to it would lead nowhere."""

    def replace(match: re.Match) -> str:
        path = body_image_path(html.unescape(match["href"]), base_path)
        image = images.get(path) if path else None
        if image is None or not image.fallback:
            return match[0]
        return f'<a href="{html.escape(base_path + image.largest)}"'

    return _LINK_HREF.sub(replace, body_html)


def published_body(body_html: str, images: dict[str, WebImage], base_path: str) -> str:
    """A body's HTML for open data: each processed picture points at its largest rendition (the
    original, with its metadata, is not published), with its width and height."""

    def replace(match: re.Match) -> str:
        path = body_image_path(html.unescape(match["src"]), base_path)
        image = images.get(path) if path else None
        if image is None or not image.fallback:
            return match[0]
        return f'<img src="{html.escape(base_path + image.largest)}" width="{image.width}" height="{image.height}"'

    return _IMG_SRC.sub(replace, picture_links(body_html, images, base_path))


def check_image(config: Config, values: dict, data: dict[str, Node], report: Callable) -> None:
    """A case story's image and gallery pictures, and an innovator's logo, must be files in
    static/; their paths are kept relative to static/."""
    for key in ("image", "logo"):
        if values.get(key):
            values[key] = static_path(config, values[key], data[key].line, report, key)
    if values.get("images"):
        lines = gallery_lines(data)
        figures = (replace(figure, src=static_path(config, figure.src, lines.get(figure.src, data["images"].line),
                                                   report, "src")) for figure in values["images"])
        values["images"] = tuple(figure for figure in figures if figure.src)


def gallery_lines(data: dict[str, Node]) -> dict[str, int]:
    """The line of each gallery picture's `src`, by the path as written."""
    node = data.get("images")
    entries = node.value if node is not None and isinstance(node.value, list) else []
    return {entry.value["src"].value: entry.value["src"].line for entry in entries
            if isinstance(entry.value, dict) and isinstance(entry.value.get("src"), Node)
            and isinstance(entry.value["src"].value, str)}


def static_path(config: Config, image: str, line: int, report: Callable, key: str) -> str | None:
    """`image` as a path relative to static/, or None (with an error at `line`) when it is not a
    file there; `key` is the field it was written in, for the corrected line."""
    static = (config.root / "static").resolve()
    target = (static / image.lstrip("/")).resolve()
    if not target.is_relative_to(static):
        report(line, say("image_outside_static", image=image))
        return None
    # not from `target`: on Windows resolving a path gives the file's own capitals
    wanted = unicodedata.normalize("NFC", posixpath.normpath(image.lstrip("/")))
    named = static_names(static).get(wanted.casefold())
    if named is None and wanted.startswith("static/"):
        report(line, say("image_inside_static", value=image, fixed=key + ": " + wanted[len("static/"):]))
        return image
    if named is None:
        report(line, say("image_missing", image=image, path="static/" + image.lstrip("/")))
        return image
    if named != wanted:
        report(line, say("image_differs_in_case", image=image, path="static/" + named))
        return image
    return wanted


def static_names(static: Path) -> dict[str, str]:
    """Every file under static/ by its case-folded name -> its name (composed, NFC: macOS may
    store `snö.png` decomposed)."""
    names = (unicodedata.normalize("NFC", p.relative_to(static).as_posix()) for p in static.rglob("*") if p.is_file())
    return {name.casefold(): name for name in sorted(names)}
