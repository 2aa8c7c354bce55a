"""The worker pool: a dead worker costs one item, workers never outlive the command, signals exit cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from teikit.core.errors import ConfigError, Location
from teikit.core.workers import DeferredExecutor, run_parallel, worker_state

ROOT = Path(__file__).resolve().parent.parent
SEED_TEI = ROOT / "tei" / "wilson-111240.xml"


def _factory() -> dict[str, object]:
    return {"pid": os.getpid()}


def _task(item: int) -> str:
    if item == 3:
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
    if item == 5:
        raise RecursionError("maximum recursion depth exceeded")
    return f"{item} by {worker_state()['pid']}"


def _crashed(item: int, why: str) -> str:
    return f"{item} failed: {why}"


def test_a_killed_worker_costs_one_item_and_the_others_are_kept() -> None:
    # Before the fix: BrokenProcessPool ended build, validate and render, and validate printed nothing.
    results = list(run_parallel(list(range(10)), _task, _factory, crashed=_crashed, jobs=2))
    assert len(results) == 10
    assert results[3] == "3 failed: the worker process handling this file was killed by SIGKILL (out of memory?)"
    assert results[5] == "5 failed: the file is nested too deeply for teikit to process"
    for index in (0, 1, 2, 4, 6, 7, 8, 9):
        assert results[index].startswith(f"{index} by "), results[index]
    assert len({result.rsplit(" ", 1)[1] for index, result in enumerate(results) if index not in (3, 5)}) >= 2


def _broken_factory() -> dict[str, object]:
    raise ConfigError("the stylesheet does not compile", Location("broken.xsl", 3, 1), "stylesheet-broken")


def test_a_worker_that_cannot_set_up_raises_its_error() -> None:
    # Before the fix the message had two parts, the pool unpacked three: a ValueError, not the error.
    with pytest.raises(ConfigError, match="the stylesheet does not compile"):
        list(run_parallel(list(range(4)), _task, _broken_factory, crashed=_crashed, jobs=2))


def test_serial_runs_turn_an_exception_into_the_items_error() -> None:
    results = list(run_parallel([4, 5, 6], _task, _factory, crashed=_crashed, jobs=1))
    assert results[1].startswith("5 failed: the file is nested too deeply") and results[2].startswith("6 by ")


def _children(pid: int) -> set[int]:
    """Every descendant of ``pid`` (from /proc)."""
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        parent = frontier.pop()
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == parent and int(entry.name) not in found:
                    found.add(int(entry.name))
                    frontier.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _records(folder: Path, count: int) -> None:
    folder.mkdir()
    seed = SEED_TEI.read_text(encoding="utf-8")
    for index in range(count):
        (folder / f"r{index:03d}.xml").write_text(
            seed.replace('<idno type="record">111240</idno>', f'<idno type="record">{index}</idno>'), encoding="utf-8"
        )


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the worker processes")
@pytest.mark.parametrize(
    ("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGKILL, -9), (signal.SIGHUP, 129), (signal.SIGINT, 130)]
)
def test_no_worker_outlives_the_command(tmp_path: Path, signum: int, code: int) -> None:
    # Before the fix validate's forked and build's spawned workers lived on for minutes after the parent died.
    _records(tmp_path / "tei", 60)
    process = subprocess.Popen(
        [sys.executable, "-m", "teikit", "build", str(tmp_path / "tei"), "-d", str(tmp_path / "site"), "-j", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 90
    workers: set[int] = set()
    while time.monotonic() < deadline and not list((tmp_path / "site").glob("r*.html")):
        workers |= _children(process.pid)
        time.sleep(0.05)
    workers |= _children(process.pid)
    assert len(workers) >= 2, "the build should have started its workers"
    os.kill(process.pid, signum)  # the main process only, as a service manager or the OOM killer would
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == code
    said = {signal.SIGINT: "interrupted", signal.SIGTERM: "stopped by SIGTERM", signal.SIGHUP: "stopped by SIGHUP"}
    if signum in said:
        assert said[signum] in stderr.decode() and "Traceback" not in stderr.decode()
    time.sleep(5)
    assert [pid for pid in workers if _alive(pid)] == []
    assert not [path for path in (tmp_path / "site").rglob("*.tmp")] or signum == signal.SIGKILL


class _FakeCluster:
    """Stands for a Dask executor: runs the jobs here and records its closing."""

    def __init__(self, made: list[_FakeCluster]) -> None:
        made.append(self)
        self.closed = False

    def map(self, items: Any, task: Any, factory: Any, crashed: Any) -> Any:
        return iter([task(item) for item in items])

    def close(self) -> None:
        self.closed = True


def test_a_deferred_executor_starts_a_cluster_only_for_jobs_and_closes_it_when_they_are_done() -> None:
    made: list[_FakeCluster] = []
    with DeferredExecutor(lambda: _FakeCluster(made)):  # type: ignore[arg-type,return-value]
        pass
    assert made == []  # nothing to run (a cached validate, a build with nothing changed): no cluster
    with DeferredExecutor(lambda: _FakeCluster(made)) as executor:  # type: ignore[arg-type,return-value]
        assert list(executor.map([1, -2], abs, dict, lambda item, why: 0)) == [1, 2]
        executor._wait()
        assert made[0].closed  # closed as soon as the results were in, before the command ends
        assert list(executor.map([-3], abs, dict, lambda item, why: 0)) == [3]
    assert len(made) == 2 and made[1].closed
