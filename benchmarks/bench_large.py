"""Benchmark: one 50 MB TEI record: validate and render, time and peak memory, beside lxml's parse.

Each step runs as its own process so that its peak resident memory (from
wait4) is its own. Run on demand:

    python benchmarks/bench_large.py [--megabytes 50]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import large_record


def measured(command: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as process:
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            raise SystemExit(process.stderr.read().decode(errors="replace") if process.stderr else "failed")
    return time.perf_counter() - start, usage.ru_maxrss // 1024


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
            ("teikit render --to html", [python, "-m", "teikit", "render", str(record), "-o", temporary]),
            (
                "teikit render --to text",
                [python, "-m", "teikit", "render", str(record), "--to", "text", "-o", temporary],
            ),
        ]
        floor = None
        for name, command in steps:
            seconds, megabytes = measured(command)
            floor = floor or seconds
            print(f"{name:<30} {seconds:7.2f} s  ({seconds / floor:4.1f}x the parse)   peak {megabytes:6d} MB")


if __name__ == "__main__":
    main()
