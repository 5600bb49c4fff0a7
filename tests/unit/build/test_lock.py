"""One build of a board at a time, and the cache each run gets."""

import os
import subprocess
import sys

from callboard.build.cache import CACHE_DIR, BuildCache, MemoryCache
from callboard.build.lock import open_cache
from tests.support.boards import NOW, read_tree


def test_two_builds_at_once_on_one_board_do_not_corrupt_it(fixture_board, tmp_path):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "callboard", "build", "--root", str(fixture_board), "--out", str(out),
               "--now", NOW, "-q"]
    environment = {**os.environ, "PYTHONHASHSEED": "0"}
    processes = [subprocess.Popen(command, env=environment, stderr=subprocess.PIPE) for _ in range(3)]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    clean = tmp_path / "clean"
    subprocess.run(command[:-4] + [str(clean), "--now", NOW, "-q", "--no-cache"], check=True)
    assert read_tree(out) == read_tree(clean)


def test_a_run_gets_the_cache_it_is_given_else_the_boards_else_none(tmp_path):
    given = MemoryCache()
    with open_cache(tmp_path, use_cache=False, given=given) as cache:
        assert cache is given
    with open_cache(tmp_path, use_cache=False) as cache:
        assert cache is None
    assert not (tmp_path / CACHE_DIR).exists()  # neither touches the board's cache
    with open_cache(tmp_path, use_cache=True) as cache:
        assert isinstance(cache, BuildCache) and cache.folder == tmp_path / CACHE_DIR
    assert (tmp_path / CACHE_DIR).is_dir()  # the lock file itself is removed on release on Windows
