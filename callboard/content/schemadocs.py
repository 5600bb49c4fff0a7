"""What the field declarations (`schema.py`) tell people and programs.

`field_table` renders the README's table of a content type's fields (a test checks that
README.md holds exactly these tables), and `as_json_schema` gives the same declaration as a
JSON Schema, for a web editor that writes front matter or for checking it in other tools.
"""

from __future__ import annotations

import yaml

from callboard.content.models import Kind
from callboard.content.schema import SCHEMAS, Field, Schema

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def field_table(kind: Kind) -> str:
    """The Markdown table of one content type's fields, in the order they are declared; the keys
    of a mapping such as `contact` follow it as `contact.name` and so on."""
    rows = ["| field | required | value | meaning |", "|---|---|---|---|"]
    for field in SCHEMAS[kind].fields:
        rows.append(_row(field, ""))
        if field.type.nested:
            prefix = f"{field.key}[]." if field.type.many else f"{field.key}."
            rows += [_row(inner, prefix) for inner in field.type.nested.fields]
    return "\n".join(rows) + "\n"


def _row(field: Field, prefix: str) -> str:
    required = " yes " if field.required else " "
    return f"| `{prefix}{field.key}` |{required}| {value_label(field)} | {field.doc} |"


def value_label(field: Field) -> str:
    """What may be written, in words: the type or the allowed values, and the limits."""
    if field.choices:
        quoted = [f"`{choice}`" for choice in field.choices]
        label = ", ".join(quoted[:-1]) + f" or {quoted[-1]}"
    else:
        label = field.type.label
    if field.max_chars:
        label += f", at most {field.max_chars} characters"
    if field.max_items:
        label += f", at most {field.max_items} items"
    if field.not_before:
        label += ", not before " + " and ".join(f"`{key}`" for key in field.not_before)
    if field.requires:
        label += f"; needs `{field.requires}`"
    return label


def as_json_schema(kind: Kind) -> dict:
    """A JSON Schema (2020-12) of one content type's front matter, as a web editor would write it:
    dates as `YYYY-MM-DD` text, lists as arrays, `draft` as a boolean. Rules that involve two
    dates, and whether a slug names an existing file, are left to `callboard check`."""
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": f"callboard {kind.value}",
        "description": f"Front matter of a file in content/{kind.section}/",
        **_object(SCHEMAS[kind]),
    }


def _object(schema: Schema) -> dict:
    result = {
        "type": "object",
        "properties": {field.key: _property(field) for field in schema.fields},
        "required": [field.key for field in schema.fields if field.required],
        "additionalProperties": False,
    }
    dependent = {field.key: [field.requires] for field in schema.fields if field.requires}
    if dependent:
        result["dependentRequired"] = dependent
    return result


def _property(field: Field) -> dict:
    result: dict = {"description": field.doc}
    if field.type.nested and "oneOf" in field.type.json:
        result["oneOf"] = [*field.type.json["oneOf"], _object(field.type.nested)]
    elif field.type.nested and field.type.many:
        result.update({"type": "array", "items": _object(field.type.nested)})
    elif field.type.nested:
        result.update(_object(field.type.nested))
    elif field.choices:
        result.update({"type": "string", "enum": list(field.choices)})
    else:
        result.update(field.type.json)
    if field.max_chars:
        result["maxLength"] = field.max_chars
    if field.max_items:
        result["maxItems"] = field.max_items
    example = yaml.safe_load(field.example) if field.example else None
    if example not in (None, "", []):
        result["examples"] = [example]
    return result
