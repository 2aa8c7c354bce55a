"""How to cite a record: a suggested citation, meta tags reference managers read, CSL-JSON, BibTeX.

Input: a record's catalog entry, its key and the site's stable address
(``base_url`` in teikit.toml). Output: the citation data the record page
shows (:func:`page_citation`, handed to ``html.xsl`` as JSON), and the files
``KEY.csl.json`` and ``KEY.bib`` beside the page. One place decides what a
citation says, so the page, the meta tags and the downloads agree.

The meta tags are Highwire Press's (``citation_*``, which Zotero and Google
Scholar read) and Dublin Core's (``DC.*``). A record is an archival
manuscript: CSL type ``manuscript``, BibTeX ``@misc`` with the archival
reference as a note.
"""

from __future__ import annotations

import json
import re
from typing import Any

from teikit.publish.catalog import CatalogEntry

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def record_url(base_url: str, key: str) -> str:
    """The stable address of a record's page ("" while the site's address is not known)."""
    return f"{base_url.rstrip('/')}/{key}.html" if base_url.strip() else ""


def _date_parts(date: str) -> list[int]:
    match = _DATE_RE.match(date)
    return [int(part) for part in match.groups() if part] if match else []


def suggested(entry: CatalogEntry, url: str) -> str:
    """“Title,” date. Archival reference. URL."""
    parts = [f"“{entry.title},”", f"{entry.date_text or entry.date}." if entry.date_text or entry.date else ""]
    if entry.reference:
        parts.append(f"{entry.reference}.")
    if url:
        parts.append(url)
    return " ".join(part for part in parts if part)


def meta_tags(entry: CatalogEntry, url: str) -> list[tuple[str, str]]:
    """Highwire and Dublin Core ``<meta name content>`` pairs of a record page."""
    date = "/".join(f"{part:02d}" for part in _date_parts(entry.date))
    tags = [("citation_title", entry.title)]
    if date:
        tags.append(("citation_date", date))
        tags.append(("citation_publication_date", date))
    tags += [("citation_language", language) for language in entry.languages]
    if entry.reference:
        tags.append(("citation_archive_location", entry.reference))
    if url:
        tags.append(("citation_public_url", url))
    tags += [("DC.title", entry.title), ("DC.type", "Text")]
    if entry.date:
        tags.append(("DC.date", entry.date))
    tags += [("DC.language", language) for language in entry.languages]
    if entry.reference:
        tags.append(("DC.source", entry.reference))
    if entry.summary:
        tags.append(("DC.description", entry.summary))
    if url:
        tags.append(("DC.identifier", url))
    return [(name, value) for name, value in tags if value]


def csl_item(entry: CatalogEntry, url: str) -> dict[str, Any]:
    """The record as one CSL-JSON item."""
    item: dict[str, Any] = {"id": entry.key, "type": "manuscript", "title": entry.title}
    parts = _date_parts(entry.date)
    if parts:
        item["issued"] = {"date-parts": [parts]}
    if entry.reference:
        item["archive_location"] = entry.reference
    if entry.languages:
        item["language"] = entry.languages[0]
    if entry.summary:
        item["abstract"] = entry.summary
    if url:
        item["URL"] = url
    return item


def csl_json(entry: CatalogEntry, url: str) -> str:
    """``KEY.csl.json``: a CSL-JSON array of the one record."""
    return json.dumps([csl_item(entry, url)], ensure_ascii=False, indent=2) + "\n"


def _bib(text: str) -> str:
    """A BibTeX field value: braces balanced away, TeX's special characters escaped."""
    text = text.replace("\\", "\\textbackslash{}").replace("{", "\\{").replace("}", "\\}")
    return re.sub(r"([&%$#_])", r"\\\1", text).replace("~", "\\textasciitilde{}").replace("^", "\\^{}")


def bibtex(entry: CatalogEntry, url: str) -> str:
    """``KEY.bib``: the record as a BibTeX ``@misc`` entry (UTF-8, for biber or bibtex8)."""
    fields = [("title", f"{{{_bib(entry.title)}}}")]
    parts = _date_parts(entry.date)
    if parts:
        fields.append(("year", str(parts[0])))
        if len(parts) > 1:
            fields.append(("month", str(parts[1])))
    if entry.date:
        fields.append(("date", entry.date))
    if entry.reference:
        fields.append(("note", _bib(entry.reference)))
    if entry.languages:
        fields.append(("language", _bib(entry.languages[0])))
    if url:
        fields.append(("url", url))
    key = re.sub(r"[^A-Za-z0-9_:-]", "-", entry.key)
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}\n"


def page_citation(entry: CatalogEntry, url: str) -> str:
    """What the record page shows and puts in its head, as JSON for ``html.xsl`` (``citation`` parameter)."""
    return json.dumps(
        {"text": suggested(entry, url), "url": url, "meta": [list(tag) for tag in meta_tags(entry, url)]},
        ensure_ascii=False,
    )
