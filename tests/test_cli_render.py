"""``teikit render``: -o is a file, -d a folder, '-' standard input; empty input is an error."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from teikit.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEED_TEI = ROOT / "tei" / "wilson-111240.xml"


def test_output_is_a_file_and_out_dir_a_folder(tmp_path: Path) -> None:
    page = tmp_path / "out.html"
    result = CliRunner().invoke(cli, ["render", str(SEED_TEI), "-o", str(page)])
    assert result.exit_code == 0, result.stderr
    assert page.is_file() and page.read_text(encoding="utf-8").lower().startswith("<!doctype html>")
    folder = tmp_path / "editions"
    result = CliRunner().invoke(cli, ["render", str(SEED_TEI), "-d", str(folder)])
    assert result.exit_code == 0 and (folder / "wilson-111240.html").read_bytes() == page.read_bytes()
    both = CliRunner().invoke(cli, ["render", str(SEED_TEI), "-o", str(page), "-d", str(folder)])
    assert both.exit_code == 2 and "not both" in both.stderr


def test_standard_input_and_output() -> None:
    from_file = CliRunner().invoke(cli, ["render", str(SEED_TEI), "--to", "text"])
    piped = CliRunner().invoke(cli, ["render", "-", "--to", "text", "-o", "-"], input=SEED_TEI.read_bytes())
    assert piped.exit_code == 0 and piped.stdout == from_file.stdout and len(piped.stdout) > 1000


def test_nothing_to_render_is_an_error_unless_allowed(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["render", str(tmp_path), "-d", str(tmp_path / "out")])
    assert result.exit_code == 2 and "[input-empty]" in result.stderr
    allowed = CliRunner().invoke(cli, ["render", str(tmp_path), "-d", str(tmp_path / "out"), "--allow-empty"])
    assert allowed.exit_code == 0


def test_an_empty_build_is_an_error_unless_allowed(tmp_path: Path) -> None:
    (tmp_path / "tei").mkdir()
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "tei"), "-d", str(tmp_path / "site")])
    assert result.exit_code == 2 and "no TEI records (*.xml) found" in result.stderr
    assert not (tmp_path / "site").exists()
    allowed = CliRunner().invoke(cli, ["build", str(tmp_path / "tei"), "-d", str(tmp_path / "site"), "--allow-empty"])
    assert allowed.exit_code == 0 and (tmp_path / "site" / "index.html").is_file()


def test_editions_are_not_flushed_one_by_one(tmp_path: Path, monkeypatch) -> None:
    # Each fsync cost 4-31 ms a file; an edition is remade from its TEI, so a rename suffices.
    import os

    from teikit.core.workers import worker_state
    from teikit.publish.render import Options, RenderJob, render_job, renderer_factory

    synced: list[int] = []
    monkeypatch.setattr(os, "fsync", synced.append)
    worker_state().update(renderer_factory())
    target = tmp_path / "wilson-111240.html"
    outcome = render_job(RenderJob(str(SEED_TEI), str(target), Options()))
    assert outcome.error is None and target.read_text(encoding="utf-8").lower().startswith("<!doctype html>")
    assert synced == []
