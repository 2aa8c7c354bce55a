"""``teikit validate``: formats for people and CI, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from teikit.cli import cli

ROOT = Path(__file__).resolve().parent.parent
GITHUB_RE = re.compile(r"^::(error|warning) file=[^,:]+,line=\d+,col=\d+,title=[^,:]+::.+$")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two files: the edition's seed (valid) and a copy with two mistakes."""
    seed = (ROOT / "tei" / "wilson-111240.xml").read_text(encoding="utf-8")
    (tmp_path / "good.xml").write_text(seed, encoding="utf-8")
    bad = seed.replace('<gloss resp="#danny-rozas">', '<gloss resp="#nobody">', 1).replace(
        '<note type="physical"', '<note type="physicl"', 1
    )
    (tmp_path / "bad.xml").write_text(bad, encoding="utf-8")
    return tmp_path


def test_text_format_and_exit_1(folder: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(folder)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    for line in lines:
        assert re.match(rf"^{re.escape(str(folder / 'bad.xml'))}:\d+:\d+: error: .+ \[[\w-]+\]$", line), line
    assert "[rng-attribute-value]" in result.stdout and "[teikit-pointer-resp]" in result.stdout
    assert result.stderr.strip() == "2 files checked: 1 valid, 1 invalid (2 errors)"


def test_valid_files_exit_0(folder: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(folder / "good.xml")])
    assert result.exit_code == 0 and result.stdout == ""


def test_json_format(folder: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(folder), "--format", "json"])
    records = json.loads(result.stdout)
    assert {record["rule"] for record in records} == {"rng-attribute-value", "teikit-pointer-resp"}
    assert all(record["line"] > 0 and record["column"] > 0 for record in records)


def test_junit_output_is_junit_xml(folder: Path, tmp_path: Path) -> None:
    report = tmp_path / "junit.xml"
    result = CliRunner().invoke(cli, ["validate", str(folder), "--format", "junit", "-o", str(report)])
    assert result.exit_code == 1
    root = etree.parse(str(report)).getroot()
    assert root.tag == "testsuites" and root.get("tests") == "2" and root.get("failures") == "1"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == 2 and all(case.get("classname") and case.get("name") for case in cases)
    failures = [case for case in cases if case.find("failure") is not None]
    assert len(failures) == 1 and failures[0].get("name").endswith("bad.xml")
    failure = failures[0].find("failure")
    assert failure.get("type") and failure.get("message")
    assert failure.text.count("error:") == 2


def test_github_annotations(folder: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(folder), "--format", "github"])
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert all(GITHUB_RE.match(line) for line in lines), lines


def test_github_escapes_special_characters() -> None:
    from teikit.check.formats import render
    from teikit.check.validate import FileResult
    from teikit.core.errors import Diagnostic, Location

    result = FileResult("a,b:c.xml", [Diagnostic("error", "50% done\nnext", "rule", Location("a,b:c.xml", 3, 4))])
    assert render([result], "github") == "::error file=a%2Cb%3Ac.xml,line=3,col=4,title=rule::50%25 done%0Anext\n"


def test_other_schema_replaces_the_grammar(tmp_path: Path) -> None:
    rng = tmp_path / "any.rng"
    rng.write_text(
        '<element name="TEI" ns="http://www.tei-c.org/ns/1.0" xmlns="http://relaxng.org/ns/structure/1.0"><empty/></element>',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["validate", str(ROOT / "tei"), "--schema", str(rng)])
    assert result.exit_code == 1
    assert "[teikit-" not in result.stdout  # no teikit Schematron with another grammar


def test_unreadable_path_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "missing.xml")])
    assert result.exit_code == 2
    assert "no such file [input-missing]" in result.stdout


def test_broken_schema_is_exit_3(tmp_path: Path) -> None:
    rng = tmp_path / "broken.rng"
    rng.write_text("<grammar", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(ROOT / "tei"), "--schema", str(rng)])
    assert result.exit_code == 3
    assert "cannot use the RELAX NG schema" in result.stderr


def test_help_has_examples() -> None:
    result = CliRunner().invoke(cli, ["validate", "--help"])
    assert "Examples:" in result.output and "--format github" in result.output
