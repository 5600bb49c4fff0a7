"""The board's configuration: `callboard.toml` plus the options of one run, in one frozen object."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timezone
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from callboard.i18n import FIRST_LANGUAGE, BoardTexts, Translator

CONFIG_FILE = "callboard.toml"
COMPLIANCE_LEVELS = ("full", "partial", "none")
ASSESSMENT_METHODS = ("self", "external")


@dataclass(frozen=True)
class Hub:
    """The organisation that runs the board and matches needs to innovators."""

    name: str
    email: str = ""
    url: str = ""


@dataclass(frozen=True)
class Accessibility:
    """What the accessibility statement says: the `[accessibility]` table, shaped after the
    parts that DIGG's model statement requires. Empty values mean "not stated yet"."""

    organisation: str = ""
    """The organisation responsible for the site; defaults to the hub's name."""
    compliance: str = ""
    """'full', 'partial' or 'none' compliance with the law; '' until someone has assessed it."""
    known_problems: tuple[str, ...] = ()
    disproportionate_burden: tuple[str, ...] = ()
    """Content left inaccessible because fixing it would be a disproportionate burden (12 §)."""
    outside_scope: tuple[str, ...] = ()
    """Content the law does not cover (9 §), e.g. old office files."""
    email: str = ""
    """Where to report a problem; defaults to the hub's e-mail."""
    phone: str = ""
    report_url: str = ""
    """A web form for reporting problems, if the organisation has one."""
    response_days: int | None = None
    method: str = ""
    """How the site was assessed: 'self' (own testing) or 'external' (an independent review)."""
    assessor: str = ""
    assessed: date | None = None
    updated: date | None = None
    """When the statement was last revised; defaults to the assessment date."""

    @property
    def has_contact(self) -> bool:
        return bool(self.email or self.phone or self.report_url)


@dataclass(frozen=True)
class OpenData:
    """What the open-data files publish beyond the items themselves."""

    contacts: bool = False
    """Contact persons are personal data: only published in api/ when the board opts in."""
    ocid_prefix: str = "ocds-callboard"
    """Prefix of every OCDS `ocid`; register one with the Open Contracting Partnership."""


SOURCE_KINDS = ("needs", "testbeds", "cases")
"""What a hub may take from another board: the sections of its open data."""


@dataclass(frozen=True)
class BoardSource:
    """Another board whose open data this board (a hub) reads: one `[[sources]]` entry."""

    url: str
    """The board's address, ending in '/'; its `api/board.json` is found under it."""
    organisations: tuple[str, ...] = ()
    """Organisations the hub accepts needs from through this board, beyond those its board.json lists."""
    stale_after_days: int = 7
    """A source not fetched successfully for longer than this, counted to the build date, drops out."""
    take: tuple[str, ...] = ("needs",)
    """Which of SOURCE_KINDS the hub takes from it."""
    line: int = 0
    """The line of its `[[sources]]` in callboard.toml, where its problems are reported."""


@dataclass(frozen=True)
class Fetching:
    """How the build fetches its sources: the `[fetch]` table."""

    timeout_seconds: float = 10.0
    """For connecting and for each read; a source slower than this fails, and its cached copy stands in."""
    max_megabytes: float = 20.0
    """The most one file of a source may weigh; reading stops past it and the file is refused."""
    max_items: int = 5000
    """The most items of one kind a source may send; the rest are left out with a warning."""

    @property
    def max_bytes(self) -> int:
        return int(self.max_megabytes * 1024 * 1024)


HOST_FILES = ("CNAME", "_redirects", "_routes.json", "_worker.js", ".htaccess")
"""Files in a site's root that a static host acts on: redirects, routes, server code, the domain."""


@dataclass(frozen=True)
class Config:
    """Everything a run needs to know besides the content. Built once, never changed."""

    root: Path
    title: str = "Innovationstavlan"
    lang: str = FIRST_LANGUAGE
    base_url: str = ""
    """Absolute URL of the site's root, ending in '/', or '' when unknown."""
    timezone: str = "Europe/Stockholm"
    hub: Hub | None = None
    accessibility: Accessibility = field(default_factory=Accessibility)
    area_served: str = ""
    """Where the board's needs apply (schema.org areaServed), e.g. "Kronobergs län"."""
    open_data: OpenData = field(default_factory=OpenData)
    share_image: str = ""
    """A picture in static/ (e.g. "images/delning.jpg") that sharing previews show for pages
    without a picture of their own; cropped to 1200 x 630."""
    share_image_alt: str = ""
    """What share_image shows, for those who cannot see it."""
    sources: tuple[BoardSource, ...] = ()
    """Other boards whose open data this board gathers (`[[sources]]`): a hub."""
    fetching: Fetching = field(default_factory=Fetching)
    host_files: tuple[str, ...] = ()
    """The host control files (of HOST_FILES) that static/ may publish, e.g. ("CNAME", "_redirects")."""
    today: date = field(default_factory=date.today)
    """The build date: decides which calls are open and which items are published."""
    clock: time = time(0)
    """The build's time of day in the board's time zone, to the minute (00:00 when --now gives a
    date alone): a call that closes at 12:00 is closed in a build made at 12:00 or later."""
    drafts: bool = False
    """Include drafts and items published after `today` (previews only)."""
    texts: tuple[BoardTexts, ...] = ()
    """The board's own wording for some of callboard's texts, from its locale/<lang>.po files."""

    @property
    def base_path(self) -> str:
        """The path part of the base URL ('/' or '/board/'): prefix of every internal link."""
        return urlsplit(self.base_url).path or "/" if self.base_url else "/"

    @property
    def now(self) -> datetime:
        """The build's moment, aware, in the board's time zone."""
        return datetime.combine(self.today, self.clock, ZoneInfo(self.timezone))

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    def translator(self, lang: str = "") -> Translator:
        """Texts, dates and numbers in `lang` (the board's language unless given), the board's
        own texts over callboard's."""
        lang = lang or self.lang
        return Translator(lang, next((texts for texts in self.texts if texts.lang == lang), None))

    def with_options(self, **changes) -> "Config":
        return replace(self, **changes)


def today_in(tz_name: str, environ: dict[str, str] | None = None) -> date:
    """Today's date in the board's time zone; SOURCE_DATE_EPOCH pins it for reproducible builds."""
    return now_in(tz_name, environ).date()


def now_in(tz_name: str, environ: dict[str, str] | None = None) -> datetime:
    """This minute in the board's time zone (naive); SOURCE_DATE_EPOCH pins it for reproducible builds."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = (
        datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        if epoch.isdigit()
        else datetime.now(timezone.utc)
    )
    return moment.astimezone(ZoneInfo(tz_name)).replace(second=0, microsecond=0, tzinfo=None)
