"""Benchmark: how well ``teikit convert`` reads real records it was not built on.

Converts every record of ``../shared/corpus`` (``records/`` and
``frus/records/``) and prints, per record and in total: speaker turns found
against the FRUS gold (``frus/gold/*.json``; a turn is a body paragraph that
opens with a label, paragraphs counted as the gold counts them: the non-blank
lines after the header's blank line, 0-based), recall and precision (micro,
over all records), words lost (every word of the body must be in the TEI's
``<text>``: must be 0), page breaks the converter inserted (spurious on FRUS,
whose transcripts hold one paragraph a line), and warnings.

Those records are the ones the rules were written on, so the figures are
in-sample. A separate "unseen" section measures the hand-made records of
``tests/data/unseen/`` against their hand-written gold (``*.gold.json``): turns
recall and precision by the line a turn opens on, the speaker each turn was
given (``who``: the gold's words all in the ``@who``), words lost and warnings.
They are never added to the corpus totals. Run:

    python benchmarks/bench_convert_quality.py [CORPUS]
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from teikit.convert.encode import encode
from teikit.convert.read import read_transcript
from teikit.convert.turns import label_notes, turn_rows
from teikit.core.serialize import to_bytes

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
UNSEEN = Path(__file__).resolve().parent.parent / "tests" / "data" / "unseen"
TEI = "{http://www.tei-c.org/ns/1.0}"
WORD_RE = re.compile(r"\w+")
LETTER_SPACED_RE = re.compile(r"\b\w(?: \w){3,}\b")


@dataclass
class Quality:
    """The figures of one record."""

    name: str
    kind: str
    gold: int
    found: int
    correct: int
    words_lost: int
    page_breaks: int
    warnings: int


def _body_paragraphs(path: Path, first_line: int) -> dict[int, int]:
    """File line -> 0-based body paragraph (non-blank lines from the first body line)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    mapping: dict[int, int] = {}
    for number, line in enumerate(lines[first_line - 1 :], start=first_line):
        if line.strip():
            mapping[number] = len(mapping)
    return mapping


def _words_lost(path: Path, first_line: int, root: etree._Element) -> int:
    """Words of the transcript's body missing from the TEI ``<text>`` (words teikit adds do not offset them)."""
    source = "\n".join(path.read_text(encoding="utf-8").splitlines()[first_line - 1 :])
    source = LETTER_SPACED_RE.sub(lambda match: match.group().replace(" ", ""), source)
    expected = Counter(WORD_RE.findall(source))
    text = root.find(f"{TEI}text")
    assert text is not None
    produced = Counter(WORD_RE.findall(" ".join(text.itertext())))
    for note in text.iterfind(f".//{TEI}note[@place='foot']"):
        produced[note.get("n", "")] += 2
    # ``Ghina [sic]`` is ``<sic>Ghina</sic>``, ``[Page 3]`` is ``<pb n="3"/>``: the element is the word.
    produced["sic"] += sum(1 for sic in text.iter(f"{TEI}sic") if sic.getparent().tag != f"{TEI}choice")
    for pb in text.iter(f"{TEI}pb"):
        produced.update(WORD_RE.findall(pb.get("n", "")))
    return sum((expected - produced).values())


def measure(path: Path, gold_dir: Path | None) -> Quality:
    """Convert one record and measure it (turns only where a gold file exists)."""
    transcript = read_transcript(path)
    first_line = transcript.body[0].location.line if transcript.body else 1
    encoded = encode(transcript)
    root = etree.fromstring(to_bytes(encoded.tree))
    paragraphs = _body_paragraphs(path, first_line or 1)
    found = {paragraphs.get(note.location.line or 0, -1) for note in label_notes(encoded.parts) if note.turn}
    gold_file = gold_dir / f"{path.stem}.json" if gold_dir else None
    kind, gold = "-", set()
    if gold_file is not None and gold_file.is_file():
        data = json.loads(gold_file.read_text(encoding="utf-8"))
        kind, gold = data["type"], {turn["para"] for turn in data["turns"]}
    return Quality(
        path.name,
        kind,
        len(gold),
        len(found),
        len(found & gold),
        _words_lost(path, first_line or 1, root),
        len(root.findall(f".//{TEI}pb")),
        len(encoded.warnings),
    )


def measure_corpus(corpus: Path) -> list[Quality]:
    """Every record of the corpus: ``records/`` (no gold) and ``frus/records/`` (with gold)."""
    results = [measure(path, None) for path in sorted((corpus / "records").glob("*")) if path.is_file()]
    frus = corpus / "frus"
    results += [measure(path, frus / "gold") for path in sorted((frus / "records").glob("*.txt"))]
    return results


def totals(results: list[Quality]) -> tuple[float, float]:
    """Micro recall and precision of the turns over the records with gold."""
    scored = [result for result in results if result.kind != "-"]
    correct = sum(result.correct for result in scored)
    gold = sum(result.gold for result in scored)
    found = sum(result.found for result in scored)
    return (correct / gold if gold else 1.0), (correct / found if found else 1.0)


@dataclass
class Unseen:
    """The figures of one hand-made record against its gold."""

    name: str
    kind: str
    gold: int
    found: int
    correct: int
    who_scored: int
    who_right: int
    words_lost: int
    warnings: list[str]
    wrong: list[str]


def gold_records(folder: Path = UNSEEN) -> list[tuple[Path, dict[str, Any]]]:
    """Each hand-made record with its gold, in name order."""
    pairs = []
    for gold in sorted(folder.glob("*.gold.json")):
        stem = gold.name.removesuffix(".gold.json")
        record = next(path for path in folder.glob(f"{stem}.*") if not path.name.endswith(".json"))
        pairs.append((record, json.loads(gold.read_text(encoding="utf-8"))))
    return pairs


def _who_matches(expected: str, got: str) -> bool:
    """The gold names a person by the words of their id (``couve-de-murville``); all must be in ``@who``."""
    return set(expected.split("-")) <= set(got.lstrip("#").split("-"))


def measure_unseen(path: Path, gold: dict[str, Any]) -> Unseen:
    """Convert one hand-made record and compare its turns with the gold."""
    transcript = read_transcript(path)
    first_line = transcript.body[0].location.line if transcript.body else 1
    encoded = encode(transcript)
    root = etree.fromstring(to_bytes(encoded.tree))
    found = {int(row.location.rsplit(":", 2)[1]): row for row in turn_rows(encoded.parts) if row.turn}
    expected = {turn["line"]: turn for turn in gold["turns"]}
    wrong = [f"{line}: missed {turn['label']}" for line, turn in expected.items() if line not in found]
    wrong += [f"{line}: spurious {row.label}" for line, row in found.items() if line not in expected]
    scored = [(turn, found[line]) for line, turn in expected.items() if turn["who"] and line in found]
    who_right = 0
    for turn, row in scored:
        if _who_matches(turn["who"], row.person):
            who_right += 1
        else:
            wrong.append(f"{turn['line']}: {turn['label']} who={row.person}, gold {turn['who']}")
    return Unseen(
        path.name,
        gold["type"],
        len(expected),
        len(found),
        len(expected.keys() & found.keys()),
        len(scored),
        who_right,
        _words_lost(path, first_line or 1, root),
        [str(warning) for warning in encoded.warnings],
        wrong,
    )


def unseen_totals(results: list[Unseen]) -> tuple[float, float]:
    """Micro recall and precision of the turns over the hand-made records."""
    correct = sum(result.correct for result in results)
    gold = sum(result.gold for result in results)
    found = sum(result.found for result in results)
    return (correct / gold if gold else 1.0), (correct / found if found else 1.0)


def report_unseen(results: list[Unseen], verbose: bool = True) -> str:
    """The unseen section: one row per record, the totals, then what went wrong and the warnings."""
    lines = [
        "",
        f"unseen records ({UNSEEN.relative_to(UNSEEN.parent.parent.parent)}), not in the totals above:",
        f"{'record':<30} {'type':<9} {'gold':>5} {'found':>5} {'right':>5} {'recall':>7} {'prec':>6} "
        f"{'who':>7} {'lost':>5} {'warn':>5}",
    ]
    for r in results:
        recall = r.correct / r.gold if r.gold else 1.0
        precision = r.correct / r.found if r.found else 1.0
        lines.append(
            f"{r.name:<30} {r.kind:<9} {r.gold:>5} {r.found:>5} {r.correct:>5} {recall:>7.3f} {precision:>6.3f} "
            f"{f'{r.who_right}/{r.who_scored}':>7} {r.words_lost:>5} {len(r.warnings):>5}"
        )
    recall, precision = unseen_totals(results)
    lines.append(
        f"unseen turns: recall {recall:.4f}, precision {precision:.4f} over {sum(r.gold for r in results)} gold turns; "
        f"who {sum(r.who_right for r in results)}/{sum(r.who_scored for r in results)}; "
        f"words lost {sum(r.words_lost for r in results)}; "
        f"turns in reported-speech records {sum(r.found for r in results if r.kind == 'reported')}; "
        f"warnings {sum(len(r.warnings) for r in results)}"
    )
    if verbose:
        for r in results:
            lines += [f"  {r.name}:{item}" for item in r.wrong]
            lines += [f"  {warning}" for warning in r.warnings]
    return "\n".join(lines)


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    results = measure_corpus(corpus)
    print(f"{'record':<30} {'type':<9} {'gold':>5} {'found':>5} {'right':>5} {'lost':>5} {'pb':>4} {'warn':>5}")
    for r in results:
        print(
            f"{r.name:<30} {r.kind:<9} {r.gold:>5} {r.found:>5} {r.correct:>5} {r.words_lost:>5} "
            f"{r.page_breaks:>4} {r.warnings:>5}"
        )
    recall, precision = totals(results)
    frus = [r for r in results if r.kind != "-"]
    print(
        f"FRUS turns: recall {recall:.4f}, precision {precision:.4f} over {sum(r.gold for r in frus)} gold turns; "
        f"words lost {sum(r.words_lost for r in results)}; page breaks on FRUS {sum(r.page_breaks for r in frus)}; "
        f"turns in reported-speech records {sum(r.found for r in frus if r.kind == 'reported')}; "
        f"warnings {sum(r.warnings for r in results)}"
    )
    print(report_unseen([measure_unseen(path, gold) for path, gold in gold_records()]))


if __name__ == "__main__":
    main()
