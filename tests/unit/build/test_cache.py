"""The build cache: entries signed and checked, a damaged or foreign cache discarded with one
warning, and the typed state kept by both kinds of cache."""

import pytest

from callboard.build.cache import CACHE_DIR, BuildCache, MemoryCache
from callboard.build.state import CacheState
from tests.support.boards import NOW, need_file
from tests.support.messages import english
from tests.support.rebuilds import assert_same_as_clean, build


def damage_cache(database, damage):
    import sqlite3

    if damage == "garbage":
        database.write_bytes(b"garbage" * 100)
    elif damage == "foreign":  # signed with another key than this user's
        with sqlite3.connect(database) as connection:
            connection.execute("UPDATE entries SET signature = zeroblob(32)")
    else:  # loaded files' entries changed on disk (entries are checked when read: these will be)
        with sqlite3.connect(database) as connection:
            connection.execute("UPDATE entries SET value = value || x'00' WHERE key NOT LIKE '%:%'")


@pytest.mark.parametrize("damage", ["garbage", "foreign", "tampered"])
def test_a_damaged_or_foreign_cache_is_discarded_with_a_warning(cli, fixture_board, tmp_path, damage):
    out = tmp_path / "out"
    build(cli, fixture_board, out)
    damage_cache(fixture_board / ".callboard-cache/items.sqlite", damage)
    (fixture_board / "content/needs/energi.md").write_text(need_file(title="Ändrad"), encoding="utf-8")
    result = cli("build", "--root", fixture_board, "--out", out, "--now", NOW)
    assert result.code == 0
    assert result.err.count("byggcachen") == 1 and "har tagits bort" in result.err  # the fixture board is Swedish
    assert_same_as_clean(cli, fixture_board, out, tmp_path)
    again = cli("build", "--root", fixture_board, "--out", out, "--now", "2026-11-29")
    assert again.code == 0 and "byggcachen" not in again.err  # made anew, and trusted again


def test_an_unreadable_state_is_discarded_with_a_warning_and_an_old_one_quietly(tmp_path):
    folder = tmp_path / CACHE_DIR
    folder.mkdir()
    (folder / "state.json").write_text("{not json", encoding="utf-8")
    damaged = BuildCache.open(tmp_path)
    assert damaged.state == CacheState()
    assert [english(warning) for warning in damaged.warnings] == ["the build cache was damaged and has been discarded"]
    (folder / "state.json").write_text('{"format": 2, "version": "0.1", "inputs": "abc"}', encoding="utf-8")
    old = BuildCache.open(tmp_path)
    assert old.state == CacheState() and old.warnings == []


def test_both_caches_keep_the_state_they_are_given(tmp_path):
    state = CacheState(inputs="abc", out=str(tmp_path / "site"), live={"index.html": "1234"}, pages={"index.html": "5"})
    on_disk = BuildCache.open(tmp_path)
    on_disk.state = state
    on_disk.save()
    assert BuildCache.open(tmp_path).state == state
    in_memory = MemoryCache()
    in_memory.state = state
    in_memory.save()
    assert in_memory.state == state
