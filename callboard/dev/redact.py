"""File-system paths out of the texts the dev server shows in the browser.

The terminal shows every problem in full. The page shows it too, in the overlay and on the
error page, where a script of the board under review can read it: there a problem names files
relative to the board only. Messages may still hold absolute paths (an OSError's file name, an
exception's text): a path inside the board becomes board-relative, and any other path on this
machine (the temporary build folder, the home folder) is cut to its last component.

What counts as a path on this machine: text from a `/` (not part of a word or a URL's host)
whose first segment is an entry of the file system's root, such as `/tmp/…` or `/home/…`, or
a Windows drive path. A site path in a message, such as a broken link to `/needs/x/`, does not
start with such an entry and stays as it is.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from callboard.core.diagnostics import Diagnostic, Severity, Writer, say

PLACEHOLDER = "…"
USUAL_ROOT_ENTRIES = frozenset({
    "bin", "boot", "dev", "etc", "home", "lib", "media", "mnt", "nix", "opt", "private", "proc",
    "root", "run", "sbin", "snap", "srv", "sys", "tmp", "usr", "var", "Applications", "Library",
    "System", "Users", "Volumes",
})
"""Entries of the root on Linux and macOS, for when the root cannot be listed."""

_PATH_CHARS = r"[^\s'\"`<>()\[\]{},;|]"
_ABSOLUTE = re.compile(rf"(?<![\w.~/\\-])(?:/{_PATH_CHARS}+|[A-Za-z]:[\\/]{_PATH_CHARS}*)")
_END_OF_PATH = r"(?=$|[\s'\"`<>()\[\]{},;|:]|\.(?:$|\s))"
_SEPARATORS = re.compile(r"[\\/]+")


def root_entries() -> frozenset[str]:
    """The names in this machine's file system root, and the usual ones."""
    try:
        return USUAL_ROOT_ENTRIES | frozenset(os.listdir(os.sep))
    except OSError:
        return USUAL_ROOT_ENTRIES


@dataclass(frozen=True)
class ShownProblem:
    """A problem as the browser gets it: written out in the board's language, without paths."""

    where: str
    severity: str
    """`error` or `warning`, for the overlay's styles."""
    label: str
    """The severity in the board's language."""
    message: str


class PathRedactor:
    """Rewrites the absolute paths in texts bound for the browser."""

    def __init__(self, board: Path, entries: Iterable[str] = USUAL_ROOT_ENTRIES, home: Path | None = None):
        forms = sorted({str(board), str(board.resolve())}, key=len, reverse=True)
        self._board = re.compile(f"(?:{'|'.join(re.escape(form) for form in forms)})(?:[\\\\/]|{_END_OF_PATH})")
        self._entries = frozenset(entries)
        self._home = str(home) if home is not None else None

    def text(self, text: str) -> str:
        relative = self._board.sub(lambda match: "" if match.group().endswith(("/", "\\")) else ".", text)
        return _ABSOLUTE.sub(self._shorten, relative)

    def diagnostic(self, problem: Diagnostic, write: Writer) -> ShownProblem:
        """The problem written out by `write`, then redacted: a path can hide in any of its values."""
        label = write(say("severity_error") if problem.severity is Severity.ERROR else say("severity_warning"))
        where = f"{self.text(problem.path)}:{problem.line}" if problem.line else self.text(problem.path)
        return ShownProblem(where, problem.severity.value, label, self.text(write(problem.message)))

    def _shorten(self, match: re.Match) -> str:
        path = match.group()
        segments = [segment for segment in _SEPARATORS.split(path) if segment]
        drive = path[1:2] == ":"
        if not drive and not (segments and segments[0] in self._entries):
            return path
        if drive:
            segments = segments[1:]
        if not segments or path.rstrip("/\\") == self._home:
            return PLACEHOLDER
        return f"{PLACEHOLDER}/{segments[-1]}"
