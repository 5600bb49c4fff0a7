"""The YAML mistakes editors make, in plain words, with the corrected line as an example.

PyYAML's own errors ("mapping values are not allowed in this context") say what the parser met,
not what the editor did, and often point at the line after the mistake. Here the parser's error
and the source lines are read together to name the mistake (a value with `: ` and no quotes, a
tab, a line indented wrong, a quote or bracket never closed, quotes pasted from Word) at the
line where it is, with that line as it should be written (`fixed`, which tests apply to the file).

The same goes for two mistakes YAML accepts without a word but that would publish a wrong page:
a `#` that cut a value short (the rest became a comment), and a value in curly quotes.
"""

from __future__ import annotations

import json
import re

import yaml

from callboard.core.diagnostics import Message, say

CURLY_OPENING = "“”„‘’‚"
CURLY_CLOSING = "“”‘’"
_KEY = re.compile(r"^(\s*(?:- )?)([^\s:#'\"][^:#]*?):[ \t]+(\S.*?)\s*$")
"""A `key: value` line: its indentation (and list dash), key and value as written."""
_AFTER_QUOTE = re.compile(r"""^(\s*(?:- )?)([^\s:#'"][^:#]*?):[ \t]+((["']).*?\4[ \t]*[^\s#].*?)\s*$""")
"""A `key: "value" more text` line: text goes on after the closing quote."""
_INDENTATION_PROBLEMS = ("did not find expected key", "expected <block end>", "did not find expected '-'")


def quoted(text: str) -> str:
    """A YAML double-quoted scalar: JSON's string syntax is valid YAML and escapes everything."""
    return json.dumps(text, ensure_ascii=False)


def explain(exc: yaml.MarkedYAMLError, text: str, first_line: int) -> tuple[int, Message]:
    """The line (in the whole file) and the plain-words message for a YAML error; the parser's
    own words when the mistake is none of those known (never an exception of its own)."""
    try:
        return _explain(exc, text, first_line)
    except (IndexError, AttributeError, ValueError):
        mark = exc.problem_mark or exc.context_mark
        return first_line + (mark.line if mark else 0), say("yaml_invalid", problem=exc.problem or "?")


def _explain(exc: yaml.MarkedYAMLError, text: str, first_line: int) -> tuple[int, Message]:
    lines = text.split("\n")
    problem = exc.problem or exc.context or ""
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    at = min(mark.line, len(lines) - 1) if mark else 0
    for index in range(min(at + 1, len(lines))):
        tab = tab_column(lines[index])
        if tab:
            fixed = " " * _sibling_indent(lines, index) + lines[index].strip()
            return first_line + index, say("yaml_tab", column=tab, fixed=fixed)
    if "quoted scalar" in context and exc.context_mark:
        return _unclosed_quote(lines, exc.context_mark.line, exc.context_mark.column, first_line)
    if "flow sequence" in context or "flow mapping" in context:
        line = exc.context_mark.line
        closing = "]" if "sequence" in context else "}"
        return first_line + line, say("yaml_unclosed_bracket", bracket=closing, fixed=lines[line].rstrip() + closing)
    curly = _curly_line(lines[at])
    if curly:
        return first_line + at, curly
    if "mapping values are not allowed" in problem and mark:
        match = _KEY.match(lines[at])
        if match and len(match.group(1)) + len(match.group(2)) < mark.column:
            indent, key, value = match.groups()
            fixed = f"{indent}{key}: {quoted(value)}"
            return first_line + at, say("yaml_colon_in_value", name=key, fixed=fixed)
        return _indentation(lines, at, first_line, problem)
    after_quote = _AFTER_QUOTE.match(lines[at])
    if after_quote:
        indent, key, value = after_quote.group(1, 2, 3)
        fixed = f"{indent}{key}: {single_quoted(value)}"
        return first_line + at, say("yaml_text_after_quote", name=key, fixed=fixed)
    if any(words in problem for words in _INDENTATION_PROBLEMS):
        odd = next((index for index in range(at, -1, -1) if _indent(lines[index]) % 2 and lines[index].strip()), None)
        return _indentation(lines, at if odd is None else odd, first_line, problem)
    return first_line + at, say("yaml_invalid", problem=problem or "?")


def tab_column(line: str) -> int:
    """The column (from 1) of a tab in a line's indentation, or 0."""
    indentation = line[: len(line) - len(line.lstrip(" \t"))]
    return indentation.index("\t") + 1 if "\t" in indentation else 0


def _unclosed_quote(lines: list[str], line: int, column: int, first_line: int) -> tuple[int, Message]:
    mark = lines[line][column]
    return first_line + line, say("yaml_unclosed_quote", quote=mark, fixed=lines[line].rstrip() + mark)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _sibling_indent(lines: list[str], at: int) -> int:
    """The indentation a line should have: its previous line's, or two more under a `key:`."""
    before = next((lines[index] for index in range(at - 1, -1, -1)
                   if lines[index].strip() and not lines[index].lstrip().startswith("#")), "")
    return _indent(before) + (2 if before.rstrip().endswith(":") else 0)


def _indentation(lines: list[str], at: int, first_line: int, problem: str) -> tuple[int, Message]:
    """A line indented wrong, with the indentation of the line it belongs beside."""
    fixed = " " * _sibling_indent(lines, at) + lines[at].strip()
    if fixed == lines[at]:
        return first_line + at, say("yaml_invalid", problem=problem or "?")
    return first_line + at, say("yaml_indentation", spaces=_indent(lines[at]), fixed=fixed)


def single_quoted(text: str) -> str:
    """A YAML single-quoted scalar, which keeps double quotes inside as they are."""
    return "'" + text.replace("'", "''") + "'"


def _curly_line(line: str) -> Message | None:
    """A `key: value` line whose value is in quotes pasted from a word processor."""
    match = _KEY.match(line)
    if match and len(match.group(3)) > 1 and match.group(3)[0] in CURLY_OPENING:
        indent, key, value = match.groups()
        inner = value[1:-1] if value[-1] in CURLY_CLOSING else value[1:]
        fixed = f"{indent}{key}: {quoted(inner)}"
        return say("curly_quotes", quote=value[0], fixed=fixed)
    return None


def scalar_problems(node: yaml.ScalarNode, lines: list[str], first_line: int) -> list[tuple[int, Message]]:
    """Mistakes YAML reads without an error in an unquoted value: a `#` that cut it short, and
    quotes from a word processor around it."""
    if node.style not in (None, "") or not node.value:
        return []
    start, end = node.start_mark, node.end_mark
    line = lines[end.line]
    found = []
    comment = re.match(r"[ \t]+#(.*)", line[end.column:])
    if comment and comment.group(1)[:1] not in (" ", "\t", ""):
        begin = start.column if start.line == end.line else _indent(line)
        fixed = line[:begin] + quoted(line[begin:].rstrip())
        found.append((first_line + end.line, say("hash_cut_value", value=node.value, fixed=fixed)))
    elif comment:
        own_line = " " * _indent(line) + "#" + comment.group(1).rstrip()
        fixed = own_line + "\n" + line[:end.column]
        found.append((first_line + end.line, say("hash_comment_after_value", value=node.value, fixed=fixed)))
    elif start.line == end.line and len(node.value) > 1 and node.value[0] in CURLY_OPENING and node.value[-1] in CURLY_CLOSING:
        fixed = line[:start.column] + quoted(node.value[1:-1]) + line[end.column:]
        found.append((first_line + start.line, say("curly_quotes", quote=node.value[0], fixed=fixed)))
    return found
