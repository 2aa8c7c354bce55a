"""Text accounting of an edition: every word of ``<text>`` once, in its place, nothing added.

The rendering coverage policy (README, "What is rendered") says where each
text node of a TEI ``<text>`` goes: the body, the notes section, the
apparatus or a register (and the registers of ``<standOff>`` after those). :func:`expected` reads a document with that policy,
written here apart from the stylesheets, and gives each section's characters
in order; :func:`text_edition` and :func:`html_edition` read the same
sections back from a rendered edition, after taking out only what the
edition labels as its own (note and apparatus markers and labels, section
headings, page numbers, back-links, the other style's spans). White space is
left out on both sides: folding lines is layout, a lost or added character
is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree, html

TEI = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI}
REGISTER_LISTS = {
    "listPerson": "Register of persons",
    "listPlace": "Register of places",
    "listOrg": "Register of organisations",
    "listBibl": "Register of works",
    "listEvent": "Register of events",
    "listNym": "Register of names",
    "listObject": "Register of objects",
    "listRelation": "Register",
}


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _tei(element: etree._Element, *names: str) -> bool:
    return isinstance(element.tag, str) and etree.QName(element).namespace == TEI and _local(element) in names


def _squeeze(text: str) -> str:
    """White space and square brackets left out: the reading view marks what editors added with
    brackets (around an expansion, a correction, a supplied word), so brackets are signs on both sides."""
    return re.sub(r"[\s\[\]]+", "", text)


@dataclass
class Sections:
    """The characters of each section of an edition, white space left out."""

    body: str = ""
    notes: str = ""
    apparatus: str = ""
    registers: str = ""

    def whole(self) -> str:
        return self.body + self.notes + self.apparatus + self.registers


def _hidden_in_reading(element: etree._Element) -> bool:
    """The alternative of a choice that the reading style does not show (tk:hidden in common.xsl)."""
    parent = element.getparent()
    if parent is None or not _tei(parent, "choice"):
        return False
    siblings = [child for child in parent if isinstance(child.tag, str)]
    names = {_local(child) for child in siblings}
    if _tei(element, "abbr"):
        # Only the abbreviation beside an in-word expansion (comr. beside comr[ade]) gives way.
        return element.find(f"{{{TEI}}}am") is not None and any(
            _tei(s, "expan") and s.find(f"{{{TEI}}}ex") is not None for s in siblings
        )
    return _tei(element, "orig") and "reg" in names


def _is_note_number(element: etree._Element) -> bool:
    """A further marker of a note (``<ref type="note">2</ref>``): its number gives way to the note's."""
    return (
        _tei(element, "ref")
        and element.get("type") == "note"
        and re.fullmatch(r"\d*", _squeeze(element.xpath("string()"))) is not None
    )


def _is_register(element: etree._Element) -> bool:
    if not _tei(element, *REGISTER_LISTS):
        return False
    ancestors = list(element.iterancestors())
    return any(_tei(a, "back") for a in ancestors) and not any(_tei(a, *REGISTER_LISTS) for a in ancestors)


_PAIRED = ("abbr", "expan", "orig", "reg", "sic", "corr")


def _is_open_choice(element: etree._Element) -> bool:
    """A choice of alternatives other than the styles' pairs: shown like an app."""
    children = [child for child in element if isinstance(child.tag, str)]
    return _tei(element, "choice") and bool(children) and not any(_tei(child, *_PAIRED) for child in children)


def _lemma(app: etree._Element) -> etree._Element | None:
    if _tei(app, "choice"):
        return next(child for child in app if isinstance(child.tag, str))
    found = app.findall("t:lem", NS) + app.findall(".//t:rdg", NS)
    return found[0] if found else None


def expected(root: etree._Element) -> Sections:
    """Each section's characters as the policy places the words of ``root``'s ``<text>``."""
    text = root.find("t:text", NS) if _tei(root, "TEI") else root
    assert text is not None, "no <text>"
    # Inline notes stay in the line, in brackets, where the translator put them (tk:is-note).
    notes = [n for n in text.iter(f"{{{TEI}}}note") if n.get("type") != "physical" and n.get("place") != "inline"]
    apps = [
        a
        for a in text.iter(f"{{{TEI}}}app", f"{{{TEI}}}choice")
        if (_tei(a, "app") or _is_open_choice(a)) and not any(_tei(x, "app") for x in a.iterancestors())
    ]
    note_words: dict[int, list[str]] = {id(n): [] for n in notes}
    app_words: dict[int, list[str]] = {id(a): [] for a in apps}
    body: list[str] = []
    registers: list[str] = []

    def place(node: etree._Element, chars: str) -> None:
        """Put ``chars`` (a text node whose parent is ``node``) where the policy says."""
        chain = [node, *node.iterancestors()]
        chain = chain[: chain.index(text) + 1]
        if any(_hidden_in_reading(e) or _is_note_number(e) for e in chain):
            return
        for e in chain:
            if id(e) in note_words:
                note_words[id(e)].append(chars)
                return
            parent = e.getparent()
            if _tei(e, "rdg", "lem") or (parent is not None and _is_open_choice(parent)):
                app = next(a for a in e.iterancestors() if _tei(a, "app") or _is_open_choice(a))
                outer = next((a for a in [app, *app.iterancestors()] if id(a) in app_words), app)
                if _lemma(app) is not e:
                    app_words[id(outer)].append(chars)
                    return
            if _is_register(e):
                registers.append(chars)
                return
        body.append(chars)

    def walk(element: etree._Element) -> None:
        if element.text:
            place(element, element.text)
        for child in element:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                place(element, child.tail)

    walk(text)
    for standoff in root.findall("t:standOff", NS) if _tei(root, "TEI") else []:
        for register in standoff.iter(*(f"{{{TEI}}}{name}" for name in REGISTER_LISTS)):
            if not any(_tei(a, *REGISTER_LISTS) for a in register.iterancestors()):
                registers.extend(register.itertext())
    return Sections(
        _squeeze("".join(body)),
        _squeeze("".join("".join(note_words[id(n)]) for n in notes)),
        _squeeze("".join("".join(app_words[id(a)]) for a in apps)),
        _squeeze("".join(registers)),
    )


_TEXT_LABELS = [
    re.compile(r"\[a?\d+\]"),  # note and apparatus markers, the labels of notes and entries
    re.compile(r"\[p\. [^\]\s]+\]"),  # page numbers (pb/@n)
    re.compile(r"⟨[^⟩]*⟩"),  # witnesses and omissions in the apparatus
]


def text_edition(output: str, root: etree._Element) -> str:
    """The reading text edition (rendered without its header) with the edition's labels taken out."""
    headings = {"Notes", "Apparatus", *REGISTER_LISTS.values()}
    lines = [line for line in output.splitlines() if line.strip() not in headings]
    kept = "\n".join(lines)
    for pattern in _TEXT_LABELS:
        kept = pattern.sub("", kept)
    return _squeeze(kept)


_HTML_LABEL_CLASSES = ("d", "tk-gen", "tk-key", "tk-fnref", "tk-backlink", "tk-pb", "tk-colheads", "tk-meta")
_HTML_LABEL_IDS = ("tk-text-heading", "tk-notes-heading", "tk-apparatus-heading", "tk-registers-heading")
_HTML_LABELS = etree.XPath(
    " | ".join(
        [f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]" for name in _HTML_LABEL_CLASSES]
        + [f".//*[@id = '{ident}']" for ident in _HTML_LABEL_IDS]
    )
)


def html_edition(output: str) -> str:
    """The reading view's text content of the HTML edition's main part, the edition's labels taken out."""
    page = html.fromstring(output)
    main = page.get_element_by_id("tk-main")
    found = _HTML_LABELS(main)
    assert isinstance(found, list)
    for element in found:
        parent = element.getparent()
        if parent is None:
            continue
        tail = element.tail or ""
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
        parent.remove(element)
    return _squeeze(main.text_content())
