"""Parse archival references out of a citation or source line.

``Archive of the President, Russian Federation (APRF), fond (f.) 45, opis (op.)
1, delo (d.) 329, listy (ll.) 9-17`` gives the repository and its abbreviation,
the fond / opis / delo hierarchy and the leaves 9 to 17. Other shapes
(``BArch, B 136/59748, 403-410``) give a repository, a shelfmark and a range.
Nothing is guessed: a part that is not found stays empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from teikit.convert import rules

_UNIT_RES = {
    unit: re.compile(
        rf"(?<![\w.])(?:{spelling})(?:\s*\((?:{spelling})\))?\s*(?P<value>{rules.LEAF}(?:\s*[-–]\s*{rules.LEAF})?"
        rf"(?:\s*,\s*{rules.LEAF}(?:\s*[-–]\s*{rules.LEAF})?)*)",
        re.I,
    )
    for unit, spelling in rules.ARCHIVE_UNITS
}
_RECORD_RES = tuple((unit, re.compile(pattern)) for unit, pattern in rules.RECORD_UNITS)
_RANGE_RE = re.compile(rf"(?P<from>{rules.LEAF})(?:\s*[-–]\s*(?P<to>{rules.LEAF}))?")
_ABBR_RE = re.compile(r"^(?P<name>.+?)\s*\((?P<abbr>[A-Z][A-Za-z]{1,10})\)$")
_BARE_RANGE_RE = re.compile(r"^\d+(?:\s*[-–]\s*\d+)?\.?$")


@dataclass(frozen=True)
class LeafRange:
    """Leaves (or pages) ``start`` to ``end``; ``end`` equals ``start`` for one leaf."""

    start: str
    end: str
    text: str


@dataclass
class ArchivalReference:
    """What a citation says about where the original is kept."""

    repository: str = ""
    abbreviation: str = ""
    identifiers: list[tuple[str, str]] = field(default_factory=list)
    leaves: list[LeafRange] = field(default_factory=list)
    text: str = ""
    collections: list[str] = field(default_factory=list)

    def identifier(self, kind: str) -> str:
        return next((value for name, value in self.identifiers if name == kind), "")


def _segments(text: str) -> list[tuple[int, int]]:
    """Comma-separated segments (start, end) of ``text``, not splitting inside brackets or quotes."""
    segments, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in "([“":
            depth += 1
        elif char in ")]”" and depth:
            depth -= 1
        elif char == "," and depth == 0:
            segments.append((start, index))
            start = index + 1
    segments.append((start, len(text)))
    return segments


def parse_leaves(value: str) -> list[LeafRange]:
    """``9-17`` / ``9, 12-14ob.`` -> leaf ranges."""
    ranges = []
    for match in _RANGE_RE.finditer(value):
        start = match.group("from").replace(" ", "")
        end = (match.group("to") or match.group("from")).replace(" ", "")
        ranges.append(LeafRange(start, end, match.group().strip()))
    return ranges


def parse_reference(citation: str, archive_hint: str = "") -> ArchivalReference:
    """Find repository, archival units and leaves in ``citation``.

    Args:
        citation: the citation or source line of the record.
        archive_hint: the record's "Original Archive" value, used to name the
            repository when the citation only abbreviates it.
    """
    reference = ArchivalReference()
    units: list[tuple[int, int]] = []
    found: list[tuple[int, str, str]] = []
    for unit, pattern in _UNIT_RES.items():
        match = pattern.search(citation)
        if not match:
            continue
        value = match.group("value").strip().rstrip(",.")
        units.append((match.start(), match.end()))
        if unit == "listy":
            reference.leaves = parse_leaves(value)
        else:
            found.append((match.start(), unit, value))
    reference.identifiers = [(unit, value) for _start, unit, value in sorted(found)]
    segments = _segments(citation)
    if units:
        first = min(start for start, _end in units)
        last = max(end for _start, end in units)
        before = [(start, end) for start, end in segments if end <= first]
        repository = _repository_before(citation, before)
        if repository:
            reference.repository, reference.abbreviation, rep_start = repository
            reference.text = citation[rep_start:last].strip()
        elif before and _names_archive(citation[before[0][0] : before[0][1]]):
            # ``SAPMO-BArch, DY 30/3386, Bl. 1-5``: the archive, its shelfmark, the leaves.
            start, end = before[0]
            reference.repository, reference.abbreviation = _split_abbreviation(citation[start:end])
            for shelf_start, shelf_end in before[1:]:
                shelfmark = citation[shelf_start:shelf_end].strip()
                if shelfmark:
                    reference.identifiers.insert(0, ("shelfmark", shelfmark))
            reference.text = citation[start:last].strip()
        else:
            reference.text = citation[first:last].strip()
    else:
        _parse_other(citation, segments, archive_hint, reference)
    if not reference.repository and not reference.identifiers and _is_source_note(archive_hint):
        return parse_archive_note(archive_hint)
    if not reference.repository and archive_hint:
        name, abbr = _split_abbreviation(archive_hint)
        reference.repository, reference.abbreviation = name, reference.abbreviation or abbr
    return reference


def _opens_reference(text: str, hint_name: str, hint_abbr: str) -> bool:
    """The segment of a citation where the archival reference starts (not the publishing Digital Archive)."""
    if not text or "Digital Archive" in text:
        return False
    if hint_name and (text in (hint_abbr, hint_name) or hint_name.startswith(text)):
        return True
    if any(text == abbr or text.startswith(abbr + " ") for abbr in rules.ARCHIVE_ABBREVIATIONS):
        return True
    return bool(re.search(r"\barchiv|\blibrary\b|\bmuseum\b|\bbibliothe", text, re.I))


def _names_archive(segment: str) -> bool:
    """A citation segment that names an archive: a known abbreviation or a name with *archive* in it."""
    text = segment.strip()
    return text in rules.ARCHIVE_ABBREVIATIONS or bool(re.search(r"\barchiv|\bархив", text, re.I))


def _is_source_note(text: str) -> bool:
    """An archive field that is a whole source note (``National Archives, RG 59, …. Secret.``), not a name."""
    return "," in text and not _ABBR_RE.match(text.strip())


def parse_archive_note(note: str) -> ArchivalReference:
    """Read a source note: repository, collections, record units (RG, Lot, Box, Folder), in order.

    ``National Archives, Nixon Presidential Materials, NSC Files, Box 490, President's
    Trip Files, Dobrynin/Kissinger, 1970, Vol. 2. Top Secret; Sensitive. The conversation
    …`` gives the repository ``National Archives``, the box ``490``, the other
    segments as collections and the note up to ``Vol. 2`` as the citation; the
    classification and the prose after it are not part of the reference.
    """
    reference = ArchivalReference()
    end = rules.SOURCE_NOTE_END_RE.search(note)
    text = (note[: end.start()] if end else note).strip().rstrip(".")
    if not text:
        return reference
    reference.text = text
    pieces = [text[start:stop].strip() for start, stop in _segments(text)]
    reference.repository, reference.abbreviation = _split_abbreviation(pieces[0])
    tail: list[str] = []
    for piece in pieces[1:]:
        found = False
        rest = piece
        for unit, pattern in _RECORD_RES:
            for match in pattern.finditer(piece):
                reference.identifiers.append((unit, " ".join(match.group("value").split())))
                found = True
            rest = pattern.sub("", rest)
        rest = rest.strip(" :;,")
        if rest and (found or not reference.identifiers):
            reference.collections.append(rest)
        elif rest and not found:
            tail.append(rest)
    if tail:
        reference.collections.append(", ".join(tail))
    return reference


def _split_abbreviation(text: str) -> tuple[str, str]:
    match = _ABBR_RE.match(text.strip())
    if match:
        return match.group("name").strip(), match.group("abbr")
    return text.strip(), ""


def _repository_before(citation: str, before: list[tuple[int, int]]) -> tuple[str, str, int] | None:
    """The segments just before the archival units that name an archive: ``Archive of …, … (APRF)``."""
    chosen: list[tuple[int, int]] = []
    for start, end in reversed(before):
        segment = citation[start:end].strip()
        if not segment or re.search(r"\d{4}|[“”\"]|Digital Archive", segment):
            break
        chosen.insert(0, (start, end))
        if re.search(r"\barchiv|\bархив|\blibrary\b|\bmuseum\b", segment, re.I):
            break
    if not chosen:
        return None
    begin = chosen[0][0]
    while begin < len(citation) and citation[begin].isspace():
        begin += 1
    name, abbr = _split_abbreviation(citation[begin : chosen[-1][1]])
    return name, abbr, begin


def _parse_other(
    citation: str, segments: list[tuple[int, int]], archive_hint: str, reference: ArchivalReference
) -> None:
    """Shapes without fond/opis/delo: ``BArch, B 136/59748, 403-410.`` or ``Archive, File A'0392``."""
    hint_name, hint_abbr = _split_abbreviation(archive_hint)
    texts = [citation[start:end].strip() for start, end in segments]
    # The source line ends its reference at the first full stop followed by prose.
    cut = len(texts)
    for index, text in enumerate(texts):
        if re.search(r"\.\s+[A-Z][a-z]+\s", text + " ") and not re.match(r"^(?:vol|no|file)\.", text, re.I):
            cut = index + 1
            break
    texts = texts[:cut]
    if texts:
        texts[-1] = re.split(r"(?<=[\w)])\.\s+(?=[A-Z][a-z]+\b)", texts[-1] + " ", maxsplit=1)[0].strip().rstrip(".")
    start = next((index for index, text in enumerate(texts) if _opens_reference(text, hint_name, hint_abbr)), None)
    if start is None:
        return
    texts = texts[start:]
    first = texts[0]
    abbreviation = next((a for a in rules.ARCHIVE_ABBREVIATIONS if first.startswith(a + " ")), "")
    if hint_name and (first in (hint_abbr, hint_name) or hint_name.startswith(first)):
        reference.repository, reference.abbreviation = hint_name, hint_abbr
        rest = texts[1:]
    elif abbreviation:
        # ``PRC FMA 109-00763-01``: the archive's abbreviation, then the file's number.
        reference.repository = abbreviation
        rest = [first[len(abbreviation) :].strip(), *texts[1:]]
    else:
        reference.repository, reference.abbreviation = _split_abbreviation(first)
        rest = texts[1:]
    for item in rest:
        if _BARE_RANGE_RE.match(item):
            reference.leaves = parse_leaves(item.rstrip("."))
        elif item:
            reference.identifiers.append(("shelfmark", item))
    reference.text = ", ".join(texts)
