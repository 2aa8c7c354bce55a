"""Page numbers from a record's leaves, and a warning where its page breaks do not fit them.

A record that gives its leaves (``msItem/locus from="5" to="9"``, written by
``convert`` from the archive's "listy (ll.) 5-9") but no ``pb/@n`` has its
page breaks numbered by the pages (``tk:leaf-number`` in xslt/common.xsl, the
same rule as :func:`leaf_numbers`): the text begins on leaf 5, and its page
breaks fit the range one page a leaf (6, 7, 8, 9) or both sides of each leaf
(5v, 6, 6v, ...). A text whose count fits neither is left unnumbered, and the
build says so here, so a wrong number is never printed silently.
"""

from __future__ import annotations

from lxml import etree

from teikit.check.locate import SourceLocator
from teikit.core.errors import Diagnostic, Location
from teikit.core.xmlsafe import ParsedDocument

_TEI = "{http://www.tei-c.org/ns/1.0}"
_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def leaf_range(root: etree._Element) -> tuple[etree._Element, int, int] | None:
    """The record's locus and its first and last leaf, when it gives whole numbers."""
    for locus in root.iterfind(f"{_TEI}teiHeader//{_TEI}msItem/{_TEI}locus"):
        first = (locus.get("from") or "").strip()
        if first.isdigit():
            last = (locus.get("to") or "").strip()
            return locus, int(first), int(last) if last.isdigit() else int(first)
    return None


def leaf_numbers(first: int, last: int, breaks: int) -> list[str] | None:
    """The numbers of ``breaks`` page breaks of a text on leaves ``first``–``last``; None if they do not fit."""
    leaves, pages = last - first + 1, breaks + 1
    if leaves < 1 or not breaks:
        return None
    if pages == leaves:
        return [str(first + i) for i in range(1, pages)]
    if pages in (2 * leaves - 1, 2 * leaves):
        return [f"{first + i // 2}{'v' if i % 2 else ''}" for i in range(1, pages)]
    return None


def _inner(text: etree._Element) -> bool:
    return any(True for _ in text.iterfind(f".//{_TEI}text"))


def check_leaves(document: ParsedDocument) -> list[Diagnostic]:
    """A warning for each text whose unnumbered page breaks do not fit the record's leaves."""
    root = document.tree.getroot()
    found = leaf_range(root)
    if found is None:
        return []
    locus, first, last = found
    problems = []
    for text in root.iter(f"{_TEI}text"):
        if _inner(text):
            continue
        breaks = list(text.iter(f"{_TEI}pb"))
        if not breaks or any((pb.get("n") or "").strip() for pb in breaks):
            continue
        if leaf_numbers(first, last, len(breaks)) is None:
            line, col = SourceLocator(document.data, root).element(locus)
            language = text.get(_LANG) or next((a.get(_LANG) for a in text.iterancestors() if a.get(_LANG)), "")
            which = f"the {text.get('type') or 'text'}" + (f" ({language})" if language else "")
            leaves = last - first + 1
            problems.append(
                Diagnostic(
                    "warning",
                    f"{which} has {len(breaks)} page breaks, so {len(breaks) + 1} pages, but the record's leaves "
                    f"{first}-{last} make {leaves} pages (one a leaf) or {2 * leaves - 1}-{2 * leaves} (both sides); "
                    "its page breaks are left unnumbered: give each pb its n",
                    "leaves-do-not-fit",
                    Location(document.path, line, col),
                )
            )
    return problems
