"""The pages that tie an edition together: the index, the registers, the search fallback.

Input: the catalog entries of the built records. Output, each file bounded
whatever the size of the edition (:mod:`teikit.publish.paging`): the index
(the records with date, title, archival reference, languages and summary;
links to the HTML, text and TEI; sortable; searchable) as ``index.html``,
and beyond one page's worth one page per year (``records-1949.html``); the
registers ``persons.html``, ``places.html``, ``organisations.html`` (every
entry across the collection, with the records that mention it), continued
on ``persons-2.html``… ; ``registers-review.txt``; and the disk fallback of
the search in shards, as ``search-index-N.json`` for tools and as
``search-index-N.js`` for the page: a script file loads where a JSON file
cannot (browsers refuse ``fetch`` from ``file://``), so search works when
the site is opened from the disk. Sorting and search are scripts that only
enhance: without JavaScript the table is there, sorted by date.

Every link to a record is made in ``xslt/site/`` from its key, which the
key scheme (:mod:`teikit.publish.keys`) keeps URL-safe and never a scheme;
the link is percent-encoded all the same (``encode-for-uri``), so no entry
can make it anything but a relative link to a file of the site.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from teikit.publish import paging
from teikit.publish.catalog import CatalogEntry
from teikit.publish.paging import Page, chunks, labelled_pages, record_pages, shards
from teikit.publish.registers import RegisterEntry, RegisterItem, merge, normalised
from teikit.publish.render import Renderer
from teikit.publish.search import FALLBACK_TEXT_BUDGET, text_words

_COMBINING_RE = re.compile(r"[\u0300-\u036f]")
REGISTERS = {"persons": "person", "places": "place", "organisations": "org"}


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


@dataclass
class _Mentions:
    """One register entry on one page: the entry and those of its mentions the page holds."""

    entry: RegisterEntry
    records: list[tuple[str, RegisterItem]]
    continued: bool = False


def _cost(records: list[tuple[str, RegisterItem]]) -> int:
    """The lines of an entry's mentions on a page: one a record, and one for each place it is mentioned at."""
    return sum(1 + len(item.mentions) for _, item in records)


def _pieces(entry: RegisterEntry, budget: int) -> list[_Mentions]:
    """An entry, cut where its mentions would not fit on one page."""
    runs = list(chunks(entry.records, lambda record: 1 + len(record[1].mentions), max(1, budget - 1))) or [[]]
    return [_Mentions(entry, run, number > 0) for number, run in enumerate(runs)]


def _initial(name: str) -> str:
    return (normalised(name)[:1] or "#").upper()


def _page_document(title: str, pages: Sequence[Page[Any]], current: str, **attributes: str) -> etree._Element:
    """The root of one page's site document, with the list of its section's pages (``current``: this
    page's name, "" for the page that lists them)."""
    site = etree.Element("site", title=_xml_text(title), **attributes)
    if len(pages) > 1:
        listing = etree.SubElement(site, "pages", current=current)
        for page in pages:
            etree.SubElement(
                listing, "page", name=page.name, label=page.label, part=str(page.part), count=str(len(page.items))
            )
    return site


def _record(parent: etree._Element, entry: CatalogEntry) -> None:
    record = etree.SubElement(
        parent,
        "record",
        key=entry.key,
        date=entry.date,
        reference=entry.reference,
        languages=", ".join(entry.languages),
    )
    record.set("date-text", entry.date_text)
    etree.SubElement(record, "title").text = _xml_text(entry.title)
    etree.SubElement(record, "summary").text = _xml_text(entry.summary)


def _mention(parent: etree._Element, entry: CatalogEntry, ident: str) -> etree._Element:
    return etree.SubElement(
        parent,
        "mention",
        key=entry.key,
        ident=ident,
        label=_xml_text(entry.date_text or entry.date or entry.key),
        title=_xml_text(entry.title),
    )


def index_documents(
    entries: list[CatalogEntry], title: str, shard_count: int, size: int | None = None
) -> Iterator[tuple[str, str, str]]:
    """The index pages as (file name, page kind, site document): ``index.html`` alone while the records
    fit on one page; else ``index.html`` lists the pages and each page holds its records."""
    size = size or paging.PAGE_SIZE
    pages: list[Page[CatalogEntry]] = record_pages(ordered(entries), lambda entry: entry.date, size)
    common = {"shards": str(shard_count), "total": str(len(entries)), "page-size": str(size)}
    if len(pages) > 1:
        site = _page_document(title, pages, "", **common)
        yield "index.html", "index", str(etree.tostring(site, encoding="unicode"))
    for page in pages:
        site = _page_document(title, pages, page.name, **common)
        for entry in page.items:
            _record(site, entry)
        yield page.name, "index" if len(pages) == 1 else "records", str(etree.tostring(site, encoding="unicode"))


def register_documents(
    entries: list[CatalogEntry], merged: list[RegisterEntry], title: str, budget: int | None = None
) -> Iterator[tuple[str, str, str]]:
    """The register pages as (file name, page kind, site document), each within ``budget`` lines."""
    budget = budget or paging.REGISTER_BUDGET
    by_key = {entry.key: entry for entry in entries}
    for stem, kind in REGISTERS.items():
        own = [piece for item in merged if item.kind == kind for piece in _pieces(item, budget)]
        if kind == "person" and not own:
            yield from _participant_documents(entries, title, budget)
            continue
        pages: list[Page[_Mentions]] = labelled_pages(
            stem,
            own,
            lambda piece: 1 + _cost(piece.records),
            lambda piece: _initial(piece.entry.names[0][0] if piece.entry.names else ""),
            budget,
        )
        for page in pages:
            site = _page_document(title, pages, page.name)
            for piece in page.items:
                register = etree.SubElement(site, "entry", kind=kind)
                if piece.continued:
                    register.set("continued", "true")
                for name, lang in piece.entry.names:
                    etree.SubElement(register, "name", lang=lang).text = _xml_text(name)
                for role in piece.entry.roles:
                    etree.SubElement(register, "role").text = _xml_text(role)
                for url in piece.entry.authorities:
                    etree.SubElement(register, "authority", href=url)
                for key, item in piece.records:
                    mention = _mention(register, by_key[key], item.ident)
                    for anchor in item.mentions:
                        etree.SubElement(mention, "at", id=anchor)
            yield page.name, stem, str(etree.tostring(site, encoding="unicode"))


def _participant_documents(entries: list[CatalogEntry], title: str, budget: int) -> Iterator[tuple[str, str, str]]:
    """``persons.html`` of records without a register: their participants (``particDesc``), merged by name."""
    participants = merged_persons(entries)
    pages: list[Page[_Participant]] = labelled_pages(
        "persons",
        participants,
        lambda participant: 1 + len(participant.records),
        lambda participant: _initial(participant.names[0] if participant.names else ""),
        budget,
    )
    for page in pages:
        site = _page_document(title, pages, page.name)
        for participant in page.items:
            person = etree.SubElement(site, "person")
            for name in participant.names:
                etree.SubElement(person, "name").text = _xml_text(name)
            for role in participant.roles:
                etree.SubElement(person, "role").text = _xml_text(role)
            for entry, ident in participant.records:
                _mention(person, entry, ident)
        yield page.name, "persons", str(etree.tostring(site, encoding="unicode"))


def merge_review(merged: list[RegisterEntry], budget: int | None = None) -> Iterator[tuple[str, str]]:
    """``registers-review.txt`` (continued in ``registers-review-2.txt``… past ``budget`` bytes): every
    join the registers made across records, and why, to check."""
    lines = []
    for entry in merged:
        if entry.reasons:
            lines.append(f"{entry.kind} {entry.names[0][0]}:")
            lines += [f"  {reason}" for reason in entry.reasons]
    for number, run in enumerate(shards(lines, budget or paging.SHARD_BYTES), start=1):
        name = "registers-review.txt" if number == 1 else f"registers-review-{number}.txt"
        yield name, "\n".join(run) + ("\n" if run else "")


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


def site_pages(
    entries: list[CatalogEntry],
    title: str,
    renderer: Renderer | None = None,
    ui_lang: str = "en",
    site: Path | None = None,
) -> Iterator[tuple[str, str]]:
    """Every collection-level file of the site, as (name, text), one at a time (``site``: where the
    records' texts are, for the fallback search).

    Raises:
        RenderError: the site stylesheet failed.
    """
    items = [json.dumps(item, ensure_ascii=False, separators=(",", ":")) for item in search_index(entries, site)]
    parts = shards(items, paging.SHARD_BYTES)
    renderer = renderer or Renderer(site_pages=True)
    merged = merge([(entry.key, entry.register) for entry in ordered(entries)])
    documents = itertools.chain(index_documents(entries, title, len(parts)), register_documents(entries, merged, title))
    for name, kind, document in documents:
        yield name, renderer.render_site_page(document, kind, ui_lang)
    yield from merge_review(merged)
    for number, part in enumerate(parts, start=1):
        data = "[" + ",".join(part) + "]"
        yield f"search-index-{number}.json", data + "\n"
        yield f"search-index-{number}.js", f"window.TEIKIT_INDEX = (window.TEIKIT_INDEX || []).concat({data});\n"


def site_files(
    entries: list[CatalogEntry],
    title: str,
    renderer: Renderer | None = None,
    ui_lang: str = "en",
    site: Path | None = None,
) -> dict[str, str]:
    """:func:`site_pages` as one mapping (a small edition's, or a test's)."""
    return dict(site_pages(entries, title, renderer, ui_lang, site))


def write_site_files(site: Path, files: Iterable[tuple[str, str]]) -> list[str]:
    """Write the files whose content changed; returns the names of all of them, written or not."""
    from teikit.core.serialize import write_atomic

    names = []
    for name, text in files:
        names.append(name)
        path = site / name
        data = text.encode("utf-8")
        try:
            if path.read_bytes() == data:
                continue
        except OSError:
            pass
        write_atomic(path, data, force=True)
    return names
