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

Where the jobs run is an :class:`Executor`: :class:`LocalPool` (the pool
above, the default) or :class:`DaskExecutor` (a Dask distributed cluster, for
a corpus too big for one machine; ``pip install 'teikit[dask]'``). Each takes
the same ``task``, per-worker ``factory`` and ``crashed``; Dask receives the
items in chunks and returns results as plain data, and each Dask worker
process builds its state with ``factory`` once and keeps it
(:func:`_run_chunk`), since saxonche and lxml objects cannot travel.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Protocol, TypeVar

from teikit.core.cpus import default_jobs as default_jobs  # re-exported: where callers found it
from teikit.core.errors import ConfigError, TeikitError

T = TypeVar("T")
R = TypeVar("R")

Factory = Callable[[], dict[str, Any]]

_STATE: dict[str, Any] = {}
_PR_SET_PDEATHSIG = 1


def worker_state() -> dict[str, Any]:
    """The objects the factory built in this worker process (or in this process, when serial)."""
    return _STATE


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
    executor: Executor | None = None,
) -> Generator[R, None, None]:
    """Apply ``task`` to every item, in worker processes set up by ``factory``.

    ``task``, ``factory`` and ``crashed`` must be picklable (module-level
    functions, or :func:`functools.partial` of them). ``crashed(item, why)``
    makes the result of an item whose job raised, or whose worker died. With
    one job, or fewer than ``serial_below`` items, everything runs here, after
    one ``factory()`` call.

    ``executor`` runs the jobs elsewhere (:class:`DaskExecutor`); by default
    they run in the local pool of ``jobs`` workers.

    Raises:
        TeikitError: ``factory`` failed (in a worker or here), e.g. a broken schema.
    """
    if not items:
        return
    if executor is not None:
        yield from executor.map(items, task, factory, crashed)
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
        conn.send(("init-error", error if isinstance(error, TeikitError) else ConfigError(repr(error)), None))
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


# --- executors: where the jobs run ---------------------------------------------------------


class Executor(Protocol):
    """A place to run jobs: ``map`` applies ``task`` to every item in workers set up by ``factory``.

    Results come back in the order of the items; an item whose job raised,
    or whose worker died, gets ``crashed(item, why)``.
    """

    def map(
        self, items: Sequence[T], task: Callable[[T], R], factory: Factory, crashed: Callable[[T, str], R]
    ) -> Iterator[R]: ...


@dataclass
class LocalPool:
    """The local pool of :func:`run_parallel`: ``jobs`` spawned processes on this machine."""

    jobs: int | None = None
    serial_below: int = 4

    def map(
        self, items: Sequence[T], task: Callable[[T], R], factory: Factory, crashed: Callable[[T, str], R]
    ) -> Iterator[R]:
        return run_parallel(items, task, factory, crashed=crashed, jobs=self.jobs, serial_below=self.serial_below)


_STATES: dict[bytes, dict[str, Any]] = {}
"""In a Dask worker process: the state built by each factory (by its pickled form), built once."""


def _run_chunk(factory: Factory, task: Callable[[T], R], crashed: Callable[[T, str], R], chunk: list[T]) -> list[R]:
    """Run ``task`` on a chunk of items in a Dask worker, with the state ``factory`` builds once per process.

    Dask workers here run one task at a time (one thread each), so the
    module's state may be swapped for this factory's.
    """
    key = pickle.dumps(factory)
    state = _STATES.get(key)
    if state is None:
        state = _STATES[key] = factory()
    _STATE.clear()
    _STATE.update(state)
    return [run_guarded(task, item, crashed) for item in chunk]


class DaskExecutor:
    """Run jobs on a Dask distributed cluster: a scheduler's address, or a LocalCluster of ``workers`` processes.

    Inputs and outputs are paths, so on several machines they must be on a
    shared file system. Items go in chunks of ``chunk_size``; a chunk whose
    worker died gets ``crashed`` for each of its items.

    Raises:
        ConfigError: Dask is not installed, or the scheduler cannot be reached.
    """

    def __init__(self, scheduler: str | None = None, *, workers: int | None = None, chunk_size: int = 16) -> None:
        try:
            distributed: Any = importlib.import_module("distributed")
        except ImportError as error:
            raise ConfigError("Dask is not installed: pip install 'teikit[dask]'", code="dask-missing") from error
        self.chunk_size = max(1, chunk_size)
        self._cluster: Any = None
        try:
            if scheduler:
                self._client: Any = distributed.Client(scheduler, timeout="20s")
            else:
                self._cluster = distributed.LocalCluster(
                    n_workers=workers or default_jobs(),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",  # any free port: never clash with another cluster on 8787
                    silence_logs=40,
                )
                self._client = distributed.Client(self._cluster)
        except OSError as error:
            raise ConfigError(
                f"cannot reach the Dask scheduler {scheduler}: {error}", code="dask-unreachable"
            ) from error

    def map(
        self, items: Sequence[T], task: Callable[[T], R], factory: Factory, crashed: Callable[[T, str], R]
    ) -> Iterator[R]:
        chunks = [list(items[start : start + self.chunk_size]) for start in range(0, len(items), self.chunk_size)]
        futures = [self._client.submit(_run_chunk, factory, task, crashed, chunk, pure=False) for chunk in chunks]
        for chunk, future in zip(chunks, futures, strict=True):
            try:
                results: list[R] = future.result()
            except TeikitError:
                raise  # the factory failed: a broken schema, the same on every worker
            except Exception as error:
                results = [crashed(item, f"the Dask worker handling this file failed ({error})") for item in chunk]
            yield from results

    def close(self) -> None:
        """Stop the client, and the LocalCluster if this executor started one."""
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class DeferredExecutor:
    """An executor made when it is first given jobs, and closed as soon as their results are all in.

    A cached ``validate`` that finds nothing to check, or a build with no
    changed record, then starts no Dask cluster (seconds) and does not even
    import Dask; and a cluster's shut-down (seconds too) runs in the
    background while the command goes on (a build writes its site pages
    meanwhile). :meth:`close` waits for it.
    """

    def __init__(self, make: Callable[[], DaskExecutor]) -> None:
        self._make = make
        self._made: DaskExecutor | None = None
        self._closing: threading.Thread | None = None

    def map(
        self, items: Sequence[T], task: Callable[[T], R], factory: Factory, crashed: Callable[[T, str], R]
    ) -> Iterator[R]:
        self._wait()
        if self._made is None:
            self._made = self._make()
        yield from self._made.map(items, task, factory, crashed)
        made, self._made = self._made, None
        self._closing = threading.Thread(target=made.close, name="teikit-dask-close", daemon=True)
        self._closing.start()

    def _wait(self) -> None:
        if self._closing is not None:
            self._closing.join()
            self._closing = None

    def close(self) -> None:
        self._wait()
        if self._made is not None:
            self._made.close()
            self._made = None

    def __enter__(self) -> DeferredExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
