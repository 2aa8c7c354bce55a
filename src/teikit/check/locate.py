"""Find the column of an element or attribute in the XML text it was parsed from.

lxml gives an element's line (``sourceline``) but no column, and libxml2's
RELAX NG errors carry column 0. An editor needs both. The column is
recovered from the source text: the element is the k-th start tag of its name
on its line (k counted among the elements parsed from that line), and an
attribute is found after its element's start.
"""

from __future__ import annotations

import re
from functools import cached_property

from lxml import etree


class SourceLocator:
    """Columns for elements of one parsed document (1-based, counted in characters)."""

    def __init__(self, data: bytes, root: etree._Element) -> None:
        self._data = data
        self._root = root

    @cached_property
    def _lines(self) -> list[str]:
        return self._data.decode("utf-8", errors="replace").split("\n")

    @cached_property
    def _by_line(self) -> dict[int, list[etree._Element]]:
        index: dict[int, list[etree._Element]] = {}
        for element in self._root.iter():
            if isinstance(element.tag, str) and element.sourceline:
                index.setdefault(element.sourceline, []).append(element)
        return index

    def element(self, element: etree._Element) -> tuple[int, int]:
        """Line and column of ``element``'s start tag (column 1 if it cannot be told)."""
        line = element.sourceline or 0
        if line <= 0 or line > len(self._lines):
            return max(line, 1), 1
        same = [other for other in self._by_line.get(line, []) if other.tag == element.tag]
        position = next((index for index, other in enumerate(same) if other is element), 0)
        name = etree.QName(element).localname
        prefix = f"{element.prefix}:" if element.prefix else ""
        pattern = re.compile(rf"<{re.escape(prefix + name)}(?=[\s/>]|$)")
        matches = list(pattern.finditer(self._lines[line - 1]))
        if position < len(matches):
            return line, matches[position].start() + 1
        return line, 1

    def attribute(self, element: etree._Element, name: str) -> tuple[int, int]:
        """Line and column of attribute ``name`` on ``element`` (the element's if not found)."""
        line, column = self.element(element)
        local = name.split("}", 1)[-1]
        qualified = f"xml:{local}" if name.startswith("{http://www.w3.org/XML/1998/namespace}") else local
        pattern = re.compile(rf"(?<![\w:.-]){re.escape(qualified)}\s*=")
        for offset, text in enumerate(self._lines[line - 1 : line + 20]):
            start = column - 1 if offset == 0 else 0
            match = pattern.search(text, start)
            if match:
                return line + offset, match.start() + 1
            if ">" in text[start:]:
                break
        return line, column

    def path(self, path: str) -> etree._Element | None:
        """The element an XPath from libxml2's error log (``/*/*[2]/*[1]``) points to."""
        try:
            found = self._root.getroottree().xpath(path)
        except etree.XPathError:
            return None
        return found[0] if found and isinstance(found[0], etree._Element) else None
