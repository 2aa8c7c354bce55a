"""An edition project: ``teikit init``, then every command without options, settings from teikit.toml."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from teikit.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "records" / "wilson-111240.md"


def run(*arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(arguments))
    return result.exit_code, result.stdout, result.stderr


def _title(site: Path) -> str:
    html = (site / "index.html").read_text(encoding="utf-8")
    return html.split("<h1>", 1)[1].split("</h1>", 1)[0]


def test_init_writes_the_project_layout(tmp_path: Path) -> None:
    project = tmp_path / "edition"
    code, _out, err = run(
        "init", str(project), "--title", "Sino-Soviet records", "-l", "en", "-l", "ru", "--publisher", "An archive"
    )
    assert code == 0, err
    settings = tomllib.loads((project / "teikit.toml").read_text(encoding="utf-8"))
    assert settings["title"] == "Sino-Soviet records" and settings["languages"] == ["en", "ru"]
    assert settings["publisher"] == "An archive" and settings["ui_lang"] == "en" and settings["base_url"] == ""
    assert settings["schema"] == "schemas/teikit.rng" and settings["schematron"] == "schemas/teikit.sch"
    for name in ("teikit.rng", "teikit.sch", "teikit.odd"):
        assert (project / "schemas" / name).read_bytes() == (ROOT / "schemas" / name).read_bytes()
    assert (project / "records").is_dir() and (project / "tei").is_dir()
    hooks = yaml.safe_load((project / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks["repos"][0]["hooks"]
    assert hook["entry"].startswith("teikit validate") and hook["files"] == r"\.xml$"
    workflow = yaml.safe_load((project / ".github" / "workflows" / "tei.yml").read_text(encoding="utf-8"))
    commands = [step.get("run", "") for step in workflow["jobs"]["tei"]["steps"]]
    assert "teikit validate --format github" in commands and "teikit build" in commands
    assert any(command.startswith("pip install 'teikit") for command in commands)
    assert "example.org" not in (project / ".github" / "workflows" / "tei.yml").read_text(encoding="utf-8")


def test_init_never_replaces_a_file(tmp_path: Path) -> None:
    (tmp_path / "teikit.toml").write_text('title = "mine"\n', encoding="utf-8")
    code, _out, err = run("init", str(tmp_path))
    assert code == 2 and "teikit.toml" in err and "--force" in err
    assert (tmp_path / "teikit.toml").read_text(encoding="utf-8") == 'title = "mine"\n'
    assert not (tmp_path / "schemas").exists()


def test_init_convert_validate_build_with_no_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "edition"
    assert run("init", str(project), "--title", "Stalin and Mao")[0] == 0
    shutil.copy(SEED, project / "records" / SEED.name)
    monkeypatch.chdir(project)
    code, _out, err = run("convert")
    assert code == 0, err
    assert (project / "tei" / "wilson-111240.xml").is_file()
    code, out, err = run("validate")
    assert code == 0, out + err
    assert "1 file checked: 1 valid" in err
    code, _out, err = run("build")
    assert code == 0, err
    assert (project / "site" / "wilson-111240.html").is_file()
    assert _title(project / "site") == "Stalin and Mao"
    # Run from a subfolder: the settings and folders are still the project's.
    monkeypatch.chdir(project / "tei")
    code, out, err = run("validate")
    assert code == 0 and "1 file checked" in err, out + err


def test_command_line_wins_and_the_next_build_takes_the_settings_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "teikit.toml").write_text(
        'title = "From the settings"\ntei = "texts"\nsite = "public"\n', encoding="utf-8"
    )
    (tmp_path / "texts").mkdir()
    shutil.copy(ROOT / "tei" / "wilson-111240.xml", tmp_path / "texts" / "record.xml")
    monkeypatch.chdir(tmp_path)
    assert run("build", "--title", "Given once")[0] == 0
    assert _title(tmp_path / "public") == "Given once"
    assert run("build")[0] == 0
    assert _title(tmp_path / "public") == "From the settings"
    assert run("build", "-d", "other")[0] == 0
    assert (tmp_path / "other" / "index.html").is_file()


def test_settings_in_pyproject_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.teikit]\ntei = "texts"\n', encoding="utf-8"
    )
    (tmp_path / "texts").mkdir()
    shutil.copy(ROOT / "tei" / "wilson-111240.xml", tmp_path / "texts" / "record.xml")
    monkeypatch.chdir(tmp_path)
    code, _out, err = run("validate", "-v")
    assert code == 0 and f"{Path('texts') / 'record.xml'}: valid" in err


def test_a_pyproject_without_the_table_does_not_stop_the_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "teikit.toml").write_text('tei = "texts"\n', encoding="utf-8")
    inner = tmp_path / "tools"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (tmp_path / "texts").mkdir()
    shutil.copy(ROOT / "tei" / "wilson-111240.xml", tmp_path / "texts" / "record.xml")
    monkeypatch.chdir(inner)
    code, _out, err = run("validate", "-v")
    assert code == 0 and f"{Path('..') / 'texts' / 'record.xml'}: valid" in err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('titel = "x"\n', "teikit.toml: error: unknown setting 'titel'"),
        ("jobs = -1\n", "teikit.toml: error: setting 'jobs' must be a whole number"),
        ('title = "x\n', "teikit.toml:1:"),
    ],
)
def test_a_broken_settings_file_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, expected: str
) -> None:
    (tmp_path / "teikit.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _out, err = run("validate", ".")
    assert code == 2 and expected in err, err


@pytest.mark.parametrize(
    ("recorded", "expected"),
    [
        (
            {"url": "https://git.test/teikit.git", "vcs_info": {"vcs": "git", "commit_id": "0123abc"}},
            "teikit @ git+https://git.test/teikit.git@0123abc",
        ),
        (
            {"url": "https://files.test/teikit-0.1.0.tar.gz", "archive_info": {}},
            "teikit @ https://files.test/teikit-0.1.0.tar.gz",
        ),
        ({"url": "file:///home/me/teikit", "dir_info": {"editable": True}}, "teikit==0.1.0"),
        (None, "teikit==0.1.0"),
    ],
)
def test_the_workflow_installs_the_teikit_that_wrote_it(
    monkeypatch: pytest.MonkeyPatch, recorded: dict[str, object] | None, expected: str
) -> None:
    import json

    from teikit.core import project

    class Distribution:
        def read_text(self, name: str) -> str | None:
            assert name == "direct_url.json"
            return json.dumps(recorded) if recorded is not None else None

    monkeypatch.setattr(project.metadata, "distribution", lambda name: Distribution())
    assert project.install_requirement() == expected
    assert f"pip install '{expected}'" in project.workflow_text()


def test_converted_tei_points_at_the_project_schemas(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("init", str(tmp_path))[0] == 0
    shutil.copy(SEED, tmp_path / "records" / SEED.name)
    monkeypatch.chdir(tmp_path)
    assert run("convert")[0] == 0
    head = (tmp_path / "tei" / "wilson-111240.xml").read_text(encoding="utf-8")[:600]
    assert '<?xml-model href="../schemas/teikit.rng"' in head and '<?xml-model href="../schemas/teikit.sch"' in head
