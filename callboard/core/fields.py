"""Field readers: how a written value is read as the type its field expects.

Readers take a positioned `Node` and return the value, or record a problem at the node's line
and return None. They never guess: a date is YYYY-MM-DD, a boolean is true/false (yes/no is
accepted as editors write it), and text stays exactly as written. Content front matter
(`content/schema.py` says which key has which reader) and `callboard.toml` (`config/reader.py`)
are read by the same readers, so a rule such as "a valid e-mail address" has one implementation.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Callable, Union
from urllib.parse import urlsplit

from callboard.core.diagnostics import Message, MessageValue, say

EMAIL_RE = re.compile(r"^[^@\s<>\"'(),;:]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()./-]{4,30}$")
"""Digits with the separators people write (070-123 45 67, +46 (0)70 123 45 67): the number
becomes a tel: link, so letters or other characters would break it."""
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TRUE = {"true", "yes", "on"}
_FALSE = {"false", "no", "off"}

Value = Union[str, bool, int, float, date, None, list["Node"], dict[str, "Node"]]
"""YAML front matter gives only text, lists and mappings (it is composed, not constructed);
TOML types its values itself, so a `callboard.toml` value may also be a boolean, number or date."""


@dataclass(frozen=True)
class Node:
    """A value and the line (1-based, in the whole file) that an error should name.

    Scalars from YAML stay text exactly as written; `plain` says whether they were unquoted,
    since only unquoted words like `true` or `~` may mean a boolean or nothing.
    """

    value: Value
    line: int
    plain: bool = False


Report = Callable[[int, Message], None]
"""Records an error at a line: `report(line, say("key", ...))`."""

Name = MessageValue
"""A field's name as messages show it: the key itself (`title`), or a message such as "each
item of categories"."""


def suggest(word: str, known: tuple[str, ...] | list[str]) -> str:
    """The known word closest to a misspelt one (`dealine` -> `deadline`), or ''."""
    matches = difflib.get_close_matches(word.lower(), list(known), n=1, cutoff=0.6)
    return matches[0] if matches else ""


def describe(node: Node) -> Message:
    """What was written, as a message says it: "nothing", "a list", "the date 2026-01-01", "'Skola'"."""
    if node.value is None:
        return say("value_nothing")
    if isinstance(node.value, list):
        return say("value_list")
    if isinstance(node.value, dict):
        return say("value_mapping")
    if isinstance(node.value, bool):
        return say("value_true") if node.value else say("value_false")
    if isinstance(node.value, (int, float)):
        return say("value_number", value=str(node.value))
    if isinstance(node.value, datetime):
        return say("value_time", value=node.value.isoformat())
    if isinstance(node.value, date):
        return say("value_date", value=node.value.isoformat())
    return say("value_text", value=str(node.value))


def read_text(name: Name, node: Node, report: Report) -> str | None:
    if not isinstance(node.value, str):
        report(node.line, say("field_must_be_text", name=name, value=describe(node)))
        return None
    text = node.value.strip()
    if not text:
        report(node.line, say("field_must_not_be_empty", name=name))
        return None
    return text


def read_date(name: Name, node: Node, report: Report) -> date | None:
    """A date written YYYY-MM-DD, or one that TOML has already read as a date (not a time)."""
    if isinstance(node.value, date) and not isinstance(node.value, datetime):
        return node.value
    if not isinstance(node.value, str):
        report(node.line, say("field_must_be_date", name=name, value=describe(node)))
        return None
    if _DATE_RE.match(node.value.strip()):
        try:
            return date.fromisoformat(node.value.strip())
        except ValueError:
            pass
    report(node.line, say("field_invalid_date", name=name, value=describe(node)))
    return None


_DATE_TIME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})$")


def read_date_or_time(name: Name, node: Node, report: Report) -> date | datetime | None:
    """A day (YYYY-MM-DD), or a day and an hour (YYYY-MM-DD HH:MM, 24-hour clock) as a naive
    datetime: the time is in the board's time zone, which the caller knows."""
    text = node.value.strip() if isinstance(node.value, str) else ""
    match = _DATE_TIME_RE.match(text)
    if not match:
        if isinstance(node.value, datetime):
            return node.value.replace(tzinfo=None)
        if isinstance(node.value, str) and not _DATE_RE.match(text):
            report(node.line, say("field_not_date_or_time", name=name, value=describe(node)))
            return None
        return read_date(name, node, report)
    try:
        return datetime.combine(date.fromisoformat(match[1]), time(int(match[2]), int(match[3])))
    except ValueError:
        report(node.line, say("field_invalid_date_time", name=name, value=describe(node)))
        return None


def read_bool(name: Name, node: Node, report: Report) -> bool | None:
    """true or false as a plain word (or a boolean TOML has read); in quotes it is text."""
    if isinstance(node.value, bool):
        return node.value
    word = node.value.strip().lower() if isinstance(node.value, str) else None
    if word in _TRUE | _FALSE and node.plain:
        return word in _TRUE
    if word in _TRUE | _FALSE:
        report(node.line, say("field_must_be_bool_unquoted", name=name, value=describe(node)))
    else:
        report(node.line, say("field_must_be_bool", name=name, value=describe(node)))
    return None


def read_email(name: Name, node: Node, report: Report) -> str | None:
    text = read_text(name, node, report)
    if text is not None and not EMAIL_RE.match(text):
        report(node.line, say("field_invalid_email", name=name, value=text))
        return None
    return text


def read_phone(name: Name, node: Node, report: Report) -> str | None:
    text = read_text(name, node, report)
    if text is not None and not PHONE_RE.match(text):
        report(node.line, say("field_invalid_phone", name=name, value=text))
        return None
    return text


def read_http_url(name: Name, node: Node, report: Report) -> str | None:
    """An absolute web address: a link to it must leave the site, whatever page it is on."""
    text = read_text(name, node, report)
    if text is not None:
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            report(node.line, say("field_invalid_http_url", name=name, value=text))
            return None
    return text


def read_apply_address(name: Name, node: Node, report: Report) -> str | None:
    """Where to apply: an absolute web address, or an e-mail address (`mailto:` may be written)."""
    text = read_text(name, node, report)
    if text is None:
        return None
    address = text.removeprefix("mailto:")
    if EMAIL_RE.match(address):
        return address
    parts = urlsplit(text)
    if parts.scheme in ("http", "https") and parts.netloc:
        return text
    report(node.line, say("field_invalid_apply_address", name=name, value=text))
    return None


_AMOUNT_RE = re.compile(r"^\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d{1,2})?$|^\d+(?:[.,]\d{1,2})?$")


def read_amount(name: Name, node: Node, report: Report) -> Decimal | None:
    """A sum of money as digits, e.g. 2000000, 2 000 000 or 1500,50 (at most two decimals)."""
    text = str(node.value).strip() if isinstance(node.value, (str, int, float)) and not isinstance(node.value, bool) else None
    if text is None or not _AMOUNT_RE.match(text):
        report(node.line, say("field_invalid_amount", name=name, value=describe(node)))
        return None
    return Decimal(re.sub(r"[ \u00a0\u202f]", "", text).replace(",", "."))


def currency_reader(known: frozenset[str]) -> Callable[[Name, Node, Report], str | None]:
    """A currency as its three-letter ISO 4217 code, one of `known` (SEK, EUR, NOK...)."""
    def read_currency(name: Name, node: Node, report: Report) -> str | None:
        text = read_text(name, node, report)
        if text is not None and text.upper() not in known:
            report(node.line, say("field_invalid_currency", name=name, value=text))
            return None
        return text.upper() if text is not None else None

    return read_currency


def read_text_list(name: Name, node: Node, report: Report) -> tuple[str, ...] | None:
    """A list of words; a single word is accepted as a list of one, as editors often write it.
    Unquoted words with commas between them are a list written without its brackets: an error,
    since they would become one odd item ("Skola, Miljö"); in quotes they are one item."""
    if isinstance(node.value, str) and node.plain and "," in node.value:
        words = ", ".join(word.strip() for word in node.value.split(",") if word.strip())
        fixed = f"{name}: [{words}]" if isinstance(name, str) else f"[{words}]"
        report(node.line, say("list_without_brackets", name=name, value=node.value, fixed=fixed))
        return None
    if isinstance(node.value, str):
        items = [node]
    elif isinstance(node.value, list):
        items = node.value
    else:
        report(node.line, say("field_must_be_list", name=name, value=describe(node)))
        return None
    values: list[str] = []
    for item in items:
        text = read_text(say("each_item_of", name=name), item, report)
        if text is not None and text not in values:
            values.append(text)
    return tuple(values)


def read_slug_list(name: Name, node: Node, report: Report) -> tuple[str, ...] | None:
    values = read_text_list(name, node, report)
    return tuple(v for v in values if read_slug(name, Node(v, node.line), report)) if values else values


def read_slug(name: Name, node: Node, report: Report) -> str | None:
    text = read_text(name, node, report)
    if text is not None and not SLUG_RE.match(text):
        report(node.line, say("field_invalid_slug", name=name, value=text))
        return None
    return text


def choice_reader(choices: tuple[str, ...]) -> Callable[[Name, Node, Report], str | None]:
    def read_choice(name: Name, node: Node, report: Report) -> str | None:
        text = read_text(name, node, report)
        if text is not None and text not in choices:
            if hint := suggest(text, choices):
                report(node.line, say("field_not_a_choice_hint", name=name, value=text, choices=", ".join(choices),
                                      hint=hint))
            else:
                report(node.line, say("field_not_a_choice", name=name, value=text, choices=", ".join(choices)))
            return None
        return text

    return read_choice
