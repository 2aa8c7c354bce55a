"""Find the structure of a record body: parts, page breaks, headings, turns, closers.

Input: the body blocks of a :class:`~teikit.convert.read.Transcript`. Output: one
:class:`Part` per language (the translation, then the original when the
transcript carries it), each a list of :class:`Unit` (heading, opener, paragraph,
speaker turn, closer). Text stays :class:`~teikit.convert.source.SourceText`; no XML
is made here, so the rules can be tested on plain strings.

Order of the passes, each a small function:

1. split the body at a marker line (``Original``, ``--- original (fr) ---``) or
   where the script changes to the original language's;
2. re-join blocks cut by the transcript: an editorial bracket running over a
   blank line, and paragraphs cut by a page break, typed (`` // ``, ``[Page 45]``,
   ``-- 3 --``) or not (the first part ends without sentence punctuation and the
   next starts in lower case; a hyphen at the cut means the break fell inside a
   word);
3. classify each block: the layout kinds of :mod:`teikit.convert.layout`
   (sections, lists, subject and address blocks, datelines, classification
   lines, letterheads, signature blocks), then turns, participants, closers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum

from teikit.convert import labels, layout, rules
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
    SECTION = "section"
    ITEM = "item"
    SUBJECT = "subject"
    ADDRESS = "address"
    DATELINE = "dateline"
    BYLINE = "byline"


OPENING_KINDS = (Kind.HEAD, Kind.STAMP, Kind.DESCRIPTION, Kind.OPENER, Kind.DATELINE, Kind.BYLINE)
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
    """Split the body into the translation and the original.

    The original starts at a marker line (``Original``, ``Оригинал``,
    ``--- original (fr) ---``; the line itself is left out), which is how an
    original in the same script as the translation is laid out; without a
    marker, at the first block of the original's script that the rest keeps
    to. A body that is wholly in the original's language (its script, or its
    common words for a Latin-script language) is one text in that language.

    Returns ``(lang, role, blocks)`` triples: one for a body in one language,
    two when the transcript has the translation followed by the original.
    """
    for index, block in enumerate(blocks):
        marker = rules.ORIGINAL_MARKER_RE.match(block.text.text.strip())
        if marker and index + 1 < len(blocks):
            code = _marker_language(marker.group("lang")) or original_lang
            if code and code != translation_lang and index:
                return [
                    (translation_lang, "translation", blocks[:index]),
                    (code, "original", blocks[index + 1 :]),
                ]
    target = rules.LANGUAGE_SCRIPTS.get(original_lang or "", "Latin")
    if original_lang and original_lang != translation_lang and target != "Latin":
        scripts = [script_of(block.text.text) for block in blocks]
        for start, script in enumerate(scripts):
            if script != target:
                continue
            rest = [value for value in scripts[start:] if value]
            if rest and sum(value == target for value in rest) >= 0.8 * len(rest):
                if not any(scripts[:start]):
                    return [(original_lang, "original", blocks)]
                return [
                    (translation_lang, "translation", blocks[:start]),
                    (original_lang, "original", blocks[start:]),
                ]
    wholly_original = target == "Latin" and guess_latin_language(blocks) == original_lang
    if original_lang and original_lang != translation_lang and wholly_original:
        return [(original_lang, "original", blocks)]
    role = "original" if original_lang in (None, translation_lang) else "translation"
    return [(translation_lang, role, blocks)]


def _marker_language(value: str | None) -> str | None:
    """``fr`` / ``French`` / ``французский`` in a marker line -> a language code."""
    if not value:
        return None
    cleaned = value.strip().lower()
    if cleaned in rules.LANGUAGES:
        return rules.LANGUAGES[cleaned]
    return cleaned if re.fullmatch(r"[a-z]{2,3}", cleaned) else None


def guess_latin_language(blocks: list[Block]) -> str | None:
    """The Latin-script language whose common words make up most of ``blocks``, if one clearly does."""
    counts = dict.fromkeys(rules.COMMON_WORDS, 0)
    for block in blocks:
        for word in re.findall(r"[^\W\d_]+", block.text.text.lower()):
            for code, words in rules.COMMON_WORDS.items():
                if word in words:
                    counts[code] += 1
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    if ranked[0][1] >= 5 and ranked[0][1] >= 2 * ranked[1][1]:
        return ranked[0][0]
    return None


# --- re-joining cut blocks -------------------------------------------------------


def bracket_depth(text: str) -> int:
    """How many square brackets are still open at the end of ``text``."""
    depth = 0
    for char in text:
        if char == "[" or (char == "]" and depth):
            depth += 1 if char == "[" else -1
    return depth


def join_open_brackets(blocks: list[Block]) -> list[Block]:
    """Join a block that is one bracket cut by a blank line (``[Classification …`` / ``… Stamped]``).

    Only a block that opens with ``[`` and a later block (one of the next two)
    that ends with the ``]`` closing it are joined: a ``[`` inside a paragraph
    never pairs with a ``]`` of the next paragraph or turn, which would swallow
    the turn into a note; it stays an unmatched bracket.
    """
    joined: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.text.text.lstrip().startswith("[") and bracket_depth(block.text.text) and not block.heading:
            text = block.text
            for ahead in range(index + 1, min(index + 3, len(blocks))):
                text = text.join(LINE_BREAK, blocks[ahead].text)
                if not bracket_depth(text.text):
                    if text.text.rstrip().endswith("]"):
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
    """Re-join paragraphs a page break cut in two; returns the blocks and the number of breaks marked.

    Typed page marks inside a block (`` // ``, ``[Page 45]``) become breaks
    where they stand. A block that is only a typed mark (``-- 3 --``) joins
    the blocks around it when they are one paragraph cut in two, and is
    otherwise kept at the end of the block before it. An untyped cut (no
    mark, the first part ends without sentence punctuation and the next
    starts in lower case) is joined only when the first part can be a cut
    paragraph: never after a heading, a label, a list item, a date line or a
    line ending in ``:`` (:func:`~teikit.convert.layout.keeps_apart`).
    """
    joined: list[Block] = []
    repaired = 0
    pending = ""
    for original in blocks:
        block = original if original.heading else Block(layout.mark_page_breaks(original.text), original.heading)
        repaired += _marks_in(block.text.text) - _marks_in(original.text.text)
        if not block.heading and layout.page_mark_only(block.text.text):
            pending += layout.page_mark_sentinel(block.text.text)
            repaired += 1
            continue
        previous = joined[-1] if joined else None
        if previous is not None and _cut_between(previous, block, typed=bool(pending)):
            tail = previous.text.text.rstrip()
            in_word = tail.endswith("-") and len(tail) > 1 and tail[-2].isalpha() and _starts_lower(block.text.text)
            mark = (
                _in_word(pending)
                if (pending and in_word)
                else pending or (PAGE_BREAK_IN_WORD if in_word else PAGE_BREAK)
            )
            joined[-1] = Block(previous.text.strip().join(mark, block.text.strip()))
            repaired += 0 if pending else 1
        else:
            if pending and previous is not None:
                joined[-1] = Block(previous.text.strip().join(pending, previous.text[0:0]), previous.heading)
            elif pending:
                block = Block(block.text[0:0].join(pending, block.text), block.heading)
            joined.append(block)
        pending = ""
    if pending and joined:
        joined[-1] = Block(joined[-1].text.strip().join(pending, joined[-1].text[0:0]), joined[-1].heading)
    elif pending:
        joined.append(Block(blocks[-1].text[0:0].join(pending, blocks[-1].text[0:0])))  # a body of page marks only
    return joined, repaired


def _marks_in(text: str) -> int:
    return text.count(PAGE_BREAK) + text.count(PAGE_BREAK_IN_WORD)


def _in_word(mark: str) -> str:
    return mark.replace(PAGE_BREAK, PAGE_BREAK_IN_WORD, 1)


def _cut_between(previous: Block, block: Block, *, typed: bool) -> bool:
    """Whether ``previous`` and ``block`` are one paragraph a page break cut in two."""
    if previous.heading or block.heading:
        return False
    before, after = previous.text.text, block.text.text
    if layout.keeps_apart(before, after):
        return False
    if typed:
        # A typed page mark is evidence enough: the sentence only has to run on (``… and`` / ``Vyshinskii.``).
        tail = before.rstrip()
        return bool(tail) and tail[-1] not in rules.SENTENCE_END and bool(after.strip())
    return is_cut_by_page_break(before, after) and not _label_only(before)


def _label_only(text: str) -> bool:
    match = rules.SPEAKER_LABEL_RE.match(text.strip() + " x")
    return bool(match) and len(text.split()) <= 6


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
    signature_at = layout.signature_block_start([block.text.text for block in blocks])
    taken = 0
    for index, block in enumerate(blocks):
        if index < taken:
            continue
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
        laid_out = _layout_unit(blocks, index, started, units, signature_at)
        if laid_out is not None:
            laid, taken = laid_out
            if not units or laid is not units[-1]:
                units.append(laid)
            started = started or laid.kind not in OPENING_KINDS
            closing = closing or laid.kind is Kind.SIGNATURE
            continue
        if not started and _whole_bracket(raw) and _DESCRIPTION_WORDS_RE.search(raw) and "signature" not in raw.lower():
            units.append(Unit(Kind.DESCRIPTION, [text]))
            continue
        if not started and _all_caps(raw) and speakers.turn_at(index) is None:
            units.append(Unit(Kind.HEAD, [text]))
            continue
        if not started and units and units[-1].kind is Kind.HEAD and _head_continues(raw):
            units[-1].blocks.append(text)  # RECORD OF CONVERSATION / with Comrade Mao Zedong
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


def _layout_unit(
    blocks: list[Block], index: int, started: bool, units: list[Unit], signature_at: int
) -> tuple[Unit, int] | None:
    """A unit of the layout (see :mod:`teikit.convert.layout`) starting at ``blocks[index]``, or ``None``.

    Returns the unit and the index of the first block it does not take.
    """
    text = blocks[index].text
    raw = text.text.strip()
    after = blocks[index + 1].text.text if index + 1 < len(blocks) else ""
    before = blocks[index - 1].text.text if index else ""
    last = units[-1] if units else None
    if index >= signature_at and started and (last is None or last.kind is not Kind.VALEDICTION):
        if last is not None and last.kind is Kind.SIGNATURE and last.rend == "block":
            last.blocks.append(text)
            return last, index + 1
        return Unit(Kind.SIGNATURE, [text], rend="block"), index + 1
    if layout.is_classification(raw):
        return Unit(Kind.STAMP, [text], rend="closing" if started else None), index + 1
    if not started and layout.is_diary_line(raw):
        if len(raw.split()) <= 4 and after and len(after.split()) <= 4 and not layout.is_classification(after):
            return Unit(Kind.BYLINE, [text, blocks[index + 1].text]), index + 2  # Из дневника / П.Ф. ЮДИНА
        return Unit(Kind.BYLINE, [text]), index + 1
    if not started and index < 3 and layout.is_letterhead(raw):
        return Unit(Kind.OPENER, [text], rend="letterhead"), index + 1
    if not started and layout.is_date_line(raw):
        return Unit(Kind.DATELINE, [text]), index + 1
    if layout.subject_heading(raw) and after:
        end = index + 1
        while end < len(blocks) and end < index + 4 and _subject_line(blocks[end].text.text, end == index + 1):
            end += 1
        if end > index + 1:
            return Unit(Kind.SUBJECT, [blocks[at].text for at in range(index, end)]), end
    if not started and _caps_title(raw) and (index >= 3 or not layout.is_letterhead(raw)):
        return Unit(Kind.HEAD, [text]), index + 1  # ЗАПИСЬ БЕСЕДЫ
    if layout.is_address_line(raw):
        end = index
        while end < len(blocks) and layout.is_address_line(blocks[end].text.text):
            end += 1
        lines = [blocks[at].text.text for at in range(index, end)]
        if end - index >= 2 and any(_addressee(line) for line in lines):
            return Unit(Kind.ADDRESS, [blocks[at].text for at in range(index, end)]), end
    if layout.is_list_item(raw) and not rules.SPEAKER_LABEL_RE.match(raw):
        return Unit(Kind.ITEM, [text], number=layout.list_marker(raw)), index + 1
    number = layout.section_number(raw)
    listed = layout.numbered_line(raw) and any(line and layout.numbered_line(line) for line in (before, after))
    if listed:
        return Unit(Kind.ITEM, [text], number=layout.numbered_line_number(raw)), index + 1
    if number is not None:
        return Unit(Kind.SECTION, [text], number=number), index + 1
    in_turns = last is not None and last.kind is Kind.TURN
    if (
        started
        and layout.is_heading(raw)
        and raw.rstrip(":").lower() not in rules.LIST_HEADINGS
        and ":" not in raw
        and layout.is_prose(after)
        and (not before or layout.is_prose(before) or not layout.is_heading(before))
        and (not in_turns or (_upper(raw) and len(raw.split()) > 1))
    ):
        return Unit(Kind.SECTION, [text]), index + 1
    return None


def _caps_title(text: str) -> bool:
    """A title in capitals before the text (``ЗАПИСЬ БЕСЕДЫ``), not a one-word list heading (``PARTICIPANTS``)."""
    words = text.split()
    return (
        _upper(text)
        and 2 <= len(words) <= 12
        and text.rstrip(":").lower() not in rules.LIST_HEADINGS
        and not layout.is_date_line(text)
        and ":" not in text
    )


def _head_continues(text: str) -> bool:
    """A short line in lower case under a heading continues it (``with Comrade Mao Zedong``)."""
    return _starts_lower(text) and len(text.split()) <= 12 and text.rstrip()[-1:] not in ".!?:;"


def _upper(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and all(char.isupper() for char in letters)


def _subject_line(text: str, first: bool) -> bool:
    """A line of a subject block: short, not a turn, not a heading of another block."""
    stripped = text.strip()
    if not stripped or rules.SPEAKER_LABEL_RE.match(stripped) or layout.subject_heading(stripped):
        return False
    if len(stripped.split()) > 20 or (not first and (stripped[-1:] in ".!?" or stripped[:1] in "[(")):
        return False
    return first or not _upper(stripped)


def _addressee(line: str) -> bool:
    """A line of an address block that names who sends or receives (``To:``, ``From:``), not ``Subject:``."""
    match = rules.ADDRESS_LABEL_RE.match(line.strip())
    return match is not None and match.group("label").lower() not in rules.ADDRESS_OTHER_LABELS


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
