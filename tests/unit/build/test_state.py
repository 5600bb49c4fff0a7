"""The cache's state: one typed value, written to state.json and read back by one pair of
functions; anything else in the file is ignored or refused, never half-trusted."""

import json

import pytest

from callboard import __version__
from callboard.build.state import FORMAT, CacheState, DamagedState, Replay, state_from_json, state_to_json
from callboard.content.sources import Stamps
from callboard.core.diagnostics import Diagnostic, Severity, say, say_n
from tests.support.messages import english, swedish

FULL = CacheState(
    stamps=Stamps({"content/needs/a.md": [120, 1_700_000_000_000_000_000, "d1"]}, "00ff", 1_700_000_000),
    snapshot="s" * 32,
    inputs="i" * 32,
    replay=Replay((Diagnostic("callboard.toml", 0, Severity.WARNING,
                              say("field_must_be_text", name=say("each_item_of", name="tags"), value=say("value_list"))),),
                  (say("search_left_out_by_option"), say_n("n_pages", "n_pages_plural", 3))),
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
    assert written["replay"]["diagnostics"] == [["callboard.toml", 0, "warning", {
        "key": "field_must_be_text", "values": {"name": {"key": "each_item_of", "values": {"name": "tags"}},
                                                "value": {"key": "value_list", "values": {}}}}]]
    assert written["replay"]["notes"][1] == {"key": "n_pages", "values": {}, "plural": "n_pages_plural", "count": 3}


def test_replayed_warnings_and_notes_are_said_again_in_either_language():
    replay = state_from_json(state_to_json(FULL)).replay
    assert english(replay.diagnostics[0]) == "each item of tags must be text, not a list"
    assert swedish(replay.diagnostics[0]) == "varje punkt i tags ska vara text, inte en lista"
    assert [english(note) for note in replay.notes] == ["search was left out (--no-search)", "3 pages"]
    assert swedish(replay.notes[1]) == "3 sidor"


@pytest.mark.parametrize("changes", [{"format": FORMAT - 1}, {"version": "0.0.1"}])
def test_a_state_of_another_format_or_version_is_ignored(changes):
    assert state_from_json(json.dumps(document(**changes)).encode()) is None


@pytest.mark.parametrize("data", [
    b"{not json",
    json.dumps(document(live=["index.html"])).encode(),
    json.dumps(document(stamps={"files": {}, "salt": "00"})).encode(),
    json.dumps(document(replay={"diagnostics": [["x", 0, "fatal", {"key": "k", "values": {}}]], "notes": []})).encode(),
    json.dumps(document(replay={"diagnostics": [["x", 0, "warning", "an old text"]], "notes": []})).encode(),
    json.dumps(document(replay={"diagnostics": [], "notes": [{"key": "k", "values": ["a list"]}]})).encode(),
    json.dumps(document(replay={"diagnostics": [], "notes": [{"key": "k", "values": {"v": 1.5}}]})).encode(),
    json.dumps({key: value for key, value in document().items() if key != "pages"}).encode(),
])
def test_a_state_not_shaped_as_written_is_damaged(data):
    with pytest.raises(DamagedState):
        state_from_json(data)
