"""What every built site must be, checked on its files the way a browser or a feed reader reads them.

Generic on purpose: every .html file is parsed with html5lib, and every .xml, .ics and .json file
that exists is parsed too, so outputs added later (feeds, calendars, open data) are covered
without changing these checks.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import html5lib

from callboard.core.safeurls import SAFE_SCHEMES, is_external, url_scheme

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "background", "dynsrc", "lowsrc",
                  "cite", "longdesc", "codebase", "manifest", "ping", "xlink:href", "icon", "archive"}
FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "bgsound", "style"}
JSON_LD = "application/ld+json"


def problems_in_site(folder: Path) -> list[str]:
    """Every way in which the built site breaks its promises; empty when it keeps them."""
    problems: list[str] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        checker = {".html": html_problems, ".xml": xml_problems, ".ics": ics_problems,
                   ".json": json_problems}.get(path.suffix)
        if checker:
            problems += [f"{name}: {problem}" for problem in checker(path.read_bytes())]
    return problems


def html_problems(data: bytes) -> list[str]:
    tree = html5lib.parse(data, treebuilder="etree", namespaceHTMLElements=False)
    return element_problems(tree)


def element_problems(root) -> list[str]:
    problems = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments
        tag = _local(element.tag)
        attributes = {_attribute_name(k): v for k, v in element.attrib.items()}
        if tag == "script":
            problems += script_problems(element, attributes)
        elif tag in FORBIDDEN_ELEMENTS:
            problems.append(f"<{tag}> element")
        elif tag == "meta" and attributes.get("http-equiv", "").lower() not in ("", "content-security-policy"):
            problems.append(f"<meta http-equiv={attributes['http-equiv']!r}>")
        elif tag == "a" and "href" not in attributes and attributes:
            problems.append(f"<a> with attributes but no href: {attributes}")
        elif tag == "a" and "href" in attributes and is_external(attributes["href"]) and not {"noopener", "noreferrer"} <= set(
                attributes.get("rel", "").split()):
            problems.append(f"link to another site without rel=\"noopener noreferrer\": {attributes['href']!r}")
        for name, value in attributes.items():
            problems += attribute_problems(tag, name, value)
    return problems


def script_problems(element, attributes: dict[str, str]) -> list[str]:
    """The only scripts are the site's own files, and JSON-LD data blocks that parse as JSON."""
    kind = attributes.get("type", "").strip().lower()
    if kind == JSON_LD and "src" not in attributes:
        try:
            json.loads(element.text or "")
        except ValueError as exc:
            return [f"JSON-LD block does not parse ({exc}): {(element.text or '')[:80]!r}"]
        return []
    src = attributes.get("src", "")
    if not src:
        return [f"inline script: {(element.text or '')[:80]!r}"]
    if url_scheme(src) or is_external(src):
        return [f"script from elsewhere: {src!r}"]
    return []


def attribute_problems(tag: str, name: str, value: str) -> list[str]:
    if name.startswith("on"):
        return [f"event handler attribute {name}= on <{tag}>"]
    if name == "style":
        return [f"style attribute on <{tag}>"]
    urls = [c.split()[0] for c in value.split(",") if c.strip()] if name in ("srcset", "imagesrcset") else (
        [value] if name in URL_ATTRIBUTES else [])
    return [f"{name}={url!r} on <{tag}> has an unsafe scheme" for url in urls if not _safe(url)]


def _safe(url: str) -> bool:
    """Relative, or a scheme that cannot run code, after entities, escapes and ignored characters."""
    scheme = url_scheme(url)
    return scheme == "" or scheme in SAFE_SCHEMES


def xml_problems(data: bytes) -> list[str]:
    """Feeds parse as XML, and HTML carried inside them (Atom type="html", RSS description) is as
    safe as the pages; other text is text, shown as it is."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        return [f"is not well-formed XML: {exc}"]
    problems = []
    for element in root.iter():
        for name, value in element.attrib.items():
            if _local(name) in ("href", "src", "url") and not _safe(value):
                problems.append(f"{_local(name)}={value!r} has an unsafe scheme")
        text = element.text or ""
        carries_html = element.get("type") in ("html", "text/html") or _local(element.tag) in ("description", "encoded")
        if carries_html and "<" in text:
            fragment = html5lib.parseFragment(text, treebuilder="etree", namespaceHTMLElements=False)
            problems += [f"in <{_local(element.tag)}>: {p}" for p in element_problems(fragment)]
    return problems


def ics_problems(data: bytes) -> list[str]:
    """iCalendar (RFC 5545): CRLF lines, `NAME[;PARAMS]:VALUE` content lines, balanced BEGIN/END;
    and if the icalendar library is installed, it must read the file too."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return ["is not UTF-8"]
    if text and not text.endswith("\r\n") or re.search(r"(?<!\r)\n", text):
        return ["lines must end in CRLF"]
    unfolded = re.sub(r"\r\n[ \t]", "", text)
    stack: list[str] = []
    problems = []
    for line in unfolded.split("\r\n")[:-1]:
        match = re.match(r"^([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$", line)
        if not match:
            problems.append(f"not a content line: {line[:80]!r}")
            continue
        name, value = match.group(1).upper(), match.group(3)
        if name == "BEGIN":
            stack.append(value)
        elif name == "END" and (not stack or stack.pop() != value):
            problems.append(f"END:{value} without its BEGIN")
    if stack:
        problems.append(f"BEGIN without END: {stack}")
    if not problems:
        try:
            import icalendar
        except ImportError:
            return []
        try:
            icalendar.Calendar.from_ical(data)
        except ValueError as exc:
            problems.append(f"icalendar cannot read it: {exc}")
    return problems


def json_problems(data: bytes) -> list[str]:
    try:
        json.loads(data)
    except ValueError as exc:
        return [f"is not valid JSON: {exc}"]
    return []


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _attribute_name(name) -> str:
    """html5lib writes namespaced attributes as '{namespace}local'; xlink:href is what matters."""
    if isinstance(name, tuple):
        name = name[-1]
    if name.startswith("{http://www.w3.org/1999/xlink}"):
        return "xlink:" + _local(name)
    return _local(name)
