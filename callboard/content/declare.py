"""How a front-matter field is declared: `FieldType` (what a value is), `Field` (one key) and
`Schema` (a content type, or a mapping nested in one), and the types fields are made of. The
declarations themselves are in `schema.py` and, for what a start-up acts on, `callschema.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from callboard.core.diagnostics import Message, say
from callboard.core.fields import (
    EMAIL_RE,
    PHONE_RE,
    SLUG_RE,
    Node,
    choice_reader,
    read_bool,
    read_date,
    read_date_or_time,
    read_email,
    read_phone,
    read_slug,
    read_slug_list,
    read_text,
    read_text_list,
    suggest,
)

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
    """A list of such mappings (`documents`, `questions`), each read by `nested`."""
    spread: Callable[[str, object], dict[str, object]] | None = None
    """How a value fills the model when it is more than one attribute (a deadline's day and
    hour): `spread(attribute, value)` gives attribute -> value."""


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
    not_before: tuple[str, ...] = ()
    """For a date: the keys of other dates that this one may not precede (deadline, published)."""
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
    """Message key of the model answer `callboard new` fills a required field with; it is an
    error (mistakes.py) until an editor has replaced it."""
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
        key is an error at its line (a board's own fields go under `extra:`); a required key that
        is missing is an error at `line`, the line of the mapping; `prefix` names the mapping in
        messages (`contact.`)."""
        values: dict[str, object] = {}
        for key, node in data.items():
            spec = next((f for f in self.fields if f.key == key), None)
            if spec is None:
                report(node.line, self.unknown(key, node, prefix))
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

    def unknown(self, key: str, node: Node, prefix: str) -> Message:
        """An unknown key: a typo of a field (did you mean), or a field of the board's own,
        which belongs under `extra:` (shown with the value as written)."""
        hint = suggest(key, tuple(f.key for f in self.fields))
        if hint:
            return say("unknown_key_hint", name=prefix + key, hint=prefix + hint)
        if not prefix and any(f.key == "extra" for f in self.fields):
            value = node.value if isinstance(node.value, str) else "..."
            fixed = f"extra:\n  {key}: {value}"
            return say("unknown_key_extra", name=key, fixed=fixed)
        return say("unknown_key", name=prefix + key, known=", ".join(prefix + f.key for f in self.fields))

    def check_together(self, spec: Field, data: dict[str, Node], values: dict, report: Report) -> None:
        """The rules that involve two fields: `not_before` and `requires`."""
        value = values.get(spec.key)
        if value is None:
            return
        for key in spec.not_before:
            earliest = values.get(key)
            if earliest is not None and _day(value) < _day(earliest):
                report(data[spec.key].line, say("field_before_other", name=spec.key, value=_written(value),
                                                other=key, other_value=_written(earliest)))
                break
        if spec.requires and values.get(spec.requires) is None:
            report(data[spec.key].line, say("field_requires_other", name=spec.key, other=spec.requires,
                                            why=Message(spec.requires_why)))

    def build(self, values: dict[str, object], **more: object):
        """The model, from what `read` gave (absent and unreadable keys keep the model's defaults)."""
        arguments: dict[str, object] = {}
        for f in self.fields:
            value = values.get(f.key)
            if value is not None:
                arguments.update(f.type.spread(f.attribute, value) if f.type.spread else {f.attribute: value})
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


def _day(value: object) -> object:
    return value.date() if isinstance(value, datetime) else value


def _written(value: object) -> str:
    """A date or a date and time as an editor writes it."""
    return value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else str(value)


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


def numbered_mappings(schema: Schema, example: str,
                      check: Callable[[str, object, Node, Report], None] | None = None) -> FieldType:
    """A list of mappings whose entries are named in messages by their place (`questions[2].answer`),
    for lists where an editor counts the entries, and each entry then `check`ed."""
    def read(name: str, node: Node, report: Report) -> tuple | None:
        if not isinstance(node.value, list):
            report(node.line, say("field_must_be_numbered_list", name=name, example=name + ":\n" + example))
            return None
        items = []
        for number, item_node in enumerate(node.value, start=1):
            item = schema.read_nested(f"{name}[{number}]", item_node, report)
            if item is not None and check:
                check(f"{name}[{number}]", item, item_node, report)
            items.append(item)
        return None if any(item is None for item in items) else tuple(items)

    label = "list of mappings, each of " + mapping(schema).label.removeprefix("mapping of ")
    return FieldType(read, tuple[schema.model, ...], label, {"type": "array"}, schema, many=True)


def mapping(schema: Schema) -> FieldType:
    """The type of a field that holds a mapping of its own, such as `contact`."""
    required = ", ".join(f"`{f.key}`" for f in schema.fields if f.required)
    optional = ", ".join(f"`{f.key}`" for f in schema.fields if not f.required)
    label = f"mapping of {required}" + (f" and optionally {optional}" if optional else "")
    return FieldType(schema.read_nested, schema.model, label, {"type": "object"}, schema)


TEXT = FieldType(read_text, str, "text", {"type": "string", "pattern": r"\S"})
DATE = FieldType(read_date, date, "date, `YYYY-MM-DD`",
                 {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"})
DEADLINE = FieldType(
    read_date_or_time, date, "date `YYYY-MM-DD`, or date and time `YYYY-MM-DD HH:MM`",
    {"type": "string", "anyOf": [{"format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                                 {"pattern": r"^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}$"}]},
    spread=lambda attribute, value: ({attribute: value.date(), f"{attribute}_time": value.time()}
                                     if isinstance(value, datetime) else {attribute: value}))
"""A day, with an hour when the call closes at one (`deadline: 2027-01-15 12:00`): the model
gets the day as `deadline` and the hour as `deadline_time`."""
BOOLEAN = FieldType(read_bool, bool, "`true` or `false`", {"type": "boolean"})
EMAIL = FieldType(read_email, str, "e-mail address", {"type": "string", "format": "email", "pattern": EMAIL_RE.pattern})
PHONE = FieldType(read_phone, str, "phone number", {"type": "string", "pattern": PHONE_RE.pattern})
SLUG = FieldType(read_slug, str, "slug: a file name without `.md`", {"type": "string", "pattern": SLUG_RE.pattern})
TEXTS = FieldType(read_text_list, tuple[str, ...], "list of texts, e.g. `[Energi, Skola]`",
                  {"type": "array", "items": TEXT.json})
SLUGS = FieldType(read_slug_list, tuple[str, ...], "list of slugs", {"type": "array", "items": SLUG.json})

