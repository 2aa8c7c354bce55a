"""Show libxml2 a wide element's children a window at a time, so RELAX NG stays linear in its errors.

lxml records every RELAX NG error with the XPath of its node, and libxml2
works that path out by walking the node's siblings (``xmlGetNodePath``);
lxml gives no way to switch it off. So N errors among N siblings cost N²
steps: 48,000 invalid ``<hi>`` in one ``<p>`` took 35 s, 160,000 would take
minutes. An element with more than :data:`WIDE` children is therefore
validated in passes: in each, every wide element holds one window of its
children (:data:`WIDE`, more in a large document: :func:`window_for`), its
text and every other part of the document in place, until every window has
been seen; a window inside a window (a wide ``<p>`` in a wide ``<body>``) is
walked through before its parent moves on. The passes run on a copy of the
tree, and each error's path is put back as it is in the whole document.

Input: a parsed tree and a compiled :class:`lxml.etree.RelaxNG`. Output:
the verdict and the errors as :class:`Entry` records, whole-document paths.
Where children may come in any order (``(text | hi | …)*``, the mixed
content of ``<p>``; a run of ``<item>``) every window is valid exactly when
the whole is, and the errors are the whole document's. Where order matters,
libxml2 gives up on an element's content at its first child out of place, so
windows report the first of each window where the whole reports one; a
model whose first or last child is required could make a window invalid on
its own. That is why the caller says that windows were used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Protocol

from lxml import etree

WIDE = 1000
"""Children an element may have before it is validated in windows of (at least) this many.

A window bounds the sibling walk of each error: libxml2 took about 45 us an
error among 1,000 siblings, 230 us among 16,000 and 720 us among 48,000. Each
pass also revalidates the rest of the document (12 ms for the 63 KB seed
record), so a much smaller window makes many passes."""

PASS_BUDGET = 4
"""What the passes may cost over the rest of the document, in validations of the whole.

A large document with a wide element would otherwise be revalidated once per
window (a 100 MB record with a million short children: a thousand times);
its windows are widened instead, so that a valid document costs a few
validations, not thousands."""

_STEP_RE = re.compile(r"(?P<name>\*|[\w.-]+(?::[\w.-]+)?)(?:\[(?P<index>[1-9][0-9]*)\])?")


class LogEntry(Protocol):
    """What teikit reads of an lxml RELAX NG error (``etree._LogEntry``)."""

    @property
    def type_name(self) -> str: ...

    @property
    def message(self) -> str: ...

    @property
    def line(self) -> int: ...

    @property
    def path(self) -> str | None: ...


@dataclass(frozen=True)
class Entry:
    """One RELAX NG error, its path as it is in the whole document."""

    type_name: str
    message: str
    line: int
    path: str | None


def entries_of(log: Iterable[LogEntry]) -> list[Entry]:
    """lxml's error log as :class:`Entry` records (paths unchanged)."""
    return [Entry(entry.type_name, entry.message, entry.line, entry.path) for entry in log]


def wide_elements(root: etree._Element, limit: int = WIDE) -> list[etree._Element]:
    """Elements with more than ``limit`` children, in document order (one linear scan)."""
    return [element for element in root.iter(etree.Element) if len(element) > limit]


def window_for(root: etree._Element, wide: list[etree._Element], minimum: int = WIDE) -> int:
    """How many children each window shows: ``minimum``, or more to keep within :data:`PASS_BUDGET`.

    The passes are about ``most / window`` (the widest element's windows),
    each revalidating the ``rest`` of the document outside the windowed
    children; counted in elements, ``passes * rest <= PASS_BUDGET * total``.
    """
    chosen = set(wide)
    tops = [element for element in wide if not any(above in chosen for above in element.iterancestors())]
    inside = sum(sum(1 for _ in element.iter(etree.Element)) - 1 for element in tops)
    total = sum(1 for _ in root.iter(etree.Element))
    most = max((len(element) for element in wide), default=0)
    passes = max(1, PASS_BUDGET * total // max(1, total - inside))
    return max(minimum, -(-most // passes))


def _step_name(element: etree._Element) -> str:
    """The name libxml2 writes for ``element`` in a path: ``*`` for the default namespace."""
    qname = etree.QName(element)
    if qname.namespace is None:
        return str(qname.localname)
    return f"{element.prefix}:{qname.localname}" if element.prefix else "*"


@dataclass
class _Wide:
    """A wide element: all its children, the window it shows, and its steps in the whole document."""

    element: etree._Element
    children: list[etree._Element]
    size: int
    cursor: int = 0
    inner: list[list[_Wide]] = field(default_factory=list)
    """The wide elements nearest below it, by the window they are in."""
    _steps: dict[etree._Element, str] | None = None
    _positions: dict[etree._Element, int] | None = None
    _aside: etree._Element | None = None

    def position(self, child: etree._Element) -> int:
        """Where ``child`` is among all the children."""
        if self._positions is None:
            self._positions = {element: index for index, element in enumerate(self.children)}
        return self._positions[child]

    @property
    def windows(self) -> int:
        return -(-len(self.children) // self.size)

    def window(self, index: int) -> list[etree._Element]:
        return self.children[index * self.size : (index + 1) * self.size]

    def show(self, index: int) -> None:
        """Hold window ``index`` (its children's tails come along; the element's own text stays)."""
        self._put_aside()
        self.element.extend(self.window(index))
        self.cursor = index

    def restore(self) -> None:
        """Put every child back, so that freeing the copy is linear.

        lxml frees a child outside the tree only after searching the rest of
        its detached parent for other live children: thousands of children
        left aside made freeing them quadratic (100 us a child at 64,000).
        """
        self._put_aside()
        self.element.extend(self.children)

    def _put_aside(self) -> None:
        """Move the children shown to an element outside the tree that declares the same namespaces.

        ``remove()`` would declare each child's namespaces on it again under new
        prefixes (``ns0:hi``); beside the same declarations they keep their own.
        """
        if self._aside is None:
            self._aside = self.element.makeelement("aside", nsmap=self.element.nsmap)
        self._aside.extend(list(self.element))

    def step(self, child: etree._Element) -> str:
        """``child``'s path step among all the children, as libxml2 would write it for the whole."""
        if self._steps is None:
            self._steps = {}
            named = [(child, _step_name(child)) for child in self.children if isinstance(child.tag, str)]
            totals: dict[str, int] = {}
            for _, name in named:
                totals[name] = totals.get(name, 0) + 1
            generic = len(named)
            seen: dict[str, int] = {}
            for index, (element, name) in enumerate(named, 1):
                seen[name] = seen.get(name, 0) + 1
                count, rank = (generic, index) if name == "*" else (totals[name], seen[name])
                self._steps[element] = f"{name}[{rank}]" if count > 1 else name
        return self._steps[child]

    def advance(self) -> bool:
        """Move to the next window once the wide elements inside this one are done; False when all are seen."""
        busy = [inner.advance() for inner in self.inner[self.cursor]]
        if any(busy):
            return True
        if self.cursor + 1 < self.windows:
            self.show(self.cursor + 1)
            return True
        return False


def _arrange(wide: list[etree._Element], size: int) -> tuple[list[_Wide], dict[etree._Element, _Wide]]:
    """Each wide element as a :class:`_Wide`, nested under the nearest wide ancestor's window."""
    by_element = {element: _Wide(element, list(element), size) for element in wide}
    tops: list[_Wide] = []
    for item in by_element.values():
        item.inner = [[] for _ in range(item.windows)]
    for item in by_element.values():
        child, parent = item.element, item.element.getparent()
        while parent is not None and parent not in by_element:
            child, parent = parent, parent.getparent()
        if parent is None:
            tops.append(item)
        else:
            outer = by_element[parent]
            outer.inner[outer.position(child) // size].append(item)
    return tops, by_element


class _Paths:
    """Turns a path in the windowed tree into the path of the same node in the whole document."""

    def __init__(self, root: etree._Element, wide: dict[etree._Element, _Wide]) -> None:
        self._root = root
        self._wide = wide
        self._children: dict[etree._Element, list[etree._Element]] = {}
        self._done: dict[str, tuple[etree._Element | None, str]] = {}

    def whole(self, path: str | None) -> str | None:
        if not path or not path.startswith("/"):
            return path
        return self._resolve(path)[1]

    def _resolve(self, path: str) -> tuple[etree._Element | None, str]:
        """The node at ``path`` in the windowed tree, and its path in the whole (parents' answers kept)."""
        found = self._done.get(path)
        if found is None:
            parent, _, step = path.rpartition("/")
            node, whole = self._resolve(parent) if parent else (None, "")
            match = _STEP_RE.fullmatch(step)
            child = self._child(node, match) if match and (node is not None or not parent) else None
            wide = self._wide.get(node) if node is not None and child is not None else None
            found = self._done[path] = (child, f"{whole}/{wide.step(child) if wide and child is not None else step}")
        return found

    def _child(self, node: etree._Element | None, match: re.Match[str]) -> etree._Element | None:
        name, index = match.group("name"), int(match.group("index") or 1)
        if node is None:
            return self._root if index == 1 and _step_name(self._root) == name else None
        children = self._children.get(node)
        if children is None:
            children = self._children[node] = [child for child in node if isinstance(child.tag, str)]
        if name == "*":
            return children[index - 1] if index <= len(children) else None
        same = (child for child in children if _step_name(child) == name)
        return next((child for rank, child in enumerate(same, 1) if rank == index), None)


def validate_windowed(
    relaxng: etree.RelaxNG, tree: etree._ElementTree, limit: int = WIDE, size: int = WIDE
) -> tuple[bool, list[Entry]]:
    """Validate ``tree`` with each element of more than ``limit`` children showing ``size`` at a time.

    The windows are cut from a copy: moving an element takes its ``xml:id``
    out of libxml2's table of ids, which ``id()`` in Schematron reads later.

    Returns:
        Whether every pass was valid, and the errors of all passes (each once),
        in the order they were found, with whole-document paths.
    """
    copy = deepcopy(tree)
    tops, by_element = _arrange(wide_elements(copy.getroot(), limit), size)
    valid = True
    found: dict[Entry, None] = {}
    try:
        for item in by_element.values():
            item.show(0)
        for _ in _passes(tops):
            if relaxng.validate(copy):
                continue
            valid = False
            paths = _Paths(copy.getroot(), by_element)
            for entry in relaxng.error_log:
                found.setdefault(Entry(entry.type_name, entry.message, entry.line, paths.whole(entry.path)))
    finally:
        for item in by_element.values():
            item.restore()
    return valid, list(found)


def _passes(tops: list[_Wide]) -> Iterator[None]:
    """One step per arrangement of windows, until every window of every wide element has been shown."""
    yield None
    while any([top.advance() for top in tops]):
        yield None
