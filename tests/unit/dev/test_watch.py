"""Which file events cause a rebuild, and how bursts of them become one."""

import threading
import time
from pathlib import Path

import pytest
from watchdog.events import (
    DirModifiedEvent,
    FileClosedEvent,
    FileClosedNoWriteEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileOpenedEvent,
)

from callboard.dev.watch import BoardWatcher, Debouncer, changed_source

ROOT = Path("/board")


@pytest.mark.parametrize("event, expected", [
    (FileModifiedEvent("/board/content/needs/a.md"), "content/needs/a.md"),
    (FileCreatedEvent("/board/static/images/b.png"), "static/images/b.png"),
    (FileDeletedEvent("/board/templates/need.html"), "templates/need.html"),
    (FileModifiedEvent("/board/callboard.toml"), "callboard.toml"),
    (FileModifiedEvent("/board/locale/sv.po"), "locale/sv.po"),
    (FileMovedEvent("/board/content/needs/.a.md.tmp1234", "/board/content/needs/a.md"), "content/needs/a.md"),
    (FileMovedEvent("/board/content/needs/a.md", "/board/content/needs/_archive/a.md"), "content/needs/_archive/a.md"),
    (FileMovedEvent("/board/content/needs/a.md", "/board/content/needs/.a.md.bak"), "content/needs/a.md"),
    (FileOpenedEvent("/board/content/needs/a.md"), None),
    (FileClosedEvent("/board/content/needs/a.md"), None),
    (FileClosedNoWriteEvent("/board/content/needs/a.md"), None),
    (DirModifiedEvent("/board/content/needs"), None),
    (FileModifiedEvent("/board/content/needs/.a.md.swp"), None),
    (FileCreatedEvent("/board/content/needs/4913"), None),
    (FileModifiedEvent("/board/content/needs/a.md~"), None),
    (FileModifiedEvent("/board/content/needs/#a.md#"), None),
    (FileModifiedEvent("/board/templates/need.html___jb_tmp___"), None),
    (FileModifiedEvent("/board/.git/index"), None),
    (FileModifiedEvent("/board/.venv/lib/x.py"), None),
    (FileModifiedEvent("/board/static/venv/x.py"), None),
    (FileModifiedEvent("/board/site/index.html"), None),
    (FileModifiedEvent("/board/README.md"), None),
    (FileModifiedEvent("/elsewhere/content/needs/a.md"), None),
])
def test_only_changes_to_sources_count(event, expected):
    assert changed_source(event, ROOT) == expected


def test_the_output_folder_never_counts_even_inside_a_source_folder():
    event = FileModifiedEvent("/board/static/preview/index.html")
    assert changed_source(event, ROOT, ignored=[Path("/board/static/preview")]) is None


def test_a_burst_becomes_one_batch_with_every_path():
    batches = []
    debouncer = Debouncer(batches.append, quiet=0.1, longest=2.0)
    debouncer.start()
    for index in range(50):
        debouncer.add(f"content/needs/n{index}.md")
    debouncer.add("content/needs/n0.md")
    time.sleep(0.5)
    debouncer.stop()
    assert len(batches) == 1 and len(batches[0]) == 50


def test_a_waiter_returns_once_every_change_it_could_see_is_handled_or_its_page_is_ready():
    handled = []
    debouncer = Debouncer(lambda batch: (time.sleep(1.0), handled.append(batch)), quiet=0.05)
    debouncer.start()
    assert debouncer.wait_until_handled(lambda: False, 0.01)  # nothing pending: at once
    debouncer.add("content/needs/a.md")
    assert debouncer.wait_until_handled(lambda: False, 5.0)
    assert handled == [["content/needs/a.md"]]
    debouncer.add("content/needs/b.md")
    assert not debouncer.wait_until_handled(lambda: False, 0.1)  # still being built
    ready = []
    threading.Timer(0.05, lambda: (ready.append(True), debouncer.wake())).start()
    assert debouncer.wait_until_handled(lambda: bool(ready), 5.0) and len(handled) == 1  # its page came first
    debouncer.add("content/needs/b.md")  # saved again while b's first save is being built
    assert not debouncer.wait_until_handled(lambda: True, 0.05)  # what is ready is of the save before
    assert debouncer.wait_until_handled(lambda: False, 5.0)
    debouncer.stop()
    assert handled == [["content/needs/a.md"], ["content/needs/b.md"], ["content/needs/b.md"]]


def test_an_endless_stream_still_rebuilds_now_and_then():
    batches = []
    debouncer = Debouncer(batches.append, quiet=0.2, longest=0.3)
    debouncer.start()
    started = time.monotonic()
    while time.monotonic() - started < 1.0:
        debouncer.add("content/needs/a.md")
        time.sleep(0.02)
    debouncer.stop()
    assert len(batches) >= 2


def test_a_temporary_renamed_over_a_file_leaves_the_batch_but_a_renamed_file_counts():
    batches = []
    debouncer = Debouncer(batches.append, quiet=0.1)
    debouncer.start()
    debouncer.add("content/needs/sedX1y2Z3")
    debouncer.moved_away("content/needs/sedX1y2Z3")
    debouncer.add("content/needs/a.md")
    debouncer.moved_away("content/needs/old-name.md")
    time.sleep(0.4)
    debouncer.stop()
    assert batches == [["content/needs/a.md", "content/needs/old-name.md"]]


def test_changes_during_a_rebuild_make_the_next_batch():
    batches, release = [], threading.Event()

    def slow_rebuild(batch):
        batches.append(batch)
        release.wait(5)

    debouncer = Debouncer(slow_rebuild, quiet=0.05)
    debouncer.start()
    debouncer.add("a.md")
    time.sleep(0.2)
    debouncer.add("b.md")
    release.set()
    time.sleep(0.3)
    debouncer.stop()
    assert batches == [["a.md"], ["b.md"]]


def wait_until(condition, timeout=5.0):
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)
    return condition()


def test_real_watcher_sees_saves_and_new_folders_but_not_reads(make_board):
    root = make_board({"content/needs/a.md": "x"})
    seen: list[str] = []
    watcher = BoardWatcher(root, seen.append)
    watcher.start()
    try:
        (root / "content/needs/a.md").read_text()
        (root / "README.md").write_text("not a source")
        time.sleep(0.3)
        assert seen == []
        (root / "content/needs/a.md").write_text("y")
        assert wait_until(lambda: "content/needs/a.md" in seen)
        (root / "templates").mkdir()
        assert wait_until(lambda: "templates" in seen)
        (root / "templates/need.html").write_text("{{ x }}")
        assert wait_until(lambda: "templates/need.html" in seen)
    finally:
        watcher.stop()
