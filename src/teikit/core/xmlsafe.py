"""Parse XML that may come from anywhere, safely.

Every XML document teikit reads goes through :func:`parse_document`:

* no external entity or DTD is ever loaded, nothing is fetched from the
  network, and entities are never expanded; a document that declares
  entities or points to an external DTD is refused with a clear error
  (billion laughs and XXE end there);
* XInclude is never processed, and a document that uses it is refused;
* one set of limits for every command (:func:`check_limits`): a text node
  larger than 10 MB (libxml2's own limit), elements nested deeper than 100
  levels or with more than 200 attributes and namespace declarations (the
  limits of the XML parser inside Saxon, so a document validate accepts
  also renders); convert checks its output against the same limits; a file
  larger than :data:`MAX_BYTES` is refused before parsing;
* malformed XML, invalid UTF-8 or NUL bytes give the line and column.

A repeated ``xml:id`` is reported as the Schematron rule ``teikit-unique-id``
(libxml2 detects it while parsing) and the document is still checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from teikit.core.errors import Diagnostic, InputError, Location, XMLInputError
from teikit.core.sources import MAX_BYTES, is_url

MAX_TEXT_BYTES = 10_000_000
"""Largest text node (libxml2 refuses larger ones unless told to read huge trees)."""
MAX_DEPTH = 100
"""Deepest nesting of elements, the root being 1 (Saxon's parser: ``jdk.xml.maxElementDepth``)."""
MAX_ATTRIBUTES = 200
"""Most attributes plus namespace declarations on one element (``jdk.xml.elementAttributeLimit``)."""

XINCLUDE_NS = "http://www.w3.org/2001/XInclude"
XINCLUDE_NAMESPACES = (XINCLUDE_NS, "http://www.w3.org/2003/XInclude")
_LIBXML_NOISE_RE = re.compile(r",? line \d+, column \d+$")


def hardened_parser(*, recover: bool = False) -> etree.XMLParser:
    """An lxml parser that loads nothing from outside the document and expands no entity."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=recover,
        collect_ids=True,
    )


@dataclass
class ParsedDocument:
    """A safely parsed document, its text (for locating columns) and parse-time findings."""

    path: str
    tree: etree._ElementTree
    data: bytes
    diagnostics: list[Diagnostic] = field(default_factory=list)


def read_xml_bytes(path: str | Path) -> bytes:
    """Read a file (or an fsspec URL, see :mod:`teikit.core.remote`) for parsing.

    Raises:
        InputError: the file is missing, unreadable, a folder, or larger than :data:`MAX_BYTES`.
    """
    location = Location(str(path))
    try:
        if is_url(path):
            from teikit.core.remote import read_url

            data = read_url(str(path), MAX_BYTES + 1)
        else:
            with open(path, "rb") as stream:
                data = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError("no such file", location, "input-missing") from None
    except IsADirectoryError:
        raise InputError("is a folder, not an XML file", location, "input-folder") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", location, "input-unreadable") from exc
    if len(data) > MAX_BYTES:
        raise XMLInputError(
            f"larger than {MAX_BYTES // (1024 * 1024)} MiB; teikit does not read it", location, "xml-too-large"
        )
    return data


def parse_document(data: bytes, path: str) -> ParsedDocument:
    """Parse ``data`` with the hardened parser and refuse hostile constructs.

    Raises:
        XMLInputError: malformed XML, entity declarations, an external DTD, XInclude.
    """
    parser = hardened_parser()
    diagnostics: list[Diagnostic] = []
    try:
        tree = etree.ElementTree(etree.fromstring(data, parser))
    except etree.XMLSyntaxError as exc:
        entries = list(parser.error_log)
        if entries and all(entry.type_name == "DTD_ID_REDEFINED" for entry in entries):
            tree = etree.ElementTree(etree.fromstring(data, hardened_parser(recover=True)))
            diagnostics = [_duplicate_id(entry, path) for entry in entries]
        else:
            exc._teikit_source = data
            raise _syntax_error(exc, entries, path) from None
    _refuse_hostile(tree, path)
    check_limits(tree, path)
    diagnostics.extend(_stylesheet_instructions(tree, path))
    diagnostics.extend(_attribute_defaults(data, tree, path))
    return ParsedDocument(path, tree, data, diagnostics)


def parse_file(path: str | Path) -> ParsedDocument:
    """:func:`read_xml_bytes` then :func:`parse_document`."""
    return parse_document(read_xml_bytes(path), str(path))


def _duplicate_id(entry: etree._LogEntry, path: str) -> Diagnostic:
    ident = entry.message.split(" ")[1] if entry.message.startswith("ID ") else "?"
    return Diagnostic(
        "error",
        f'xml:id="{ident}" is used more than once; every xml:id must be unique',
        "teikit-unique-id",
        Location(path, entry.line, entry.column or 1),
    )


def _syntax_error(exc: etree.XMLSyntaxError, entries: list[etree._LogEntry], path: str) -> XMLInputError:
    errors = [entry for entry in entries if entry.level_name in ("ERROR", "FATAL")] or entries
    first = errors[0] if errors else None
    line, column = (first.line, first.column) if first is not None else (exc.position or (0, 0))
    message = _LIBXML_NOISE_RE.sub("", first.message if first is not None else str(exc)).strip()
    if first is not None and first.type_name == "ERR_TAG_NAME_MISMATCH":
        column = _tag_start(exc, line, column)
    hint = _hint(first.type_name if first is not None else "", message)
    if "entity" in message.lower() or "ENTITY" in (first.type_name if first is not None else ""):
        return XMLInputError(
            f"entities are refused: {message} (teikit never expands entities; write the characters themselves)",
            Location(path, line or 1, max(column, 1)),
            "xml-entity",
        )
    return XMLInputError(f"malformed XML: {message}{hint}", Location(path, line or 1, max(column, 1)), "xml-malformed")


def _tag_start(exc: etree.XMLSyntaxError, line: int, column: int) -> int:
    """libxml2 puts a mismatched end tag's column after its name; point at its ``<``."""
    text = getattr(exc, "_teikit_source", None)
    if text is None:
        return column
    lines = text.split(b"\n")
    if 0 < line <= len(lines):
        start = lines[line - 1].rfind(b"<", 0, max(column - 1, 0))
        if start >= 0:
            return len(lines[line - 1][:start].decode("utf-8", "replace")) + 1
    return column


def _hint(type_name: str, message: str) -> str:
    if "ENTITY" in type_name or "Entity" in message:
        return " (teikit never expands entities; write the characters themselves)"
    if "ENCODING" in type_name or "encoding" in message.lower() or "Char 0x0" in message:
        return " (save the file as UTF-8 without NUL or control characters)"
    if "Excessive depth" in message or "huge" in message.lower():
        return " (the document exceeds teikit's safety limits)"
    return ""


def _stylesheet_instructions(tree: etree._ElementTree, path: str) -> list[Diagnostic]:
    """An ``<?xml-stylesheet?>`` is never applied (teikit renders with its own stylesheets): say so."""
    found = []
    node = tree.getroot().getprevious()
    while node is not None:
        if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-stylesheet":
            found.append(
                Diagnostic(
                    "warning",
                    "the xml-stylesheet instruction is ignored: teikit renders with its own stylesheets and never loads this one",
                    "xml-stylesheet",
                    Location(path, node.sourceline or 1, 1),
                )
            )
        node = node.getprevious()
    return found[::-1]


_PROLOG_TOKEN_RE = re.compile(rb"\s+|<!--.*?-->|<\?(?P<target>[^\s?]+).*?\?>|<!DOCTYPE(?:[^\[>]|\[.*?\])*>", re.DOTALL)


def without_stylesheet_instructions(document: ParsedDocument) -> bytes:
    """The document's bytes without ``<?xml-stylesheet?>`` instructions, all else byte for byte.

    A published TEI copy must not make a browser fetch a stylesheet from
    elsewhere (or an XSLT one that blanks the page): teikit never applied it.
    """
    if not any(diagnostic.code == "xml-stylesheet" for diagnostic in document.diagnostics):
        return document.data
    data, kept, position = document.data, [], 0
    while True:
        match = _PROLOG_TOKEN_RE.match(data, position)
        if match is None:
            break
        if match.group("target") != b"xml-stylesheet":
            kept.append(match.group())
        position = match.end()
    cleaned = b"".join(kept) + data[position:]
    if _stylesheet_instructions(etree.ElementTree(etree.fromstring(cleaned, hardened_parser(recover=True))), ""):
        # Not ASCII-compatible (UTF-16): the root alone, re-encoded, is the safe copy.
        root_only: bytes = etree.tostring(document.tree.getroot(), xml_declaration=True, encoding="UTF-8")
        return root_only
    return cleaned


_ATTLIST_DEFAULT_RE = re.compile(rb"<!ATTLIST\s+([^\s>]+)\s+([^\s>]+)[^>]*?([\"'])[^\"'>]*\3\s*>")


def _attribute_defaults(data: bytes, tree: etree._ElementTree, path: str) -> list[Diagnostic]:
    """An ATTLIST default in the DOCTYPE: say so, since tools that skip the DOCTYPE never see it."""
    if tree.docinfo.internalDTD is None:
        return []
    found = [
        f"{element.decode(errors='replace')}/@{attribute.decode(errors='replace')}"
        for element, attribute, _ in _ATTLIST_DEFAULT_RE.findall(data)
    ]
    if not found:
        return []
    return [
        Diagnostic(
            "warning",
            f"the DOCTYPE gives attribute defaults ({', '.join(found[:5])}{', …' if len(found) > 5 else ''}); "
            "TEI tools differ on whether such defaults apply (no external DTD is read): "
            "write those attributes in the document",
            "xml-dtd-defaults",
            Location(path, 1, 1),
        )
    ]


def check_limits(tree: etree._ElementTree, path: str) -> None:
    """Refuse a tree beyond the limits every command shares (see the module doc).

    Raises:
        XMLInputError: an element nested too deep, one with too many attributes, or a text too large.
    """
    if not _may_pass_limits(tree):
        return
    # Only a document the screen above let through is walked: the declarations of an element are counted
    # (against its parent's namespaces) only when its attributes and namespaces in scope could pass the limit.
    depth = 0
    for event, element in etree.iterwalk(tree, events=("start", "end")):
        if event == "end":
            depth -= 1
            continue
        depth += 1
        if depth > MAX_DEPTH:
            raise XMLInputError(
                f"elements nested more than {MAX_DEPTH} deep; teikit's limit (that of the XML parser "
                "inside Saxon) is there so every command can read what another accepts",
                Location(path, element.sourceline or 1, 1),
                "xml-too-deep",
            )
        attributes = len(element.attrib)
        if attributes + len(element.nsmap) > MAX_ATTRIBUTES and attributes + _declared(element) > MAX_ATTRIBUTES:
            raise XMLInputError(
                f"more than {MAX_ATTRIBUTES} attributes and namespace declarations on one element "
                "(the limit of the XML parser inside Saxon)",
                Location(path, element.sourceline or 1, 1),
                "xml-too-many-attributes",
            )
        for text in (element.text, element.tail):
            if text and len(text) * 4 > MAX_TEXT_BYTES and len(text.encode("utf-8")) > MAX_TEXT_BYTES:
                raise XMLInputError(
                    f"a text of more than {MAX_TEXT_BYTES // 1_000_000} MB in one piece; split it",
                    Location(path, element.sourceline or 1, 1),
                    "xml-text-too-large",
                )


# One XPath that is true for every document beyond a limit of check_limits (and for a few within them,
# which the exact walk then clears): a node below MAX_DEPTH elements; more characters of text in the whole
# document than one text may have; an element with more than half the attributes allowed, or with more than
# half in namespaces in scope (attributes and namespaces over the limit means one of them over half of it).
# libxml2 answers it in C for a tenth of what the walk costs in Python on every record.
_may_pass_limits = etree.XPath(
    f"boolean(/{'*/' * MAX_DEPTH}node())"
    f" or string-length(/) > {MAX_TEXT_BYTES // 4}"
    f" or boolean(/descendant::*/@*[{MAX_ATTRIBUTES // 2 + 1}])"
    f" or boolean(/descendant::*/namespace::*[{MAX_ATTRIBUTES // 2 + 1}])"
)


def _declared(element: etree._Element) -> int:
    """How many namespaces ``element`` declares (binds differently from its parent)."""
    parent = element.getparent()
    inherited: dict[str | None, str] = dict(parent.nsmap) if parent is not None else {}
    return sum(1 for prefix, uri in element.nsmap.items() if inherited.get(prefix) != uri)


def _refuse_hostile(tree: etree._ElementTree, path: str) -> None:
    docinfo = tree.docinfo
    internal = docinfo.internalDTD
    if internal is not None and any(True for _ in internal.iterentities()):
        raise XMLInputError(
            "the document declares entities in its DOCTYPE; teikit never expands entities "
            "(external ones can leak files, nested ones exhaust memory): remove the declarations",
            Location(path, 1, 1),
            "xml-entity",
        )
    if docinfo.system_url or docinfo.public_id:
        raise XMLInputError(
            f"the DOCTYPE refers to an external DTD ({docinfo.system_url or docinfo.public_id}); "
            "teikit never loads it: remove the DOCTYPE",
            Location(path, 1, 1),
            "xml-dtd",
        )
    for element in (found for namespace in XINCLUDE_NAMESPACES for found in tree.iter(f"{{{namespace}}}*")):
        raise XMLInputError(
            "XInclude is not processed by teikit (it could read other files): put the included content in the document",
            Location(path, element.sourceline or 1, 1),
            "xml-xinclude",
        )
