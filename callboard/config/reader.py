"""Reading `callboard.toml` into a `Config`: every problem at its line, defaults for bad values."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from callboard.config.model import (
    ASSESSMENT_METHODS,
    COMPLIANCE_LEVELS,
    CONFIG_FILE,
    LANGUAGES,
    Accessibility,
    Config,
    Hub,
    OpenData,
)
from callboard.core.diagnostics import Diagnostics
from callboard.core.fields import EMAIL_RE, suggest


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


_TOP_KEYS = ("title", "lang", "base_url", "timezone", "area_served", "hub", "accessibility", "open_data")
_HUB_KEYS = ("name", "email", "url")
_ACCESSIBILITY_KEYS = tuple(f.name for f in fields(Accessibility))
_OPEN_DATA_KEYS = ("contacts", "ocid_prefix")
_OCID_PREFIX_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")


@dataclass
class _ConfigReader:
    root: Path
    data: dict
    lines: dict[tuple[str, str], int]
    diagnostics: Diagnostics

    def problem(self, table: str, key: str, message: str, warning: bool = False) -> None:
        line = self.lines.get((table, key)) or self.lines.get(("", table), 0)
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
        hub = self.hub()
        return Config(
            root=self.root,
            title=self.text("", self.data, "title", defaults.title) or defaults.title,
            lang=lang,
            base_url=self.base_url("", self.data.get("base_url", "")),
            timezone=tz,
            hub=hub,
            accessibility=_AccessibilityReader(self).read(hub),
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
        return Hub(name=name, email=self.email("hub", data, "email"), url=self.http_url("hub", data, "url"))

    def http_url(self, table: str, data: dict, key: str) -> str:
        url = self.text(table, data, key, "")
        if url and urlsplit(url).scheme not in ("http", "https"):
            self.problem(table, key, f"{key} '{url}' must start with https://")
            return ""
        return url

    def email(self, table: str, data: dict, key: str) -> str:
        email = self.text(table, data, key, "")
        if email and not EMAIL_RE.match(email):
            self.problem(table, key, f"'{email}' is not a valid e-mail address")
            return ""
        return email

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


@dataclass
class _AccessibilityReader:
    """Reads `[accessibility]`. What is missing is a warning, never an error: the statement page is
    always built, and says plainly what has not been stated yet."""

    config: _ConfigReader
    table: str = "accessibility"

    def warn(self, key: str, message: str) -> None:
        self.config.problem(self.table, key, message, warning=True)

    def read(self, hub: Hub | None) -> Accessibility:
        data = self.config.data.get(self.table)
        fallback = Accessibility(organisation=hub.name if hub else "", email=hub.email if hub else "")
        if data is None:
            self.config.diagnostics.warning(
                CONFIG_FILE, 0, "[accessibility] is missing: the accessibility statement will say that the site "
                "has not been assessed; add organisation, compliance, email, method and assessed (see README)")
            return fallback
        if not isinstance(data, dict):
            self.config.problem("", self.table, "'accessibility' must be a table: [accessibility]")
            return fallback
        self.config.warn_unknown(self.table, data, _ACCESSIBILITY_KEYS)
        statement = Accessibility(
            organisation=self.config.text(self.table, data, "organisation", "") or fallback.organisation,
            compliance=self.choice(data, "compliance", COMPLIANCE_LEVELS),
            known_problems=self.texts(data, "known_problems"),
            disproportionate_burden=self.texts(data, "disproportionate_burden"),
            outside_scope=self.texts(data, "outside_scope"),
            email=self.config.email(self.table, data, "email") or fallback.email,
            phone=self.config.text(self.table, data, "phone", ""),
            report_url=self.config.http_url(self.table, data, "report_url"),
            response_days=self.days(data, "response_days"),
            method=self.choice(data, "method", ASSESSMENT_METHODS),
            assessor=self.config.text(self.table, data, "assessor", ""),
            assessed=self.date(data, "assessed"),
            updated=self.date(data, "updated"),
        )
        self.warn_gaps(data, statement)
        return statement

    def warn_gaps(self, data: dict, statement: Accessibility) -> None:
        """What DIGG's model requires but the table does not say."""
        if not statement.organisation:
            self.warn("organisation", "[accessibility] needs the organisation responsible for the site")
        if "compliance" not in data:
            self.warn("compliance", "[accessibility] needs compliance: full, partial or none")
        if statement.compliance in ("partial", "none") and not statement.known_problems:
            self.warn("compliance", f"compliance is '{statement.compliance}' but known_problems lists none")
        if not statement.has_contact:
            self.warn("email", "[accessibility] needs an email, phone or report_url for reporting problems")
        if "method" not in data:
            self.warn("method", "[accessibility] needs method: self (own testing) or external (a review)")
        if "assessed" not in data:
            self.warn("assessed", "[accessibility] needs assessed: the date of the last assessment")

    def choice(self, data: dict, key: str, allowed: tuple[str, ...]) -> str:
        value = self.config.text(self.table, data, key, "")
        if value and value not in allowed:
            self.config.problem(self.table, key, f"{key} '{value}' is not one of: {', '.join(allowed)}")
            return ""
        return value

    def texts(self, data: dict, key: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.config.problem(self.table, key, f"'{key}' must be a list of texts, e.g. [\"...\", \"...\"]")
            return ()
        return tuple(v.strip() for v in value if v.strip())

    def days(self, data: dict, key: str) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.config.problem(self.table, key, f"'{key}' must be a whole number of working days, e.g. 5")
            return None
        return value

    def date(self, data: dict, key: str) -> date | None:
        value = data.get(key)
        if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
            return value
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.config.problem(self.table, key, f"'{key}' must be a date, e.g. {key} = 2026-11-01")
        return None


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
