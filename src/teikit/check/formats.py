"""Print validation results for people and for CI systems.

* ``text``: ``file:line:col: error: message [rule]``, one line each, as
  compilers print (editors and terminals make them clickable);
* ``json``: a list of objects (file, line, column, level, message, rule);
* ``junit``: JUnit XML: a passing test case per valid file, a failing test
  case per error of an invalid file, each with ``file`` and ``line``
  attributes (GitLab, Jenkins and Azure show them at the place);
* ``github``: GitHub Actions workflow commands,
  ``::error file=…,line=…,col=…,title=…::message``, which annotate the
  pull request. GitHub shows only the first 10 annotations of each kind per
  step, so :func:`github_summary` gives every problem as a Markdown table
  for the job summary;
* ``sarif``: SARIF 2.1.0 for code scanning (:mod:`teikit.check.sarif`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from teikit.check.results import FileResult

FORMATS = ("text", "json", "junit", "github", "sarif")

#: GitHub shows at most this many annotations of one kind per step.
GITHUB_ANNOTATION_LIMIT = 10


def summary(results: Sequence[FileResult]) -> str:
    """``3 files checked: 2 valid, 1 invalid (4 errors)``."""
    invalid = [result for result in results if not result.valid]
    errors = sum(len(result.errors) for result in results)
    warnings = sum(len(result.diagnostics) - len(result.errors) for result in results)
    text = f"{len(results)} file{'s' if len(results) != 1 else ''} checked: {len(results) - len(invalid)} valid, {len(invalid)} invalid"
    details = [f"{errors} error{'s' if errors != 1 else ''}"] if errors else []
    if warnings:
        details.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return text + (f" ({', '.join(details)})" if details else "")


def render(results: Sequence[FileResult], fmt: str) -> str:
    """The results in format ``fmt`` (see the module doc); ends with a newline unless empty."""
    if fmt == "json":
        return json.dumps(_records(results), ensure_ascii=False, indent=2) + "\n"
    if fmt == "junit":
        return _junit(results)
    if fmt == "github":
        return "".join(_github(record) + "\n" for record in _records(results))
    if fmt == "sarif":
        from teikit.check.sarif import render_sarif

        return render_sarif(results)
    return "".join(str(diagnostic) + "\n" for result in results for diagnostic in result.diagnostics)


def _records(results: Sequence[FileResult]) -> list[dict[str, object]]:
    records = []
    for result in results:
        for diagnostic in result.diagnostics:
            location = diagnostic.location
            records.append(
                {
                    "file": location.path if location else result.path,
                    "line": location.line if location else 0,
                    "column": location.col if location else 0,
                    "level": diagnostic.level,
                    "message": diagnostic.message,
                    "rule": diagnostic.code,
                }
            )
    return records


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(record: dict[str, object]) -> str:
    command = "error" if record["level"] == "error" else "warning"
    properties = [f"file={_escape_property(str(record['file']))}"]
    if record["line"]:
        properties.append(f"line={record['line']}")
        properties.append(f"col={record['column']}")
    properties.append(f"title={_escape_property(str(record['rule']))}")
    return f"::{command} {','.join(properties)}::{_escape_data(str(record['message']))}"


def github_summary(results: Sequence[FileResult]) -> str:
    """Every problem as a Markdown table, for ``$GITHUB_STEP_SUMMARY`` (see the module doc)."""
    records = _records(results)
    lines = [
        "## teikit validate",
        "",
        summary(results),
        "",
        "| File | Line | Column | Level | Rule | Message |",
        "| --- | ---: | ---: | --- | --- | --- |",
    ]
    for record in records:
        cells = [record["file"], record["line"], record["column"], record["level"], record["rule"], record["message"]]
        lines.append("| " + " | ".join(_table_cell(str(cell)) for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def needs_summary(results: Sequence[FileResult]) -> bool:
    """More errors, or more warnings, than GitHub shows as annotations."""
    errors = sum(len(result.errors) for result in results)
    warnings = sum(len(result.diagnostics) for result in results) - errors
    return max(errors, warnings) > GITHUB_ANNOTATION_LIMIT


def _table_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


_NOT_XML_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    """``text`` with the characters XML cannot hold (control characters in a file name) as escapes."""
    return _NOT_XML_RE.sub(lambda match: repr(match.group())[1:-1], text)


def _junit(results: Sequence[FileResult]) -> str:
    from lxml import etree  # here: the other formats (and a cached run) do without lxml

    suites = etree.Element("testsuites", name="teikit validate")
    suite = etree.SubElement(suites, "testsuite", name="teikit validate", errors="0", skipped="0")
    tests = failures = 0
    for result in results:
        if result.valid:
            tests += 1
            name = _xml_text(result.path)
            case = etree.SubElement(suite, "testcase", classname=name, name=name, file=name, line="1")
            if result.diagnostics:
                etree.SubElement(case, "system-out").text = _xml_text("\n".join(map(str, result.diagnostics)))
            continue
        for diagnostic in result.errors or result.diagnostics:
            tests += 1
            failures += 1
            location = diagnostic.location
            path = location.path if location else result.path
            line = location.line if location and location.line > 0 else 1
            where = f"{line}:{location.col}" if location and location.line > 0 else "file"
            case = etree.SubElement(
                suite,
                "testcase",
                classname=_xml_text(result.path),
                name=_xml_text(f"{diagnostic.code} at {where}"),
                file=_xml_text(path),
                line=str(line),
            )
            failure = etree.SubElement(
                case, "failure", message=_xml_text(diagnostic.message), type=_xml_text(diagnostic.code)
            )
            failure.text = _xml_text(str(diagnostic))
    for element in (suites, suite):
        element.set("tests", str(tests))
        element.set("failures", str(failures))
    suites.set("errors", "0")
    return str(
        etree.tostring(suites, encoding="unicode", pretty_print=True, doctype='<?xml version="1.0" encoding="UTF-8"?>')
    )
