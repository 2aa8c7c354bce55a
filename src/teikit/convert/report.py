"""The bracket review listing: one row per editorial bracket of a record.

An archivist reviews every decision the bracket rules made in one place: where
the bracket stands (``file:line:col``), its exact text, the kind it was given,
the TEI it became and the words around it. The same bracket text should get
the same kind wherever it stands; where it did not, the text listing ends with
the places and their context, so the difference is reviewed, not hidden.
Formats: aligned ``text`` for reading, ``tsv`` for a spreadsheet, ``json`` for
tools.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from teikit.convert.context import BracketRecord

FORMATS = ("text", "tsv", "json")
_NAMESPACE_RE = re.compile(r' xmlns(?::\w+)?="[^"]*"')


@dataclass(frozen=True)
class ReviewRow:
    """A bracket, its kind and its TEI, flattened for output."""

    location: str
    bracket: str
    rule: str
    kind: str
    tei: str
    context: str = ""


def review_rows(records: Iterable[BracketRecord]) -> list[ReviewRow]:
    """Flatten bracket records (in document order) for output."""
    rows = []
    for record in sorted(records, key=lambda record: (record.location.path, record.location.line, record.location.col)):
        snippet = "".join(
            _NAMESPACE_RE.sub("", etree.tostring(node, encoding="unicode", with_tail=False)) for node in record.nodes
        )
        rows.append(
            ReviewRow(
                str(record.location),
                _one_line(record.text),
                record.rule,
                record.kind,
                _one_line(snippet),
                _one_line(record.context),
            )
        )
    return rows


def differing_kinds(rows: list[ReviewRow]) -> dict[str, list[ReviewRow]]:
    """Bracket texts given more than one kind, with their rows (their context says why)."""
    by_text: dict[str, list[ReviewRow]] = {}
    for row in rows:
        by_text.setdefault(row.bracket, []).append(row)
    return {text: group for text, group in by_text.items() if len({row.rule for row in group}) > 1}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def format_rows(rows: list[ReviewRow], fmt: str) -> str:
    """Render rows as ``text``, ``tsv`` or ``json`` (each ends with a newline)."""
    if fmt == "json":
        return json.dumps([row.__dict__ for row in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt == "tsv":
        lines = ["location\tbracket\trule\tkind\ttei\tcontext"]
        lines += ["\t".join((row.location, row.bracket, row.rule, row.kind, row.tei, row.context)) for row in rows]
        return "\n".join(lines) + "\n"
    if not rows:
        return "no editorial brackets\n"
    width = max(len(row.location) for row in rows)
    rule_width = max(len(row.rule) for row in rows)
    lines = [
        f"{row.location:<{width}}  {row.rule:<{rule_width}}  {row.bracket}\n{'':<{width}}  {'':<{rule_width}}  -> {row.tei}"
        for row in rows
    ]
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.rule] = counts.get(row.rule, 0) + 1
    summary = ", ".join(f"{count} {rule}" for rule, count in sorted(counts.items()))
    for text, group in differing_kinds(rows).items():
        lines.append(f"same bracket, different kinds: {text}")
        lines += [f"  {row.location}  {row.rule}  … {row.context} …" for row in group]
    return "\n".join(lines) + f"\n{len(rows)} brackets: {summary}\n"
