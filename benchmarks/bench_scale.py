"""Benchmark: build and validate N generated records on the local pool and on Dask, and what a rerun costs.

Prints, for a cold build with the local pool and with a Dask LocalCluster of
the same number of workers: wall time, records/s, CPU per record (this
process's children, workers included), the peak RSS of the largest process,
and whether the two sites are identical (``diff -r``, the manifest left out).
Then the largest single output file, the manifest's size, a rebuild of the
unchanged corpus after the inputs are evicted from the page cache
(``posix_fadvise(DONTNEED)``), validation without and with ``--cache`` (the
cached run also after eviction), and the ratio to the named peer (jing with
teikit.rng, one batch call) for validation. Run on demand:

    python benchmarks/bench_scale.py [--n 10000] [--jobs 2] [--no-dask]

Needs jing (Debian 'jing') for the peer row and ``teikit[dask]`` for the Dask row.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate
from peers import TEIKIT_RNG, jing

TEIKIT = [sys.executable, "-m", "teikit"]


@dataclass
class Run:
    wall: float
    cpu: float
    peak_rss_mb: float
    code: int


def measure(command: list[str], ok: tuple[int, ...] = (0,)) -> Run:
    """Wall time, CPU and peak RSS of ``command`` and of every process it started and reaped (``wait4``)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        raise SystemExit(f"{' '.join(command[:6])} ... exit {code}:\n{errors.decode()[-3000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code)


def evict(paths: list[Path]) -> None:
    """Drop the files' pages from the page cache, so the next read goes to the disk."""
    for path in paths:
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.fdatasync(descriptor)
            os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(descriptor)


def largest(folder: Path) -> tuple[int, str]:
    return max((path.stat().st_size, path.name) for path in folder.rglob("*") if path.is_file())


def row(label: str, run: Run, count: int) -> None:
    print(
        f"{label:<44} {run.wall:8.2f} s {count / run.wall:8.1f} rec/s "
        f"{1000 * run.cpu / count:7.1f} ms CPU/rec  peak RSS {run.peak_rss_mb:6.0f} MB"
    )


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--n", type=int, default=10_000, help="records to generate (default 10,000)")
    options.add_argument("--jobs", type=int, default=2)
    options.add_argument("--no-dask", action="store_true", help="leave out the Dask LocalCluster build")
    args = options.parse_args()
    jobs = ["-j", str(args.jobs), "-q"]
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        tei = root / "tei"
        files = generate(args.n, tei)
        size = sum(path.stat().st_size for path in files) / len(files) / 1024
        print(f"{len(files)} records, {size:.0f} KiB each on average, {args.jobs} workers")
        local = measure([*TEIKIT, "build", str(tei), "-d", str(root / "local"), *jobs])
        row("build, local pool, cold", local, args.n)
        if not args.no_dask:
            dask = measure([*TEIKIT, "build", str(tei), "-d", str(root / "dask"), "--dask", *jobs])
            row("build, Dask LocalCluster, cold", dask, args.n)
            print(f"  Dask overhead: {100 * (dask.wall / local.wall - 1):+.1f} % of the local pool's wall time")
            diff = subprocess.run(
                ["diff", "-r", "-q", "-x", ".teikit-manifest.sqlite*", str(root / "local"), str(root / "dask")],
                capture_output=True,
                text=True,
                check=False,
            )
            print(f"  diff -r local dask: {'empty' if diff.returncode == 0 else diff.stdout[:500]}")
        biggest, name = largest(root / "local")
        manifest = root / "local" / ".teikit-manifest.sqlite"
        print(f"largest output file: {name} {biggest / 1e6:.2f} MB; manifest {manifest.stat().st_size / 1e6:.2f} MB")
        warm = measure([*TEIKIT, "build", str(tei), "-d", str(root / "local"), *jobs])
        row("rebuild, nothing changed (page cache warm)", warm, args.n)
        evict(files)
        cold = measure([*TEIKIT, "build", str(tei), "-d", str(root / "local"), *jobs])
        row("rebuild, nothing changed (inputs evicted)", cold, args.n)
        plain = measure([*TEIKIT, "validate", str(tei), *jobs])
        row("validate", plain, args.n)
        cache = f"--cache={root / 'validate.sqlite'}"
        fill = measure([*TEIKIT, "validate", str(tei), cache, *jobs])
        row("validate --cache, first run", fill, args.n)
        evict(files)
        again = measure([*TEIKIT, "validate", str(tei), cache, *jobs])
        row("validate --cache, unchanged (inputs evicted)", again, args.n)
        peer = jing(TEIKIT_RNG, files)
        if peer:
            jing_run = measure(peer)
            row("peer: jing teikit.rng (one batch call)", jing_run, args.n)
            print(
                f"  validate / jing: {jing_run.wall / plain.wall:.2f}x jing's speed; "
                f"validate --cache (unchanged) / jing: {jing_run.wall / again.wall:.1f}x"
            )
        else:
            print("jing not found (Debian 'jing'): no peer to compare with")
        shutil.rmtree(root / "local", ignore_errors=True)


if __name__ == "__main__":
    main()
