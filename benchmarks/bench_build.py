"""Benchmark: build a site from 1,000 generated records, cold and warm, on 1 and 2 cores.

Cold: an empty site folder, every record validated and rendered (HTML and
reading text) and the indexes written. Warm: the same command again with
nothing changed, which must only hash the records and compare. Prints
records per second; the goals are 100 records/s cold on 2 cores and a warm
build of 1,000 records in under a second.

The floor (floor.py) is the same pipeline with stylesheets that only copy
the text: what this toolchain (lxml, saxonche) costs before any edition logic.

The peer is the pipeline TEI projects script today, each tool called once
over the whole folder: jing with teikit.rng, then Saxon-HE Java with the
same HTML and text stylesheets (it has no Schematron, index or search step,
and no incremental mode: its warm build is its cold build). Run on demand:

    python benchmarks/bench_build.py [-n 1000]
"""

from __future__ import annotations

import argparse
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
    args = options.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        tei = Path(temporary) / "tei"
        generate(args.count, tei)
        print(f"{args.count} records")
        rates: dict[str, float] = {}
        for jobs in (1, 2):
            site = Path(temporary) / f"site-{jobs}"
            command = [sys.executable, "-m", "teikit", "build", str(tei), "-d", str(site), "--jobs", str(jobs)]
            cold = timed(command)
            warm = min(timed(command) for _ in range(3))
            rates[f"--jobs {jobs}"] = cold
            print(
                f"teikit build --jobs {jobs}: cold {cold:6.2f} s = {args.count / cold:6.1f} records/s;"
                f"  warm {warm:5.2f} s = {args.count / warm:7.0f} records/s"
            )
        floor = timed([sys.executable, str(FLOOR), str(tei), str(Path(temporary) / "floor"), "--jobs", "2"])
        print(
            f"floor: the same pipeline with stylesheets that only copy the text (floor.py), --jobs 2:"
            f" {floor:6.2f} s = {args.count / floor:6.1f} records/s"
        )
        print(f"teikit build --jobs 2 cold is {floor / rates['--jobs 2']:4.2f}x the floor's speed")
        steps = [
            jing(TEIKIT_RNG, sorted(tei.glob("*.xml"))),
            saxon(ROOT / "xslt" / "html.xsl", tei, Path(temporary) / "peer-html"),
            saxon(ROOT / "xslt" / "text.xsl", tei, Path(temporary) / "peer-text"),
        ]
        if not all(steps):
            print("jing or Saxon-HE Java not found (Debian 'jing', 'libsaxonhe-java'): no peer to compare with")
            return
        peer = sum(timed(step) for step in steps if step)
        print(
            f"peer: jing + Saxon-HE Java (html, text), one call each: {peer:6.2f} s = {args.count / peer:6.1f} records/s"
        )
        for name, cold in rates.items():
            print(f"teikit build {name} cold is {peer / cold:4.2f}x the peer's speed")


if __name__ == "__main__":
    main()
