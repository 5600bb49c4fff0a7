"""`callboard new`: write a new content file that an editor only has to fill in.

Every required field is present, filled with a model answer; every optional field is listed
as a YAML comment with its allowed values. Which fields, in which order, with which comment and
placeholder, is declared in `schema.py`. Explanations are YAML comments (`#`), never HTML
comments: the body shows raw HTML as text. The model answers are known to `mistakes.py`, which
names each one left as an error at its line, so that `check` and `serve` show the editor what
is still to fill in, and nothing half-written is published.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from callboard.content.load import RESERVED_SLUGS
from callboard.content.models import Kind
from callboard.content.schema import DATE, SCHEMAS, Field
from callboard.core.text import to_slug
from callboard.core.diagnostics import MessageError, say
from callboard.i18n import BoardTexts, Translator


def placeholders(lang: str) -> dict[str, str]:
    """The model answers `new` writes into required fields, by message key (schema.py names the
    key of each field); mistakes.py finds any that is left."""
    t = Translator(lang)
    return {field.placeholder: t(field.placeholder) for field in _all_fields() if field.placeholder}


def _all_fields() -> list[Field]:
    """Every declared field of every content type, nested ones too."""
    found = []
    for schema in SCHEMAS.values():
        for field in schema.fields:
            found += [field, *(field.type.nested.fields if field.type.nested else ())]
    return found


@lru_cache(maxsize=None)
def _guidance(t: Translator) -> dict:
    """What `new` writes around the fields: the lines before and between them, and the body's
    headings, in the item's language and the board's wording. Each field's own comment is the
    message its declaration names (schema.py)."""
    body = {
        Kind.NEED: (t("new_need_background"), t("new_need_need"), t("new_need_offer"), t("new_need_apply")),
        Kind.TESTBED: (t("new_testbed_about"), t("new_testbed_test"), t("new_testbed_offer"),
                       t("new_testbed_contact")),
        Kind.CASE: (t("new_case_background"), t("new_case_work"), t("new_case_outcome"), t("new_case_lessons")),
        Kind.INNOVATOR: (t("new_innovator_offer"), t("new_innovator_for_whom"), t("new_innovator_proof"),
                         t("new_innovator_next")),
    }
    return {"header": "# " + t("new_header"), "uncomment": "# " + t("new_uncomment"), "body": body,
            "body_hint": t("new_body_hint")}


class ScaffoldError(MessageError):
    """A file `new` must not write: it exists, or the title gives no usable file name."""


@dataclass(frozen=True)
class NewItem:
    kind: Kind
    title: str
    today: date
    lang: str = "sv"
    organisation: str = ""
    board: BoardTexts | None = None
    """The board's own wording (`locale/<lang>.po`), over callboard's guidance in the file."""

    @property
    def slug(self) -> str:
        """å, ä, ö -> a, a, o: the slug an editor would type on a Swedish keyboard's US layout."""
        return to_slug(self.title, fallback="")

    @property
    def t(self) -> Translator:
        """The texts `new` writes, in the item's language and the board's wording."""
        return Translator(self.lang, self.board)

    def path(self, root: Path) -> Path:
        return root / "content" / self.kind.section / f"{self.slug}.md"


def write_new_item(root: Path, item: NewItem) -> Path:
    """Write the file and return its path; refuse to overwrite or to shadow another item."""
    if not item.slug:
        raise ScaffoldError(say("new_title_gives_no_name", title=item.title))
    if item.slug in RESERVED_SLUGS[item.kind]:
        raise ScaffoldError(say("new_slug_reserved", slug=item.slug))
    folder = root / "content" / item.kind.section
    existing = sorted(folder.rglob(f"{item.slug}.md")) if folder.is_dir() else []
    if existing:
        shown = existing[0].relative_to(root).as_posix()
        raise ScaffoldError(say("new_file_exists", path=shown))
    path = item.path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:
        file.write(render_item(item))
    return path


def quoted(text: str) -> str:
    """A YAML double-quoted scalar: JSON's string syntax is valid YAML and escapes everything."""
    return json.dumps(text, ensure_ascii=False)


def render_item(item: NewItem) -> str:
    """The fields an item needs first, filled in; then every optional field as a comment; then
    the body's outline. Fields come in the order content/schema.py declares them."""
    text = _guidance(item.t)
    schema = SCHEMAS[item.kind]
    lines = ["---", text["header"]]
    for field in schema.fields:
        if field.required or field.blank:
            lines += _written(field, item)
    lines += ["", text["uncomment"]]
    lines += [_commented(field, item) for field in schema.fields if not (field.required or field.blank)]
    lines += ["---", ""]
    for heading in text["body"][item.kind]:
        lines += [f"## {heading}", "", text["body_hint"], ""]
    return "\n".join(lines)


def _written(field: Field, item: NewItem, indent: str = "") -> list[str]:
    """A field the editor must fill in: its explanation above it, and a valid value to replace."""
    lines = [f"{indent}# {item.t(field.comment)}"] if field.comment else []
    if field.type.nested:
        lines.append(f"{indent}{field.key}:")
        for inner in field.type.nested.fields:
            inside = indent + "  "
            lines += _written(inner, item, inside) if inner.required else [_commented(inner, item, inside)]
        return lines
    if field.blank:
        return lines + [f"{indent}{field.key}:"]
    given = {"title": item.title, "organisation": item.organisation, "host": item.organisation}.get(field.key)
    value = item.today.isoformat() if field.type is DATE else quoted(given or item.t(field.placeholder))
    return lines + [f"{indent}{field.key}: {value}"]


def _commented(field: Field, item: NewItem, indent: str = "") -> str:
    """An optional field as a comment: an example value, what it is for and what it may be."""
    value = item.today.isoformat() if field.type is DATE else item.lang if field.key == "lang" else field.example
    line = f"{indent}# {field.key}: {value}"
    if field.comment:
        line += f"  # {item.t(field.comment)}"
    if field.choices:
        line += ": " + ", ".join(field.choices)
    return line
