"""Run ISO Schematron with an XPath 2+ binding (``xslt2``, ``xslt3``) through SchXslt2 on Saxon.

teikit's own evaluator (:mod:`teikit.check.schematron`) runs XPath 1.0
schemas set-at-a-time on lxml. Most projects' ``.sch`` files, and the
Schematron the TEI Stylesheets extract from an ODD, are written for XPath 2
or 3: this module compiles such a schema with SchXslt2's ``transpile.xsl``
(shipped with teikit, MIT licence) into an XSLT 3.0 stylesheet, runs it on
each document and reads the SVRL report back into the same
:class:`~teikit.check.schematron.Finding` records, so messages carry
``file:line:col`` like every other diagnostic.

Saxon may open no URI while validating (no ``document()``, no
``unparsed-text()``): the schema is checked against the document alone.
The Saxon processor is created in the process that uses it (the validator
forks worker processes; Saxon's state does not survive a fork).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from lxml import etree

from teikit.check.schematron import Finding
from teikit.core.errors import ConfigError, Location

SVRL = "{http://purl.oclc.org/dsdl/svrl}"
XPATH2_BINDINGS = ("xslt2", "xslt3", "xpath2", "xpath3", "xpath31")
_TRANSPILER = Path(__file__).resolve().parent / "schxslt2" / "transpile.xsl"
_XSL = "{http://www.w3.org/1999/XSL/Transform}"
_PATTERN_PARAM = "Q{http://dmaus.name/ns/2023/schxslt}pattern"
_ALLOWED_PROTOCOLS = "http://saxon.sf.net/feature/allowedProtocols"
_PATH_SPLIT_RE = re.compile(r"(?:Q\{[^}]*\}|[^/])+")
_STEP_RE = re.compile(r"^(?:Q\{([^}]*)\})?([^\[]+)(?:\[(\d+)\])?$")


def query_binding(path: str | Path) -> str:
    """The ``queryBinding`` of a Schematron schema (``xslt`` when absent), lower case.

    Raises:
        ConfigError: the file cannot be read or is not XML.
    """
    try:
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    except (OSError, etree.XMLSyntaxError) as exc:
        raise ConfigError(
            f"cannot read the Schematron schema: {exc}", Location(str(path)), "schematron-unreadable"
        ) from exc
    return (root.get("queryBinding") or "xslt").lower()


class XsltSchematron:
    """A Schematron schema compiled to XSLT 3.0 by SchXslt2, run by Saxon.

    Raises:
        ConfigError: the schema or the transpiler cannot be read, or the schema does not compile.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._stylesheet = self._transpile()
        self._pid = -1
        self._processor: Any = None
        self._executable: Any = None

    def _transpile(self) -> str:
        from saxonche import PySaxonApiError, PySaxonProcessor

        if not _TRANSPILER.is_file():
            raise ConfigError("SchXslt2's transpile.xsl is missing; reinstall teikit", Location(str(_TRANSPILER)))
        with PySaxonProcessor(license=False) as processor:
            try:
                transpiler = processor.new_xslt30_processor().compile_stylesheet(stylesheet_file=str(_TRANSPILER))
                result = transpiler.transform_to_string(source_file=str(Path(self.path).resolve()))
            except PySaxonApiError as exc:
                raise ConfigError(
                    f"the Schematron schema does not compile: {exc}", Location(self.path), "schematron-compile"
                ) from exc
        if not result:
            raise ConfigError("the Schematron schema does not compile", Location(self.path), "schematron-compile")
        return _reset_pattern_tunnel(str(result))

    def __getstate__(self) -> dict[str, Any]:
        """Picklable for worker processes: Saxon's objects are made again where they are used."""
        return {**self.__dict__, "_pid": -1, "_processor": None, "_executable": None}

    def _ready(self) -> Any:
        """The compiled validation stylesheet of this process."""
        if self._pid != os.getpid():
            from saxonche import PySaxonApiError, PySaxonProcessor

            self._processor = PySaxonProcessor(license=False)
            try:
                self._executable = self._processor.new_xslt30_processor().compile_stylesheet(
                    stylesheet_text=self._stylesheet
                )
            except PySaxonApiError as exc:
                raise ConfigError(
                    f"the Schematron schema does not compile: {exc}", Location(self.path), "schematron-compile"
                ) from exc
            self._processor.set_configuration_property(_ALLOWED_PROTOCOLS, "")
            self._pid = os.getpid()
        return self._executable

    def check(self, tree: etree._ElementTree | etree._Element) -> list[Finding]:
        """Every failed assert and fired report, in document order.

        Raises:
            ConfigError: the validation stylesheet failed on this document (a dynamic error of a rule).
        """
        from saxonche import PySaxonApiError

        executable = self._ready()
        root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
        text = etree.tostring(root, encoding="unicode")
        try:
            node = self._processor.parse_xml(xml_text=text)
            report = executable.transform_to_string(xdm_node=node)
        except PySaxonApiError as exc:
            raise ConfigError(f"the Schematron rules failed: {exc}", Location(self.path), "schematron-error") from exc
        svrl = etree.fromstring((report or "").encode("utf-8"), etree.XMLParser(resolve_entities=False))
        findings = []
        for entry in svrl.iter(f"{SVRL}failed-assert", f"{SVRL}successful-report"):
            element, attribute = _locate(root, entry.get("location", ""))
            if element is None:
                element = root
            text_node = entry.find(f"{SVRL}text")
            message = " ".join("".join(text_node.itertext()).split()) if text_node is not None else ""
            rule = entry.get("id") or "schematron"
            findings.append(Finding(rule, message, element, entry.get("role"), attribute))
        order = {element: index for index, element in enumerate(root.iter())}
        return sorted(
            findings, key=lambda finding: (order.get(finding.node, -1), finding.attribute or "", finding.rule)
        )


def _reset_pattern_tunnel(stylesheet: str) -> str:
    """Let each node start with no pattern fired, as ISO Schematron requires.

    SchXslt2 remembers the patterns whose rule fired on a node in a tunnel
    parameter, so that a later rule of the same pattern is suppressed for it.
    Its fallback template walks on to the attributes and children with
    ``apply-templates``, which passes tunnel parameters on: a rule that fired
    on ``<text>`` would suppress every rule of its pattern on all of the
    text's descendants. The fallback is given an empty list explicitly.
    """
    root = etree.fromstring(stylesheet.encode("utf-8"))
    for template in root.iter(f"{_XSL}template"):
        if template.get("match") == "*" and template.get("priority") == "-10":
            for apply in template.iter(f"{_XSL}apply-templates"):
                etree.SubElement(apply, f"{_XSL}with-param", name=_PATTERN_PARAM, tunnel="yes", select="()")
    return str(etree.tostring(root, encoding="unicode"))


def _locate(root: etree._Element, path: str) -> tuple[etree._Element | None, str | None]:
    """The element (and attribute) an ``fn:path()`` location such as ``/Q{ns}TEI[1]/Q{ns}text[1]/@who`` names."""
    steps = [step for step in _PATH_SPLIT_RE.findall(path) if step]
    if not steps:
        return None, None
    attribute = None
    if steps[-1].startswith("@"):
        name = steps.pop()[1:]
        match = re.match(r"^Q\{([^}]*)\}(.+)$", name)
        attribute = f"{{{match.group(1)}}}{match.group(2)}" if match and match.group(1) else name
    node: etree._Element | None = None
    for step in steps:
        match = _STEP_RE.match(step)
        if match is None:
            return node, attribute
        namespace, local, position = match.group(1), match.group(2), int(match.group(3) or 1)
        if local.endswith("()"):
            break
        tag = f"{{{namespace}}}{local}" if namespace else local
        if node is None:
            if root.tag != tag:
                return None, attribute
            node = root
            continue
        children = [child for child in node if child.tag == tag]
        if len(children) < position:
            return node, attribute
        node = children[position - 1]
    return node, attribute
