"""Files made from the whole board besides the pages: feeds, calendars, open data, OCDS, the
needs index, the sitemap, the statistics, `_headers` and `api/board.json`.

Each module declares what it makes as an `Output` named `OUTPUT`, and `OUTPUTS` lists them: the
build makes exactly what is listed here. Adding an output is one module with its `OUTPUT` and
one line in `OUTPUTS`; nothing registers itself on import.
"""

from __future__ import annotations

from callboard.outputs import boardjson, calendars, feeds, headers, needfeeds, needindex, ocds, opendata, sitemap, statistics
from callboard.outputs.descriptor import Generate, Output

__all__ = ["OUTPUTS", "Generate", "Output"]

OUTPUTS: tuple[Output, ...] = (
    opendata.OUTPUT,
    feeds.OUTPUT,
    ocds.OUTPUT,
    calendars.OUTPUT,
    needfeeds.OUTPUT,
    needindex.OUTPUT,
    sitemap.OUTPUT,
    statistics.OUTPUT,
    headers.OUTPUT,
    boardjson.OUTPUT,
)
