"""``teikit build``: a site from a folder of TEI, incremental, safe when killed, honest about failures."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import html5lib
import pytest
from click.testing import CliRunner

from teikit.cli import cli
from teikit.publish.build import build_site
from teikit.publish.manifest import MANIFEST_NAME, Manifest

ROOT = Path(__file__).resolve().parent.parent
SEED_TEI = ROOT / "tei" / "wilson-111240.xml"


def make_records(folder: Path, count: int) -> list[Path]:
    """``count`` valid records: the seed with its record number and some words changed."""
    folder.mkdir(parents=True, exist_ok=True)
    seed = SEED_TEI.read_text(encoding="utf-8")
    paths = []
    for index in range(count):
        text = seed.replace('<idno type="record">111240</idno>', f'<idno type="record">111240-{index}</idno>')
        text = text.replace("After an exchange of greetings", f"After exchange number {index} of greetings")
        path = folder / f"record-{index:03d}.xml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_builds_the_bundled_edition(tmp_path: Path) -> None:
    site = tmp_path / "site"
    report = build_site(ROOT / "tei", site, jobs=1)
    assert [outcome.status for outcome in report.outcomes] == ["built"]
    for name in (
        "index.html",
        "persons.html",
        "search-index-1.json",
        "search-index-1.js",
        "wilson-111240.html",
        "wilson-111240.txt",
        "tei/wilson-111240.xml",
    ):
        assert (site / name).is_file(), name
    index = (site / "index.html").read_text(encoding="utf-8")
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(index)
    assert not parser.errors
    assert 'href="wilson-111240.html"' in index and "Archive of the President, Russian Federation" in index
    search = json.loads((site / "search-index-1.json").read_text(encoding="utf-8"))
    assert search[0]["key"] == "wilson-111240" and "port arthur" in search[0]["text"]
    persons = (site / "persons.html").read_text(encoding="utf-8")
    assert 'href="wilson-111240.html#fedorenko"' in persons and "interpreter" in persons
    assert (site / "tei" / "wilson-111240.xml").read_bytes() == SEED_TEI.read_bytes()


def test_second_run_skips_and_one_change_rebuilds_one(tmp_path: Path) -> None:
    tei, site = tmp_path / "tei", tmp_path / "site"
    paths = make_records(tei, 5)
    first = build_site(tei, site, jobs=1)
    assert len(first.of("built")) == 5
    for path in paths:  # older than a timestamp tick, as a real corpus is: known by its stat from now on
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 10**10))
    build_site(tei, site, jobs=1)
    stamps = {path: path.stat().st_mtime_ns for path in site.rglob("*") if path.is_file()}
    second = build_site(tei, site, jobs=1)
    assert len(second.of("skipped")) == 5 and not second.of("built")
    assert {path: path.stat().st_mtime_ns for path in site.rglob("*") if path.is_file()} == stamps
    paths[2].write_text(
        paths[2].read_text(encoding="utf-8").replace("Port Arthur", "Port Arthur (Lüshun)", 1), encoding="utf-8"
    )
    third = build_site(tei, site, jobs=1)
    assert [outcome.key for outcome in third.of("built")] == ["record-002"]
    assert len(third.of("skipped")) == 4
    assert "Lüshun" in (site / "record-002.html").read_text(encoding="utf-8")


def test_force_and_a_new_toolchain_rebuild_everything(tmp_path: Path) -> None:
    tei, site = tmp_path / "tei", tmp_path / "site"
    make_records(tei, 2)
    build_site(tei, site, jobs=1)
    assert len(build_site(tei, site, jobs=1, force=True).of("built")) == 2
    with sqlite3.connect(site / MANIFEST_NAME) as connection:
        connection.execute("UPDATE records SET toolchain = 'an older teikit'")
    connection.close()
    assert len(build_site(tei, site, jobs=1).of("built")) == 2


def test_invalid_record_fails_with_its_place_and_the_others_are_built(tmp_path: Path) -> None:
    tei, site = tmp_path / "tei", tmp_path / "site"
    paths = make_records(tei, 3)
    text = paths[1].read_text(encoding="utf-8").replace('who="#stalin"', 'who="#stalinn"', 1)
    paths[1].write_text(text, encoding="utf-8")
    line = text[: text.index('who="#stalinn"')].count("\n") + 1
    result = CliRunner().invoke(cli, ["build", str(tei), "-d", str(site), "--jobs", "1"])
    assert result.exit_code == 1
    assert f"{paths[1]}:{line}:" in result.stderr and "[teikit-pointer-who]" in result.stderr
    assert "built 2, skipped 0, failed 1" in result.stderr
    assert (site / "record-000.html").is_file() and (site / "record-002.html").is_file()
    assert not (site / "record-001.html").exists()
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "record-000.html" in index and "record-001.html" not in index


def test_fail_fast_stops_at_the_first_failure(tmp_path: Path) -> None:
    tei, site = tmp_path / "tei", tmp_path / "site"
    paths = make_records(tei, 4)
    paths[0].write_text("<TEI>", encoding="utf-8")
    report = build_site(tei, site, jobs=1, fail_fast=True)
    assert report.stopped and [outcome.status for outcome in report.outcomes] == ["failed"]
    assert report.outcomes[0].diagnostics[0].code == "xml-malformed"


def test_removed_record_leaves_the_site(tmp_path: Path) -> None:
    tei, site = tmp_path / "tei", tmp_path / "site"
    paths = make_records(tei, 2)
    build_site(tei, site, jobs=1)
    paths[0].unlink()
    build_site(tei, site, jobs=1)
    assert not (site / "record-000.html").exists() and not (site / "tei" / "record-000.xml").exists()
    assert "record-000" not in (site / "index.html").read_text(encoding="utf-8")


def test_parallel_build_matches_serial(tmp_path: Path) -> None:
    tei = tmp_path / "tei"
    make_records(tei, 8)
    build_site(tei, tmp_path / "one", jobs=1)
    build_site(tei, tmp_path / "two", jobs=2)
    for path in sorted((tmp_path / "one").rglob("*.html")):
        assert path.read_bytes() == (tmp_path / "two" / path.relative_to(tmp_path / "one")).read_bytes()


def test_progress_lines_when_not_a_terminal(tmp_path: Path) -> None:
    tei, site = tmp_path / "tei", tmp_path / "site"
    make_records(tei, 3)
    result = CliRunner().invoke(cli, ["build", str(tei), "-d", str(site), "--jobs", "1"])
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    progress = [line for line in lines if line.startswith("[")]  # the seed's copies also warn (their leaves)
    assert progress == ["[1/3] built record-000", "[2/3] built record-001", "[3/3] built record-002"]
    assert lines[-1].startswith("built 3, skipped 0, failed 0 in ")


def test_killed_build_leaves_no_truncated_output(tmp_path: Path) -> None:
    tei, site = tmp_path / "tei", tmp_path / "site"
    make_records(tei, 40)
    process = subprocess.Popen(
        [sys.executable, "-m", "teikit", "build", str(tei), "-d", str(site), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(site.glob("record-*.html"))) < 5:
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    written = list(site.glob("record-*.html"))
    assert 5 <= len(written) < 40, "the build should be killed part-way"
    for page in written:
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>"), page
    for text in site.glob("record-*.txt"):
        assert text.read_text(encoding="utf-8").strip()
    for tei_copy in (site / "tei").glob("*.xml"):
        assert tei_copy.read_bytes().rstrip().endswith(b"</TEI>")
    # The rows committed before the kill are readable, and each names outputs already written.
    committed = Manifest.load(site).records
    assert all((site / name).is_file() for state in committed.values() for name in state.outputs)
    report = build_site(tei, site, jobs=1)
    assert len(report.of("built")) + len(report.of("skipped")) == 40 and not report.of("failed")
    assert {outcome.key for outcome in report.of("skipped")} == set(committed)
    assert not list(site.rglob(".*.tmp"))


def test_missing_folder_is_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "nowhere"), "-d", str(tmp_path / "site")])
    assert result.exit_code == 2
    assert "no such folder of TEI records" in result.stderr


def test_build_help_has_examples() -> None:
    assert "Examples:" in CliRunner().invoke(cli, ["build", "--help"]).output


@pytest.mark.parametrize("name", ["index.html", "persons.html"])
def test_site_pages_are_valid_html(tmp_path: Path, name: str) -> None:
    site = tmp_path / "site"
    build_site(ROOT / "tei", site, jobs=1)
    parser = html5lib.HTMLParser(strict=True)
    parser.parse((site / name).read_text(encoding="utf-8"))
    assert not parser.errors
