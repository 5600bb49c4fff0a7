"""What a build tells the person running it: one line per stage, and a closing summary.

On a terminal the stage lines are shown as they happen; in CI (no terminal) they are the
same plain lines, so logs stay readable: `loaded 11,500 items in 0.4 s`.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field

_NOUNS = {"loaded": "files", "assembled": "pages planned", "rendered": "pages", "wrote": "changed files"}


@dataclass
class StageReporter:
    """Receives (stage, count, seconds) from the pipeline; prints them with --verbose."""

    verbose: bool = False
    started: float = field(default_factory=time.perf_counter)
    stages: list[tuple[str, int, float]] = field(default_factory=list)

    def __call__(self, stage: str, count: int, seconds: float) -> None:
        self.stages.append((stage, count, seconds))
        if self.verbose:
            noun = _NOUNS.get(stage, "")
            print(f"{stage} {count:,} {noun} in {seconds:.2f} s", file=sys.stderr, flush=True)

    def elapsed(self) -> float:
        return time.perf_counter() - self.started


def summary(result, shown_out: str, seconds: float) -> str:
    if result.unchanged:
        return f"nothing changed; {shown_out} is up to date ({seconds:.2f} s)"
    return (f"{result.pages:,} pages, {result.files_written:,} files written to {shown_out} "
            f"in {seconds:.1f} s")
