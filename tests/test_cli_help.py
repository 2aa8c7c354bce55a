"""``teikit --help``: each command listed once, answered without importing click or lxml."""

from __future__ import annotations

import re
import subprocess
import sys

from click.testing import CliRunner

from teikit.__main__ import HELP
from teikit.cli import cli


def test_fast_help_is_what_click_prints() -> None:
    printed = CliRunner().invoke(cli, ["--help"], prog_name="teikit", terminal_width=78).output
    assert printed == HELP, "paste this into HELP in src/teikit/__main__.py:\n" + printed


def test_help_lists_each_command_once() -> None:
    for name in cli.commands:
        assert len(re.findall(rf"^  {name}\b", HELP, re.M)) == 1, name


def test_help_and_version_import_neither_click_nor_lxml() -> None:
    for argument in ("--help", "--version"):
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "teikit", argument], capture_output=True, text=True, check=True
        )
        imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
        assert not {"click", "lxml", "lxml.etree", "saxonche", "teikit.cli"} & imported, argument
    assert result.stdout == f"teikit, version {__import__('teikit').__version__}\n"


def test_other_command_lines_reach_click() -> None:
    result = subprocess.run([sys.executable, "-m", "teikit", "validate", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "Usage: teikit validate" in result.stdout
