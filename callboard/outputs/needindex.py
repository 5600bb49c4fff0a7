"""`needs/index.json`: a compact index of every need, for the filter script on the needs list.

The list pages show fifty needs at a time; the script filters and sorts all of them from this
file. Each need is one short array (see FIELDS) in list order, so the file stays small on a
board of thousands of needs. Texts that depend on the build date ("Stänger om 3 dagar") are
written here by the build, in the board's language, so the script never formats dates itself.
"""

from __future__ import annotations

import json
from typing import Iterator

from callboard.content.labels import STATUS_LABEL
from callboard.content.models import Status
from callboard.content.permalinks import NEEDS_INDEX
from callboard.core.text import to_slug
from callboard.outputs.descriptor import Output
from callboard.site.assemble import Board
from callboard.site.deadlines import deadline_text

FIELDS = ("url", "title", "organisation", "status", "deadline", "published", "categories",
          "procurement", "days_left", "deadline_text", "summary", "organisations_count", "origin")
"""`origin`: for a need a hub gathered, where it comes from as the cards say it ("från Umeå
kommuns tavla"); empty for the board's own."""


def need_index_files(board: Board) -> Iterator[tuple[str, bytes]]:
    t = board.config.translator()
    rows = [[need.url, need.title, to_slug(need.organisation), need.status.value,
             need.deadline.isoformat() if need.deadline else "", need.published.isoformat(),
             [to_slug(c) for c in need.categories], need.procurement or "", need.days_left,
             deadline_text(need, t), need.summary,
             board.organisations_count(need), t("origin_card", board=need.origin.board) if need.origin else ""]
            for need in board.needs]
    document = {"fields": FIELDS, "statuses": {s.value: t(STATUS_LABEL[s]) for s in Status},
                "organisations": {term.slug: term.name for term in board.organisations}, "needs": rows}
    yield NEEDS_INDEX, json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


OUTPUT = Output("needs index", lambda board, pages, memo: need_index_files(board), cost_rank=5)
