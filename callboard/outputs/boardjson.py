"""`api/board.json`: what the board says about itself, for a hub that reads other boards.

Its name, address, language and hub organisation, the organisations whose needs it publishes,
the version of its open-data files and their addresses. The shape is a contract
(callboard.content.contract: its version and the JSON Schema shipped in the package). The file
holds nothing that depends on the build's clock, so the same content gives the same bytes.
Written only with a base_url, like the rest of `api/`: its addresses must be absolute.
"""

from __future__ import annotations

import json
from typing import Iterator

from callboard.content.contract import BOARD_JSON_VERSION, OPEN_DATA_VERSION
from callboard.content.permalinks import (
    BOARD_JSON, CASES_JSON, NEEDS_CSV, NEEDS_FEED, NEEDS_JSON, OCDS_JSON, STATISTICS_JSON, TESTBEDS_JSON,
)
from callboard.core.text import collation_key
from callboard.outputs.descriptor import Output
from callboard.site.assemble import Board


def board_files(board: Board) -> Iterator[tuple[str, bytes]]:
    config = board.config
    if not config.base_url:
        return
    yield BOARD_JSON, (json.dumps(board_record(board), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def board_record(board: Board) -> dict:
    config = board.config
    hub = config.hub
    return {
        "version": BOARD_JSON_VERSION,
        "name": config.title,
        "url": config.base_url,
        "lang": config.lang,
        "hub": {"name": hub.name, "email": hub.email or None, "url": hub.url or None} if hub else None,
        "organisations": publishing_organisations(board),
        "open_data_version": OPEN_DATA_VERSION,
        "files": _files(board),
    }


def publishing_organisations(board: Board) -> list[str]:
    """The organisations of the board's published needs, in alphabetical order (Swedish collation)."""
    return sorted({need.organisation for need in board.needs}, key=collation_key)


def _files(board: Board) -> dict[str, str | None]:
    """Every file the open data of this board is made of; OCDS is not written without needs."""
    base = board.config.base_url
    return {"needs": base + NEEDS_JSON, "testbeds": base + TESTBEDS_JSON, "cases": base + CASES_JSON,
            "needs_csv": base + NEEDS_CSV, "ocds": base + OCDS_JSON if board.needs else None,
            "statistics": base + STATISTICS_JSON, "feed": base + NEEDS_FEED}


OUTPUT = Output("board description", lambda board, pages, memo: board_files(board), cost_rank=7)
