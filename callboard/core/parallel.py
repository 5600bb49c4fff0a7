"""Spread work over the machine's cores, or do it in-process when it is small.

Workers are forked where the platform allows it, so they start with everything the parent
has already built (the assembled board, compiled templates) without pickling it, and only
small results travel back.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import multiprocessing.connection
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS_PER_WORKER = 64
"""Below this much work per core a pool costs more than it saves."""

_PR_SET_PDEATHSIG = 1
Tick = Callable[[int], None]
"""Reports that some more units of work are done (for progress bars)."""


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def become_worker(parent: int, inherited: Sequence = ()) -> None:
    """Start of a forked worker: die with the parent, and close the pipe ends that belong to
    the parent. A worker that outlived a killed build would hold the board's lock (its file is
    inherited) and, with its own pipe's reading end still open, could wait forever to send its
    result: the next build would wait with it."""
    for connection in inherited:
        connection.close()
    die_with_parent()
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (elsewhere, nothing happens)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass


def _workers(jobs: int, count: int, per_worker: int = MIN_ITEMS_PER_WORKER) -> int:
    return max(1, min(jobs, count // per_worker))


def pool_map(function: Callable[[T], R], items: Sequence[T], jobs: int, tick: Tick | None = None) -> list[R]:
    """`[function(x) for x in items]`, in order, on up to `jobs` processes; `function` and the
    items must be picklable."""
    tick = tick or (lambda count: None)
    workers = _workers(jobs, len(items))
    if workers == 1:
        results = []
        for item in items:
            results.append(function(item))
            tick(1)
        return results
    context = multiprocessing.get_context("fork" if _can_fork() else "spawn")
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


def fork_run(function: Callable[[Sequence[T], Tick], R], items: Sequence[T], jobs: int,
             tick: Tick | None = None, per_worker: int = MIN_ITEMS_PER_WORKER) -> list[R]:
    """Give each of up to `jobs` forked workers an interleaved slice of `items` (at least
    `per_worker` each); returns each worker's `function(slice, tick)`. `function` may be a
    closure over anything the parent has built. An exception in a worker is raised here."""
    tick = tick or (lambda count: None)
    workers = _workers(jobs, len(items), per_worker)
    if workers == 1 or not _can_fork():
        return [function(items, tick)]
    context = multiprocessing.get_context("fork")
    receivers, processes = [], []
    parent = os.getpid()
    gc.freeze()  # the workers' collector leaves the parent's objects alone: fewer pages copied
    for part in split(items, workers):
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(function, part, sender, parent, [*receivers, receiver]),
                                  daemon=True)
        process.start()
        sender.close()
        receivers.append(receiver)
        processes.append(process)
    gc.unfreeze()
    try:
        return _collect(receivers, processes, tick)
    finally:
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
