"""Files callboard writes or copies inside a board, where anyone's commit may have put a link.

A board is a git repository, and git stores symbolic links: a pull request can commit
`.callboard-cache/.gitignore -> /home/you/.bashrc`, a cache folder that links out of the board,
or a link inside a cached search index that points at a secret. So nothing here follows a
link: a file is written through a temporary file and a rename (which replaces a link rather
than writing through it), a folder callboard writes into must be a real folder, and a copy
takes regular files only. A link where callboard writes is an error that names it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from callboard.core.diagnostics import Message, say


class SymlinkRefused(OSError):
    """A symbolic link (or other non-regular file) where callboard writes or copies from."""

    def __init__(self, path: Path, what: str = "a symbolic link") -> None:
        super().__init__(errno.ELOOP, f"is {what}, and callboard never writes or copies through one: remove it",
                         str(path))
        self.path = path
        self.what = what

    def __str__(self) -> str:
        return f"{self.filename} {self.strerror}"

    @property
    def message(self) -> Message:
        """What the editor reads: the path, and that callboard never goes through it."""
        if self.what == "not a folder":
            return say("refused_not_a_folder", path=str(self.filename))
        if self.what == "not a regular file":
            return say("refused_not_a_file", path=str(self.filename))
        return say("refused_symlink", path=str(self.filename))


def _kind(path: Path) -> int | None:
    """The file type of `path` itself (a link is a link), or None when nothing is there."""
    try:
        return stat.S_IFMT(os.lstat(path).st_mode)
    except FileNotFoundError:
        return None


def real_folder(path: Path, create: bool = False) -> Path:
    """`path`, refused when it is a link or not a folder; made (with no parents) when `create`."""
    kind = _kind(path)
    if kind is None and create:
        try:
            path.mkdir()
        except FileExistsError:  # made meanwhile, perhaps as a link: look again
            pass
        kind = _kind(path)
    if kind == stat.S_IFLNK:
        raise SymlinkRefused(path)
    if kind is not None and kind != stat.S_IFDIR:
        raise SymlinkRefused(path, "not a folder")
    return path


def refuse_link(path: Path) -> Path:
    """`path`, refused when it is a symbolic link."""
    if _kind(path) == stat.S_IFLNK:
        raise SymlinkRefused(path)
    return path


def write_file_nofollow(path: Path, data: bytes) -> None:
    """Write `path` whole through a new temporary file beside it and a rename: a link at `path`
    is an error, and never written through."""
    refuse_link(path)
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=path.name + ".", delete=False)
    try:
        with handle:
            handle.write(data)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


_OPEN_FLAGS = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
"""O_NOFOLLOW and O_CLOEXEC where they exist (not on Windows); O_BINARY where it exists (only on
Windows, where a descriptor without it would write every \\n as \\r\\n)."""


def open_nofollow(path: Path, flags: int, mode: int = 0o644) -> int:
    """os.open that refuses a link at `path` (O_NOFOLLOW; where there is none, a look first), naming it."""
    if not hasattr(os, "O_NOFOLLOW"):
        refuse_link(path)
    try:
        return os.open(path, flags | _OPEN_FLAGS, mode)
    except OSError as exc:
        if _kind(path) == stat.S_IFLNK:
            raise SymlinkRefused(path) from exc
        raise


def read_nofollow(path: Path) -> bytes:
    """The bytes of the regular file at `path`; a link there is an error, not followed."""
    with os.fdopen(open_nofollow(path, os.O_RDONLY), "rb") as handle:
        return handle.read()


def regular_files(folder: Path) -> list[str]:
    """Every file under `folder`, as sorted paths relative to it. Anything that is neither a
    folder nor a regular file (a link above all) raises SymlinkRefused, naming it."""
    found: list[str] = []

    def walk(current: Path, prefix: str) -> None:
        with os.scandir(current) as entries:
            for entry in entries:
                if entry.is_symlink():
                    raise SymlinkRefused(Path(entry.path))
                if entry.is_dir(follow_symlinks=False):
                    walk(Path(entry.path), f"{prefix}{entry.name}/")
                elif entry.is_file(follow_symlinks=False):
                    found.append(prefix + entry.name)
                else:
                    raise SymlinkRefused(Path(entry.path), "not a regular file")

    walk(real_folder(folder), "")
    return sorted(found)


def copy_regular_tree(source: Path, target: Path, files: list[str] | None = None,
                      copy: Callable[[Path, Path], None] = os.link) -> None:
    """Copy the regular `files` under `source` (all of them when None) to the new folder
    `target`, hard-linked by default; a link anywhere in `source` is an error, not followed."""
    files = regular_files(source) if files is None else files
    target.mkdir(parents=True)
    made = {""}
    for relative in files:
        folder = os.path.dirname(relative)
        if folder not in made:
            (target / folder).mkdir(parents=True, exist_ok=True)
            made.add(folder)
        copy(refuse_link(source / relative), target / relative)


def tree_digests(folder: Path, files: list[str]) -> dict[str, str]:
    """Path -> BLAKE2b of the bytes of each of `files` under `folder` (opened without following links)."""
    digests = {}
    for relative in files:
        descriptor = open_nofollow(folder / relative, os.O_RDONLY)
        with os.fdopen(descriptor, "rb") as handle:
            digests[relative] = hashlib.file_digest(handle, "blake2b").hexdigest()
    return digests


def remove_path(path: Path) -> None:
    """Remove what is at `path`, a link itself rather than what it points at; nothing there is fine."""
    kind = _kind(path)
    if kind == stat.S_IFDIR:
        shutil.rmtree(path)
    elif kind is not None:
        path.unlink()


def own_folder(path: Path) -> Path:
    """A folder callboard keeps its own files in (`.callboard-cache/`): made when missing,
    refused when it, or any entry directly in it, is a link."""
    real_folder(path, create=True)
    with os.scandir(path) as entries:
        for entry in entries:
            if entry.is_symlink():
                raise SymlinkRefused(Path(entry.path))
    return path
