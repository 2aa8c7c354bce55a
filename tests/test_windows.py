"""An element with thousands of children is validated in windows: linear in its errors, and the same errors.

libxml2 works out the path of each RELAX NG error by walking the node's
siblings, so 60,000 errors among the children of one ``<p>`` took minutes
(48,000: 35 s). These tests use sizes the old path could not finish in a
test run, and check what is found, not how fast.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from teikit.check.validate import Validator
from teikit.check.windows import PASS_BUDGET, WIDE, wide_elements, window_for
from teikit.cli import cli
from teikit.core.errors import Diagnostic
from teikit.core.xmlsafe import parse_document

ROOT = Path(__file__).resolve().parent.parent
SEED_TEI = ROOT / "tei" / "wilson-111240.xml"
SEED = SEED_TEI.read_text(encoding="utf-8")
GRAMMAR = ROOT / "schemas" / "teikit.rng"
BAD = '<hi rend="x" bad="1">w</hi> '
GOOD = '<hi rend="bold">w</hi> '


@pytest.fixture(scope="module")
def validator() -> Validator:
    return Validator()


def _in_first_p(children: str) -> str:
    return SEED.replace("<p>", "<p>" + children, 1)


def _paragraphs(count: int, width: int) -> str:
    """``count`` paragraphs of ``width`` invalid ``<hi>``, each followed by a ``<note>`` with an xml:id."""
    return "".join(
        "<p>" + "".join(f'{BAD}<note xml:id="n{row}-{cell}"/>' for cell in range(width)) + "</p>\n"
        for row in range(count)
    )


def _check(validator: Validator, text: str, window: int) -> list[Diagnostic]:
    validator.window = window
    try:
        return validator.check_document(parse_document(text.encode(), "wide.xml"))
    finally:
        validator.window = WIDE


def _columns(text: str, needle: str) -> list[tuple[int, int]]:
    """line:col of every occurrence of ``needle`` in ``text`` (one pass: the lines are megabytes long)."""
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        found.extend((number, match.start() + 1) for match in re.finditer(re.escape(needle), line))
    return found


def test_60000_errors_on_one_line_are_all_reported_at_their_place(tmp_path: Path) -> None:
    # Before the windows this took minutes in libxml2 alone (48,000 errors: 35 s, growing as the square).
    text = _in_first_p(BAD * 60_000)
    path = tmp_path / "wide.xml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path), "--format", "json", "--no-schematron"])
    assert result.exit_code == 1, result.output
    records = json.loads(result.stdout)
    errors = [record for record in records if record["level"] == "error"]
    assert len(errors) == 60_000
    assert {record["rule"] for record in errors} == {"rng-attribute"}
    assert [(record["line"], record["column"]) for record in errors] == _columns(text, 'bad="1"')
    (note,) = [record for record in records if record["level"] == "warning"]
    assert note["rule"] == "rng-windows"
    assert (note["line"], note["column"]) == _columns(text, "<p>")[0]
    assert note["message"].startswith("<p> has 60,001 children: the grammar checked them 1,000 at a time")
    assert "1 invalid (60000 errors, 1 warning)" in result.stderr


def test_a_wide_valid_document_stays_valid(tmp_path: Path) -> None:
    path = tmp_path / "wide.xml"
    path.write_text(_in_first_p(GOOD * 5_000), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("[rng-windows]") == 1 and ": error:" not in result.stdout
    assert "1 valid, 0 invalid (1 warning)" in result.stderr


def test_one_error_far_into_a_wide_element_is_reported_at_its_line_and_column(validator: Validator) -> None:
    children = "\n".join(BAD if index == 25_000 else GOOD for index in range(30_000))
    text = _in_first_p(children)
    diagnostics = validator.check_document(parse_document(text.encode(), "wide.xml"))
    errors = [diagnostic for diagnostic in diagnostics if diagnostic.level == "error"]
    assert [(d.code, d.location.line, d.location.col) for d in errors if d.location] == [
        ("rng-attribute", *_columns(text, 'bad="1"')[0])
    ]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(_in_first_p((BAD + GOOD * 6) * 400), id="errors-among-valid-children"),
        pytest.param(
            SEED.replace("<body>", "<body>" + _paragraphs(60, 60), 1),
            id="wide-p-inside-wide-body",
        ),
        pytest.param(_in_first_p(GOOD * 600 + "<list/>"), id="last-child-out-of-place"),
    ],
)
def test_windows_find_what_the_whole_document_finds(validator: Validator, text: str) -> None:
    whole = _check(validator, text, 10**9)
    windowed = _check(validator, text, 25)
    assert any(diagnostic.code == "rng-windows" for diagnostic in windowed)
    # Schematron included: the windows are cut from a copy, so id() still finds every xml:id.
    assert [diagnostic for diagnostic in windowed if diagnostic.code != "rng-windows"] == whole


def test_children_out_of_place_are_reported_once_per_window_not_only_the_first(validator: Validator) -> None:
    # libxml2 stops checking an element's content at its first child out of place; jing reports each.
    text = _in_first_p(("<hi>w</hi> <div/> text " + GOOD) * 150)
    whole = _check(validator, text, 10**9)
    found = _check(validator, text, 25)
    notes = [re.match(r"<p> has ([\d,]+) children: the grammar checked them ([\d,]+) at", d.message) for d in found]
    ((children, window),) = [[int(n.replace(",", "")) for n in note.groups()] for note in notes if note]
    windowed = [diagnostic for diagnostic in found if diagnostic.code != "rng-windows"]
    assert set(whole) < set(windowed)
    assert {diagnostic.code for diagnostic in set(windowed) - set(whole)} == {"rng-element"}
    # The first <div> of each window that has one: the 450 children added come first.
    assert children == 451 and window == 25
    assert len([d for d in windowed if d.code == "rng-element"]) == 450 // 25


def test_the_tree_is_left_as_it_was(validator: Validator) -> None:
    document = parse_document(_in_first_p((BAD + GOOD) * 100).encode(), "wide.xml")
    before = etree.tostring(document.tree)
    validator.window = 10
    try:
        validator.check_document(document)
    finally:
        validator.window = WIDE
    assert etree.tostring(document.tree) == before
    assert document.tree.xpath("id('en-p1')")


def test_a_large_document_gets_wider_windows_not_thousands_of_passes() -> None:
    rest = ("<div>" + "<p>x</p>" * 100 + "</div>") * 200
    root = etree.fromstring(f"<r>{rest}<p>{'<hi/>' * 50_000}</p></r>")
    wide = wide_elements(root)
    assert [etree.QName(element).localname for element in wide] == ["p"]
    window = window_for(root, wide)
    total, outside = 1 + 200 * 101 + 1 + 50_000, 1 + 200 * 101 + 1
    assert window > WIDE and -(-50_000 // window) * outside <= PASS_BUDGET * total
    small = etree.fromstring(f"<r><x/><p>{'<hi/>' * 50_000}</p></r>")
    assert window_for(small, wide_elements(small)) == WIDE


@pytest.mark.skipif(shutil.which("jing") is None, reason="jing is not installed (Debian package 'jing')")
@pytest.mark.parametrize(
    ("children", "errors"),
    [
        (GOOD * 3_000, 0),
        ("\n".join(BAD if index == 2_500 else GOOD for index in range(3_000)), 1),
        (BAD * 3_000, 3_000),
    ],
    ids=["valid", "one-far-in", "all-invalid"],
)
def test_verdicts_and_errors_equal_jings(validator: Validator, tmp_path: Path, children: str, errors: int) -> None:
    path = tmp_path / "wide.xml"
    path.write_text(_in_first_p(children), encoding="utf-8")
    jing = subprocess.run(["jing", str(GRAMMAR), str(path)], capture_output=True, text=True, check=False)
    validator.window = 100
    try:
        found = validator.check_file(path)
    finally:
        validator.window = WIDE
    grammar = [d for d in found.errors if d.code.startswith("rng")]
    assert len(grammar) == jing.stdout.count(": error: ") == errors
    assert (jing.returncode == 0) == (not grammar)
    jing_lines = sorted(int(line.split(":")[1]) for line in jing.stdout.splitlines() if ": error: " in line)
    assert sorted(d.location.line for d in grammar if d.location) == jing_lines


def test_build_validates_a_wide_record_and_says_it_used_windows(tmp_path: Path) -> None:
    tei, site = tmp_path / "tei", tmp_path / "site"
    tei.mkdir()
    (tei / "wide.xml").write_text(_in_first_p(GOOD * 1_500), encoding="utf-8")
    (tei / "bad.xml").write_text(_in_first_p(GOOD + BAD * 1_500), encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(tei), "-d", str(site), "--jobs", "1"])
    assert result.exit_code == 1, result.output
    assert result.stderr.count("[rng-windows]") == 2
    assert result.stderr.count("[rng-attribute]") == 1_500
    assert "built 1, skipped 0, failed 1" in result.stderr
