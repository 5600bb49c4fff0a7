"""`Output`: what one module of `callboard.outputs` makes, as the build sees it. A module of its
own so that every output module can declare itself without importing the package that lists
them (`callboard.outputs.OUTPUTS`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from callboard.outputs.memo import Memo
from callboard.site.assemble import Board
from callboard.site.pages import Page

Generate = Callable[[Board, Sequence[Page], Memo], Iterable[tuple[str, bytes]]]
"""(board, the planned pages, memo) -> (output path, bytes) pairs."""


@dataclass(frozen=True)
class Output:
    """Files made from the whole board besides its pages, such as the feeds or the sitemap."""

    name: str
    """What the build's timings call it."""
    generate: Generate
    """A pure function of the board and the pages: equal arguments give equal bytes. Pieces that
    are costly to make are kept between builds through the Memo."""
    cost_rank: int
    """1 for the costliest. The build hands outputs to its workers costliest first, in turns,
    so that each worker's share takes about as long; outputs of equal rank keep OUTPUTS' order."""
