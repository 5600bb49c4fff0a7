"""Problems found in a board, collected rather than raised, and reported in one place.

Content problems are values, not exceptions: the loader keeps going after the first one so
that an editor sees every mistake in one run, each with the file and line it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path, PurePath
from typing import Callable, Iterable, Union


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


MessageValue = Union[str, int, "Message"]


@dataclass(frozen=True)
class Message:
    """What a problem says, kept as a catalog key and its values until it is written out in the
    reader's language (`Translator.message` in callboard.i18n): the same check speaks Swedish on
    a Swedish board and English on an English one. A value may be a Message itself, a described
    value inside a sentence ("the date 2026-01-01"); `count` picks a plural form of `key`/`plural`."""

    key: str
    values: tuple[tuple[str, MessageValue], ...] = ()
    plural: str = ""
    count: int | None = None

    def as_document(self) -> dict:
        """A JSON-ready form, for a cached build's replayed warnings."""
        document: dict = {"key": self.key, "values": {name: value.as_document() if isinstance(value, Message) else value
                                                      for name, value in self.values}}
        if self.plural:
            document.update(plural=self.plural, count=self.count)
        return document

    @classmethod
    def from_document(cls, document: dict) -> "Message":
        values = tuple((str(name), cls.from_document(value) if isinstance(value, dict) else _plain(value))
                       for name, value in document["values"].items())
        count = document.get("count")
        return cls(str(document["key"]), values, str(document.get("plural", "")), None if count is None else int(count))


def say(key: str, /, **values: MessageValue) -> Message:
    """A message: `say("field_must_be_text", name="title", value=describe(node))`. The key must be
    written out at the call (not built at run time) so that `pybabel extract` finds it."""
    return Message(key, tuple(sorted(values.items())))


def say_n(key: str, plural: str, count: int, /, **values: MessageValue) -> Message:
    """A message with a count, in the plural form the reader's language picks for `count`."""
    return Message(key, tuple(sorted(values.items())), plural, count)


def _plain(value: object) -> str | int:
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise TypeError(f"a message value must be text or a number, not {type(value).__name__}")
    return value


Writer = Callable[[Message], str]
"""Writes a message out in one language: a `Translator`'s `message` method."""


class MessageError(Exception):
    """A refusal whose text reaches the person running callboard (a wrong option, a folder it
    will not write to): it carries a Message, written out in the board's language where it is
    printed."""

    def __init__(self, message: Message):
        super().__init__(message.key)
        self.message = message


@dataclass(frozen=True)
class Diagnostic:
    """One problem: where it is (path relative to the board, 1-based line or 0) and what it is."""

    path: str
    line: int
    severity: Severity
    message: Message

    @property
    def where(self) -> str:
        """'content/needs/x.md:4', or only the path when the problem has no line."""
        return f"{self.path}:{self.line}" if self.line else self.path

    def as_text(self, write: Writer) -> str:
        """`path:line: severity: message`; further lines of a message are indented, so that every
        line that starts at the margin is a problem of its own. The severity word is written
        in the message's language too (`severity_error`, `severity_warning`)."""
        severity = write(say("severity_error") if self.severity is Severity.ERROR else say("severity_warning"))
        return f"{self.where}: {severity}: {write(self.message)}".replace("\n", "\n    ")

    def as_github(self, write: Writer) -> str:
        """A GitHub Actions workflow command, so the problem shows on the line in a pull request."""
        command = "error" if self.severity is Severity.ERROR else "warning"
        props = f"file={_escape_property(self.path)}"
        if self.line:
            props += f",line={self.line}"
        return f"::{command} {props}::{_escape_data(write(self.message))}"


@dataclass
class Diagnostics:
    """An append-only list of problems, shared by the stages of one run."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, path: str | Path, line: int, message: Message) -> None:
        self.items.append(Diagnostic(_shown(path), line, Severity.ERROR, message))

    def warning(self, path: str | Path, line: int, message: Message) -> None:
        self.items.append(Diagnostic(_shown(path), line, Severity.WARNING, message))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    def has_errors(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))

    def sorted(self) -> list[Diagnostic]:
        """Stable order for output: by file, then line, errors before warnings at the same line."""
        return sorted(set(self.items), key=lambda d: (d.path, d.line, d.severity.value, repr(d.message)))


def format_diagnostics(diagnostics: Iterable[Diagnostic], write: Writer, style: str = "text") -> str:
    lines = [d.as_github(write) if style == "github" else d.as_text(write) for d in diagnostics]
    return "\n".join(lines)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _shown(path: str | Path) -> str:
    """A path as messages show it on every platform: with forward slashes (a Path on Windows
    would print backslashes)."""
    return path.as_posix() if isinstance(path, PurePath) else path
