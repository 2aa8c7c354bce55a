"""Find the structure of a record body: parts, page breaks, headings, turns, closers.

Input: the body blocks of a :class:`~teikit.convert.read.Transcript`. Output: one
:class:`Part` per language (the translation, then the original when the
transcript carries it), each a list of :class:`Unit` (heading, opener, paragraph,
speaker turn, closer). Text stays :class:`~teikit.convert.source.SourceText`; no XML
is made here, so the rules can be tested on plain strings.

Order of the passes, each a small function:

1. split the body where the script changes to the original language's;
2. re-join blocks cut by the transcript: an editorial bracket running over a
   blank line, and paragraphs cut by a page break (the first part ends without
   sentence punctuation and the next starts in lower case; a hyphen at the cut
   means the break fell inside a word);
3. classify each block (heading, stamp, turn, participants, closer ...).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum

from teikit.convert import labels, rules
from teikit.convert.read import Block
from teikit.convert.source import LINE_BREAK, PAGE_BREAK, PAGE_BREAK_IN_WORD, SourceText


class Kind(Enum):
    """What a unit of the body is."""

    HEAD = "head"
    STAMP = "stamp"
    DESCRIPTION = "description"
    OPENER = "opener"
    PARAGRAPH = "p"
    TURN = "sp"
    PARTICIPANTS = "participants"
    RECORDER = "recorder"
    HANDWRITTEN = "handwritten"
    SIGNATURE = "signature"
    VALEDICTION = "valediction"


OPENING_KINDS = (Kind.HEAD, Kind.STAMP, Kind.DESCRIPTION, Kind.OPENER)
CLOSING_KINDS = (Kind.RECORDER, Kind.HANDWRITTEN, Kind.SIGNATURE, Kind.VALEDICTION)


@dataclass
class Unit:
    """One structural unit: its kind and its text blocks (a turn may have several)."""

    kind: Kind
    blocks: list[SourceText]
    speaker: SourceText | None = None
    person: str | None = None
    mark: SourceText | None = None
    rend: str | None = None
    number: str | None = None
    who: str | None = None
    notes: list[labels.LabelNote] = field(default_factory=list)

    @property
    def text(self) -> SourceText:
        return self.blocks[0]


@dataclass
class Part:
    """The body in one language."""

    lang: str
    role: str
    units: list[Unit] = field(default_factory=list)
    notes: list[labels.LabelNote] = field(default_factory=list)

    @property
    def turns(self) -> list[Unit]:
        return [unit for unit in self.units if unit.kind is Kind.TURN]


# --- scripts -------------------------------------------------------------------


def script_of(text: str) -> str | None:
    """The writing system most letters of ``text`` belong to (``Latin``, ``Cyrillic`` ...)."""
    counts: dict[str, int] = {}
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            script = name.split(" ", 1)[0].title() if name else ""
            if script == "Cjk" or script in ("Hiragana", "Katakana"):
                script = "Han"
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda key: counts[key])


def split_parts(
    blocks: list[Block], translation_lang: str, original_lang: str | None
) -> list[tuple[str, str, list[Block]]]:
    """Split the body at the first block of the original's script that the rest keeps to.

    Returns ``(lang, role, blocks)`` triples: one for a body in one language,
    two when the transcript has the translation followed by the original.
    """
    target = rules.LANGUAGE_SCRIPTS.get(original_lang or "", "Latin")
    if original_lang and original_lang != translation_lang and target != "Latin":
        scripts = [script_of(block.text.text) for block in blocks]
        for start, script in enumerate(scripts):
            if script != target:
                continue
            rest = [value for value in scripts[start:] if value]
            if rest and sum(value == target for value in rest) >= 0.8 * len(rest):
                return [
                    (translation_lang, "translation", blocks[:start]),
                    (original_lang, "original", blocks[start:]),
                ]
    role = "original" if original_lang in (None, translation_lang) else "translation"
    return [(translation_lang, role, blocks)]


# --- re-joining cut blocks -------------------------------------------------------


def bracket_depth(text: str) -> int:
    """How many square brackets are still open at the end of ``text``."""
    depth = 0
    for char in text:
        if char == "[" or (char == "]" and depth):
            depth += 1 if char == "[" else -1
    return depth


def join_open_brackets(blocks: list[Block]) -> list[Block]:
    """Join a block whose ``[`` closes in one of the next two blocks (a bracket over a blank line)."""
    joined: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if bracket_depth(block.text.text) and not block.heading:
            text = block.text
            for ahead in range(index + 1, min(index + 3, len(blocks))):
                text = text.join(LINE_BREAK, blocks[ahead].text)
                if not bracket_depth(text.text):
                    block = Block(text)
                    index = ahead
                    break
        joined.append(block)
        index += 1
    return joined


def _starts_lower(text: str) -> bool:
    first = text.lstrip()[:1]
    return first.isalpha() and first.islower()


def is_cut_by_page_break(before: str, after: str) -> bool:
    """True when ``before`` stops mid-sentence and ``after`` continues it in lower case."""
    tail = before.rstrip()
    return bool(tail) and tail[-1] not in rules.SENTENCE_END and _starts_lower(after)


def join_page_breaks(blocks: list[Block]) -> tuple[list[Block], int]:
    """Re-join paragraphs a page break cut in two; returns the blocks and the number repaired."""
    joined: list[Block] = []
    repaired = 0
    for block in blocks:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and not previous.heading
            and not block.heading
            and is_cut_by_page_break(previous.text.text, block.text.text)
        ):
            tail = previous.text.text.rstrip()
            in_word = tail.endswith("-") and len(tail) > 1 and tail[-2].isalpha()
            mark = PAGE_BREAK_IN_WORD if in_word else PAGE_BREAK
            joined[-1] = Block(previous.text.strip().join(mark, block.text.strip()))
            repaired += 1
        else:
            joined.append(block)
    return joined, repaired


# --- classifying blocks ------------------------------------------------------------


def _without_mark_text(text: SourceText) -> SourceText:
    return text[1:].strip() if text.text[:1] in rules.CHECK_MARKS else text


def _whole_bracket(text: str) -> bool:
    stripped = text.strip()
    return stripped.startswith("[") and stripped.endswith("]") and bracket_depth(stripped[:-1]) == 1


def _all_caps(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    upper = sum(char.isupper() for char in letters)
    return len(letters) >= 12 and upper >= 0.75 * len(letters) and len(text.split()) >= 3


_DESCRIPTION_WORDS_RE = re.compile(
    r"\b(?:stamp(?:ed)?|blacked out|classification|handwritten|crossed out|seal|typed|letterhead|"
    r"signature|signed|margin(?:al)?|underlined|illegible)\b",
    re.I,
)


def classify(
    blocks: list[Block], declared: dict[str, str] | None = None, notes: list[labels.LabelNote] | None = None
) -> list[Unit]:
    """Turn a part's blocks into units (see the module doc for the rules' order).

    ``notes`` receives the label grammar's decision on every label-shaped block
    (:mod:`teikit.convert.labels`); a label taken as a turn where another rule
    claimed the block (a heading, a closer) is marked prose, with a warning.
    """
    speakers = labels.find_speakers(
        [(_without_mark_text(block.text), bool(block.heading)) for block in blocks], declared
    )
    units: list[Unit] = []
    started = closing = False
    salute_at = _salutation_index(blocks)
    for index, block in enumerate(blocks):
        text = block.text
        raw = text.text
        mark = None
        if raw[:1] in rules.CHECK_MARKS:
            mark = text[0:1]
            text = text[1:].strip()
            raw = text.text
        if block.heading:
            spaced = bool(rules.LETTER_SPACED_RE.match(raw))
            units.append(Unit(Kind.HEAD, [text], rend="letter-spaced" if spaced else None))
            continue
        if not started and index < salute_at:
            units.append(Unit(Kind.OPENER, [text], rend="salute" if index == salute_at - 1 else None))
            continue
        if not started and raw.strip() in rules.STAMP_WORDS:
            units.append(Unit(Kind.STAMP, [text]))
            continue
        if not started and _whole_bracket(raw) and _DESCRIPTION_WORDS_RE.search(raw) and "signature" not in raw.lower():
            units.append(Unit(Kind.DESCRIPTION, [text]))
            continue
        if not started and _all_caps(raw) and speakers.turn_at(index) is None:
            units.append(Unit(Kind.HEAD, [text]))
            continue
        note = speakers.notes.get(index)
        if note is not None and note.turn and note.label is not None and not closing:
            words = text[note.label.end :].strip()
            (start, stop), *more = note.label.speaker_spans()
            speaker = text[start:stop]
            for start, stop in more:
                speaker = speaker.join("", text[start:stop])
            rend = note.label.rend
            units.append(Unit(Kind.TURN, [words], speaker, labels.person_key(note), mark, rend, notes=[note]))
            started = True
            continue
        if index in speakers.participants:
            units.append(Unit(Kind.PARTICIPANTS, [text], mark=mark))
            started = True
            continue
        unit = _closing_unit(text, index == len(blocks) - 1)
        if unit is not None:
            units.append(unit)
            closing = started = True
            continue
        last = units[-1] if units else None
        if closing and last is not None and last.kind is Kind.VALEDICTION:
            last.blocks.append(text)
            continue
        if (
            last is not None
            and last.kind is Kind.TURN
            and not closing
            and mark is None
            and not labels.is_narrative(raw)
        ):
            last.blocks.append(text)
            continue
        number = rules.NUMBERED_PARAGRAPH_RE.match(raw)
        units.append(Unit(Kind.PARAGRAPH, [text], mark=mark, number=_number(number)))
        started = True
    labels.settle(speakers, {id(unit.notes[0]) for unit in units if unit.kind is Kind.TURN and unit.notes})
    if notes is not None:
        notes.extend(speakers.notes[index] for index in sorted(speakers.notes))
    return units


def _number(match: re.Match[str] | None) -> str | None:
    if match is None:
        return None
    return match.group("num") or match.group("paren") or match.group("roman")


def _closing_unit(text: SourceText, last: bool) -> Unit | None:
    raw = text.text
    if rules.RECORDER_RE.match(raw):
        return Unit(Kind.RECORDER, [text])
    if rules.HANDWRITTEN_NOTE_RE.match(raw):
        return Unit(Kind.HANDWRITTEN, [text])
    if _whole_bracket(raw) and "signature" in raw.lower():
        return Unit(Kind.SIGNATURE, [text])
    if rules.VALEDICTION_RE.match(raw):
        return Unit(Kind.VALEDICTION, [text])
    if last and rules.SIGNATURE_NAME_RE.match(raw.strip()):
        return Unit(Kind.SIGNATURE, [text], rend="typed")
    return None


def _salutation_index(blocks: list[Block]) -> int:
    """Index after the salutation when a letter opens with one in its first blocks, else 0."""
    for index, block in enumerate(blocks[:8]):
        if rules.SALUTATION_RE.match(block.text.text.strip()):
            return index + 1
    return 0


def build_parts(
    blocks: list[Block], translation_lang: str, original_lang: str | None, declared: dict[str, str] | None = None
) -> tuple[list[Part], int]:
    """Split, re-join and classify a body. Returns the parts and the page breaks repaired.

    ``declared`` maps speaker labels an editor declared to person ids (see :mod:`teikit.convert.labels`).
    """
    parts: list[Part] = []
    repaired = 0
    for lang, role, part_blocks in split_parts(blocks, translation_lang, original_lang):
        joined, count = join_page_breaks(join_open_brackets(part_blocks))
        repaired += count
        part = Part(lang, role)
        part.units = classify(joined, declared, part.notes)
        parts.append(part)
    return parts, repaired
