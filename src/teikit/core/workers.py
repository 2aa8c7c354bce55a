"""Run one job per file on every core, each worker with its own Saxon and schemas.

saxonche objects cannot be pickled or shared between processes, so each
worker builds its own (compiled stylesheets, compiled schemas) once, in the
pool's initializer, and keeps them for all the files it is given. Workers are
started with ``spawn``: a fresh interpreter, never a fork of a process whose
Saxon runtime is already running. Files go out in small chunks so a slow file
does not hold a whole share back; results come back in the order given.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_STATE: dict[str, Any] = {}


def worker_state() -> dict[str, Any]:
    """The objects the initializer built in this worker process."""
    return _STATE


def _initialize(factory: Callable[[], dict[str, Any]]) -> None:
    _STATE.update(factory())


def _run_chunk(task: Callable[[Any], Any], chunk: Sequence[Any]) -> list[Any]:
    return [task(item) for item in chunk]


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def run_parallel(
    items: Sequence[T],
    task: Callable[[T], R],
    factory: Callable[[], dict[str, Any]],
    *,
    jobs: int | None = None,
    chunk_size: int | None = None,
) -> Iterator[R]:
    """Apply ``task`` to every item, in worker processes set up by ``factory``.

    ``task`` and ``factory`` must be module-level functions (they are sent to
    the workers by name). With one job, or few items, everything runs here, in
    this process, with one ``factory()`` call. Results are yielded in order,
    as soon as each chunk is done.
    """
    jobs = jobs or default_jobs()
    if jobs <= 1 or len(items) < 4:
        _STATE.update(factory())
        for item in items:
            yield task(item)
        return
    # Small chunks: the last ones end close together, so no core idles while another finishes a long one.
    size = chunk_size or max(1, min(8, len(items) // (jobs * 8) or 1))
    chunks = [items[index : index + size] for index in range(0, len(items), size)]
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_initialize, initargs=(factory,))
    try:
        futures = [pool.submit(_run_chunk, task, chunk) for chunk in chunks]
        for future in futures:
            yield from future.result()
    finally:
        # Stopped early (--fail-fast, Ctrl-C): drop what has not started.
        pool.shutdown(wait=True, cancel_futures=True)
