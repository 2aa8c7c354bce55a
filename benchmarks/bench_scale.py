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
    python benchmarks/bench_scale.py --reuse DIR   # DIR/tei and DIR/local of an earlier build: reruns only

The eviction drops the inputs and the manifest (with its WAL) from the page
cache: both are what a rebuild reads, and a cold cache costs both.

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


def largest(folder: Path, count: int = 1) -> list[tuple[int, str]]:
    """The ``count`` largest files below ``folder``, largest first."""
    return sorted(((path.stat().st_size, path.name) for path in folder.rglob("*") if path.is_file()), reverse=True)[
        :count
    ]


def manifest_files(site: Path) -> list[Path]:
    return [path for path in site.glob(".teikit-manifest.sqlite*") if path.is_file()]


def rebuilds(tei: Path, site: Path, files: list[Path], jobs: list[str], rounds: int = 5) -> None:
    """Rebuilds of the unchanged corpus, warm and after eviction, interleaved; best and median."""
    warm, cold = [], []
    for _ in range(rounds):
        warm.append(measure([*TEIKIT, "build", str(tei), "-d", str(site), *jobs]))
        evict(files + manifest_files(site))
        cold.append(measure([*TEIKIT, "build", str(tei), "-d", str(site), *jobs]))
    for label, runs in (("page cache warm", warm), ("inputs and manifest evicted", cold)):
        walls = sorted(run.wall for run in runs)
        print(
            f"rebuild, nothing changed ({label}): best {walls[0]:.2f} s, median {walls[len(walls) // 2]:.2f} s, "
            f"CPU {min(run.cpu for run in runs):.2f} s, peak RSS {max(run.peak_rss_mb for run in runs):.0f} MB"
        )


def sizes(site: Path) -> None:
    (biggest, name), *_ = largest(site)
    print(f"largest output file: {name} {biggest / 1e6:.2f} MB; files over 1 MB: ", end="")
    print(", ".join(f"{n} {b / 1e6:.2f} MB" for b, n in largest(site, 10) if b > 1e6) or "none")
    manifest = site / ".teikit-manifest.sqlite"
    print(
        f"manifest {manifest.stat().st_size / 1e6:.2f} MB ({manifest.stat().st_size / max(1, count_rows(manifest)):.0f} B a record)"
    )


def count_rows(manifest: Path) -> int:
    import sqlite3

    connection = sqlite3.connect(f"{manifest.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(connection.execute("SELECT count(*) FROM records").fetchone()[0])
    finally:
        connection.close()


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
    options.add_argument("--reuse", type=Path, help="a folder with tei/ and local/ of an earlier build: reruns only")
    args = options.parse_args()
    jobs = ["-j", str(args.jobs), "-q"]
    if args.reuse:
        files = sorted((args.reuse / "tei").glob("*.xml"))
        print(f"{len(files)} records (reused), {args.jobs} workers")
        # Once unmeasured: brings a site of an earlier teikit (another manifest layout) up to date.
        measure([*TEIKIT, "build", str(args.reuse / "tei"), "-d", str(args.reuse / "local"), *jobs])
        sizes(args.reuse / "local")
        rebuilds(args.reuse / "tei", args.reuse / "local", files, jobs)
        return
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
        sizes(root / "local")
        rebuilds(tei, root / "local", files, jobs)
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
