"""What a board's static files may publish: no SVG that runs code, no host control file the
board did not ask for, and a word about pages and scripts that come with nobody's review.

Static files arrive by pull request like content does, and they are published as they are:
- an SVG is a document that runs its scripts when opened on its own (`core/svg.py`), so one
  with active content is an error at its file, and at each content line that points at it;
- Netlify and Cloudflare Pages act on some files in the site's root (`_redirects` sends
  visitors elsewhere, `_worker.js` runs as server code), so these are published only when
  `callboard.toml` names them in `host_files`, and are reported and left out otherwise;
- an `.html` or `.js` file that does not replace a theme file is published with the site's
  origin; that may be meant (a verification page), so it is a warning that names it.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from callboard.config import HOST_FILES, Config
from callboard.content.media import content_items
from callboard.content.models import Content
from callboard.core.diagnostics import Diagnostics, Message, say
from callboard.core.svg import svg_problems

ACTIVE_SUFFIXES = (".html", ".htm", ".js", ".mjs")


def host_file(path: str) -> str | None:
    """The host control file an output path is or lies in (`_worker.js/` may be a folder), or None."""
    first = path.split("/", 1)[0]
    return first if first in HOST_FILES else None


def publishable_static(files: dict[str, Path], board_root: Path, theme_paths: frozenset[str],
                       host_files: tuple[str, ...], diagnostics: Diagnostics) -> dict[str, Path]:
    """The static `files` (output path -> source) the site may publish, reporting the rest.

    Only the board's own files are judged (those under `board_root`); `theme_paths` are the
    output paths of callboard's theme, which a board's file may replace without a word."""
    board = board_root.resolve()
    kept: dict[str, Path] = {}
    same_but_case = _differing_only_in_case(files)
    for path, source in files.items():
        resolved = source.resolve()
        if not resolved.is_relative_to(board):
            kept[path] = source
            continue
        where = resolved.relative_to(board).as_posix()
        if path in same_but_case:
            diagnostics.error(where, 0, say("static_differs_in_case", path=path, other=same_but_case[path]))
            continue
        named = host_file(path)
        if named is not None and named not in host_files:
            diagnostics.warning(where, 0, say("host_file_left_out", name=named))
            continue
        if path.lower().endswith(".svg"):
            problems = svg_problems(resolved.read_bytes())
            for problem in problems:
                diagnostics.error(where, 0, say("svg_file_refused", problem=problem))
            if problems:
                continue
        elif path.lower().endswith(ACTIVE_SUFFIXES) and path not in theme_paths and named is None:
            diagnostics.warning(where, 0, say("static_page_or_script"))
        kept[path] = source
    return kept


def check_svg_references(content: Content, config: Config, diagnostics: Diagnostics) -> None:
    """A case story's image or a body image that is an SVG in static/ which would run code is an
    error at the line that points at it (the file itself is reported when the site is written)."""
    static = (config.root / "static").resolve()
    verdicts: dict[Path, list[Message]] = {}
    for item in content_items(content):
        pointed = [(item.lines.get(key, 0), image) for key in ("image", "logo") if (image := getattr(item, key, None))]
        pointed += [(link.line, unquote(urlsplit(link.url).path).removeprefix(config.base_path))
                    for link in item.body_links if urlsplit(link.url).path.lower().endswith(".svg")]
        for line, relative in pointed:
            if not relative.lower().endswith(".svg"):
                continue
            target = (static / relative.lstrip("/")).resolve()
            if not target.is_relative_to(static) or not target.is_file():
                continue
            if target not in verdicts:
                verdicts[target] = svg_problems(target.read_bytes())
            for problem in verdicts[target]:
                diagnostics.error(item.source, line, say("svg_image_refused", image=relative, problem=problem))


def _differing_only_in_case(files: dict[str, Path]) -> dict[str, str]:
    """Output path -> another output path it equals but for capitals (they collide on the
    case-insensitive file systems of Windows and macOS, and in a checkout there)."""
    by_folded: dict[str, list[str]] = {}
    for path in files:
        by_folded.setdefault(path.casefold(), []).append(path)
    return {path: next(other for other in group if other != path)
            for group in by_folded.values() if len(group) > 1 for path in group}
