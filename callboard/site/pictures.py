"""Pictures in pages: the <picture> markup of a processed photo, and body images made into it.

Templates call `picture(path, alt, sizes)`; the markup comes from `partials/picture.html`, given
the picture's `WebImage` (`content/media.py`): the WebP renditions as a <source>, the JPEG or
PNG ones on the <img> for browsers without WebP, with `srcset`, `sizes`, `width` and
`height` (the page keeps its place while the picture loads), and lazy loading unless the
picture is at the top of the page (`eager`: loaded at once, with high priority).
"""

from __future__ import annotations

import html
import re
from typing import Callable

from markupsafe import Markup

from callboard.content.media import WebImage, body_image_path, picture_links

PROSE_SIZES = "(min-width: 46rem) 42rem, calc(100vw - 2rem)"
"""A body image is at most as wide as the text column (`--measure`, 42rem)."""
_BODY_IMAGE = re.compile(r'<img src="(?P<src>[^"]*)" alt="(?P<alt>[^"]*)"(?: title="(?P<title>[^"]*)")?>')

Draw = Callable[..., str]
"""Renders partials/picture.html with the given values."""


class Pictures:
    """The pictures of one board, as templates ask for them."""

    def __init__(self, images: dict[str, WebImage], base_path: str, draw: Draw):
        self.images = images
        self.base_path = base_path
        self.draw = draw

    def image(self, path: str) -> WebImage:
        """The picture at a static path; one the build did not process is served as it is."""
        return self.images.get(path) or WebImage(path, 0, 0)

    def picture(self, path: str, alt: str, sizes: str = "100vw", eager: bool = False, css_class: str = "",
                title: str = "") -> Markup:
        return Markup(self.draw(image=self.image(path), alt=alt, sizes=sizes, eager=eager, css_class=css_class,
                                title=title))

    def in_body(self, body_html: str) -> Markup:
        """A body's HTML with each of its processed pictures as <picture> markup, loaded lazily,
        and links to them leading to their largest rendition."""

        def replace(match: re.Match) -> str:
            path = body_image_path(html.unescape(match["src"]), self.base_path)
            if path is None or path not in self.images:
                return match[0]
            return self.picture(path, html.unescape(match["alt"]), PROSE_SIZES,
                                title=html.unescape(match["title"] or ""))

        return Markup(_BODY_IMAGE.sub(replace, picture_links(body_html, self.images, self.base_path)))
