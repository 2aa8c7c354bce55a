"""What a RELAX NG grammar allows, read from the grammar itself.

For each element: its attributes, whether each is required, its closed list
of values if it has one, and the kind of data it takes. ``teikit validate``
uses this to turn libxml2's terse "Invalid attribute type for element note"
into a message that lists the allowed values; a test uses it to keep
``teikit.rng`` in step with ``teikit.odd``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

RNG = "{http://relaxng.org/ns/structure/1.0}"
_HINTS = {
    "date": "a date: YYYY-MM-DD, YYYY-MM or YYYY",
    "gYear": "a year, YYYY",
    "gYearMonth": "YYYY-MM",
    "ID": "an XML name, unique in the document",
    "NCName": "an XML name (letters, digits, '-', '_', '.'; not starting with a digit)",
    "language": "a language code such as en, ru or zh-Hant",
    "anyURI": "a pointer such as #id or a URL",
    "nonNegativeInteger": "a whole number",
    "double": "a number",
    "Name": "an XML name",
}


@dataclass
class AttributeInfo:
    """One attribute an element may carry."""

    name: str
    required: bool
    values: tuple[str, ...] = ()
    datatype: str = ""
    source: str = ""

    @property
    def hint(self) -> str:
        if self.values:
            return "one of: " + ", ".join(self.values)
        return _HINTS.get(self.datatype, self.datatype)


@dataclass
class GrammarInfo:
    """Elements of a grammar and the attributes of each."""

    attributes: dict[str, dict[str, AttributeInfo]] = field(default_factory=dict)
    defines: dict[str, etree._Element] = field(default_factory=dict)
    start: tuple[str, ...] = ()

    @property
    def elements(self) -> set[str]:
        return set(self.attributes)

    def closed_lists(self, *, classes: tuple[str, ...] = ()) -> dict[tuple[str, str], tuple[str, ...]]:
        """``(element, attribute) -> values`` for every closed value list.

        Lists an element inherits from one of ``classes`` (defines such as
        ``att.global``) are left out: they belong to the class, not the element.
        """
        return {
            (element, name): info.values
            for element, attributes in self.attributes.items()
            for name, info in attributes.items()
            if info.values and info.source not in classes
        }

    def undeclared(self, element: etree._Element) -> list[str]:
        """The attributes of ``element`` (Clark names) that the grammar declares nowhere on an element of
        its name: those of another vocabulary (FRUS's ``frus:doc-dateTime-min``) and unknown plain ones.
        libxml2 names only the first such attribute of an element; jing names each."""
        declared = self.attributes.get(etree.QName(element).localname, {})
        return [name for name in element.attrib if attribute_name(element, name) not in declared]

    def class_lists(self, define: str) -> dict[str, tuple[str, ...]]:
        """``attribute -> values`` of the closed lists declared in the define named ``define``."""
        found: dict[str, tuple[str, ...]] = {}
        node = self.defines.get(define)
        if node is None:
            return found
        for attribute, _required, _source in _attributes(
            node, self.defines, required=True, seen={define}, source=define
        ):
            values, _datatype = _values(attribute, self.defines)
            if values:
                found[attribute.get("name", "")] = values
        return found


def read_grammar(path: str | Path | etree._ElementTree) -> GrammarInfo:
    """Read element and attribute facts from a RELAX NG grammar in XML syntax (a file or a parsed tree)."""
    if isinstance(path, etree._ElementTree):
        tree = path
    else:
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    info = GrammarInfo(defines={define.get("name", ""): define for define in tree.iter(f"{RNG}define")})
    for element in tree.iter(f"{RNG}element"):
        name = element.get("name")
        if not name:
            continue
        attributes = info.attributes.setdefault(name, {})
        for attribute, required, source in _attributes(element, info.defines, required=True, seen=set(), source=""):
            attr_name = attribute.get("name", "")
            values, datatype = _values(attribute, info.defines)
            existing = attributes.get(attr_name)
            if existing is None or (values and not existing.values):
                attributes[attr_name] = AttributeInfo(attr_name, required, values, datatype, source)
    info.start = _start(tree, info.defines)
    return info


def attribute_name(element: etree._Element, clark: str) -> str:
    """An attribute's name as a grammar and a reader write it: ``xml:id``, ``frus:doc-dateTime-min``, ``type``."""
    name = etree.QName(clark)
    local = str(name.localname)
    if name.namespace is None:
        return local
    if name.namespace == "http://www.w3.org/XML/1998/namespace":
        return f"xml:{local}"
    prefix = next((key for key, uri in element.nsmap.items() if uri == name.namespace and key), None)
    return f"{prefix}:{local}" if prefix else clark


def _start(tree: etree._ElementTree, defines: dict[str, etree._Element]) -> tuple[str, ...]:
    """The names of the elements a document may start with (``TEI``, ``teiCorpus`` for tei_all)."""
    names: list[str] = []
    pending = [node for start in tree.iter(f"{RNG}start") for node in start]
    seen: set[str] = set()
    while pending:
        node = pending.pop(0)
        if not isinstance(node.tag, str):
            continue
        if node.tag == f"{RNG}element":
            if node.get("name"):
                names.append(node.get("name", ""))
        elif node.tag == f"{RNG}ref":
            name = node.get("name", "")
            if name in defines and name not in seen:
                seen.add(name)
                pending.extend(defines[name])
        else:
            pending.extend(node)
    return tuple(names)


def _attributes(  # type: ignore[no-untyped-def]
    node: etree._Element, defines: dict[str, etree._Element], *, required: bool, seen: set[str], source: str
):
    """Attribute patterns reachable from ``node`` without entering a child element.

    Yields ``(attribute, required, source)``, ``source`` naming the define
    (an attribute class) the attribute came through, ``""`` when declared
    on the element itself.
    """
    for child in node:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag == f"{RNG}attribute":
            yield child, required, source
        elif tag == f"{RNG}element":
            continue
        elif tag == f"{RNG}ref":
            name = child.get("name", "")
            if name in defines and name not in seen:
                yield from _attributes(
                    defines[name], defines, required=required, seen=seen | {name}, source=source or name
                )
        elif tag in (f"{RNG}optional", f"{RNG}zeroOrMore", f"{RNG}choice"):
            yield from _attributes(child, defines, required=False, seen=seen, source=source)
        else:
            yield from _attributes(child, defines, required=required, seen=seen, source=source)


def _values(attribute: etree._Element, defines: dict[str, etree._Element]) -> tuple[tuple[str, ...], str]:
    values: list[str] = []
    datatype = ""
    stack = list(attribute)
    seen: set[str] = set()
    while stack:
        node = stack.pop(0)
        if not isinstance(node.tag, str):
            continue
        if node.tag == f"{RNG}value":
            values.append(node.text or "")
        elif node.tag == f"{RNG}data":
            datatype = datatype or node.get("type", "")
        elif node.tag == f"{RNG}ref" and node.get("name") in defines and node.get("name") not in seen:
            seen.add(node.get("name", ""))
            stack.extend(defines[node.get("name", "")])
        elif node.tag != f"{RNG}attribute":
            stack.extend(node)
    return (tuple(values) if values and not datatype else ()), datatype
