"""What the edition's index says about a record, read from its TEI.

Input: a parsed TEI document. Output: a :class:`CatalogEntry` (title, date,
archival reference, languages, summary, participants, names) as plain data,
so that it can travel from a worker process and be stored in the build
manifest. Works on TEI from other projects too: what a header lacks stays
empty.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any

from lxml import etree

from teikit.publish.registers import RegisterItem, register_items

NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass
class PersonEntry:
    """A participant of one record."""

    ident: str
    names: list[str]
    roles: list[str]


@dataclass
class CatalogEntry:
    """One row of the index and the words the search looks at."""

    key: str
    title: str
    date: str = ""
    date_text: str = ""
    reference: str = ""
    languages: list[str] = field(default_factory=list)
    summary: str = ""
    persons: list[PersonEntry] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    register: list[RegisterItem] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CatalogEntry:
        persons = [PersonEntry(**person) for person in data.get("persons", [])]
        register = [RegisterItem.from_dict(item) for item in data.get("register", [])]
        return cls(**{**data, "persons": persons, "register": register})


def _text(node: etree._Element | None) -> str:
    return " ".join("".join(node.itertext()).split()) if node is not None else ""


@cache
def _compiled(path: str) -> etree.XPath:
    """Each path compiled once per process: a build reads the same paths in every record."""
    return etree.XPath(path, namespaces=NS)


def _select(node: etree._Element, path: str) -> list[Any]:
    result = _compiled(path)(node)
    return result if isinstance(result, list) else []


def _first(root: etree._Element, *paths: str) -> etree._Element | None:
    for path in paths:
        found = _select(root, path)
        if found:
            element: etree._Element = found[0]
            return element
    return None


def catalog_entry(root: etree._Element, key: str) -> CatalogEntry:
    """The index entry of one record (``key``: its file name without ``.xml``)."""
    header = _first(root, "/t:TEI/t:teiHeader", "//t:teiHeader")
    if header is None:
        return CatalogEntry(key=key, title=_title(root, None) or key)
    title = _title(root, header) or key
    date_element = _first(
        header,
        "t:profileDesc/t:creation/t:date",
        ".//t:correspAction[@type='sent']/t:date",
        "t:fileDesc/t:titleStmt/t:title//t:date",
    )
    date = ""
    if date_element is not None:
        date = date_element.get("when") or date_element.get("notBefore") or date_element.get("from") or ""
    entry = CatalogEntry(key=key, title=title, date=date, date_text=_text(date_element))
    entry.reference = _reference(header)
    entry.languages = [
        language.get("ident", "") for language in _select(header, "t:profileDesc/t:langUsage/t:language[@ident]")
    ] or sorted({text.get(XML_LANG, "") for text in _select(root, "//t:text[@xml:lang]")})
    entry.summary = _text(_first(header, "t:profileDesc/t:abstract"))
    for person in _select(header, "t:profileDesc/t:particDesc//t:person"):
        names = [_text(name) for name in _select(person, "t:persName") if _text(name)]
        entry.persons.append(PersonEntry(person.get(XML_ID, ""), names, (person.get("role") or "").split()))
    for named in _select(
        header, "t:fileDesc/t:sourceDesc//t:person | t:fileDesc/t:sourceDesc//t:place | t:fileDesc/t:sourceDesc//t:org"
    ):
        entry.names.extend(_text(name) for name in _select(named, "t:persName | t:placeName | t:orgName"))
    entry.keywords = [_text(term) for term in _select(header, "t:profileDesc/t:textClass//t:term")]
    entry.register = register_items(root)
    return entry


def _title(root: etree._Element, header: etree._Element | None) -> str:
    """The document's title, as the editions give it (``tk:title`` in xslt/common.xsl): the head of the one
    document a volume wrapper holds (FRUS), else the title of titleStmt that names the document (main,
    analytic, untyped but not a series' or journal's), else any."""
    documents = _select(root, "/t:TEI/t:text/t:body//t:div[@type='document'] | /t:div[@type='document']")
    if len(documents) == 1:
        head = _first(documents[0], "t:head")
        if head is not None:
            words = "".join(_select(head, ".//text()[not(ancestor::t:note)]"))
            if words.strip():
                return " ".join(words.split())
    if header is None:
        return ""
    return _text(
        _first(
            header,
            "t:fileDesc/t:titleStmt/t:title[@type='main'][normalize-space()]",
            "t:fileDesc/t:titleStmt/t:title[@level='a'][normalize-space()]",
            "t:fileDesc/t:titleStmt/t:title[not(@type)][not(@level='s' or @level='m' or @level='j' or @level='u')][normalize-space()]",
            "t:fileDesc/t:titleStmt/t:title[not(@type)][normalize-space()]",
            "t:fileDesc/t:titleStmt/t:title[normalize-space()]",
        )
    )


def _reference(header: etree._Element) -> str:
    identifier = _first(header, ".//t:msDesc/t:msIdentifier")
    if identifier is None:
        return ""
    parts = [_text(_first(identifier, "t:repository", "t:institution"))]
    for idno in _select(identifier, "t:idno"):
        kind = idno.get("type", "")
        parts.append(f"{kind} {_text(idno)}" if kind in ("fond", "opis", "delo") else _text(idno))
    locus = _first(header, ".//t:msItem/t:locus")
    if locus is not None and locus.get("from"):
        to = locus.get("to") or locus.get("from")
        parts.append(f"leaves {locus.get('from')}" + (f"–{to}" if to != locus.get("from") else ""))
    return ", ".join(part for part in parts if part)
