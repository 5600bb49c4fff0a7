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
from urllib.parse import urlsplit

from callboard.content.callschema import (
    APPLY,
    BUDGET,
    MEETING,
    QUESTION,
    STAGE,
    check_meeting,
)
from callboard.content.declare import (
    BOOLEAN,
    DATE,
    DEADLINE,
    EMAIL,
    PHONE,
    SLUG,
    SLUGS,
    TEXT,
    TEXTS,
    Field,
    FieldType,
    Reader,
    Report,
    Schema,
    mapping,
    mappings,
    numbered_mappings,
)
from callboard.content.innovatorschema import READINESS, WANTS, WEBSITE, YEAR
from callboard.content.models import (
    DECLARABLE_STATUSES,
    PROCUREMENT_TYPES,
    Case,
    Contact,
    Document,
    Extras,
    ExtraValue,
    Figure,
    Innovator,
    Kind,
    Need,
    Testbed,
)
from callboard.core.diagnostics import say
from callboard.core.fields import SLUG_RE, Name, Node, describe, read_text, read_text_list
from callboard.i18n import LANGUAGES, N_

__all__ = ["BOOLEAN", "DATE", "DEADLINE", "SCHEMAS", "Field", "FieldType", "Reader", "Report", "Schema", "mapping",
           "mappings", "numbered_mappings"]


def read_extra(name: str, node: Node, report: Report) -> Extras | None:
    """The board's own fields: any mapping, kept as written (text, lists and mappings)."""
    if not isinstance(node.value, dict):
        report(node.line, say("extra_must_be_mapping", name=name, value=describe(node)))
        return None
    return _extras(node)


def _extras(node: Node) -> ExtraValue:
    if isinstance(node.value, dict):
        return Extras(tuple((key, _extras(value)) for key, value in node.value.items()))
    if isinstance(node.value, list):
        return tuple(_extras(item) for item in node.value)
    return node.value


EXTRA = FieldType(read_extra, Extras, "mapping of the board's own fields, for its own templates (`item.extra`)",
                  {"type": "object"})

CONTACT = Schema(Contact, (
    Field("name", TEXT, "the contact person's name", required=True, example="Anna Andersson",
          placeholder=N_("new_example_contact_name")),
    Field("email", EMAIL, "their e-mail address", required=True, example="anna@example.se",
          placeholder=N_("new_example_contact_email")),
    Field("phone", PHONE, "their phone number, e.g. `070-123 45 67`", example='""', comment=N_("new_phone")),
))

LANGUAGE_TAG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def read_language_tag(name: Name, node: Node, report: Report) -> str | None:
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


def read_bundle_file(name: Name, node: Node, report: Report) -> str | None:
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

CAPTION = Field("caption", TEXT, "a sentence shown under the picture", max_chars=300)
CREDIT = Field("credit", TEXT, "who took the photo or made the picture, shown as \"Foto: ...\"", max_chars=200)
FIGURE = Schema(Figure, (
    Field("src", TEXT, "the picture, as a path under `static/`", required=True, example="images/bild.jpg"),
    Field("alt", TEXT, "describe what the picture shows, for those who cannot see it", required=True,
          example='"Två personer vid en laddstolpe"'),
    CAPTION, CREDIT,
))
GALLERY_ITEMS = 24

NAME_CHARS = 200
"""Titles and organisation names: long enough for any real one, short enough for a heading."""
LIST_ITEMS = 20
MAX_DOCUMENTS = 50
MAX_SHARED = 50
"""Organisations sharing one need: more than any buyers' network has."""


def read_need_references(name: Name, node: Node, report: Report) -> tuple[str, ...] | None:
    """A list of needs: each a slug of a need on this board, or an http(s) address elsewhere."""
    refs = read_text_list(name, node, report)
    if refs is None:
        return None
    wrong = [ref for ref in refs if not SLUG_RE.match(ref) and urlsplit(ref).scheme not in ("http", "https")]
    if wrong:
        report(node.line, say("field_invalid_need_reference", name=name, value=wrong[0]))
        return None
    return refs


SAME_AS = FieldType(read_need_references, tuple[str, ...], "list of needs: file names on this board or web "
                    "addresses, e.g. `[snorojning, https://annan.example.se/needs/snorojning/]`",
                    {"type": "array", "items": {"type": "string", "anyOf": [{"pattern": SLUG_RE.pattern},
                                                                           {"pattern": "^https?://"}]}})

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
EXTRA_FIELD = Field("extra", EXTRA, "the board's own fields, which its templates show as `item.extra.<key>`",
                    example="{}", comment=N_("new_extra"))

NEED = Schema(Need, (
    TITLE,
    Field("organisation", TEXT, "the organisation that has the need", required=True, max_chars=NAME_CHARS,
          placeholder=N_("new_example_organisation")),
    SUMMARY,
    Field("published", DATE, "the need is not built before this date", required=True, comment=N_("new_published")),
    Field("deadline", DEADLINE, "last day to apply, with the hour the call closes (in the board's `timezone`) "
          "if given, else the end of the day; without it the call is rolling", not_before=("opens", "published"),
          comment=N_("new_deadline"), blank=True),
    Field("contact", mapping(CONTACT), "the person who answers questions about the need", required=True),
    Field("opens", DATE, "before this date the call is upcoming", comment=N_("new_opens")),
    Field("status", TEXT, "overrides the status the dates give (see Status below)", attribute="declared_status",
          choices=DECLARABLE_STATUSES, example="awarded", comment=N_("new_status")),
    Field("awarded", DATE, "the day the call was awarded (with `status: awarded`); the statistics page counts "
          "the days from the deadline to it", not_before=("published",), comment=N_("new_awarded")),
    Field("procurement", TEXT, "the form of procurement", choices=PROCUREMENT_TYPES,
          example=PROCUREMENT_TYPES[0], comment=N_("new_procurement")),
    Field("budget", BUDGET, "free text such as `cirka 2 miljoner`, or an amount: `{amount: 2000000, currency: SEK}`",
          example="{amount: 2000000, currency: SEK}", comment=N_("new_budget")),
    Field("apply", APPLY, "where to apply: the page's main button, while the call is open",
          example="https://example.se/ansok", comment=N_("new_apply")),
    Field("eligibility", TEXTS, "who may apply, as a short list", max_items=LIST_ITEMS,
          example="[]", comment=N_("new_eligibility")),
    Field("criteria", TEXTS, "how applications are judged, as a short list", max_items=LIST_ITEMS,
          example="[]", comment=N_("new_criteria")),
    Field("questions", numbered_mappings(QUESTION, "  - question: Får flera företag söka tillsammans?\n"
                                          "    answer: Ja, ett konsortium får söka.\n    answered: 2026-12-01"),
          "questions bidders asked, each with its answer: shown as questions and answers, newest first",
          max_items=100, example="[{question: 'Får flera söka tillsammans?', answer: Ja., answered: '2026-12-01'}]",
          comment=N_("new_questions")),
    Field("questions_until", DATE, "the last day to ask questions", comment=N_("new_questions_until")),
    Field("meetings", numbered_mappings(MEETING, "  - title: Informationsmöte\n    start: 2026-12-10 13:00\n"
                                        "    url: https://example.se/mote", check_meeting),
          "information meetings; upcoming ones are in the facts box and the calendars", max_items=LIST_ITEMS,
          example="[{title: Informationsmöte, start: 2026-12-10 13:00, url: https://example.se/mote}]",
          comment=N_("new_meetings")),
    Field("journey", numbered_mappings(STAGE, "  - stage: Marknadsdialog\n    state: done\n    date: 2026-10-01"),
          "the stages of the procurement, in order", max_items=LIST_ITEMS,
          example="[{stage: Marknadsdialog, state: done, date: '2026-10-01'}]", comment=N_("new_journey")),
    Field("testbeds", SLUGS, "testbeds where the need can be tested, by file name without `.md`", example="[]",
          comment=N_("new_testbeds")),
    Field("shared_with", TEXTS, "other organisations that have the same need and may procure together",
          max_items=MAX_SHARED, example="[Region Kronoberg, Alvesta kommun]", comment=N_("new_shared_with")),
    Field("same_as", SAME_AS, "the same need elsewhere: another need on this board by its file name, or its "
          "address on another board", max_items=MAX_SHARED, example="[]", comment=N_("new_same_as")),
    Field("documents", mappings(DOCUMENT), "files to download, kept beside the need in its folder "
          "(`content/needs/<slug>/index.md`)", max_items=MAX_DOCUMENTS,
          example="[{file: underlag.pdf, title: Förfrågningsunderlag}]", comment=N_("new_documents")),
    CATEGORIES, TAGS, LANG, DRAFT, EXTRA_FIELD,
))

TESTBED = Schema(Testbed, (
    TITLE,
    Field("host", TEXT, "the organisation that runs the testbed", required=True, max_chars=NAME_CHARS,
          placeholder=N_("new_example_organisation")),
    SUMMARY,
    Field("contact", mapping(CONTACT), "the person to ask about using the testbed", required=True),
    Field("location", TEXT, "town or address", example='""', comment=N_("new_location")),
    Field("available_from", DATE, "the first day the testbed can be used", comment=N_("new_available")),
    Field("available_to", DATE, "the last day the testbed can be used", not_before=("available_from",)),
    CATEGORIES, TAGS, LANG, DRAFT, EXTRA_FIELD,
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
    Field("image_caption", TEXT, "a sentence shown under the picture", max_chars=300, example='""',
          comment=N_("new_image_caption")),
    Field("image_credit", TEXT, "who took the photo or made the picture, shown under it as \"Foto: ...\"",
          max_chars=200, example='""', comment=N_("new_image_credit")),
    Field("images", mappings(FIGURE), "a gallery of pictures shown after the text", max_items=GALLERY_ITEMS,
          example="[]", comment=N_("new_images")),
    CATEGORIES, TAGS, LANG, DRAFT, EXTRA_FIELD,
))

INNOVATOR = Schema(Innovator, (
    Field("title", TEXT, "the company's name: the heading of its page and the link to it in lists", required=True,
          max_chars=NAME_CHARS, placeholder=N_("new_example_company")),
    SUMMARY,
    Field("contact", mapping(CONTACT), "the person the hub can reach; shown and published only with "
          "`show_contact: true`", required=True),
    Field("show_contact", BOOLEAN, "`true` shows the contact on the page (and in the open data, if the board "
          "publishes contacts); by default it is kept out of every page and file", example="true",
          comment=N_("new_show_contact")),
    Field("trl", READINESS, "technology readiness level: 1 an idea, 4 tested in a lab, 7 tested where it will "
          "be used, 9 proven in real use", example="5", comment=N_("new_trl")),
    Field("looking_for", WANTS, "what the company is looking for: a pilot customer, a testbed, partners, "
          "financing", example="[pilot, testbed]", comment=N_("new_looking_for")),
    Field("location", TEXT, "town or region, used by the list's region filter", max_chars=NAME_CHARS,
          example='""', comment=N_("new_innovator_location")),
    Field("website", WEBSITE, "the company's web site", example="https://example.org", comment=N_("new_website")),
    Field("logo", TEXT, "the company's logo, as a path under `static/`, e.g. `images/logo.svg`",
          requires="logo_alt", requires_why=N_("requires_logo_alt"), example="images/logo.svg",
          comment=N_("new_logo")),
    Field("logo_alt", TEXT, "the logo's text alternative, usually the company's name", max_chars=NAME_CHARS,
          example='""'),
    Field("founded", YEAR, "the year the company was founded", example="2019", comment=N_("new_founded")),
    CATEGORIES, TAGS, LANG, DRAFT, EXTRA_FIELD,
))

SCHEMAS: dict[Kind, Schema] = {Kind.NEED: NEED, Kind.TESTBED: TESTBED, Kind.CASE: CASE, Kind.INNOVATOR: INNOVATOR}
