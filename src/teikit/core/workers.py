"""Run one job per file on every core: the one worker pool of validate, render and build.

saxonche objects cannot be pickled or shared between processes, so each
worker builds its own (compiled stylesheets, compiled schemas) once, through
a per-worker ``factory``, and keeps them for all the files it is given.
Workers are started with ``spawn``: a fresh interpreter, never a fork of a
process whose Saxon runtime is already running.

The pool is teikit's own rather than :class:`concurrent.futures.ProcessPoolExecutor`
because it must know which file each worker holds:

* a worker that dies (the out-of-memory killer, a crash in native code) costs
  only the file it held: that file gets an error (``crashed``), every result
  already made is kept, and a new worker takes the next file;
* a file whose job raises gets an error too, and the other files go on;
* workers never outlive the command: each asks the kernel to kill it when its
  parent dies (``PR_SET_PDEATHSIG`` on Linux), watches its parent elsewhere,
  leaves when its pipe to the parent closes, and ignores Ctrl-C, which the
  parent handles by stopping them all.

Results are yielded in the order of the items, each as soon as it and those
before it are done.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

from teikit.core.errors import ConfigError, TeikitError

T = TypeVar("T")
R = TypeVar("R")

Factory = Callable[[], dict[str, Any]]

_STATE: dict[str, Any] = {}
_PR_SET_PDEATHSIG = 1


def worker_state() -> dict[str, Any]:
    """The objects the factory built in this worker process (or in this process, when serial)."""
    return _STATE


def default_jobs() -> int:
    """One worker per core this process may run on (a container's CPU set, not the machine's)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def describe_failure(error: BaseException) -> str:
    """What to tell about a job that raised something other than a :class:`TeikitError`."""
    if isinstance(error, RecursionError):
        return "the file is nested too deeply for teikit to process"
    if isinstance(error, MemoryError):
        return "the file needs more memory than is available"
    return f"internal error ({type(error).__name__}: {error}); please report it with the file"


def _describe_exit(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = " (out of memory?)" if -code == signal.SIGKILL else ""
        return f"the worker process handling this file was killed by {name}{hint}"
    return f"the worker process handling this file stopped unexpectedly (exit status {code})"


def run_parallel(
    items: Sequence[T],
    task: Callable[[T], R],
    factory: Factory,
    *,
    crashed: Callable[[T, str], R],
    jobs: int | None = None,
    serial_below: int = 4,
) -> Generator[R, None, None]:
    """Apply ``task`` to every item, in worker processes set up by ``factory``.

    ``task``, ``factory`` and ``crashed`` must be picklable (module-level
    functions, or :func:`functools.partial` of them). ``crashed(item, why)``
    makes the result of an item whose job raised, or whose worker died. With
    one job, or fewer than ``serial_below`` items, everything runs here, after
    one ``factory()`` call.

    Raises:
        TeikitError: ``factory`` failed (in a worker or here), e.g. a broken schema.
    """
    if not items:
        return
    jobs = min(jobs or default_jobs(), len(items))
    if jobs <= 1 or len(items) < serial_below:
        _STATE.clear()
        _STATE.update(factory())
        for item in items:
            yield run_guarded(task, item, crashed)
        return
    pool = _Pool(jobs, task, factory)
    try:
        yield from pool.map(items, crashed)
    finally:
        pool.close()


def run_guarded(task: Callable[[T], R], item: T, crashed: Callable[[T, str], R]) -> R:
    """``task(item)``, or ``crashed(item, why)`` if it raised an unexpected exception."""
    try:
        return task(item)
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except Exception as error:
        return crashed(item, describe_failure(error))


# --- the worker side ---------------------------------------------------------------------


def _die_with_parent(parent: int) -> None:
    """Make sure this worker ends when the parent does, however the parent ends."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request above
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="teikit-parent-watch", daemon=True).start()


def _leave(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def _worker_main(conn: Connection, parent: int, factory: Factory, task: Callable[[Any], Any]) -> None:
    """A worker's life: set up once, then take one item at a time until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Stopped by the parent: unwind, so that a file half-written is removed (write_atomic cleans up).
    signal.signal(signal.SIGTERM, _leave)
    _die_with_parent(parent)
    try:
        _STATE.update(factory())
    except BaseException as error:
        conn.send(("init-error", error if isinstance(error, TeikitError) else ConfigError(repr(error))))
        return
    conn.send(("ready", None, None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, item = message
        try:
            conn.send(("done", index, task(item)))
        except Exception as error:
            conn.send(("raised", index, describe_failure(error)))


# --- the parent side ---------------------------------------------------------------------


@dataclass
class _Worker:
    process: Any
    conn: Connection
    ready: bool = False
    holding: tuple[int, Any] | None = None


class _Pool:
    """``jobs`` spawned workers, each holding at most one item, replaced when they die."""

    def __init__(self, jobs: int, task: Callable[[Any], Any], factory: Factory) -> None:
        self._context = multiprocessing.get_context("spawn")
        self._task = task
        self._factory = factory
        self._workers: list[_Worker] = []
        for _ in range(jobs):
            self._workers.append(self._start())

    def _start(self) -> _Worker:
        here, there = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=_worker_main, args=(there, os.getpid(), self._factory, self._task), daemon=True
        )
        process.start()
        there.close()
        return _Worker(process, here)

    def map(self, items: Sequence[Any], crashed: Callable[[Any, str], Any]) -> Iterator[Any]:
        waiting = deque(enumerate(items))
        results: dict[int, Any] = {}
        next_out = 0
        while next_out < len(items):
            for worker in self._workers:
                if worker.holding is None and waiting:
                    worker.holding = waiting.popleft()
                    worker.conn.send(worker.holding)
            busy = [worker for worker in self._workers if worker.holding is not None or not worker.ready]
            ready = set(wait([worker.conn for worker in busy] + [worker.process.sentinel for worker in busy]))
            for worker in busy:
                if worker.conn in ready:
                    try:
                        kind, index, value = worker.conn.recv()
                    except (EOFError, OSError):
                        kind, index, value = "died", None, None
                elif worker.process.sentinel in ready:
                    kind, index, value = "died", None, None
                else:
                    continue
                if kind == "init-error":
                    raise index if isinstance(index, TeikitError) else ConfigError(repr(index))
                if kind == "ready":
                    worker.ready = True
                elif kind in ("done", "raised"):
                    results[index] = value if kind == "done" else crashed(items[index], value)
                    worker.holding = None
                else:
                    self._replace(worker, results, crashed)
            while next_out in results:
                yield results.pop(next_out)
                next_out += 1

    def _replace(self, worker: _Worker, results: dict[int, Any], crashed: Callable[[Any, str], Any]) -> None:
        worker.process.join(1.0)
        code = worker.process.exitcode
        if not worker.ready:
            raise ConfigError(f"a worker process could not start (exit status {code})", code="worker-start")
        if worker.holding is not None:
            index, item = worker.holding
            results[index] = crashed(item, _describe_exit(code))
        worker.conn.close()
        self._workers[self._workers.index(worker)] = self._start()

    def close(self) -> None:
        """Stop every worker: ask, then terminate, then kill; none is left behind."""
        for worker in self._workers:
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
        deadline = time.monotonic() + 2.0
        for worker in self._workers:
            worker.process.join(max(0.0, deadline - time.monotonic()) if worker.holding is None else 0.0)
            if worker.process.is_alive():
                worker.process.terminate()
                worker.process.join(3.0)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            with contextlib.suppress(OSError):
                worker.conn.close()
