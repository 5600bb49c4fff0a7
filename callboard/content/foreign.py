"""Other boards' open data turned into this board's typed items: what a hub reads from its sources.

Everything here is untrusted. `api/board.json` and each item are checked against the contract's
JSON Schemas (callboard.content.contract), which also cap the length of every text; counts are
capped by the hub's `[fetch] max_items`; every address must be an http(s) one on the source's own
host (an `origin` another board's, only for a board the hub reads itself); bodies are sanitised
again by the very function that sanitises local bodies; an item that holds a control or
text-direction character, or names an organisation the source may not publish for, is left out. A bad item is a problem of its own: the rest of the file is still read.

Fetching is not done here (that is I/O, in callboard.build); this module gets bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, time
from functools import cache
from html import unescape
from typing import TYPE_CHECKING, Callable
from urllib.parse import urljoin, urlsplit

from callboard.config import BoardSource, Fetching
from callboard.content.contract import BOARD_JSON_VERSION, OPEN_DATA_VERSION, board_schema, items_schema
from callboard.content.markdown import EXTERNAL_REL, sanitise
from callboard.content.models import PROCUREMENT_TYPES, Case, Contact, Item, Need, Origin, Testbed
from callboard.core.diagnostics import Message, MessageError, say
from callboard.core.safeurls import url_scheme, web_address_problem
from callboard.core.text import invisible_character

if TYPE_CHECKING:
    import jsonschema

KIND_OF_SECTION = {"needs": "need", "testbeds": "testbed", "cases": "case"}
_NO_CONTACT = Contact(name="", email="")
_RELATIVE = re.compile(r'(\s(?:href|src)=")([^"]*)"')
_IMAGE = re.compile(r"<img\b([^>]*)>")
_ATTRIBUTE = re.compile(r'\s([a-z-]+)="([^"]*)"')
"""A link or image in a sanitised body (nh3 quotes every attribute with ", escaped within)."""


class ForeignDataError(MessageError):
    """A file or item of a source that cannot be used; `message` says why."""


@dataclass(frozen=True)
class BoardDescription:
    """A source's `api/board.json`, checked."""

    name: str
    url: str
    lang: str
    organisations: tuple[str, ...]
    files: dict[str, str]
    """Section ('needs', ...) -> the absolute address of its file, for those the board writes."""


@dataclass(frozen=True)
class ForeignItems:
    """What one file of a source gave: the usable items, and a sentence for each one left out."""

    items: tuple[Item, ...]
    problems: tuple[Message, ...]


def read_board_description(data: bytes, source: BoardSource) -> BoardDescription:
    """`api/board.json` of `source`, or ForeignDataError saying why it cannot be used."""
    document = _json(data)
    if not isinstance(document, dict):
        raise ForeignDataError(say("hub_board_not_object"))
    for key, known in (("version", BOARD_JSON_VERSION), ("open_data_version", OPEN_DATA_VERSION)):
        if key in document and document[key] != known:
            raise ForeignDataError(say("hub_unknown_version", file="board.json", key=key,
                                       value=_shown(document[key]), known=known))
    error = next(_validator("board").iter_errors(document), None)
    if error is not None:
        raise ForeignDataError(say("hub_file_not_contract", file="board.json", problem=_error_text(error)))
    if not _same_host(document["url"], source.url):
        raise ForeignDataError(say("hub_board_elsewhere", address=_shown(document["url"])))
    found = next(filter(None, map(invisible_character, [document["name"], *document["organisations"]])), None)
    if found:
        raise ForeignDataError(say("hub_board_invisible", problem=found[1]))
    files = {name: address for name, address in document["files"].items() if address}
    for name, address in files.items():
        if not _same_host(address, source.url):
            raise ForeignDataError(say("hub_file_elsewhere", name=name, address=_shown(address), url=source.url))
    return BoardDescription(name=document["name"], url=document["url"], lang=document["lang"],
                            organisations=tuple(document["organisations"]), files=files)


def read_items(section: str, data: bytes, board: BoardDescription, source: BoardSource,
               limits: Fetching, publishers: frozenset[str] = frozenset()) -> ForeignItems:
    """The items of one open-data file (`section` is 'needs', 'testbeds' or 'cases').
    `publishers`: the addresses of every board the hub reads, whose items a source that is
    itself a hub may pass on under their own name (see `_origin`)."""
    document = _json(data)
    file = section + ".json"
    if not isinstance(document, dict) or not isinstance(document.get(section), list):
        raise ForeignDataError(say("hub_no_list", file=file, section=section))
    if document.get("version") != OPEN_DATA_VERSION:
        raise ForeignDataError(say("hub_unknown_version", file=file, key="version",
                                   value=_shown(document.get("version")), known=OPEN_DATA_VERSION))
    records = document[section]
    problems: list[Message] = []
    if len(records) > limits.max_items:
        problems.append(say("hub_items_cut", file=file, count=len(records), limit=limits.max_items))
    items: dict[str, Item] = {}
    for number, record in enumerate(records[:limits.max_items], start=1):
        try:
            item = _item(section, record, board, source, publishers)
        except ForeignDataError as exc:
            problems.append(say("hub_item_left_out", file=file, name=_name(record, number),
                                reason=exc.message))
            continue
        if item.slug in items:
            problems.append(say("hub_item_left_out", file=file, name=_name(record, number),
                                reason=say("hub_slug_twice")))
            continue
        items[item.slug] = item
    return ForeignItems(tuple(items.values()), tuple(problems))


def _item(section: str, record: object, board: BoardDescription, source: BoardSource,
          publishers: frozenset[str] = frozenset()) -> Item:
    error = next(_validator(KIND_OF_SECTION[section]).iter_errors(record), None)
    if error is not None:
        raise ForeignDataError(say("hub_item_not_contract", problem=_error_text(error)))
    found = next(filter(None, map(invisible_character, _texts(record))), None)
    if found:
        raise ForeignDataError(say("hub_item_invisible", problem=found[1]))
    if not _same_host(record["url"], source.url) or web_address_problem(record["url"]):
        raise ForeignDataError(say("hub_item_elsewhere", address=_shown(record["url"])))
    organisation = record.get("organisation")
    if organisation is not None and organisation not in (*board.organisations, *source.organisations):
        raise ForeignDataError(say("hub_item_organisation", organisation=_shown(organisation)))
    return _MAKERS[section](record, _common(record, board, source, publishers))


def _common(record: dict, board: BoardDescription, source: BoardSource, publishers: frozenset[str]) -> dict:
    return {
        "slug": record["slug"], "source": record["url"], "title": record["title"], "summary": record["summary"],
        "body_html": _body(record.get("body_html", ""), record["url"]), "lang": record.get("lang") or board.lang,
        "categories": tuple(record.get("categories", ())), "tags": tuple(record.get("tags", ())),
        "origin": _origin(record, board, publishers), "digest": _digest(record, board, source),
    }


def _origin(record: dict, board: BoardDescription, publishers: frozenset[str]) -> Origin:
    """The board that published the item: the source's, or, for an item the source itself
    gathered from another board (its record carries `origin`), that board, so that the chain
    of hubs names the real publisher and the same item reached twice is known as one.

    A source's word about another board is taken only for a board the hub reads itself (one of
    `publishers`), and only for a page on that board: otherwise any source could publish under
    another board's name and point the hub's canonical link anywhere. An origin the hub cannot
    vouch for is replaced by the source's own: the item is shown as the source shows it."""
    found = record.get("origin")
    own = Origin(board=board.name, board_url=board.url, url=record["url"])
    if found is None:
        return own
    for address in (found["board_url"], found["url"]):
        if web_address_problem(address):
            raise ForeignDataError(say("hub_item_elsewhere", address=_shown(address)))
    claimed = Origin(board=found["board"], board_url=found["board_url"], url=found["url"])
    vouched = any(claimed.board_url.startswith(publisher) for publisher in publishers)
    if not vouched or not claimed.url.startswith(claimed.board_url) or invisible_character(claimed.board):
        return own
    return claimed


def _digest(record: dict, board: BoardDescription, source: BoardSource) -> str:
    """Stands for what the item is made from, as a local item's digest stands for its file's
    bytes: the pages and files made from it are made again only when that changes."""
    made_from = [source.url, board.name, board.url, board.lang, record]
    text = json.dumps(made_from, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _need(record: dict, common: dict) -> Need:
    status = record.get("status")
    procurement = record.get("procurement")
    return Need(
        **common, organisation=record["organisation"], published=_day(record["published"]), contact=_NO_CONTACT,
        opens=_day(record.get("opens")), deadline=_day(record.get("deadline")),
        deadline_time=time.fromisoformat(record["deadline_time"]) if record.get("deadline_time") else None,
        declared_status=status if status in ("awarded", "cancelled") else None,
        procurement=procurement if procurement in PROCUREMENT_TYPES else None,
        budget=record.get("budget"), apply=(record.get("apply") or "").removeprefix("mailto:") or None,
        shared_with=tuple(name for name in record.get("organisations", ()) if name != record["organisation"]),
        same_as=tuple(address for address in record.get("same_as", ()) if not web_address_problem(address)),
    )


def _testbed(record: dict, common: dict) -> Testbed:
    return Testbed(**common, host=record["host"], contact=_NO_CONTACT, location=record.get("location"),
                   available_from=_day(record.get("available_from")), available_to=_day(record.get("available_to")))


def _case(record: dict, common: dict) -> Case:
    return Case(**common, organisation=record["organisation"], completed=_day(record["completed"]),
                partners=tuple(record.get("partners", ())), outcome=record.get("outcome"))


_MAKERS: dict[str, Callable[[dict, dict], Item]] = {"needs": _need, "testbeds": _testbed, "cases": _case}


def _body(html: str, page: str) -> str:
    """Sanitised exactly as a local body is, every link marked as one that leaves the hub (as a
    local body's external links are); a relative link, image or fragment then leads where it led
    on the item's page on the source (`page`), never to a page or id of the hub that is not there.
    An image becomes a link to it, as an image from another site does in a local body: the hub's
    pages load nothing from elsewhere (its policy would block it, and the visitor's browser would
    tell the source who reads the hub)."""
    def absolute(match: re.Match) -> str:
        address = unescape(match.group(2))
        if url_scheme(address):
            return match.group(0)
        return f'{match.group(1)}{_attribute(urljoin(page, address))}"'
    rewritten = _IMAGE.sub(_image_link, _RELATIVE.sub(absolute, sanitise(html, foreign=True)))
    return sanitise(rewritten, foreign=True)  # the rewrites are regular expressions: nothing they miss gets through


def _image_link(match: re.Match) -> str:
    """`<img src=".." alt="..">` (as the sanitiser writes it) as a link to the picture, its alt
    text (or else the file's name) as the link text."""
    attributes = dict(_ATTRIBUTE.findall(match.group(1)))
    source = attributes.get("src", "")
    if url_scheme(unescape(source)) not in ("http", "https"):
        return _text(unescape(attributes.get("alt", "")))
    text = unescape(attributes.get("alt") or source.rstrip("/").rsplit("/", 1)[-1] or source)
    return f'<a href="{source}" rel="{EXTERNAL_REL}">{_text(text)}</a>'


def _text(value: str) -> str:
    """Text as the sanitiser writes it between tags, so that sanitising again changes nothing."""
    return value.replace("&", "&amp;").replace("\u00a0", "&nbsp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(value: str) -> str:
    """A value as the sanitiser writes it between double quotes, so that sanitising again changes nothing."""
    return _text(value).replace('"', "&quot;")


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ForeignDataError(say("hub_not_a_date", value=_shown(text))) from None


def _texts(value: object) -> list[str]:
    """Every text in a record, its keys included, however deeply nested (body_html aside: the
    sanitiser deals with it)."""
    if isinstance(value, dict):
        return [text for key, inner in value.items() if key != "body_html" for text in (key, *_texts(inner))]
    if isinstance(value, list):
        return [text for inner in value for text in _texts(inner)]
    return [value] if isinstance(value, str) else []


def _same_host(address: str, base: str) -> bool:
    first, second = urlsplit(address), urlsplit(base)
    return first.scheme in ("http", "https") and (first.scheme, first.netloc) == (second.scheme, second.netloc)


def _json(data: bytes) -> object:
    try:
        return json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise ForeignDataError(say("hub_not_json", reason=_shown(str(exc)))) from None


@cache
def _validator(kind: str) -> jsonschema.Draft202012Validator:
    # Imported here: jsonschema takes up to 1.5 s to import (with rfc3987-syntax installed, it
    # compiles a grammar), which every build of a board without sources would pay.
    import jsonschema

    schema = board_schema() if kind == "board" else {**items_schema(), "$ref": f"#/$defs/{kind}"}
    return jsonschema.Draft202012Validator(schema)


def _error_text(error: jsonschema.ValidationError) -> Message:
    """jsonschema's own sentence (English: it has no other) and where in the document it applies."""
    where = "/".join(str(part) for part in error.absolute_path)
    return say("hub_schema_problem", problem=_shown(error.message), where=where) if where else \
        say("hub_schema_problem_top", problem=_shown(error.message))


def _name(record: object, number: int) -> Message:
    slug = record.get("slug") if isinstance(record, dict) else None
    return say("hub_item_slug", slug=_shown(slug, 60)) if isinstance(slug, str) else say("hub_item_number", number=number)


def _shown(value: object, limit: int = 120) -> str:
    """A foreign value as a diagnostic may show it: one line, cut short, control characters escaped."""
    text = value if isinstance(value, str) else repr(value)
    text = "".join(f"\\u{ord(char):04x}" if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") else char
                   for char in text[:limit])
    return text + ("…" if len(value if isinstance(value, str) else repr(value)) > limit else "")
