"""Stage 4: publish the output folder so that it is always either the old site or the new one.

New files never go into the live folder. They go into a folder beside it, which is then
exchanged with the live one in a single call (renameat2 RENAME_EXCHANGE on Linux, renamex_np
RENAME_SWAP on macOS). Where there is no such call (Windows, and file systems without it) the
swap is three steps, `swap_by_renames`, and the next build finishes or undoes a swap that a
killed build left half done (`recover_swap`). A build that fails or is killed leaves the live
site exactly as it was, or, killed after the new folder went live, the new site whole.

To keep incremental builds fast, the folder that was swapped out is kept as a *spare*
(`.<out>.callboard-spare`). The next build brings the spare up to date, writing only pages
that differ and hard-linking unchanged ones from the live folder, and swaps again. A marker
file in the spare records which manifest it holds; a spare without a marker (a killed build)
is thrown away and the next build starts from an empty folder.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from callboard.core.claims import Claim, claim_existing, claim_new_folder, claimed_elsewhere, remove_unclaimed
from callboard.core.claims import remove_unclaimed_staging
from callboard.core.diagnostics import MessageError, say
from callboard.core.safefiles import open_nofollow, refuse_link

_RENAME_EXCHANGE = 2
_RENAME_SWAP = 2
_AT_FDCWD = -100
RENAME_ATTEMPTS = 6
"""On Windows a virus scanner or the search indexer may hold a file of the site for a moment,
and a folder with an open file cannot be renamed: the swap tries again for about three seconds."""
TEMP_MARK = ".callboard-tmp-"
SPARE_SUFFIX = ".callboard-spare"
SPARE_MARKER = ".callboard-spare.json"

Manifest = dict[str, str]
"""Output path -> content hash of every file in an output folder."""
FileWriter = Callable[[Path, str, bytes], str]
"""Writes bytes to a path under a folder and returns their content hash (`write_file`)."""
Exchange = Callable[[Path, Path], bool]
"""Swaps two folders in one step, or returns False where it cannot (`exchange_folders`)."""
Rename = Callable[[Path, Path], None]
"""Renames a folder (`os.rename`); a test passes one that stops at a chosen step, as a kill would."""


class OutputError(MessageError):
    """An output folder that must not be written (it would overwrite the board itself)."""


def default_output(root: Path) -> Path:
    """The board's `site/` folder, refused when it is a symbolic link: one committed to the
    repository would make the build replace (and then delete) whatever folder it points at."""
    site = root / "site"
    if site.is_symlink():
        raise OutputError(say("output_is_symlink", folder=str(site), target=os.readlink(site)))
    return site.resolve()


def check_output_dir(out: Path, root: Path) -> None:
    """Refuse an output folder that is the board, contains it, or lies inside its sources."""
    out, root = out.resolve(), root.resolve()
    if out == root or root.is_relative_to(out):
        raise OutputError(say("output_contains_board", folder=str(out)))
    for source in ("content", "templates", "static"):
        if out.is_relative_to(root / source):
            raise OutputError(say("output_inside_sources", folder=str(out), source=source + "/"))


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def manifest_id(manifest: Manifest) -> str:
    return content_hash(json.dumps(manifest, sort_keys=True).encode())


def write_file(folder: Path, path: str, data: bytes) -> str:
    """Write one file under `folder` through a new inode (never into a hard-linked one)."""
    target = folder / path
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}{TEMP_MARK}{os.getpid()}")
    with os.fdopen(open_nofollow(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), "wb") as handle:
        handle.write(data)
    os.replace(temporary, target)
    return content_hash(data)


def exchange_folders(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (renameat2 on Linux, renamex_np on macOS); False where
    that is not available (Windows, or a file system that cannot)."""
    if sys.platform.startswith("linux"):
        name, arguments = "renameat2", (_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    elif sys.platform == "darwin":
        name, arguments = "renamex_np", (os.fsencode(a), os.fsencode(b), _RENAME_SWAP)
    else:
        return False
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    call = getattr(ctypes.CDLL(libc_name, use_errno=True), name, None)
    return call is not None and call(*arguments) == 0


def swap_by_renames(new: Path, out: Path, rename: Rename = os.rename) -> Path:
    """Make `new` the live `out` without an exchange call, in two renames; returns where the
    previous site now is (`old_folder(out)`), for the caller to keep as the spare or remove.

    1. `out` -> `old_folder(out)`. If this fails (on Windows: a program has the site open),
       nothing has changed. Killed after it, there is no `out` and the previous site waits
       whole aside: `recover_swap` puts it back.
    2. `new` -> `out`. If this fails, the previous site is put back at once. Killed after it,
       the new site is live and the previous one aside: it is removed with the leftovers.

    Which of the two names exist is the journal: no marker file is needed to tell the states apart."""
    old = old_folder(out)
    _patiently(rename, out, old)
    try:
        _patiently(rename, new, out)
    except OSError:
        rename(old, out)
        raise
    return old


def recover_swap(out: Path) -> None:
    """Undo a swap by renames that a killed build stopped between its two steps: the previous
    site, aside, goes back. (Stopped after both, the previous site aside is only a leftover.)"""
    previous = old_folder(out)
    if previous.is_dir() and not previous.is_symlink() and not os.path.lexists(out) and not claimed_elsewhere(previous):
        os.rename(previous, out)


class FolderInUse(PermissionError):
    """A folder that cannot be renamed because another program has a file in it open."""

    def __init__(self, errno: int, path: str):
        super().__init__(errno, "another program has a file in the folder open", path)
        self.message = say("folder_in_use", path=path)


def _patiently(rename: Rename, source: Path, target: Path) -> None:
    """A rename that waits a moment for another program to let go of a file in the folder."""
    for attempt in range(RENAME_ATTEMPTS):
        try:
            rename(source, target)
            return
        except PermissionError as exc:
            if attempt == RENAME_ATTEMPTS - 1:
                raise FolderInUse(exc.errno, str(source)) from exc
            time.sleep(0.1 * 2 ** attempt)


@dataclass
class SiteWriter:
    """Prepares the next version of the output folder beside the live one, then swaps it in.

    `live` is the manifest of the live folder as the last build left it, or None when unknown
    (then every file is written anew)."""

    out: Path
    live: Manifest | None = None
    file_writer: FileWriter = write_file
    """How each file is written; a test passes one that fails as a full disk would."""
    exchange: Exchange = exchange_folders
    """How the new folder and the live one are swapped; where it returns False (Windows), the
    swap falls back to two renames (`swap_by_renames`)."""
    rename: Rename = os.rename
    """How those two renames are made."""
    target: Path = field(init=False)
    spare_manifest: Manifest | None = field(init=False, default=None)
    claim: Claim | None = field(init=False, default=None)
    """The target, claimed (`core/claims.py`) so that no other build takes it for a leftover."""

    def __post_init__(self) -> None:
        self.out = self.out.resolve()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(self.out)
        self.claim = self._prepare_target()
        self.target = self.claim.path

    @property
    def spare(self) -> Path:
        return self.out.with_name(f".{self.out.name}{SPARE_SUFFIX}")

    def _prepare_target(self) -> Claim:
        """The spare folder when it holds a known manifest, else a new empty folder; a spare
        that another running build claims is left to it. A link in the spare's place is an
        error: the build would write where it points."""
        refuse_link(self.spare)
        spare = claim_existing(self.spare) if self.spare.is_dir() else None
        if spare is not None and self.live is not None and self.out.is_dir():
            manifest = self._spare_manifest()
            if manifest is not None:
                (self.spare / SPARE_MARKER).unlink()  # from here on the spare is 'dirty'
                self.spare_manifest = manifest
                return spare
        if spare is not None:
            shutil.rmtree(self.spare, ignore_errors=True)
            spare.release()
        return claim_new_folder(self.out.parent, f".{self.out.name}{TEMP_MARK}")

    def _spare_manifest(self) -> Manifest | None:
        try:
            marker = json.loads((self.spare / SPARE_MARKER).read_text(encoding="utf-8"))
            manifest = marker["manifest"]
            return manifest if manifest_id(manifest) == marker["id"] else None
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def write(self, path: str, data: bytes) -> str:
        return self.file_writer(self.target, path, data)

    def commit(self, desired: Manifest, written: set[str]) -> None:
        """Complete the target so that it holds exactly `desired`, then make it the live folder."""
        self.complete(desired, written)
        self.swap()

    def complete(self, desired: Manifest, written: set[str]) -> None:
        """Make the target hold exactly `desired`, ready for work on the whole site (the search
        index) before `swap`.

        Paths not in `written` are unchanged since the last build: they are linked from the
        live folder, which therefore must hold them with the same content."""
        current = self.spare_manifest or {}
        folders: set[str] = set()
        for path, digest in desired.items():
            if path in written or current.get(path) == digest:
                continue
            folder = os.path.dirname(path)
            if folder not in folders:  # one mkdir per folder, not per file: 18,000 files on a clean board
                (self.target / folder).mkdir(parents=True, exist_ok=True)
                folders.add(folder)
            target = self.target / path
            try:
                os.link(self.out / path, target)
            except FileExistsError:  # an older version in the spare
                target.unlink()
                os.link(self.out / path, target)
        for path in current.keys() - desired.keys():
            _remove(self.target, path)
        os.chmod(self.target, 0o755)

    def swap(self) -> None:
        """Make the completed target the live folder; what was live becomes the spare."""
        if not self.out.exists():
            os.rename(self.target, self.out)
            self._release()
            return
        live = claim_existing(self.out)  # it becomes a temporary folder: claimed until it is the spare or gone
        try:
            self._swap_with_live()
        finally:
            if live is not None:
                live.release()
            self._release()

    def _swap_with_live(self) -> None:
        if self.exchange(self.target, self.out):
            previous = self.target  # now holds what was live until a moment ago
        else:
            previous = swap_by_renames(self.target, self.out, self.rename)
        if self.live is None or (previous != self.spare and claimed_elsewhere(self.spare)):
            shutil.rmtree(previous)  # no spare to keep, or another running build's target
            return
        if previous != self.spare:
            shutil.rmtree(self.spare, ignore_errors=True)
            os.rename(previous, self.spare)
        marker = json.dumps({"id": manifest_id(self.live), "manifest": self.live}, sort_keys=True)
        (self.spare / SPARE_MARKER).write_text(marker, encoding="utf-8")

    def abort(self) -> None:
        """Give up this build: the live folder is untouched and the half-done target goes."""
        shutil.rmtree(self.target, ignore_errors=True)
        self._release()

    def _release(self) -> None:
        if self.claim is not None:
            self.claim.release()


def _remove(folder: Path, path: str) -> None:
    """Remove a file and the folders it leaves empty."""
    target = folder / path
    target.unlink(missing_ok=True)
    parent = target.parent
    while parent != folder and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent


def remove_stale_temporaries(out: Path) -> None:
    """Temporary folders of builds that were killed before they could clean up, once a swap
    they left half done is undone (`recover_swap`); never one that a running build claims
    (`core/claims.py`): a `--no-cache` build does not wait for the board's lock."""
    recover_swap(out)
    for leftover in out.parent.glob(f".{out.name}{TEMP_MARK}*"):
        try:
            remove_unclaimed(leftover)
        except OSError:
            pass
    remove_unclaimed_staging(out.parent)


def old_folder(out: Path) -> Path:
    """Where the fallback swap keeps the previous site for a moment."""
    return out.with_name(f".{out.name}{TEMP_MARK}old")
