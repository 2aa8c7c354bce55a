"""Transcript to TEI: run the stages and assemble the document.

Input: a :class:`~teikit.convert.read.Transcript`. Output: an :class:`Encoded` record
holding the TEI tree, the warnings and the bracket review rows. The stages:

1. :func:`~teikit.convert.metadata.read_meta`: header facts;
2. :func:`~teikit.convert.structure.build_parts`: parts, repaired page breaks, units;
3. :func:`~teikit.convert.people.find_people`: participants in both languages;
4. named entities introduced by brackets are learned first, so every mention,
   even one before its bracket, links to the same entry;
5. :func:`~teikit.convert.align.align`: ids and ``@corresp`` between the languages;
6. :func:`~teikit.convert.body.build_text` and :func:`~teikit.convert.header.build_header`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from teikit.convert.align import align
from teikit.convert.body import HAND_ID, build_text
from teikit.convert.brackets import RuleRegistry
from teikit.convert.context import BracketRecord, EncodingContext
from teikit.convert.header import ARCHIVE_ID, build_header, translator_ids
from teikit.convert.inline import InlineEncoder, tei
from teikit.convert.metadata import read_meta
from teikit.convert.people import find_people
from teikit.convert.read import Transcript
from teikit.convert.structure import Part, build_parts
from teikit.convert.turns import declared_speakers, label_notes
from teikit.core.errors import Diagnostic


@dataclass
class Encoded:
    """A converted record: the TEI document and what the conversion noticed."""

    tree: etree._ElementTree
    warnings: list[Diagnostic] = field(default_factory=list)
    brackets: list[BracketRecord] = field(default_factory=list)
    page_breaks: int = 0
    parts: list[Part] = field(default_factory=list)


def encode(
    transcript: Transcript,
    *,
    text_lang: str = "en",
    registry: RuleRegistry | None = None,
    speakers: dict[str, str] | None = None,
) -> Encoded:
    """Make the TEI document of a transcript.

    Args:
        transcript: what :func:`~teikit.convert.read.read_transcript` returned.
        text_lang: language of the transcript's main text (the translation).
        registry: bracket rules to use instead of the default table.
        speakers: declared speaker labels and their person ids (``--speakers``); the
            transcript's ``Speakers:`` header line adds to them.

    Returns:
        The TEI tree with the warnings and the bracket review rows.
    """
    meta = read_meta(transcript, text_lang)
    declared = {**declared_speakers(transcript), **(speakers or {})}
    parts, repaired = build_parts(transcript.body, text_lang, meta.original_lang, declared)
    people = find_people(parts)
    context = EncodingContext(
        transcript.path, people=people, footnotes=transcript.footnotes, languages=[text_lang, *meta.original_langs]
    )
    context.record_date = meta.date
    context.ids.update({ARCHIVE_ID, HAND_ID, *(person.ident for person in people)})
    translators = translator_ids(meta, context)
    context.resp = f"#{translators[0]}" if translators else f"#{ARCHIVE_ID}"
    encoder = InlineEncoder(context, registry)
    encoder.discover(meta.title)
    for part in parts:
        for unit in part.units:
            for block in unit.blocks:
                encoder.discover(block)
    alignment = align(parts, people, context.ids)
    text = build_text(parts, encoder, alignment)
    hand_used = any(element.get("hand") for element in text.iter(tei("signed")))
    header = build_header(meta, people, parts, encoder, translators, hand_used)
    root = etree.Element(tei("TEI"), nsmap={None: "http://www.tei-c.org/ns/1.0"})
    root.append(header)
    root.append(text)
    for message, code, location in meta.problems:
        context.warn(message, code, location)
    for note in label_notes(parts):
        if note.doubt:
            context.warn(note.doubt, "speaker-uncertain" if note.turn else "speaker-label-prose", note.location)
    warnings = [*alignment.warnings, *context.warnings]
    return Encoded(etree.ElementTree(root), warnings, context.brackets, repaired, parts)
