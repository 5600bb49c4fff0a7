"""Typed content: what the loader builds from each file and what templates receive."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from enum import Enum
from functools import cached_property
from typing import Union

from callboard.content.permalinks import item_url


class Status(str, Enum):
    """Where a need stands on the build date. The order is the order of the needs list."""

    OPEN = "open"
    UPCOMING = "upcoming"
    CLOSED = "closed"
    AWARDED = "awarded"
    CANCELLED = "cancelled"

    @property
    def is_active(self) -> bool:
        """Open or upcoming: a start-up can still act on it."""
        return self in (Status.OPEN, Status.UPCOMING)


DECLARABLE_STATUSES = ("open", "closed", "awarded", "cancelled")
PROCUREMENT_TYPES = ("innovation-partnership", "pre-commercial", "testbed", "dialogue", "direct-award")


class Kind(str, Enum):
    NEED = "need"
    TESTBED = "testbed"
    CASE = "case"
    INNOVATOR = "innovator"

    @property
    def section(self) -> str:
        """The content folder and the URL section: needs, testbeds, cases, innovators."""
        return self.value + "s"


@dataclass(frozen=True)
class Contact:
    name: str
    email: str
    phone: str = ""


ExtraValue = Union[str, None, tuple["ExtraValue", ...], "Extras"]


@dataclass(frozen=True)
class Extras(Mapping):
    """A board's own fields (`extra:` in front matter), as templates read them: `item.extra.funder`.
    Read-only and hashable like the rest of a model; values are text, lists (tuples) and mappings
    (Extras), exactly as written (never guessed into numbers or dates)."""

    pairs: tuple[tuple[str, ExtraValue], ...] = ()

    def __getitem__(self, key: str) -> ExtraValue:
        for name, value in self.pairs:
            if name == key:
                return value
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return (name for name, _ in self.pairs)

    def __len__(self) -> int:
        return len(self.pairs)


MEDIA_TYPES = {
    "pdf": "application/pdf", "txt": "text/plain", "csv": "text/csv", "json": "application/json",
    "geojson": "application/geo+json", "zip": "application/zip", "png": "image/png", "jpg": "image/jpeg",
    "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp", "svg": "image/svg+xml",
    "doc": "application/msword", "xls": "application/vnd.ms-excel", "ppt": "application/vnd.ms-powerpoint",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text", "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation", "dwg": "image/vnd.dwg", "dxf": "image/vnd.dxf",
}


@dataclass(frozen=True)
class Document:
    """A file in a need's page bundle (`content/needs/<slug>/`), listed in its `documents`."""

    file: str
    """Path relative to the bundle, which is also its path below the need's page."""
    title: str
    lang: str | None = None
    """The document's language, when the editor gave it (it may differ from the page's)."""
    size: int = 0
    """Bytes, filled in by the loader from the file."""
    line: int = field(default=0, compare=False)
    """The line of its entry in the front matter, for problems found after loading."""

    @property
    def format(self) -> str:
        """What a visitor calls the file's type: 'PDF', 'DOCX' (its extension, in capitals)."""
        return self.extension.upper()

    @property
    def extension(self) -> str:
        name = self.file.rsplit("/", 1)[-1]
        return name.rsplit(".", 1)[-1].lower() if "." in name else ""

    @property
    def media_type(self) -> str:
        """The IANA media type (OCDS `format`), from a fixed table: the system's tables differ
        between machines, and the output must not."""
        return MEDIA_TYPES.get(self.extension, "application/octet-stream")


@dataclass(frozen=True)
class Change:
    """Something a commit changed in a need that a start-up wants to know, found by comparing
    the committed versions of its file (`changelog.py`)."""

    day: date
    """The day of the commit, in the board's time zone."""
    what: str
    """The field that changed ('deadline', 'status') or what happened ('document_added')."""
    before: object = None
    after: object = None


@dataclass(frozen=True)
class Money:
    """A sum in a currency: a budget written as `{amount, currency}`."""

    amount: Decimal
    currency: str = "SEK"


@dataclass(frozen=True)
class Question:
    """A question a bidder asked and the buyer's answer: every bidder gets the same information."""

    question: str
    answer: str
    """Markdown, as written; the loader fills `answer_html`, sanitised like a body."""
    answered: date | None = None
    answer_html: str = ""
    anchor: str = ""
    """The id of the question on the need's page, from its text (the loader fills it)."""


@dataclass(frozen=True)
class Meeting:
    """An information meeting about a call: in a place, on the web, or both."""

    title: str
    start: datetime
    """In the board's time zone (naive, like every hour in content)."""
    end: datetime | None = None
    place: str | None = None
    url: str | None = None
    register: str | None = None
    register_by: date | None = None
    recording: str | None = None
    """After the meeting: a recording or the minutes."""


JOURNEY_STATES = ("done", "current", "planned")


@dataclass(frozen=True)
class Stage:
    """One stage of a procurement's journey: behovsanalys, marknadsdialog, annonsering..."""

    stage: str
    state: str
    day: date | None = None
    """The `date` key: when the stage happened or is planned."""


@dataclass(frozen=True)
class BodyLink:
    """A link or image in a Markdown body: its URL as the page has it, and the line in the
    source file it was written on, so that a broken link is reported there."""

    url: str
    line: int


@dataclass(frozen=True)
class Figure:
    """One picture of a case story's gallery (`images`), as the editor described it."""

    src: str
    """Path under the board's static/ folder."""
    alt: str
    caption: str = ""
    credit: str = ""
    """Who took the photo or made the picture; shown as "Foto: Anna Andersson"."""


@dataclass(frozen=True)
class Origin:
    """Where an item read from another board comes from (a hub's source): that board's name and
    address, and the item's own page there."""

    board: str
    board_url: str
    url: str


@dataclass(frozen=True, kw_only=True)
class Item:
    """What every kind of content has: a file, a slug, a title and a body."""

    slug: str
    source: str
    """Path of the file relative to the board, as error messages and 'edit' links name it."""
    title: str
    summary: str
    body_html: str = ""
    body_line: int = 1
    lang: str = "sv"
    draft: bool = False
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    kind: Kind = Kind.NEED
    preview: bool = False
    """Set by the assemble step: shown only because of --drafts (a draft or not yet published)."""
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)
    """Line of each front-matter key in the source, for problems found after loading."""
    digest: str = field(default="", compare=False, repr=False)
    """Identifies the source file's bytes: pages that show the item change only when it does."""
    updated: date | None = None
    """Day of the last commit that changed the file (never before `published`), else `published`."""
    body_links: tuple[BodyLink, ...] = field(default=(), compare=False, repr=False)
    extra: Extras = Extras()
    """The board's own fields, for its own templates (`extra:`)."""
    origin: Origin | None = None
    """The board it was read from, for an item a hub gathered from a source; None for the board's own."""

    @cached_property
    def url(self) -> str:
        """Path of the item's page relative to the site root, e.g. 'needs/smart-las/'. Cached:
        a large board asks for it hundreds of thousands of times."""
        return item_url(self)


@dataclass(frozen=True, kw_only=True)
class Need(Item):
    organisation: str
    published: date
    contact: Contact
    deadline: date | None = None
    deadline_time: time | None = None
    """The hour the call closes on its deadline day, in the board's time zone; None: at the end of the day."""
    opens: date | None = None
    declared_status: str | None = None
    awarded: date | None = None
    """The day the call was awarded: the statistics count the days from the deadline to it."""
    procurement: str | None = None
    budget: str | Money | None = None
    """As written (text), or an amount (`Money`); `content/money.py` reads an amount out of text."""
    apply: str | None = None
    """Where to apply: a web address or an e-mail address."""
    eligibility: tuple[str, ...] = ()
    criteria: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()
    """Newest answer first (the loader sorts them)."""
    questions_until: date | None = None
    meetings: tuple[Meeting, ...] = ()
    """In order of their start."""
    journey: tuple[Stage, ...] = ()
    testbeds: tuple[str, ...] = ()
    shared_with: tuple[str, ...] = ()
    """Other organisations that have the same need (they may procure together)."""
    same_as: tuple[str, ...] = ()
    """The same need elsewhere: another need's slug on this board, or its address on another board."""
    documents: tuple[Document, ...] = ()
    changes: tuple[Change, ...] = ()
    """What commits changed since it was published, newest first (set by the loader from git)."""
    kind: Kind = Kind.NEED
    status: Status = Status.OPEN
    """Computed by the assemble step for the build date; never read from the file directly."""
    days_left: int | None = None
    """Days from the build date to the deadline (0 on the deadline day), for open calls."""

    def closes_at(self, zone: tzinfo) -> datetime | None:
        """The moment the call closes: the deadline's hour, or the end of its day (midnight)."""
        if not self.deadline:
            return None
        if self.deadline_time:
            return datetime.combine(self.deadline, self.deadline_time, zone)
        return datetime.combine(self.deadline + timedelta(days=1), time(0), zone)

    def status_on(self, now: date | datetime) -> Status:
        """An editor's status wins; else upcoming before `opens`, closed from the moment it closes.
        `now` is an aware moment in the board's time zone, or a day (taken at its start)."""
        if self.declared_status:
            return Status(self.declared_status)
        today = now.date() if isinstance(now, datetime) else now
        if self.opens and self.opens > today:
            return Status.UPCOMING
        if isinstance(now, datetime) and now.tzinfo and self.deadline:
            if now >= self.closes_at(now.tzinfo):
                return Status.CLOSED
        elif self.deadline and self.deadline < today:
            return Status.CLOSED
        return Status.OPEN

    @property
    def apply_url(self) -> str:
        """The apply address as a link: a web address as it is, an e-mail address as mailto:."""
        if not self.apply:
            return ""
        return self.apply if self.apply.startswith(("http://", "https://")) else "mailto:" + self.apply


@dataclass(frozen=True, kw_only=True)
class Testbed(Item):
    host: str
    contact: Contact
    location: str | None = None
    available_from: date | None = None
    available_to: date | None = None
    kind: Kind = Kind.TESTBED


@dataclass(frozen=True, kw_only=True)
class Case(Item):
    organisation: str
    completed: date
    need: str | None = None
    partners: tuple[str, ...] = ()
    outcome: str | None = None
    image: str | None = None
    """Path under the board's static/ folder, which is also its path in the site."""
    image_alt: str | None = None
    image_caption: str | None = None
    image_credit: str | None = None
    images: tuple[Figure, ...] = ()
    """The gallery, in the order written."""
    kind: Kind = Kind.CASE


@dataclass(frozen=True, kw_only=True)
class Innovator(Item):
    """A company's own public profile: what it offers (the body) and what it is looking for."""
    contact: Contact  # shown, and published as open data, only when `show_contact` is true
    trl: int | None = None
    location: str | None = None
    looking_for: tuple[str, ...] = ()
    website: str | None = None
    logo: str | None = None  # a path under the board's static/ folder
    logo_alt: str | None = None
    founded: int | None = None
    show_contact: bool = False
    kind: Kind = Kind.INNOVATOR

    @property
    def public_contact(self) -> Contact | None:
        return self.contact if self.show_contact else None  # every page and file asks this


@dataclass(frozen=True)
class Term:
    """A category, tag or organisation, with everything filed under it, in list order."""

    name: str
    slug: str
    needs: tuple[Need, ...] = ()
    testbeds: tuple[Testbed, ...] = ()
    cases: tuple[Case, ...] = ()
    innovators: tuple[Innovator, ...] = ()

    @property
    def count(self) -> int:
        return len(self.needs) + len(self.testbeds) + len(self.cases) + len(self.innovators)

    @property
    def open_needs(self) -> tuple[Need, ...]:
        return tuple(n for n in self.needs if n.status is Status.OPEN)


@dataclass
class Content:
    """Everything the loader read, valid or not, and what it learnt about broken files."""

    needs: list[Need] = field(default_factory=list)
    testbeds: list[Testbed] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    innovators: list[Innovator] = field(default_factory=list)
    unreadable: dict[Kind, set[str]] = field(default_factory=lambda: {kind: set() for kind in Kind})
    """Slugs of files that exist but could not be read: references to them are not 'dangling'."""
    foreign: list[Item] = field(default_factory=list)
    """Items read from the hub's sources (each with its `origin`), in the order of the sources."""
