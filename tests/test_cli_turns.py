"""``teikit turns`` and ``--speakers``: every label at its line and column, its person and why."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from teikit.cli import cli

TELCON = """Title: Telephone conversation

K: Secondly, on Angola.
D: You are asking us to put this on the same level.
K: But look, it will be easily known.
The Treaty: It holds.
(?): Who is there?
"""


def test_json_listing_of_the_seed_names_every_turn(seed: Path) -> None:
    result = CliRunner().invoke(cli, ["turns", str(seed), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    turns = [row for row in rows if row["turn"]]
    assert len(turns) == 104
    assert {row["person"] for row in turns} == {"stalin", "mao-zedong"}
    lines = seed.read_text(encoding="utf-8").splitlines()
    for row in turns:
        path, line, col = row["location"].rsplit(":", 2)
        assert path == str(seed)
        assert lines[int(line) - 1][int(col) - 1 :].lstrip("✓ ").startswith(row["label"])


def test_text_and_tsv_listings_say_why_and_warn(tmp_path: Path) -> None:
    record = tmp_path / "telcon.txt"
    record.write_text(TELCON, encoding="utf-8")
    text = CliRunner().invoke(cli, ["turns", str(record)])
    assert text.exit_code == 0
    assert re.search(rf"{re.escape(str(record))}:3:1 +K: +k +recurs \(initials\)", text.stdout)
    assert re.search(r":6:1 +The Treaty: +prose +prose; warned", text.stdout)
    assert text.stdout.rstrip().endswith("4 turns, 1 label-shaped paragraphs kept as prose")
    assert f"{record}:6:1: warning:" in text.stderr and f"{record}:7:1: warning:" in text.stderr
    tsv = CliRunner().invoke(cli, ["turns", str(record), "--format", "tsv", "-q"])
    assert tsv.stdout.splitlines()[0] == "location\tlabel\tperson\tturn\twhy"
    assert tsv.stdout.splitlines()[5].split("\t")[1:4] == ["(?):", "-", "yes"]
    assert tsv.stderr == ""


def test_speakers_file_declares_person_ids(tmp_path: Path) -> None:
    record = tmp_path / "telcon.txt"
    record.write_text(TELCON, encoding="utf-8")
    speakers = tmp_path / "speakers.txt"
    speakers.write_text("# telcon initials\nK = kissinger\nD = dobrynin  # the ambassador\n", encoding="utf-8")
    listing = CliRunner().invoke(cli, ["turns", str(record), "--speakers", str(speakers), "--format", "json", "-q"])
    assert [(row["label"], row["person"], row["why"]) for row in json.loads(listing.stdout)][:3] == [
        ("K:", "kissinger", "declared (initials)"),
        ("D:", "dobrynin", "declared (initials)"),
        ("K:", "kissinger", "declared (initials)"),
    ]
    out = tmp_path / "telcon.xml"
    result = CliRunner().invoke(cli, ["convert", str(record), "-o", str(out), "--speakers", str(speakers), "-q"])
    assert result.exit_code == 0, result.stderr
    tei = out.read_text(encoding="utf-8")
    assert '<person xml:id="kissinger" role="speaker">' in tei and 'who="#dobrynin"' in tei


def test_bad_speakers_file_is_refused_with_its_place(tmp_path: Path) -> None:
    record = tmp_path / "telcon.txt"
    record.write_text(TELCON, encoding="utf-8")
    speakers = tmp_path / "speakers.txt"
    speakers.write_text("K = kissinger\nD dobrynin\n", encoding="utf-8")
    out = tmp_path / "telcon.xml"
    result = CliRunner().invoke(cli, ["convert", str(record), "-o", str(out), "--speakers", str(speakers)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{speakers}:2:1: error:") and "LABEL = person-id" in result.stderr
    assert not out.exists()
    missing = CliRunner().invoke(cli, ["turns", str(record), "--speakers", str(tmp_path / "none.txt")])
    assert missing.exit_code == 2 and "speakers-unreadable" in missing.stderr
