"""``teikit brackets``: the review listing names every bracket at its line and column."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from teikit.cli import cli
from test_brackets import SEED_KINDS


def test_json_listing_has_every_seed_bracket(seed: Path) -> None:
    result = CliRunner().invoke(cli, ["brackets", str(seed), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    found = {}
    for row in rows:
        path, line, col = row["location"].rsplit(":", 2)
        assert path == str(seed)
        found[(int(line), int(col))] = row["rule"]
        assert row["tei"].startswith("<") and row["bracket"].startswith("[")
    assert found == SEED_KINDS


def test_text_and_tsv_listings(seed: Path) -> None:
    text = CliRunner().invoke(cli, ["brackets", str(seed)])
    assert text.exit_code == 0
    assert text.stdout.rstrip().endswith("4 variant-name")
    assert f"{seed}:130:127" in text.stdout and "uncertain" in text.stdout
    tsv = CliRunner().invoke(cli, ["brackets", str(seed), "--format", "tsv"])
    lines = tsv.stdout.splitlines()
    assert lines[0] == "location\tbracket\trule\tkind\ttei\tcontext"
    assert len(lines) == 19
    assert all(len(line.split("\t")) == 6 for line in lines)
    assert "the CC CPC [Central Committee of the Communist Party of China] entrusted me" in tsv.stdout


def test_the_same_bracket_with_different_kinds_is_listed_with_its_context(tmp_path: Path) -> None:
    record = tmp_path / "r.txt"
    record.write_text(
        "Title: T\n\nHe spoke of [1950] plans.\n[?] The start is doubtful.\nKailan [?] mines.\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["brackets", str(record)])
    assert result.exit_code == 0
    assert "same bracket, different kinds: [?]" in result.stdout
    assert "uncertain  … Kailan [?] mines. …" in result.stdout
    assert "same bracket, different kinds: [1950]" not in result.stdout


def test_unclassified_brackets_are_warned_on_stderr(tmp_path: Path) -> None:
    record = tmp_path / "r.txt"
    record.write_text("Title: T\n\nA line with [12 ?? 34] inside.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["brackets", str(record)])
    assert result.exit_code == 0
    assert f"{record}:3:13: warning: bracket [12 ?? 34] matches no rule" in result.stderr
    assert "unclassified" in result.stdout


def test_output_file_and_standard_input(seed: Path, tmp_path: Path) -> None:
    listing = tmp_path / "brackets.tsv"
    written = CliRunner().invoke(cli, ["brackets", str(seed), "--format", "tsv", "-o", str(listing)])
    assert written.exit_code == 0 and written.stdout == ""
    piped = CliRunner().invoke(cli, ["brackets", "-", "--format", "tsv"], input=seed.read_bytes())
    assert piped.exit_code == 0
    from_file = listing.read_text(encoding="utf-8").splitlines()
    from_stdin = piped.stdout.splitlines()
    assert len(from_file) == len(from_stdin) > 10
    # The same rows, the file's name replaced by <stdin>.
    assert [row.replace(str(seed), "<stdin>") for row in from_file] == from_stdin
