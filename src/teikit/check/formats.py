"""Print validation results for people and for CI systems.

* ``text``: ``file:line:col: error: message [rule]``, one line each, as
  compilers print (editors and terminals make them clickable);
* ``json``: a list of objects (file, line, column, level, message, rule);
* ``junit``: JUnit XML, one test case per file, a failure per invalid file;
* ``github``: GitHub Actions workflow commands,
  ``::error file=…,line=…,col=…,title=…::message``, which annotate the
  pull request.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from lxml import etree

from teikit.check.validate import FileResult

FORMATS = ("text", "json", "junit", "github")


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


_NOT_XML_RE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    """``text`` with the characters XML cannot hold (control characters in a file name) as escapes."""
    return _NOT_XML_RE.sub(lambda match: repr(match.group())[1:-1], text)


def _junit(results: Sequence[FileResult]) -> str:
    failures = sum(1 for result in results if not result.valid)
    suites = etree.Element(
        "testsuites", name="teikit validate", tests=str(len(results)), failures=str(failures), errors="0"
    )
    suite = etree.SubElement(
        suites,
        "testsuite",
        name="teikit validate",
        tests=str(len(results)),
        failures=str(failures),
        errors="0",
        skipped="0",
    )
    for result in results:
        case = etree.SubElement(suite, "testcase", classname="teikit.check.validate", name=_xml_text(result.path))
        if result.valid:
            continue
        first = (result.errors or result.diagnostics)[0]
        failure = etree.SubElement(case, "failure", message=_xml_text(first.message), type=_xml_text(first.code))
        failure.text = _xml_text("\n".join(str(diagnostic) for diagnostic in result.diagnostics))
    return str(
        etree.tostring(suites, encoding="unicode", pretty_print=True, doctype='<?xml version="1.0" encoding="UTF-8"?>')
    )
