"""Wrap a FRUS ``<div type="document">`` fragment as the FRUS volumes hold it.

The Office of the Historian keeps each volume as one TEI file: the
``frus`` namespace declared on ``TEI``, the volume's title in ``titleStmt``,
the persons and the abbreviations and terms as lists in ``<front>`` (each
``persName`` or ``term`` with the ``xml:id`` that the documents' ``@corresp``
and ``gloss/@target`` point to), the documents in ``body/div[@type='compilation']``.
The fragments of ``../shared/corpus/frus/xml`` are documents cut from such
files; this puts one back in that frame, naming each person and term as the
document first writes it.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

FRUS_NS = "http://history.state.gov/frus/ns/1.0"
TEI_NS = "http://www.tei-c.org/ns/1.0"


def _first_words(fragment: etree._Element, tag: str, attribute: str) -> dict[str, str]:
    """id -> the words of the first element of ``tag`` pointing at it (notes left out)."""
    found: dict[str, str] = {}
    for element in fragment.iter(f"{{{TEI_NS}}}{tag}"):
        for token in (element.get(attribute) or "").split():
            if token.startswith("#") and token[1:] not in found:
                words = " ".join("".join(element.itertext()).split())
                found[token[1:]] = words or token[1:]
    return found


def wrap(path: Path) -> bytes:
    """The fragment at ``path`` as a whole FRUS volume file holding that one document."""
    text = path.read_text(encoding="utf-8")
    volume = path.stem.rsplit("-d", 1)[0]
    probe = etree.fromstring(
        f'<body xmlns="{TEI_NS}" xmlns:frus="{FRUS_NS}">{re.sub(r"<!--.*?-->", "", text, flags=re.S)}</body>'.encode()
    )
    persons = _first_words(probe, "persName", "corresp")
    terms = _first_words(probe, "gloss", "target")
    person_items = "".join(
        f'<item><persName xml:id="{ident}">{escape(words)}</persName></item>' for ident, words in persons.items()
    )
    term_items = "".join(
        f'<item><term xml:id="{ident}">{escape(words)}</term></item>' for ident, words in terms.items()
    )
    front = ""
    if person_items:
        front += f'<div type="section" xml:id="persons"><head>Persons</head><list type="participants">{person_items}</list></div>'
    if term_items:
        front += f'<div type="section" xml:id="terms"><head>Abbreviations and Terms</head><list type="terms">{term_items}</list></div>'
    document = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<TEI xmlns="{TEI_NS}" xmlns:frus="{FRUS_NS}" xml:id="{volume}">'
        "<teiHeader><fileDesc><titleStmt>"
        f'<title type="complete">Foreign Relations of the United States, {escape(volume)}</title>'
        "</titleStmt><publicationStmt><publisher>Office of the Historian</publisher>"
        "<availability><p>Public domain.</p></availability></publicationStmt>"
        f"<sourceDesc><p>One document of {escape(volume)}, wrapped as the volume holds it.</p></sourceDesc>"
        "</fileDesc></teiHeader>"
        f"<text>{f'<front>{front}</front>' if front else ''}"
        f'<body><div type="compilation" xml:id="comp1">{text}</div></body></text></TEI>\n'
    )
    return document.encode("utf-8")


def fragment(path: Path) -> bytes:
    """The fragment at ``path`` as a file of its own: the ``<div>`` as cut, its namespaces declared on it."""
    text = path.read_text(encoding="utf-8")
    return text.replace(
        '<div type="document"', f'<div xmlns="{TEI_NS}" xmlns:frus="{FRUS_NS}" type="document"', 1
    ).encode("utf-8")
