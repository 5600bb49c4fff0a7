"""The open-data contract: the versions of the files in `api/` and the JSON Schemas that say
what each version holds.

The schemas ship inside the package (`callboard/content/contracts/`), so that a board writes
what they describe and a hub that reads other boards' files checks them against the same text.
The writers are in callboard.outputs; this module is in the content layer because a hub turns
other boards' files back into content.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

BOARD_JSON_VERSION = 1
"""The version of `api/board.json`'s own shape. A new field that readers may ignore keeps it;
a field removed, renamed or given another meaning raises it."""
OPEN_DATA_VERSION = 1
"""The version of `api/needs.json`, `api/testbeds.json` and `api/cases.json`, which board.json
names so that a reader knows what it will find before it fetches them."""


@cache
def board_schema() -> dict:
    """The JSON Schema (draft 2020-12) of `api/board.json`, version BOARD_JSON_VERSION."""
    return _schema("board.schema.json")


@cache
def items_schema() -> dict:
    """The JSON Schema of one item of needs.json, testbeds.json and cases.json (`$defs` need,
    testbed and case), open-data version OPEN_DATA_VERSION, with the limits a hub puts on them."""
    return _schema("items.schema.json")


def _schema(name: str) -> dict:
    text = files("callboard.content").joinpath("contracts", name).read_text(encoding="utf-8")
    return json.loads(text)
