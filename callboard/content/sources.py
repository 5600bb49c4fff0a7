"""The content files as found on disk, before parsing: which files are items, what each one's
bytes are, and whether they changed since the last build.

An item is a Markdown file (`content/needs/smarta-las.md`) or a page bundle, Hugo's leaf bundle:
a folder with an `index.md` and the item's files beside it (`content/needs/smarta-las/index.md`
and `content/needs/smarta-las/underlag.pdf`). A bundle's slug is its folder's name, and its
files count as part of the item: a changed, added or removed file changes the item's digest,
so the item, its page and everything made from it are made again. Any other file directly in
content/ is an error that says the rename to make (`smarta-las.md.txt`) or where the file goes.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from callboard.config import Config
from callboard.content.models import Kind
from callboard.core.diagnostics import Diagnostics, Message, say
from callboard.core.safefiles import open_nofollow
from callboard.core.text import to_slug

MAX_FILE_BYTES = 100_000
"""About 15,000 words: far more than any need or case story, and small enough that even hostile
Markdown renders in well under a second. Longer documents belong in static/ as files."""
BUNDLE_INDEX = "index.md"
"""The item's own file in a page bundle; every other file in the folder belongs to it."""
STAMP_MARGIN_NS = 2_000_000_000
"""File times of some file systems tick in whole seconds; two seconds of margin covers them."""


@dataclass(frozen=True)
class BundleFile:
    """A file in a page bundle besides `index.md`, as found on disk (never through a link)."""

    name: str
    """Relative to the bundle's folder, with '/' between folders."""
    size: int
    mtime_ns: int
    link: bool = False
    """A symbolic link or other non-regular file: reported, never read or published."""


@dataclass(frozen=True)
class Source:
    """A content file as found on disk, before parsing."""

    kind: Kind
    source: str
    raw: bytes | None
    """The file's bytes; None when the file was not read because its size and time are those
    of the last build (`Stamps`), in which case `digest` comes from that build."""
    digest: str
    """Identifies the file's path and bytes (and its bundle's files) under the current loader
    settings (the cache key)."""
    size: int = 0
    """Bytes on disk; a file over MAX_FILE_BYTES is not read at all (`raw` is empty)."""
    mtime_ns: int = 0
    bundle: tuple[BundleFile, ...] | None = None
    """The other files of its page bundle; None for an item that is a file of its own."""

    @property
    def slug(self) -> str:
        path = PurePosixPath(self.source)
        return path.parent.name if self.bundle is not None else path.stem

    @property
    def folder(self) -> str:
        """The bundle's folder relative to the board ('content/needs/smarta-las')."""
        return PurePosixPath(self.source).parent.as_posix()

    def read(self, root: Path) -> "Source":
        """This source with its bytes, reading the file if that was skipped."""
        if self.raw is not None:
            return self
        return replace(self, raw=(root / self.source).read_bytes() if self.size <= MAX_FILE_BYTES else b"")


def bundle_stamp(files: tuple[BundleFile, ...] | None) -> str:
    """Name, size and time of each file of a bundle, in one text ('' for a plain file)."""
    if files is None:
        return ""
    return "\n".join(f"{f.name}\0{f.size}\0{f.mtime_ns}\0{f.link}" for f in files) + "\n"


@dataclass(frozen=True)
class Stamps:
    """Size, modification time and digest of every file the last build read, so that an
    unchanged file need not be read again. Like git's index, a file whose time is not safely
    older than the last build's start (`trusted_before`) is read anyway: it may have been
    written again within the same clock tick."""

    files: dict[str, list]
    """Path -> [size, mtime_ns, digest, bundle stamp]."""
    salt: str
    trusted_before: int

    def digest(self, source: str, size: int, mtime_ns: int, salt: str, bundle: str = "") -> str | None:
        known = self.files.get(source)
        if (salt == self.salt and known and known[0] == size and known[1] == mtime_ns
                and mtime_ns < self.trusted_before and (known[3] if len(known) > 3 else "") == bundle):
            return known[2]
        return None


def stamps_of(sources: list[Source], salt: bytes, started_ns: int) -> Stamps:
    return Stamps({s.source: [s.size, s.mtime_ns, s.digest, bundle_stamp(s.bundle)] for s in sources}, salt.hex(),
                  started_ns - STAMP_MARGIN_NS)


def slug_of(path: Path, bundles: frozenset[Path]) -> str:
    return path.parent.name if path.parent in bundles else path.stem


def read_source(path: Path, kind: Kind, source: str, salt: bytes, stamps: Stamps | None,
                bundle: bool = False) -> Source:
    status = path.stat()
    files = bundle_files(path.parent) if bundle else None
    newest = max([status.st_mtime_ns, *(f.mtime_ns for f in files or ())])
    known = stamps.digest(source, status.st_size, newest, salt.hex(), bundle_stamp(files)) if stamps else None
    if known is not None:
        return Source(kind, source, None, known, status.st_size, newest, files)
    raw = path.read_bytes() if status.st_size <= MAX_FILE_BYTES else b""
    digest = hashlib.blake2b(raw, key=salt, digest_size=16)
    digest.update(f"{source}\0{status.st_size}".encode())
    for file in files or ():
        digest.update(f"\0{file.name}\0{file.size}\0{file.link}\0".encode())
        if not file.link:
            digest.update(file_digest(path.parent / file.name).encode())
    return Source(kind, source, raw, digest.hexdigest(), status.st_size, newest, files)


def file_digest(path: Path) -> str:
    """BLAKE2b of a file's bytes, read without following a link."""
    with os.fdopen(open_nofollow(path, os.O_RDONLY), "rb") as handle:
        return hashlib.file_digest(handle, "blake2b").hexdigest()


def bundle_files(folder: Path) -> tuple[BundleFile, ...]:
    """Every file in a bundle's folder and below but `index.md`, sorted, skipping names that
    start with '.' or '_' as everywhere in content/. A link is listed as one and not followed."""
    found = []

    def walk(current: Path, prefix: str) -> None:
        with os.scandir(current) as entries:
            for entry in entries:
                name = prefix + entry.name
                if entry.name.startswith((".", "_")) or name == BUNDLE_INDEX:
                    continue
                status = entry.stat(follow_symlinks=False)
                if stat.S_ISDIR(status.st_mode):
                    walk(Path(entry.path), name + "/")
                else:
                    found.append(BundleFile(name, status.st_size, status.st_mtime_ns,
                                            link=not stat.S_ISREG(status.st_mode)))

    walk(folder, "")
    return tuple(sorted(found, key=lambda f: f.name))


def content_files(config: Config, kind: Kind, diagnostics: Diagnostics) -> tuple[list[Path], frozenset[Path]]:
    """Markdown files of one kind, sorted so that every run sees them in the same order, and the
    folders among them that are page bundles (a folder below the section with an `index.md`:
    everything else in it is the bundle's). Only symbolic links are resolved (resolving every
    path costs seconds on a large board)."""
    folder = config.content_dir / kind.section
    root = config.root.resolve()
    if not folder.is_dir() or not folder.resolve().is_relative_to(root):
        return [], frozenset()
    paths = sorted(walk_content(folder))
    bundles = _bundles(folder, paths)
    files = []
    for path in paths:
        relative = path.relative_to(config.root).as_posix()
        if _inside_bundle(path, folder, bundles):
            continue
        if path.is_symlink() and not path.resolve().is_relative_to(root):
            diagnostics.error(relative, 0, say("symlink_to_file_outside"))
        elif path.suffix == ".md" and path.is_file():
            files.append(path)
        elif path.is_file():
            is_error, message = not_markdown_problem(path.name)
            (diagnostics.error if is_error else diagnostics.warning)(relative, 0, message)
    return files, bundles


MARKDOWN_LIKE = (".md", ".markdown", ".mdown", ".mkd", ".txt", ".text")
"""Suffixes of files that are meant as a content file but will not be read: `x.md.txt` (a
Windows editor added .txt), `x.MD`, `x.markdown`. Only `.md` is read, so that every link, tool
and `callboard new` agree on one name; the message gives the rename."""
SYSTEM_FILES = ("thumbs.db", "desktop.ini")
"""Files an operating system leaves in folders; ignored with a warning, never an error."""

def not_markdown_problem(name: str) -> tuple[bool, Message]:
    """(is an error, message) for a file in content/ that is not `.md`: the rename for a file
    meant as content, where to put a picture or document, a warning for a system file."""
    lowered = name.lower()
    if lowered in SYSTEM_FILES or lowered.startswith("~$") or lowered.endswith("~"):
        return False, say("content_file_ignored", name=name)
    path = PurePosixPath(name)
    suffixes = [suffix.lower() for suffix in path.suffixes]
    if any(suffix in MARKDOWN_LIKE for suffix in suffixes):
        stem = name[: name.lower().index(next(s for s in suffixes if s in MARKDOWN_LIKE))]
        renamed = to_slug(stem, fallback="namn") + ".md"
        return True, say("content_file_rename", name=name, fixed=renamed)
    moved = "static/dokument/" + name
    return True, say("content_file_not_markdown", name=name, fixed=moved)


def _bundles(section: Path, paths: list[Path]) -> frozenset[Path]:
    """The bundle folders: those with a real `index.md`, the outermost when one holds another."""
    candidates = {p.parent for p in paths if p.name == BUNDLE_INDEX and p.parent != section
                  and not p.is_symlink() and not p.parent.is_symlink() and p.is_file()}
    return frozenset(c for c in candidates if not any(a in candidates for a in c.parents))


def _inside_bundle(path: Path, section: Path, bundles: frozenset[Path]) -> bool:
    """A bundle's own files (and the folder itself), which belong to its item, not to the section."""
    if path in bundles:
        return True
    owner = next((a for a in path.parents if a in bundles), None)
    return owner is not None and path != owner / BUNDLE_INDEX


def content_listing(folder: Path, trusted_before: int) -> str | None:
    """Name, size and time of every file under content/, or None when one of them was changed
    too recently (after `trusted_before`, ns) for its time to prove that it has not changed.

    Run before every build, so it works on strings rather than Path objects (twice as fast at
    11,500 files); the order is that of the paths' parts, as sorting Paths gives."""
    if not folder.is_dir():
        return ""
    lines = []
    for relative, full, symlink in sorted(_listed(str(folder), ""), key=lambda entry: entry[0].split("/")):
        try:
            status = os.stat(full)
        except OSError:
            return None
        if status.st_mtime_ns >= trusted_before:
            return None
        lines.append(f"{relative}\0{status.st_size}\0{status.st_mtime_ns}\0{symlink}")
    return "\n".join(lines)


def _listed(folder: str, prefix: str) -> list[tuple[str, str, bool]]:
    """(path relative to the content folder, full path, is a symlink) of every entry under
    `folder` but those whose name starts with '.' or '_' (and what they hold)."""
    found = []
    for entry in os.scandir(folder):
        if entry.name.startswith((".", "_")):
            continue
        relative = prefix + entry.name
        found.append((relative, entry.path, entry.is_symlink()))
        if entry.is_dir(follow_symlinks=False):
            found += _listed(entry.path, relative + "/")
    return found


def walk_content(folder: Path) -> list[Path]:
    """Every entry under `folder` but those whose name starts with '.' or '_' (and what they hold)."""
    return [Path(full) for _, full, _ in _listed(str(folder), "")]
