"""The field declarations drive validation, `callboard new`, the README's tables and the JSON
Schema, and agree with the models."""

from __future__ import annotations

import dataclasses
import re
import typing
from datetime import date

import jsonschema
import pytest
import yaml

from callboard.config import Config
from callboard.content.load import load_item
from callboard.content.sources import Source
from callboard.content.models import Kind
from callboard.content.parse import parse_document
from callboard.content.scaffold import NewItem, placeholders, render_item
from callboard.content.schema import SCHEMAS, Field, Schema
from callboard.content.schemadocs import as_json_schema, field_table
from callboard.i18n import Translator
from tests.support.boards import REPO
from tests.support.messages import english

CONTACT = {"name": "Anna Andersson", "email": "anna@example.se"}
VALID = {
    Kind.NEED: {"title": "Smarta lås", "organisation": "Växjö kommun", "summary": "Nyckelfritt.",
                "published": "2026-10-01", "contact": CONTACT},
    Kind.TESTBED: {"title": "Labbet", "host": "Växjö kommun", "summary": "Ett labb.", "contact": CONTACT},
    Kind.CASE: {"title": "Det gick bra", "organisation": "Växjö kommun", "summary": "Så här.",
                "completed": "2026-10-01"},
    Kind.INNOVATOR: {"title": "Solvind AB", "summary": "Solceller på tak.", "contact": CONTACT},
}
DERIVED = {"slug", "source", "body_html", "body_line", "kind", "preview", "lines", "digest", "updated",
           "body_links", "status", "days_left", "deadline_time", "changes", "origin"}
"""Model attributes that do not come from a front-matter key: the loader sets them from the file,
the assemble step from the build date, a hub (`origin`) from the source it read the item from."""
NESTED_DERIVED = {"size", "line", "answer_html", "anchor"}
"""Likewise in a nested mapping: a document's size (from its file) and the line of its entry, a
question's answer as HTML and its anchor, which the loader makes from what was written."""


def front_matter(values: dict) -> bytes:
    """A content file with `values` as its front matter, one key per line, nested keys indented."""
    lines = ["---"]
    for key, value in values.items():
        if isinstance(value, dict):
            lines += [f"{key}:", *(f"  {inner}: {text}" for inner, text in value.items())]
        else:
            lines.append(f"{key}: {value}")
    return ("\n".join(lines + ["---", "Text.", ""])).encode("utf-8")


def line_of(raw: bytes, key: str) -> int:
    """The line on which `key:` starts in a file written by `front_matter`."""
    lines = raw.decode("utf-8").split("\n")
    return next(number for number, line in enumerate(lines, start=1) if line.startswith(f"{key}:"))


def load(tmp_path, kind: Kind, raw: bytes):
    source = Source(kind, f"content/{kind.section}/x.md", raw, "digest", size=len(raw))
    item, problems = load_item(Config(root=tmp_path), source)
    return item, [(p.line, p.severity.value, english(p.message)) for p in problems]


def required_fields(kind: Kind) -> list[tuple[str, Field]]:
    """(path of the key, field) of every required key, `contact.name` style for nested ones."""
    found = []
    for field in SCHEMAS[kind].fields:
        if field.required:
            found.append((field.key, field))
        if field.required and field.type.nested:
            found += [(f"{field.key}.{inner.key}", inner) for inner in field.type.nested.fields if inner.required]
    return found


@pytest.mark.parametrize("kind", list(Kind))
def test_a_valid_file_of_each_kind_loads(tmp_path, kind):
    item, problems = load(tmp_path, kind, front_matter(VALID[kind]))
    assert problems == [] and item.title == VALID[kind]["title"]


@pytest.mark.parametrize("kind, path", [(kind, path) for kind in Kind for path, _ in required_fields(kind)])
def test_each_declared_required_field_is_required_at_the_line_of_its_mapping(tmp_path, kind, path):
    values = {key: dict(value) if isinstance(value, dict) else value for key, value in VALID[kind].items()}
    outer, _, inner = path.partition(".")
    if inner:
        del values[outer][inner]
    else:
        del values[outer]
    raw = front_matter(values)
    item, problems = load(tmp_path, kind, raw)
    line = line_of(raw, outer) if inner else 1  # the nested mapping's key line, or the file's first
    assert item is None
    assert (line, "error", f"required field '{path}' is missing") in problems


def test_an_empty_required_field_is_reported_at_its_own_line(tmp_path):
    _, problems = load(tmp_path, Kind.NEED, front_matter({**VALID[Kind.NEED], "organisation": ""}))
    assert problems == [(3, "error", "required field 'organisation' is empty")]


@pytest.mark.parametrize("kind, key, value, message", [
    (Kind.NEED, "status", "stängd", "status 'stängd' is not one of: open, closed, awarded, cancelled"),
    (Kind.NEED, "lang", "de", "lang 'de' is not one of: sv, en"),
    (Kind.TESTBED, "available_to", "2026-11-01\navailable_from: 2026-12-01",
     "available_to 2026-11-01 is before available_from 2026-12-01. Correct one of the dates."),
    (Kind.CASE, "image", "karta.png",
     "image_alt is required with image: describe what the picture shows, for those who cannot see it"),
    (Kind.INNOVATOR, "trl", "10", "trl 10 is not a readiness level; use 1 (an idea) to 9 (proven in real use)"),
    (Kind.INNOVATOR, "trl", "hög", "trl must be a whole number, e.g. 5, not 'hög'"),
    (Kind.INNOVATOR, "looking_for", "[pilot, pengar]",
     "looking_for 'pengar' is not one of: pilot, testbed, partner, financing"),
    (Kind.INNOVATOR, "founded", "19", "founded 19 is not a year such as 2019"),
    (Kind.INNOVATOR, "website", "javascript:alert(1)",
     "website 'javascript:alert(1)' must be an absolute http(s) URL, e.g. https://example.org/"),
    (Kind.INNOVATOR, "website", '"https://exa mple.org"',
     "website 'https://exa mple.org' cannot be a link: it contains a space; write spaces in an address as %20"),
    (Kind.INNOVATOR, "logo", "karta.png", "logo_alt is required with logo: the logo's text alternative, usually "
                                          "the company's name"),
    (Kind.NEED, "contact", "Anna", "contact must be a mapping with name, email (and phone), e.g.\n"
                                   "contact:\n  name: Anna Andersson\n  email: anna@example.se"),
])
def test_declared_choices_and_rules_give_errors_at_the_line(tmp_path, kind, key, value, message):
    (tmp_path / "static").mkdir()
    (tmp_path / "static/karta.png").write_bytes(b"png")
    raw = front_matter({**VALID[kind], key: value})
    _, problems = load(tmp_path, kind, raw)
    assert problems == [(line_of(raw, key), "error", message)]


def disagreements(schema: Schema, derived: set[str]) -> list[str]:
    """Where a declaration and its model disagree: a declared field must fill a model attribute
    of its type, required exactly when the model has no default; every other model attribute
    must be one of `derived`."""
    attributes = {f.name: f for f in dataclasses.fields(schema.model)}
    hints = typing.get_type_hints(schema.model)
    found = [f"{schema.model.__name__}.{name} is not declared"
             for name in attributes if name not in derived and name not in {f.attribute for f in schema.fields}]
    for field in schema.fields:
        attribute = attributes.get(field.attribute)
        if attribute is None:
            found.append(f"{field.key}: the model has no attribute {field.attribute}")
            continue
        has_default = (attribute.default, attribute.default_factory) != (dataclasses.MISSING, dataclasses.MISSING)
        if has_default is field.required:
            found.append(f"{field.key}: required is {field.required} but the model's default says otherwise")
        allowed = {field.type.python} if field.required else {field.type.python, field.type.python | None}
        if hints[field.attribute] not in allowed:
            found.append(f"{field.key}: declared {field.type.python}, the model has {hints[field.attribute]}")
    return found


@pytest.mark.parametrize("kind", list(Kind))
def test_the_models_and_the_declarations_agree(kind):
    assert disagreements(SCHEMAS[kind], DERIVED) == []
    for field in SCHEMAS[kind].fields:
        if field.type.nested:
            assert disagreements(field.type.nested, NESTED_DERIVED) == []


def test_a_declaration_that_disagrees_with_its_model_is_caught():
    need = SCHEMAS[Kind.NEED]
    changes = {"procurement": {"type": need.field("published").type}, "title": {"required": False},
               "opens": {"attribute": "opening"}}
    wrong = Schema(need.model, tuple(dataclasses.replace(f, **changes.get(f.key, {}))
                                     for f in need.fields if f.key != "tags"))
    assert disagreements(wrong, DERIVED) == [
        "Need.tags is not declared",
        "Need.opens is not declared",
        "title: required is False but the model's default says otherwise",
        "opens: the model has no attribute opening",
        "procurement: declared <class 'datetime.date'>, the model has str | None",
    ]


def readme_field_tables() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### Content files"):text.index("\n## ", text.index("### Content files"))]
    return re.findall(r"^\| field \|.*?\n(?=\n|\Z)", section, re.M | re.S)


def test_the_readme_holds_exactly_the_generated_field_tables():
    expected = [field_table(kind) for kind in Kind]
    assert readme_field_tables() == expected, "README.md's field tables are stale; paste:\n\n" + "\n".join(expected)


def test_the_field_table_follows_the_declaration():
    table = field_table(Kind.NEED)
    assert "| `contact.email` | yes | e-mail address |" in table
    assert "| `status` | | `open`, `closed`, `awarded` or `cancelled` |" in table
    assert "| `summary` | yes | text, at most 300 characters |" in table
    assert [row.split("`")[1] for row in table.splitlines()[2:] if "." not in row.split("`")[1]] == [
        field.key for field in SCHEMAS[Kind.NEED].fields]


def as_json(value):
    """YAML as a JSON document has it: dates become YYYY-MM-DD text."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value.isoformat() if isinstance(value, date) else value


def front_matter_of(path) -> dict:
    return as_json(yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1]))


def validator(kind: Kind) -> jsonschema.Draft202012Validator:
    schema = as_json_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("kind", list(Kind))
def test_the_json_schema_accepts_every_file_of_the_example_board(kind):
    files = sorted((REPO / "content" / kind.section).rglob("*.md"))
    assert files
    for path in files:
        errors = [error.message for error in validator(kind).iter_errors(front_matter_of(path))]
        assert errors == [], path.name


@pytest.mark.parametrize("change, complaint", [
    (lambda need: need.pop("organisation"), "'organisation' is a required property"),
    (lambda need: need.update(status="stängd"), "'stängd' is not one of"),
    (lambda need: need.update(published="2026-13-01"), "is not a 'date'"),
    (lambda need: need.update(deadline="2026-13-01"), "is not valid under any of the given schemas"),
    (lambda need: need.update(deadline="2026-12-01 kl 12"), "is not valid under any of the given schemas"),
    (lambda need: need.update(summary="å" * 301), "is too long"),
    (lambda need: need["contact"].update(email="anna@example"), "does not match"),
    (lambda need: need.update(dealine="2026-12-01"), "Additional properties are not allowed"),
    (lambda need: need.update(draft="ja"), "is not of type 'boolean'"),
])
def test_the_json_schema_rejects_a_broken_need(change, complaint):
    need = front_matter_of(REPO / "content/needs/digital-tillsyn-av-enskilda-avlopp.md")
    assert list(validator(Kind.NEED).iter_errors(need)) == []
    change(need)
    messages = [error.message for error in validator(Kind.NEED).iter_errors(need)]
    assert len(messages) == 1 and complaint in messages[0], messages


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("kind", list(Kind))
def test_callboard_new_writes_every_declared_field_in_order_and_the_file_loads(tmp_path, kind, lang):
    text = render_item(NewItem(kind=kind, title="Smarta lås", today=date(2026, 11, 28), lang=lang))
    front = parse_document(text.encode("utf-8")).front.value
    written = [field.key for field in SCHEMAS[kind].fields if field.required or field.blank]
    assert list(front) == written
    keys = re.findall(r"^(?:# )?([a-z_]+):", text.split("\n---\n")[0], re.M)
    assert keys == [field.key for field in SCHEMAS[kind].fields]
    _, problems = load(tmp_path, kind, text.encode("utf-8"))
    assert problems and all("example text from callboard new is still here" in message for _, _, message in problems)
    for key, example in (*placeholders(lang).items(), ("body", Translator(lang)("new_body_hint"))):
        text = text.replace(example, "anna@vaxjo.example.se" if "email" in key else "Egen text.")
    item, problems = load(tmp_path, kind, text.encode("utf-8"))
    assert problems == [] and item.title == "Smarta lås"
