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
        self._child_cache: dict[etree._Element, list[etree._Element]] = {}
        self._tag_cache: dict[tuple[int, str, str], tuple[dict[etree._Element, int], list[int]]] = {}

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
        name = etree.QName(element).localname
        prefix = f"{element.prefix}:" if element.prefix else ""
        positions, starts = self._tags(line, element.tag, prefix + name)
        position = positions.get(element, 0)
        if position < len(starts):
            return line, starts[position] + 1
        return line, 1

    def _tags(self, line: int, tag: str, qualified: str) -> tuple[dict[etree._Element, int], list[int]]:
        """For one line and tag: each element's rank among them, and where the start tags are.

        Worked out once per line and tag, so that thousands of diagnostics on
        one long line cost one scan of it, not one each.
        """
        key = (line, tag, qualified)
        found = self._tag_cache.get(key)
        if found is None:
            same = [other for other in self._by_line.get(line, []) if other.tag == tag]
            pattern = re.compile(rf"<{re.escape(qualified)}(?=[\s/>]|$)")
            found = (
                {other: index for index, other in enumerate(same)},
                [match.start() for match in pattern.finditer(self._lines[line - 1])],
            )
            self._tag_cache[key] = found
        return found

    def attribute(self, element: etree._Element, name: str) -> tuple[int, int]:
        """Line and column of attribute ``name`` on ``element`` (the element's if not found)."""
        line, column = self.element(element)
        local = name.split("}", 1)[-1]
        qualified = f"xml:{local}" if name.startswith("{http://www.w3.org/XML/1998/namespace}") else local
        pattern = re.compile(rf"(?<![\w:.-]){re.escape(qualified)}\s*=")
        for offset, text in enumerate(self._lines[line - 1 : line + 20]):
            start = column - 1 if offset == 0 else 0
            close = text.find(">", start)  # the start tag ends there: look no further (a long line is not rescanned)
            match = pattern.search(text, start, len(text) if close < 0 else close)
            if match:
                return line + offset, match.start() + 1
            if close >= 0:
                break
        return line, column

    def path(self, path: str) -> etree._Element | None:
        """The element an XPath from libxml2's error log (``/*/*[2]/*[1]``) points to.

        Paths of that shape are walked step by step over each parent's element
        children, listed once: XPath's ``*[16000]`` counts the siblings again
        for every error, which made a long run of errors quadratic.
        """
        steps = path.split("/")
        if steps[0] == "" and all(_STEP_RE.fullmatch(step) for step in steps[1:]) and len(steps) > 1:
            node: etree._Element | None = None
            for step in steps[1:]:
                index = int(step[2:-1]) - 1 if len(step) > 1 else 0
                if node is None:
                    node = self._root if index == 0 else None
                else:
                    children = self._children(node)
                    node = children[index] if index < len(children) else None
                if node is None:
                    return None
            return node
        try:
            found = self._root.getroottree().xpath(path)
        except etree.XPathError:
            return None
        return found[0] if found and isinstance(found[0], etree._Element) else None

    def _children(self, element: etree._Element) -> list[etree._Element]:
        children = self._child_cache.get(element)
        if children is None:
            children = [child for child in element if isinstance(child.tag, str)]
            self._child_cache[element] = children
        return children


_STEP_RE = re.compile(r"\*(?:\[[1-9][0-9]*\])?")
