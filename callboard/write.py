"""Stage 4: write the site so that the output folder is always either the old site or the new one.

Everything is written into a temporary folder beside the output; only when every file is in
place is it swapped in (atomically with renameat2(RENAME_EXCHANGE) where the kernel has it).
A build that fails or is killed leaves the previous output untouched, and the next run clears
away any temporary folder it left.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterable

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
TEMP_MARK = ".callboard-tmp-"


class OutputError(Exception):
    """An output folder that must not be written (it would overwrite the board itself)."""


def check_output_dir(out: Path, root: Path) -> None:
    """Refuse an output folder that is the board, contains it, or lies inside its sources."""
    out, root = out.resolve(), root.resolve()
    if out == root or root.is_relative_to(out):
        raise OutputError(f"refusing to write to {out}: it is the board folder or contains it")
    for source in ("content", "templates", "static"):
        if out.is_relative_to(root / source):
            raise OutputError(f"refusing to write to {out}: it is inside the board's {source}/ folder")


class SiteWriter:
    """Collects the files of one build in a temporary folder, then publishes them in one swap."""

    def __init__(self, out: Path):
        self.out = out.resolve()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(self.out)
        self.temp = Path(tempfile.mkdtemp(prefix=f".{self.out.name}{TEMP_MARK}", dir=self.out.parent))
        self.count = 0

    def write(self, path: str, data: bytes) -> None:
        target = self.temp / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.count += 1

    def copy(self, files: Iterable[tuple[str, Path]]) -> None:
        for path, source in files:
            target = self.temp / path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            self.count += 1

    def commit(self) -> None:
        """Swap the finished folder in for the old output and remove the old one."""
        os.chmod(self.temp, 0o755)
        if self.out.exists() and _exchange(self.temp, self.out):
            shutil.rmtree(self.temp)
            return
        if self.out.exists():
            old = self.temp.with_name(self.temp.name + "-old")
            os.rename(self.out, old)
            os.rename(self.temp, self.out)
            shutil.rmtree(old)
        else:
            os.rename(self.temp, self.out)

    def abort(self) -> None:
        shutil.rmtree(self.temp, ignore_errors=True)


def remove_stale_temporaries(out: Path) -> None:
    """Temporary folders of builds that were killed before they could clean up."""
    for leftover in out.parent.glob(f".{out.name}{TEMP_MARK}*"):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2); False where that is not available."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
