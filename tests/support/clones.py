"""A board as a hostile pull request leaves it: committed to git, cloned to a fresh folder, and
built there with a fresh per-user cache key, as CI does (issue 18)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.boards import REPO, CliResult

GIT_IDENTITY = ["-c", "user.name=Angripare", "-c", "user.email=angripare@example.org", "-c", "commit.gpgsign=false"]


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *GIT_IDENTITY, *args], cwd=folder, check=True, capture_output=True,
                          text=True).stdout


def commit_and_clone(board: Path, clone: Path) -> Path:
    """Commit everything in `board`, ignored files included (an attacker commits with -f), and
    clone it to `clone`."""
    git(board, "init", "-q", "-b", "main")
    git(board, "add", "-A", "-f")
    git(board, "commit", "-q", "--allow-empty", "-m", "A pull request")
    subprocess.run(["git", "clone", "-q", str(board), str(clone)], check=True, capture_output=True)
    return clone


def run_fresh(root: Path, cache_home: Path, *args: str | Path) -> CliResult:
    """`callboard *args` in a process of its own whose per-user cache (and so cache key) is
    `cache_home`, created afresh unless it already holds one."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home), "PYTHONPATH": str(REPO)}
    run = subprocess.run([sys.executable, "-m", "callboard", *map(str, args)], cwd=root, env=env,
                         capture_output=True, text=True, timeout=300, check=False)
    return CliResult(run.returncode, run.stdout, run.stderr)
