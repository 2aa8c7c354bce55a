"""Helpers for tests: TEI namespace paths, word accounting, converting in memory."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from lxml import etree

from teikit.convert.encode import Encoded, encode
from teikit.convert.read import read_transcript
from teikit.core.serialize import to_bytes

NS = {"t": "http://www.tei-c.org/ns/1.0"}
T = "{http://www.tei-c.org/ns/1.0}"

#: Elements teikit adds beside the transcript's own words: the regularised
#: form of a slash-parenthesis (``(b)`` for ``/b/``) and the abbreviation
#: beside an in-word expansion (``comr.`` beside ``comr[ade].``).
ADDED_XPATH = "//t:reg[@type='slash-parentheses'] | //t:choice[t:expan/t:ex]/t:abbr"

LETTER_SPACED_RE = re.compile(r"\b\w(?: \w){3,}\b")
WORD_RE = re.compile(r"\w+")


def convert(path: Path) -> tuple[Encoded, etree._Element]:
    """Encode a transcript and parse the serialised TEI back (as a file would be)."""
    encoded = encode(read_transcript(path))
    root = etree.fromstring(to_bytes(encoded.tree))
    return encoded, root


def xpath(node: etree._Element, path: str) -> list:
    return node.xpath(path, namespaces=NS)


def source_body_words(path: Path, first_body_line: int) -> Counter[str]:
    """Words of a transcript's body, after the documented normalisation.

    Markdown markers (``**``, ``*``, ``##``) are not words; a letter-spaced
    word (``З А П И С Ь``) counts as the word it spells.
    """
    lines = path.read_text(encoding="utf-8").splitlines()[first_body_line - 1 :]
    text = "\n".join(lines)
    text = LETTER_SPACED_RE.sub(lambda match: match.group().replace(" ", ""), text)
    return Counter(WORD_RE.findall(text))


def transcript_part(root: etree._Element) -> etree._Element:
    """A copy of the TEI ``<text>`` without what teikit adds beside the transcript's words."""
    copy = etree.fromstring(etree.tostring(root))
    for added in xpath(copy, ADDED_XPATH):
        tail, parent, previous = added.tail, added.getparent(), added.getprevious()
        parent.remove(added)
        if tail and previous is not None:
            previous.tail = (previous.tail or "") + tail
        elif tail:
            parent.text = (parent.text or "") + tail
    return xpath(copy, "/t:TEI/t:text")[0]


def tei_text_words(root: etree._Element) -> Counter[str]:
    """Words of the TEI ``<text>`` (what teikit adds beside the transcript's words excluded)."""
    text = transcript_part(root)
    words = Counter(WORD_RE.findall(" ".join(text.itertext())))
    # A footnote's number stands in note/@n, for its marker and for the line that gave its text.
    for number in xpath(text, ".//t:note[@place='foot']/@n"):
        words[number] += 2
    return words
