"""Incremental builds: after any sequence of changes, the output equals a clean build's; and
what changed is found without doing more than it takes (callboard.build.changes)."""

import os
import random
from datetime import date

import pytest

from callboard.build import pipeline
from callboard.build.pipeline import Effects, RunOptions
from tests.support.boards import NOW, need_file
from tests.support.changes import BUNDLE_DOCUMENTS, CHANGES, board_catalog, edit_need, prepare_theme_card
from tests.support.rebuilds import assert_same_as_clean, build
from tests.support.messages import english


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_changes_give_the_same_output_as_a_clean_build(cli, fixture_board, tmp_path, seed):
    prepare_theme_card(tmp_path)
    rng = random.Random(seed)
    out = tmp_path / "out"
    build(cli, fixture_board, out)
    for step in range(8):
        change = rng.choice(CHANGES)
        change(fixture_board, rng)
        now = ["--now", rng.choice([NOW, "2026-12-05"])]
        build(cli, fixture_board, out, *now)
        assert_same_as_clean(cli, fixture_board, out, tmp_path, *now), (seed, step, change.__name__)


def test_a_rebuild_with_nothing_changed_rewrites_no_file(cli, fixture_board, tmp_path):
    out = tmp_path / "out"
    build(cli, fixture_board, out)
    times = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    result = cli("build", "--root", fixture_board, "--out", out, "--now", NOW)
    assert "inget har ändrats" in result.out  # the fixture board is Swedish, and so is what callboard says
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == times


def test_one_edit_renders_only_the_pages_that_show_it(cli, fixture_board, tmp_path):
    out = tmp_path / "out"
    build(cli, fixture_board, out)
    untouched = (out / "needs/energi/index.html").stat().st_mtime_ns
    need = fixture_board / "content/needs/smart-las.md"
    need.write_text(need.read_text(encoding="utf-8").replace("400 nycklar", "500 nycklar"), encoding="utf-8")
    result = cli("build", "--root", fixture_board, "--out", out, "--now", NOW, "-v")
    assert "500 nycklar" in (out / "needs/smart-las/index.html").read_text(encoding="utf-8")
    assert (out / "needs/energi/index.html").stat().st_mtime_ns == untouched
    rendered = int(next(line for line in result.err.splitlines() if line.startswith("gjorde")).split()[1])
    assert 0 < rendered < 15


def test_a_boards_own_text_shows_and_a_change_to_it_renders_again(cli, fixture_board, tmp_path):
    out = tmp_path / "out"
    (fixture_board / "locale").mkdir()
    catalog = fixture_board / "locale/sv.po"
    catalog.write_text(board_catalog("Kommunerna i länet söker lösningar.", "Tabell att rulla"), encoding="utf-8")
    build(cli, fixture_board, out)
    front, need = out / "index.html", out / "needs/smart-las/index.html"
    assert "Kommunerna i länet söker lösningar." in front.read_text(encoding="utf-8")
    assert 'aria-label="Tabell att rulla"' in need.read_text(encoding="utf-8")
    assert ">Till innehållet</a>" in need.read_text(encoding="utf-8")

    catalog.write_text(board_catalog("Regionen söker lösningar.", "Tabell, rulla i sidled"), encoding="utf-8")
    result = build(cli, fixture_board, out)
    assert "nothing changed" not in result.out
    assert "Regionen söker lösningar." in front.read_text(encoding="utf-8")
    assert 'aria-label="Tabell, rulla i sidled"' in need.read_text(encoding="utf-8")
    assert_same_as_clean(cli, fixture_board, out, tmp_path)

    catalog.unlink()
    build(cli, fixture_board, out)
    assert "Här publicerar kommuner, regioner och företag behov" in front.read_text(encoding="utf-8")
    assert_same_as_clean(cli, fixture_board, out, tmp_path)


def test_a_deleted_item_disappears_everywhere(cli, fixture_board, tmp_path):
    out = tmp_path / "out"
    build(cli, fixture_board, out)
    (fixture_board / "content/needs/energi.md").unlink()
    build(cli, fixture_board, out)
    assert not (out / "needs/energi").exists()
    assert not any("needs/energi/" in p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    assert_same_as_clean(cli, fixture_board, out, tmp_path)


def test_a_killed_build_leaves_a_dirty_spare_that_is_not_trusted(cli, fixture_board, tmp_path):
    out = tmp_path / "out"
    build(cli, fixture_board, out)
    build(cli, fixture_board, out, "--now", "2026-12-01")
    spare = tmp_path / ".out.callboard-spare"
    assert (spare / ".callboard-spare.json").is_file()
    (spare / ".callboard-spare.json").unlink()  # what a kill in the middle of an update leaves
    (spare / "index.html").write_text("half-written", encoding="utf-8")
    build(cli, fixture_board, out)
    assert_same_as_clean(cli, fixture_board, out, tmp_path)


def test_building_one_board_into_two_folders_keeps_each_correct(cli, fixture_board, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    build(cli, fixture_board, first)
    build(cli, fixture_board, second, "--now", "2026-12-05")
    edit_need(fixture_board, random.Random(7))
    build(cli, fixture_board, first)
    assert_same_as_clean(cli, fixture_board, first, tmp_path)


def test_a_file_deleted_from_the_output_by_hand_comes_back(cli, fixture_board, tmp_path):
    out = tmp_path / "out"
    build(cli, fixture_board, out)
    (out / "needs/energi/index.html").unlink()
    build(cli, fixture_board, out)
    assert (out / "needs/energi/index.html").is_file()
    assert_same_as_clean(cli, fixture_board, out, tmp_path)


def age(root, seconds=3600):
    """Date every file of the board back, as if written long before the build."""
    past = os.stat(root).st_mtime - seconds
    for path in root.rglob("*"):
        if path.is_file() and ".callboard-cache" not in path.parts:
            os.utime(path, (past, past))


def test_a_rebuild_with_nothing_changed_reads_no_content_file(fixture_board, tmp_path):
    toml = fixture_board / "callboard.toml"
    toml.write_text("".join(line for line in toml.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not line.startswith("base_url")), encoding="utf-8")
    age(fixture_board)
    out = tmp_path / "out"
    options = RunOptions(root=fixture_board, now=date.fromisoformat(NOW))
    first = pipeline.build(options, out)
    assert first.ok and any("base_url is not set" in english(d.message) for d in first.diagnostics.items)  # said again below

    def no_loading(*args, **kwargs):
        raise AssertionError("an unchanged board was loaded")

    again = pipeline.build(options, out, effects=Effects(load=no_loading))
    assert again.ok and again.unchanged and again.diagnostics.sorted() == first.diagnostics.sorted()


def test_an_edit_after_an_unchanged_build_is_seen(cli, fixture_board, tmp_path):
    age(fixture_board)
    out = tmp_path / "out"
    build(cli, fixture_board, out)
    build(cli, fixture_board, out)
    need = fixture_board / "content/needs/smart-las.md"
    need.write_text(need.read_text(encoding="utf-8").replace("400 nycklar", "500 nycklar"), encoding="utf-8")
    build(cli, fixture_board, out)
    assert "500 nycklar" in (out / "needs/smart-las/index.html").read_text(encoding="utf-8")
    assert_same_as_clean(cli, fixture_board, out, tmp_path)


def test_a_file_rewritten_within_the_same_tick_is_read_again(cli, fixture_board, tmp_path):
    """A file time proves nothing when the file was written just before the last build looked at
    it: the same size and time may hide new bytes, so such a file is read again."""
    out = tmp_path / "out"
    need = fixture_board / "content/needs/smart-las.md"
    need.write_bytes(need.read_bytes())  # written just now
    build(cli, fixture_board, out)
    before = need.stat()
    need.write_text(need.read_text(encoding="utf-8").replace("400 nycklar", "500 nycklar"), encoding="utf-8")
    os.utime(need, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert need.stat().st_size == before.st_size
    build(cli, fixture_board, out)
    assert "500 nycklar" in (out / "needs/smart-las/index.html").read_text(encoding="utf-8")


def test_an_unchanged_file_is_not_read_again_on_an_edit_elsewhere(cli, fixture_board, tmp_path, monkeypatch):
    from pathlib import Path

    age(fixture_board)
    out = tmp_path / "out"
    build(cli, fixture_board, out)
    need = fixture_board / "content/needs/smart-las.md"
    need.write_text(need.read_text(encoding="utf-8").replace("400 nycklar", "500 nycklar"), encoding="utf-8")
    read = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or original(self))
    build(cli, fixture_board, out)
    content_read = sorted(p.name for p in read if "content" in p.parts)
    assert content_read == ["smart-las.md"]
    assert_same_as_clean(cli, fixture_board, out, tmp_path)


@pytest.mark.parametrize("change", ["edit", "add", "remove"])
def test_a_changed_added_or_removed_bundle_file_is_seen_though_index_md_is_not_touched(cli, fixture_board,
                                                                                      tmp_path, change):
    folder = fixture_board / "content/needs/buntad"
    folder.mkdir()
    (folder / "index.md").write_text(need_file("Buntad", extra=BUNDLE_DOCUMENTS), encoding="utf-8")
    (folder / "underlag.txt").write_text("Första", encoding="utf-8")
    (folder / "bilaga.txt").write_text("Bilaga", encoding="utf-8")
    age(fixture_board)
    out = tmp_path / "out"
    first = build(cli, fixture_board, out)
    assert "bilaga.txt" in first.err  # in the folder, not listed: a warning
    if change == "edit":
        (folder / "underlag.txt").write_text("Andra!" * 500, encoding="utf-8")  # 3 kB on the page now
    elif change == "add":
        (folder / "ny.txt").write_text("Ny", encoding="utf-8")
    else:
        (folder / "bilaga.txt").unlink()
    again = build(cli, fixture_board, out)
    assert ("ny.txt" in again.err) == (change == "add") and ("bilaga.txt" in again.err) == (change != "remove")
    assert (out / "needs/buntad/underlag.txt").read_text(encoding="utf-8") == ("Andra!" * 500 if change == "edit" else "Första")
    assert_same_as_clean(cli, fixture_board, out, tmp_path)


def test_turning_search_on_again_is_a_change(cli, fixture_board, tmp_path):
    """Whether the site has a search index is an input like any other: a build with search
    after one without it does not find "nothing changed"."""
    age(fixture_board)
    out = tmp_path / "out"
    build(cli, fixture_board, out, "--no-search")
    assert not (out / "pagefind").exists()
    again = cli("build", "--root", fixture_board, "--out", out, "--now", NOW)
    assert again.code == 0 and "nothing changed" not in again.out
    assert (out / "pagefind/shards.json").is_file()
