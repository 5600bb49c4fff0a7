"""The memo of generated pieces: a piece is made again exactly when what it is made from changed."""

from datetime import date

from callboard.build.cache import MemoryCache
from callboard.outputs.memo import NO_MEMO, Memo
from callboard.build.pipeline import RunOptions, build
from tests.support.boards import NOW


def counting(value):
    made = []

    def make():
        made.append(value)
        return value

    return make, made


def test_a_piece_is_made_once_for_the_same_inputs_and_again_for_other_inputs():
    store = MemoryCache()
    memo = Memo("salt", store)
    make, made = counting("piece")
    assert memo("feed", ("a", 1), make) == "piece"
    for key, value in memo.added.items():
        store.put(key, value)
    later = Memo("salt", store)
    assert later("feed", ("a", 1), make) == "piece" and made == ["piece"]
    later("feed", ("a", 2), make)
    later("other", ("a", 1), make)
    Memo("new code or config", store)("feed", ("a", 1), make)
    assert len(made) == 4


def test_without_a_store_everything_is_made_and_nothing_kept():
    make, made = counting("piece")
    NO_MEMO("feed", 1, make)
    NO_MEMO("feed", 1, make)
    assert len(made) == 2 and NO_MEMO.added == {} and NO_MEMO.used == set()


def test_an_edit_makes_again_only_the_pieces_of_the_edited_need(fixture_board, tmp_path, monkeypatch):
    import callboard.outputs.calendars
    import callboard.outputs.opendata

    options = RunOptions(root=fixture_board, now=date.fromisoformat(NOW), search=False)
    out = tmp_path / "out"
    assert build(options, out).ok
    events, records = [], []
    real_event, real_record = callboard.outputs.calendars.event_bytes, callboard.outputs.opendata.need_record
    monkeypatch.setattr(callboard.outputs.calendars, "event_bytes", lambda need, *a: events.append(need.slug) or real_event(need, *a))
    monkeypatch.setattr(callboard.outputs.opendata, "need_record", lambda b, need: records.append(need.slug) or real_record(b, need))
    need = fixture_board / "content/needs/smart-las.md"
    need.write_text(need.read_text(encoding="utf-8").replace("400 nycklar", "500 nycklar"), encoding="utf-8")
    assert build(options.__class__(**{**options.__dict__, "jobs": 1}), out).ok
    assert events == ["smart-las"] and records == ["smart-las"]
    assert '500 nycklar' in (out / "api/needs.json").read_text(encoding="utf-8")
