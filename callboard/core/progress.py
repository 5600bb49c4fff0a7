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

BAR_THRESHOLD = 500
"""Stages with less work than this finish before a bar would be worth drawing."""

_NOUNS = {"loaded": "files", "planned": "pages", "rendered": "pages", "wrote": "changed files",
          "indexed": "pages", "checked": "links"}


class Progress(Protocol):
    def start(self, stage: str, total: int) -> None: ...

    def advance(self, count: int) -> None: ...

    def finish(self, stage: str, count: int, seconds: float, detail: str = "") -> None: ...


class Silent:
    """Progress that says nothing (tests, the dev server)."""

    def start(self, stage: str, total: int) -> None:
        pass

    def advance(self, count: int) -> None:
        pass

    def finish(self, stage: str, count: int, seconds: float, detail: str = "") -> None:
        pass


@dataclass
class StageReporter:
    """Bars on a terminal, one line per stage elsewhere; nothing with `quiet`."""

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

    def finish(self, stage: str, count: int, seconds: float, detail: str = "") -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        if not self.quiet:
            noun = _NOUNS.get(stage, "")
            extra = f" ({detail})" if detail else ""
            print(f"{stage} {count:,} {noun} in {seconds:.2f} s{extra}", file=self.stream, flush=True)

    def elapsed(self) -> float:
        return time.perf_counter() - self.started
