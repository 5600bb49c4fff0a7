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
from callboard.content.models import Need, Status
from callboard.content.permalinks import NEEDS_INDEX
from callboard.core.text import to_slug
from callboard.i18n import Translator
from callboard.site.assemble import Board

FIELDS = ("url", "title", "organisation", "status", "deadline", "published", "categories",
          "procurement", "days_left", "deadline_text", "summary")
CLOSES_WITHIN_DAYS = 30


def deadline_text(need: Need, t: Translator) -> str:
    """The deadline line of a need card, as plain text."""
    if need.status is Status.OPEN:
        if need.days_left == 0:
            return t("closes_today")
        if not need.deadline:
            return t("rolling")
        deadline = t("deadline") + " " + t.date(need.deadline)
        if need.days_left is not None and need.days_left <= CLOSES_WITHIN_DAYS:
            return t.ngettext("closes_in", "closes_in_plural", need.days_left) + " · " + deadline
        return deadline
    if need.status is Status.UPCOMING and need.opens:
        return t("opens_on", date=t.date(need.opens))
    return t("closed_on", date=t.date(need.deadline)) if need.deadline else ""


def need_index_files(board: Board) -> Iterator[tuple[str, bytes]]:
    t = board.config.translator()
    rows = [[need.url, need.title, to_slug(need.organisation), need.status.value,
             need.deadline.isoformat() if need.deadline else "", need.published.isoformat(),
             [to_slug(c) for c in need.categories], need.procurement or "", need.days_left,
             deadline_text(need, t), need.summary]
            for need in board.needs]
    document = {"fields": FIELDS, "statuses": {s.value: t(STATUS_LABEL[s]) for s in Status},
                "organisations": {term.slug: term.name for term in board.organisations}, "needs": rows}
    yield NEEDS_INDEX, json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
