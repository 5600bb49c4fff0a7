"""Reading `callboard.toml` into a `Config`: every problem at its line, defaults for bad values."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from functools import partial
from pathlib import Path
from typing import Callable, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from callboard.config.sources import read_board_sources, read_fetching
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
from callboard.core.diagnostics import Diagnostics, Message, say
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
from callboard.i18n import FIRST_LANGUAGE, LANGUAGES, Translator, read_board_texts

T = TypeVar("T")
Reader = Callable[[str, Node, Callable[[int, Message], None]], object]


def load_config(root: Path, diagnostics: Diagnostics) -> Config:
    """Read `callboard.toml`; problems go to `diagnostics` and defaults stand in for bad values."""
    path = root / CONFIG_FILE
    if not path.is_file():
        diagnostics.error(CONFIG_FILE, 0, say("config_missing"))
        return Config(root=root)
    text = path.read_text(encoding="utf-8-sig")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        diagnostics.error(CONFIG_FILE, int(match.group(1)) if match else 0, say("config_invalid_toml", reason=str(exc)))
        return Config(root=root, lang=named_language(text))
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
                name = "[" + table + "] " + key if table else key
                diagnostics.error(CONFIG_FILE, line, say("setting_problem", name=name, problem=found[1]))
                del values[key]


def _strings(key: str, value: object) -> list[str]:
    """The key and every text in a setting's value, however deeply nested."""
    if isinstance(value, dict):
        return [key, *(text for name, inner in value.items() for text in _strings(name, inner))]
    if isinstance(value, list):
        return [key, *(text for inner in value for text in _strings("", inner))]
    return [key, value] if isinstance(value, str) else [key]


_TOP_KEYS = ("title", "lang", "base_url", "timezone", "area_served", "share_image", "share_image_alt", "host_files",
             "hub", "accessibility", "open_data", "sources", "fetch")
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

    def problem(self, table: str, key: str, message: Message, warning: bool = False) -> None:
        report = self.diagnostics.warning if warning else self.diagnostics.error
        report(CONFIG_FILE, self.line(table, key), message)

    def error(self, line: int, message: Message) -> None:
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
            self.problem("", "timezone", say("config_unknown_timezone", value=tz))
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
            sources=read_board_sources(self),
            fetching=read_fetching(self),
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
            self.problem("", "share_image", say("config_share_image_missing", image=image))
            return ""
        if not self.data.get("share_image_alt"):
            self.problem("", "share_image", say("field_requires_other", name="share_image", other="share_image_alt",
                                                why=say("requires_image_alt")))
        return target.relative_to(static).as_posix()

    def host_files(self) -> tuple[str, ...]:
        """The host control files static/ may publish: only those a host knows are accepted."""
        named = self.value("", self.data, "host_files", read_text_list, ())
        unknown = [name for name in named if name not in HOST_FILES]
        for name in unknown:
            hint = suggest(name, list(HOST_FILES))
            known = ", ".join(HOST_FILES)
            self.problem("", "host_files", say("config_not_a_host_file_hint", name=name, known=known, hint=hint) if hint
                         else say("config_not_a_host_file", name=name, known=known))
        return tuple(sorted(name for name in named if name in HOST_FILES))

    def hub(self) -> Hub | None:
        data = self.data.get("hub")
        if data is None:
            return None
        if not isinstance(data, dict):
            self.problem("", "hub", say("config_hub_not_a_table"))
            return None
        self.warn_unknown("hub", data, _HUB_KEYS)
        name = self.value("hub", data, "name", read_text, "")
        if not name:
            self.problem("hub", "name", say("config_hub_needs_name"), warning=True)
        return Hub(name=name, email=self.value("hub", data, "email", read_email, ""),
                   url=self.value("hub", data, "url", read_http_url, ""))

    def open_data(self) -> OpenData:
        data = self.data.get("open_data", {})
        defaults = OpenData()
        if not isinstance(data, dict):
            self.problem("", "open_data", say("config_open_data_not_a_table"))
            return defaults
        self.warn_unknown("open_data", data, _OPEN_DATA_KEYS)
        contacts = self.value("open_data", data, "contacts", read_bool, defaults.contacts)
        prefix = self.value("open_data", data, "ocid_prefix", read_text, defaults.ocid_prefix)
        if not _OCID_PREFIX_RE.match(prefix):
            self.problem("open_data", "ocid_prefix", say("config_bad_ocid_prefix", value=prefix))
            prefix = defaults.ocid_prefix
        return OpenData(contacts=contacts, ocid_prefix=prefix)

    def warn_unknown(self, table: str, data: dict, known: tuple[str, ...]) -> None:
        for key in data:
            if key not in known:
                hint = suggest(key, known)
                name = f"[{table}] '{key}'" if table else f"'{key}'"
                self.problem(table, key, say("config_unknown_key_hint", name=name, hint=hint) if hint
                             else say("config_unknown_key", name=name), warning=True)


@dataclass
class _AccessibilityReader:
    """Reads `[accessibility]`. What is missing is a warning, never an error: the statement page is
    always built, and says plainly what has not been stated yet."""

    config: _ConfigReader
    table: str = "accessibility"

    def warn(self, key: str, message: Message) -> None:
        self.config.problem(self.table, key, message, warning=True)

    def read(self, hub: Hub | None) -> Accessibility:
        data = self.config.data.get(self.table)
        fallback = Accessibility(organisation=hub.name if hub else "", email=hub.email if hub else "")
        if data is None:
            self.config.diagnostics.warning(CONFIG_FILE, 0, say("config_accessibility_missing"))
            return fallback
        if not isinstance(data, dict):
            self.config.problem("", self.table, say("config_accessibility_not_a_table"))
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
            self.warn("organisation", say("config_accessibility_needs_organisation"))
        if "compliance" not in data:
            self.warn("compliance", say("config_accessibility_needs_compliance"))
        if statement.compliance in ("partial", "none") and not statement.known_problems:
            self.warn("compliance", say("config_accessibility_no_known_problems", value=statement.compliance))
        if not statement.has_contact:
            self.warn("email", say("config_accessibility_needs_contact"))
        if "method" not in data:
            self.warn("method", say("config_accessibility_needs_method"))
        if "assessed" not in data:
            self.warn("assessed", say("config_accessibility_needs_assessed"))

    def texts(self, data: dict, key: str) -> tuple[str, ...]:
        """A TOML list of texts (a single text is refused: the statement lists these)."""
        if not isinstance(data.get(key, []), list):
            self.config.problem(self.table, key, say("config_must_be_text_list", name=key))
            return ()
        return self.config.value(self.table, data, key, read_text_list, ())

    def days(self, data: dict, key: str) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.config.problem(self.table, key, say("config_must_be_days", name=key))
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


def board_translator(root: Path) -> Translator:
    """The board's language and own wording, for what is said outside a build (`new`, `serve`,
    a refused option): callboard.toml's problems themselves are left to `check`."""
    return load_config(root, Diagnostics()).translator()


def check_base_url(value: str) -> Message | None:
    """Why a base URL (`--base-url`) is unusable, or None when it is fine."""
    problems: list[Message] = []
    read_http_url("base_url", Node(value, 0), lambda line, message: problems.append(message))
    return problems[0] if problems else None


_LANG_RE = re.compile(r"""^\s*lang\s*=\s*["']([A-Za-z-]+)["']\s*(?:#.*)?$""", re.M)


def named_language(text: str) -> str:
    """The language a callboard.toml names, read from its `lang = "..."` line alone, for a file
    that is not valid TOML: its problems are then told in the board's language all the same.
    The first language when no line names one callboard has."""
    match = _LANG_RE.search(text.split("\n[", 1)[0])
    return match.group(1) if match and match.group(1) in LANGUAGES else FIRST_LANGUAGE


def normalise_base_url(value: str) -> str:
    return value if value.endswith("/") else value + "/"


_TABLE_RE = re.compile(r"^\s*\[(\[?)\s*([A-Za-z0-9_.-]+)\s*\]")
_KEY_RE = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


def _key_lines(text: str) -> dict[tuple[str, str], int]:
    """Line of each `key =` per table: tomllib keeps no positions, and errors should name one.
    The N-th `[[name]]` of an array of tables is the table "name.N", counted from 0."""
    lines: dict[tuple[str, str], int] = {}
    arrays: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if match := _TABLE_RE.match(line):
            table = match.group(2)
            if match.group(1):
                arrays[table] = arrays.get(table, -1) + 1
                table = f"{table}.{arrays[table]}"
            lines.setdefault(("", table), number)
        elif match := _KEY_RE.match(line):
            lines.setdefault((table, match.group(1)), number)
    return lines
