"""Benchmark: the five inputs that once took time quadratic in their size, at three sizes each.

Each case is a small hostile file: a long line of diagnostics for validate,
thousands of brackets in one paragraph, ``*a `` repeated, emphasis mixed with
brackets, a page-format paragraph of many lines. It prints the time per unit
(diagnostic, bracket, line) at each size: when the time per unit stays flat
as the size grows tenfold, the work is linear. The sizes of each case are
timed in interleaved rounds (best and median printed). For validate the time
is all a user waits for ``teikit validate FILE`` past start-up
(``Validator.check_file``: read, parse, RELAX NG, Schematron, every message
located), and jing, the reference RELAX NG validator, is timed on the same
file in the same rounds as the peer (grammar only, its Java start included).
CPU seconds are printed beside wall-clock ones: on a shared machine they
show the work when waiting for a core inflates the wall clock.
The largest sizes are ten times those that took minutes before (16k
diagnostics: 200 s; 47,661 brackets: 450 s; ``*a `` x 20k: 31.7 s; emphasis
with brackets: 33.4 s; 100k lines: 203.6 s).

    python benchmarks/bench_quadratic.py            # sizes x0.1, x1, x10 of those
    python benchmarks/bench_quadratic.py --scale 0.1 --rounds 1 --only validate
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from teikit.check.validate import Validator
from teikit.convert.encode import encode
from teikit.convert.read import read_transcript

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "records" / "wilson-111240.md"
SEED_TEI = ROOT / "tei" / "wilson-111240.xml"
GRAMMAR = ROOT / "schemas" / "teikit.rng"
Run = Callable[[], int]


def one_line_file(folder: Path, count: int) -> Path:
    """The seed record with ``count`` invalid attributes on one line of its first ``<p>``: one error each."""
    text = SEED_TEI.read_text(encoding="utf-8")
    bad = "".join(f'<hi rend="x" bad="{index}">w</hi> ' for index in range(count))
    path = folder / f"line-{count}.xml"
    path.write_text(text.replace("<p>", "<p>" + bad, 1), encoding="utf-8")
    return path


def diagnostics_on_one_line(folder: Path, count: int) -> Run:
    """``teikit validate FILE`` without its start-up: every error of the file, located."""
    path = one_line_file(folder, count)
    validator = Validator()

    def run() -> int:
        return len(validator.check_file(path).errors)

    return run


def jing_on_one_line(folder: Path, count: int) -> Run | None:
    """jing on the same file (one Java start), or None when jing is not installed."""
    jing = shutil.which("jing")
    if jing is None:
        return None
    path = one_line_file(folder, count)

    def run() -> int:
        completed = subprocess.run([jing, str(GRAMMAR), str(path)], capture_output=True, text=True, check=False)
        return completed.stdout.count(": error: ")

    return run


def transcript(folder: Path, name: str, paragraph: str) -> Callable[[], int]:
    path = folder / f"{name}.md"
    path.write_text(SEED.read_text(encoding="utf-8") + "\n\n" + paragraph + "\n", encoding="utf-8")

    def run() -> int:
        return len(encode(read_transcript(path)).brackets)

    return run


CASES: dict[str, tuple[str, int, Callable[[Path, int], Run]]] = {
    "validate: diagnostics on one line": ("diagnostic", 16_000, diagnostics_on_one_line),
    "convert: brackets in one paragraph": (
        "bracket",
        47_661,
        lambda folder, n: transcript(folder, f"brackets-{n}", "[sic] " * n),
    ),
    "convert: '*a ' repeated": ("'*a '", 20_000, lambda folder, n: transcript(folder, f"stars-{n}", "*a " * n)),
    "convert: emphasis mixed with brackets": (
        "pair",
        10_000,
        lambda folder, n: transcript(folder, f"mixed-{n}", "*a [b] *c* " * n),
    ),
    "convert: page-format paragraph lines": (
        "line",
        100_000,
        lambda folder, n: transcript(folder, f"lines-{n}", "\n".join(f"word{index} and more" for index in range(n))),
    ),
}
PEERS: dict[str, tuple[str, Callable[[Path, int], Run | None]]] = {
    "validate: diagnostics on one line": ("jing", jing_on_one_line),
}


def timed(run: Run) -> tuple[float, float, int]:
    """Wall-clock and CPU seconds of ``run`` (this process's and its children's: jing's Java), and what it found."""
    start, cpu = time.perf_counter(), _cpu()
    found = run()
    return time.perf_counter() - start, _cpu() - cpu, found


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--scale", type=float, default=1.0, help="multiply every size (default 1)")
    options.add_argument("--rounds", type=int, default=3, help="interleaved rounds over the sizes (default 3)")
    options.add_argument("--only", default="", help="run only the cases whose name contains this")
    arguments = options.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for name, (unit, size, make) in CASES.items():
            if arguments.only not in name:
                continue
            print(name, flush=True)
            counts = [max(10, int(size * factor * arguments.scale)) for factor in (0.1, 1, 10)]
            peer_name, make_peer = PEERS.get(name, ("", lambda folder, count: None))
            runs = {count: (make(Path(folder), count), make_peer(Path(folder), count)) for count in counts}
            times: dict[tuple[int, str], list[float]] = {}
            cpus: dict[tuple[int, str], list[float]] = {}
            found: dict[tuple[int, str], int] = {}
            for _ in range(arguments.rounds):
                for count, (run, peer) in runs.items():
                    for who, job in (("teikit", run), (peer_name, peer)):
                        if job is not None:
                            seconds, cpu, found[count, who] = timed(job)
                            times.setdefault((count, who), []).append(seconds)
                            cpus.setdefault((count, who), []).append(cpu)
            for count in counts:
                best, median = min(times[count, "teikit"]), statistics.median(times[count, "teikit"])
                cpu = min(cpus[count, "teikit"])
                line = (
                    f"  {count:>9,} x {unit}: best {best:8.2f} s, median {median:8.2f} s, "
                    f"{best / count * 1e6:7.1f} us per {unit} (CPU {cpu / count * 1e6:.1f} us;"
                    f" {found[count, 'teikit']} found)"
                )
                if (count, peer_name) in times:
                    other = min(times[count, peer_name])
                    line += (
                        f"; {peer_name}: best {other:.2f} s, median {statistics.median(times[count, peer_name]):.2f} s,"
                        f" {other / count * 1e6:.1f} us per {unit} (CPU {min(cpus[count, peer_name]) / count * 1e6:.1f}"
                        f" us; {found[count, peer_name]} found), teikit/{peer_name} {best / other:.2f}"
                    )
                print(line, flush=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
