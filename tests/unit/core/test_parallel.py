"""Workers, forked or spawned, give the same results, and none outlives a killed build: not a
worker, and not an outside program a worker runs (as Pagefind is run)."""

import os
import subprocess
import sys
import time
from functools import partial

import pytest

from callboard.core.parallel import START_METHOD_VARIABLE, run_parts, start_method
from tests.support.boards import REPO

METHODS = ["spawn", "fork"] if sys.platform.startswith("linux") else ["spawn"]
BUILD = '''
import os, subprocess, sys, time
from functools import partial
from pathlib import Path
from callboard.core.parallel import run_parts, run_program

HEARTBEAT = "import sys, time\\nwhile True:\\n    open(sys.argv[1], 'a').write('.')\\n    time.sleep(0.05)\\n"


def beat(folder, program, part, tick):
    path = str(Path(folder) / f"worker-{os.getpid()}")
    if program:
        run_program([sys.executable, "-c", HEARTBEAT, path + "-program"], timeout=600)
    while True:
        open(path, "a").write(".")
        time.sleep(0.05)


if __name__ == "__main__":
    run_parts(partial(beat, sys.argv[1], sys.argv[2] == "program"), list(range(2)), jobs=2, per_worker=1)
'''


def square_all(part, tick):
    return [n * n for n in part]


@pytest.mark.parametrize("method", METHODS)
def test_workers_give_the_same_results_forked_or_spawned(method, monkeypatch):
    monkeypatch.setenv(START_METHOD_VARIABLE, method)
    assert start_method() == method
    parts = run_parts(square_all, list(range(200)), jobs=2)
    assert len(parts) == 2
    assert sorted(n for part in parts for n in part) == [n * n for n in range(200)]


def test_a_closure_cannot_go_to_a_spawned_worker_and_says_so(monkeypatch):
    monkeypatch.setenv(START_METHOD_VARIABLE, "spawn")
    offset = 1
    with pytest.raises(Exception, match="pickle"):
        run_parts(lambda part, tick: [n + offset for n in part], list(range(200)), jobs=2)


def _sizes(folder):
    return {path.name: path.stat().st_size for path in folder.iterdir()}


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("what", ["worker", "program"])
def test_nothing_outlives_a_killed_build(method, what, tmp_path):
    script = tmp_path / "build.py"
    script.write_text(BUILD, encoding="utf-8")
    beats = tmp_path / "beats"
    beats.mkdir()
    environment = {**os.environ, START_METHOD_VARIABLE: method,
                   "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    build = subprocess.Popen([sys.executable, str(script), str(beats), what], env=environment)
    expected = 2
    deadline = time.monotonic() + 30
    while len(list(beats.iterdir())) < expected and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(list(beats.iterdir())) == expected
    build.kill()
    build.wait(timeout=10)
    time.sleep(1.5)  # the watch, or the kernel, ends them
    before = _sizes(beats)
    time.sleep(1.0)
    assert _sizes(beats) == before, "a worker or its program went on after the build was killed"
