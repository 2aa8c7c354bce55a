"""Registers of an edition: persons, places and organisations across its records.

Input: a parsed TEI record. Output, per record, its :class:`RegisterItem`\\ s
(each ``person``, ``place`` and ``org`` with an ``xml:id``, wherever the
record keeps them: ``particDesc``, ``listPerson``/``listPlace``/``listOrg``
in the header or in ``<back>``, ``standOff``): name forms with their
language, roles, authority links, and every mention in the text (an element
whose ``@ref`` or a turn whose ``@who`` points at it) as the id of the
nearest element with one, so a link lands on the turn. Across records,
:func:`merge` joins the items that share an authority URL, then those of
the same kind with the same normalised name, and says why it joined each.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

from lxml import etree

T = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
KINDS = {"person": "persName", "place": "placeName", "org": "orgName"}
#: Authority files by idno/@type: how a bare identifier becomes its URL.
AUTHORITIES = {
    "wikidata": "https://www.wikidata.org/wiki/{}",
    "viaf": "https://viaf.org/viaf/{}",
    "gnd": "https://d-nb.info/gnd/{}",
    "geonames": "https://www.geonames.org/{}",
    "pmb": "https://pmb.acdh.oeaw.ac.at/entity/{}",
}
_SAFE_URL_RE = re.compile(r"^https?://[^\s\"<>]+$")
_POINTING = etree.XPath("//t:text/descendant-or-self::*[@ref or @who]", namespaces={"t": "http://www.tei-c.org/ns/1.0"})
"""The elements of the texts that point at a person, place or organisation (the mentions)."""


@dataclass
class RegisterItem:
    """One person, place or organisation of one record."""

    kind: str
    ident: str
    names: list[tuple[str, str]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    authorities: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RegisterItem:
        return cls(**{**data, "names": [tuple(name) for name in data.get("names", [])]})


def _text(node: etree._Element) -> str:
    return " ".join("".join(node.itertext()).split())


def authority_url(kind: str, value: str) -> str:
    """An authority identifier as a URL ("" when it is neither a known file's id nor an http URL)."""
    value = value.strip()
    if _SAFE_URL_RE.match(value):
        return value.rstrip("/")
    pattern = AUTHORITIES.get(kind.lower())
    if pattern and re.fullmatch(r"[A-Za-z0-9_-]+", value):
        return pattern.format(value)
    return ""


def register_items(root: etree._Element) -> list[RegisterItem]:
    """The register entries of one record (see the module doc)."""
    items: dict[str, RegisterItem] = {}
    for element in root.iter(*(T + kind for kind in KINDS)):
        ident = element.get(XML_ID)
        kind = etree.QName(element).localname
        if not ident or ident in items:
            continue
        item = RegisterItem(kind, ident)
        for name in element.findall(T + KINDS[kind]):
            text = _text(name)
            lang = name.get(XML_LANG) or ""
            if text and (text, lang) not in item.names:
                item.names.append((text, lang))
        item.roles = (element.get("role") or "").split()
        for idno in element.findall(T + "idno"):
            url = authority_url(idno.get("type") or "", idno.text or "")
            if url and url not in item.authorities:
                item.authorities.append(url)
        for attribute in ("ref", "sameAs"):
            for token in (element.get(attribute) or "").split():
                url = authority_url("", token)
                if url and url not in item.authorities:
                    item.authorities.append(url)
        if item.names:
            items[ident] = item
    # Texts nest (a group's texts inside the record's): one XPath visits each element once, in document order.
    for element in _POINTING(root):
        pointers = (element.get("ref") or "").split() + (element.get("who") or "").split()
        for pointer in pointers:
            named = items.get(pointer[1:]) if pointer.startswith("#") else None
            if named is None:
                continue
            anchor = next((node.get(XML_ID) for node in element.iterancestors() if node.get(XML_ID)), None)
            anchor = element.get(XML_ID) or anchor
            if anchor and anchor not in named.mentions and anchor not in ("translation", "original"):
                named.mentions.append(anchor)
    return list(items.values())


def normalised(name: str) -> str:
    """A name as the merge compares it: folded, punctuation and spacing ignored."""
    text = "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


@dataclass
class RegisterEntry:
    """One person, place or organisation across the edition, with every record it is in."""

    kind: str
    names: list[tuple[str, str]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    authorities: list[str] = field(default_factory=list)
    records: list[tuple[str, RegisterItem]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


def merge(records: list[tuple[str, list[RegisterItem]]]) -> list[RegisterEntry]:
    """Items of all records as entries: joined by a shared authority URL, else by kind and normalised name."""
    entries: list[RegisterEntry] = []
    by_key: dict[str, RegisterEntry] = {}
    for key, items in records:
        for item in items:
            keys = [f"auth {url}" for url in item.authorities]
            keys += [f"name {item.kind} {normalised(name)}" for name, _ in item.names if normalised(name)]
            found = next((by_key[k] for k in keys if k in by_key and by_key[k].kind == item.kind), None)
            if found is None:
                found = RegisterEntry(item.kind)
                entries.append(found)
            else:
                why = next(k for k in keys if by_key.get(k) is found)
                found.reasons.append(f"{key}#{item.ident}: same {why.split(' ', 1)[0]} {why.split(' ', 1)[1]}")
            for k in keys:
                by_key.setdefault(k, found)
            found.names.extend(name for name in item.names if name not in found.names)
            found.roles.extend(role for role in item.roles if role not in found.roles)
            found.authorities.extend(url for url in item.authorities if url not in found.authorities)
            found.records.append((key, item))
    return sorted(entries, key=lambda entry: normalised(entry.names[0][0]) if entry.names else "")
