"""Split a content file into front matter and body, and read the front matter with its lines.

YAML is composed, never constructed: PyYAML's constructors guess types (`0701234567` becomes
a number, `2026-13-01` raises inside the timestamp resolver) and forget positions. Composing
keeps every node's line and leaves each value as the text the editor wrote; `fields.py` then
reads each value as the type its field expects.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from callboard.content.yamlwords import explain, scalar_problems
from callboard.core.diagnostics import Message, say
from callboard.core.fields import Node
from callboard.core.text import invisible_character

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is optional
    from yaml import SafeLoader as _Loader

FENCE = "---"
MAX_NODES = 5000
"""More nodes than any real front matter has; refuses alias bombs and generated junk quickly."""

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}



@dataclass(frozen=True)
class Document:
    front: Node
    body: str
    body_line: int
    """Line in the file on which the body starts, to report body problems at the right line."""
    problems: tuple[tuple[int, Message], ...] = ()
    """Mistakes the YAML was read despite (a `#` that cut a value short), by line."""
    text: str = ""
    """The whole file as text, for the checks that look at its lines."""


class ParseError(Exception):
    """A file that cannot be read as front matter plus body; carries the line to report."""

    def __init__(self, line: int, message: Message):
        super().__init__(message.key)
        self.line = line
        self.message = message


def decode(raw: bytes) -> str:
    """Text of a file: UTF-8 (a byte-order mark is fine), any line endings, no NUL bytes."""
    if b"\x00" in raw:
        raise ParseError(0, say("not_a_text_file"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ParseError(line, say("not_utf8")) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_visible(text, 1)
    return text


def check_visible(text: str, first_line: int) -> None:
    """Refuse control and text-direction characters, naming the line of the first one."""
    found = invisible_character(text)
    if found:
        offset, message = found
        raise ParseError(first_line + text.count("\n", 0, offset), message)


def split(text: str) -> tuple[str, str, int]:
    """Front matter text, body text and the body's first line number."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        raise ParseError(1, say("no_front_matter"))
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (FENCE, "..."):
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return front, body, index + 2
    raise ParseError(1, say("front_matter_not_closed"))


def parse_document(raw: bytes) -> Document:
    text = decode(raw)
    front_text, body, body_line = split(text)
    converter = _Converter(2, front_text)
    return Document(parse_yaml(front_text, 2, converter), body, body_line, tuple(converter.problems), text)


def parse_yaml(text: str, first_line: int = 1, converter: _Converter | None = None) -> Node:
    """Compose YAML into positioned nodes; an empty document is an empty mapping. A YAML error
    is told in plain words at the line of the mistake (`yamlwords.py`)."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise ParseError(*explain(exc, text, first_line)) from None
    except yaml.YAMLError as exc:
        raise ParseError(first_line, say("yaml_invalid", problem=str(exc))) from None
    if root is None:
        return Node({}, first_line)
    return (converter or _Converter(first_line, text)).convert(root)


class _Converter:
    """Turns composed YAML nodes into `Node`s, refusing aliases, custom tags and huge trees."""

    def __init__(self, first_line: int, text: str):
        self.first_line = first_line
        self.lines = text.split("\n")
        self.count = 0
        self.seen: set[int] = set()
        self.problems: list[tuple[int, Message]] = []

    def line_of(self, node: yaml.Node) -> int:
        return self.first_line + node.start_mark.line

    def convert(self, node: yaml.Node, line: int | None = None) -> Node:
        line = line or self.line_of(node)
        self.count += 1
        if self.count > MAX_NODES:
            raise ParseError(line, say("front_matter_too_large", limit=MAX_NODES))
        if id(node) in self.seen:
            raise ParseError(line, say("yaml_aliases_not_allowed"))
        self.seen.add(id(node))
        if node.tag not in _STANDARD_TAGS:
            raise ParseError(line, say("yaml_tag_not_allowed", tag=node.tag))
        if isinstance(node, yaml.ScalarNode):
            plain = node.style in (None, "")
            if plain and node.tag == "tag:yaml.org,2002:null":
                return Node(None, line, plain=True)
            check_visible(node.value, line)
            self.problems += scalar_problems(node, self.lines, self.first_line)
            return Node(node.value, line, plain=plain)
        if isinstance(node, yaml.SequenceNode):
            return Node([self.convert(item) for item in node.value], line)
        return Node(self.convert_mapping(node), line)

    def convert_mapping(self, node: yaml.MappingNode) -> dict[str, Node]:
        result: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key_line = self.line_of(key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                raise ParseError(key_line, say("key_not_a_word"))
            if key_node.value in result:
                raise ParseError(key_line, say("key_given_twice", name=key_node.value))
            result[key_node.value] = self.convert(value_node, key_line)
        return result
