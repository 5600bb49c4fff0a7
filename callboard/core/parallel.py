"""Spread work over the machine's cores, or do it in-process when it is small.

Where the platform forks safely (Linux), workers are forked, so they start with everything the
parent has already built (the assembled board, compiled templates) without pickling it, and
only small results travel back. Where it does not (Windows has no `fork`; on macOS forking a
process with threads is unsafe, and Python's default there is `spawn`), workers are spawned:
they are fresh interpreters that get what they need by argument, pickled, so the function and
what it closes over must pickle (a module-level function, a `functools.partial` of one, or an
object whose state pickles). The output is the same either way. `CALLBOARD_START_METHOD=spawn`
makes Linux spawn too (the tests simulate Windows with it).

A worker never outlives a killed build: on every platform a thread in the worker waits on its
parent's sentinel (a pipe on Linux and macOS, the process handle on Windows) and ends the
worker when the parent is gone; on Linux the kernel also kills it (PR_SET_PDEATHSIG). An
outside program a worker runs (Pagefind, `run_program`) goes the same way: on Linux by
PR_SET_PDEATHSIG, elsewhere killed by the worker's parent watch before the worker ends. (A
Windows job object would do the same in the kernel; the watch is used there too, as it is the
one mechanism the tests can run on every platform.)
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import multiprocessing.connection
import os
import signal
import subprocess
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS_PER_WORKER = 64
"""Below this much work per core a pool costs more than it saves."""
START_METHOD_VARIABLE = "CALLBOARD_START_METHOD"
"""`spawn` makes the workers spawned even where they could be forked (`fork` is honoured only
where the platform has it)."""

_PR_SET_PDEATHSIG = 1
_RUNNING_PROGRAMS: set[subprocess.Popen] = set()
"""The outside programs this process runs now (`run_program`): the one thing a worker's parent
watch must end before the worker itself, where the kernel does not (all but Linux)."""
Tick = Callable[[int], None]
"""Reports that some more units of work are done (for progress bars)."""


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def start_method() -> str:
    """`fork` where the platform has it and it is safe (Linux), else `spawn`; the environment
    variable CALLBOARD_START_METHOD may ask for either."""
    available = multiprocessing.get_all_start_methods()
    asked = os.environ.get(START_METHOD_VARIABLE, "")
    if asked in ("fork", "spawn") and asked in available:
        return asked
    return "fork" if "fork" in available and sys.platform.startswith("linux") else "spawn"


def forks() -> bool:
    """Whether workers start as copies of this process (and may close over anything)."""
    return start_method() == "fork"


def become_worker(parent: int, inherited: Sequence = ()) -> None:
    """Start of a worker: die with the parent, and close the pipe ends that belong to the
    parent. A worker that outlived a killed build would hold the board's lock (its file is
    inherited when forked) and, with its own pipe's reading end still open, could wait forever
    to send its result: the next build would wait with it."""
    for connection in inherited:
        connection.close()
    die_with_parent()
    if not parent_alive(parent):  # the parent died before the line above
        os._exit(1)
    threading.Thread(target=_exit_with_parent, daemon=True, name="callboard-parent-watch").start()


def parent_alive(parent: int | None = None) -> bool:
    """Whether the process that started this one is still there (always True in the build itself)."""
    process = multiprocessing.parent_process()
    if process is None:
        return parent is None or os.getppid() == parent
    return process.is_alive()


def _exit_with_parent() -> None:
    process = multiprocessing.parent_process()
    if process is not None:
        multiprocessing.connection.wait([process.sentinel])
        for program in list(_RUNNING_PROGRAMS):
            program.kill()
        os._exit(1)


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (elsewhere, nothing happens)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - a Linux without prctl
        pass


def run_program(command: Sequence[str], timeout: float) -> subprocess.CompletedProcess:
    """`subprocess.run(command, capture_output=True, text=True, timeout=timeout)` for an outside
    program that must not outlive the build: on Linux the kernel kills it with this process;
    elsewhere this worker's parent watch kills it before the worker ends."""
    linux = sys.platform.startswith("linux")
    process = subprocess.Popen(list(command), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               encoding="utf-8", errors="replace", preexec_fn=die_with_parent if linux else None)
    _RUNNING_PROGRAMS.add(process)
    try:
        with process:
            try:
                out, err = process.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()
                raise
        return subprocess.CompletedProcess(process.args, process.returncode, out, err)
    finally:
        _RUNNING_PROGRAMS.discard(process)


def _workers(jobs: int, count: int, per_worker: int = MIN_ITEMS_PER_WORKER) -> int:
    return max(1, min(jobs, count // per_worker))


def pool_map(function: Callable[[T], R], items: Sequence[T], jobs: int, tick: Tick | None = None,
             per_worker: int = MIN_ITEMS_PER_WORKER) -> list[R]:
    """`[function(x) for x in items]`, in order, on up to `jobs` processes, each given at least
    `per_worker` items (fewer for costly items such as photos); `function` and the items must
    be picklable."""
    tick = tick or (lambda count: None)
    workers = _workers(jobs, len(items), per_worker)
    if workers == 1:
        results = []
        for item in items:
            results.append(function(item))
            tick(1)
        return results
    context = multiprocessing.get_context(start_method())
    chunksize = max(1, len(items) // (workers * 8))
    results = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for result in pool.map(function, items, chunksize=chunksize):
            results.append(result)
            tick(1)
    return results


def split(items: Sequence[T], parts: int) -> list[Sequence[T]]:
    """`parts` interleaved slices, so each worker gets a similar mix of cheap and costly items."""
    return [items[index::parts] for index in range(parts) if items[index::parts]]


def run_parts(function: Callable[[Sequence[T], Tick], R], items: Sequence[T], jobs: int,
              tick: Tick | None = None, per_worker: int = MIN_ITEMS_PER_WORKER) -> list[R]:
    """Give each of up to `jobs` workers an interleaved slice of `items` (at least `per_worker`
    each); returns each worker's `function(slice, tick)`. Where workers are spawned (`forks()`
    is False), `function` is pickled to each of them. An exception in a worker is raised here."""
    tick = tick or (lambda count: None)
    workers = _workers(jobs, len(items), per_worker)
    if workers == 1:
        return [function(items, tick)]
    forking = forks()
    context = multiprocessing.get_context("fork" if forking else "spawn")
    receivers, processes = [], []
    parent = os.getpid()
    if forking:
        gc.freeze()  # the workers' collector leaves the parent's objects alone: fewer pages copied
    try:
        for part in split(items, workers):
            receiver, sender = context.Pipe(duplex=False)
            inherited = [*receivers, receiver] if forking else []  # a spawned worker inherits no pipe
            process = context.Process(target=_child, args=(function, part, sender, parent, inherited), daemon=True)
            receivers.append(receiver)
            try:
                process.start()
            finally:
                sender.close()
            processes.append(process)
        if forking:
            gc.unfreeze()
        return _collect(receivers, processes, tick)
    finally:
        gc.unfreeze()
        for process in processes:
            if process.is_alive():
                process.terminate()
            process.join()


def _collect(receivers: list, processes: list, tick: Tick) -> list:
    results: dict[int, object] = {}
    pending = dict(enumerate(receivers))
    while pending:
        for receiver in multiprocessing.connection.wait(list(pending.values())):
            index = next(i for i, r in pending.items() if r is receiver)
            try:
                kind, value = receiver.recv()
            except EOFError:
                processes[index].join()
                raise RuntimeError(f"a build worker stopped unexpectedly (exit code {processes[index].exitcode})") from None
            if kind == "tick":
                tick(value)
                continue
            del pending[index]
            if kind == "error":
                raise value
            results[index] = value
    return [results[index] for index in sorted(results)]


def _child(function, part, sender, parent: int, inherited: list) -> None:
    become_worker(parent, inherited)
    try:
        result = function(part, lambda count: sender.send(("tick", count)))
        sender.send(("done", result))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
        sender.send(("error", exc))
    finally:
        sender.close()
        os._exit(0)
