"""Everyday mistakes in a content file that would otherwise publish a wrong page without a word.

Each is found at its line and told with what to write instead: a file in content/ that is not
`.md` (sources.py says the rename to make), a page with no text, text that `callboard new` wrote as a model
answer and nobody replaced (anywhere in the file), and HTML pasted into a body, which the page
shows as text (a warning: the page is safe, only not what the editor meant). The YAML mistakes
are found while the front matter is read (`yamlwords.py`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt

from callboard.content.parse import Document
from callboard.content.schema import SCHEMAS
from callboard.core.diagnostics import Message, say
from callboard.i18n import LANGUAGES, Translator

_MARKDOWN_FOR_TAG = {"b": say("markdown_bold"), "strong": say("markdown_bold"), "i": say("markdown_italic"),
                     "em": say("markdown_italic"), "a": say("markdown_link"), "ul": say("markdown_list"),
                     "li": say("markdown_list"), "ol": say("markdown_numbered"),
                     **{f"h{level}": say("markdown_heading") for level in range(1, 7)}}
"""What to write instead of the tags editors paste most, in the board's language."""
_TAG_NAME = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9]*)")


def document_problems(document: Document) -> list[tuple[int, Message, bool]]:
    """(line, message, is a warning) for every mistake found in a parsed file."""
    lines = document.text.split("\n")
    found: list[tuple[int, Message, bool]] = [(line, message, False) for line, message in document.problems
                                              if not _explains_its_field(message, lines[line - 1])]
    if not document.body.strip():
        found.append((document.body_line - 1, say("body_empty"), False))
    found += [(line, message, False) for line, message in placeholder_lines(document.text)]
    if "<" in document.body:
        found += [(document.body_line + line - 1, message, True) for line, message in html_in_body(document.body)]
    return found


def _explains_its_field(message: Message, line: str) -> bool:
    """A comment after a value that `callboard new` wrote there, on a line the editor uncommented
    as its header says: the value before it is whole."""
    if message.key != "hash_comment_after_value":
        return False
    comment = line.split("#", 1)[1].strip()
    return any(comment.startswith(text) for text in _field_comments())


@lru_cache(maxsize=1)
def _field_comments() -> tuple[str, ...]:
    """The explanation `callboard new` writes after each optional field, in every language."""
    keys = {field.comment for schema in SCHEMAS.values() for outer in schema.fields
            for field in (outer, *(outer.type.nested.fields if outer.type.nested else ())) if field.comment}
    return tuple(text for text in {Translator(lang)(key) for lang in LANGUAGES for key in keys} if text.strip())


@lru_cache(maxsize=1)
def _placeholder_pattern() -> re.Pattern[str]:
    """Any of the model answers `callboard new` writes, in every language (a board may mix them)."""
    keys = {field.placeholder for schema in SCHEMAS.values() for outer in schema.fields
            for field in (outer, *(outer.type.nested.fields if outer.type.nested else ())) if field.placeholder}
    texts = {Translator(lang)(key) for lang in LANGUAGES for key in (*keys, "new_body_hint")}
    return re.compile("|".join(re.escape(text) for text in sorted(texts, key=len, reverse=True) if text.strip()))


def placeholder_lines(text: str) -> list[tuple[int, Message]]:
    """Each line that still holds a model answer from `callboard new` (not in a comment)."""
    found: dict[int, Message] = {}
    for match in _placeholder_pattern().finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        if not text[start:match.start()].lstrip().startswith("#"):
            found.setdefault(text.count("\n", 0, start) + 1, say("placeholder_left", text=match.group(0)))
    return sorted(found.items())


@lru_cache(maxsize=1)
def _html_parser() -> MarkdownIt:
    """A parser that knows raw HTML, only to find it: the page itself is rendered without."""
    md = MarkdownIt("commonmark", {"html": True})
    md.enable(["table", "strikethrough"])
    return md


def html_in_body(body: str) -> list[tuple[int, Message]]:
    """Raw HTML written in a body, once per line (counted from 1 at the body's first line)."""
    found: dict[int, Message] = {}
    for token in _html_parser().parse(body):
        if token.type == "html_block" and token.map:
            found.setdefault(token.map[0] + 1, _html_message(token.content))
        elif token.type == "inline" and token.children:
            line = token.map[0] + 1 if token.map else 1
            for child in token.children:
                line += child.type in ("softbreak", "hardbreak")
                if child.type == "html_inline":
                    found.setdefault(line, _html_message(child.content))
    return sorted(found.items())


def _html_message(html: str) -> Message:
    shown = html.strip().split("\n")[0][:60]
    tag = _TAG_NAME.match(shown)
    instead = _MARKDOWN_FOR_TAG.get(tag.group(1).lower()) if tag else None
    if instead:
        return say("raw_html_instead", html=shown, instead=instead)
    return say("raw_html", html=shown)

