"""Benchmark: build a site from 1,000 generated records, cold and warm, on 1 and 2 cores.

Cold: an empty site folder, every record validated and rendered (HTML and
reading text) and the indexes written. Warm: the same command again with
nothing changed, which must only hash the records and compare. Prints
records per second; the goals are 100 records/s cold on 2 cores and a warm
build of 1,000 records in under a second. Run on demand:

    python benchmarks/bench_build.py [-n 1000]
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


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, check=False)
    if completed.returncode != 0:
        raise SystemExit(completed.stderr.decode(errors="replace")[-3000:])
    return time.perf_counter() - start


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("-n", "--count", type=int, default=1000)
    args = options.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        tei = Path(temporary) / "tei"
        generate(args.count, tei)
        print(f"{args.count} records")
        for jobs in (1, 2):
            site = Path(temporary) / f"site-{jobs}"
            command = [sys.executable, "-m", "teikit", "build", str(tei), "-o", str(site), "--jobs", str(jobs)]
            cold = timed(command)
            warm = min(timed(command) for _ in range(3))
            print(
                f"--jobs {jobs}: cold {cold:6.2f} s = {args.count / cold:6.1f} records/s;  warm {warm:5.2f} s = {args.count / warm:7.0f} records/s"
            )


if __name__ == "__main__":
    main()
