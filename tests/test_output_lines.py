"""Reports stay well-formed whatever the names and values: one line per diagnostic, JUnit that parses."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from teikit.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEED_TEI = ROOT / "tei" / "wilson-111240.xml"


def test_a_control_character_in_a_file_name_gives_junit_that_parses(tmp_path: Path) -> None:
    # Before the fix lxml raised ValueError (All strings must be XML compatible): a traceback.
    shutil.copy(SEED_TEI, tmp_path / "bad\x01name.xml")
    (tmp_path / "broken\x02.xml").write_text("<TEI>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path), "--format", "junit"])
    assert result.exit_code == 1, result.output
    suites = etree.fromstring(result.stdout.encode())
    classes = sorted({case.get("classname") for case in suites.iter("testcase")})
    assert classes == [str(tmp_path / "bad\\x01name.xml"), str(tmp_path / "broken\\x02.xml")]


def test_a_newline_in_a_value_cannot_forge_a_diagnostic(tmp_path: Path) -> None:
    # Before the fix the message held the newline and its second half read as a diagnostic of its own.
    text = SEED_TEI.read_text(encoding="utf-8")
    forged = f"x&#10;{tmp_path}/other.xml:1:1: error: forged [rng]"
    document = tmp_path / "record.xml"
    document.write_text(text.replace('<date when="1949-12-16"', f'<date when="{forged}"', 1), encoding="utf-8")
    assert '<date when="x&#10;' in document.read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(document)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith(f"{document}:") for line in lines), lines
    assert any("x\\n" in line for line in lines)
