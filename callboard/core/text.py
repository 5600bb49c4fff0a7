"""Text rules used everywhere: Swedish alphabetical order, the one way a name becomes a slug, and
the characters no text may hold."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from slugify import slugify

from callboard.core.diagnostics import Message, say

_SWEDISH_LAST = {"å": "\ue001", "ä": "\ue002", "æ": "\ue002", "ö": "\ue003", "ø": "\ue003"}
"""Private-use characters sort after every letter, as å, ä and ö do in Swedish."""

_FOLD = str.maketrans({**_SWEDISH_LAST, "ü": "y"})


@lru_cache(maxsize=65536)
def collation_key(text: str) -> str:
    """Sort key in Swedish alphabetical order: å, ä, ö come after z; é sorts as e, ü as y.
    The Swedish letters are set aside before the decomposition, which would otherwise make
    å an a with a ring and sort it among the a's."""
    decomposed = unicodedata.normalize("NFD", text.casefold().translate(_FOLD))
    if decomposed.isascii():
        return decomposed
    return "".join(char for char in decomposed if not unicodedata.combining(char))


MAX_SLUG_CHARS = 80
"""A slug is a folder name or an id: file systems refuse names over 255 bytes, and an address
longer than this is no longer read by anyone."""


@lru_cache(maxsize=65536)
def to_slug(text: str, fallback: str = "namnlos") -> str:
    """The one rule by which a name becomes a slug, for a term's folder, a heading's id, a new
    content file's name and an OCDS party's id: lowercase ASCII words joined by hyphens (å, ä, ö
    become a, a, o), cut at a word boundary to MAX_SLUG_CHARS, and `fallback` when nothing is
    left (a name of punctuation only). Cached: the same few names are asked for over and over,
    and python-slugify is not quick."""
    return slugify(text, max_length=MAX_SLUG_CHARS, word_boundary=True) or fallback


_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
"""Control characters: invisible in an editor, meaningless on a page, and not allowed in the XML
of feeds. Tabs and line breaks are of course fine."""
_DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Embeddings, overrides and isolates: they make text show in another order than it is written
("Trojan Source", CVE-2021-42574), e.g. a title that reads differently from its file. The
plain marks U+200E and U+200F, which only nudge punctuation, are allowed."""


def invisible_character(text: str) -> tuple[int, Message] | None:
    """The offset of the first control or text-direction character in `text` and the sentence
    that refuses it, or None: content files and callboard.toml follow this one rule."""
    found = _INVISIBLE.search(text)
    if found:
        return found.start(), say("invisible_control_character", code=_code_point(found.group()))
    found = _DIRECTION.search(text)
    if found:
        return found.start(), say("invisible_direction_character", code=_code_point(found.group()))
    return None


def _code_point(char: str) -> str:
    return f"U+{ord(char):04X}"
