"""What changed in each need, from a board's git history: a fixture board in a temporary git
repository with scripted commits, read field by field, cached per blob."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import feedparser
import pytest

from callboard.content import changelog
from callboard.content.changelog import need_changes, snapshot
from callboard.content.history import read_history
from callboard.content.models import Change
from tests.support.boards import NOW, need_file, read_tree
from tests.unit.content.test_history import git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

BUNDLE = "content/needs/buntad"
DOCUMENTS = "documents:\n  - file: underlag.txt\n    title: Underlag\n"


class DictStore:
    """An EntryStore in a dict, counting what it was asked for."""

    def __init__(self):
        self.items, self.gets = {}, []

    def get(self, key):
        self.gets.append(key)
        return self.items.get(key)

    def put(self, key, value):
        self.items[key] = value

    def touch(self, key):
        pass


@pytest.fixture
def history_board(make_board):
    """A need whose deadline moves and whose status changes, and a bundle that gains and
    replaces documents, each in a commit of its own."""
    root = make_board({"content/needs/flyttad.md": need_file("Flyttad", extra="deadline: 2026-12-01"),
                       f"{BUNDLE}/index.md": need_file("Buntad", extra=DOCUMENTS),
                       f"{BUNDLE}/underlag.txt": "Version 1"})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "start", when="2026-10-02T10:00:00+00:00")
    (root / "content/needs/flyttad.md").write_text(need_file("Flyttad", extra="deadline: 2026-12-15"), encoding="utf-8")
    (root / BUNDLE / "underlag.txt").write_text("Version 2", encoding="utf-8")
    git(root, "commit", "-q", "-am", "move the deadline, replace the document", when="2026-10-20T10:00:00+00:00")
    (root / "content/needs/flyttad.md").write_text(
        need_file("Flyttad", extra="deadline: 2026-12-15\nstatus: cancelled"), encoding="utf-8")
    (root / BUNDLE / "index.md").write_text(need_file("Buntad", extra=DOCUMENTS + "  - file: karta.txt\n"
                                                                        "    title: Karta\n"), encoding="utf-8")
    (root / BUNDLE / "karta.txt").write_text("Karta", encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "cancel, add a map", when="2026-11-03T10:00:00+00:00")
    return root


def changes_of(root, cache=None):
    from callboard.build.pipeline import RunOptions, check

    result = check(RunOptions(root=root, now=date.fromisoformat(NOW), use_cache=False))
    assert result.ok
    return {need.slug: need.changes for need in result.content.needs}


def test_deadline_status_and_documents_changes_are_found_newest_first(history_board):
    found = changes_of(history_board)
    assert found["flyttad"] == (Change(date(2026, 11, 3), "status", None, "cancelled"),
                                Change(date(2026, 10, 20), "deadline", date(2026, 12, 1), date(2026, 12, 15)))
    assert found["buntad"] == (Change(date(2026, 11, 3), "document_added", None, "Karta"),
                               Change(date(2026, 10, 20), "document_replaced", None, "Underlag"))


def test_the_page_tells_the_changes_in_plain_words_and_offers_a_feed_of_them(cli, history_board, tmp_path):
    out = tmp_path / "site"
    assert cli("build", "--root", history_board, "--out", out, "--now", NOW, "--no-search").code == 0
    page = (out / "needs/flyttad/index.html").read_text(encoding="utf-8")
    assert ('<li><time datetime="2026-10-20">20 oktober 2026</time>: Sista ansökningsdagen flyttades från '
            '1 december 2026 till 15 december 2026.</li>') in page
    assert "Status ändrades till Avbruten." in page and '<h2 id="need_changes">Ändringar</h2>' in page
    assert '<link rel="alternate" type="application/atom+xml" href="/needs/flyttad/feed.xml"' in page
    feed = feedparser.parse((out / "needs/flyttad/feed.xml").read_bytes())
    assert not feed.bozo and feed.feed.title == "Flyttad – Testtavlan"
    assert [e.title for e in feed.entries] == ["Status ändrades till Avbruten.",
                                               "Sista ansökningsdagen flyttades från 1 december 2026 till 15 december 2026.",
                                               "Behovet publicerades: Flyttad"]
    board_feed = feedparser.parse((out / "feed.xml").read_bytes())
    entry = next(e for e in board_feed.entries if e.title == "Flyttad")
    assert entry.updated.startswith("2026-11-03") and "Senaste ändring 3 november 2026: Status ändrades" in entry.summary
    buntad = (out / "needs/buntad/index.html").read_text(encoding="utf-8")
    assert "Nytt dokument: Karta." in buntad and "Dokumentet Underlag ersattes med en ny version." in buntad


def test_each_blob_is_read_from_git_once_and_then_from_the_cache(history_board, monkeypatch):
    history = read_history(history_board)
    from callboard.build.pipeline import RunOptions, check

    needs = check(RunOptions(root=history_board, now=date.fromisoformat(NOW), use_cache=False)).content.needs
    read = []
    real = changelog.read_blobs
    monkeypatch.setattr(changelog, "read_blobs", lambda root, blobs: read.append(list(blobs)) or real(root, blobs))
    store = DictStore()
    first = need_changes(history, needs, "UTC", store)
    again = need_changes(history, needs, "UTC", store)
    assert first == again and len(read) == 1 and len(read[0]) == 5  # flyttad.md 3 versions, buntad/index.md 2
    (history_board / "content/needs/flyttad.md").write_text(need_file("Flyttad", extra="deadline: 2027-01-10"),
                                                            encoding="utf-8")
    git(history_board, "commit", "-q", "-am", "move again", when="2026-11-20T10:00:00+00:00")
    newer = need_changes(read_history(history_board), needs, "UTC", store)
    assert len(read) == 2 and len(read[1]) == 1  # only the new version
    assert newer["content/needs/flyttad.md"][0] == Change(date(2026, 11, 20), "deadline", date(2026, 12, 15),
                                                          date(2027, 1, 10))


def test_a_board_outside_git_or_without_git_has_no_changes_and_no_error(make_board, history_board, monkeypatch):
    plain = make_board({"content/needs/a.md": need_file()}, name="plain")
    assert changes_of(plain) == {"a": ()}
    monkeypatch.setenv("PATH", "/nonexistent")
    assert changes_of(history_board) == {"flyttad": (), "buntad": ()}


def test_a_shallow_clone_shows_what_it_has(history_board, tmp_path):
    clones = {}
    for depth in (1, 2):
        clone = tmp_path / f"clone-{depth}"
        subprocess.run(["git", "clone", "-q", "--depth", str(depth), f"file://{history_board}", str(clone)],
                       check=True, capture_output=True)
        clones[depth] = changes_of(clone)
    assert clones[1] == {"flyttad": (), "buntad": ()}
    assert clones[2]["flyttad"] == (Change(date(2026, 11, 3), "status", None, "cancelled"),)


def test_a_change_committed_before_publishing_is_not_told(make_board):
    root = make_board({"content/needs/a.md": need_file(extra="published: 2026-11-10\ndeadline: 2026-12-01")})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "draft", when="2026-11-01T10:00:00+00:00")
    (root / "content/needs/a.md").write_text(need_file(extra="published: 2026-11-10\ndeadline: 2026-12-08"),
                                             encoding="utf-8")
    git(root, "commit", "-q", "-am", "before publishing", when="2026-11-05T10:00:00+00:00")
    assert changes_of(root) == {"a": ()}


def test_an_unreadable_old_version_is_passed_over():
    assert snapshot(b"---\ntitle: [unclosed\n---\n") is None
    assert snapshot(b"no front matter at all") is None
    assert snapshot(b"---\ndeadline: 2026-12-01\n---\n")["deadline"] == date(2026, 12, 1)


def test_an_incremental_build_after_a_commit_equals_a_clean_build(cli, history_board, tmp_path):
    out = tmp_path / "out"
    build = ["--now", NOW, "--no-search", "-q"]
    assert cli("build", "--root", history_board, "--out", out, *build).code == 0
    (history_board / "content/needs/flyttad.md").write_text(need_file("Flyttad", extra="deadline: 2027-01-10"),
                                                            encoding="utf-8")
    git(history_board, "commit", "-q", "-am", "move again", when="2026-11-20T10:00:00+00:00")
    assert cli("build", "--root", history_board, "--out", out, *build).code == 0
    assert "flyttades från 15 december 2026 till 10 januari 2027" in (out / "needs/flyttad/index.html").read_text(
        encoding="utf-8")
    assert cli("build", "--root", history_board, "--out", tmp_path / "clean", "--no-cache", *build).code == 0
    assert read_tree(out) == read_tree(tmp_path / "clean")


def test_the_table_tells_answered_questions_and_added_meetings():
    """`questions` and `meetings` are compared as soon as the need's schema declares them: a
    question that has an answer now and had none before, and a meeting not there before."""
    from types import SimpleNamespace as Entry

    asked = Entry(question="Får vi vara två?", answer=None)
    answered = Entry(question="Får vi vara två?", answer="Ja.")
    other = Entry(question="Vem äger koden?", answer="Ni.")
    assert changelog.FIELD_CHANGES["questions"]((asked,), (answered, other)) == [
        ("question_answered", None, "Får vi vara två?"), ("question_answered", None, "Vem äger koden?")]
    assert changelog.FIELD_CHANGES["questions"]((answered,), (answered,)) == []
    first = Entry(title="Informationsmöte", start=date(2026, 12, 1))
    second = Entry(title="Informationsmöte", start=date(2027, 1, 12))
    assert changelog.FIELD_CHANGES["meetings"]((first,), (first, second)) == [
        ("meeting_added", None, "Informationsmöte")]
    assert changelog.FIELD_CHANGES["meetings"](None, (first,)) == [("meeting_added", None, "Informationsmöte")]
