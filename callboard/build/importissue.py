"""`callboard import-issue`: an innovator's profile from a GitHub issue form, written into the
board only if the board with it passes `callboard check`.

The form is read and the file made in the content layer (`content/issueform.py`). Here the
check runs on a copy of the board's content, settings and static files with the new file in
it, so a profile that would not pass leaves the board untouched.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from callboard.build.pipeline import check
from callboard.build.run import RunOptions
from callboard.content.issueform import Profile, profile_from_issue, write_profile
from callboard.core.diagnostics import Diagnostic

COPIED = ("callboard.toml", "content", "static", "locale")
"""What `check` reads of a board."""


@dataclass(frozen=True)
class Imported:
    profile: Profile
    problems: tuple[Diagnostic, ...]
    """What the check found; the file was written only if none of them is an error."""
    written: Path | None = None


def import_issue(root: Path, body: str, now: datetime | None = None) -> Imported:
    """Read the form (IssueFormError when it cannot become a file), check the board with the
    profile in it, and write the profile only when the check passes."""
    profile = profile_from_issue(body)
    with tempfile.TemporaryDirectory(prefix="callboard-import-") as scratch:
        trial = Path(scratch) / "board"
        trial.mkdir()
        for name in COPIED:
            source = root / name
            if source.is_symlink():
                continue
            if source.is_dir():
                shutil.copytree(source, trial / name, symlinks=True)
            elif source.is_file():
                shutil.copyfile(source, trial / name)
        write_profile(trial, profile)
        result = check(RunOptions(root=trial, now=now, use_cache=False))
    problems = tuple(result.diagnostics.sorted())
    if not result.ok:
        return Imported(profile, problems)
    return Imported(profile, problems, write_profile(root, profile))
