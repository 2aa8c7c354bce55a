"""Validate TEI: RELAX NG, then Schematron, with messages like a compiler's.

Input: XML files (or folders of them). Output: one :class:`FileResult` per
file with every :class:`~teikit.core.errors.Diagnostic` found, each at
``file:line:col`` (libxml2's RELAX NG errors have no column; it is recovered
from the text by :mod:`teikit.check.locate`) with a rule id. By default the
project's schemas (``schemas/teikit.rng``, ``schemas/teikit.sch``) are used;
another RELAX NG (tei_all, say) can replace the grammar. Files are checked in
parallel by :mod:`teikit.core.workers`, one worker process per core, each
compiling the schemas once; a file whose worker dies gets an error of its own
and every other file is still reported. An element of more than a thousand
children is shown to libxml2 in windows (:mod:`teikit.check.windows`), with
a warning, so that many errors among its children stay linear.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property, partial
from pathlib import Path

from lxml import etree

from teikit.check.jing import LARGE_GRAMMAR_BYTES, JingGrammar, find_jing, relocate
from teikit.check.locate import SourceLocator
from teikit.check.results import FileResult
from teikit.check.results import exit_code as exit_code  # re-exported: validate's public API
from teikit.check.rnginfo import GrammarInfo, attribute_name, read_grammar
from teikit.check.rngsimplify import simplify_grammar
from teikit.check.schematron import Schematron
from teikit.check.windows import WIDE, Entry, entries_of, validate_windowed, wide_elements, window_for
from teikit.check.xsltschematron import XPATH2_BINDINGS, XsltSchematron, query_binding
from teikit.core.cpus import default_jobs
from teikit.core.errors import ConfigError, Diagnostic, InputError, Location, TeikitError
from teikit.core.remote import PROCESS_LOCAL, protocol
from teikit.core.resources import schema_path
from teikit.core.sources import find_inputs, is_url
from teikit.core.sources import find_xml as find_xml  # re-exported: validate's public API
from teikit.core.workers import Executor, run_guarded, run_parallel, worker_state
from teikit.core.xmlsafe import ParsedDocument, parse_document, read_xml_bytes

_TEI_NS = "http://www.tei-c.org/ns/1.0"
_GENERIC = {"RELAXNG_ERR_CONTENTVALID", "RELAXNG_ERR_EXTRACONTENT", "RELAXNG_ERR_ATTRVALID", "RELAXNG_ERR_INTEREXTRA"}
_NOISE_RE = re.compile(r"^(?:Relax-NG validity error\s*:\s*)")


class Validator:
    """Compiled schemas and the logic to check one document against them.

    Args:
        schema: a RELAX NG grammar (XML syntax); default: teikit's own.
        schematron: an ISO Schematron schema; default: teikit's own when the
            grammar is teikit's, none when another grammar is given. Pass
            ``False`` to skip Schematron.

    Raises:
        ConfigError: a schema cannot be read or compiled.
    """

    def __init__(
        self,
        schema: str | Path | None = None,
        schematron: str | Path | bool | None = None,
        *,
        engine: str = "lxml",
        progress: Callable[[str], None] | None = None,
    ) -> None:
        self.arguments = (schema, schematron)
        """What the validator was made from, so that a worker process can make the same (lxml engine)."""
        self.schema_path = Path(schema) if schema else schema_path("teikit.rng")
        self.window = WIDE
        """Children of one element libxml2 is shown at a time (see :mod:`teikit.check.windows`)."""
        self.jing: JingGrammar | None = None
        if engine == "jing" or (engine == "auto" and schema is not None and _large(self.schema_path) and find_jing()):
            self.jing = JingGrammar(self.schema_path)
            self.relaxng: etree.RelaxNG | None = None
        else:
            if progress is not None and _large(self.schema_path):
                size = self.schema_path.stat().st_size / 1e6
                progress(
                    f"compiling {self.schema_path.name} ({size:.1f} MB) with lxml: about 10 s "
                    "(install jing to check large grammars in about 2 s)"
                )
            self.relaxng = _compile_relaxng(self.schema_path)
        if schematron is None:
            schematron = schema_path("teikit.sch") if schema is None else False
        self.schematron = _load_schematron(schematron) if isinstance(schematron, (str, Path)) else None

    def prepare(self, paths: Iterable[str | Path]) -> None:
        """Check a run's files with jing in one go (when jing is the engine); a no-op for lxml."""
        if self.jing is not None:
            self.jing.prepare(paths)

    @cached_property
    def grammar(self) -> GrammarInfo:
        return read_grammar(self.schema_path)

    def check_file(self, path: str | Path) -> FileResult:
        """Read, parse and validate one file; never raises for a problem of the file."""
        name = str(path)
        try:
            document = parse_document(read_xml_bytes(path), name)
        except InputError as error:
            return FileResult(name, [error.as_diagnostic()], unreadable=True)
        except TeikitError as error:
            return FileResult(name, [error.as_diagnostic()])
        return FileResult(name, self.check_document(document))

    def check_document(self, document: ParsedDocument) -> list[Diagnostic]:
        """RELAX NG then Schematron diagnostics for a parsed document, in order of place."""
        locator = SourceLocator(document.data, document.tree.getroot())
        diagnostics = [self._relocate_duplicate(diagnostic, document, locator) for diagnostic in document.diagnostics]
        if self.jing is not None:
            text = document.data.decode("utf-8", "replace")
            diagnostics.extend(relocate(found, text) for found in self.jing.diagnostics(document.path, document.data))
        elif self.relaxng is not None:
            valid, entries, notes = self._relaxng(document, locator)
            diagnostics.extend(notes)
            if not valid:
                diagnostics.extend(self._grammar_errors(entries, document, locator))
        if self.schematron is not None:
            for finding in self.schematron.check(document.tree):
                attribute = finding.attribute or _attribute_named(finding.message, finding.node)
                line, column = (
                    locator.attribute(finding.node, attribute) if attribute else locator.element(finding.node)
                )
                level = "warning" if (finding.role or "").lower() in ("warning", "warn", "info") else "error"
                diagnostics.append(
                    Diagnostic(level, finding.message, finding.rule, Location(document.path, line, column))
                )
        return sorted(_unique(diagnostics), key=lambda d: (d.location.line, d.location.col) if d.location else (0, 0))

    def _relaxng(self, document: ParsedDocument, locator: SourceLocator) -> tuple[bool, list[Entry], list[Diagnostic]]:
        """libxml2's verdict and errors; an element with more children than ``window`` is checked in windows.

        The notes say which elements were, so that a verdict from windows is never given silently.
        """
        assert self.relaxng is not None
        root = document.tree.getroot()
        wide = wide_elements(root, self.window)
        if not wide:
            valid = bool(self.relaxng.validate(document.tree))
            return valid, [] if valid else entries_of(self.relaxng.error_log), []
        window = window_for(root, wide, self.window)
        notes = []
        for element in wide:
            line, column = locator.element(element)
            notes.append(
                Diagnostic(
                    "warning",
                    f"<{etree.QName(element).localname}> has {len(element):,} children: the grammar checked them "
                    f"{window:,} at a time, which keeps many errors among them fast and is exact where they may "
                    "come in any order (text and phrases, items); --rng-engine jing checks them all at once",
                    "rng-windows",
                    Location(document.path, line, column),
                )
            )
        valid, entries = validate_windowed(self.relaxng, document.tree, self.window, window)
        return valid, entries, notes

    def _grammar_errors(
        self, entries: list[Entry], document: ParsedDocument, locator: SourceLocator
    ) -> Iterator[Diagnostic]:
        repeated = {d.location.line for d in document.diagnostics if d.code == "teikit-unique-id" and d.location}
        for diagnostic in self._grammar_diagnostics(entries, document.path, locator):
            # libxml2 also rejects the second use of a repeated xml:id; it is reported once, above.
            if not (
                diagnostic.code == "rng-attribute"
                and "@id " in diagnostic.message
                and diagnostic.location
                and diagnostic.location.line in repeated
            ):
                yield diagnostic

    def _relocate_duplicate(
        self, diagnostic: Diagnostic, document: ParsedDocument, locator: SourceLocator
    ) -> Diagnostic:
        """Point a repeated xml:id at the attribute of its second use."""
        match = re.search(r'xml:id="([^"]*)"', diagnostic.message)
        if not match or diagnostic.location is None:
            return diagnostic
        for element in document.tree.iter():
            if (
                element.get("{http://www.w3.org/XML/1998/namespace}id") == match.group(1)
                and element.sourceline == diagnostic.location.line
            ):
                line, column = locator.attribute(element, "{http://www.w3.org/XML/1998/namespace}id")
                return Diagnostic(
                    diagnostic.level, diagnostic.message, diagnostic.code, Location(document.path, line, column)
                )
        return diagnostic

    def _grammar_diagnostics(self, entries: list[Entry], path: str, locator: SourceLocator) -> Iterator[Diagnostic]:
        specific_paths = sorted(entry.path for entry in entries if entry.type_name not in _GENERIC and entry.path)
        seen_paths: set[str] = set()
        for entry in entries:
            generic = entry.type_name in _GENERIC
            if generic and entry.type_name != "RELAXNG_ERR_ATTRVALID" and _has_prefix(specific_paths, entry.path or ""):
                continue
            if entry.path in seen_paths and generic:
                continue
            seen_paths.add(entry.path or "")
            element = locator.path(entry.path) if entry.path else None
            message, code, attribute = self._root(element) or self._explain(entry, element)
            if element is not None:
                line, column = locator.attribute(element, attribute) if attribute else locator.element(element)
            else:
                line, column = entry.line, 1
            yield Diagnostic("error", message, code, Location(path, line, column))
            if element is not None and code in ("rng-attribute", "rng-root"):
                yield from self._undeclared(element, attribute, path, locator)

    def _root(self, element: etree._Element | None) -> tuple[str, str, None] | None:
        """A TEI element the grammar does not start with, at the root (a FRUS <div> cut from its volume)."""
        if element is None or element.getparent() is not None or not self.grammar.start:
            return None
        name = etree.QName(element)
        if name.localname in self.grammar.start or name.namespace != "http://www.tei-c.org/ns/1.0":
            return None
        expected = " or ".join(f"<{start}>" for start in self.grammar.start)
        return f"element <{name.localname}> is not allowed as the root; expected {expected}", "rng-root", None

    def _undeclared(
        self, element: etree._Element, reported: str | None, path: str, locator: SourceLocator
    ) -> Iterator[Diagnostic]:
        """The element's other attributes that the grammar declares nowhere: libxml2 stops at the first."""
        for clark in self.grammar.undeclared(element):
            if clark != reported:
                line, column = locator.attribute(element, clark)
                message = (
                    f"attribute @{attribute_name(element, clark)} is not allowed on <{etree.QName(element).localname}>"
                )
                yield Diagnostic("error", message, "rng-attribute", Location(path, line, column))

    def _explain(self, entry: Entry, element: etree._Element | None) -> tuple[str, str, str | None]:
        """A message a person can act on, its rule id, and the attribute it is about."""
        raw = _NOISE_RE.sub("", entry.message).strip()
        name = etree.QName(element).localname if element is not None else ""
        parent = element.getparent() if element is not None else None
        where = f" inside <{etree.QName(parent).localname}>" if parent is not None else ""
        kind = entry.type_name
        if kind == "RELAXNG_ERR_INVALIDATTR" and element is not None:
            attribute = raw.split("Invalid attribute ", 1)[-1].split(" for element", 1)[0]
            full = _qualified(attribute)
            if element.get(full) is None:
                # libxml2 names a namespaced attribute by its local name: find it, and name it with its prefix.
                full = next((key for key in element.attrib if etree.QName(key).localname == attribute), full)
                attribute = attribute_name(element, full)
            known = self.grammar.attributes.get(name, {}).get(attribute)
            if known is None:
                return f"attribute @{attribute} is not allowed on <{name}>", "rng-attribute", full
            return (
                f'@{attribute}="{element.get(full, "")}" is not allowed on <{name}>: expected {known.hint}',
                "rng-attribute-value",
                full,
            )
        if kind == "RELAXNG_ERR_ATTRVALID" and element is not None:
            missing = [
                info.name
                for info in self.grammar.attributes.get(name, {}).values()
                if info.required and element.get(_qualified(info.name)) is None
            ]
            if missing:
                return f"<{name}> needs @{', @'.join(missing)}", "rng-attribute-missing", None
            return f"<{name}> has an attribute the schema does not allow here", "rng-attribute", None
        if kind == "RELAXNG_ERR_TEXTWRONG":
            return (
                f"text is not allowed directly inside <{name}>; wrap it in an element that may hold text",
                "rng-text",
                None,
            )
        if kind in ("RELAXNG_ERR_ELEMWRONGNS", "RELAXNG_ERR_ELEMNONS") or (
            kind in ("RELAXNG_ERR_ELEMWRONG", "RELAXNG_ERR_ELEMNAME")
            and element is not None
            and etree.QName(element).namespace != _TEI_NS
            and name in self.grammar.elements
        ):
            return f'<{name}> is not in the TEI namespace (xmlns="http://www.tei-c.org/ns/1.0")', "rng-namespace", None
        if kind == "RELAXNG_ERR_ELEMWRONG":
            return (
                f"element <{name}> is not allowed here{where}; check its place and the elements before it",
                "rng-element",
                None,
            )
        if kind == "RELAXNG_ERR_ELEMNAME":
            return (
                raw.replace("Expecting element", "expected element") + " (the root of a TEI document is <TEI>)",
                "rng-root",
                None,
            )
        if kind in ("RELAXNG_ERR_NOELEM", "RELAXNG_ERR_NOTELEM"):
            return f"<{name}> is incomplete: {raw[0].lower() + raw[1:]}", "rng-missing", None
        if kind == "RELAXNG_ERR_DATATYPE":
            return raw, "rng-datatype", None
        if kind == "RELAXNG_ERR_CONTENTVALID":
            return f"the content of <{name}> does not match the schema", "rng-content", None
        return raw, "rng", None


def _has_prefix(ordered: list[str], prefix: str) -> bool:
    """Whether a string of the sorted list starts with ``prefix`` (by bisection: many errors stay linear)."""
    index = bisect_left(ordered, prefix)
    return index < len(ordered) and ordered[index].startswith(prefix)


def _qualified(attribute: str) -> str:
    if attribute.startswith("xml:"):
        return "{http://www.w3.org/XML/1998/namespace}" + attribute[4:]
    return attribute


def _attribute_named(message: str, node: etree._Element) -> str | None:
    """The attribute a Schematron message starts with (``@who="…"``), if the node has it."""
    match = re.match(r"^(@|xml:)([\w:-]+)=", message) or re.match(r"^(xml:)(id)=", message)
    if not match:
        return None
    name = _qualified(f"xml:{match.group(2)}") if match.group(1) == "xml:" else match.group(2)
    return name if node.get(name) is not None else None


def _unique(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    seen: set[tuple[object, ...]] = set()
    unique = []
    for diagnostic in diagnostics:
        key = (diagnostic.location, diagnostic.code, diagnostic.message)
        if key not in seen:
            seen.add(key)
            unique.append(diagnostic)
    return unique


def _load_schematron(path: str | Path) -> Schematron | XsltSchematron:
    """teikit's evaluator for XPath 1.0 schemas, SchXslt2 on Saxon for ``xslt2``/``xslt3`` ones."""
    if query_binding(path) in XPATH2_BINDINGS:
        return XsltSchematron(path)
    return Schematron(path)


def _large(path: Path) -> bool:
    try:
        return path.stat().st_size > LARGE_GRAMMAR_BYTES
    except OSError:
        return False


def _compile_relaxng(path: Path) -> etree.RelaxNG:
    """Compile a grammar with libxml2, its ``empty``/``notAllowed`` patterns folded first (see rngsimplify)."""
    try:
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
        simplify_grammar(tree)
        return etree.RelaxNG(tree)
    except (OSError, etree.XMLSyntaxError, etree.RelaxNGParseError) as exc:
        raise ConfigError(f"cannot use the RELAX NG schema: {exc}", Location(str(path)), "schema-unusable") from exc


# --- many files ---------------------------------------------------------------------------


def _validator_state(schema: str | Path | None, schematron: str | Path | bool | None) -> dict[str, object]:
    """Set-up of a validate worker: the same schemas, compiled in the worker."""
    return {"validator": Validator(schema, schematron)}


def _check_one(path: str) -> FileResult:
    validator = worker_state()["validator"]
    assert isinstance(validator, Validator)
    return validator.check_file(path)


def _crashed(path: str, why: str) -> FileResult:
    return FileResult(path, [Diagnostic("error", why, "internal-error", Location(path))])


def validate_paths(
    paths: Iterable[str | Path], validator: Validator, *, jobs: int | None = None, executor: Executor | None = None
) -> list[FileResult]:
    """Check every file (folders and folder URLs expanded), in parallel when there are many.

    A few files are checked here with ``validator``; many go to worker
    processes, each of which compiles the same schemas once (tei_all takes
    seconds, so a worker pays off only from some files on). ``executor``
    (a Dask cluster) takes every file; files only this process can read
    (``memory://``) are checked here.

    Raises:
        InputError: a folder URL cannot be listed.
    """
    files = find_inputs(paths)
    jobs = max(1, jobs or default_jobs())
    here_only = validator.jing is not None or any(is_url(name) and protocol(name) in PROCESS_LOCAL for name in files)
    if here_only or (executor is None and (jobs == 1 or len(files) < 8 * jobs)):
        # jing checks a run's files in one batch (Validator.prepare); its answers are read here.
        return [run_guarded(validator.check_file, path, _crashed) for path in files]
    factory = partial(_validator_state, *validator.arguments)
    return list(run_parallel(files, _check_one, factory, crashed=_crashed, jobs=jobs, executor=executor))
