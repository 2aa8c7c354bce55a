"""Benchmark: one 50 MB TEI record: validate and render, time and peak memory, beside lxml's parse.

Each step runs as its own process, started by a small launcher, so that its
peak resident memory is its own (see PEAK_LAUNCHER). Run on demand:

    python benchmarks/bench_large.py [--megabytes 50]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import large_record

# wait4's peak of a child starts from its parent's (the kernel carries it across fork and exec), and
# this process has just built a 50 MB tree: a small launcher runs each step and reports its child's peak.
PEAK_LAUNCHER = (
    "import resource, subprocess, sys; code = subprocess.call(sys.argv[2:], stdout=subprocess.DEVNULL); "
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); sys.exit(code)"
)


def measured(command: list[str], peak: Path) -> tuple[float, int]:
    """Seconds and peak resident memory (MB) of ``command``, as its own process."""
    start = time.perf_counter()
    completed = subprocess.run([sys.executable, "-c", PEAK_LAUNCHER, str(peak), *command], capture_output=True)
    if completed.returncode:
        raise SystemExit(completed.stderr.decode(errors="replace") or "failed")
    return time.perf_counter() - start, int(peak.read_text()) // 1024


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--megabytes", type=float, default=50)
    args = options.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        record = large_record(args.megabytes, Path(temporary) / "large.xml")
        print(f"{record.stat().st_size / 1024 / 1024:.1f} MiB record")
        python = sys.executable
        steps = [
            ("lxml parse only (the floor)", [python, "-c", f"from lxml import etree; etree.parse({str(record)!r})"]),
            ("teikit validate", [python, "-m", "teikit", "validate", str(record)]),
            ("teikit render --to html", [python, "-m", "teikit", "render", str(record), "-d", temporary]),
            (
                "teikit render --to text",
                [python, "-m", "teikit", "render", str(record), "--to", "text", "-d", temporary],
            ),
        ]
        floor = None
        for name, command in steps:
            seconds, megabytes = measured(command, Path(temporary) / "peak")
            floor = floor or seconds
            print(f"{name:<30} {seconds:7.2f} s  ({seconds / floor:4.1f}x the parse)   peak {megabytes:6d} MB")


if __name__ == "__main__":
    main()
