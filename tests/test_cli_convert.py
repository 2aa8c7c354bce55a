"""``teikit convert``: outputs, refusal to overwrite, clear errors for bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from teikit.cli import cli


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_convert_writes_tei_with_schema_instructions(runner: CliRunner, seed: Path, tmp_path: Path) -> None:
    assert runner.invoke(cli, ["schema", "export", str(tmp_path)]).exit_code == 0
    target = tmp_path / "out" / "seed.xml"
    result = runner.invoke(cli, ["convert", str(seed), "-o", str(target)])
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<?xml-model href="../schemas/teikit.rng"')
    root = etree.fromstring(data)
    assert root.tag == "{http://www.tei-c.org/ns/1.0}TEI"


def test_existing_output_is_never_overwritten(runner: CliRunner, seed: Path, tmp_path: Path) -> None:
    target = tmp_path / "seed.xml"
    target.write_text("hand edited", encoding="utf-8")
    result = runner.invoke(cli, ["convert", str(seed), "-o", str(target)])
    assert result.exit_code == 2
    assert f"{target}: error: exists already" in result.stderr
    assert "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "hand edited"
    forced = runner.invoke(cli, ["convert", str(seed), "-o", str(target), "--force"])
    assert forced.exit_code == 0
    assert target.read_bytes().startswith(b"<?xml")


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "[empty]"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00", "[binary]"),
        (b"Just some words without any header.\n\nMore words.\n", "[no-header]"),
        (b"Title: ok\n\n\xff\xfe broken\n", "[encoding]"),
        (b"Title: x\n\nA bell \x07 rings\n", "[control-character]"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(runner: CliRunner, tmp_path: Path, content: bytes, code: str) -> None:
    source = tmp_path / "bad.md"
    source.write_bytes(content)
    target = tmp_path / "bad.xml"
    result = runner.invoke(cli, ["convert", str(source), "-o", str(target)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(str(source)) and code in lines[0]
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [source]


def test_missing_path(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["convert", str(tmp_path / "nope.md"), "-o", str(tmp_path / "x.xml")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{tmp_path / 'nope.md'}: error: no such file or folder [input-missing]"


def test_error_location_points_into_the_file(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "r.txt"
    source.write_bytes(b"Title: t\n\nfine line\nsecond \x01 line\n")
    result = runner.invoke(cli, ["convert", str(source)])
    assert result.stderr.startswith(f"{source}:4:8: error: control character U+0001")


def test_folder_conversion_skips_existing(runner: CliRunner, seed: Path, tmp_path: Path) -> None:
    records = tmp_path / "records"
    records.mkdir()
    (records / "a.md").write_bytes(seed.read_bytes())
    (records / "b.md").write_bytes(seed.read_bytes())
    out = tmp_path / "tei"
    first = runner.invoke(cli, ["convert", str(records), "--out-dir", str(out), "-q"])
    assert first.exit_code == 0, first.stderr
    assert sorted(path.name for path in out.iterdir()) == ["a.xml", "b.xml"]
    (out / "a.xml").write_text("edited by hand", encoding="utf-8")
    second = runner.invoke(cli, ["convert", str(records), "--out-dir", str(out), "-q"])
    assert second.exit_code == 0
    assert "a.xml: skipped, exists already" in second.stderr
    assert (out / "a.xml").read_text(encoding="utf-8") == "edited by hand"


def test_several_records_need_an_output_folder(runner: CliRunner, seed: Path) -> None:
    result = runner.invoke(cli, ["convert", str(seed), str(seed)])
    assert result.exit_code == 2
    assert "--out-dir" in result.stderr


def test_report_lists_brackets(runner: CliRunner, seed: Path, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["convert", str(seed), "-o", str(tmp_path / "s.xml"), "--report", "-"])
    assert result.exit_code == 0
    assert f"{seed}:38:383" in result.stdout
    assert "18 brackets" in result.stdout


def test_help_teaches_with_an_example(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["convert", "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output and "teikit convert" in result.output
    for option in ("--output", "--out-dir", "--force", "--report"):
        assert option in result.output


def test_python_dash_m_runs_the_same_command(seed: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "teikit", "convert", str(seed), "-q"], capture_output=True, check=False
    )
    assert completed.returncode == 0
    assert etree.fromstring(completed.stdout).tag.endswith("TEI")


def test_standard_input_to_standard_output(runner: CliRunner, seed: Path, tmp_path: Path) -> None:
    from_file = tmp_path / "from-file.xml"
    assert runner.invoke(cli, ["convert", str(seed), "-o", str(from_file)]).exit_code == 0
    result = runner.invoke(cli, ["convert", "-"], input=seed.read_bytes())
    assert result.exit_code == 0, result.stderr
    piped = etree.fromstring(result.stdout_bytes)
    assert piped.findtext(".//{*}titleStmt/{*}title") == etree.parse(str(from_file)).findtext(
        ".//{*}titleStmt/{*}title"
    )
    assert len(piped.findall(".//{*}sp")) == len(etree.parse(str(from_file)).findall(".//{*}sp")) > 0


def test_standard_input_errors_name_it(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["convert", "-"], input=b"")
    assert result.exit_code == 2 and result.stderr.startswith("<stdin>: error: the file is empty")


def test_standard_input_cannot_go_to_a_folder(runner: CliRunner, seed: Path, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["convert", "-", "-d", str(tmp_path)], input=seed.read_bytes())
    assert result.exit_code == 2 and "use -o FILE" in result.stderr


def test_an_empty_folder_is_an_error_unless_allowed(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "records").mkdir()
    result = runner.invoke(cli, ["convert", str(tmp_path / "records"), "-d", str(tmp_path / "tei")])
    assert result.exit_code == 2 and "[input-empty-folder]" in result.stderr
    allowed = runner.invoke(cli, ["convert", str(tmp_path / "records"), "-d", str(tmp_path / "tei"), "--allow-empty"])
    assert allowed.exit_code == 0 and not (tmp_path / "tei").exists()
