"""A folder a running process claims is left alone by another tidying up; once that process
dies, however it dies, the folder is a leftover like any other."""

import signal
import subprocess
import sys
import time

import pytest

from callboard.core.claims import (
    STAGING_PREFIX,
    claim_existing,
    claim_new_folder,
    claimed_elsewhere,
    claimed_folder,
    remove_unclaimed,
    remove_unclaimed_staging,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="claims are flock locks, which Windows lacks")

HOLDER = """
import sys, time
from pathlib import Path
from callboard.core.claims import claim_new_folder
claim = claim_new_folder(Path(sys.argv[1]), ".site.callboard-tmp-")
(claim.path / "index.html").write_text("being written", encoding="utf-8")
print(claim.path, flush=True)
time.sleep(600)
"""


@pytest.fixture
def holder(tmp_path):
    """Another process that claims a new folder in tmp_path and keeps it until killed."""
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    folder = process.stdout.readline().strip()
    assert folder, "the holder did not start"
    yield process, tmp_path / folder.rsplit("/", 1)[-1]
    if process.poll() is None:
        process.kill()
    process.wait(timeout=10)


def test_a_folder_another_process_claims_is_not_removed_until_that_process_is_killed(holder):
    process, folder = holder
    assert folder.name.startswith(".site.callboard-tmp-")
    assert claimed_elsewhere(folder)
    assert remove_unclaimed(folder) is False
    assert (folder / "index.html").read_text(encoding="utf-8") == "being written"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert not claimed_elsewhere(folder)
    assert remove_unclaimed(folder) is True
    assert not folder.exists()


def test_an_unclaimed_leftover_and_a_stray_file_are_removed(tmp_path):
    leftover = tmp_path / ".site.callboard-tmp-abc"
    (leftover / "needs").mkdir(parents=True)
    (leftover / "needs/index.html").write_text("half", encoding="utf-8")
    stray = tmp_path / ".site.callboard-tmp-file"
    stray.write_text("x", encoding="utf-8")
    assert remove_unclaimed(leftover) and remove_unclaimed(stray)
    assert list(tmp_path.iterdir()) == []


def test_a_claim_in_this_process_counts_too_and_release_ends_it(tmp_path):
    claim = claim_new_folder(tmp_path, ".x-")
    assert claim.path.parent == tmp_path and claim.path.name.startswith(".x-")
    assert claim_existing(claim.path) is None and remove_unclaimed(claim.path) is False
    claim.release()
    assert not claimed_elsewhere(claim.path)


def test_claimed_folder_is_removed_after_its_block(tmp_path):
    with claimed_folder(tmp_path, ".scratch-") as folder:
        (folder / "page.html").write_text("x", encoding="utf-8")
        assert claimed_elsewhere(folder)
    assert list(tmp_path.iterdir()) == []


def test_a_staging_folder_is_removed_only_when_nobody_claims_it(tmp_path):
    abandoned = tmp_path / f"{STAGING_PREFIX}dead"
    abandoned.mkdir()
    in_use = claim_new_folder(tmp_path, STAGING_PREFIX + "live-")  # stands for one being named right now
    remove_unclaimed_staging(tmp_path)
    assert not abandoned.exists() and in_use.path.is_dir()
    in_use.release()
