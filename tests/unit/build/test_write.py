"""Output is all or nothing: a failed build leaves the previous site exactly as it was."""

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from callboard.build.write import (
    TEMP_MARK,
    SiteWriter,
    check_output_dir,
    content_hash,
    old_folder,
    recover_swap,
    swap_by_renames,
)
from tests.support.boards import NOW, need_file, read_tree


def snapshot(folder):
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.rglob("*")) if p.is_file()}


def test_invalid_content_writes_nothing_and_keeps_the_old_site(cli, fixture_board, tmp_path):
    out = tmp_path / "out"
    assert cli("build", "--root", fixture_board, "--out", out, "--now", NOW).code == 0
    before = snapshot(out)
    need = fixture_board / "content/needs/smart-las.md"
    need.write_text(need.read_text(encoding="utf-8").replace("2026-12-03", "2026-13-03"), encoding="utf-8")
    result = cli("build", "--root", fixture_board, "--out", out, "--now", NOW)
    assert result.code == 1
    assert "content/needs/smart-las.md:6: fel: deadline: '2026-13-03' är inget riktigt datum" in result.err
    assert "inget skrevs" in result.err  # the fixture board is Swedish
    assert snapshot(out) == before
    assert not any(".callboard-tmp-" in p.name for p in tmp_path.iterdir())


def test_invalid_content_on_a_fresh_board_creates_no_output(cli, fixture_board, tmp_path):
    (fixture_board / "content/needs/smart-las.md").write_text("---\ntitle: x\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli("build", "--root", fixture_board, "--out", out, "--now", NOW).code == 1
    assert not out.exists()


def test_output_inside_or_containing_the_board_is_refused(cli, fixture_board, tmp_path):
    for out in (fixture_board, tmp_path, fixture_board / "content" / "site"):
        result = cli("build", "--root", fixture_board, "--out", out, "--now", NOW)
        assert result.code == 2, out
        assert "callboard: fel: skriver inte till" in result.err
    assert (fixture_board / "content/needs/smart-las.md").is_file()


def test_a_successful_build_replaces_the_old_site_completely(cli, fixture_board, tmp_path):
    out = tmp_path / "out"
    assert cli("build", "--root", fixture_board, "--out", out, "--now", NOW).code == 0
    (out / "stale.html").write_text("old", encoding="utf-8")
    (fixture_board / "content/needs/energi.md").unlink()
    assert cli("build", "--root", fixture_board, "--out", out, "--now", NOW).code == 0
    assert not (out / "stale.html").exists() and not (out / "needs/energi").exists()


def test_leftovers_of_a_killed_build_are_removed_by_the_next(tmp_path):
    out = tmp_path / "site"
    leftover = tmp_path / ".site.callboard-tmp-abc123"
    leftover.mkdir()
    (leftover / "index.html").write_text("half", encoding="utf-8")
    writer = SiteWriter(out)
    writer.commit({"index.html": writer.write("index.html", b"new")}, {"index.html"})
    assert not leftover.exists()
    assert read_tree(out) == {"index.html": b"new"}
    assert oct(os.stat(out).st_mode & 0o777) == "0o755"


def test_check_output_dir_accepts_a_sibling_folder(tmp_path):
    check_output_dir(tmp_path / "board" / "site", tmp_path / "board")


# --- Killed builds and reproducible output, with real `callboard build` processes -------------

CALLBOARD = [sys.executable, "-c", "from callboard.cli import run; run()"]


def board_with_many_needs(fixture_board, count=150):
    """The fixture board and enough needs that writing the site takes a moment to interrupt."""
    for number in range(count):
        (fixture_board / f"content/needs/extra-{number:03d}.md").write_text(
            need_file(title=f"Behov nummer {number}", extra="tags: [extra]",
                      body="## Bakgrund\n\n" + "Text om behovet. " * 80), encoding="utf-8")
    return fixture_board


def run_build(root, out, now, *options, env=None, cwd=None):
    return subprocess.run([*CALLBOARD, "build", "--root", str(root), "--out", str(out), "--now", now, "-q", *options],
                          capture_output=True, text=True, timeout=120, env=env, cwd=cwd)


def no_process_left_of(arguments, wait_seconds=5.0) -> bool:
    """Whether every process started with `arguments` (a build and its forked workers) is gone."""
    wanted = "\0".join(arguments).encode()
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        alive = []
        for status in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                if wanted in status.read_bytes():
                    alive.append(status)
            except OSError:
                continue
        if not alive:
            return True
        time.sleep(0.05)
    return False


def without_search_index(tree):
    """Pagefind's index is not byte-stable between runs (Pagefind issue #638)."""
    return {path: data for path, data in tree.items() if not path.startswith("pagefind/")}


def temporaries(out):
    return sorted(out.parent.glob(f".{out.name}{TEMP_MARK}*"))


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds the build's workers in /proc, which only Linux has; "
                    "tests/unit/core/test_parallel.py proves on every platform that none outlives a killed build")
def test_a_build_killed_at_random_moments_leaves_the_previous_site_byte_identical(fixture_board, tmp_path):
    root = board_with_many_needs(fixture_board)
    out = tmp_path / "site"
    assert run_build(root, out, NOW).returncode == 0
    previous = read_tree(out)
    assert run_build(root, tmp_path / "new", "2026-12-04").returncode == 0
    new = read_tree(tmp_path / "new")
    assert new != previous
    random_source = random.Random(6)
    killed_while_writing = 0
    for attempt in range(6):
        process = subprocess.Popen([*CALLBOARD, "build", "--root", str(root), "--out", str(out), "--now", "2026-12-04"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        if attempt % 2:  # at any moment of the run, imports and loading included
            time.sleep(random_source.uniform(0.0, 1.2))
        else:  # while the site is being written: right after the temporary folder appears
            while not temporaries(out) and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.002)
            time.sleep(random_source.uniform(0.0, 0.05))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert no_process_left_of(process.args), "a worker outlived the killed build (it would hold the lock)"
        killed_while_writing += bool(temporaries(out))
        after = read_tree(out)
        if without_search_index(after) == without_search_index(new):  # swapped before the signal landed
            assert run_build(root, out, NOW).returncode == 0
            continue
        assert after == previous, f"attempt {attempt}: the output is neither the old site nor the new one"
    assert killed_while_writing >= 1, "no kill landed while the site was being written"
    assert run_build(root, out, NOW).returncode == 0
    assert temporaries(out) == []
    assert read_tree(out) == previous


def test_a_build_killed_between_the_two_renames_gets_the_previous_site_back(tmp_path):
    """Without renameat2 the swap is two renames; killed between them, the output is missing and
    the previous site waits aside as '-old': the next run puts it back before anything else."""
    out = tmp_path / "site"
    aside = old_folder(out)
    aside.mkdir()
    (aside / "index.html").write_text("previous", encoding="utf-8")
    new_but_unswapped = tmp_path / f".site{TEMP_MARK}abc123"
    new_but_unswapped.mkdir()
    SiteWriter(out).abort()
    assert read_tree(out) == {"index.html": b"previous"}
    assert temporaries(out) == []


def test_the_fallback_swap_without_renameat2_replaces_the_site(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "old.html").write_text("old", encoding="utf-8")
    writer = SiteWriter(out, exchange=lambda a, b: False)
    writer.commit({"index.html": writer.write("index.html", b"new")}, {"index.html"})
    assert read_tree(out) == {"index.html": b"new"}
    assert temporaries(out) == []


class Killed(BaseException):
    """The build is killed here (nothing below it runs, nothing catches it)."""


def renames_until_killed(steps: int):
    """os.rename for the first `steps` renames; the next one is where the build is killed."""
    done = []

    def rename(source, target):
        if len(done) == steps:
            raise Killed
        os.rename(source, target)
        done.append(target)

    return rename


def live_site(out, text: bytes, live=None):
    writer = SiteWriter(out, live)
    writer.commit({"index.html": writer.write("index.html", text)}, {"index.html"})
    return {"index.html": content_hash(text)}


@pytest.mark.parametrize("steps", [0, 1, 2])
def test_a_swap_by_renames_killed_at_each_step_keeps_a_whole_site_and_the_next_build_recovers(tmp_path, steps):
    """Windows' swap: killed before the first rename the old site is live; between the two, it
    waits whole aside and the next build puts it back; after both, the new one is live."""
    out = tmp_path / "site"
    manifest = live_site(out, b"old")
    new = tmp_path / f".site{TEMP_MARK}new"
    new.mkdir()
    (new / "index.html").write_bytes(b"new")
    if steps < 2:
        with pytest.raises(Killed):
            swap_by_renames(new, out, renames_until_killed(steps))
    else:
        swap_by_renames(new, out)  # killed before the previous site went to the spare or away
    if steps == 1:
        assert not out.exists() and read_tree(old_folder(out)) == {"index.html": b"old"}
    else:
        assert read_tree(out) == {"index.html": b"new" if steps == 2 else b"old"}

    next_build = SiteWriter(out, manifest)
    assert read_tree(out) == {"index.html": b"new" if steps == 2 else b"old"}
    assert temporaries(out) == [next_build.target]
    next_build.commit({"index.html": next_build.write("index.html", b"newer")}, {"index.html"})
    assert read_tree(out) == {"index.html": b"newer"}
    assert temporaries(out) == []


@pytest.mark.parametrize("with_spare", [False, True])
def test_the_fallback_swap_keeps_the_previous_site_as_the_spare_when_it_knows_it(tmp_path, with_spare):
    out = tmp_path / "site"
    manifest = live_site(out, b"old")
    live_site(out, b"new", manifest if with_spare else None)
    writer = SiteWriter(out, manifest, exchange=lambda a, b: False)
    writer.commit({"index.html": writer.write("index.html", b"newer")}, {"index.html"})
    assert read_tree(out) == {"index.html": b"newer"}
    assert temporaries(out) == []
    assert writer.spare.is_dir() and (writer.spare / "index.html").read_bytes() == b"new"


def test_a_site_another_program_holds_open_is_left_as_it_was_with_a_clear_error(tmp_path):
    """On Windows a folder with an open file cannot be renamed: the swap waits a moment, then
    gives up with the old site live and says why."""
    out = tmp_path / "site"
    manifest = live_site(out, b"old")

    def in_use(source, target):
        if Path(source) == out:
            raise PermissionError(13, "Access is denied", str(source))
        os.rename(source, target)

    writer = SiteWriter(out, manifest, exchange=lambda a, b: False, rename=in_use)
    writer.write("index.html", b"new")
    with pytest.raises(PermissionError, match="another program has a file in the folder open"):
        writer.swap()
    writer.abort()
    assert read_tree(out) == {"index.html": b"old"}
    assert temporaries(out) == []


def test_a_failed_second_rename_puts_the_previous_site_back_at_once(tmp_path):
    out = tmp_path / "site"
    live_site(out, b"old")
    new = tmp_path / f".site{TEMP_MARK}new"
    new.mkdir()

    def refused(source, target):
        if Path(source) == new:
            raise OSError(28, "No space left on device", str(source))
        os.rename(source, target)

    with pytest.raises(OSError, match="No space"):
        swap_by_renames(new, out, refused)
    assert read_tree(out) == {"index.html": b"old"}
    assert not old_folder(out).exists()
    recover_swap(out)
    assert read_tree(out) == {"index.html": b"old"}


def test_output_is_byte_identical_whatever_the_file_order_hash_seed_and_folder(fixture_board, tmp_path):
    sources = sorted(p for p in fixture_board.rglob("*") if p.is_file())
    outputs = []
    for seed, name in ((1, "first"), (2, "second")):
        root = tmp_path / f"board-{name}"
        shuffled = list(sources)
        random.Random(seed).shuffle(shuffled)
        for source in shuffled:  # files (and so folders) created in a different order each time
            target = root / source.relative_to(fixture_board)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        env = {**os.environ, "PYTHONHASHSEED": str(seed * 1000 + 7)}
        out = tmp_path / f"site-{name}"
        result = run_build(root, out, NOW, "--no-search", env=env, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        outputs.append(read_tree(out))
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 20


@pytest.mark.skipif(sys.platform == "win32", reason="claims are flock locks; on Windows the board's lock alone keeps builds apart")
def test_a_build_leaves_alone_the_folder_a_running_build_writes_into(fixture_board, tmp_path):
    """A `--no-cache` build does not wait for the board's lock: while it writes its next site,
    another build of the same output must not take that folder for a killed build's leftover.
    A real build is stopped (SIGSTOP) while its claimed folder exists, another runs to the end;
    the folder stays. Killed with SIGKILL, the stopped build's folder goes with the next build."""
    root = board_with_many_needs(fixture_board)
    out = tmp_path / "site"
    assert run_build(root, out, NOW).returncode == 0
    process = subprocess.Popen([*CALLBOARD, "build", "--root", str(root), "--out", str(out), "--now", "2026-12-04",
                                "--no-cache"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not temporaries(out) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        process.send_signal(signal.SIGSTOP)
        in_use = temporaries(out)
        assert in_use, "the build ended before its temporary folder could be seen"
        assert run_build(root, out, NOW).returncode == 0
        assert all(folder.is_dir() for folder in in_use), "a running build's folder was removed"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert no_process_left_of(process.args)
    assert run_build(root, out, NOW).returncode == 0
    assert temporaries(out) == []
