"""Each content type's fields, declared once, as data.

A need, a testbed and a case story are each a `Schema`: the model it fills and its front-matter
`Field`s, in the order `callboard new` writes them. Everything else follows from it: the loader
reads and checks front matter with `Schema.read`, `callboard new` writes new files from it
(`scaffold.py`), the README's field tables and the JSON Schema for a web editor are rendered
from it (`schemadocs.py`), and tests/unit/content/test_schema.py keeps `models.py` in
agreement with it. A new field is one `Field(...)` line here plus its attribute on the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Callable

from callboard.content.models import (
    DECLARABLE_STATUSES,
    PROCUREMENT_TYPES,
    Case,
    Contact,
    Document,
    Kind,
    Need,
    Testbed,
)
from callboard.core.diagnostics import Message, say
from callboard.core.fields import (
    EMAIL_RE,
    PHONE_RE,
    SLUG_RE,
    Node,
    choice_reader,
    read_bool,
    read_date,
    read_email,
    read_phone,
    read_slug,
    read_slug_list,
    read_text,
    read_text_list,
    suggest,
)
from callboard.i18n import LANGUAGES, N_

Report = Callable[..., None]
"""`report(line, message)` records an error; `report(line, message, warning=True)` a warning."""
Reader = Callable[[str, Node, Report], object]


@dataclass(frozen=True)
class FieldType:
    """What a field holds: the reader that reads written text as it, the model's type for it,
    and how the README (`label`) and the JSON Schema (`json`) describe it."""

    read: Reader
    python: object
    label: str
    json: dict = field(hash=False)
    nested: Schema | None = None
    """For a mapping such as `contact`: the schema of its keys."""
    many: bool = False
    """A list of such mappings (`documents`), each read by `nested`."""


@dataclass(frozen=True)
class Field:
    """One front-matter key: how it is read and checked, and how it is explained and scaffolded."""

    key: str
    type: FieldType
    doc: str
    """What the field means, in one line of English: the README's tables and the JSON Schema say it."""
    required: bool = False
    attribute: str = ""
    """The model attribute it fills; the key itself unless given (status fills declared_status)."""
    choices: tuple[str, ...] = ()
    """The only values allowed, when the field is a choice."""
    max_chars: int = 0
    """For text: the longest value allowed, counted in characters (not bytes)."""
    max_items: int = 0
    """For a list: the most items allowed. Each category and tag is a page of its own, so an
    unbounded list would let one file make thousands of pages."""
    not_before: str = ""
    """For a date: the key of another date that this one may not precede (deadline, opens)."""
    requires: str = ""
    """Another key that must be given whenever this one is (image needs image_alt)."""
    requires_why: str = ""
    """The catalog key (marked `N_`) of what the message says that other key is for."""
    example: str = ""
    """A value as it is written in a file (YAML). `callboard new` shows it on the field's
    commented line; a date field shows the day the file is written instead, and `lang` the
    board's language."""
    comment: str = ""
    """Message key (in the catalogs) of `callboard new`'s explanation of the field."""
    placeholder: str = ""
    """Message key of the model answer `callboard new` fills a required field with; lint.py warns
    until an editor has replaced it."""
    blank: bool = False
    """`callboard new` writes the key without a value, not as a comment, for the editor to fill."""

    def __post_init__(self) -> None:
        if not self.attribute:
            object.__setattr__(self, "attribute", self.key)

    def read(self, name: str, node: Node, report: Report) -> object:
        reader = choice_reader(self.choices) if self.choices else self.type.read
        return reader(name, node, report)


@dataclass(frozen=True)
class Schema:
    """A content type, or a mapping nested in one (`contact`): the model that its fields fill, and
    the fields in the order `callboard new` writes them."""

    model: type
    fields: tuple[Field, ...]

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)

    def read(self, data: dict[str, Node], line: int, report: Report, prefix: str = "") -> dict[str, object]:
        """Key -> value of every key that could be read (None when its value is wrong). An unknown
        key is a warning at its line; a required key that is missing is an error at `line`, the
        line of the mapping; `prefix` names the mapping in messages (`contact.`)."""
        values: dict[str, object] = {}
        for key, node in data.items():
            spec = next((f for f in self.fields if f.key == key), None)
            if spec is None:
                hint = suggest(key, tuple(f.key for f in self.fields))
                report(node.line, say("unknown_key_hint", name=prefix + key, hint=prefix + hint) if hint
                       else say("unknown_key", name=prefix + key), warning=True)
            elif node.value is not None:
                values[key] = _within_limit(spec, spec.read(prefix + key, node, report), node, prefix, report)
        for spec in self.fields:
            node = data.get(spec.key)
            if spec.required and node is None:
                report(line, say("required_field_missing", name=prefix + spec.key))
            elif spec.required and node.value is None:
                report(node.line, say("required_field_empty", name=prefix + spec.key))
            self.check_together(spec, data, values, report)
        return values

    def check_together(self, spec: Field, data: dict[str, Node], values: dict, report: Report) -> None:
        """The rules that involve two fields: `not_before` and `requires`."""
        value = values.get(spec.key)
        if value is None:
            return
        earliest = values.get(spec.not_before)
        if earliest is not None and value < earliest:
            report(data[spec.key].line, say("field_before_other", name=spec.key, value=str(value),
                                            other=spec.not_before, other_value=str(earliest)))
        if spec.requires and values.get(spec.requires) is None:
            report(data[spec.key].line, say("field_requires_other", name=spec.key, other=spec.requires,
                                            why=Message(spec.requires_why)))

    def build(self, values: dict[str, object], **more: object):
        """The model, from what `read` gave (absent and unreadable keys keep the model's defaults)."""
        arguments = {f.attribute: values[f.key] for f in self.fields if values.get(f.key) is not None}
        return self.model(**arguments, **more)

    def read_nested(self, name: str, node: Node, report: Report) -> object | None:
        """A mapping inside the front matter (`contact`) as its model, or None when unusable."""
        if not isinstance(node.value, dict):
            report(node.line, self.shape_hint(name))
            return None
        values = self.read(node.value, node.line, report, prefix=f"{name}.")
        if any(values.get(f.key) is None for f in self.fields if f.required):
            return None
        return self.build(values)

    def read_nested_list(self, name: str, node: Node, report: Report) -> tuple | None:
        """A list of mappings (`documents`) as a tuple of models, leaving out unusable entries;
        a model with a `line` attribute gets the line its entry starts on."""
        if not isinstance(node.value, list):
            report(node.line, say("field_must_be_entry_list", name=name, example=self.list_example(name)))
            return None
        found = []
        for entry in node.value:
            if not isinstance(entry.value, dict):
                report(entry.line, say("field_entry_must_be_mapping", name=name, example=self.list_example(name)))
                continue
            model = self.read_nested(name, entry, report)
            if model is not None and "line" in getattr(self.model, "__dataclass_fields__", {}):
                model = replace(model, line=entry.line)
            if model is not None:
                found.append(model)
        return tuple(found)

    def list_example(self, name: str) -> str:
        """How a list of such mappings is written, with the required keys of one entry."""
        required = [f for f in self.fields if f.required]
        lines = [f"{'  - ' if i == 0 else '    '}{f.key}: {f.example}" for i, f in enumerate(required)]
        return f"{name}:\n" + "\n".join(lines)

    def shape_hint(self, name: str) -> Message:
        """What a nested mapping must look like, with an example of its required keys."""
        required = ", ".join(f.key for f in self.fields if f.required)
        optional = ", ".join(f.key for f in self.fields if not f.required)
        example = f"{name}:" + "".join(f"\n  {f.key}: {f.example}" for f in self.fields if f.required)
        if optional:
            return say("field_must_be_mapping_optional", name=name, required=required, optional=optional,
                       example=example)
        return say("field_must_be_mapping", name=name, required=required, example=example)


def _within_limit(spec: Field, value: object, node: Node, prefix: str, report: Report) -> object:
    if spec.max_chars and isinstance(value, str) and len(value) > spec.max_chars:
        report(node.line, say("field_too_long", name=prefix + spec.key, length=len(value), limit=spec.max_chars))
        return None
    if spec.max_items and isinstance(value, tuple) and len(value) > spec.max_items:
        report(node.line, say("field_too_many_items", name=prefix + spec.key, count=len(value), limit=spec.max_items))
        return None
    return value


def mappings(schema: Schema) -> FieldType:
    """The type of a field that holds a list of mappings, such as `documents`."""
    label = "list of mappings, each of " + mapping(schema).label.removeprefix("mapping of ")
    return FieldType(schema.read_nested_list, tuple[schema.model, ...], label, {"type": "array"}, schema,
                     many=True)


def mapping(schema: Schema) -> FieldType:
    """The type of a field that holds a mapping of its own, such as `contact`."""
    required = ", ".join(f"`{f.key}`" for f in schema.fields if f.required)
    optional = ", ".join(f"`{f.key}`" for f in schema.fields if not f.required)
    label = f"mapping of {required}" + (f" and optionally {optional}" if optional else "")
    return FieldType(schema.read_nested, schema.model, label, {"type": "object"}, schema)


TEXT = FieldType(read_text, str, "text", {"type": "string", "pattern": r"\S"})
DATE = FieldType(read_date, date, "date, `YYYY-MM-DD`",
                 {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"})
BOOLEAN = FieldType(read_bool, bool, "`true` or `false`", {"type": "boolean"})
EMAIL = FieldType(read_email, str, "e-mail address", {"type": "string", "format": "email", "pattern": EMAIL_RE.pattern})
PHONE = FieldType(read_phone, str, "phone number", {"type": "string", "pattern": PHONE_RE.pattern})
SLUG = FieldType(read_slug, str, "slug: a file name without `.md`", {"type": "string", "pattern": SLUG_RE.pattern})
TEXTS = FieldType(read_text_list, tuple[str, ...], "list of texts, e.g. `[Energi, Skola]`",
                  {"type": "array", "items": TEXT.json})
SLUGS = FieldType(read_slug_list, tuple[str, ...], "list of slugs", {"type": "array", "items": SLUG.json})

CONTACT = Schema(Contact, (
    Field("name", TEXT, "the contact person's name", required=True, example="Anna Andersson",
          placeholder=N_("new_example_contact_name")),
    Field("email", EMAIL, "their e-mail address", required=True, example="anna@example.se",
          placeholder=N_("new_example_contact_email")),
    Field("phone", PHONE, "their phone number, e.g. `070-123 45 67`", example='""', comment=N_("new_phone")),
))

LANGUAGE_TAG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def read_language_tag(name: str, node: Node, report: Report) -> str | None:
    """A language as web pages name it (BCP 47): `sv`, `en`, `de`, `sv-SE`."""
    text = read_text(name, node, report)
    if text is not None and not LANGUAGE_TAG_RE.match(text):
        report(node.line, say("field_invalid_language_tag", name=name, value=text))
        return None
    return text


LANGUAGE_TAG = FieldType(read_language_tag, str, "language code, e.g. `sv`, `en`, `de`",
                         {"type": "string", "pattern": LANGUAGE_TAG_RE.pattern})
BUNDLE_FILE_RE = re.compile(r"^(?!/)(?!(.*/)?[._])(?!.*//)(?!.*/$)[^\\\x00-\x1f]+$")
"""A path inside a page bundle: relative, no step that starts with a dot or an underscore
(`..` above all, and the names the build skips everywhere in content/), no empty step, no backslash or control character."""


def read_bundle_file(name: str, node: Node, report: Report) -> str | None:
    text = read_text(name, node, report)
    if text is not None and not BUNDLE_FILE_RE.match(text):
        report(node.line, say("field_invalid_bundle_file", name=name, value=text))
        return None
    return text


BUNDLE_FILE = FieldType(read_bundle_file, str, "file name, relative to the need's folder",
                        {"type": "string", "pattern": BUNDLE_FILE_RE.pattern})

DOCUMENT = Schema(Document, (
    Field("file", BUNDLE_FILE, "the file, beside the need's `index.md`", required=True, example="underlag.pdf"),
    Field("title", TEXT, "what the document is, e.g. `Förfrågningsunderlag`", required=True, max_chars=200,
          example="Förfrågningsunderlag"),
    Field("lang", LANGUAGE_TAG, "the document's language, when it is not the page's", example="en"),
))

NAME_CHARS = 200
"""Titles and organisation names: long enough for any real one, short enough for a heading."""
LIST_ITEMS = 20
MAX_DOCUMENTS = 50

TITLE = Field("title", TEXT, "the heading of the item's page and the link to it in lists", required=True,
              max_chars=NAME_CHARS)
SUMMARY = Field("summary", TEXT, "one or two sentences of plain text, shown in lists, feeds and the page description",
                required=True, max_chars=300, comment=N_("new_summary"), placeholder=N_("new_example_summary"))
CATEGORIES = Field("categories", TEXTS, "broad subjects; each gets a page listing what is filed under it",
                   max_items=LIST_ITEMS, example="[]", comment=N_("new_list"))
TAGS = Field("tags", TEXTS, "narrower keywords; each gets a page too", max_items=LIST_ITEMS, example="[]",
             comment=N_("new_list"))
LANG = Field("lang", TEXT, "the language of the text; by default the board's (`callboard.toml`)", choices=LANGUAGES,
             example="sv", comment=N_("new_lang"))
DRAFT = Field("draft", BOOLEAN, "`true` keeps it out of the site (`callboard serve --drafts` shows it)",
              example="true", comment=N_("new_draft"))

NEED = Schema(Need, (
    TITLE,
    Field("organisation", TEXT, "the organisation that has the need", required=True, max_chars=NAME_CHARS,
          placeholder=N_("new_example_organisation")),
    SUMMARY,
    Field("published", DATE, "the need is not built before this date", required=True, comment=N_("new_published")),
    Field("deadline", DATE, "last day to apply; without it the call is rolling", not_before="opens",
          comment=N_("new_deadline"), blank=True),
    Field("contact", mapping(CONTACT), "the person who answers questions about the need", required=True),
    Field("opens", DATE, "before this date the call is upcoming", comment=N_("new_opens")),
    Field("status", TEXT, "overrides the status the dates give (see Status below)", attribute="declared_status",
          choices=DECLARABLE_STATUSES, example="awarded", comment=N_("new_status")),
    Field("procurement", TEXT, "the form of procurement", choices=PROCUREMENT_TYPES,
          example=PROCUREMENT_TYPES[0], comment=N_("new_procurement")),
    Field("budget", TEXT, "free text, e.g. `2 000 000 SEK`", example='""', comment=N_("new_budget")),
    Field("testbeds", SLUGS, "testbeds where the need can be tested, by file name without `.md`", example="[]",
          comment=N_("new_testbeds")),
    Field("documents", mappings(DOCUMENT), "files to download, kept beside the need in its folder "
          "(`content/needs/<slug>/index.md`)", max_items=MAX_DOCUMENTS,
          example="[{file: underlag.pdf, title: Förfrågningsunderlag}]", comment=N_("new_documents")),
    CATEGORIES, TAGS, LANG, DRAFT,
))

TESTBED = Schema(Testbed, (
    TITLE,
    Field("host", TEXT, "the organisation that runs the testbed", required=True, max_chars=NAME_CHARS,
          placeholder=N_("new_example_organisation")),
    SUMMARY,
    Field("contact", mapping(CONTACT), "the person to ask about using the testbed", required=True),
    Field("location", TEXT, "town or address", example='""', comment=N_("new_location")),
    Field("available_from", DATE, "the first day the testbed can be used", comment=N_("new_available")),
    Field("available_to", DATE, "the last day the testbed can be used", not_before="available_from"),
    CATEGORIES, TAGS, LANG, DRAFT,
))

CASE = Schema(Case, (
    TITLE,
    Field("organisation", TEXT, "the organisation that had the need", required=True, max_chars=NAME_CHARS,
          placeholder=N_("new_example_organisation")),
    SUMMARY,
    Field("completed", DATE, "the day the collaboration ended", required=True, comment=N_("new_completed")),
    Field("need", SLUG, "the need it came from", example='""', comment=N_("new_need")),
    Field("partners", TEXTS, "the companies involved", example="[]", comment=N_("new_partners")),
    Field("outcome", TEXT, "the outcome in one sentence", example='""', comment=N_("new_outcome")),
    Field("image", TEXT, "a picture, as a path under `static/`, e.g. `images/karta.jpg`", requires="image_alt",
          requires_why=N_("requires_image_alt"), example="images/bild.jpg", comment=N_("new_image")),
    Field("image_alt", TEXT, "describe what the picture shows, for those who cannot see it", example='""'),
    CATEGORIES, TAGS, LANG, DRAFT,
))

SCHEMAS: dict[Kind, Schema] = {Kind.NEED: NEED, Kind.TESTBED: TESTBED, Kind.CASE: CASE}
