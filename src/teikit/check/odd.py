"""Compile an ODD customisation into RELAX NG and ISO Schematron with the TEI's own processor.

Input: an ODD (``teikit.odd``, or an edition's customisation of it), the TEI
Stylesheets (their ``odds/`` folder: ``odd2odd.xsl``, ``odd2relax.xsl``,
``extract-isosch.xsl``) and a local ``p5subset.xml``. Output: ``NAME.rng``
and ``NAME.sch`` (``NAME`` is the ``schemaSpec``'s ``@ident``), each opening
with a comment that names its source and says it is generated.

The ODD's ``schemaSpec/@source`` (``tei:4.12.0``) would make ``odd2odd.xsl``
fetch that release over the network; it is dropped from a temporary copy and
the local ``p5subset.xml`` given instead, so nothing is fetched. The output
is made reproducible: the stylesheets' time stamps are removed, and the
grammar is simplified (:mod:`teikit.check.rngsimplify`) so libxml2 and jing
read it alike. Of the Schematron extracted, only the patterns whose ``@id``
starts with ``teikit-`` are kept: TEI's own constraints need XPath 2 and
belong to elements and attributes teikit does not write; teikit's rules are
XPath 1.0 (``queryBinding="xslt"``) so that teikit's evaluator, and any
XPath 2+ processor, runs them.

The TEI Stylesheets and ``p5subset.xml`` are not part of teikit: they are
options, needed only by whoever changes the ODD.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from teikit.check.rnginfo import read_grammar
from teikit.check.rngsimplify import RNG_NS, simplify_grammar
from teikit.core.errors import ConfigError, InputError, Location
from teikit.core.serialize import write_atomic

TEI_NS = "http://www.tei-c.org/ns/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
OWN_PATTERN_PREFIX = "teikit-"
_A_NS = "http://relaxng.org/ns/compatibility/annotations/1.0"
_STAMP_RE = re.compile(r"\s*(Schema generated from ODD source|This file generated) \S+")


@dataclass(frozen=True)
class CompiledSchema:
    """The generated files, as bytes, and the names they are written under."""

    name: str
    rng: bytes
    sch: bytes

    def write(self, out_dir: Path) -> list[Path]:
        """Write ``NAME.rng`` and ``NAME.sch`` into ``out_dir`` (atomically, replacing older ones)."""
        out_dir.mkdir(parents=True, exist_ok=True)
        written = []
        for suffix, data in ((".rng", self.rng), (".sch", self.sch)):
            target = out_dir / f"{self.name}{suffix}"
            write_atomic(target, data, force=True)
            written.append(target)
        return written


def compile_odd(odd: Path, stylesheets: Path, p5subset: Path) -> CompiledSchema:
    """Run ``odd2odd``, ``odd2relax`` and ``extract-isosch`` on ``odd``.

    Args:
        odd: the ODD customisation.
        stylesheets: the TEI Stylesheets folder (holding ``odds/``).
        p5subset: a local ``p5subset.xml``, the TEI source the ODD customises.

    Raises:
        InputError: the ODD cannot be read or has no ``schemaSpec``.
        ConfigError: the stylesheets or ``p5subset.xml`` are missing, or a stylesheet fails.
    """
    odds = stylesheets / "odds"
    for needed in (odds / "odd2odd.xsl", odds / "odd2relax.xsl", odds / "extract-isosch.xsl"):
        if not needed.is_file():
            raise ConfigError(
                "the TEI Stylesheets' ODD processor is not here; pass --stylesheets DIR (the folder holding odds/)",
                Location(str(needed)),
                "odd-stylesheets",
            )
    if not p5subset.is_file():
        raise ConfigError("p5subset.xml is not here; pass --p5 FILE", Location(str(p5subset)), "odd-p5subset")
    tree = _read_odd(odd)
    spec = tree.find(f".//{{{TEI_NS}}}schemaSpec")
    if spec is None:
        raise InputError("the ODD has no schemaSpec", Location(str(odd)), "odd-no-schemaspec")
    name = spec.get("ident") or odd.stem
    if "source" in spec.attrib:
        del spec.attrib["source"]
    with tempfile.TemporaryDirectory(prefix="teikit-odd-") as work:
        local = Path(work) / odd.name
        tree.write(str(local), xml_declaration=True, encoding="UTF-8")
        rng_text, sch_text = _run_stylesheets(local, odds, p5subset, Path(work))
    source = odd.name
    compiled = CompiledSchema(name, _finish_rng(rng_text, source), _finish_sch(sch_text, source))
    grammar = etree.ElementTree(etree.fromstring(compiled.rng))
    _check_closed_lists(tree, grammar, odd)
    _check_reachable(grammar, odd)
    return compiled


def unreachable_elements(grammar: etree._ElementTree) -> list[str]:
    """Elements the grammar defines but no pattern reachable from ``start`` lets appear."""
    defines: dict[str, list[etree._Element]] = {}
    for define in grammar.iter(f"{{{RNG_NS}}}define"):
        defines.setdefault(define.get("name", ""), []).append(define)
    seen: set[str] = set()
    stack = [
        ref.get("name", "") for start in grammar.iter(f"{{{RNG_NS}}}start") for ref in start.iter(f"{{{RNG_NS}}}ref")
    ]
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        for define in defines.get(name, []):
            stack.extend(ref.get("name", "") for ref in define.iter(f"{{{RNG_NS}}}ref"))
    return sorted(
        element.get("name", "")
        for name, found in defines.items()
        if name not in seen
        for define in found
        for element in define.findall(f"{{{RNG_NS}}}element")
    )


def _check_reachable(grammar: etree._ElementTree, path: Path) -> None:
    """Every element the ODD includes must be allowed somewhere.

    An element added to a ``moduleRef/@include`` keeps TEI's own content
    model, but appears only where a content model of the ODD names it: a
    forgotten one would be declared and yet rejected everywhere.

    Raises:
        InputError: some included element no content model reaches.
    """
    missing = unreachable_elements(grammar)
    if missing:
        raise InputError(
            f"no content model lets these elements appear: {', '.join(missing)}; add each to the <content> "
            "of the elementSpec of a parent, or to a teikit.* macroSpec (teikit.global, teikit.phrase, ...)",
            Location(str(path)),
            "odd-unreachable",
        )


def closed_lists(odd: etree._ElementTree) -> Iterator[tuple[etree._Element, str, str, tuple[str, ...]]]:
    """``(attDef, spec ident, attribute, values)`` of every closed value list of an ODD.

    The spec is an ``elementSpec`` or a ``classSpec``: ``attDef.getparent().getparent()``.
    """
    for spec in odd.iter(f"{{{TEI_NS}}}elementSpec", f"{{{TEI_NS}}}classSpec"):
        for att_def in spec.iter(f"{{{TEI_NS}}}attDef"):
            val_list = att_def.find(f"{{{TEI_NS}}}valList[@type='closed']")
            if val_list is not None:
                values = tuple(item.get("ident", "") for item in val_list.iter(f"{{{TEI_NS}}}valItem"))
                yield att_def, spec.get("ident", ""), att_def.get("ident", ""), values


def _spec_kind(att_def: etree._Element) -> str:
    """``elementSpec`` or ``classSpec``: the spec an ``attDef`` (inside its ``attList``) belongs to."""
    spec = next(att_def.iterancestors(f"{{{TEI_NS}}}elementSpec", f"{{{TEI_NS}}}classSpec"), None)
    return etree.QName(spec).localname if spec is not None else ""


def _check_closed_lists(odd: etree._ElementTree, rng: etree._ElementTree, path: Path) -> None:
    """Every closed list of the ODD must close its attribute in the grammar.

    TEI's ODD processor merges a ``mode="change"`` of an attribute that the
    TEI source itself declares as a change (``title/@type``, ``idno/@type``)
    so that the closed list is lost without a word; such an ``attDef``
    needs ``mode="replace"`` (with its ``datatype``).

    Raises:
        InputError: a closed list does not apply, at the line of its ``attDef``.
    """
    grammar = read_grammar(rng)
    for att_def, spec, attribute, values in closed_lists(odd):
        found = (
            [grammar.attributes.get(spec, {}).get(attribute)]
            if _spec_kind(att_def) == "elementSpec"
            else [attributes.get(attribute) for attributes in grammar.attributes.values()]
        )
        if not any(info is not None and set(info.values) == set(values) for info in found):
            raise InputError(
                f"the closed list of @{attribute} on {spec} does not apply in the generated grammar; "
                'declare the attribute with attDef mode="replace" (and its datatype)',
                Location(str(path), att_def.sourceline or 0, 1),
                "odd-list-not-applied",
            )


def _read_odd(odd: Path) -> etree._ElementTree:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        return etree.parse(str(odd), parser)
    except OSError as exc:
        raise InputError(f"cannot read the ODD: {exc}", Location(str(odd)), "input-unreadable") from exc
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        raise InputError(
            f"the ODD is not well-formed: {exc.msg}", Location(str(odd), line, column), "xml-malformed"
        ) from exc


def _run_stylesheets(odd: Path, odds: Path, p5subset: Path, work: Path) -> tuple[str, str]:
    from saxonche import PySaxonApiError, PySaxonProcessor

    compiled = work / "compiled.odd"
    try:
        with PySaxonProcessor(license=False) as processor:
            xslt = processor.new_xslt30_processor()
            odd2odd = xslt.compile_stylesheet(stylesheet_file=str(odds / "odd2odd.xsl"))
            odd2odd.set_parameter("defaultSource", processor.make_string_value(p5subset.resolve().as_uri()))
            odd2odd.set_parameter("verbose", processor.make_string_value("false"))
            compiled.write_text(odd2odd.transform_to_string(source_file=str(odd)) or "", encoding="utf-8")
            rng = xslt.compile_stylesheet(stylesheet_file=str(odds / "odd2relax.xsl"))
            rng_text = rng.transform_to_string(source_file=str(compiled)) or ""
            sch = xslt.compile_stylesheet(stylesheet_file=str(odds / "extract-isosch.xsl"))
            sch_text = sch.transform_to_string(source_file=str(compiled)) or ""
    except PySaxonApiError as exc:
        raise ConfigError(f"the ODD processor failed: {exc}", Location(str(odd)), "odd-failed") from exc
    if not rng_text.strip():
        raise ConfigError("the ODD processor wrote no grammar", Location(str(odd)), "odd-failed")
    return rng_text, sch_text


def _header(kind: str, source: str) -> str:
    return (
        f" {kind} generated from {source} by 'teikit schema compile' (the TEI Stylesheets' odd2odd.xsl, "
        f"{'odd2relax.xsl' if kind == 'RELAX NG' else 'extract-isosch.xsl'}). Do not edit: change {source} "
        "and compile again. "
    )


def _finish_rng(text: str, source: str) -> bytes:
    root = etree.fromstring(text.encode("utf-8"), etree.XMLParser(remove_blank_text=True, resolve_entities=False))
    for comment in root.xpath("comment()"):
        if _STAMP_RE.match(comment.text or "") or not (comment.text or "").strip():
            root.remove(comment)
    # Embedded Schematron is dropped: NAME.sch is the one place for rules.
    for embedded in root.xpath("//*[namespace-uri() = $ns]", ns=SCH_NS):
        embedded.getparent().remove(embedded)
    tree = root.getroottree()
    simplify_grammar(tree)
    etree.cleanup_namespaces(tree)
    root.addprevious(etree.Comment(_header("RELAX NG", source)))
    return _serialise(tree)


def _finish_sch(text: str, source: str) -> bytes:
    root = etree.fromstring(text.encode("utf-8"), etree.XMLParser(remove_blank_text=True, resolve_entities=False))
    for node in list(root):
        if isinstance(node, etree._Comment) or (
            node.tag == f"{{{SCH_NS}}}pattern" and not (node.get("id") or "").startswith(OWN_PATTERN_PREFIX)
        ):
            root.remove(node)
    used = {prefix for prefix in re.findall(r"\b([A-Za-z_][\w.-]*):", " ".join(_expressions(root)))}
    for ns in root.findall(f"{{{SCH_NS}}}ns"):
        if ns.get("prefix") not in used:
            root.remove(ns)
    root.addprevious(etree.Comment(_header("ISO Schematron", source)))
    return _serialise(root.getroottree())


def _expressions(root: etree._Element) -> list[str]:
    return [
        value
        for element in root.iter()
        if isinstance(element.tag, str)
        for key, value in element.attrib.items()
        if key in ("context", "test", "select", "value", "path")
    ]


def _serialise(tree: etree._ElementTree) -> bytes:
    etree.indent(tree, space="  ")
    data: bytes = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
    return data.replace(b"--><", b"-->\n<", 1).rstrip() + b"\n"


__all__ = ["RNG_NS", "CompiledSchema", "closed_lists", "compile_odd"]
