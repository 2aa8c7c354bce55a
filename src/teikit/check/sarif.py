"""Validation results as SARIF 2.1.0, the format code-scanning services read.

GitHub code scanning, GitLab and Azure DevOps take a SARIF log and show each
result on its line. One run of ``teikit`` is one SARIF run; each diagnostic is
one result, with its rule id, level, message and region (line and column;
columns count characters, so ``columnKind`` is ``unicodeCodePoints``). The
tool's ``rules`` array describes every rule that occurs, from
:mod:`teikit.check.ruleinfo`. Files under the current folder are written as
paths relative to the base ``SRCROOT`` (the current folder), which is what a
repository-relative upload needs; others as absolute ``file:`` URIs.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from teikit import __version__
from teikit.check.results import FileResult
from teikit.check.ruleinfo import describe, family

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "SRCROOT"


def to_sarif(results: Sequence[FileResult], root: Path | None = None) -> dict[str, Any]:
    """A SARIF 2.1.0 log of ``results`` (see the module doc); ``root`` defaults to the current folder."""
    base = (root or Path.cwd()).resolve()
    diagnostics = [(result, diagnostic) for result in results for diagnostic in result.diagnostics]
    rule_ids = sorted({diagnostic.code for _, diagnostic in diagnostics})
    index = {rule: number for number, rule in enumerate(rule_ids)}
    sarif_results = []
    for result, diagnostic in diagnostics:
        path = diagnostic.location.path if diagnostic.location else result.path
        physical: dict[str, Any] = {"artifactLocation": _artifact(path, base)}
        if diagnostic.location and diagnostic.location.line > 0:
            region = {"startLine": diagnostic.location.line}
            if diagnostic.location.col > 0:
                region["startColumn"] = diagnostic.location.col
            physical["region"] = region
        sarif_results.append(
            {
                "ruleId": diagnostic.code,
                "ruleIndex": index[diagnostic.code],
                "level": "error" if diagnostic.level == "error" else "warning",
                "message": {"text": diagnostic.message},
                "locations": [{"physicalLocation": physical}],
            }
        )
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "teikit",
                        "version": __version__,
                        "rules": [_rule(rule) for rule in rule_ids],
                    }
                },
                "originalUriBaseIds": {SRCROOT: {"uri": base.as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }


def render_sarif(results: Sequence[FileResult]) -> str:
    """:func:`to_sarif` as indented JSON text, ending with a newline."""
    return json.dumps(to_sarif(results), ensure_ascii=False, indent=2) + "\n"


def _rule(rule: str) -> dict[str, Any]:
    return {
        "id": rule,
        "name": "".join(part.capitalize() for part in rule.split("-")),
        "shortDescription": {"text": describe(rule)},
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["tei", family(rule)]},
    }


def _artifact(path: str, base: Path) -> dict[str, str]:
    """A path as a URI relative to ``%SRCROOT%`` when it lies under ``base``, else absolute."""
    full = Path(path).resolve()
    try:
        relative = full.relative_to(base)
    except ValueError:
        return {"uri": full.as_uri()}
    return {"uri": quote(relative.as_posix()), "uriBaseId": SRCROOT}
