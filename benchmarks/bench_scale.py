"""Benchmark: build and validate N generated records on the local pool and on Dask, and what a rerun costs.

Prints, for cold builds with the local pool and with a Dask LocalCluster of
the same number of workers, in interleaved rounds (pool, Dask, pool, Dask,
...; best and median, and Dask's overhead by each): wall time, records/s,
CPU per record (this process's children, workers included), the peak RSS of
the largest process, and whether the two sites are identical (``diff -r``,
the manifest left out). Then the largest single output file, the manifest's
size, a rebuild of the unchanged corpus after the inputs are evicted from the
page cache (``posix_fadvise(DONTNEED)``) and whether it left the site's Pagefind
index alone, validation without and with
``--cache`` (the cached rerun after the inputs and the cache are evicted,
best and median of the rounds), and the ratio to the named peers: jing with
teikit.rng (one batch call), and the fair peer, jing plus the same Schematron
compiled by SchXslt2 on Saxon-HE Java (when ``peers.schxslt`` is there; its
compilation, done once per schema, is not counted). Run on demand:

    python benchmarks/bench_scale.py [--n 10000] [--jobs 2] [--rounds 3] [--no-dask] [--only build|validate]
    python benchmarks/bench_scale.py --reuse DIR   # DIR/tei and DIR/local of an earlier build: reruns only

The eviction drops the inputs and the manifest (with its WAL) from the page
cache: both are what a rebuild reads, and a cold cache costs both.

Needs jing (Debian 'jing') and Saxon-HE Java for the peer rows and ``teikit[dask]`` for the Dask rows.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import peers
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
    """Rebuilds of the unchanged corpus, warm and after eviction, interleaved; best and median.

    Then whether the site's Pagefind index (if it has one) was left alone, as a rebuild
    that changes nothing must: its folder's and files' mtimes before and after.
    """
    search = site / "pagefind"
    before = index_stamps(search)
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
    if not before:
        print("  the site has no Pagefind index (pagefind/)")
    else:
        kept = (
            "untouched" if index_stamps(search) == before else "REWRITTEN (a rebuild that changes nothing ran Pagefind)"
        )
        print(f"  the site's Pagefind index ({len(before)} files): {kept}")
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("  (PYTHONDONTWRITEBYTECODE is set: each run compiles teikit's modules unless their .pyc exist)")


def index_stamps(folder: Path) -> dict[str, int]:
    """The mtime of each file below ``folder`` and of the folder itself (empty if it is not there)."""
    if not folder.is_dir():
        return {}
    stamps = {str(path): path.stat().st_mtime_ns for path in folder.rglob("*")}
    return stamps | {str(folder): folder.stat().st_mtime_ns}


def print_load(when: str) -> None:
    print(f"load average at the {when}: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")


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


def spread(label: str, runs: list[Run], count: int) -> None:
    """Best and median of rounds of one command."""
    best = min(runs, key=lambda run: run.wall)
    median = statistics.median(run.wall for run in runs)
    row(f"{label} (best of {len(runs)})", best, count)
    print(f"{'':<44} median {median:8.2f} s")


def overhead(runs: list[Run], peers_runs: list[Run]) -> str:
    best = min(run.wall for run in runs) / min(run.wall for run in peers_runs) - 1
    median = statistics.median(run.wall for run in runs) / statistics.median(run.wall for run in peers_runs) - 1
    return f"{100 * best:+.1f} % (best), {100 * median:+.1f} % (median)"


def interleaved(rounds: int, commands: dict[str, Callable[[int], Run]]) -> dict[str, list[Run]]:
    """Each command once per round, in turn, so that a change of the machine's load hits all of them alike."""
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for index in range(rounds):
        for name, command in commands.items():
            runs[name].append(command(index))
            print(f"  round {index + 1} {name}: {runs[name][-1].wall:.2f} s", flush=True)
    return runs


def fair_peer(tei: Path, work: Path) -> Callable[[int], Run] | None:
    """jing teikit.rng plus teikit.sch by SchXslt2 on Saxon-HE Java over the folder, as one timed run."""
    compile_and_run = getattr(peers, "schxslt", None)
    files = sorted(tei.glob("*.xml"))
    grammar = jing(TEIKIT_RNG, files)
    commands = compile_and_run(peers.ROOT / "schemas" / "teikit.sch", tei, work) if compile_and_run else None
    if not grammar or not commands:
        return None
    transpile, rules = commands
    measure(transpile)  # once per schema: a project keeps the compiled rules

    def run(_: int) -> Run:
        first, second = measure(grammar), measure(rules)
        return Run(first.wall + second.wall, first.cpu + second.cpu, max(first.peak_rss_mb, second.peak_rss_mb), 0)

    return run


def builds(args: argparse.Namespace, tei: Path, root: Path) -> None:
    jobs = ["-j", str(args.jobs), "-q"]

    def build(backend: str) -> Callable[[int], Run]:
        def run(index: int) -> Run:
            site = root / backend
            shutil.rmtree(site, ignore_errors=True)
            extra = ["--dask"] if backend == "dask" else []
            return measure([*TEIKIT, "build", str(tei), "-d", str(site), *extra, *jobs])

        return run

    commands = {"local": build("local")} | ({} if args.no_dask else {"dask": build("dask")})
    runs = interleaved(args.rounds, commands)
    spread("build, local pool, cold", runs["local"], args.n)
    if "dask" in runs:
        spread("build, Dask LocalCluster, cold", runs["dask"], args.n)
        print(f"  Dask overhead: {overhead(runs['dask'], runs['local'])} of the local pool's wall time")
        diff = subprocess.run(
            ["diff", "-r", "-q", "-x", ".teikit-manifest.sqlite*", str(root / "local"), str(root / "dask")],
            capture_output=True,
            text=True,
            check=False,
        )
        print(f"  diff -r local dask: {'empty' if diff.returncode == 0 else diff.stdout[:500]}")
    sizes(root / "local")
    rebuilds(tei, root / "local", sorted(tei.glob("*.xml")), jobs, args.rounds)
    shutil.rmtree(root / "local", ignore_errors=True)
    shutil.rmtree(root / "dask", ignore_errors=True)


def validation(args: argparse.Namespace, tei: Path, root: Path) -> None:
    jobs = ["-j", str(args.jobs), "-q"]
    files = sorted(tei.glob("*.xml"))
    commands: dict[str, Callable[[int], Run]] = {
        "validate": lambda _: measure([*TEIKIT, "validate", str(tei), *jobs], ok=(0, 1))
    }
    grammar = jing(TEIKIT_RNG, files)
    if grammar:
        commands["jing"] = lambda _: measure(grammar)
    fair = fair_peer(tei, root / "schxslt")
    if fair:
        commands["fair"] = fair
    runs = interleaved(args.rounds, commands)
    spread("validate", runs["validate"], args.n)
    best = min(run.wall for run in runs["validate"])
    if "jing" in runs:
        spread("peer: jing teikit.rng (one batch call)", runs["jing"], args.n)
        print(f"  validate / jing: {min(run.wall for run in runs['jing']) / best:.2f}x jing's speed (best)")
    if "fair" in runs:
        spread("fair peer: jing + teikit.sch by SchXslt2 on Saxon", runs["fair"], args.n)
        print(f"  validate / fair peer: {min(run.wall for run in runs['fair']) / best:.2f}x its speed (best)")
    else:
        print("no fair peer (needs jing, Saxon-HE Java and peers.schxslt)")
    database = root / "validate.sqlite"
    cache = f"--cache={database}"
    fill = measure([*TEIKIT, "validate", str(tei), cache, *jobs], ok=(0, 1))
    row("validate --cache, first run", fill, args.n)

    def cached(_: int) -> Run:
        evict([*files, *(path for path in root.glob("validate.sqlite*") if path.is_file())])
        return measure([*TEIKIT, "validate", str(tei), cache, *jobs], ok=(0, 1))

    spread("validate --cache, unchanged (evicted)", interleaved(args.rounds, {"cached": cached})["cached"], args.n)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--n", type=int, default=10_000, help="records to generate (default 10,000)")
    options.add_argument("--jobs", type=int, default=2)
    options.add_argument("--rounds", type=int, default=3, help="interleaved rounds of each timed command")
    options.add_argument("--no-dask", action="store_true", help="leave out the Dask LocalCluster build")
    options.add_argument("--only", choices=("build", "validate"), help="run one half of the benchmark")
    options.add_argument("--tei", type=Path, help="use these records (generated once) instead of generating")
    options.add_argument("--reuse", type=Path, help="a folder with tei/ and local/ of an earlier build: reruns only")
    args = options.parse_args()
    if args.reuse:
        jobs = ["-j", str(args.jobs), "-q"]
        files = sorted((args.reuse / "tei").glob("*.xml"))
        print(f"{len(files)} records (reused), {args.jobs} workers")
        # Once unmeasured: brings a site of an earlier teikit (another manifest layout) up to date.
        measure([*TEIKIT, "build", str(args.reuse / "tei"), "-d", str(args.reuse / "local"), *jobs])
        sizes(args.reuse / "local")
        print_load("start")
        rebuilds(args.reuse / "tei", args.reuse / "local", files, jobs)
        print_load("end")
        return
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        tei = args.tei or root / "tei"
        files = sorted(tei.glob("*.xml")) if args.tei else generate(args.n, tei)
        args.n = len(files)
        size = sum(path.stat().st_size for path in files) / len(files) / 1024
        print(f"{len(files)} records, {size:.0f} KiB each on average, {args.jobs} workers, {args.rounds} rounds")
        print_load("start")
        if args.only != "validate":
            builds(args, tei, root)
        if args.only != "build":
            validation(args, tei, root)
        print_load("end")


if __name__ == "__main__":
    main()
