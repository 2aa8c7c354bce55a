"""The pre-commit hook teikit offers, run by pre-commit itself on a temporary repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def git(folder: Path, *arguments: str) -> None:
    subprocess.run(["git", *arguments], cwd=folder, check=True, capture_output=True)


def test_teikit_validate_hook(tmp_path: Path) -> None:
    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    if not Path(pre_commit).exists():
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    project = tmp_path / "edition"
    (project / "tei").mkdir(parents=True)
    seed = (ROOT / "tei" / "wilson-111240.xml").read_text(encoding="utf-8")
    (project / "tei" / "good.xml").write_text(seed, encoding="utf-8")
    git(project, "init", "-q")
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    environment = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    command = [pre_commit, "try-repo", str(ROOT), "teikit-validate", "--all-files"]
    passing = subprocess.run(command, cwd=project, capture_output=True, text=True, env=environment, check=False)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "teikit validate" in passing.stdout and "Passed" in passing.stdout
    (project / "tei" / "bad.xml").write_text(
        seed.replace('<gloss resp="#danny-rozas">', '<gloss resp="#nobody">', 1), encoding="utf-8"
    )
    git(project, "add", ".")
    failing = subprocess.run(command, cwd=project, capture_output=True, text=True, env=environment, check=False)
    assert failing.returncode == 1
    assert "Failed" in failing.stdout
    assert "tei/bad.xml:" in failing.stdout and "[teikit-pointer-resp]" in failing.stdout
