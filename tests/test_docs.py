"""Documentation cannot drift: every command has help with an example and a place in README; CI runs README's tests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from teikit.check import formats
from teikit.cli import REPORT_FORMATS, VALIDATE_FORMATS, cli
from teikit.convert import report
from teikit.convert.brackets import RULES

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_teaches_with_an_example(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert re.search(r"Examples?:\n\s+teikit " + name, result.output), result.output
    assert f"teikit {name}" in README


def test_ci_runs_the_test_command_readme_gives() -> None:
    commands = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    test_command = next(command for command in commands if "pytest" in command)
    assert test_command.strip() in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_documents_every_bracket_rule_and_exit_code() -> None:
    for rule in RULES:
        assert f"`{rule.name}`" in README, rule.name
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |"):
        assert code in README


def test_command_formats_match_the_library() -> None:
    assert REPORT_FORMATS == report.FORMATS
    assert VALIDATE_FORMATS == formats.FORMATS


def test_ci_examples_are_real() -> None:
    workflow = (ROOT / "examples" / "ci" / "github-actions.yml").read_text(encoding="utf-8")
    assert "uses: ./" in workflow and (ROOT / "action.yml").is_file()
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "id: teikit-validate" in hooks and "entry: teikit validate" in hooks
    for text in (README, workflow, hooks):
        assert "example.org" not in text and "rev: v0.1.0" not in text


def test_readme_commands_use_the_option_vocabulary() -> None:
    """No README example uses a spelling the commands no longer have (build -o DIR, render -o DIR, --out)."""
    for line in README.splitlines():
        if line.startswith("teikit ") or line.startswith("python3 -m venv"):
            assert " --out " not in line and not re.search(r"teikit (build|render)\b.* -o \S+/", line), line


def test_packaging_files_exist_and_agree() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT" and "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "MIT" in README
    assert (ROOT / "src" / "teikit" / "py.typed").is_file()
    assert any(classifier == "Typing :: Typed" for classifier in project["classifiers"])
    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert "cff-version: 1.2.0" in citation and f"version: {project['version']}" in citation
    assert "license: MIT" in citation
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{project['version']}]" in changelog
    for url in project.get("urls", {}).values():
        assert "example" not in url
