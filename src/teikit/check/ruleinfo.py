"""What each rule id means, for reports that describe their rules (SARIF, the job summary).

Every diagnostic carries a rule id (``rng-attribute-value``,
``teikit-pointer-resp``, ``xml-malformed`` ...). This table gives each a
one-line description, as data; an id not in the table (another project's
Schematron, say) is described by the family its prefix names.
"""

from __future__ import annotations

RULES: dict[str, str] = {
    # RELAX NG grammar (teikit.rng or the schema given with --schema)
    "rng-element": "An element is not allowed at this place by the grammar.",
    "rng-attribute": "An attribute is not allowed on this element by the grammar.",
    "rng-attribute-value": "An attribute's value is not one the grammar allows.",
    "rng-attribute-missing": "An element lacks an attribute the grammar requires.",
    "rng-text": "Text stands where the grammar allows only elements.",
    "rng-namespace": "An element is not in the TEI namespace.",
    "rng-root": "The document's root element is not one the grammar starts with.",
    "rng-missing": "An element lacks content the grammar requires.",
    "rng-datatype": "A value does not match the grammar's datatype.",
    "rng-content": "An element's content does not match the grammar.",
    "rng": "The document does not match the grammar.",
    # Schematron (teikit.sch)
    "teikit-pointer-who": "@who points to an xml:id of the document.",
    "teikit-pointer-ref": "@ref points to an xml:id of the document.",
    "teikit-pointer-corresp": "@corresp points to an xml:id of the document.",
    "teikit-pointer-resp": "@resp points to an xml:id of the document.",
    "teikit-pointer-target": "@target points to an xml:id of the document.",
    "teikit-pointer-hand": "@hand and @new point to a handNote.",
    "teikit-note-ref": "A further marker of a footnote points to the note.",
    "teikit-who-person": "A turn's @who points to a person.",
    "teikit-corresp-symmetric": "Translation and original point to each other.",
    "teikit-corresp-symmetric-many": "Each of several counterparts points back.",
    "teikit-unique-id": "xml:id values are unique.",
    "teikit-iso-date": "@when is a real ISO date.",
    "teikit-creation-date": "The creation date agrees with the title's date.",
    "teikit-sp-speaker": "Each turn has one speaker label.",
    "teikit-sp-speaker-first": "A turn's speaker label comes first.",
    "teikit-not-empty": "supplied, expan, ex, reg and corr are not empty.",
    "teikit-resp": "Editorial interventions say who made them.",
    "teikit-resp-supplied": "Supplied text says who supplied it.",
    "teikit-pb-in-word": 'A page break inside a word has break="no".',
    "teikit-lang-declared": "Each text's xml:lang is declared in langUsage.",
    # Reading and parsing
    "xml-malformed": "The file is not well-formed XML.",
    "xml-entity": "The file declares or uses entities, which teikit refuses.",
    "xml-dtd": "The file loads an external DTD, which teikit refuses.",
    "xml-xinclude": "The file uses XInclude, which teikit refuses.",
    "xml-stylesheet": "An xml-stylesheet instruction is never applied.",
    "xml-too-large": "The file is larger than teikit reads.",
    "input-missing": "A path given does not exist.",
    "input-folder": "A folder was given where a file is needed.",
    "input-unreadable": "A file cannot be read.",
}

_FAMILIES = {
    "rng": "RELAX NG grammar rule",
    "teikit": "Schematron rule",
    "xml": "XML reading rule",
    "input": "input rule",
}


def describe(rule: str) -> str:
    """The rule's one-line description (a family description for an unknown id)."""
    if rule in RULES:
        return RULES[rule]
    family = _FAMILIES.get(rule.split("-", 1)[0], "Schematron rule")
    return f"{family} {rule}."


def family(rule: str) -> str:
    """``grammar``, ``schematron``, ``xml`` or ``input``: where the rule comes from (a SARIF tag)."""
    prefix = rule.split("-", 1)[0]
    return {"rng": "grammar", "xml": "xml", "input": "input"}.get(prefix, "schematron")
