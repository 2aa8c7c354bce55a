"""Build the TEI ``<text>`` of a record from its parts and units.

Input: the :class:`~teikit.convert.structure.Part` list, an
:class:`~teikit.convert.inline.InlineEncoder` and the :class:`~teikit.convert.align.Alignment`.
Output: one ``<text>`` element; with a translation and an original,
``<text><group><text type="translation">…<text type="original">…``, turns
linked both ways with ``@corresp``.

Within a part, units go into ``<div type="record">`` in the order TEI requires:
openers and headings, then prose and turns, then closers. A unit that would
break that order (a heading after prose) starts a new ``div`` instead of
making the document invalid.
"""

from __future__ import annotations

import re

from lxml import etree

from teikit.convert import rules
from teikit.convert.align import Alignment
from teikit.convert.brackets import FALLBACK, BracketRule
from teikit.convert.inline import XML_NS, InlineEncoder, append_text, tei
from teikit.convert.layout import is_date_line, is_signature_name
from teikit.convert.read import find_date
from teikit.convert.source import SourceText, without_marks
from teikit.convert.structure import CLOSING_KINDS, OPENING_KINDS, Kind, Part, Unit

HAND_ID = "hand-annotation"

SIGNATURE_RULE = BracketRule(
    "physical-description",
    "description of the physical document (signature)",
    'closer rend="brackets"/signed/gap + date',
    FALLBACK.match,
    FALLBACK.build,
)
"""Listed in the bracket review for a closing ``[signature illegible 31/XII]``."""


def _phase(unit: Unit) -> int:
    if unit.rend == "closing":
        return 2
    if unit.kind in OPENING_KINDS:
        return 0
    if unit.kind in CLOSING_KINDS:
        return 2
    return 1


def build_text(parts: list[Part], encoder: InlineEncoder, alignment: Alignment) -> etree._Element:
    """The ``<text>`` element for all parts (see the module doc)."""
    if len(parts) == 1:
        text = _part_text(parts[0], encoder, alignment)
        return text
    outer = etree.Element(tei("text"))
    group = etree.SubElement(outer, tei("group"))
    for part in parts:
        group.append(_part_text(part, encoder, alignment))
    return outer


def _part_text(part: Part, encoder: InlineEncoder, alignment: Alignment) -> etree._Element:
    encoder.base_script = rules.LANGUAGE_SCRIPTS.get(part.lang, "Latin")
    text = etree.Element(tei("text"), type=part.role)
    text.set(f"{{{XML_NS}}}lang", part.lang)
    text.set(f"{{{XML_NS}}}id", encoder.new_id(part.role))
    body = etree.SubElement(text, tei("body"))
    record = etree.SubElement(body, tei("div"), type="record")
    container = record
    phase = 0
    for unit in part.units:
        unit_phase = _phase(unit)
        if unit.kind is Kind.SECTION:
            if phase == 2 and container is record:
                record = etree.SubElement(body, tei("div"), type="record")
            container = _section(record, unit)
            unit_phase = 0
        elif unit_phase < phase:
            if container is record:
                record = container = etree.SubElement(body, tei("div"), type="record")
            else:
                container = etree.SubElement(record, tei("div"), type="section")
        phase = unit_phase
        element = _BUILDERS[unit.kind](unit, encoder)
        element.set(f"{{{XML_NS}}}id", alignment.ids[id(unit)])
        corresp = alignment.corresp(unit)
        if corresp:
            element.set("corresp", corresp)
        if unit.kind is Kind.ITEM:
            _list_for(container, unit).append(element)
        else:
            container.append(element)
    if not len(record):
        etree.SubElement(record, tei("p"))
    encoder.base_script = "Latin"
    return text


def _section(record: etree._Element, unit: Unit) -> etree._Element:
    """A ``<div type="section">`` for a numbered or unnumbered heading, inside the record's div."""
    section = etree.SubElement(record, tei("div"), type="section")
    if unit.number:
        section.set("n", unit.number)
    return section


def _list_for(container: etree._Element, unit: Unit) -> etree._Element:
    """The list a list item joins: the container's last element if it is a list of items, else a new one."""
    kind = "ordered" if unit.number and unit.number[0].isalnum() else "bulleted"
    last = container[-1] if len(container) else None
    if last is not None and last.tag == tei("list") and last.get("type") == kind:
        return last
    return etree.SubElement(container, tei("list"), type=kind)


# --- one builder per kind of unit ---------------------------------------------------


def _head(unit: Unit, encoder: InlineEncoder) -> etree._Element:
    head = encoder.element("head")
    if unit.rend == "letter-spaced":
        head.set("rend", "letter-spaced")
        head.text = " ".join(word.replace(" ", "") for word in re.split(r"\s{2,}", unit.text.text))
    else:
        encoder.fill(head, unit.text)
    for block in unit.blocks[1:]:
        append_text(head, "\n")
        encoder.sub(head, "lb")
        encoder.fill(head, block)
    return head


def _stamp(unit: Unit, encoder: InlineEncoder) -> etree._Element:
    """A classification line: in the opener before the text, in a closer after it."""
    opener = encoder.element("closer" if unit.rend == "closing" else "opener")
    stamp = encoder.sub(opener, "stamp", type="classification")
    encoder.fill(stamp, unit.text)
    return opener


def _section_head(unit: Unit, encoder: InlineEncoder) -> etree._Element:
    """The heading of a section (``2. The situation in the region``), its number kept in the text."""
    head = encoder.element("head")
    encoder.fill(head, unit.text)
    return head


def _item(unit: Unit, encoder: InlineEncoder) -> etree._Element:
    """A list item; its marker (``a)``, ``•``) stays in the text, its number also in ``@n``."""
    item = encoder.element("item")
    if unit.number:
        item.set("n", unit.number)
    encoder.fill(item, unit.text)
    return item


def _subject(unit: Unit, encoder: InlineEncoder) -> etree._Element:
    """``SUBJECT`` over its lines: ``<list type="subject"><head>`` and one item a line (as FRUS does)."""
    listing = encoder.element("list", type="subject")
    encoder.fill(encoder.sub(listing, "head"), unit.blocks[0])
    for block in unit.blocks[1:]:
        encoder.fill(encoder.sub(listing, "item"), block)
    return listing


def _address(unit: Unit, encoder: InlineEncoder) -> etree._Element:
    """A memorandum's ``To:`` / ``From:`` lines: one item each, the label as ``<label>``."""
    listing = encoder.element("list", type="address")
    for block in unit.blocks:
        item = encoder.sub(listing, "item")
        match = rules.ADDRESS_LABEL_RE.match(block.text)
        if match:
            end = match.end("label") + 1
            encoder.fill(encoder.sub(item, "label"), block[:end])
            encoder.fill(item, block[end:])
        else:
            encoder.fill(item, block)
    return listing


def _dateline(unit: Unit, encoder: InlineEncoder) -> etree._Element:
    """A place-and-date line: ``<opener><dateline>`` before the text."""
    opener = encoder.element("opener")
    encoder.fill(encoder.sub(opener, "dateline"), unit.text)
    return opener


def _byline(unit: Unit, encoder: InlineEncoder) -> etree._Element:
    """``From the diary of V.V. Kuznetsov``: whose record this is, as ``<opener><byline>``."""
    opener = encoder.element("opener")
    byline = encoder.sub(opener, "byline")
    encoder.fill(byline, unit.text)
    for block in unit.blocks[1:]:
        append_text(byline, "\n")
        encoder.sub(byline, "lb")
        encoder.fill(byline, block)
    return opener


def _signature_block(unit: Unit, encoder: InlineEncoder) -> etree._Element:
    """The lines of a signature block: date lines as ``<dateline>``, the others in one ``<signed>``."""
    closer = encoder.element("closer")
    signed: etree._Element | None = None
    for block in unit.blocks:
        if is_date_line(block.text) and not is_signature_name(block.text):
            encoder.fill(encoder.sub(closer, "dateline"), block)
            continue
        if signed is None or signed.getparent() is None or closer[-1] is not signed:
            signed = encoder.sub(closer, "signed")
        else:
            append_text(signed, "\n")
            encoder.sub(signed, "lb")
        encoder.fill(signed, block)
    return closer


def _description(unit: Unit, encoder: InlineEncoder) -> etree._Element:
    opener = encoder.element("opener")
    encoder.fill(opener, unit.text)
    return opener


def _opener(unit: Unit, encoder: InlineEncoder) -> etree._Element:
    """A line of a letter's opening: the salutation, a dateline, a letterhead, or a plain line."""
    opener = encoder.element("opener")
    if unit.rend == "letterhead":
        opener.set("rend", "letterhead")
    raw = unit.text.text
    if unit.rend == "salute":
        encoder.fill(encoder.sub(opener, "salute"), unit.text)
    elif _has_date(raw):
        encoder.fill(encoder.sub(opener, "dateline"), unit.text)
    else:
        encoder.fill(opener, unit.text)
    return opener


def _paragraph(unit: Unit, encoder: InlineEncoder) -> etree._Element:
    p = encoder.element("p")
    if unit.number:
        p.set("n", unit.number)
    _mark(unit, p, encoder)
    encoder.fill(p, unit.text)
    return p


def _turn(unit: Unit, encoder: InlineEncoder) -> etree._Element:
    sp = encoder.element("sp")
    if unit.who:
        sp.set("who", f"#{unit.who}")
    _mark(unit, sp, encoder)
    speaker = encoder.sub(sp, "speaker")
    if unit.rend:
        speaker.set("rend", unit.rend)
    assert unit.speaker is not None
    if unit.speaker.text.startswith("["):
        # [The President:]: the editors supplied the label; the bracket rules encode it as <supplied>.
        encoder.fill(speaker, unit.speaker)
    else:
        speaker.text = unit.speaker.text
    for block in unit.blocks:
        encoder.fill(encoder.sub(sp, "p"), block)
    return sp


def _mark(unit: Unit, parent: etree._Element, encoder: InlineEncoder) -> None:
    """A check mark before a paragraph or turn, kept as ``metamark``."""
    if unit.mark is not None:
        metamark = encoder.sub(parent, "metamark", function="check")
        metamark.text = unit.mark.text
        metamark.tail = " " if parent.tag != tei("sp") else None


def _signed_closer(unit: Unit, encoder: InlineEncoder) -> etree._Element:
    closer = encoder.element("closer")
    encoder.fill(encoder.sub(closer, "signed"), unit.text)
    return closer


def _handwritten(unit: Unit, encoder: InlineEncoder) -> etree._Element:
    """``*Handwritten signature and date:* 31/11``: the archive's description, then what the hand wrote."""
    closer = encoder.element("closer")
    match = rules.HANDWRITTEN_NOTE_RE.match(unit.text.text)
    assert match is not None
    description = unit.text[match.start("desc") : match.end("desc")]
    note = encoder.sub(closer, "note", type="physical", place="inline", resp="#archive", rend="italic")
    encoder.fill(note, description)
    rest = unit.text[match.start("rest") : match.end("rest")]
    lead = len(rest.text) - len(rest.text.lstrip())
    encoder.fill(closer, rest[:lead])
    signed = encoder.sub(closer, "signed", hand=f"#{HAND_ID}")
    if "signature" in description.text.lower():
        encoder.sub(signed, "gap", reason="not-transcribed")
    _fill_with_date(signed, rest[lead:], encoder)
    return closer


def _signature(unit: Unit, encoder: InlineEncoder) -> etree._Element:
    """``[signature illegible 31/XII]`` (the translator's description) or ``(Bitterlich)`` typed."""
    if unit.rend == "block":
        return _signature_block(unit, encoder)
    closer = encoder.element("closer")
    if unit.rend == "typed":
        encoder.fill(encoder.sub(closer, "signed"), unit.text)
        return closer
    text = unit.text.strip()
    content = text[1 : len(text) - 1]
    closer.set("rend", "brackets")
    closer.set("resp", encoder.resp)
    date = rules.DAY_MONTH_RE.search(content.text)
    described = content[: date.start()].strip() if date else content
    signed = encoder.sub(closer, "signed", hand=f"#{HAND_ID}")
    gap = encoder.sub(signed, "gap", reason="illegible" if "illegible" in described.text.lower() else "not-transcribed")
    encoder.sub(gap, "desc").text = without_marks(described.text)
    if date:
        _fill_with_date(signed, content[len(described.text) :], encoder)
    encoder.record(text.location(0), text.text, SIGNATURE_RULE, [closer])
    return closer


def _fill_with_date(parent: etree._Element, text: SourceText, encoder: InlineEncoder) -> None:
    """Fill ``parent`` with ``text``, its day/month (``31/XII``) as ``<date>``."""
    date = rules.DAY_MONTH_RE.search(text.text)
    if date is None:
        encoder.fill(parent, text)
        return
    encoder.fill(parent, text[: date.start()])
    element = encoder.sub(parent, "date")
    element.text = date.group()
    when = day_month_when(date.group(), encoder.context.record_date)
    if when:
        element.set("when", when)
    encoder.fill(parent, text[date.end() :])


_ROMAN = {"I": 1, "V": 5, "X": 10}


def day_month_when(text: str, record_date: str) -> str | None:
    """``31/XII`` written under a record of 16 December 1949 -> ``1949-12-31``.

    The year is the record's (the next one when the day and month fall
    before the record's date); a day the month does not have (``31/11``) or a
    record without a year gives ``None``: nothing is guessed.
    """
    parts = text.split("/")
    if len(record_date) < 4 or len(parts) < 2 or not parts[0].isdigit():
        return None
    month_text = parts[1]
    if month_text.isdigit():
        month = int(month_text)
    else:
        values = [_ROMAN[char] for char in month_text]
        month = sum(
            -value if index + 1 < len(values) and values[index + 1] > value else value
            for index, value in enumerate(values)
        )
    day = int(parts[0])
    year = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() and len(parts[2]) == 4 else int(record_date[:4])
    candidate = f"{year:04d}-{month:02d}-{day:02d}"
    if find_date(candidate) is None:
        return None
    if len(parts) < 3 and candidate[: len(record_date)] < record_date:
        candidate = f"{year + 1:04d}-{month:02d}-{day:02d}"
    return candidate if find_date(candidate) else None


def _valediction(unit: Unit, encoder: InlineEncoder) -> etree._Element:
    """``Yours sincerely,`` then the signature and any lines after it."""
    closer = encoder.element("closer")
    encoder.fill(encoder.sub(closer, "salute"), unit.blocks[0])
    for index, block in enumerate(unit.blocks[1:]):
        append_text(closer, "\n")
        encoder.sub(closer, "lb")
        if index == 0:
            encoder.fill(encoder.sub(closer, "signed"), block)
        else:
            encoder.fill(closer, block)
    return closer


def _has_date(text: str) -> bool:
    return find_date(text) is not None


_BUILDERS = {
    Kind.HEAD: _head,
    Kind.STAMP: _stamp,
    Kind.DESCRIPTION: _description,
    Kind.OPENER: _opener,
    Kind.PARAGRAPH: _paragraph,
    Kind.PARTICIPANTS: _paragraph,
    Kind.TURN: _turn,
    Kind.RECORDER: _signed_closer,
    Kind.HANDWRITTEN: _handwritten,
    Kind.SIGNATURE: _signature,
    Kind.VALEDICTION: _valediction,
    Kind.SECTION: _section_head,
    Kind.ITEM: _item,
    Kind.SUBJECT: _subject,
    Kind.ADDRESS: _address,
    Kind.DATELINE: _dateline,
    Kind.BYLINE: _byline,
}
