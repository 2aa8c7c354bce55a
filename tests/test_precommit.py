"""The pre-commit hook teikit offers, run by pre-commit itself on a temporary repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent

#: XML that edition repositories hold beside their TEI, none of which is TEI.
NOT_TEI = {
    "build.xml": '<?xml version="1.0"?>\n<project name="edition" default="site">\n  <target name="site"/>\n</project>\n',
    "pom.xml": '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion></project>\n',
    "xslt/edition.xsl": '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>\n',
    "schemas/local.rng": '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><empty/></start></grammar>\n',
    "images/seal.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n',
}


def git(folder: Path, *arguments: str) -> None:
    subprocess.run(["git", *arguments], cwd=folder, check=True, capture_output=True)


def test_hook_is_restricted_to_tei_files() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "teikit-validate" and hook["entry"] == "teikit validate --allow-empty"
    assert hook["files"] == r"\.xml$" and "xml" not in hook.get("types", [])


def test_teikit_validate_hook(tmp_path: Path) -> None:
    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    if not Path(pre_commit).exists():
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    project = tmp_path / "edition"
    (project / "tei").mkdir(parents=True)
    for name, text in NOT_TEI.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    seed = (ROOT / "tei" / "wilson-111240.xml").read_text(encoding="utf-8")
    (project / "tei" / "good.xml").write_text(seed, encoding="utf-8")
    git(project, "init", "-q")
    git(project, "add", ".")
    environment = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    command = [pre_commit, "try-repo", str(ROOT), "teikit-validate", "--verbose"]
    everything = [*command, "--all-files"]
    passing = subprocess.run(everything, cwd=project, capture_output=True, text=True, env=environment, check=False)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "teikit validate" in passing.stdout and "Passed" in passing.stdout
    assert "build.xml: skipped, its root <project> is not TEI" in passing.stdout
    assert "pom.xml: skipped" in passing.stdout
    assert "1 file checked: 1 valid" in passing.stdout
    for never_passed in ("edition.xsl", "local.rng", "seal.svg"):
        assert never_passed not in passing.stdout
    # Only non-TEI XML staged: nothing to check, and that is fine for a hook.
    git(project, "commit", "-q", "-m", "start")
    (project / "build.xml").write_text(NOT_TEI["build.xml"].replace("site", "html"), encoding="utf-8")
    git(project, "add", ".")
    only_build = subprocess.run(command, cwd=project, capture_output=True, text=True, env=environment, check=False)
    assert only_build.returncode == 0, only_build.stdout + only_build.stderr
    # An invalid TEI still fails the commit.
    (project / "tei" / "bad.xml").write_text(
        seed.replace('<gloss resp="#danny-rozas">', '<gloss resp="#nobody">', 1), encoding="utf-8"
    )
    git(project, "add", ".")
    failing = subprocess.run(everything, cwd=project, capture_output=True, text=True, env=environment, check=False)
    assert failing.returncode == 1
    assert "Failed" in failing.stdout
    assert "tei/bad.xml:" in failing.stdout and "[teikit-pointer-resp]" in failing.stdout
