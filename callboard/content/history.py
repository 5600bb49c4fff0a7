"""The board's git history, read with two processes however large the board is: one
`git log --raw` lists every commit with the blob id of each content file it changed (which
also gives each file's last-changed date), and one `git cat-file --batch` reads the blobs the
change lists need (`changelog.py`). Asking git once per file or per commit costs a process
per page and makes large boards slow.

Everything here depends only on the commits, so the same history always gives the same
answer (builds stay reproducible). A board that is not a git repository, a machine without
git, or a file not yet committed has no history here: no error, nothing shown. A shallow clone
has the commits it has.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

_RECORD = "\x1e"
"""Starts each commit in the log output; no file name or timestamp contains it."""
GIT_TIMEOUT_SECONDS = 30
_DELETED = "0" * 40


@dataclass(frozen=True)
class Version:
    """A file as one commit left it."""

    seconds: int
    """The commit's time, Unix seconds."""
    blob: str
    """The file's blob id in that commit; '' when the commit deleted it."""
    status: str
    """git's letter for what the commit did to the file: A (added), M (modified), D (deleted)..."""


@dataclass(frozen=True)
class History:
    """Every content file's versions, oldest first, by path relative to the board."""

    versions: dict[str, tuple[Version, ...]] = field(default_factory=dict)
    root: Path | None = None

    def last_changed(self, tz_name: str) -> dict[str, date]:
        """Path -> day of the newest commit that touched it, in the board's time zone."""
        tz = ZoneInfo(tz_name)
        return {path: day_of(versions[-1].seconds, tz) for path, versions in self.versions.items() if versions}


def last_changed(root: Path, tz_name: str, folder: str = "content") -> dict[str, date]:
    """Path relative to the board (`content/needs/x.md`) -> day of the last commit that touched it,
    in the board's time zone. Empty when there is no usable git history."""
    return read_history(root, folder).last_changed(tz_name)


def day_of(seconds: int, tz: ZoneInfo) -> date:
    return datetime.fromtimestamp(seconds, timezone.utc).astimezone(tz).date()


def read_history(root: Path, folder: str = "content") -> History:
    """The history of every file under `folder`; empty when there is no usable git history."""
    command = ["git", "-c", "core.quotepath=off", "-C", str(root), "log", "--no-renames", "--relative", "--raw",
               "--no-abbrev", f"--format={_RECORD}%ct", "--", folder]
    output = _run(command)
    return History(parse_raw_log(output), root) if output is not None else History()


def parse_raw_log(output: str) -> dict[str, tuple[Version, ...]]:
    """Read `git log --raw --no-abbrev --format=<RS>%ct` output (newest commit first) into each
    path's versions, oldest first. Lines that are not what they should be are skipped."""
    found: dict[str, list[Version]] = {}
    for record in output.split(_RECORD)[1:]:
        stamp, _, changes = record.partition("\n")
        if not stamp.strip().isdigit():
            continue
        seconds = int(stamp.strip())
        for line in changes.splitlines():
            meta, tab, path = line.partition("\t")
            parts = meta.split()
            if not tab or len(parts) != 5 or not line.startswith(":"):
                continue
            blob, status = parts[3], parts[4][:1]
            found.setdefault(path, []).append(Version(seconds, "" if blob == _DELETED else blob, status))
    return {path: tuple(sorted(reversed(versions), key=lambda v: v.seconds)) for path, versions in found.items()}


def read_blobs(root: Path, blobs: list[str]) -> dict[str, bytes]:
    """The bytes of each blob, read by one `git cat-file --batch`; a blob git cannot give is left out."""
    if not blobs:
        return {}
    command = ["git", "-C", str(root), "cat-file", "--batch"]
    try:
        completed = subprocess.run(command, input="".join(f"{blob}\n" for blob in blobs).encode(),
                                   capture_output=True, timeout=GIT_TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.SubprocessError):
        return {}
    return parse_batch(completed.stdout) if completed.returncode == 0 else {}


def parse_batch(output: bytes) -> dict[str, bytes]:
    """Read `git cat-file --batch` output: '<id> <type> <size>\\n<bytes>\\n' per object, or
    '<id> missing\\n' for one it does not have."""
    found = {}
    position = 0
    while position < len(output):
        end = output.find(b"\n", position)
        if end < 0:
            break
        header = output[position:end].split()
        position = end + 1
        if len(header) != 3 or not header[2].isdigit():
            continue
        size = int(header[2])
        found[header[0].decode("ascii", "replace")] = output[position:position + size]
        position += size + 1
    return found


def _run(command: list[str]) -> str | None:
    try:
        completed = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace",
                                   timeout=GIT_TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return completed.stdout if completed.returncode == 0 else None


def git_head(root: Path) -> str:
    """The commit the board's history ends at ('' outside git): the history depends on nothing else."""
    try:
        completed = subprocess.run(["git", "-C", str(root), "rev-parse", "--quiet", "--verify", "HEAD"],
                                   capture_output=True, text=True, timeout=GIT_TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return completed.stdout.strip() if completed.returncode == 0 else ""
