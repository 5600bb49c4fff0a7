"""Full-text search: Pagefind indexes the finished pages in the temporary build folder.

Pagefind's binary comes with the `pagefind[extended]` package (Swedish and English stemming)
and runs offline. It picks each page's language from `<html lang>` and writes one index per
language into `pagefind/`; the search page merges them. Only what a page marks with
`data-pagefind-body` is indexed: an item's own text, not navigation or footers.

Pagefind's output is not byte-stable between runs (Pagefind issue #638), so the index is
cached in `.callboard-cache/pagefind/` under a hash of every page and the indexer's version:
a rebuild in which no page changed copies the cached index instead of running the indexer.
The index is not part of the output manifest: it is replaced whole on every build.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

BUNDLE = "pagefind"
CACHE = Path(".callboard-cache") / "pagefind"
TIMEOUT_SECONDS = 600
_ARGUMENTS = ("--output-subdir", BUNDLE, "--silent")


@dataclass(frozen=True)
class SearchOutcome:
    """What happened to the search index in one build; `note` is the one line the CLI prints."""

    state: str
    """'built', 'reused', 'skipped' or 'failed'."""
    note: str = ""


def pages_key(pages: dict[str, str], indexer: str) -> str:
    """One hash of every page (path -> content hash), the indexer's version and its arguments."""
    digest = hashlib.sha256(f"{indexer}\0{' '.join(_ARGUMENTS)}\0".encode())
    for path, content in sorted(pages.items()):
        digest.update(f"{path}\0{content}\0".encode())
    return digest.hexdigest()[:32]


def remove_index(folder: Path) -> None:
    """Drop an index an earlier build left in a reused output folder."""
    shutil.rmtree(folder / BUNDLE, ignore_errors=True)


def find_indexer() -> tuple[Path, str] | None:
    """The Pagefind binary that pagefind[extended] installed, with its version, or None."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        return None
    try:
        binary = get_executable()
    except FileNotFoundError:
        return None
    try:
        version = metadata.version("pagefind-bin-extended")
    except metadata.PackageNotFoundError:
        version = str(binary.stat().st_size)
    return binary, version


def index_site(folder: Path, pages: dict[str, str], cache_root: Path | None) -> SearchOutcome:
    """Write `folder/pagefind/` for `pages` (path -> content hash): from the cache in
    `cache_root` when no page changed, else by running Pagefind (and caching its index)."""
    remove_index(folder)
    indexer = find_indexer()
    if indexer is None:
        return SearchOutcome("failed", "search was left out: Pagefind is not installed (pip install 'pagefind[extended]')")
    binary, version = indexer
    key = pages_key(pages, version)
    cache = cache_root / CACHE if cache_root is not None else None
    if cache is not None and (cache / key / "pagefind-entry.json").is_file():
        shutil.copytree(cache / key, folder / BUNDLE)
        return SearchOutcome("reused")
    try:
        run = subprocess.run([str(binary), "--site", str(folder), *_ARGUMENTS], capture_output=True,
                             text=True, timeout=TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return SearchOutcome("failed", f"search was left out: Pagefind could not run ({exc})")
    if run.returncode != 0 or not (folder / BUNDLE / "pagefind-entry.json").is_file():
        shutil.rmtree(folder / BUNDLE, ignore_errors=True)
        last = (run.stderr.strip() or run.stdout.strip() or f"exit code {run.returncode}").splitlines()[-1]
        return SearchOutcome("failed", f"search was left out: Pagefind failed: {last}")
    if cache is not None:
        _store(folder / BUNDLE, cache, key)
    return SearchOutcome("built")


def _store(bundle: Path, cache: Path, key: str) -> None:
    """Keep only the newest index; a cache that cannot be written only costs the next build time."""
    try:
        cache.mkdir(parents=True, exist_ok=True)
        staging = cache / f".{key}.tmp"
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(bundle, staging)
        for old in cache.iterdir():
            if old != staging:
                shutil.rmtree(old, ignore_errors=True)
        staging.rename(cache / key)
    except OSError:
        pass
