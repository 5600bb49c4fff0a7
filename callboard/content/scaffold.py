"""`callboard new`: write a new content file that an editor only has to fill in.

Every required field is present and valid, so the new item shows up in `callboard serve` at
once; every optional field is listed as a YAML comment with its allowed values. Which fields,
in which order, with which comment and placeholder, is declared in `schema.py`. Explanations
are YAML comments (`#`), never HTML comments: the body shows raw HTML as text. The placeholder
texts are known to `lint.py`, which warns until the editor has replaced them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from slugify import slugify

from callboard.content.load import RESERVED_SLUGS
from callboard.content.models import Kind
from callboard.content.schema import DATE, SCHEMAS, Field

PLACEHOLDERS: dict[str, dict[str, str]] = {
    "sv": {
        "organisation": "Skriv organisationens namn",
        "summary": "Sammanfatta i en eller två meningar. Texten visas i listor och sökresultat.",
        "contact_name": "Förnamn Efternamn",
        "contact_email": "fornamn.efternamn@example.org",
    },
    "en": {
        "organisation": "Name of the organisation",
        "summary": "Sum it up in one or two sentences. This text is shown in lists and search results.",
        "contact_name": "First Last",
        "contact_email": "first.last@example.org",
    },
}

_TEXT = {
    "sv": {
        "header": "# Fyll i fälten och ta bort det du inte behöver. Rader som börjar med # syns inte på webbplatsen.",
        "uncomment": "# Valfria fält: ta bort # i början av raden för att använda dem.",
        "summary": "# Högst 300 tecken, helst under 200 så att texten får plats på kortet i listan.",
        "published": "# Behovet syns på webbplatsen från och med det här datumet (ÅÅÅÅ-MM-DD).",
        "deadline": "# Sista ansökningsdag (ÅÅÅÅ-MM-DD). Utan den är behovet löpande.",
        "opens": "# Före det här datumet visas behovet som kommande.",
        "status": "# Räknas ut från datumen; ange den bara för att tilldela eller avbryta",
        "procurement": "# Upphandlingsform",
        "budget": "# Fri text, till exempel \"2 000 000 SEK\"",
        "list": "# Lista, till exempel [Energi, Skola]",
        "testbeds": "# Filnamn (utan .md) på testbäddar i content/testbeds/",
        "lang": "# Språket i texten, om det inte är tavlans",
        "draft": "# true = utkast, syns bara med callboard serve --drafts",
        "phone": "# Telefonnummer till kontaktpersonen",
        "location": "# Ort eller adress",
        "available": "# Datum då testbädden går att använda (ÅÅÅÅ-MM-DD)",
        "completed": "# Dagen samarbetet avslutades (ÅÅÅÅ-MM-DD)",
        "need": "# Filnamn (utan .md) på behovet i content/needs/ som det började med",
        "partners": "# Företag som deltog",
        "outcome": "# Resultatet i en mening",
        "image": "# Bild i static/, till exempel images/bild.jpg; beskriv den i image_alt",
        "body": {
            Kind.NEED: ("Bakgrund", "Behov", "Vad vi erbjuder", "Så ansöker du"),
            Kind.TESTBED: ("Om testbädden", "Det här kan du testa", "Vad vi erbjuder", "Så kommer du i kontakt med oss"),
            Kind.CASE: ("Bakgrund", "Det här gjorde vi", "Resultat", "Det här lärde vi oss"),
        },
        "body_hint": "Skriv här.",
    },
    "en": {
        "header": "# Fill in the fields and delete what you do not need. Lines starting with # are not shown on the site.",
        "uncomment": "# Optional fields: remove the # at the start of a line to use it.",
        "summary": "# At most 300 characters, preferably under 200 so that it fits the card in lists.",
        "published": "# The item is on the site from this date on (YYYY-MM-DD).",
        "deadline": "# Last day to apply (YYYY-MM-DD). Without it the call is rolling.",
        "opens": "# Before this date the need is shown as upcoming.",
        "status": "# Follows from the dates; set it only to award or cancel",
        "procurement": "# Procurement",
        "budget": "# Free text, e.g. \"2 000 000 SEK\"",
        "list": "# A list, e.g. [Energy, School]",
        "testbeds": "# File names (without .md) of testbeds in content/testbeds/",
        "lang": "# Language of the text, when it is not the board's",
        "draft": "# true = draft, shown only by callboard serve --drafts",
        "phone": "# The contact's phone number",
        "location": "# Town or address",
        "available": "# Dates when the testbed can be used (YYYY-MM-DD)",
        "completed": "# The day the collaboration ended (YYYY-MM-DD)",
        "need": "# File name (without .md) of the need in content/needs/ it started from",
        "partners": "# Companies involved",
        "outcome": "# The outcome in one sentence",
        "image": "# An image in static/, e.g. images/picture.jpg; describe it in image_alt",
        "body": {
            Kind.NEED: ("Background", "The need", "What we offer", "How to apply"),
            Kind.TESTBED: ("About the testbed", "What you can test", "What we offer", "How to get in touch"),
            Kind.CASE: ("Background", "What we did", "Outcome", "What we learnt"),
        },
        "body_hint": "Write here.",
    },
}


class ScaffoldError(Exception):
    """A file `new` must not write: it exists, or the title gives no usable file name."""


@dataclass(frozen=True)
class NewItem:
    kind: Kind
    title: str
    today: date
    lang: str = "sv"
    organisation: str = ""

    @property
    def slug(self) -> str:
        """å, ä, ö -> a, a, o: the slug an editor would type on a Swedish keyboard's US layout."""
        return slugify(self.title, max_length=80, word_boundary=True)

    def path(self, root: Path) -> Path:
        return root / "content" / self.kind.section / f"{self.slug}.md"


def write_new_item(root: Path, item: NewItem) -> Path:
    """Write the file and return its path; refuse to overwrite or to shadow another item."""
    if not item.slug:
        raise ScaffoldError(f"the title '{item.title}' gives no file name; use letters or digits")
    if item.slug in RESERVED_SLUGS[item.kind]:
        raise ScaffoldError(f"'{item.slug}' is reserved for a page the board generates; choose another title")
    folder = root / "content" / item.kind.section
    existing = sorted(folder.rglob(f"{item.slug}.md")) if folder.is_dir() else []
    if existing:
        shown = existing[0].relative_to(root).as_posix()
        raise ScaffoldError(f"{shown} already exists; edit it, or choose another title")
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
    text = _TEXT[item.lang]
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
    lines = [indent + _TEXT[item.lang][field.comment]] if field.comment else []
    if field.type.nested:
        lines.append(f"{indent}{field.key}:")
        for inner in field.type.nested.fields:
            inside = indent + "  "
            lines += _written(inner, item, inside) if inner.required else [_commented(inner, item, inside)]
        return lines
    if field.blank:
        return lines + [f"{indent}{field.key}:"]
    given = {"title": item.title, "organisation": item.organisation, "host": item.organisation}.get(field.key)
    value = item.today.isoformat() if field.type is DATE else quoted(given or PLACEHOLDERS[item.lang][field.placeholder])
    return lines + [f"{indent}{field.key}: {value}"]


def _commented(field: Field, item: NewItem, indent: str = "") -> str:
    """An optional field as a comment: an example value, what it is for and what it may be."""
    value = item.today.isoformat() if field.type is DATE else item.lang if field.key == "lang" else field.example
    line = f"{indent}# {field.key}: {value}"
    if field.comment:
        line += "  " + _TEXT[item.lang][field.comment]
    if field.choices:
        line += ": " + ", ".join(field.choices)
    return line
