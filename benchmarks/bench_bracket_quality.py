"""Benchmark: bracket kinds against the hand-labelled set of the shared corpus.

Every editorial bracket of ``../shared/corpus`` (the seed, the three Wilson
samples, the FRUS records) is labelled by hand in
``tests/data/brackets-labelled.tsv``. This converts each record, reads the
bracket review listing, and prints the kind accuracy, the confusion between
kinds, the FRUS-family brackets left unclassified and the brackets paired
across paragraphs. Those labels are in-sample (the rules were written on
that corpus); a separate "unseen" section scores the hand-made records of
``tests/data/unseen/`` against their hand-written gold, per record, never
mixed into the corpus figures. Run on demand:

    python benchmarks/bench_bracket_quality.py [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from teikit.convert.encode import encode
from teikit.convert.read import read_transcript

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "data" / "brackets-labelled.tsv"
UNSEEN = ROOT / "tests" / "data" / "unseen"
FRUS_FAMILIES = re.compile(
    r"not declassified\]$|^\[Omitted here|^\[Here follow|^\[Laughter\]$|^\[Reads:\]$|^\[To \w+:\]$"
    r"|^\[[DR]-[A-Z]|\.\]$"
)
"""Brackets of the families every FRUS record has: declassification, omission, stage directions, affiliations."""


@dataclass
class Quality:
    """What the benchmark measured."""

    total: int = 0
    right: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    missing: list[str] = field(default_factory=list)
    unclassified_frus: list[str] = field(default_factory=list)
    cross_paragraph: list[str] = field(default_factory=list)
    header: int = 0

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0


def _paths(corpus: Path, name: str) -> Path:
    for folder in (corpus / "records", corpus / "frus" / "records"):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(name)


TEI_NS = "http://www.tei-c.org/ns/1.0"


def measure(corpus: Path) -> Quality:
    """Convert every labelled record and compare the review listing with the labels."""
    with LABELS.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    quality = Quality()
    by_file: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_file.setdefault(row["file"], []).append(row)
    for name, labelled in by_file.items():
        path = _paths(corpus, name)
        lines = path.read_text(encoding="utf-8").split("\n")
        encoded = encode(read_transcript(path))
        found = {(record.location.line, record.location.col): record for record in encoded.brackets}
        speakers = {"".join(speaker.itertext()) for speaker in encoded.tree.iter(f"{{{TEI_NS}}}speaker")}
        for row in labelled:
            if row["scope"] == "header":
                quality.header += 1  # kept verbatim in the header's metadata, not classified
                continue
            quality.total += 1
            record = found.get((int(row["line"]), int(row["col"])))
            got = record.rule if record else "(not found)"
            if record is None and row["kind"] == "supplied-speaker" and row["bracket"] in speakers:
                got = row["kind"]  # the label grammar took it: a turn whose <speaker> keeps the brackets
            quality.confusion[(row["kind"], got)] += 1
            if got == row["kind"]:
                quality.right += 1
            if got == "(not found)":
                quality.missing.append(f"{name}:{row['line']}:{row['col']} {row['bracket']}")
            if got == "unclassified" and FRUS_FAMILIES.search(row["bracket"]):
                quality.unclassified_frus.append(f"{name}:{row['line']}:{row['col']} {row['bracket']}")
        for record in encoded.brackets:
            # A bracket over more than one line is one paragraph's only if it is that whole block
            # (the seed's description cut by a blank line); any other is paired across paragraphs.
            if "\n" in record.text:
                start = lines[record.location.line - 1]
                whole = record.location.col == 1 and start.startswith("[")
                if not whole or not record.text.rstrip().endswith("]") or path.suffix == ".txt":
                    quality.cross_paragraph.append(f"{name}:{record.location} {record.text[:40]}")
        known = {(int(row["line"]), int(row["col"])) for row in labelled}
        quality.missing += [f"{name}:{key[0]}:{key[1]} unlabelled bracket" for key in found if key not in known]
    return quality


def report(quality: Quality) -> str:
    lines = [
        f"brackets labelled: {quality.total} (+{quality.header} in header metadata, kept verbatim)",
        f"kind accuracy: {quality.right}/{quality.total} = {quality.accuracy:.1%}",
        f"unclassified FRUS-family brackets: {len(quality.unclassified_frus)}",
        f"brackets paired across paragraphs: {len(quality.cross_paragraph)}",
        "",
        "confusion (labelled -> classified: count):",
    ]
    for (gold, got), count in sorted(quality.confusion.items()):
        mark = "" if gold == got else "   <-- wrong"
        lines.append(f"  {gold:<24} -> {got:<24} {count:>4}{mark}")
    lines += [f"  {item}" for item in quality.missing + quality.unclassified_frus + quality.cross_paragraph]
    return "\n".join(lines)


@dataclass
class UnseenRecord:
    """One hand-made record's brackets against its gold."""

    name: str
    total: int = 0
    right: int = 0
    wrong: list[str] = field(default_factory=list)
    unclassified: int = 0


def _page_numbers(tree: object) -> set[str]:
    return {pb.get("n", "") for pb in tree.iter(f"{{{TEI_NS}}}pb")}  # type: ignore[attr-defined]


def measure_unseen(folder: Path = UNSEEN) -> list[UnseenRecord]:
    """Each hand-made record's bracket kinds against its gold (``page-break``: a ``<pb n>`` of the number)."""
    results = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        path = folder / gold["record"]
        encoded = encode(read_transcript(path))
        found = {(record.location.line, record.location.col): record for record in encoded.brackets}
        speakers = {"".join(speaker.itertext()) for speaker in encoded.tree.iter(f"{{{TEI_NS}}}speaker")}
        pages = _page_numbers(encoded.tree)
        result = UnseenRecord(path.name)
        for row in gold["brackets"]:
            result.total += 1
            record = found.get((row["line"], row["col"]))
            got = record.rule if record else "(not found)"
            if record is None and row["kind"] == "supplied-speaker" and row["bracket"] in speakers:
                got = row["kind"]
            if record is None and row["kind"] == "page-break" and re.sub(r"\D", "", row["bracket"]) in pages:
                got = row["kind"]
            result.unclassified += got == "unclassified"
            if got == row["kind"]:
                result.right += 1
            else:
                result.wrong.append(
                    f"{path.name}:{row['line']}:{row['col']} {row['bracket'][:50]} {row['kind']} -> {got}"
                )
        known = {(row["line"], row["col"]) for row in gold["brackets"]}
        result.wrong += [
            f"{path.name}:{key[0]}:{key[1]} not in the gold: {found[key].rule}" for key in found if key not in known
        ]
        results.append(result)
    return results


def report_unseen(results: list[UnseenRecord]) -> str:
    total, right = sum(r.total for r in results), sum(r.right for r in results)
    lines = ["", "unseen records (tests/data/unseen), not in the figures above:"]
    lines += [f"  {r.name:<28} {r.right:>3}/{r.total:<3} unclassified {r.unclassified}" for r in results]
    lines.append(f"unseen kind accuracy: {right}/{total} = {right / total if total else 0:.1%}")
    lines += [f"  {item}" for r in results for item in r.wrong]
    return "\n".join(lines)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = options.parse_args()
    print(report(measure(args.corpus)))
    print(report_unseen(measure_unseen()))


if __name__ == "__main__":
    main()
