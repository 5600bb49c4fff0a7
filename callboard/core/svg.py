"""Active content in SVG files: what makes an image run code when it is opened on its own.

An SVG is a document, not a picture: opened directly (a link to it, "open image in new tab") it
runs its `<script>`, its event attributes (`onload=`) and `javascript:` links, with the site's
origin, and GitHub Pages sends no Content-Security-Policy header to stop it. `<foreignObject>`
embeds HTML. A board's images arrive by pull request, so an SVG carrying any of these is refused
at its file rather than published; a drawing program never needs them.

The file is parsed with defusedxml, which also refuses DTDs and entity expansion (the
"billion laughs" and external-entity attacks), so a hostile file costs no more than its size.
"""

from __future__ import annotations

from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from callboard.core.diagnostics import Message, say
from callboard.core.safeurls import url_scheme

ACTIVE_ELEMENTS = frozenset({"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"})
"""Elements that run code or embed another document (`handler` and `listener` are SVG Tiny's)."""
LINK_ATTRIBUTES = frozenset({"href", "src", "action", "formaction"})
ANIMATED_VALUES = frozenset({"to", "from", "values", "by"})
"""`<set attributeName="href" to="javascript:...">` writes a link when the animation runs."""
IMAGE_DATA = ("data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp")
"""Bitmaps embedded in a drawing, as illustration programs write them: pictures, not documents."""


def _local(name: str) -> str:
    """An element's or attribute's name without its namespace, lower-cased: `{...}foreignObject`
    and `xlink:href` are `foreignobject` and `href`."""
    return name.rsplit("}", 1)[-1].lower()


def _unsafe_link(value: str) -> bool:
    stripped = value.strip().lower()
    if stripped.startswith(IMAGE_DATA):
        return False
    return url_scheme(value) not in ("", "http", "https", "mailto", "tel")


def svg_problems(data: bytes) -> list[Message]:
    """Why this SVG must not be published, one sentence each; [] for a plain drawing."""
    try:
        root = fromstring(data)
    except DefusedXmlException:
        return [say("svg_declares_dtd")]
    except (ParseError, ValueError) as exc:
        return [say("svg_malformed", reason=str(exc))]
    problems: dict[Message, None] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = _local(element.tag)
        if tag in ACTIVE_ELEMENTS:
            problems[say("svg_active_element", element=element.tag.rsplit('}', 1)[-1])] = None
        animated_link = tag in ("set", "animate") and _local(element.get("attributeName", "")) in LINK_ATTRIBUTES
        for name, value in element.attrib.items():
            attribute = _local(name)
            if attribute.startswith("on"):
                problems[say("svg_event_attribute", attribute=attribute)] = None
            elif (attribute in LINK_ATTRIBUTES or (animated_link and attribute in ANIMATED_VALUES)) and _unsafe_link(value):
                problems[say("svg_active_link", address=value.strip()[:40])] = None
    return list(problems)


DEFAULT_OBJECT_SIZE = (300, 150)
"""The size every browser draws an SVG at that says none (CSS's default object size): an <img>
of it states this, so that the page keeps its place while it loads."""


def svg_size(data: bytes) -> tuple[int, int] | None:
    """The drawing's width and height in CSS pixels (its `width` and `height`, else its
    `viewBox`), rounded, so that a page can reserve its space before it loads; None when the
    file says neither."""
    try:
        root = fromstring(data)
    except (DefusedXmlException, ParseError, ValueError):
        return None
    width, height = _length(root.get("width")), _length(root.get("height"))
    if width and height:
        return width, height
    box = (root.get("viewBox") or "").replace(",", " ").split()
    try:
        size = (round(float(box[2])), round(float(box[3]))) if len(box) == 4 else None
    except ValueError:
        return None
    return size if size and size[0] > 0 and size[1] > 0 else None


def _length(value: str | None) -> int | None:
    """A plain or `px` length as whole pixels; None for a percentage, an em or nothing."""
    text = (value or "").strip().removesuffix("px")
    try:
        number = round(float(text))
    except ValueError:
        return None
    return number if number > 0 else None
