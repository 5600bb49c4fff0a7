"""What a build tells the person running it while it runs.

On a terminal each long stage shows a progress bar (tqdm); elsewhere, as in CI, the same
stages are one plain line each, so that logs stay readable: `loaded 11,500 files in 0.40 s`.
`--quiet` prints nothing but problems; `--verbose` adds the stages of `check` too.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import Protocol, TextIO

from callboard.core.diagnostics import Message, say, say_n

BAR_THRESHOLD = 500
"""Stages with less work than this finish before a bar would be worth drawing."""


class Speaker(Protocol):
    """Writes messages and measured values in one language: a `Translator`."""

    def message(self, message: Message) -> str: ...

    def decimal(self, value: float, digits: int) -> str: ...


def stage_line(stage: str, count: int, seconds: str, detail: Message | None = None) -> Message:
    """`loaded 11,500 files in 0.40 s`, with what else the stage has to say in brackets."""
    lines = {
        "loaded": say_n("progress_loaded", "progress_loaded_plural", count, seconds=seconds),
        "planned": say_n("progress_planned", "progress_planned_plural", count, seconds=seconds),
        "rendered": say_n("progress_rendered", "progress_rendered_plural", count, seconds=seconds),
        "wrote": say_n("progress_wrote", "progress_wrote_plural", count, seconds=seconds),
        "indexed": say_n("progress_indexed", "progress_indexed_plural", count, seconds=seconds),
        "checked": say_n("progress_checked", "progress_checked_plural", count, seconds=seconds),
        "pictures": say_n("progress_pictures", "progress_pictures_plural", count, seconds=seconds),
        "fetched": say_n("progress_fetched", "progress_fetched_plural", count, seconds=seconds),
    }
    line = lines[stage]
    return say("progress_with_detail", line=line, detail=detail) if detail else line


class Progress(Protocol):
    def start(self, stage: str, total: int) -> None: ...

    def advance(self, count: int) -> None: ...

    def finish(self, stage: str, count: int, seconds: float, detail: Message | None = None) -> None: ...


class Silent:
    """Progress that says nothing (tests, the dev server)."""

    def start(self, stage: str, total: int) -> None:
        pass

    def advance(self, count: int) -> None:
        pass

    def finish(self, stage: str, count: int, seconds: float, detail: Message | None = None) -> None:
        pass


@dataclass
class StageReporter:
    """Bars on a terminal, one line per stage elsewhere, in the board's language; nothing with `quiet`."""

    speaker: Speaker
    quiet: bool = False
    stream: TextIO = field(default_factory=lambda: sys.stderr)
    started: float = field(default_factory=time.perf_counter)
    _bar: object = None

    @property
    def bars(self) -> bool:
        return not self.quiet and self.stream.isatty()

    def start(self, stage: str, total: int) -> None:
        if self.bars and total >= BAR_THRESHOLD:
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc=stage, unit="", leave=False, file=self.stream, dynamic_ncols=True)

    def advance(self, count: int) -> None:
        if self._bar is not None:
            self._bar.update(count)

    def finish(self, stage: str, count: int, seconds: float, detail: Message | None = None) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        if not self.quiet:
            line = stage_line(stage, count, self.speaker.decimal(seconds, 2), detail)
            print(self.speaker.message(line), file=self.stream, flush=True)

    def elapsed(self) -> float:
        return time.perf_counter() - self.started
