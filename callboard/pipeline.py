"""The build, end to end: load and validate -> assemble -> render -> write.

The command line, the dev server and the tests all go through these functions, so there is
one way to build a board.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import jinja2

from .assemble import Board, assemble
from .config import Config, check_base_url, load_config, normalise_base_url, today_in
from .diagnostics import Diagnostics
from .load import Content, load_content
from .render import render_site
from .theme import ThemeFiles
from .write import SiteWriter, check_output_dir


@dataclass(frozen=True)
class RunOptions:
    """What the command line may change for one run."""

    root: Path
    now: date | None = None
    drafts: bool = False
    base_url: str | None = None
    strict: bool = False


@dataclass
class Result:
    diagnostics: Diagnostics
    config: Config
    content: Content | None = None
    board: Board | None = None
    files_written: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    strict: bool = False

    @property
    def ok(self) -> bool:
        return not self.diagnostics.has_errors(self.strict)


class UsageError(Exception):
    """A mistake in how callboard was called (exit code 2), not in the content."""


def make_config(options: RunOptions, diagnostics: Diagnostics) -> Config:
    config = load_config(options.root, diagnostics)
    changes: dict = {"today": options.now or today_in(config.timezone), "drafts": options.drafts}
    if options.base_url is not None:
        problem = check_base_url(options.base_url)
        if problem:
            raise UsageError(f"--base-url: {problem}")
        changes["base_url"] = normalise_base_url(options.base_url)
    return config.with_options(**changes)


def check(options: RunOptions) -> Result:
    """Load and validate the whole board without writing anything."""
    diagnostics = Diagnostics()
    started = time.perf_counter()
    config = make_config(options, diagnostics)
    content = load_content(config, diagnostics)
    result = Result(diagnostics, config, content, strict=options.strict)
    result.timings["load"] = time.perf_counter() - started
    return result


def build(options: RunOptions, out: Path, extra_head: str = "") -> Result:
    """Check, then write the site to `out` only if the board has no errors."""
    check_output_dir(out, options.root)
    result = check(options)
    if not result.ok:
        return result
    started = time.perf_counter()
    result.board = assemble(result.content, result.config)
    theme = ThemeFiles.for_board(options.root)
    writer = SiteWriter(out)
    try:
        for path, data in render_site(result.board, theme, extra_head):
            writer.write(path, data)
        writer.copy(theme.static_files().items())
    except jinja2.TemplateError as exc:
        writer.abort()
        report_template_error(exc, theme, result.diagnostics)
        return result
    except BaseException:
        writer.abort()
        raise
    writer.commit()
    result.files_written = writer.count
    result.timings["build"] = time.perf_counter() - started
    return result


def report_template_error(exc: jinja2.TemplateError, theme: ThemeFiles, diagnostics: Diagnostics) -> None:
    """A template mistake, reported like a content error: the template's file and line."""
    filename, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if not filename:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".html")]
        if frames:
            filename, line = frames[-1].filename, frames[-1].lineno
    where = _relative_template_path(filename, theme) if filename else "templates"
    diagnostics.error(where, line or 0, f"template error: {exc.message or exc}")


def _relative_template_path(filename: str, theme: ThemeFiles) -> str:
    path = Path(filename).resolve()
    for base in (theme.board_root.resolve(), theme.theme_dir.resolve().parent):
        if path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return filename
