"""The cache's state: one typed value, written to state.json and read back by one pair of
functions; anything else in the file is ignored or refused, never half-trusted."""

import json

import pytest

from callboard import __version__
from callboard.build.state import FORMAT, CacheState, DamagedState, Replay, state_from_json, state_to_json
from callboard.content.sources import Stamps
from callboard.core.diagnostics import Diagnostic, Severity

FULL = CacheState(
    stamps=Stamps({"content/needs/a.md": [120, 1_700_000_000_000_000_000, "d1"]}, "00ff", 1_700_000_000),
    snapshot="s" * 32,
    inputs="i" * 32,
    replay=Replay((Diagnostic("callboard.toml", 0, Severity.WARNING, "base_url is not set"),), ("search was left out",)),
    out="/tmp/site",
    live={"index.html": "h1", "needs/a/index.html": "h2"},
    pages={"index.html": "f1"},
)


def document(**changes):
    return {**json.loads(state_to_json(FULL)), **changes}


def test_every_field_comes_back_as_it_was_written():
    assert state_from_json(state_to_json(FULL)) == FULL
    assert state_from_json(state_to_json(CacheState())) == CacheState()


def test_the_file_names_its_format_and_version():
    written = json.loads(state_to_json(FULL))
    assert (written["format"], written["version"]) == (FORMAT, __version__)
    assert written["replay"]["diagnostics"] == [["callboard.toml", 0, "warning", "base_url is not set"]]


@pytest.mark.parametrize("changes", [{"format": FORMAT - 1}, {"version": "0.0.1"}])
def test_a_state_of_another_format_or_version_is_ignored(changes):
    assert state_from_json(json.dumps(document(**changes)).encode()) is None


@pytest.mark.parametrize("data", [
    b"{not json",
    json.dumps(document(live=["index.html"])).encode(),
    json.dumps(document(stamps={"files": {}, "salt": "00"})).encode(),
    json.dumps(document(replay={"diagnostics": [["x", 0, "fatal", "?"]], "notes": []})).encode(),
    json.dumps({key: value for key, value in document().items() if key != "pages"}).encode(),
])
def test_a_state_not_shaped_as_written_is_damaged(data):
    with pytest.raises(DamagedState):
        state_from_json(data)
