"""The dev server's page first (callboard/build/quick.py, DevServer.page_first): an edited item's
own page is served before the whole build, and is the page a clean build makes; after any
sequence of changes, once the server has settled, its folder equals a clean build byte for byte."""

import io
import random
from dataclasses import replace
from datetime import date

import pytest

from callboard.build import pipeline
from callboard.dev.serve import DevServer, ServeOptions, live_reload_head
from tests.support.boards import NOW, read_tree
from tests.support.changes import CHANGES, extend_body, prepare_theme_card, recategorise_need, retitle_need

DAYS = (date.fromisoformat(NOW), date(2026, 12, 5))
QUICK = [retitle_need, extend_body, retitle_need, extend_body]
"""Changes the page first handles; CHANGES are those of `callboard build`'s random test."""


def board_files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and ".callboard-cache" not in p.parts}


def changed_paths(before, after):
    """What the watcher reports: every path created, changed or deleted."""
    return sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))


def clean_build(dev, out):
    options = pipeline.RunOptions(root=dev.options.root, now=dev.options.now, base_url=dev.url, use_cache=False)
    result = pipeline.build(options, out, live_reload_head(dev.server_id))
    assert result.ok, result.diagnostics.sorted()
    return read_tree(out)


@pytest.fixture
def dev(fixture_board, tmp_path):
    server = DevServer(ServeOptions(root=fixture_board, now=DAYS[0]), tmp_path / "work", "http://127.0.0.1:8000/",
                       io.StringIO())
    server.first_build()
    assert server.has_build()
    return server


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_changes_once_settled_equal_a_clean_build_and_the_page_first_is_the_final_page(dev, fixture_board,
                                                                                              tmp_path, seed):
    prepare_theme_card(fixture_board.parent)
    rng = random.Random(seed)
    quick_pages = 0
    for step in range(10):
        change = rng.choice(QUICK + CHANGES + [recategorise_need])
        before = board_files(fixture_board)
        change(fixture_board, rng)
        dev.options = replace(dev.options, now=rng.choice(DAYS))
        changed = changed_paths(before, board_files(fixture_board))
        first = {path: (dev.site_dir / path).read_bytes() for path in dev.page_first(changed)}
        dev.rebuild(changed)
        clean = clean_build(dev, tmp_path / f"clean-{step}")
        assert read_tree(dev.site_dir) == clean, (seed, step, change.__name__)
        assert {path: clean[path] for path in first} == first, (seed, step, change.__name__)
        quick_pages += len(first)
    assert quick_pages, "no change went through the page first"


def test_a_title_edit_writes_the_page_first_and_the_rest_after(dev, fixture_board):
    need = fixture_board / "content/needs/smart-las.md"
    need.write_text(need.read_text(encoding="utf-8").replace("title: Smarta lås i hemtjänsten", "title: Nyckelfria"),
                    encoding="utf-8")
    written = dev.page_first(["content/needs/smart-las.md"])
    assert list(written) == ["needs/smart-las/index.html"]
    assert "Nyckelfria" in (dev.site_dir / "needs/smart-las/index.html").read_text(encoding="utf-8")
    assert "Nyckelfria" not in (dev.site_dir / "needs/index.html").read_text(encoding="utf-8")  # the whole build's
    dev.rebuild(["content/needs/smart-las.md"])
    assert "Nyckelfria" in (dev.site_dir / "needs/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("change", [recategorise_need, "template", "new file", "deleted", "day"])
def test_what_the_page_first_does_not_understand_is_left_to_the_whole_build(dev, fixture_board, change):
    path = "content/needs/smart-las.md"
    if change == "template":
        (fixture_board / "templates").mkdir(exist_ok=True)
        (fixture_board / "templates/need.html").write_text("{% extends 'base.html' %}\n", encoding="utf-8")
        changed = [path, "templates/need.html"]
    elif change == "new file":
        (fixture_board / "content/needs/ny.md").write_text("---\ntitle: Ny\n---\n", encoding="utf-8")
        changed = ["content/needs/ny.md"]
    elif change == "deleted":
        (fixture_board / path).unlink()
        changed = [path]
    elif change == "day":
        dev.options = replace(dev.options, now=DAYS[1])
        changed = [path]
    else:
        before = board_files(fixture_board)
        change(fixture_board, random.Random(1))
        changed = changed_paths(before, board_files(fixture_board))
        assert len(changed) == 1 and changed[0].startswith("content/needs/")
    assert dev.page_first(changed) == {}


def test_a_failed_build_after_the_page_first_puts_the_page_back(dev, fixture_board):
    page = dev.site_dir / "needs/smart-las/index.html"
    served = page.read_bytes()
    need = fixture_board / "content/needs/smart-las.md"
    need.write_text(need.read_text(encoding="utf-8").replace("title: Smarta lås i hemtjänsten", "title: Nyckelfria"),
                    encoding="utf-8")
    (fixture_board / "content/needs/trasig.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    dev.rebuild(["content/needs/smart-las.md"])
    assert dev.state.problems and page.read_bytes() == served
