"""When each content file was last changed, according to git.

One `git log` call reads the whole board's history, however many files it has: asking git once
per file costs a process per page and makes large boards slow. The answer depends only on the
commits, so the same history always gives the same dates (builds stay reproducible). A board
that is not a git repository, a machine without git, or a file not yet committed simply gets
no date here, and the loader falls back to the item's `published` date.
"""

from __future__ import annotations

import subprocess
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

_RECORD = "\x1e"
"""Starts each commit in the log output; no file name or timestamp contains it."""
GIT_TIMEOUT_SECONDS = 30


def last_changed(root: Path, tz_name: str, folder: str = "content") -> dict[str, date]:
    """Path relative to the board (`content/needs/x.md`) -> day of the last commit that touched it,
    in the board's time zone. Empty when there is no usable git history."""
    command = ["git", "-c", "core.quotepath=off", "-C", str(root), "log", "--no-renames", "--relative",
               f"--format={_RECORD}%ct", "--name-only", "--", folder]
    try:
        completed = subprocess.run(command, capture_output=True, text=True, encoding="utf-8",
                                   errors="replace", timeout=GIT_TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.SubprocessError):
        return {}
    if completed.returncode != 0:
        return {}
    return parse_log(completed.stdout, ZoneInfo(tz_name))


def parse_log(output: str, tz: ZoneInfo) -> dict[str, date]:
    """Read `git log --format=<RS>%ct --name-only` output; the newest commit per file wins."""
    newest: dict[str, int] = {}
    for record in output.split(_RECORD)[1:]:
        stamp, _, names = record.partition("\n")
        if not stamp.strip().isdigit():
            continue
        seconds = int(stamp.strip())
        for name in names.splitlines():
            name = name.strip()
            if name and seconds > newest.get(name, -1):
                newest[name] = seconds
    return {name: datetime.fromtimestamp(seconds, timezone.utc).astimezone(tz).date()
            for name, seconds in newest.items()}


def git_head(root: Path) -> str:
    """The commit the board's history ends at ('' outside git): the dates above depend on nothing else."""
    try:
        completed = subprocess.run(["git", "-C", str(root), "rev-parse", "--quiet", "--verify", "HEAD"],
                                   capture_output=True, text=True, timeout=GIT_TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return completed.stdout.strip() if completed.returncode == 0 else ""
