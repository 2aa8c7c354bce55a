"""Declared speakers and the turns review listing: every label decision of a record in one place.

An editor checks a record's turns in a minute: each row gives where the label
stands (``file:line:col``), the label as printed, the person it was given
(``@who``), and why the grammar took it as a turn, or kept it as prose
(:mod:`teikit.convert.labels`). Formats: aligned ``text``, ``tsv``, ``json``,
like the bracket listing. Declared speakers come from a ``--speakers`` file or
the transcript's ``Speakers:`` header line, both ``LABEL = person-id`` entries.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from teikit.convert.labels import LabelNote
from teikit.convert.read import Transcript
from teikit.convert.structure import Part
from teikit.core.errors import InputError, Location

FORMATS = ("text", "tsv", "json")
_ENTRY_RE = re.compile(r"^\s*(?P<label>[^=#]+?)\s*=\s*(?P<ident>[A-Za-z_][\w.-]*)\s*$")


@dataclass(frozen=True)
class TurnRow:
    """One label decision, flattened for output."""

    location: str
    label: str
    person: str
    turn: bool
    why: str


def parse_speakers(text: str, path: str, line: int = 1) -> dict[str, str]:
    """``Comrade Stalin = stalin`` entries (one a line, or ``;``-separated), ``#`` comments.

    Raises:
        InputError: an entry is not ``LABEL = id`` with an XML name as id.
    """
    declared: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=line):
        content = raw.split("#", 1)[0]
        for entry in content.split(";"):
            if not entry.strip():
                continue
            match = _ENTRY_RE.match(entry)
            if match is None:
                col = raw.find(entry.strip()) + 1
                raise InputError(
                    f"speaker entry {entry.strip()!r} is not 'LABEL = person-id' (an id such as 'stalin')",
                    Location(path, number, max(col, 1)),
                    "speakers-entry",
                )
            declared[match.group("label").rstrip(":.").strip()] = match.group("ident")
    return declared


def read_speakers(path: Path) -> dict[str, str]:
    """Declared speakers from a ``--speakers`` file.

    Raises:
        InputError: the file is missing or unreadable, or an entry is malformed.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the speakers file: {exc}", Location(str(path)), "speakers-unreadable") from exc
    return parse_speakers(text, str(path))


def declared_speakers(transcript: Transcript) -> dict[str, str]:
    """The transcript's own ``Speakers:`` header line (``K = kissinger; D = dobrynin``)."""
    field = transcript.fields.get("Speakers")
    if field is None or not field.text.strip():
        return {}
    where = field.location(0)
    return parse_speakers(field.text.replace("\n", " "), where.path, where.line or 1)


def label_notes(parts: list[Part]) -> list[LabelNote]:
    """Every label decision of the parts, in document order."""
    notes = [note for part in parts for note in part.notes]
    return sorted(notes, key=lambda note: (note.location.line or 0, note.location.col or 0))


def turn_rows(parts: list[Part]) -> list[TurnRow]:
    """One row per label decision; the person is the turn's ``@who`` (``-`` when none)."""
    who: dict[int, str] = {}
    for part in parts:
        for unit in part.units:
            for note in unit.notes[:1]:
                if note.turn and unit.who:
                    who[id(note)] = unit.who
    rows = []
    for note in label_notes(parts):
        why = note.why + (f" ({note.kind})" if note.turn else "")
        if note.doubt:
            why += "; warned"
        rows.append(TurnRow(str(note.location), note.speaker, who.get(id(note), "-"), note.turn, why))
    return rows


def format_turns(rows: list[TurnRow], fmt: str) -> str:
    """Render rows as ``text``, ``tsv`` or ``json`` (each ends with a newline)."""
    if fmt == "json":
        return json.dumps([row.__dict__ for row in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt == "tsv":
        lines = ["location\tlabel\tperson\tturn\twhy"]
        lines += [
            "\t".join((row.location, row.label, row.person, "yes" if row.turn else "no", row.why)) for row in rows
        ]
        return "\n".join(lines) + "\n"
    if not rows:
        return "no speaker labels\n"
    width = max(len(row.location) for row in rows)
    label_width = min(max(len(row.label) for row in rows), 40)
    person_width = max(len(row.person) for row in rows)
    lines = [
        f"{row.location:<{width}}  {row.label:<{label_width}}  {row.person if row.turn else 'prose':<{person_width}}  {row.why}"
        for row in rows
    ]
    turns = sum(row.turn for row in rows)
    return "\n".join(lines) + f"\n{turns} turns, {len(rows) - turns} label-shaped paragraphs kept as prose\n"
