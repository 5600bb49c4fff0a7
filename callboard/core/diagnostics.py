"""Problems found in a board, collected rather than raised, and reported in one place.

Content problems are values, not exceptions: the loader keeps going after the first one so
that an editor sees every mistake in one run, each with the file and line it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path, PurePath
from typing import Iterable


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem: where it is (path relative to the board, 1-based line or 0) and what it is."""

    path: str
    line: int
    severity: Severity
    message: str

    @property
    def where(self) -> str:
        """'content/needs/x.md:4', or only the path when the problem has no line."""
        return f"{self.path}:{self.line}" if self.line else self.path

    def as_text(self) -> str:
        """`path:line: severity: message`; further lines of a message are indented, so that every
        line that starts at the margin is a problem of its own."""
        return f"{self.where}: {self.severity.value}: {self.message}".replace("\n", "\n    ")

    def as_github(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the line in a pull request."""
        command = "error" if self.severity is Severity.ERROR else "warning"
        props = f"file={_escape_property(self.path)}"
        if self.line:
            props += f",line={self.line}"
        return f"::{command} {props}::{_escape_data(self.message)}"


@dataclass
class Diagnostics:
    """An append-only list of problems, shared by the stages of one run."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, path: str | Path, line: int, message: str) -> None:
        self.items.append(Diagnostic(_shown(path), line, Severity.ERROR, message))

    def warning(self, path: str | Path, line: int, message: str) -> None:
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
        return sorted(set(self.items), key=lambda d: (d.path, d.line, d.severity.value, d.message))


def format_diagnostics(diagnostics: Iterable[Diagnostic], style: str = "text") -> str:
    lines = [d.as_github() if style == "github" else d.as_text() for d in diagnostics]
    return "\n".join(lines)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _shown(path: str | Path) -> str:
    """A path as messages show it on every platform: with forward slashes (a Path on Windows
    would print backslashes)."""
    return path.as_posix() if isinstance(path, PurePath) else path
