"""'Last updated' from git: one git call for the whole board, the board's time zone, fallbacks."""

import os
import shutil
import subprocess
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from callboard.content import history
from callboard.content.history import last_changed, parse_batch, parse_raw_log
from tests.support.boards import NOW, need_file, read_tree

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(root, *args, when="2026-11-02T10:00:00+00:00"):
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_AUTHOR_NAME": "Redaktör", "GIT_AUTHOR_EMAIL": "r@example.se",
           "GIT_COMMITTER_NAME": "Redaktör", "GIT_COMMITTER_EMAIL": "r@example.se"}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def git_board(make_board):
    root = make_board({"content/needs/first.md": need_file("Första"),
                       "content/needs/second.md": need_file("Andra")})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "start", when="2026-10-05T09:00:00+00:00")
    (root / "content/needs/second.md").write_text(need_file("Andra, ändrad"), encoding="utf-8")
    git(root, "commit", "-q", "-am", "edit", when="2026-11-01T23:30:00+00:00")
    return root


def test_newest_commit_per_file_in_the_boards_time_zone(git_board):
    dates = last_changed(git_board, "Europe/Stockholm")
    assert dates["content/needs/first.md"] == date(2026, 10, 5)
    assert dates["content/needs/second.md"] == date(2026, 11, 2)  # 23:30 UTC is past midnight in Stockholm
    assert last_changed(git_board, "UTC")["content/needs/second.md"] == date(2026, 11, 1)


def test_two_git_calls_for_the_whole_board_however_many_files(git_board, monkeypatch):
    """One `git log --raw` for the dates and versions, one `git cat-file --batch` for the blobs of
    the files with more than one version (second.md here): not one process per file or commit."""
    calls = []
    real_run = subprocess.run
    monkeypatch.setattr(history.subprocess, "run", lambda *a, **k: calls.append(a) or real_run(*a, **k))
    for index in range(30):
        (git_board / f"content/needs/n{index}.md").write_text(need_file(f"Behov {index}"), encoding="utf-8")
    from callboard.build.pipeline import RunOptions, check

    git(git_board, "add", ".")
    git(git_board, "commit", "-q", "-m", "many")
    for index in range(30):
        path = git_board / f"content/needs/n{index}.md"
        path.write_text(need_file(f"Behov {index}", extra="deadline: 2026-12-24"), encoding="utf-8")
    git(git_board, "commit", "-q", "-am", "deadlines")
    calls.clear()
    assert check(RunOptions(root=git_board, now=date(2026, 11, 28), use_cache=False)).ok
    commands = [call[0] for call in calls]
    assert len(commands) == 2 and "--raw" in commands[0] and "cat-file" in commands[1], commands


def test_a_board_below_the_top_of_the_repository(tmp_path, make_board):
    root = make_board({"content/needs/first.md": need_file()}, name="repo/boards/vaxjo")
    repo = tmp_path / "repo"
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "start")
    assert last_changed(root, "UTC") == {"content/needs/first.md": date(2026, 11, 2)}


def test_no_git_repository_gives_no_dates(make_board):
    assert last_changed(make_board({"content/needs/first.md": need_file()}), "UTC") == {}


def test_missing_git_program_gives_no_dates(git_board, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    assert last_changed(git_board, "UTC") == {}


def test_parse_raw_log_ignores_noise_and_lists_versions_oldest_first():
    blob = "1" * 40
    output = (f"\x1e200\n\n:100644 100644 {'2' * 40} {blob} M\ta.md\n:100644 000000 {blob} {'0' * 40} D\tb.md\n"
              f"\x1e100\n\n:000000 100644 {'0' * 40} {'2' * 40} A\ta.md\nnot a change line\n\x1ejunk\n\n:1 2 3 4 M\tc.md\n")
    versions = parse_raw_log(output)
    assert [(v.seconds, v.blob[:1], v.status) for v in versions["a.md"]] == [(100, "2", "A"), (200, "1", "M")]
    assert [(v.blob, v.status) for v in versions["b.md"]] == [("", "D")] and "c.md" not in versions


def test_parse_batch_reads_each_object_and_skips_missing_ones():
    output = b"aaa blob 3\nx\ny\nbbb missing\nccc blob 0\n\n"
    assert parse_batch(output) == {"aaa": b"x\ny", "ccc": b""}


def test_item_pages_show_the_commit_date_and_fall_back_to_published(cli, git_board, tmp_path):
    (git_board / "content/needs/uncommitted.md").write_text(need_file("Ny"), encoding="utf-8")
    out = tmp_path / "site"
    assert cli("build", "--root", git_board, "--out", out, "--now", NOW).code == 0
    page = lambda slug: (out / f"needs/{slug}/index.html").read_text(encoding="utf-8")  # noqa: E731
    assert 'Senast ändrad</dt><dd><time datetime="2026-11-02">2 november 2026</time>' in page("second")
    assert 'Senast ändrad</dt><dd><time datetime="2026-10-05">' in page("first")
    assert 'Senast ändrad</dt><dd><time datetime="2026-10-01">' in page("uncommitted")  # its published date


def test_a_commit_before_the_publishing_day_shows_the_publishing_day(cli, git_board, tmp_path):
    (git_board / "content/needs/first.md").write_text(need_file(extra="published: 2026-11-20"), encoding="utf-8")
    git(git_board, "commit", "-q", "-am", "later", when="2026-11-03T10:00:00+00:00")
    out = tmp_path / "site"
    assert cli("build", "--root", git_board, "--out", out, "--now", NOW).code == 0
    html = (out / "needs/first/index.html").read_text(encoding="utf-8")
    assert 'Senast ändrad</dt><dd><time datetime="2026-11-20">' in html


def test_the_same_commits_give_the_same_pages(cli, git_board, tmp_path):
    trees = []
    for name in ("one", "two"):
        assert cli("build", "--root", git_board, "--out", tmp_path / name, "--now", NOW).code == 0
        trees.append(read_tree(tmp_path / name))
    assert trees[0] == trees[1]


def test_an_incremental_build_picks_up_a_commit_that_left_the_bytes_alone(cli, git_board, tmp_path):
    (git_board / "content/needs/later.md").write_text(need_file("Senare"), encoding="utf-8")
    out = tmp_path / "site"
    page = lambda: (out / "needs/later/index.html").read_text(encoding="utf-8")  # noqa: E731
    assert cli("build", "--root", git_board, "--out", out, "--now", NOW).code == 0
    assert 'Senast ändrad</dt><dd><time datetime="2026-10-01">' in page()
    git(git_board, "add", "content/needs/later.md")
    git(git_board, "commit", "-q", "-m", "later", when="2026-11-20T10:00:00+00:00")
    assert cli("build", "--root", git_board, "--out", out, "--now", NOW).code == 0
    assert 'Senast ändrad</dt><dd><time datetime="2026-11-20">' in page()
