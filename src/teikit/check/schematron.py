"""Run ISO Schematron (XPath 1.0 binding) on lxml trees, a document at a time.

The usual way to run Schematron compiles it to XSLT and walks the document
once per pattern; through libxslt that costs several milliseconds per
record. This module evaluates the same ``.sch`` set-at-a-time instead: each
``assert`` becomes one XPath, ``(context)[not(test)]``, that returns exactly the
nodes for which it fails, and all of them are joined into one union. A valid
document is thus checked with a single XPath call; only when something fails
are the messages built, node by node.

Supported: ``ns``, ``pattern``, ``rule/@context`` (a match pattern), ``let``
(inlined when used at the top level of a test, bound per node otherwise),
``assert``, ``report``, ``value-of``, ``name``, and ``current()``. Not
supported, and refused with a clear error: ``phase`` selection,
``include``/``extends``, abstract rules and patterns. Within a pattern a node is
checked only by the first rule whose context matches it, as ISO requires.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from teikit.core.errors import ConfigError, Location

SCH = "http://purl.oclc.org/dsdl/schematron"
_S = f"{{{SCH}}}"
_CURRENT_RE = re.compile(r"\bcurrent\(\s*\)")
_VARIABLE_RE = re.compile(r"\$([A-Za-z_][\w.-]*)")


@dataclass(frozen=True)
class Finding:
    """A failed assert or a fired report: its id, message, the element and attribute it is about."""

    rule: str
    message: str
    node: etree._Element
    role: str | None = None
    attribute: str | None = None


@dataclass
class _Check:
    """One assert or report of one rule, compiled."""

    ident: str
    role: str | None
    failing: str
    test: str
    per_node: bool
    message: etree._Element
    rule_index: int
    pattern: int


@dataclass
class _Rule:
    context: str
    lets: list[tuple[str, str]]
    checks: list[_Check] = field(default_factory=list)

    def failing(self, test: str) -> str:
        """The XPath of the context nodes for which ``test`` holds.

        The predicate is put on each branch of the context (``a[t] | b[t]``,
        not ``(a | b)[t]``): libxml2 merges node sets slowly, and the branches
        filtered first are small or empty.
        """
        return " | ".join(f"({branch})[{test}]" for branch in split_union(self.context))


def split_union(expression: str) -> list[str]:
    """Split an XPath/pattern at its top-level ``|`` (not inside brackets, parentheses or quotes)."""
    parts, depth, quote, start = [], 0, "", 0
    for index, char in enumerate(expression):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(expression[start:index])
            start = index + 1
    parts.append(expression[start:])
    return [part.strip() for part in parts if part.strip()]


def pattern_to_xpath(pattern: str) -> str:
    """An XSLT match pattern as the XPath selecting every node it matches.

    ``t:sp`` becomes ``/descendant::t:sp`` (libxml2 evaluates that faster than
    the equivalent ``//t:sp``), ``@who`` becomes ``/descendant::*/@who``.
    """
    branches = []
    for branch in split_union(pattern):
        if branch.startswith("/"):
            branches.append(branch)
        elif branch.startswith("@") or branch.startswith("attribute::"):
            branches.append(f"/descendant::*/{branch}")
        else:
            branches.append(f"/descendant::{branch}")
    return " | ".join(branches)


def _top_level_only(expression: str, name: str) -> bool:
    """True when every ``$name`` in ``expression`` is outside predicates (same context node)."""
    depth, quote = 0, ""
    for index, char in enumerate(expression):
        if quote:
            quote = "" if char == quote else quote
            continue
        if char in "'\"":
            quote = char
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == "$" and expression.startswith(name, index + 1):
            after = expression[index + 1 + len(name) : index + 2 + len(name)]
            if after and (after.isalnum() or after in "_-."):
                continue
            if depth:
                return False
    return True


class Schematron:
    """A compiled ISO Schematron schema (see the module doc).

    Raises:
        ConfigError: the schema cannot be read or uses what this processor does not support.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            root = etree.parse(self.path, etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
        except (OSError, etree.XMLSyntaxError) as exc:
            raise ConfigError(
                f"cannot read the Schematron schema: {exc}", Location(self.path), "schematron-unreadable"
            ) from exc
        if root.tag != f"{_S}schema":
            raise ConfigError(
                "not an ISO Schematron schema (expected sch:schema)", Location(self.path), "schematron-invalid"
            )
        binding = (root.get("queryBinding") or "xslt").lower()
        if binding not in ("xslt", "xpath", "exslt"):
            raise ConfigError(
                f"queryBinding '{binding}' is not supported; use 'xslt' (XPath 1.0), 'xslt2' or 'xslt3'",
                Location(self.path),
                "schematron-binding",
            )
        for unsupported in ("include", "extends", "phase"):
            found = root.find(f".//{_S}{unsupported}")
            if found is not None:
                raise ConfigError(
                    f"sch:{unsupported} is not supported",
                    Location(self.path, found.sourceline or 0),
                    "schematron-unsupported",
                )
        self.namespaces = {ns.get("prefix"): ns.get("uri") for ns in root.iter(f"{_S}ns")}
        self.rules: list[list[_Rule]] = []
        for pattern_index, pattern in enumerate(root.iter(f"{_S}pattern")):
            if pattern.get("abstract") == "true" or pattern.get("is-a"):
                raise ConfigError(
                    "abstract patterns are not supported",
                    Location(self.path, pattern.sourceline or 0),
                    "schematron-unsupported",
                )
            rules = [self._rule(rule, pattern_index, index) for index, rule in enumerate(pattern.iter(f"{_S}rule"))]
            self.rules.append(rules)
        self._compile()

    def _rule(self, element: etree._Element, pattern: int, index: int) -> _Rule:
        context = element.get("context")
        if not context:
            raise ConfigError(
                "sch:rule without @context", Location(self.path, element.sourceline or 0), "schematron-invalid"
            )
        rule = _Rule(
            pattern_to_xpath(context), [(let.get("name", ""), let.get("value", "")) for let in element.iter(f"{_S}let")]
        )
        for check in element:
            if check.tag not in (f"{_S}assert", f"{_S}report"):
                continue
            test = check.get("test", "")
            inlined, per_node = self._inline(test, rule.lets)
            failing = f"not({inlined})" if check.tag == f"{_S}assert" else f"({inlined})"
            ident = check.get("id") or element.get("id") or check.getparent().getparent().get("id") or "schematron"
            rule.checks.append(_Check(ident, check.get("role"), failing, test, per_node, check, index, pattern))
        return rule

    def _inline(self, test: str, lets: list[tuple[str, str]]) -> tuple[str, bool]:
        """Replace ``$let`` by its expression where that keeps the meaning; else evaluate per node."""
        expression = test
        for _round in range(len(lets) + 1):
            names = set(_VARIABLE_RE.findall(expression))
            known = [(name, value) for name, value in lets if name in names]
            if not known:
                break
            for name, value in known:
                if not _top_level_only(expression, name):
                    return test, True
                expression = re.sub(rf"\${re.escape(name)}(?![\w.-])", _literal(f"({value})"), expression)
        per_node = bool(_CURRENT_RE.search(expression) or _VARIABLE_RE.search(expression))
        return (test if per_node else expression), per_node

    def _compile(self) -> None:
        """One XPath per rule for the checks that can run set-at-a-time, joined into a union."""
        branches = []
        for rules in self.rules:
            for rule in rules:
                failing = [check.failing for check in rule.checks if not check.per_node]
                if failing:
                    branches.append(rule.failing(" or ".join(failing)))
        self._any_failure = etree.XPath(" | ".join(branches), namespaces=self.namespaces) if branches else None
        self._set_checks = [
            (check, etree.XPath(rule.failing(check.failing), namespaces=self.namespaces))
            for rules in self.rules
            for rule in rules
            for check in rule.checks
            if not check.per_node
        ]
        self._node_checks = [
            (
                check,
                etree.XPath(rule.context, namespaces=self.namespaces),
                etree.XPath(_CURRENT_RE.sub("$current", check.failing), namespaces=self.namespaces),
            )
            for rules in self.rules
            for rule in rules
            for check in rule.checks
            if check.per_node
        ]
        self._contexts = [
            [etree.XPath(rule.context, namespaces=self.namespaces) for rule in rules] for rules in self.rules
        ]

    def check(self, tree: etree._ElementTree | etree._Element) -> list[Finding]:
        """Every failed assert and fired report, in document order of the nodes."""
        findings: list[Finding] = []
        if self._any_failure is not None and self._any_failure(tree):
            for check, xpath in self._set_checks:
                for node in xpath(tree):
                    if not self._shadowed(tree, check, node):
                        findings.append(self._finding(check, node))
        for check, contexts, test in self._node_checks:
            for node in contexts(tree):
                if self._shadowed(tree, check, node):
                    continue
                variables = self._variables(check, node)
                if test(node, current=node, **variables):
                    findings.append(self._finding(check, node))
        return sorted(findings, key=_document_order(tree))

    def _shadowed(self, tree: etree._ElementTree | etree._Element, check: _Check, node: object) -> bool:
        """True when an earlier rule of the same pattern already claims ``node``."""
        key = _node_key(node)
        return any(
            key in {_node_key(other) for other in earlier(tree)}
            for earlier in self._contexts[check.pattern][: check.rule_index]
        )

    def _variables(self, check: _Check, node: etree._Element) -> dict[str, object]:
        """The rule's ``let`` values at ``node`` (text and attribute nodes as their string)."""
        variables: dict[str, object] = {}
        for name, value in self.rules[check.pattern][check.rule_index].lets:
            evaluator = etree.XPath(_CURRENT_RE.sub("$current", value), namespaces=self.namespaces)
            result = evaluator(node, current=node, **variables)
            if isinstance(result, list) and any(not isinstance(item, etree._Element) for item in result):
                result = _as_string(result)
            variables[name.replace("-", "_")] = result
        return variables

    def _finding(self, check: _Check, node: object) -> Finding:
        """Build the message of a failed check at ``node`` (an element, or an attribute)."""
        attribute = getattr(node, "attrname", None) if getattr(node, "is_attribute", False) else None
        element: etree._Element = node.getparent() if attribute is not None else node  # type: ignore[attr-defined]
        variables = self._variables(check, element) if attribute is None else {}
        parts: list[str] = [check.message.text or ""]
        for child in check.message:
            if child.tag == f"{_S}value-of":
                parts.append(self._value_of(child.get("select", "."), element, attribute, variables))
            elif child.tag == f"{_S}name":
                if child.get("path"):
                    target = element.xpath(child.get("path"), namespaces=self.namespaces)
                    parts.append(
                        etree.QName(target[0]).localname if target and isinstance(target[0], etree._Element) else ""
                    )
                else:
                    parts.append(etree.QName(attribute).localname if attribute else etree.QName(element).localname)
            elif isinstance(child.tag, str):
                parts.append("".join(child.itertext()))
            parts.append(child.tail or "")
        message = " ".join("".join(parts).split())
        return Finding(check.ident, message, element, check.role, attribute)

    def _value_of(
        self, select: str, element: etree._Element, attribute: str | None, variables: dict[str, object]
    ) -> str:
        """``value-of``: relative to an attribute context only ``.``, ``name()`` and ``../…`` are understood."""
        if attribute is not None:
            if select.strip() == ".":
                return str(element.get(attribute, ""))
            if select.strip() in ("name()", "local-name()"):
                return str(etree.QName(attribute).localname)
            select = select[3:] if select.startswith("../") else select
        value = element.xpath(
            _CURRENT_RE.sub("$current", select), namespaces=self.namespaces, current=element, **variables
        )
        return _as_string(value)


def _node_key(node: object) -> object:
    if getattr(node, "is_attribute", False):
        return (node.getparent(), node.attrname)  # type: ignore[attr-defined]
    return node


def _literal(text: str) -> Callable[[re.Match[str]], str]:
    """A replacement for ``re.sub`` that inserts ``text`` as it is (no backslash processing)."""

    def replace(_match: re.Match[str]) -> str:
        return text

    return replace


def _as_string(value: object) -> str:
    if isinstance(value, list):
        if not value:
            return ""
        first = value[0]
        return (
            first
            if isinstance(first, str)
            else "".join(first.itertext())
            if isinstance(first, etree._Element)
            else str(first)
        )
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _document_order(tree: etree._ElementTree | etree._Element):  # type: ignore[no-untyped-def]
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    order: dict[etree._Element, int] = {}

    def key(finding: Finding) -> tuple[int, str, str]:
        if not order:
            for index, element in enumerate(root.iter()):
                order[element] = index
        return (order.get(finding.node, -1), finding.attribute or "", finding.rule)

    return key


def iter_checks(schema: Schematron) -> Iterator[tuple[str, str]]:
    """``(id, test)`` of every assert and report, for documentation and tests."""
    for rules in schema.rules:
        for rule in rules:
            for check in rule.checks:
                yield check.ident, check.test
