"""Benchmark: validate 1,000 seed-sized records with teikit beside jing, in one run.

Prints wall-clock seconds of each command over the same files and the ratio to
jing's single batch call with the project's grammar (teikit.rng), the peer
the goal is set against. lxml's parse time of the same files (one process) is
printed as the floor. Run on demand:

    python benchmarks/bench_validate.py [-n 1000] [--jobs 2]

Needs jing (Debian package 'jing') and, for the tei_all rows,
../shared/reference/tei_all.rng.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate
from peers import TEI_ALL, TEIKIT_RNG, best_of, jing


def parse_floor(files: list[Path]) -> float:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    start = time.perf_counter()
    for path in files:
        etree.fromstring(path.read_bytes(), parser)
    return time.perf_counter() - start


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("-n", "--count", type=int, default=1000)
    options.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    options.add_argument("--runs", type=int, default=3, help="best of N runs per command")
    args = options.parse_args()
    teikit = [sys.executable, "-m", "teikit", "validate"]
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "records"
        files = generate(args.count, folder)
        size = sum(path.stat().st_size for path in files) / len(files) / 1024
        print(f"{len(files)} records, {size:.0f} KiB each on average, {args.jobs} jobs, best of {args.runs}")
        rows: list[tuple[str, float]] = [
            ("lxml parse only (1 process, the floor)", min(parse_floor(files) for _ in range(args.runs)))
        ]
        rows.append(
            (
                "teikit validate (teikit.rng + teikit.sch)",
                best_of(args.runs, [*teikit, "--jobs", str(args.jobs), str(folder)]),
            )
        )
        rows.append(
            (
                "teikit validate --no-schematron (teikit.rng)",
                best_of(args.runs, [*teikit, "--no-schematron", "--jobs", str(args.jobs), str(folder)]),
            )
        )
        if TEI_ALL.is_file():
            rows.append(
                (
                    "teikit validate --schema tei_all.rng",
                    best_of(args.runs, [*teikit, "--schema", str(TEI_ALL), "--jobs", str(args.jobs), str(folder)]),
                )
            )
        peer = None
        jing_teikit = jing(TEIKIT_RNG, files)
        if jing_teikit:
            peer = best_of(args.runs, jing_teikit)
            rows.append(("jing teikit.rng (one batch call)  <- peer", peer))
            if TEI_ALL.is_file():
                rows.append(("jing tei_all.rng (one batch call)", best_of(args.runs, jing(TEI_ALL, files) or [])))
        else:
            print("jing not found (Debian package 'jing'): no peer to compare with")
        width = max(len(name) for name, _ in rows)
        for name, seconds in rows:
            ratio = f"{peer / seconds:5.2f}x faster than the peer" if peer else ""
            print(f"{name:<{width}}  {seconds:7.2f} s  {seconds / len(files) * 1000:6.2f} ms/record  {ratio}")


if __name__ == "__main__":
    main()
