"""Benchmark: validate N seed-sized records with teikit beside jing and the fair peer, in one run.

Prints wall-clock seconds of each command over the same files, best and
median of interleaved rounds (every command once per round, so a burst of
load on the machine hits each alike), and the ratio to the fair peer: jing
with the project's grammar (teikit.rng) in one batch call, plus the same
Schematron (teikit.sch) compiled by SchXslt2 and run on Saxon-HE Java in one
batch call: what checking both grammar and rules costs TEI projects today.
jing alone (RELAX NG only) is printed too. lxml's parse time of the same
files (one process) is the floor. Run on demand:

    python benchmarks/bench_validate.py [-n 1000] [--jobs 2] [--rounds 3]

Needs jing (Debian 'jing') and Saxon-HE Java (Debian 'libsaxonhe-java');
the tei_all rows need ../shared/reference/tei_all.rng and ``--tei-all``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, generate
from peers import TEI_ALL, TEIKIT_RNG, jing, schxslt, timed


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
    options.add_argument("--rounds", type=int, default=3, help="interleaved rounds (best and median)")
    options.add_argument("--tei-all", action="store_true", help="also time tei_all.rng")
    args = options.parse_args()
    teikit = [sys.executable, "-m", "teikit", "validate", "--jobs", str(args.jobs)]
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "records"
        files = generate(args.count, folder)
        size = sum(path.stat().st_size for path in files) / len(files) / 1024
        commands: dict[str, Callable[[], float]] = {
            "lxml parse only (1 process, the floor)": lambda: parse_floor(files),
            "teikit validate (teikit.rng + teikit.sch)": lambda: timed([*teikit, str(folder)]),
            "teikit validate --no-schematron (teikit.rng)": lambda: timed([*teikit, "--no-schematron", str(folder)]),
        }
        if args.tei_all and TEI_ALL.is_file():
            commands["teikit validate --schema tei_all.rng"] = lambda: timed(
                [*teikit, "--schema", str(TEI_ALL), str(folder)]
            )
        jing_teikit = jing(TEIKIT_RNG, files)
        schematron = schxslt(ROOT / "schemas" / "teikit.sch", folder, Path(temporary))
        fair = "peer: jing teikit.rng + SchXslt2 teikit.sch on Saxon-HE Java"
        if jing_teikit:
            commands["jing teikit.rng (one batch call)"] = lambda: timed(jing_teikit)
            if schematron:
                commands[fair] = lambda: timed(jing_teikit) + sum(timed(step) for step in schematron)
        if not (jing_teikit and schematron):
            print("jing or Saxon-HE Java not found (Debian 'jing', 'libsaxonhe-java'): no fair peer to compare with")
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.rounds):
            for name, command in commands.items():
                times[name].append(command())
        print(f"{len(files)} records, {size:.0f} KiB each on average, {args.jobs} jobs, {args.rounds} rounds")
        peer = times.get(fair)
        width = max(len(name) for name in commands)
        print(f"{'':<{width}}  {'best s':>7} {'median s':>8}  {'ms/record':>9}  x the fair peer's speed (best, median)")
        for name, values in times.items():
            best, median = min(values), statistics.median(values)
            ratio = f"{min(peer) / best:5.2f}x {statistics.median(peer) / median:5.2f}x" if peer else ""
            print(f"{name:<{width}}  {best:7.2f} {median:8.2f}  {best / len(files) * 1000:9.2f}  {ratio}")


if __name__ == "__main__":
    main()
