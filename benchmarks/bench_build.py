"""Benchmark: build a site from N generated records, cold, beside the floor and the peer, in one run.

Cold: an empty site folder, every record validated and rendered (the HTML
page, the reading and the diplomatic text) and the indexes written. Each
round runs teikit build, the floor and the peer once (interleaved, so a
burst of load on the machine hits each alike); best and median over the
rounds are printed, in records per second, with the ratios. Then a warm
build (nothing changed: only the stat check). The goals: 130 records/s cold
on 2 cores, a warm build of 1,000 records in under a second.

The floor (floor.py) is the same pipeline with stylesheets that only copy
the text: what this toolchain (lxml, saxonche) costs before any edition logic.

The peer is the pipeline TEI projects script today, each tool called once
over the whole folder: jing with teikit.rng, then Saxon-HE Java with the
same stylesheets (HTML, reading text, diplomatic text; it has no Schematron,
index or search step, and no incremental mode). Run on demand:

    python benchmarks/bench_build.py [-n 1000] [--jobs 2] [--rounds 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, generate
from peers import TEIKIT_RNG, jing, saxon, timed

FLOOR = Path(__file__).resolve().parent / "floor.py"


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("-n", "--count", type=int, default=1000)
    options.add_argument("--jobs", type=int, default=2)
    options.add_argument("--rounds", type=int, default=3)
    args = options.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        tei = root / "tei"
        generate(args.count, tei)
        jobs = ["--jobs", str(args.jobs)]
        build = [sys.executable, "-m", "teikit", "build", str(tei), "-d", str(root / "site"), "-q", *jobs]
        floor = [sys.executable, str(FLOOR), str(tei), str(root / "floor"), *jobs]
        steps = [
            jing(TEIKIT_RNG, sorted(tei.glob("*.xml"))),
            saxon(ROOT / "xslt" / "html.xsl", tei, root / "peer-html"),
            saxon(ROOT / "xslt" / "text.xsl", tei, root / "peer-text"),
            saxon(ROOT / "xslt" / "text.xsl", tei, root / "peer-diplomatic", style="diplomatic"),
        ]
        peer = [step for step in steps if step] if all(steps) else []
        if not peer:
            print("jing or Saxon-HE Java not found (Debian 'jing', 'libsaxonhe-java'): no peer to compare with")
        times: dict[str, list[float]] = {"teikit build, cold": [], "floor (floor.py)": []}
        if peer:
            times["peer: jing + Saxon-HE Java"] = []
        for _ in range(args.rounds):
            shutil.rmtree(root / "site", ignore_errors=True)
            times["teikit build, cold"].append(timed(build))
            shutil.rmtree(root / "floor", ignore_errors=True)
            times["floor (floor.py)"].append(timed(floor))
            if peer:
                times["peer: jing + Saxon-HE Java"].append(sum(timed(step) for step in peer))
        warm = min(timed(build) for _ in range(3))
        print(f"{args.count} records, {args.jobs} jobs, {args.rounds} interleaved rounds")
        ours = times["teikit build, cold"]
        for name, values in times.items():
            best, median = min(values), statistics.median(values)
            ratio = (
                ""
                if values is ours
                else f"  teikit is {best / min(ours):4.2f}x / {median / statistics.median(ours):4.2f}x its speed"
            )
            print(
                f"{name:<28} best {best:6.2f} s = {args.count / best:6.1f} records/s;"
                f" median {median:6.2f} s = {args.count / median:6.1f} records/s{ratio}"
            )
        print(f"teikit build, warm (nothing changed), best of 3: {warm:5.2f} s")


if __name__ == "__main__":
    main()
