"""The board's configuration: `callboard.toml` plus the options of one run, in one frozen object."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .diagnostics import Diagnostics
from .fields import EMAIL_RE, suggest

CONFIG_FILE = "callboard.toml"
LANGUAGES = ("sv", "en")


@dataclass(frozen=True)
class Hub:
    """The organisation that runs the board and matches needs to innovators."""

    name: str
    email: str = ""
    url: str = ""


@dataclass(frozen=True)
class OpenData:
    """What the open-data files publish beyond the items themselves."""

    contacts: bool = False
    """Contact persons are personal data: only published in api/ when the board opts in."""
    ocid_prefix: str = "ocds-callboard"
    """Prefix of every OCDS `ocid`; register one with the Open Contracting Partnership."""


@dataclass(frozen=True)
class Config:
    """Everything a run needs to know besides the content. Built once, never changed."""

    root: Path
    title: str = "Innovationstavlan"
    lang: str = "sv"
    base_url: str = ""
    """Absolute URL of the site's root, ending in '/', or '' when unknown."""
    timezone: str = "Europe/Stockholm"
    hub: Hub | None = None
    area_served: str = ""
    """Where the board's needs apply (schema.org areaServed), e.g. "Kronobergs län"."""
    open_data: OpenData = field(default_factory=OpenData)
    today: date = field(default_factory=date.today)
    """The build date: decides which calls are open and which items are published."""
    drafts: bool = False
    """Include drafts and items published after `today` (previews only)."""

    @property
    def base_path(self) -> str:
        """The path part of the base URL ('/' or '/board/'): prefix of every internal link."""
        return urlsplit(self.base_url).path or "/" if self.base_url else "/"

    @property
    def search_url(self) -> str:
        """Path of the search page: sok/ on a Swedish board, search/ on an English one."""
        return "sok/" if self.lang == "sv" else "search/"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    def with_options(self, **changes) -> "Config":
        return replace(self, **changes)


def today_in(tz_name: str, environ: dict[str, str] | None = None) -> date:
    """Today's date in the board's time zone; SOURCE_DATE_EPOCH pins it for reproducible builds."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = (
        datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        if epoch.isdigit()
        else datetime.now(timezone.utc)
    )
    return moment.astimezone(ZoneInfo(tz_name)).date()


def load_config(root: Path, diagnostics: Diagnostics) -> Config:
    """Read `callboard.toml`; problems go to `diagnostics` and defaults stand in for bad values."""
    path = root / CONFIG_FILE
    if not path.is_file():
        diagnostics.error(CONFIG_FILE, 0, "is missing: a board needs a callboard.toml next to content/")
        return Config(root=root)
    text = path.read_text(encoding="utf-8-sig")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        diagnostics.error(CONFIG_FILE, int(match.group(1)) if match else 0, f"is not valid TOML: {exc}")
        return Config(root=root)
    return _ConfigReader(root, data, _key_lines(text), diagnostics).read()


_TOP_KEYS = ("title", "lang", "base_url", "timezone", "area_served", "hub", "open_data")
_HUB_KEYS = ("name", "email", "url")
_OPEN_DATA_KEYS = ("contacts", "ocid_prefix")
_OCID_PREFIX_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")


@dataclass
class _ConfigReader:
    root: Path
    data: dict
    lines: dict[tuple[str, str], int]
    diagnostics: Diagnostics

    def problem(self, table: str, key: str, message: str, warning: bool = False) -> None:
        line = self.lines.get((table, key), 0)
        report = self.diagnostics.warning if warning else self.diagnostics.error
        report(CONFIG_FILE, line, message)

    def text(self, table: str, data: dict, key: str, default: str) -> str:
        value = data.get(key, default)
        if not isinstance(value, str):
            self.problem(table, key, f"'{key}' must be text in quotes")
            return default
        return value.strip()

    def read(self) -> Config:
        self.warn_unknown("", self.data, _TOP_KEYS)
        defaults = Config(root=self.root)
        lang = self.text("", self.data, "lang", defaults.lang)
        if lang not in LANGUAGES:
            self.problem("", "lang", f"lang '{lang}' is not supported; use one of: {', '.join(LANGUAGES)}")
            lang = defaults.lang
        tz = self.text("", self.data, "timezone", defaults.timezone)
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            self.problem("", "timezone", f"timezone '{tz}' is not a known time zone, e.g. Europe/Stockholm")
            tz = defaults.timezone
        return Config(
            root=self.root,
            title=self.text("", self.data, "title", defaults.title) or defaults.title,
            lang=lang,
            base_url=self.base_url("", self.data.get("base_url", "")),
            timezone=tz,
            hub=self.hub(),
            area_served=self.text("", self.data, "area_served", ""),
            open_data=self.open_data(),
        )

    def base_url(self, table: str, value: object) -> str:
        if value == "":
            return ""
        problem = check_base_url(value)
        if problem:
            self.problem(table, "base_url", problem)
            return ""
        return normalise_base_url(str(value))

    def hub(self) -> Hub | None:
        data = self.data.get("hub")
        if data is None:
            return None
        if not isinstance(data, dict):
            self.problem("", "hub", "'hub' must be a table: [hub] with name, email and url")
            return None
        self.warn_unknown("hub", data, _HUB_KEYS)
        name = self.text("hub", data, "name", "")
        if not name:
            self.problem("hub", "name", "[hub] needs a name", warning=True)
        email = self.text("hub", data, "email", "")
        if email and not EMAIL_RE.match(email):
            self.problem("hub", "email", f"'{email}' is not a valid e-mail address")
            email = ""
        url = self.text("hub", data, "url", "")
        if url and urlsplit(url).scheme not in ("http", "https"):
            self.problem("hub", "url", f"hub url '{url}' must start with https://")
            url = ""
        return Hub(name=name, email=email, url=url)

    def open_data(self) -> OpenData:
        data = self.data.get("open_data", {})
        defaults = OpenData()
        if not isinstance(data, dict):
            self.problem("", "open_data", "'open_data' must be a table: [open_data] with contacts and ocid_prefix")
            return defaults
        self.warn_unknown("open_data", data, _OPEN_DATA_KEYS)
        contacts = data.get("contacts", defaults.contacts)
        if not isinstance(contacts, bool):
            self.problem("open_data", "contacts", "[open_data] contacts must be true or false")
            contacts = defaults.contacts
        prefix = self.text("open_data", data, "ocid_prefix", defaults.ocid_prefix)
        if not _OCID_PREFIX_RE.match(prefix):
            self.problem("open_data", "ocid_prefix",
                         f"ocid_prefix '{prefix}' may only hold letters, digits and hyphens, e.g. ocds-a1b2c3")
            prefix = defaults.ocid_prefix
        return OpenData(contacts=contacts, ocid_prefix=prefix)

    def warn_unknown(self, table: str, data: dict, known: tuple[str, ...]) -> None:
        for key in data:
            if key not in known:
                hint = suggest(key, known)
                where = f"[{table}] " if table else ""
                message = f"unknown key {where}'{key}' is ignored"
                self.problem(table, key, message + (f"; did you mean '{hint}'?" if hint else ""), warning=True)


def check_base_url(value: object) -> str:
    """Why a base URL is unusable, or '' when it is fine."""
    if not isinstance(value, str):
        return "base_url must be text in quotes, e.g. \"https://example.org/\""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"base_url '{value}' must be an absolute http(s) URL, e.g. https://example.org/"
    return ""


def normalise_base_url(value: str) -> str:
    return value if value.endswith("/") else value + "/"


_TABLE_RE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]")
_KEY_RE = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


def _key_lines(text: str) -> dict[tuple[str, str], int]:
    """Line of each `key =` per table: tomllib keeps no positions, and errors should name one."""
    lines: dict[tuple[str, str], int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if match := _TABLE_RE.match(line):
            table = match.group(1)
            lines.setdefault(("", table), number)
        elif match := _KEY_RE.match(line):
            lines.setdefault((table, match.group(1)), number)
    return lines
