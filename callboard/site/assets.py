"""The theme's own files in `assets/` as the site publishes them: stylesheets and scripts
minified, and every file named after its content (`assets/callboard.3f2a9c1b.css`).

A name that changes whenever the bytes change lets `_headers` tell browsers and CDNs to keep
`/assets/*` for a year without asking again (`outputs/headers.py`): a new version is a new
address, which the pages, rendered in the same build, link to. So nothing in `assets/` is
published under its plain name, and templates link to these files only through `asset(path)`.

A board that puts its own `static/assets/callboard.css` in place of the theme's (`site/theme.py`)
gets its own file minified and hashed the same way. The minifiers, rcssmin and rjsmin, are
deterministic: the same source gives the same bytes, so the names are the same on every build.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Callable

import rcssmin
import rjsmin

from callboard.site.theme import default_theme_dir

ASSETS_FOLDER = "assets/"
HASH_LENGTH = 8
"""Hex digits of the content hash in a name: 32 bits, plenty for a few dozen files."""
_MINIFIERS: dict[str, Callable[[str], str]] = {
    ".css": rcssmin.cssmin,
    ".js": rjsmin.jsmin,
}


MINIFIERS_VERSION = f"rcssmin {rcssmin.__version__}, rjsmin {rjsmin.__version__}"
"""Part of every page's fingerprint: another minifier may give other bytes, so other names."""


def is_asset(path: str) -> bool:
    """Whether a static file is one of the theme's assets (or a board's own in its place), which
    are published only under a hashed name. A board's other files in `static/assets/` keep
    their names: a body or a board's stylesheet may link to them as they are."""
    return path.startswith(ASSETS_FOLDER) and path in _theme_assets()


@cache
def _theme_assets() -> frozenset[str]:
    folder = default_theme_dir() / "static"
    return frozenset(file.relative_to(folder).as_posix() for file in (folder / ASSETS_FOLDER).rglob("*") if file.is_file())


def published_bytes(path: str, source: bytes) -> bytes:
    """A stylesheet or script minified; any other asset (the favicon) as it is."""
    minify = _MINIFIERS.get(PurePosixPath(path).suffix)
    if minify is None:
        return source
    return minify(source.decode("utf-8")).encode("utf-8")


def hashed_path(path: str, data: bytes) -> str:
    """`assets/callboard.css` with these bytes -> `assets/callboard.<hash>.css`."""
    pure = PurePosixPath(path)
    digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
    return str(pure.with_name(f"{pure.stem}.{digest}{pure.suffix}"))


class Assets:
    """The published form of each asset, made once per build when first asked for."""

    def __init__(self, static_file: Callable[[str], Path | None]):
        self._static_file = static_file
        self._published: dict[str, tuple[str, bytes]] = {}

    def publish(self, path: str, source: Path) -> tuple[str, bytes]:
        """(hashed output path, bytes) of the asset `path` read from `source`."""
        if path not in self._published:
            data = published_bytes(path, source.read_bytes())
            self._published[path] = (hashed_path(path, data), data)
        return self._published[path]

    def address(self, path: str) -> str | None:
        """The hashed output path of the theme's asset `path`, or None when there is no such file."""
        source = self._static_file(path)
        return self.publish(path, source)[0] if source is not None else None
