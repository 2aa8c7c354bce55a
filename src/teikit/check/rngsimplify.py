"""Fold away the ``empty`` and ``notAllowed`` patterns of a RELAX NG grammar.

Grammars compiled from an ODD by the TEI Stylesheets define every model class
a customisation leaves empty as ``<empty/>`` or ``<notAllowed/>`` and refer
to it from content models, often as ``<zeroOrMore><ref name="model.x_sequence"/>
</zeroOrMore>`` where the define is ``<empty/>``. libxml2 mishandles a
repetition of ``empty``: it rejects documents that jing (and the RELAX NG
specification) accept, such as a ``listPerson`` holding ``person``. This
module rewrites such a grammar into an equivalent one without those
patterns, following the simplification rules of the RELAX NG specification
(section 4.19), so libxml2 and jing give the same verdicts.

Input and output are lxml trees of a grammar in XML syntax (``<include>``
is left as it is; ``<externalRef>`` too).
"""

from __future__ import annotations

from lxml import etree

RNG_NS = "http://relaxng.org/ns/structure/1.0"
_R = f"{{{RNG_NS}}}"
_EMPTY = f"{_R}empty"
_NOT_ALLOWED = f"{_R}notAllowed"
_REPEATS = (f"{_R}zeroOrMore", f"{_R}oneOrMore", f"{_R}optional")
_SEQUENCES = (f"{_R}group", f"{_R}interleave")


def simplify_grammar(tree: etree._ElementTree) -> int:
    """Rewrite ``tree`` in place; return how many patterns were folded.

    Refs to defines whose whole body is ``empty`` or ``notAllowed`` are
    replaced by that pattern, then, until nothing changes:
    ``zeroOrMore``/``optional`` of ``empty`` or ``notAllowed`` become
    ``empty``; ``oneOrMore`` of either becomes it; ``empty`` is dropped
    from a ``group``/``interleave`` and ``notAllowed`` makes the whole
    sequence ``notAllowed``; ``notAllowed`` is dropped from a ``choice``.
    """
    folded = 0
    changed = True
    while changed:
        changed = False
        constants = _constant_defines(tree)
        for ref in list(tree.iter(f"{_R}ref")):
            kind = constants.get(ref.get("name", ""))
            if kind is not None and _replace(ref, kind):
                folded += 1
                changed = True
        for node in list(tree.iter(*_REPEATS, *_SEQUENCES, f"{_R}choice")):
            replacement = _fold(node)
            if replacement is not None and _replace(node, replacement):
                folded += 1
                changed = True
    return folded


def _patterns(node: etree._Element) -> list[etree._Element]:
    return [child for child in node if isinstance(child.tag, str) and child.tag.startswith(_R)]


def _constant_defines(tree: etree._ElementTree) -> dict[str, str]:
    """Names of the defines that are only ``empty`` or only ``notAllowed`` (not combined ones)."""
    found: dict[str, str] = {}
    combined = {define.get("name", "") for define in tree.iter(f"{_R}define") if define.get("combine")}
    for define in tree.iter(f"{_R}define"):
        name = define.get("name", "")
        body = _patterns(define)
        if name not in combined and len(body) == 1 and body[0].tag in (_EMPTY, _NOT_ALLOWED) and len(body[0]) == 0:
            found[name] = body[0].tag
    return found


def _fold(node: etree._Element) -> str | None:
    """The constant pattern ``node`` reduces to, or ``None``; drops neutral children in place."""
    body = _patterns(node)
    kinds = [child.tag for child in body]
    if node.tag in _REPEATS:
        if body and all(kind in (_EMPTY, _NOT_ALLOWED) for kind in kinds):
            if node.tag == f"{_R}oneOrMore":
                return _NOT_ALLOWED if _NOT_ALLOWED in kinds else _EMPTY
            return _EMPTY
        if len(body) > 1:
            for child in body:
                if child.tag == _EMPTY:
                    node.remove(child)
            if _NOT_ALLOWED in kinds:
                return _EMPTY if node.tag != f"{_R}oneOrMore" else _NOT_ALLOWED
        return None
    if node.tag in _SEQUENCES:
        if _NOT_ALLOWED in kinds:
            return _NOT_ALLOWED
        if body and all(kind == _EMPTY for kind in kinds):
            return _EMPTY
        for child in body:
            if child.tag == _EMPTY and len(_patterns(node)) > 1:
                node.remove(child)
        return None
    # choice
    if body and all(kind == _NOT_ALLOWED for kind in kinds):
        return _NOT_ALLOWED
    for child in body:
        if child.tag == _NOT_ALLOWED and len(_patterns(node)) > 1:
            node.remove(child)
    return None


def _replace(node: etree._Element, tag: str) -> bool:
    """Put an empty ``tag`` element where ``node`` is (keeping the tail); False at the root."""
    parent = node.getparent()
    if parent is None:
        return False
    if node.tag == tag and len(node) == 0:
        return False
    replacement = etree.Element(tag)
    replacement.tail = node.tail
    parent.replace(node, replacement)
    return True
