"""Spread work over the machine's cores with a process pool, or do it in-process when small.

Workers are forked where the platform allows it, so they start with everything the parent
has already built (the assembled board, compiled templates) without pickling it.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS_PER_WORKER = 64
"""Below this much work per core a pool costs more than it saves."""


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def pool_map(function: Callable[[T], R], items: Sequence[T], jobs: int) -> list[R]:
    """`[function(x) for x in items]`, in order, on up to `jobs` processes."""
    workers = min(jobs, len(items) // MIN_ITEMS_PER_WORKER)
    if workers <= 1:
        return [function(item) for item in items]
    chunksize = max(1, len(items) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
        return list(pool.map(function, items, chunksize=chunksize))


def split(items: Sequence[T], parts: int) -> list[Sequence[T]]:
    """`parts` interleaved slices, so each worker gets a similar mix of cheap and costly items."""
    return [items[index::parts] for index in range(parts) if items[index::parts]]


def pool_run(function: Callable[[Sequence[T]], R], items: Sequence[T], jobs: int) -> list[R]:
    """Give each worker one interleaved slice of `items`; returns each worker's result."""
    workers = max(1, min(jobs, len(items) // MIN_ITEMS_PER_WORKER))
    if workers == 1:
        return [function(items)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
        return list(pool.map(function, split(items, workers)))


def flatten(lists: Iterable[list[T]]) -> list[T]:
    return [item for part in lists for item in part]


def fork_run(function: Callable[[Sequence[T]], R], items: Sequence[T], jobs: int) -> list[R]:
    """Like `pool_run`, but `function` may be a closure over anything the parent has built:
    forked workers inherit it, and only the (small) results travel back.

    A worker that raises sends the exception back, and it is raised here."""
    workers = max(1, min(jobs, len(items) // MIN_ITEMS_PER_WORKER))
    if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(items)]
    context = multiprocessing.get_context("fork")
    channels, processes = [], []
    for part in split(items, workers):
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(function, part, sender), daemon=True)
        process.start()
        sender.close()
        channels.append(receiver)
        processes.append(process)
    results = []
    try:
        for receiver, process in zip(channels, processes):
            try:
                ok, value = receiver.recv()
            except EOFError:
                raise RuntimeError(f"a build worker stopped unexpectedly (exit code {process.join() or process.exitcode})") from None
            if not ok:
                raise value
            results.append(value)
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
            process.join()
    return results


def _child(function, part, sender) -> None:
    try:
        sender.send((True, function(part)))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which decides
        sender.send((False, exc))
    finally:
        sender.close()
        os._exit(0)
