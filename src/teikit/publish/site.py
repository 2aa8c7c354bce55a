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

Every link to a record is made by :func:`record_href` from its key, which the
key scheme (:mod:`teikit.publish.keys`) keeps URL-safe and never a scheme;
the link is percent-encoded all the same, so no entry can make it anything
but a relative link to a file of the site.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import quote

from teikit.publish.catalog import CatalogEntry

_CSS = """
:root { --ink: #1b1b1b; --muted: #4d4d4d; --rule: #d0d0d0; --accent: #7a2e0e; --link: #0b4f8a; }
html { color: var(--ink); background: #fff; font: 1rem/1.5 Georgia, "Times New Roman", serif; }
body { margin: 0 auto; max-width: 80rem; padding: 0 1rem 3rem; }
a { color: var(--link); }
a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid #f3b500; outline-offset: 2px; }
h1 { font-size: 1.6rem; margin: 1.2rem 0 .4rem; }
nav { font-family: system-ui, sans-serif; margin-bottom: 1rem; }
nav a { margin-right: 1rem; }
.search { font-family: system-ui, sans-serif; margin: .8rem 0; }
.search input { font-size: 1rem; padding: .3rem .5rem; width: min(30rem, 100%); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--rule); }
th { font-family: system-ui, sans-serif; font-size: .9rem; }
th button { font: inherit; border: 0; background: none; padding: 0; cursor: pointer; color: var(--ink); }
th[aria-sort="ascending"] button::after { content: " ▲"; }
th[aria-sort="descending"] button::after { content: " ▼"; }
td.date { white-space: nowrap; }
td.summary { font-size: .92rem; color: var(--muted); }
.files a { display: inline-block; margin-right: .4rem; font-family: system-ui, sans-serif; font-size: .85rem; }
.persons li { margin-bottom: .4rem; }
.roles { color: var(--muted); font-size: .9rem; }
footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--rule); padding-top: .5rem; }
@media (max-width: 48rem) { td.summary, th.summary { display: none; } }
"""

_SCRIPT = """
(function () {
  "use strict";
  var table = document.getElementById("records");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var index = window.TEIKIT_INDEX || [];
  var byKey = Object.create(null);
  index.forEach(function (record) { byKey[record.key] = record.text; });
  var box = document.getElementById("search");
  var status = document.getElementById("search-status");
  function normalise(text) {
    return text.normalize("NFKD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase();
  }
  function filter() {
    var words = normalise(box.value).split(/\\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var haystack = byKey[row.dataset.key] || normalise(row.textContent);
      var hit = words.every(function (word) { return haystack.indexOf(word) !== -1; });
      row.hidden = !hit;
      if (hit) { shown += 1; }
    });
    status.textContent = words.length ? shown + " of " + rows.length + " records" : "";
  }
  if (box) {
    box.disabled = false;
    box.addEventListener("input", filter);
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) { box.value = query; filter(); }
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell, column) {
    var button = cell.querySelector("button");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var ascending = cell.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
      cell.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = a.cells[column].dataset.sort || a.cells[column].textContent;
        var y = b.cells[column].dataset.sort || b.cells[column].textContent;
        return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
"""


_COMBINING_RE = re.compile(r"[\u0300-\u036f]")
SITE_FILES = ("index.html", "persons.html", "search-index.json", "search-index.js")


def record_href(key: str, suffix: str, fragment: str = "") -> str:
    """The escaped relative link to a record's file (``KEY.html``, ``tei/KEY.xml``), or to a place in it."""
    href = quote(key, safe="-._~") + suffix
    if suffix == ".xml":
        href = "tei/" + href
    if fragment:
        href += "#" + quote(fragment, safe="-._~")
    return escape(href)


def search_text(entry: CatalogEntry) -> str:
    """The words of an entry the search looks in, accents removed and lower-cased."""
    parts = [entry.title, entry.date, entry.date_text, entry.reference, entry.summary, " ".join(entry.languages)]
    parts += [name for person in entry.persons for name in person.names]
    parts += entry.names + entry.keywords
    text = _COMBINING_RE.sub("", unicodedata.normalize("NFKD", " ".join(parts)))
    return " ".join(text.lower().split())


def _page(title: str, body: str, *, script: str = "", head: str = "") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="teikit">\n<title>{escape(title)}</title>\n<style>{_CSS}</style>\n{head}</head>\n'
        f"<body>\n{body}\n"
        '<footer role="contentinfo"><p>Edition built by teikit from TEI P5 records.</p></footer>\n'
        f"{script}</body>\n</html>\n"
    )


def _nav(current: str) -> str:
    links = [("index.html", "Records"), ("persons.html", "Persons")]
    current_mark = ' aria-current="page"'
    items = "".join(f'<a href="{href}"{current_mark if href == current else ""}>{label}</a>' for href, label in links)
    return f'<nav aria-label="Edition">{items}</nav>'


def _sort_key(entry: CatalogEntry) -> tuple[str, str]:
    return (entry.date or "9999", entry.title.lower())


def index_page(entries: list[CatalogEntry], title: str) -> str:
    """``index.html``: the table of records (see the module doc)."""
    rows = []
    for entry in sorted(entries, key=_sort_key):
        key = escape(entry.key)
        languages = ", ".join(entry.languages)
        rows.append(
            f'<tr data-key="{key}">'
            f'<td class="date" data-sort="{escape(entry.date)}">{escape(entry.date_text or entry.date)}</td>'
            f'<td class="title"><a href="{record_href(entry.key, ".html")}">{escape(entry.title)}</a></td>'
            f'<td class="reference">{escape(entry.reference)}</td>'
            f'<td class="languages">{escape(languages)}</td>'
            f'<td class="summary">{escape(entry.summary)}</td>'
            f'<td class="files"><a href="{record_href(entry.key, ".html")}">HTML</a>'
            f'<a href="{record_href(entry.key, ".txt")}">text</a><a href="{record_href(entry.key, ".xml")}">TEI</a></td>'
            "</tr>"
        )
    body = (
        f'<header role="banner"><h1>{escape(title)}</h1>{_nav("index.html")}</header>\n<main>\n'
        '<div class="search" role="search"><label for="search">Search the records </label>'
        '<input type="search" id="search" placeholder="title, summary, person, place…" disabled>'
        ' <span id="search-status" aria-live="polite"></span></div>\n'
        f'<table id="records"><caption>{len(entries)} record{"s" if len(entries) != 1 else ""}, by date</caption>\n<thead><tr>'
        '<th scope="col" aria-sort="ascending"><button type="button">Date</button></th>'
        '<th scope="col"><button type="button">Title</button></th>'
        '<th scope="col"><button type="button">Archival reference</button></th>'
        '<th scope="col"><button type="button">Languages</button></th>'
        '<th scope="col" class="summary">Summary</th><th scope="col">Files</th>'
        "</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody></table>\n</main>"
    )
    script = f'<script src="search-index.js"></script>\n<script>{_SCRIPT}</script>\n'
    return _page(title, body, script=script)


def _person_key(names: list[str]) -> str:
    return re.sub(r"\W+", " ", (names[0] if names else "").lower()).strip()


@dataclass
class _Participant:
    """A person across the collection: every name form, every role, every record."""

    names: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    records: list[tuple[CatalogEntry, str]] = field(default_factory=list)


def persons_page(entries: list[CatalogEntry], title: str) -> str:
    """``persons.html``: participants across the collection, merged by name."""
    people: dict[str, _Participant] = {}
    for entry in sorted(entries, key=_sort_key):
        for person in entry.persons:
            key = _person_key(person.names)
            if not key:
                continue
            participant = people.setdefault(key, _Participant())
            participant.names.extend(name for name in person.names if name not in participant.names)
            participant.roles.extend(role for role in person.roles if role not in participant.roles)
            participant.records.append((entry, person.ident))
    items = []
    for key in sorted(people):
        participant = people[key]
        links = ", ".join(
            f'<a href="{record_href(entry.key, ".html", ident)}">{escape(entry.date_text or entry.date or entry.key)}</a>'
            for entry, ident in participant.records
        )
        roles = ", ".join(participant.roles)
        items.append(
            f"<li><strong>{escape(participant.names[0])}</strong>"
            + "".join(f" · {escape(name)}" for name in participant.names[1:])
            + (f' <span class="roles">{escape(roles)}</span>' if roles else "")
            + f"<br>{links}</li>"
        )
    body = (
        f'<header role="banner"><h1>Persons — {escape(title)}</h1>{_nav("persons.html")}</header>\n<main>\n'
        '<ul class="persons">\n' + "\n".join(items) + "\n</ul>\n</main>"
    )
    return _page(f"Persons — {title}", body)


def search_index(entries: list[CatalogEntry]) -> list[dict[str, str]]:
    """The search index: for each record its key, title, date and the words to search."""
    return [
        {"key": entry.key, "title": entry.title, "date": entry.date, "text": search_text(entry)}
        for entry in sorted(entries, key=_sort_key)
    ]


def site_files(entries: list[CatalogEntry], title: str) -> dict[str, str]:
    """Every collection-level file of the site, by name, as text."""
    index = search_index(entries)
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    return {
        "index.html": index_page(entries, title),
        "persons.html": persons_page(entries, title),
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
