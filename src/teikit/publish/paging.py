"""Pages of the site's lists: every site-wide file stays bounded however large the edition grows.

Input: the items of one list (the records in index order, the entries of a
register) and what each costs (a record one row; a register entry one line
and one per mention). Output: :class:`Page`\\ s, each within a budget, with a
file name and a label a reader can navigate by.

* The index: one ``index.html`` while the records fit in :data:`PAGE_SIZE`;
  beyond, ``index.html`` lists the pages and the records go to one page per
  year (``records-1949.html``; a year over :data:`PAGE_SIZE` continues in
  ``records-1949-2.html``; records without a year in
  ``records-undated.html``). A page's name depends on its year only, so a
  link to 1949 still leads there when other years grow.
* A register: ``persons.html``, ``persons-2.html``… with at most
  :data:`REGISTER_BUDGET` lines (links) each, labelled by the initials they run
  from and to (``A–C``); an entry with more mentions than a page holds is
  continued on the next.
* The search fallback: shards of at most :data:`SHARD_BYTES`
  (``search-index-1.js``…), loaded by the page as a query needs them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

PAGE_SIZE = 500
"""Records on one index page."""
REGISTER_BUDGET = 2000
"""Lines on one register page: an entry is one, each record that mentions it one more, and each
place in that record it is mentioned at one more (a link each: about 150 bytes of a page)."""
SHARD_BYTES = 1_000_000
"""Bytes of one shard of the disk search fallback (a record bigger than that is a shard of its own)."""
UNDATED = "undated"

SITE_FILE_RE = re.compile(
    r"(index|persons|places|organisations)(-[1-9][0-9]*)?\.html"
    r"|records-([0-9]{4}|undated)(-[1-9][0-9]*)?\.html"
    r"|search-index-[1-9][0-9]*\.js(on)?"
    r"|registers-review\.txt"
)
"""Every name a site-wide file may have: only these are ever removed as a stale page."""
_YEAR_RE = re.compile(r"[0-9]{4}")

Item = TypeVar("Item")


@dataclass
class Page(Generic[Item]):
    """One file of a list: its name, its label (a year, initials; "" for the one page of a list),
    its part within the label (0 when the label has one page) and what it holds."""

    name: str
    label: str
    part: int = 0
    items: list[Item] = field(default_factory=list)


def chunks(items: list[Item], cost: Callable[[Item], int], budget: int) -> Iterator[list[Item]]:
    """``items`` in order, cut into runs that cost at most ``budget`` (an item over it alone)."""
    run: list[Item] = []
    spent = 0
    for item in items:
        price = cost(item)
        if run and spent + price > budget:
            yield run
            run, spent = [], 0
        run.append(item)
        spent += price
    if run:
        yield run


def year_of(date: str) -> str:
    """The year a record is listed under: the first four digits of its ISO date, else :data:`UNDATED`."""
    return date[:4] if _YEAR_RE.match(date) else UNDATED


def record_pages(items: list[Item], date: Callable[[Item], str], size: int = PAGE_SIZE) -> list[Page[Item]]:
    """The index's pages of records already in index order (see the module doc).

    One page ``index.html`` while they fit in ``size``; else pages by year.
    """
    if len(items) <= size:
        return [Page("index.html", "", 0, list(items))]
    by_year: dict[str, list[Item]] = {}
    for item in items:
        by_year.setdefault(year_of(date(item)), []).append(item)
    pages: list[Page[Item]] = []
    for year, members in by_year.items():
        runs = list(chunks(members, lambda _: 1, size))
        for part, run in enumerate(runs, start=1):
            suffix = f"-{part}" if part > 1 else ""
            pages.append(Page(f"records-{year}{suffix}.html", year, part if len(runs) > 1 else 0, run))
    return pages


def labelled_pages(
    stem: str, items: list[Item], cost: Callable[[Item], int], initial: Callable[[Item], str], budget: int
) -> list[Page[Item]]:
    """A register's pages: ``STEM.html``, ``STEM-2.html``…, labelled ``A–C`` (one page: no label)."""
    runs = list(chunks(items, cost, budget)) or [[]]
    if len(runs) == 1:
        return [Page(f"{stem}.html", "", 0, runs[0])]
    pages: list[Page[Item]] = []
    for number, run in enumerate(runs, start=1):
        first, last = initial(run[0]), initial(run[-1])
        label = first if first == last else f"{first}–{last}"
        pages.append(Page(f"{stem}-{number}.html" if number > 1 else f"{stem}.html", label, 0, run))
    for page in pages:  # pages that share a label are told apart by their part
        same = [other for other in pages if other.label == page.label]
        if len(same) > 1:
            page.part = same.index(page) + 1
    return pages


def shards(items: list[str], budget: int = SHARD_BYTES) -> list[list[str]]:
    """Serialised items grouped into shards of at most ``budget`` bytes (at least one shard)."""
    return list(chunks(items, lambda item: len(item.encode("utf-8")) + 1, budget)) or [[]]
