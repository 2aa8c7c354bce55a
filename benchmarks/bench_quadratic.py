"""Benchmark: the five inputs that once took time quadratic in their size, at three sizes each.

Each case is a small hostile file: a long line of diagnostics for validate,
thousands of brackets in one paragraph, ``*a `` repeated, emphasis mixed with
brackets, a page-format paragraph of many lines. It prints the time per unit
(diagnostic, bracket, line) at each size: when the time per unit stays flat
as the size grows tenfold, the work is linear. For validate, the time of
lxml's own RELAX NG pass (run twice: once timed alone, once inside
``check_file``) is taken out and shown apart: lxml works out an XPath for
every error by counting the element's siblings, which is quadratic in errors
among siblings and outside teikit's reach. The largest sizes are ten times
those that took minutes before (16k diagnostics: 200 s; 47,661 brackets: 450 s;
``*a `` x 20k: 31.7 s; emphasis with brackets: 33.4 s; 100k lines: 203.6 s).

    python benchmarks/bench_quadratic.py            # sizes x0.1, x1, x10 of those
    python benchmarks/bench_quadratic.py --scale 0.1
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from teikit.check.validate import Validator
from teikit.convert.encode import encode
from teikit.convert.read import read_transcript

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "records" / "wilson-111240.md"
SEED_TEI = ROOT / "tei" / "wilson-111240.xml"
LIBRARY: dict[str, float] = {}
"""Time spent inside lxml's RELAX NG validation alone, measured by the validate case."""


def diagnostics_on_one_line(folder: Path, count: int) -> Callable[[], int]:
    """``count`` invalid attributes on one line of a valid record: one diagnostic each."""
    text = SEED_TEI.read_text(encoding="utf-8")
    bad = "".join(f'<hi rend="x" bad="{index}">w</hi> ' for index in range(count))
    path = folder / f"line-{count}.xml"
    path.write_text(text.replace("<p>", "<p>" + bad, 1), encoding="utf-8")
    validator = Validator()

    class Timed:
        """lxml's RelaxNG with its validate() timed (the error log passes through)."""

        def __init__(self, relaxng: etree.RelaxNG) -> None:
            self.relaxng = relaxng
            self.error_log = relaxng.error_log

        def validate(self, tree: etree._ElementTree) -> bool:
            start = time.perf_counter()
            valid = bool(self.relaxng.validate(tree))
            LIBRARY["seconds"] = time.perf_counter() - start
            self.error_log = self.relaxng.error_log
            return valid

    validator.relaxng = Timed(validator.relaxng)  # type: ignore[assignment]

    def run() -> int:
        return len(validator.check_file(path).diagnostics)

    return run


def transcript(folder: Path, name: str, paragraph: str) -> Callable[[], int]:
    path = folder / f"{name}.md"
    path.write_text(SEED.read_text(encoding="utf-8") + "\n\n" + paragraph + "\n", encoding="utf-8")

    def run() -> int:
        return len(encode(read_transcript(path)).brackets)

    return run


CASES: dict[str, tuple[str, int, Callable[[Path, int], Callable[[], int]]]] = {
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


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--scale", type=float, default=1.0, help="multiply every size (default 1)")
    options.add_argument("--only", default="", help="run only the cases whose name contains this")
    arguments = options.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for name, (unit, size, make) in CASES.items():
            if arguments.only not in name:
                continue
            print(name, flush=True)
            for factor in (0.1, 1, 10):
                count = max(10, int(size * factor * arguments.scale))
                run = make(Path(folder), count)
                LIBRARY.clear()
                start = time.perf_counter()
                found = run()
                seconds = time.perf_counter() - start
                library = LIBRARY.get("seconds", 0.0)
                seconds -= library
                print(
                    f"  {count:>9,} x {unit}: {seconds:8.2f} s, {seconds / count * 1e6:7.1f} us per {unit} ({found} found)"
                    + (
                        f"; lxml's RELAX NG pass {library:.2f} s ({library / count * 1e6:.1f} us per {unit})"
                        if library
                        else ""
                    ),
                    flush=True,
                )
    sys.exit(0)


if __name__ == "__main__":
    main()
