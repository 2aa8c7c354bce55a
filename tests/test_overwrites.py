"""No command writes over its own input, and none replaces a file without --force."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from teikit.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "records" / "wilson-111240.md"
SEED_TEI = ROOT / "tei" / "wilson-111240.xml"


def run(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(arguments))
    return result.exit_code, result.stderr


def test_convert_never_writes_over_the_transcript(tmp_path: Path) -> None:
    # Before the fix 'convert rec.md -o rec.md --force' replaced the transcript with TEI.
    record = tmp_path / "rec.md"
    shutil.copy(SEED, record)
    for arguments in (["-o", str(record), "--force"], ["-o", "-", "--report", str(record), "--force"]):
        code, stderr = run("convert", str(record), *arguments)
        assert code == 2 and "output-is-input" in stderr, stderr
        assert record.read_bytes() == SEED.read_bytes()


def test_convert_report_is_not_replaced_without_force(tmp_path: Path) -> None:
    # Before the fix --report EXISTING was replaced silently.
    report = tmp_path / "report.txt"
    report.write_text("mine", encoding="utf-8")
    code, stderr = run("convert", str(SEED), "-o", str(tmp_path / "rec.xml"), "--report", str(report))
    assert code == 2 and "output-exists" in stderr and report.read_text(encoding="utf-8") == "mine"
    assert not (tmp_path / "rec.xml").exists()
    code, _ = run("convert", str(SEED), "-o", str(tmp_path / "rec.xml"), "--report", str(report), "--force")
    assert code == 0 and "wilson-111240.md:" in report.read_text(encoding="utf-8")


def test_convert_out_dir_never_keeps_one_of_two_records_silently(tmp_path: Path) -> None:
    # Before the fix rec.md and rec.txt both became rec.xml: one was lost, exit 0.
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "rec.md")
    shutil.copy(SEED, folder / "rec.txt")
    code, stderr = run("convert", str(folder), "--out-dir", str(tmp_path / "out"), "-q")
    assert code == 2 and "rec.md and rec.txt would both become rec.xml" in stderr


def test_validate_never_writes_its_report_over_an_input(tmp_path: Path) -> None:
    # Before the fix 'validate v.xml -o v.xml' replaced the document with the report.
    document = tmp_path / "v.xml"
    shutil.copy(SEED_TEI, document)
    code, stderr = run("validate", str(tmp_path), "--format", "junit", "-o", str(document))
    assert code == 2 and "output-is-input" in stderr
    assert document.read_bytes() == SEED_TEI.read_bytes()


def test_render_never_writes_over_an_input(tmp_path: Path) -> None:
    # Before the fix 'render rec.txt --to text -o .' replaced the input with its text edition.
    document = tmp_path / "rec.txt"
    shutil.copy(SEED_TEI, document)
    for where in (["-d", str(tmp_path)], ["-o", str(document)]):
        code, stderr = run("render", str(document), "--to", "text", *where)
        assert code == 2 and "output-is-input" in stderr
        assert document.read_bytes() == SEED_TEI.read_bytes()
