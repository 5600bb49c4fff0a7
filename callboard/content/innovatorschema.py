"""The fields of an innovator's profile that no other type has: its technology readiness level,
what it is looking for and the year it was founded. Declared here, as `callschema.py` declares a
call's, so that the loader, `callboard new`, the README's tables and the JSON Schema follow.
"""

from __future__ import annotations

import re

from callboard.content.declare import FieldType, Report
from callboard.core.diagnostics import say
from callboard.core.fields import Name, Node, describe, read_http_url, read_text_list, suggest
from callboard.core.safeurls import WEB_SCHEMES, url_scheme, web_address_problem

LOOKING_FOR = ("pilot", "testbed", "partner", "financing")
"""What an innovator may look for: a pilot customer, a testbed, partners, financing."""
READINESS_LEVELS = tuple(range(1, 10))
"""Technology readiness levels (TRL), 1 (an idea on paper) to 9 (proven in real use)."""
_WHOLE_NUMBER = re.compile(r"^\d{1,4}$")
FIRST_YEAR, LAST_YEAR = 1800, 2100


def _whole_number(name: Name, node: Node, report: Report, example: str) -> int | None:
    """A number as YAML text (`5`, `"5"`): front matter is composed, so it arrives as text."""
    text = node.value.strip() if isinstance(node.value, str) else None
    if text is None or not _WHOLE_NUMBER.match(text):
        report(node.line, say("field_not_whole_number", name=name, example=example, value=describe(node)))
        return None
    return int(text)


def read_readiness(name: Name, node: Node, report: Report) -> int | None:
    """A technology readiness level, 1 to 9."""
    level = _whole_number(name, node, report, "5")
    if level is not None and level not in READINESS_LEVELS:
        report(node.line, say("trl_out_of_range", name=name, value=level))
        return None
    return level


def read_year(name: Name, node: Node, report: Report) -> int | None:
    year = _whole_number(name, node, report, "2019")
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        report(node.line, say("field_not_a_year", name=name, value=year))
        return None
    return year


def read_looking_for(name: Name, node: Node, report: Report) -> tuple[str, ...] | None:
    """Any of LOOKING_FOR, as a list (a single word is a list of one)."""
    values = read_text_list(name, node, report)
    if values is None:
        return None
    wrong = [value for value in values if value not in LOOKING_FOR]
    for value in wrong:
        if hint := suggest(value, LOOKING_FOR):
            report(node.line, say("field_not_a_choice_hint", name=name, value=value, choices=", ".join(LOOKING_FOR),
                                  hint=hint))
        else:
            report(node.line, say("field_not_a_choice", name=name, value=value, choices=", ".join(LOOKING_FOR)))
    return None if wrong else values


def read_website(name: Name, node: Node, report: Report) -> str | None:
    """A company's web site: an http(s) address as a browser reads it (`safeurls`), well formed."""
    url = read_http_url(name, node, report)
    if url is None:
        return None
    problem = web_address_problem(url) if url_scheme(url) in WEB_SCHEMES else say("website_not_web")
    if problem:
        report(node.line, say("website_not_a_link", name=name, value=url, problem=problem))
        return None
    return url


WEBSITE = FieldType(read_website, str, "web address, `https://...`", {"type": "string", "pattern": "^https?://"})
READINESS = FieldType(read_readiness, int, "whole number from 1 to 9",
                      {"type": ["integer", "string"], "pattern": "^[1-9]$", "minimum": 1, "maximum": 9})
YEAR = FieldType(read_year, int, "year, e.g. `2019`", {"type": ["integer", "string"], "pattern": r"^\d{4}$"})
WANTS = FieldType(read_looking_for, tuple[str, ...],
                  "list of " + ", ".join(f"`{value}`" for value in LOOKING_FOR[:-1]) + f" or `{LOOKING_FOR[-1]}`",
                  {"type": "array", "items": {"type": "string", "enum": list(LOOKING_FOR)}})
