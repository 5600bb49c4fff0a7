"""Full-text search: Pagefind indexes the finished item pages, in shards.

Pagefind's binary comes with the `pagefind[extended]` package (Swedish and English stemming)
and runs offline. It picks each page's language from `<html lang>` and writes one index per
language; the search page merges them. Only what a page marks with `data-pagefind-body` is
indexed: an item's own text, not navigation or footers, so only item pages are given to it.

Pagefind has no incremental mode and takes about a second per thousand pages, so the pages are
split into shards by a hash of their path (`pagefind/0/`, `pagefind/1/`, ...; about
`SHARD_PAGES` pages each) and `pagefind/shards.json` lists them for the search page, which
merges them all. A shard is indexed again only when one of its pages changed; otherwise its
index stays in the spare output folder, or is hard-linked from the live site or from
`.callboard-cache/pagefind/`, found by a key made of the shard's pages and the indexer's
version. A cached shard is signed with the per-user key (`callboard.build.cache.signing_key`)
and checked file by file before it is used: a shard committed to the repository, or changed
since, is discarded with one note. Only regular files are ever copied: a link in a cached or
previous index is never followed and never published. Shards are indexed one after the other, so memory stays that of one shard, by a
helper process (`Indexer`), so the rest of the build goes on meanwhile.

Pagefind's output is not byte-stable between runs (Pagefind issue #638); this is why the index
is kept out of the output manifest and replaced whole on every build.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import multiprocessing
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from callboard.build.cache import CACHE_DIR, signing_key
from callboard.content.permalinks import SEARCH_BUNDLE
from callboard.core.claims import claimed_folder
from callboard.core.diagnostics import Message, say
from callboard.core.parallel import become_worker, run_program, start_method
from callboard.core.safefiles import (
    SymlinkRefused,
    copy_regular_tree,
    real_folder,
    regular_files,
    remove_path,
    tree_digests,
    write_file_nofollow,
)

BUNDLE = SEARCH_BUNDLE.rstrip("/")
SHARD_LIST = "shards.json"
CACHE = Path(CACHE_DIR) / "pagefind"
SIGNATURE = "callboard-signature.json"
"""In each cached shard: its files' digests, signed with the per-user key."""
UNTRUSTED_CACHE = say("search_cache_untrusted", folder=CACHE.as_posix() + "/")
SHARD_PAGES = 1000
"""Pages per shard, about a second of Pagefind's time. Smaller shards mean less to index again
after an edit, but more small files for the search page to fetch per query (merged shards share
the first one's WebAssembly, so a shard costs its entry, metadata and the chunks a query needs)."""
TIMEOUT_SECONDS = 600
_ARGUMENTS = ("--silent",)


@dataclass(frozen=True)
class SearchOutcome:
    """What happened to the search index in one build; `notes` are the lines the CLI prints."""

    state: str
    """'built' (at least one shard indexed), 'reused', 'skipped' or 'failed'."""
    notes: tuple[Message, ...] = ()
    indexed: int = 0
    """Pages Pagefind read in this build (those of the shards that changed)."""
    shards: int = 0
    reused: int = 0
    """Shards whose index came from the cache."""
    seconds: float = 0.0


def pages_key(pages: dict[str, str], indexer: str) -> str:
    """One hash of a shard's pages (path -> content hash), the indexer's version and its arguments."""
    digest = hashlib.sha256(f"{indexer}\0{' '.join(_ARGUMENTS)}\0".encode())
    for path, content in sorted(pages.items()):
        digest.update(f"{path}\0{content}\0".encode())
    return digest.hexdigest()[:32]


def shards(pages: dict[str, str], shard_pages: int | None = None) -> list[dict[str, str]]:
    """Split the pages into shards by a hash of their path: an edit changes one shard, and the
    same pages always give the same shards."""
    count = max(1, math.ceil(len(pages) / (shard_pages or SHARD_PAGES)))
    parts: list[dict[str, str]] = [{} for _ in range(count)]
    for path, digest in sorted(pages.items()):
        number = int.from_bytes(hashlib.blake2b(path.encode(), digest_size=8).digest(), "big") % count
        parts[number][path] = digest
    return [part for part in parts if part]


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


@dataclass(frozen=True)
class Pages:
    """The pages to index: path -> content hash, and where each file can be read now (the new
    output folder for pages this build wrote, the live one for those it left unchanged)."""

    digests: dict[str, str]
    files: dict[str, Path]
    scratch: Path
    """Where temporary folders may be made: beside the output, on the same file system."""
    scratch_prefix: str


class Indexer:
    """A helper process that writes the search index while the build goes on.

    It is started when the build starts, while the process is still small, and waits for its
    task (`submit`). Forked later it would be a copy of the loaded board, which the build
    keeps changing, so that the copy costs real memory (200 MB at 10,000 needs). A process
    rather than a thread: the build forks workers meanwhile, and forking a process that has
    threads can leave a worker waiting on a lock that no thread will release. Where workers are
    spawned, so is the helper; its task travels through the pipe either way."""

    def __init__(self) -> None:
        context = multiprocessing.get_context(start_method())
        self._connection, helper_end = context.Pipe()
        inherited = [self._connection] if start_method() == "fork" else []
        self._process = context.Process(target=_serve, args=(os.getpid(), helper_end, inherited), daemon=True)
        self._process.start()
        helper_end.close()
        self._task: tuple | None = None
        self._submitted = False

    def submit(self, folder: Path, pages: Pages, cache_root: Path | None, live: Path | None = None) -> None:
        """Start indexing `pages`, which must be in place (and stay unchanged until `result`)."""
        self._submitted = True
        self._task = (folder, pages, cache_root, live)
        if self._process is not None:
            self._connection.send(self._task)

    def result(self) -> SearchOutcome:
        """Wait for the index."""
        if self._process is None:
            return _index(*self._task)
        try:
            return self._connection.recv()
        except EOFError:
            return SearchOutcome("failed", (say("search_left_out_stopped"),))
        finally:
            self.close()

    def close(self) -> None:
        """Let the helper go; a build that ended before it submitted anything sends it home."""
        if self._process is None:
            return
        if not self._submitted:
            self._connection.send(None)
        self._process.join()
        self._connection.close()
        self._process = None

    def __enter__(self) -> "Indexer":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _serve(parent: int, connection, inherited: list) -> None:
    become_worker(parent, inherited)
    try:
        task = connection.recv()
        if task is not None:
            connection.send(_index(*task))
    except EOFError:
        pass
    finally:
        connection.close()
        os._exit(0)


def _index(folder: Path, pages: Pages, cache_root: Path | None, live: Path | None) -> SearchOutcome:
    try:
        return index_site(folder, pages, cache_root, live)
    except OSError as exc:
        remove_index(folder)
        return SearchOutcome("failed", (say("search_left_out_unwritable", reason=str(exc)),))


def index_site(folder: Path, pages: Pages, cache_root: Path | None, live: Path | None = None) -> SearchOutcome:
    """Write `folder/pagefind/` for `pages`. A shard none of whose pages changed is kept where
    it is (the spare output folder holds the index of two builds ago), linked from the `live`
    site or from the cache in `cache_root`; only the other shards are given to Pagefind."""
    indexer = find_indexer()
    if indexer is None:
        remove_index(folder)
        return SearchOutcome("failed", (say("search_left_out_no_pagefind"),))
    if not pages.digests:
        remove_index(folder)
        return SearchOutcome("skipped")
    binary, version = indexer
    started = time.perf_counter()
    wanted = {f"{number}/": (shard, pages_key(shard, version)) for number, shard in enumerate(shards(pages.digests))}
    in_place = _keep_current_shards(folder, {path: key for path, (_, key) in wanted.items()})
    in_live = listed_keys(live) if live is not None else {}
    cache, notes = _open_cache(cache_root)
    listed, indexed, built = [], 0, 0
    for path, (shard, key) in wanted.items():
        bundle = folder / BUNDLE / path
        reused = (path in in_place or (in_live.get(path) == key and _reuse(live / BUNDLE / path, bundle))
                  or (cache is not None and _from_cache(cache, key, bundle, notes)))
        if not reused:
            problem = _run_indexer(binary, pages, shard, bundle)
            if problem:
                remove_index(folder)
                return SearchOutcome("failed", (say("search_left_out_pagefind_failed", reason=problem),))
            indexed += len(shard)
            built += 1
            if cache is not None:
                _store(bundle, cache.folder, key, cache.secret)
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        listed.append({"path": path, "key": key,
                       "languages": {lang: index["page_count"] for lang, index in sorted(entry["languages"].items())}})
    (folder / BUNDLE / SHARD_LIST).write_text(json.dumps({"shards": listed}, sort_keys=True), encoding="utf-8")
    if cache is not None:
        _prune(cache.folder, {key for _, key in wanted.values()})
    return SearchOutcome("built" if indexed else "reused", tuple(notes), indexed=indexed, shards=len(listed),
                         reused=len(listed) - built, seconds=time.perf_counter() - started)


@dataclass(frozen=True)
class ShardCache:
    """`.callboard-cache/pagefind/`, a real folder in the board, and the key its shards are signed with."""

    folder: Path
    secret: bytes


def _open_cache(cache_root: Path | None) -> tuple[ShardCache | None, list[Message]]:
    """The shard cache, or None (with a note why) when there is no key or a link stands in its way."""
    secret = signing_key() if cache_root is not None else None
    if secret is None:
        return None, []
    try:
        real_folder(cache_root / CACHE_DIR, create=True)
        return ShardCache(real_folder(cache_root / CACHE, create=True), secret), []
    except SymlinkRefused as exc:
        return None, [say("search_cache_not_used", reason=exc.message)]
    except OSError:
        return None, []


def _signature(secret: bytes, key: str, digests: dict[str, str]) -> str:
    message = json.dumps({"key": key, "files": digests}, sort_keys=True).encode()
    return hmac.digest(secret, message, "sha256").hex()


def _from_cache(cache: ShardCache, key: str, bundle: Path, notes: list[Message]) -> bool:
    """Link the cached index of `key` into `bundle` if its signature and every file's digest hold.
    A shard that fails is removed, and noted once."""
    shard = cache.folder / key
    if not os.path.lexists(shard):
        return False
    try:
        files = [name for name in regular_files(shard) if name != SIGNATURE]
        with open(real_folder(shard) / SIGNATURE, "rb") as handle:
            signed = json.loads(handle.read())
        digests = signed["files"]
        if (sorted(digests) == files and "pagefind-entry.json" in digests
                and hmac.compare_digest(signed["signature"], _signature(cache.secret, key, digests))):
            copy_regular_tree(shard, bundle, files)
            if tree_digests(bundle, files) == digests:
                return True
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    for damaged in (bundle, shard):
        try:
            remove_path(damaged)
        except OSError:
            pass
    if UNTRUSTED_CACHE not in notes:
        notes.append(UNTRUSTED_CACHE)
    return False


def _reuse(source: Path, bundle: Path) -> bool:
    """Link a shard's index from the previous output, its regular files only; False when it
    holds anything else (the shard is then indexed again)."""
    try:
        copy_regular_tree(source, bundle)
        return True
    except SymlinkRefused:
        remove_path(bundle)
        return False


def listed_keys(site: Path) -> dict[str, str]:
    """Shard folder -> key of the index a site holds, from its shard list ({} when unknown)."""
    try:
        listed = json.loads((site / BUNDLE / SHARD_LIST).read_text(encoding="utf-8"))["shards"]
        return {shard["path"]: shard["key"] for shard in listed}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _keep_current_shards(folder: Path, wanted: dict[str, str]) -> set[str]:
    """Remove from `folder`'s index all but the shards that are already as wanted; returns those."""
    current = listed_keys(folder)
    keep = {path for path, key in current.items() if wanted.get(path) == key}
    bundle = folder / BUNDLE
    if bundle.is_dir():
        for entry in bundle.iterdir():
            if f"{entry.name}/" not in keep:
                shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    return keep


def _run_indexer(binary: Path, pages: Pages, shard: dict[str, str], bundle: Path) -> str:
    """Index one shard: its pages are hard-linked into a folder of their own for Pagefind to
    read. Returns what went wrong, or ''."""
    with claimed_folder(pages.scratch, pages.scratch_prefix) as site:
        for path in shard:
            target = Path(site) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(pages.files[path], target)
        try:
            run = run_program([str(binary), "--site", str(site), "--output-path", str(bundle), *_ARGUMENTS],
                              TIMEOUT_SECONDS)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"could not run ({exc})"
    if run.returncode != 0 or not (bundle / "pagefind-entry.json").is_file():
        return (run.stderr.strip() or run.stdout.strip() or f"exit code {run.returncode}").splitlines()[-1]
    return ""


def _store(bundle: Path, cache: Path, key: str, secret: bytes) -> None:
    """Keep a shard's index (hard links: nothing ever writes into an index file, it is only
    replaced), signed; a cache that cannot be written only costs the next build time."""
    try:
        staging = cache / f".{key}.tmp"
        remove_path(staging)
        files = regular_files(bundle)
        copy_regular_tree(bundle, staging, files)
        write_file_nofollow(staging / SIGNATURE, json.dumps(
            {"files": (digests := tree_digests(staging, files)), "signature": _signature(secret, key, digests)},
            sort_keys=True).encode())
        remove_path(cache / key)
        staging.rename(cache / key)
    except OSError:
        pass


def _prune(cache: Path, kept: set[str]) -> None:
    """Only the shards of the newest index are kept (a link among them is removed, not followed)."""
    for old in cache.iterdir():
        if old.name not in kept:
            try:
                remove_path(old)
            except OSError:
                pass
