"""Benchmark: validate 100 records against TEI's tei_all grammar with teikit beside jing.

``teikit validate --schema tei_all.rng`` runs jing when it is installed (one
batch call) and lxml otherwise (compiling tei_all, about 10 s, then each
file); both engines are timed, beside jing's own batch call, the peer. Each
row also says how many files the command found invalid, so the verdicts can
be compared. Run on demand:

    python benchmarks/bench_tei_all.py [-n 100] [--runs 1]

Needs jing (Debian package 'jing') and ../shared/reference/tei_all.rng.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate
from peers import TEI_ALL, jing


def timed_verdicts(command: list[str], runs: int) -> tuple[float, int]:
    """Best wall-clock seconds of ``command`` over ``runs`` and the number of files it named in an error."""
    best, invalid = float("inf"), 0
    for _ in range(runs):
        start = time.perf_counter()
        completed = subprocess.run(command, capture_output=True, text=True, check=False)
        best = min(best, time.perf_counter() - start)
        if completed.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command[:5])} ... failed:\n{completed.stderr[-2000:]}")
        invalid = len({line.split(":", 1)[0] for line in completed.stdout.splitlines() if ": error:" in line})
    return best, invalid


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("-n", "--count", type=int, default=100)
    options.add_argument("--runs", type=int, default=1, help="best of N runs per command")
    options.add_argument("--jobs", type=int, default=1)
    args = options.parse_args()
    if not TEI_ALL.is_file():
        raise SystemExit(f"tei_all.rng is not at {TEI_ALL}")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "records"
        files = generate(args.count, folder)
        # A few invalid ones, so the verdicts say something.
        for path in files[:: max(1, len(files) // 5)]:
            path.write_text(
                path.read_text(encoding="utf-8").replace("<speaker>", "<speaker><speakr/>", 1), encoding="utf-8"
            )
        print(f"{len(files)} records, tei_all.rng, best of {args.runs}")
        teikit = [sys.executable, "-m", "teikit", "validate", "--no-schematron", "--schema", str(TEI_ALL)]
        rows = []
        for engine in ("jing", "lxml"):
            command = [*teikit, "--rng-engine", engine, "--jobs", str(args.jobs), str(folder)]
            rows.append(
                (f"teikit validate --schema tei_all.rng --rng-engine {engine}", *timed_verdicts(command, args.runs))
            )
        peer = jing(TEI_ALL, files)
        if peer:
            rows.append(("jing tei_all.rng (one batch call)  <- peer", *timed_verdicts(peer, args.runs)))
        width = max(len(name) for name, _seconds, _invalid in rows)
        for name, seconds, invalid in rows:
            print(f"{name:<{width}}  {seconds:6.2f} s  {invalid:3} invalid")


if __name__ == "__main__":
    main()
