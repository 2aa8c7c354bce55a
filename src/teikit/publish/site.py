"""The pages that tie an edition together: index, persons, search index.

Input: the catalog entries of the built records. Output: ``index.html`` (the
records with date, title, archival reference, languages and summary; links
to the HTML, text and TEI; sortable; searchable), ``persons.html`` (every
participant across the collection, with the records they take part in) and
the search index, as ``search-index.json`` for tools and as
``search-index.js`` for the page: a script file loads where a JSON file
cannot (browsers refuse ``fetch`` from ``file://``), so search works when the
site is opened from the disk. Sorting and search are scripts that only
enhance: without JavaScript the table is there, sorted by date.

Every link to a record is made in ``xslt/site/`` from its key, which the
key scheme (:mod:`teikit.publish.keys`) keeps URL-safe and never a scheme;
the link is percent-encoded all the same (``encode-for-uri``), so no entry
can make it anything but a relative link to a file of the site.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from teikit.publish.catalog import CatalogEntry
from teikit.publish.registers import merge
from teikit.publish.render import Renderer
from teikit.publish.search import FALLBACK_TEXT_BUDGET, text_words

_COMBINING_RE = re.compile(r"[\u0300-\u036f]")
SITE_FILES = (
    "index.html",
    "persons.html",
    "places.html",
    "organisations.html",
    "registers-review.txt",
    "search-index.json",
    "search-index.js",
)


_NOT_XML_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Letters that carry no combining mark to strip yet are read as plain Latin ones (the page's script folds alike).
_FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})


def fold(text: str) -> str:
    """Text as the search compares it: lower-cased, accents removed, ł -> l, ё -> е, spaces collapsed."""
    text = _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text.lower())).translate(_FOLD)
    return " ".join(text.split())


def search_text(entry: CatalogEntry) -> str:
    """The words of an entry the search looks in, folded (:func:`fold`)."""
    parts = [entry.title, entry.date, entry.date_text, entry.reference, entry.summary, " ".join(entry.languages)]
    parts += [name for person in entry.persons for name in person.names]
    parts += entry.names + entry.keywords
    return fold(" ".join(parts))


def _sort_key(entry: CatalogEntry) -> tuple[str, str]:
    return (entry.date or "9999", entry.title.lower())


def ordered(entries: list[CatalogEntry]) -> list[CatalogEntry]:
    """The records in the index's order: by date, then title."""
    return sorted(entries, key=_sort_key)


def _person_key(names: list[str]) -> str:
    return re.sub(r"\W+", " ", (names[0] if names else "").lower()).strip()


@dataclass
class _Participant:
    """A person across the collection: every name form, every role, every record."""

    names: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    records: list[tuple[CatalogEntry, str]] = field(default_factory=list)


def merged_persons(entries: list[CatalogEntry]) -> list[_Participant]:
    """Participants across the collection, merged by normalised name, in name order."""
    people: dict[str, _Participant] = {}
    for entry in ordered(entries):
        for person in entry.persons:
            key = _person_key(person.names)
            if not key:
                continue
            participant = people.setdefault(key, _Participant())
            participant.names.extend(name for name in person.names if name not in participant.names)
            participant.roles.extend(role for role in person.roles if role not in participant.roles)
            participant.records.append((entry, person.ident))
    return [people[key] for key in sorted(people)]


def site_document(entries: list[CatalogEntry], title: str) -> str:
    """The site document ``xslt/site/pages.xsl`` turns into the site pages: records in order,
    persons merged (the decisions made here, the presentation there)."""
    site = etree.Element("site", title=title)
    by_key = {entry.key: entry for entry in entries}
    for entry in ordered(entries):
        record = etree.SubElement(
            site,
            "record",
            key=entry.key,
            date=entry.date,
            reference=entry.reference,
            languages=", ".join(entry.languages),
        )
        record.set("date-text", entry.date_text)
        etree.SubElement(record, "title").text = _xml_text(entry.title)
        etree.SubElement(record, "summary").text = _xml_text(entry.summary)
    for merged in merge([(entry.key, entry.register) for entry in ordered(entries)]):
        register = etree.SubElement(site, "entry", kind=merged.kind)
        for name, lang in merged.names:
            etree.SubElement(register, "name", lang=lang).text = _xml_text(name)
        for role in merged.roles:
            etree.SubElement(register, "role").text = _xml_text(role)
        for url in merged.authorities:
            etree.SubElement(register, "authority", href=url)
        for key, item in merged.records:
            entry = by_key[key]
            mention = etree.SubElement(
                register,
                "mention",
                key=key,
                ident=item.ident,
                label=_xml_text(entry.date_text or entry.date or entry.key),
                title=_xml_text(entry.title),
            )
            for anchor in item.mentions:
                etree.SubElement(mention, "at", id=anchor)
    for participant in merged_persons(entries):
        person = etree.SubElement(site, "person")
        for name in participant.names:
            etree.SubElement(person, "name").text = _xml_text(name)
        for role in participant.roles:
            etree.SubElement(person, "role").text = _xml_text(role)
        for entry, ident in participant.records:
            etree.SubElement(
                person,
                "mention",
                key=entry.key,
                ident=ident,
                label=_xml_text(entry.date_text or entry.date or entry.key),
                title=_xml_text(entry.title),
            )
    return str(etree.tostring(site, encoding="unicode"))


def merge_review(entries: list[CatalogEntry]) -> str:
    """``registers-review.txt``: every join the registers made across records, and why, to check."""
    lines = []
    for merged in merge([(entry.key, entry.register) for entry in ordered(entries)]):
        if merged.reasons:
            lines.append(f"{merged.kind} {merged.names[0][0]}:")
            lines += [f"  {reason}" for reason in merged.reasons]
    return "\n".join(lines) + ("\n" if lines else "")


def _xml_text(text: str) -> str:
    """Text an XML document may hold (catalog text comes from XML, but stay safe)."""
    return _NOT_XML_RE.sub("\ufffd", text)


def search_index(entries: list[CatalogEntry], site: Path | None = None) -> list[dict[str, str]]:
    """The disk fallback's index: for each record its key, title, date and the folded words to search,
    with each distinct word of its texts (read from ``site``) while all of them fit in
    :data:`~teikit.publish.search.FALLBACK_TEXT_BUDGET`: a search finds a body word in every record or
    in none, never in some."""
    index = [
        {"key": entry.key, "title": entry.title, "date": entry.date, "text": search_text(entry)}
        for entry in ordered(entries)
    ]
    if site is None:
        return index
    words = []
    used = 0
    for item in index:
        own = set(item["text"].split())
        extra = " ".join(sorted(set(fold(text_words(site, item["key"])).split()) - own))
        used += len(extra)
        if used > FALLBACK_TEXT_BUDGET:
            return index
        words.append(extra)
    for item, extra in zip(index, words, strict=True):
        item["text"] = f"{item['text']} {extra}".strip()
    return index


def site_files(
    entries: list[CatalogEntry],
    title: str,
    renderer: Renderer | None = None,
    ui_lang: str = "en",
    site: Path | None = None,
) -> dict[str, str]:
    """Every collection-level file of the site, by name, as text (``site``: where the records'
    texts are, for the fallback search).

    Raises:
        RenderError: the site stylesheet failed.
    """
    index = search_index(entries, site)
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    renderer = renderer or Renderer(site_pages=True)
    document = site_document(entries, title)
    return {
        "index.html": renderer.render_site_page(document, "index", ui_lang),
        "persons.html": renderer.render_site_page(document, "persons", ui_lang),
        "places.html": renderer.render_site_page(document, "places", ui_lang),
        "organisations.html": renderer.render_site_page(document, "organisations", ui_lang),
        "registers-review.txt": merge_review(entries),
        "search-index.json": data + "\n",
        "search-index.js": f"window.TEIKIT_INDEX = {data};\n",
    }


def write_site_files(site: Path, files: dict[str, str]) -> list[str]:
    """Write the files whose content changed; returns their names."""
    from teikit.core.serialize import write_atomic

    written = []
    for name, text in files.items():
        path = site / name
        data = text.encode("utf-8")
        try:
            if path.read_bytes() == data:
                continue
        except OSError:
            pass
        write_atomic(path, data, force=True)
        written.append(name)
    return written
