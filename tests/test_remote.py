"""Inputs named by fsspec URLs: ``memory://`` and ``file://`` read through bytes, diagnostics naming the URL."""

from __future__ import annotations

import json
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from teikit.check.validate import Validator, validate_paths
from teikit.cli import cli

fsspec = pytest.importorskip("fsspec", reason="fsspec is not installed (pip install -e '.[fsspec]')")

ROOT = Path(__file__).resolve().parent.parent
SEED_TEI = (ROOT / "tei" / "wilson-111240.xml").read_text(encoding="utf-8")
STYLESHEET = '<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0"/>'


def texts() -> dict[str, str]:
    """A valid record, one with a wrong pointer (in a sub-folder), a truncated one, a stylesheet and a note."""
    return {
        "a.xml": SEED_TEI,
        "sub/bad.xml": SEED_TEI.replace('who="#stalin"', 'who="#stalinn"', 1),
        "truncated.xml": SEED_TEI[: len(SEED_TEI) // 2],
        "style.xml": STYLESHEET,
        "notes.txt": "not XML",
    }


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["validate", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def memory() -> Iterator[str]:
    """A folder of the in-memory file system (this process's), removed afterwards."""
    fs = fsspec.filesystem("memory")
    folder = f"/teikit-{uuid.uuid4().hex}/tei"
    for name, text in texts().items():
        fs.pipe(f"{folder}/{name}", text.encode("utf-8"))
    yield f"memory://{folder}"
    fs.rm(folder.rsplit("/", 1)[0], recursive=True)


@pytest.fixture
def local(tmp_path: Path) -> Path:
    folder = tmp_path / "tei"
    for name, text in texts().items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def as_urls(report: str, folder: Path, url: str) -> list[dict[str, Any]]:
    """A JSON report of local files with each file named by its URL."""
    records: list[dict[str, Any]] = json.loads(report)
    for record in records:
        record["file"] = record["file"].replace(str(folder), url, 1)
    return records


@pytest.mark.parametrize("scheme", ["memory", "file"])
def test_a_folder_url_gives_the_report_of_the_folder(scheme: str, memory: str, local: Path) -> None:
    url = memory if scheme == "memory" else f"file://{local}"
    code, out, err = run(url, "--format", "json", "-j", "1")
    expected_code, expected, _ = run(str(local), "--format", "json", "-j", "1")
    assert code == expected_code == 1
    assert json.loads(out) == as_urls(expected, local, url)
    assert {record["file"] for record in json.loads(out)} == {f"{url}/sub/bad.xml", f"{url}/truncated.xml"}
    assert f"{url}/style.xml: skipped, its root <xsl:stylesheet>" not in err  # the root's local name is shown
    assert f"{url}/style.xml: skipped, its root <stylesheet> is not TEI or teiCorpus" in err
    assert "notes.txt" not in out + err


def test_diagnostics_name_the_url_at_the_place(memory: str) -> None:
    code, out, _ = run(f"{memory}/sub/bad.xml", "-j", "1")
    assert code == 1
    assert out.splitlines()[0].startswith(f'{memory}/sub/bad.xml:157:33: error: @who="#stalinn"')


def test_files_only_this_process_holds_are_checked_here_whatever_the_jobs(memory: str) -> None:
    """Worker processes cannot see this process's memory file system: such files are checked here."""
    fs = fsspec.filesystem("memory")
    folder = memory.removeprefix("memory://")
    for index in range(20):
        fs.pipe(f"{folder}/copy-{index}.xml", SEED_TEI.encode("utf-8"))
    results = validate_paths([memory], Validator(), jobs=2)
    assert len(results) == 24
    assert [result.path for result in results if result.valid][:2] == [f"{memory}/a.xml", f"{memory}/copy-0.xml"]
    assert not any(diagnostic.code == "internal-error" for result in results for diagnostic in result.diagnostics)


def test_a_missing_url_is_an_unreadable_input(tmp_path: Path) -> None:
    code, out, _ = run(f"file://{tmp_path}/nothere.xml")
    assert code == 2 and out == f"file://{tmp_path}/nothere.xml: error: no such file [input-missing]\n"


def test_an_unknown_protocol_is_an_unreadable_input() -> None:
    code, _, err = run("nosuchprotocol://bucket/tei/a.xml")
    assert code == 2 and "nosuchprotocol://bucket/tei/a.xml: error: cannot read this URL" in err


def test_without_fsspec_the_message_says_what_to_install(monkeypatch: pytest.MonkeyPatch, memory: str) -> None:
    monkeypatch.setitem(sys.modules, "fsspec", None)
    code, _, err = run(memory)
    assert code == 2 and "pip install 'teikit[fsspec]'" in err and memory in err


def test_the_cache_takes_local_files_only(tmp_path: Path, memory: str) -> None:
    code, _, err = run(memory, f"--cache={tmp_path / 'cache.sqlite'}")
    assert code == 2 and "[cache-url]" in err and not (tmp_path / "cache.sqlite").exists()
