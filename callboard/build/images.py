"""Steps: the pictures content uses, made fit for the web, then written into the site.

`process_images` (after assemble) finds every picture a page shows (`content/media.py`), makes
the renditions of each photo (`core/imaging.py`) on up to `jobs` processes, and gives the board
a `WebImage` for each, so that templates know every file and size. A photo's renditions are
kept in the build cache under the hash of its bytes (and of the encoder settings), so a rebuild
encodes nothing it has encoded before; `Result.images_encoded` counts what this build encoded.
A picture that cannot be used is an error at each line that points at it, never a traceback.

The original of a processed photo is not published (it may carry the GPS position of the
place it was taken); `write_images` (after the static files) writes the renditions instead.
"""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from callboard.build.run import Run
from callboard.build.write import content_hash
from callboard.config import CONFIG_FILE, Config
from callboard.content.media import (
    PHONE_SUFFIXES,
    ImageUse,
    Variant,
    WebImage,
    content_items,
    image_uses,
    is_processed,
    variant_path,
)
from callboard.content.models import Content
from callboard.core.diagnostics import Diagnostics, Message, say, say_n
from callboard.core.imaging import IMAGING_VERSION, WARN_BYTES, ImageProblem, Rendition, Renditions, make_renditions
from callboard.core.parallel import pool_map
from callboard.core.svg import DEFAULT_OBJECT_SIZE, svg_size

CACHE_PREFIX = "image:"
HEIC_HELP = say("image_is_heic")


def board_image_uses(content: Content, config: Config) -> list[ImageUse]:
    """Every picture the site shows, with where it is named: in content, and callboard.toml's share_image."""
    uses = image_uses(content_items(content), config.base_path)
    if config.share_image:
        uses.append(ImageUse(config.share_image, CONFIG_FILE, 0))
    return uses


def check_images(content: Content, config: Config, diagnostics: Diagnostics) -> None:
    """What `callboard check` can say about pictures without encoding them: HEIC files and
    sources over WARN_BYTES (a file that is not a picture is found when it is encoded)."""
    for path, uses in _by_path(board_image_uses(content, config)).items():
        target = config.root / "static" / path
        if path.lower().endswith(PHONE_SUFFIXES):
            _report(diagnostics, uses, path, HEIC_HELP)
        elif is_processed(path) and target.is_file() and target.stat().st_size > WARN_BYTES:
            _report(diagnostics, uses, path, _too_large(target.stat().st_size), warning=True)


def process_images(run: Run) -> None:
    """Step: a WebImage for every picture the site shows, on the board; the files to write, on the run."""
    started = time.perf_counter()
    config, diagnostics = run.result.config, run.result.diagnostics
    static = config.root / "static"
    images: dict[str, WebImage] = {}
    pending: dict[str, tuple[str, list[ImageUse]]] = {}
    for path, uses in _by_path(board_image_uses(run.result.content, config)).items():
        target = static / path
        if not target.is_file():
            continue  # reported by the loader
        if path.lower().endswith(".svg"):
            images[path] = WebImage(path, *(svg_size(target.read_bytes()) or DEFAULT_OBJECT_SIZE))
        elif path.lower().endswith(PHONE_SUFFIXES):
            _report(diagnostics, uses, path, HEIC_HELP)
        elif is_processed(path):
            data = target.read_bytes()
            if len(data) > WARN_BYTES:
                _report(diagnostics, uses, path, _too_large(len(data)), warning=True)
            key = CACHE_PREFIX + hashlib.blake2b(data + IMAGING_VERSION.encode(), digest_size=20).hexdigest()
            pending[path] = (key, uses)
    made = _renditions(run, static, pending)
    for path, (key, uses) in pending.items():
        result = made[key]
        if isinstance(result, Message):
            _report(diagnostics, uses, path, result)
            continue
        if result.animated:
            _report(diagnostics, uses, path, say("image_animated"), warning=True)
        images[path] = _web_image(path, result, run.media)
    run.processed = frozenset(pending)
    run.result.board = replace(run.result.board, images=images)
    if pending:
        run.progress.finish("pictures", len(pending), time.perf_counter() - started,
                            say_n("progress_encoded", "progress_encoded_plural", run.result.images_encoded))


def _renditions(run: Run, static: Path, pending: dict[str, tuple[str, list[ImageUse]]]) -> dict[str, Renditions | Message]:
    """Cache key -> renditions (or why there are none), encoding only what the cache lacks."""
    cache = run.cache
    made: dict[str, Renditions | Message] = {}
    for key, _ in pending.values():
        found = cache.get(key) if cache is not None else None
        if found is not None:
            made[key] = found
    missing = sorted({(key, str(static / path)) for path, (key, _) in pending.items() if key not in made})
    results = pool_map(encode_file, [path for _, path in missing], run.options.jobs, per_worker=2)
    for (key, _), result in zip(missing, results):
        made[key] = result
        if cache is not None and not isinstance(result, Message):
            cache.put(key, result)
    run.result.images_encoded += len(missing)
    return made


def encode_file(path: str) -> Renditions | Message:
    """The renditions of the photo at `path`, or the sentence saying why it is not one. Takes a
    path, not bytes, so that a worker process reads the file itself (nothing large is sent)."""
    try:
        return make_renditions(Path(path).read_bytes())
    except ImageProblem as exc:
        return exc.message
    except OSError as exc:
        return say("image_cannot_be_read", reason=str(exc.strerror))


def _web_image(path: str, made: Renditions, files: dict[str, bytes]) -> WebImage:
    """The WebImage of one source, adding each rendition's file (named by its bytes) to `files`."""

    def variant(rendition: Rendition, label: str) -> Variant:
        name = variant_path(path, label, hashlib.blake2b(rendition.data, digest_size=5).hexdigest(), rendition.suffix)
        files[name] = rendition.data
        return Variant(name, rendition.width, rendition.height, rendition.mime)

    modern = tuple(variant(r, str(r.width)) for r in made.modern)
    fallback = tuple(variant(r, str(r.width)) for r in made.fallback)
    largest = made.fallback[-1]
    return WebImage(path, largest.width, largest.height, modern, fallback, variant(made.share, "share"))


def write_images(run: Run) -> None:
    """Step: the renditions go into the site (where the live one lacks them)."""
    live = run.plan.live or {}
    for path in sorted(run.media):
        if path in run.desired:
            run.result.diagnostics.error(f"static/{path}", 0, say("static_replaces_picture", path=path))
            continue
        data = run.media[path]
        digest = content_hash(data)
        run.desired[path] = digest
        if live.get(path) != digest:
            run.written[path] = run.writer.write(path, data)


def _by_path(uses: list[ImageUse]) -> dict[str, list[ImageUse]]:
    grouped: dict[str, list[ImageUse]] = defaultdict(list)
    for use in uses:
        grouped[use.path].append(use)
    return dict(grouped)


def _report(diagnostics: Diagnostics, uses: list[ImageUse], path: str, problem: Message, warning: bool = False) -> None:
    report = diagnostics.warning if warning else diagnostics.error
    for use in dict.fromkeys(uses):
        report(use.source, use.line, say("image_problem", path=path, problem=problem))


def _too_large(size: int) -> Message:
    return say("image_too_large", size=round(size / 1_000_000), limit=WARN_BYTES // 1_000_000)
