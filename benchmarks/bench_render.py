"""Benchmark: render 1,000 seed-sized records to HTML and text, beside Saxon-HE Java.

teikit renders with saxonche, one Saxon per worker process, stylesheets
compiled once. The peer is Saxon-HE for Java (Debian 'libsaxonhe-java')
running the same stylesheets on the same files: once per file (as a build
script calling Saxon per record does; timed on a sample and reported per
file) and in one batch call over the folder. Run on demand:

    python benchmarks/bench_render.py [-n 1000] [--jobs 2] [--sample 10]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, generate
from peers import saxon, timed


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("-n", "--count", type=int, default=1000)
    options.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    options.add_argument("--sample", type=int, default=10, help="files timed one Saxon call each")
    args = options.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "records"
        files = generate(args.count, folder)
        print(f"{len(files)} records, {args.jobs} jobs")
        print(f"{'':<34}{'html':>22}{'text':>22}")
        rows: dict[str, dict[str, float]] = {}
        for to in ("html", "text"):
            out = Path(temporary) / f"teikit-{to}"
            seconds = timed(
                [
                    sys.executable,
                    "-m",
                    "teikit",
                    "render",
                    str(folder),
                    "--to",
                    to,
                    "-d",
                    str(out),
                    "--jobs",
                    str(args.jobs),
                ]
            )
            rows.setdefault("teikit render (saxonche)", {})[to] = seconds / len(files)
            stylesheet = ROOT / "xslt" / f"{to}.xsl"
            batch_out = Path(temporary) / f"saxon-{to}"
            batch = saxon(stylesheet, folder, batch_out)
            if batch:
                sample = files[: args.sample]
                single = sum(timed(saxon(stylesheet, path, Path(temporary) / "one.out") or []) for path in sample)
                rows.setdefault("Saxon-HE Java, one call per file", {})[to] = single / len(sample)
                rows.setdefault("Saxon-HE Java, one batch call", {})[to] = timed(batch) / len(files)
        if len(rows) == 1:
            print("Saxon-HE for Java not found (Debian package 'libsaxonhe-java'): no peer to compare with")
        ours = rows["teikit render (saxonche)"]
        for name, values in rows.items():
            cells = []
            for to in ("html", "text"):
                ratio = f"({values[to] / ours[to]:5.1f}x)" if name != "teikit render (saxonche)" else ""
                cells.append(f"{values[to] * 1000:9.2f} ms {ratio:>9}")
            print(f"{name:<34}{cells[0]:>22}{cells[1]:>22}")
        print("ms per record; (Nx) = how many times slower than teikit")


if __name__ == "__main__":
    main()
