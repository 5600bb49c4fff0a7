"""Reading `callboard.toml` into a `Config`: every problem at its line, defaults for bad values."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from functools import partial
from pathlib import Path
from typing import Callable, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from callboard.config.model import (
    ASSESSMENT_METHODS,
    COMPLIANCE_LEVELS,
    CONFIG_FILE,
    HOST_FILES,
    Accessibility,
    Config,
    Hub,
    OpenData,
)
from callboard.core.diagnostics import Diagnostics
from callboard.core.fields import (
    Node,
    choice_reader,
    read_bool,
    read_date,
    read_email,
    read_http_url,
    read_phone,
    read_text,
    read_text_list,
    suggest,
)
from callboard.core.text import invisible_character
from callboard.i18n import LANGUAGES, read_board_texts

T = TypeVar("T")
Reader = Callable[[str, Node, Callable[[int, str], None]], object]


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
    lines = _key_lines(text)
    _drop_invisible(data, lines, diagnostics)
    return _ConfigReader(root, data, lines, diagnostics).read()


def _drop_invisible(data: dict, lines: dict[tuple[str, str], int], diagnostics: Diagnostics) -> None:
    """Report each setting whose text holds a control or text-direction character (TOML's
    escapes let `\\u0001` in) at its line, as in content files, and leave it out: the default
    stands in for it."""
    for table, values in [("", data), *((name, value) for name, value in data.items() if isinstance(value, dict))]:
        for key, value in list(values.items()):
            if isinstance(value, dict) and not table:
                continue
            found = next(filter(None, map(invisible_character, _strings(key, value))), None)
            if found:
                line = lines.get((table, key)) or lines.get(("", table), 0)
                diagnostics.error(CONFIG_FILE, line, f"{f'[{table}] ' if table else ''}{key} {found[1]}")
                del values[key]


def _strings(key: str, value: object) -> list[str]:
    """The key and every text in a setting's value, however deeply nested."""
    if isinstance(value, dict):
        return [key, *(text for name, inner in value.items() for text in _strings(name, inner))]
    if isinstance(value, list):
        return [key, *(text for inner in value for text in _strings("", inner))]
    return [key, value] if isinstance(value, str) else [key]


_TOP_KEYS = ("title", "lang", "base_url", "timezone", "area_served", "share_image", "share_image_alt", "host_files",
             "hub", "accessibility", "open_data")
_HUB_KEYS = ("name", "email", "url")
_ACCESSIBILITY_KEYS = tuple(f.name for f in fields(Accessibility))
_OPEN_DATA_KEYS = ("contacts", "ocid_prefix")
_OCID_PREFIX_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")


@dataclass
class _ConfigReader:
    """Reads each key with a field reader of `core/fields.py`, the same readers that read content
    front matter, so that e-mail addresses, URLs, dates, choices and text follow one set of rules.
    TOML has typed dates and booleans already; the readers take those as well as text."""

    root: Path
    data: dict
    lines: dict[tuple[str, str], int]
    diagnostics: Diagnostics

    def line(self, table: str, key: str) -> int:
        """The key's line, else its table's, else 0 (tomllib keeps no positions: see `_key_lines`)."""
        return self.lines.get((table, key)) or self.lines.get(("", table), 0)

    def problem(self, table: str, key: str, message: str, warning: bool = False) -> None:
        report = self.diagnostics.warning if warning else self.diagnostics.error
        report(CONFIG_FILE, self.line(table, key), message)

    def error(self, line: int, message: str) -> None:
        self.diagnostics.error(CONFIG_FILE, line, message)

    def value(self, table: str, data: dict, key: str, read: Reader, default: T) -> T:
        """`data[key]` read by `read`, which reports a wrong value at the key's line; `default`
        when the key is absent, blank (`key = ""` means "not set") or wrong."""
        raw = data.get(key)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return default
        value = read(f"[{table}] {key}" if table else key, _node(raw, self.line(table, key)), self.error)
        return default if value is None else value

    def read(self) -> Config:
        self.warn_unknown("", self.data, _TOP_KEYS)
        defaults = Config(root=self.root)
        tz = self.value("", self.data, "timezone", read_text, defaults.timezone)
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            self.problem("", "timezone", f"timezone '{tz}' is not a known time zone, e.g. Europe/Stockholm")
            tz = defaults.timezone
        base_url = self.value("", self.data, "base_url", read_http_url, "")
        hub = self.hub()
        return Config(
            root=self.root,
            title=self.value("", self.data, "title", read_text, defaults.title),
            lang=self.value("", self.data, "lang", choice_reader(LANGUAGES), defaults.lang),
            base_url=normalise_base_url(base_url) if base_url else "",
            timezone=tz,
            hub=hub,
            accessibility=_AccessibilityReader(self).read(hub),
            area_served=self.value("", self.data, "area_served", read_text, ""),
            share_image=self.share_image(),
            share_image_alt=self.value("", self.data, "share_image_alt", read_text, ""),
            host_files=self.host_files(),
            open_data=self.open_data(),
            texts=read_board_texts(self.root, self.diagnostics),
        )

    def share_image(self) -> str:
        """A path under static/ to a file that is there, with its alt text."""
        image = self.value("", self.data, "share_image", read_text, "").lstrip("/")
        if not image:
            return ""
        static = (self.root / "static").resolve()
        target = (static / image).resolve()
        if not target.is_relative_to(static) or not target.is_file():
            self.problem("", "share_image", f"share_image '{image}' must be a file in static/, e.g. images/delning.jpg")
            return ""
        if not self.data.get("share_image_alt"):
            self.problem("", "share_image", "share_image_alt is required with share_image: describe what the "
                                            "picture shows, for those who cannot see it")
        return target.relative_to(static).as_posix()

    def host_files(self) -> tuple[str, ...]:
        """The host control files static/ may publish: only those a host knows are accepted."""
        named = self.value("", self.data, "host_files", read_text_list, ())
        unknown = [name for name in named if name not in HOST_FILES]
        for name in unknown:
            hint = suggest(name, list(HOST_FILES))
            self.problem("", "host_files", f"host_files: '{name}' is not a host control file; they are "
                                           f"{', '.join(HOST_FILES)}" + (f"; did you mean '{hint}'?" if hint else ""))
        return tuple(sorted(name for name in named if name in HOST_FILES))

    def hub(self) -> Hub | None:
        data = self.data.get("hub")
        if data is None:
            return None
        if not isinstance(data, dict):
            self.problem("", "hub", "'hub' must be a table: [hub] with name, email and url")
            return None
        self.warn_unknown("hub", data, _HUB_KEYS)
        name = self.value("hub", data, "name", read_text, "")
        if not name:
            self.problem("hub", "name", "[hub] needs a name", warning=True)
        return Hub(name=name, email=self.value("hub", data, "email", read_email, ""),
                   url=self.value("hub", data, "url", read_http_url, ""))

    def open_data(self) -> OpenData:
        data = self.data.get("open_data", {})
        defaults = OpenData()
        if not isinstance(data, dict):
            self.problem("", "open_data", "'open_data' must be a table: [open_data] with contacts and ocid_prefix")
            return defaults
        self.warn_unknown("open_data", data, _OPEN_DATA_KEYS)
        contacts = self.value("open_data", data, "contacts", read_bool, defaults.contacts)
        prefix = self.value("open_data", data, "ocid_prefix", read_text, defaults.ocid_prefix)
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
        value = partial(self.config.value, self.table, data)
        statement = Accessibility(
            organisation=value("organisation", read_text, fallback.organisation),
            compliance=value("compliance", choice_reader(COMPLIANCE_LEVELS), ""),
            known_problems=self.texts(data, "known_problems"),
            disproportionate_burden=self.texts(data, "disproportionate_burden"),
            outside_scope=self.texts(data, "outside_scope"),
            email=value("email", read_email, fallback.email),
            phone=value("phone", read_phone, ""),
            report_url=value("report_url", read_http_url, ""),
            response_days=self.days(data, "response_days"),
            method=value("method", choice_reader(ASSESSMENT_METHODS), ""),
            assessor=value("assessor", read_text, ""),
            assessed=value("assessed", read_date, None),
            updated=value("updated", read_date, None),
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

    def texts(self, data: dict, key: str) -> tuple[str, ...]:
        """A TOML list of texts (a single text is refused: the statement lists these)."""
        if not isinstance(data.get(key, []), list):
            self.config.problem(self.table, key, f"'{key}' must be a list of texts, e.g. [\"...\", \"...\"]")
            return ()
        return self.config.value(self.table, data, key, read_text_list, ())

    def days(self, data: dict, key: str) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.config.problem(self.table, key, f"'{key}' must be a whole number of working days, e.g. 5")
            return None
        return value


def _node(value: object, line: int) -> Node:
    """A TOML value as the field readers take it. tomllib keeps no positions, so the parts of a
    list or inline table carry the line of their key."""
    if isinstance(value, list):
        return Node([_node(item, line) for item in value], line)
    if isinstance(value, dict):
        return Node({key: _node(item, line) for key, item in value.items()}, line)
    return Node(value, line)


def check_base_url(value: str) -> str:
    """Why a base URL (`--base-url`) is unusable, or '' when it is fine."""
    problems: list[str] = []
    read_http_url("base_url", Node(value, 0), lambda line, message: problems.append(message))
    return problems[0] if problems else ""


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
