"""Folders a running process claims, so that another one tidying up leftovers leaves them alone.

A build writes the next site into a temporary folder beside the output, and a build killed
before its swap leaves that folder behind for the next build to remove. But not every build
that may be writing beside the same output holds the board's lock (`--no-cache` does not, nor
a build of another board given the same `--out`), so "not locked" is no proof that a folder
is stale. Each such folder is therefore claimed with an advisory lock (`flock`) on the folder
itself, held through an open descriptor: the operating system lets go of it when the process
ends, however it ends, so a folder that nobody claims belongs to no running build.

Where there is no `flock` (Windows) a claim is only a name: there the board's lock alone keeps
builds apart, and Windows itself refuses to remove a folder while a program has a file in it open.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from callboard.core.safefiles import remove_path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

STAGING_PREFIX = ".callboard-claiming-"


@dataclass
class Claim:
    """A folder this process claims until `release` (or until the process ends)."""

    path: Path
    descriptor: int | None

    def release(self) -> None:
        if self.descriptor is not None:
            os.close(self.descriptor)  # closing the last descriptor lets go of the lock
            self.descriptor = None


def _lock(folder: Path) -> int | None:
    """An open descriptor of `folder` holding its lock, or None when another process holds it."""
    if fcntl is None:
        return -1
    descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0))
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        return None
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def claim_existing(folder: Path) -> Claim | None:
    """Claim a folder that already exists; None when a running process claims it."""
    descriptor = _lock(folder)
    if descriptor is None:
        return None
    return Claim(folder, None if descriptor == -1 else descriptor)


def claim_new_folder(parent: Path, prefix: str) -> Claim:
    """A new, empty folder in `parent` whose name starts with `prefix`, claimed before it
    carries that name: it is made under a staging name, locked, then renamed to a name of 64
    random bits that no folder has (the lock belongs to the folder, not to its name). A tidying
    process may remove an unclaimed staging folder at any moment: then this tries again."""
    while True:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=parent))
        try:
            descriptor = _lock(staging)
        except FileNotFoundError:
            continue
        if descriptor is None:
            continue
        final = parent / f"{prefix}{secrets.token_hex(8)}"
        try:
            os.rename(staging, final)
        except FileNotFoundError:
            if descriptor != -1:
                os.close(descriptor)
            continue
        return Claim(final, None if descriptor == -1 else descriptor)


@contextmanager
def claimed_folder(parent: Path, prefix: str) -> Iterator[Path]:
    """A claimed new folder (`claim_new_folder`) for the length of a `with` block, removed after it."""
    claim = claim_new_folder(parent, prefix)
    try:
        yield claim.path
    finally:
        shutil.rmtree(claim.path, ignore_errors=True)
        claim.release()


def claimed_elsewhere(folder: Path) -> bool:
    """Whether a running process (this one included, through another claim) claims `folder`."""
    try:
        claim = claim_existing(folder)
    except OSError:
        return False  # gone, or not a folder: nothing to protect
    if claim is None:
        return True
    claim.release()
    return False


def remove_unclaimed(path: Path) -> bool:
    """Remove a leftover folder unless a running process claims it (a link or a file is simply
    removed); True when it is gone. The folder is removed while this process holds its claim."""
    if path.is_symlink() or not path.is_dir():
        remove_path(path)
        return True
    try:
        claim = claim_existing(path)
    except FileNotFoundError:
        return True
    if claim is None:
        return False
    try:
        remove_path(path)
    finally:
        claim.release()
    return True


def remove_unclaimed_staging(parent: Path) -> None:
    """Staging folders (`claim_new_folder`) of processes killed in the moment before they named
    them: empty, and removed only when nobody claims them."""
    for staging in parent.glob(f"{STAGING_PREFIX}*"):
        try:
            claim = claim_existing(staging)
        except OSError:
            continue
        if claim is not None:
            try:
                staging.rmdir()
            except OSError:
                pass
            finally:
                claim.release()
