"""Stat-first change detection: an unchanged record is not even read, a changed one is always rebuilt."""

from __future__ import annotations

import gc
import io
import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from teikit.core import filestat
from teikit.publish import manifest as manifest_module
from teikit.publish.build import build_site
from teikit.publish.manifest import MANIFEST_NAME, Manifest

ROOT = Path(__file__).resolve().parent.parent
SEED_TEI = (ROOT / "tei" / "wilson-111240.xml").read_text(encoding="utf-8")
AN_HOUR_AGO = time.time_ns() - 3600 * 10**9


def make_records(tei: Path, count: int) -> list[Path]:
    """``count`` copies of the seed, dated an hour ago (past the racy window: known by their stat)."""
    tei.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = tei / f"record-{index}.xml"
        path.write_text(
            SEED_TEI.replace('<idno type="record">111240</idno>', f'<idno type="record">{index}</idno>'),
            encoding="utf-8",
        )
        os.utime(path, ns=(AN_HOUR_AGO, AN_HOUR_AGO))
        paths.append(path)
    return paths


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every file opened through ``open`` (builtins, io, Path.open) while the test runs."""
    seen: list[str] = []
    real: Callable[..., Any] = io.open

    def counting(file: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(os.fspath(file) if isinstance(file, (str, os.PathLike)) else repr(file))
        return real(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", counting)
    monkeypatch.setattr(io, "open", counting)
    yield seen


def test_an_unchanged_record_is_not_read(tmp_path: Path, opened: list[str]) -> None:
    tei, site = tmp_path / "tei", tmp_path / "site"
    paths = make_records(tei, 3)
    assert len(build_site(tei, site, jobs=1).of("built")) == 3
    assert {str(path) for path in paths} <= set(opened)  # the counter does see the reads
    opened.clear()
    report = build_site(tei, site, jobs=1)
    assert len(report.of("skipped")) == 3 and not report.of("built")
    assert not {str(path) for path in paths} & set(opened)


def _stats(tei: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in tei.iterdir()}


def test_same_size_new_mtime_is_rebuilt(tmp_path: Path) -> None:
    tei, site = tmp_path / "tei", tmp_path / "site"
    paths = make_records(tei, 3)
    build_site(tei, site, jobs=1)
    text = paths[1].read_text(encoding="utf-8")
    changed = text.replace("Port Arthur", "Port Arthar", 1)
    assert changed != text and len(changed) == len(text)
    paths[1].write_text(changed, encoding="utf-8")
    report = build_site(tei, site, jobs=1)
    assert [outcome.key for outcome in report.of("built")] == ["record-1"]
    assert "Port Arthar" in (site / "record-1.html").read_text(encoding="utf-8")


def test_same_mtime_other_size_is_rebuilt(tmp_path: Path) -> None:
    tei, site = tmp_path / "tei", tmp_path / "site"
    paths = make_records(tei, 3)
    build_site(tei, site, jobs=1)
    paths[2].write_text(
        paths[2].read_text(encoding="utf-8").replace("Port Arthur", "Port Arthur!", 1), encoding="utf-8"
    )
    os.utime(paths[2], ns=(AN_HOUR_AGO, AN_HOUR_AGO))
    report = build_site(tei, site, jobs=1)
    assert [outcome.key for outcome in report.of("built")] == ["record-2"]
    assert "Port Arthur!" in (site / "record-2.html").read_text(encoding="utf-8")


def test_same_size_and_mtime_set_back_is_rebuilt(tmp_path: Path) -> None:
    # A program may set mtime back (tar, rsync -t); it cannot set back ctime, which the manifest also keeps.
    tei, site = tmp_path / "tei", tmp_path / "site"
    paths = make_records(tei, 2)
    build_site(tei, site, jobs=1)
    time.sleep(0.02)
    paths[0].write_text(paths[0].read_text(encoding="utf-8").replace("Port Arthur", "Port Arthar", 1), encoding="utf-8")
    os.utime(paths[0], ns=(AN_HOUR_AGO, AN_HOUR_AGO))
    report = build_site(tei, site, jobs=1)
    assert [outcome.key for outcome in report.of("built")] == ["record-0"]


def test_a_touched_file_is_hashed_once_then_known_by_its_stat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tei, site = tmp_path / "tei", tmp_path / "site"
    paths = make_records(tei, 2)
    build_site(tei, site, jobs=1)
    hashed: list[Path] = []
    real = filestat.file_sha256

    def counting(path: Path) -> str:
        hashed.append(path)
        return real(path)

    monkeypatch.setattr("teikit.publish.build.file_sha256", counting)
    later = AN_HOUR_AGO + 60 * 10**9
    os.utime(paths[0], ns=(later, later))
    report = build_site(tei, site, jobs=1)
    assert len(report.of("skipped")) == 2 and hashed == [paths[0]]
    hashed.clear()
    assert len(build_site(tei, site, jobs=1).of("skipped")) == 2 and hashed == []


def test_a_file_changed_just_now_is_hashed_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Racily clean, as git calls it: modified within a timestamp tick of being read, it may change unseen.
    tei, site = tmp_path / "tei", tmp_path / "site"
    paths = make_records(tei, 2)
    now = time.time_ns()
    os.utime(paths[1], ns=(now, now))
    build_site(tei, site, jobs=1)
    hashed: list[Path] = []

    def changed(path: Path) -> str:
        hashed.append(path)
        return "changed"

    monkeypatch.setattr("teikit.publish.build.file_sha256", changed)
    report = build_site(tei, site, jobs=1)
    assert hashed == [paths[1]] and [outcome.key for outcome in report.of("built")] == ["record-1"]


def test_the_manifest_is_one_row_per_record_in_wal_mode(tmp_path: Path) -> None:
    tei, site = tmp_path / "tei", tmp_path / "site"
    paths = make_records(tei, 3)
    build_site(tei, site, jobs=1)
    connection = sqlite3.connect(site / MANIFEST_NAME)
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        rows = connection.execute("SELECT key, source, size, inode FROM records ORDER BY key").fetchall()
    finally:
        connection.close()
    assert rows == [(f"record-{i}", str(path), path.stat().st_size, path.stat().st_ino) for i, path in enumerate(paths)]


def test_a_reader_sees_the_rows_committed_during_a_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tei, site = tmp_path / "tei", tmp_path / "site"
    make_records(tei, 4)
    monkeypatch.setattr(manifest_module, "COMMIT_EVERY", -1.0)  # commit after every record
    seen: list[int] = []
    build_site(tei, site, jobs=1, progress=lambda outcome, done, total: seen.append(len(Manifest.load(site).records)))
    assert seen == [1, 2, 3, 4]


def test_a_row_is_small_and_reads_back_the_same_entry(tmp_path: Path) -> None:
    # Before: hex hashes, the outputs' names as JSON and the entry as JSON (4.9 KB a seed record; 24 MB at 10,000).
    tei, site = tmp_path / "tei", tmp_path / "site"
    make_records(tei, 12)
    build_site(tei, site, jobs=1)
    connection = sqlite3.connect(site / MANIFEST_NAME)
    try:
        sizes = connection.execute(
            "SELECT avg(length(tei_hash)), avg(length(toolchain)), max(outputs), avg(length(entry)) FROM records"
        ).fetchone()
    finally:
        connection.close()
    assert sizes[:3] == (32, 32, 63) and sizes[3] < 1000
    manifest = Manifest.load(site)
    state = manifest.records["record-3"]
    assert state.read_entry("record-3") and state.entry["key"] == "record-3"
    assert state.entry["register"] and state.entry["persons"][0]["names"]


def test_a_manifest_of_the_previous_layout_is_carried_over(tmp_path: Path) -> None:
    tei, site = tmp_path / "tei", tmp_path / "site"
    make_records(tei, 2)
    build_site(tei, site, jobs=1)
    manifest = Manifest.load(site)
    for key, state in manifest.records.items():
        assert state.read_entry(key)
    for suffix in ("", "-wal", "-shm"):
        (site / (MANIFEST_NAME + suffix)).unlink(missing_ok=True)
    connection = sqlite3.connect(site / MANIFEST_NAME)
    connection.executescript(
        "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "CREATE TABLE records (key TEXT PRIMARY KEY, source TEXT NOT NULL, size INTEGER NOT NULL,"
        " mtime_ns INTEGER NOT NULL, inode INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, checked_ns INTEGER NOT NULL,"
        " tei_hash TEXT NOT NULL, toolchain TEXT NOT NULL, outputs TEXT NOT NULL, entry TEXT NOT NULL);"
        "PRAGMA user_version=2;"
    )
    for key, state in manifest.records.items():
        stat = state.stat
        connection.execute(
            "INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                state.source,
                stat.size,
                stat.mtime_ns,
                stat.inode,
                stat.ctime_ns,
                stat.checked_ns,
                state.tei_hash,
                state.toolchain,
                json.dumps(state.outputs),
                json.dumps(state.entry),
            ),
        )
    connection.execute("INSERT INTO meta VALUES ('title', 'Edition')")
    connection.commit()
    connection.close()
    report = build_site(tei, site, jobs=1)
    assert len(report.of("skipped")) == 2 and not report.of("built")
    again = Manifest.load(site)
    assert again.records.keys() == manifest.records.keys()
    assert all(
        state.read_entry(key) and state.entry == manifest.records[key].entry for key, state in again.records.items()
    )


def test_a_rebuild_that_finds_nothing_changed_imports_no_xml_stack_and_writes_nothing(tmp_path: Path) -> None:
    # Before: 'teikit build' imported lxml (and the validator, the renderer, the pool) before looking at anything,
    # about a third of a no-op rebuild's time; and it stat'ed every output of every record, 6 per record.
    tei, site = tmp_path / "tei", tmp_path / "site"
    make_records(tei, 3)
    build_site(tei, site, jobs=1)
    stamps = {path: path.stat().st_mtime_ns for path in site.rglob("*")}
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "teikit", "build", str(tei), "-d", str(site), "-j", "1"],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines() if "|" in line}
    assert "skipped 3" in result.stderr
    assert not imported & {"lxml", "saxonche", "multiprocessing", "dask"}
    assert {path: path.stat().st_mtime_ns for path in site.rglob("*")} == stamps


def test_a_file_replaced_by_another_of_the_same_size_and_mtime_is_rebuilt(tmp_path: Path) -> None:
    # A new inode (an editor that writes a copy and renames it over the file, a checkout): never trusted.
    tei, site = tmp_path / "tei", tmp_path / "site"
    paths = make_records(tei, 2)
    build_site(tei, site, jobs=1)
    text = paths[0].read_text(encoding="utf-8")
    changed = text.replace("Port Arthur", "Port Arthar", 1)
    replacement = tmp_path / "replacement.xml"
    replacement.write_text(changed, encoding="utf-8")
    os.utime(replacement, ns=(AN_HOUR_AGO, AN_HOUR_AGO))
    before = paths[0].stat()
    os.replace(replacement, paths[0])
    after = paths[0].stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns) and after.st_ino != before.st_ino
    report = build_site(tei, site, jobs=1)
    assert [outcome.key for outcome in report.of("built")] == ["record-0"]
    assert "Port Arthar" in (site / "record-0.html").read_text(encoding="utf-8")


def test_stats_of_many_files_answer_as_each_files_own_stat(tmp_path: Path) -> None:
    # A build stats every record with one clock reading (stats_of): it must vouch exactly as FileStat.of would.
    path = tmp_path / "a.xml"
    path.write_text("<a/>", encoding="utf-8")
    os.utime(path, ns=(AN_HOUR_AGO, AN_HOUR_AGO))
    recorded = filestat.FileStat.of(path)
    [now, gone] = filestat.stats_of([str(path), str(tmp_path / "gone.xml")])
    assert now.vouches_for(recorded) and now[:4] == recorded[:4] and gone == filestat.FileStat()
    for field in ("size", "mtime_ns", "inode", "ctime_ns"):
        assert not now.vouches_for(recorded._replace(**{field: getattr(recorded, field) + 1})), field
    assert not now.vouches_for(recorded._replace(checked_ns=recorded.mtime_ns))  # read within a tick of a change
    assert not now.vouches_for(filestat.FileStat()) and not gone.vouches_for(recorded)


def test_a_record_whose_output_is_gone_or_a_link_is_rebuilt(tmp_path: Path) -> None:
    tei, site = tmp_path / "tei", tmp_path / "site"
    make_records(tei, 4)
    build_site(tei, site, jobs=1)
    outside = tmp_path / "outside.html"
    outside.write_text("not teikit's", encoding="utf-8")
    (site / "record-0.txt").unlink()
    (site / "tei" / "record-1.xml").unlink()
    (site / "record-2.bib").unlink()
    (site / "record-2.bib").symlink_to(outside)  # a link in an output's place is not the output
    stamps = {path: path.stat().st_mtime_ns for path in site.rglob("*.html") if not path.is_symlink()}
    report = build_site(tei, site, jobs=1)
    assert sorted(outcome.key for outcome in report.of("built")) == ["record-0", "record-1", "record-2"]
    assert [outcome.key for outcome in report.of("skipped")] == ["record-3"]
    assert (site / "record-0.txt").is_file() and (site / "tei" / "record-1.xml").is_file()
    assert not (site / "record-2.bib").is_symlink() and outside.read_text(encoding="utf-8") == "not teikit's"
    assert (site / "record-3.html").stat().st_mtime_ns == stamps[site / "record-3.html"]


def test_a_deleted_site_page_is_written_again_without_rebuilding_a_record(tmp_path: Path) -> None:
    tei, site = tmp_path / "tei", tmp_path / "site"
    make_records(tei, 2)
    build_site(tei, site, jobs=1)
    (site / "index.html").unlink()
    report = build_site(tei, site, jobs=1)
    assert len(report.of("skipped")) == 2 and not report.of("built")
    assert "record-1.html" in (site / "index.html").read_text(encoding="utf-8")


def test_the_garbage_collector_runs_again_after_a_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The collector is paused while the manifest is read and the records compared: never left off.
    tei, site = tmp_path / "tei", tmp_path / "site"
    make_records(tei, 1)
    build_site(tei, site, jobs=1)
    assert gc.isenabled()

    def broken(*args: object) -> str:
        assert not gc.isenabled()
        raise OSError("the disk went away")

    monkeypatch.setattr("teikit.publish.build.key_of", broken)
    with pytest.raises(OSError, match="the disk went away"):
        build_site(tei, site, jobs=1)
    assert gc.isenabled()


def _seal(site: Path) -> str:
    with sqlite3.connect(f"{(site / MANIFEST_NAME).resolve().as_uri()}?mode=ro", uri=True) as connection:
        row = connection.execute("SELECT value FROM meta WHERE name = 'seal'").fetchone()
    connection.close()
    return str(row[0]) if row else ""


def test_a_sealed_rebuild_reads_no_row_and_reports_what_the_rows_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tei, site = tmp_path / "tei", tmp_path / "site"
    make_records(tei, 3)
    build_site(tei, site, jobs=1)
    assert _seal(site)  # built from files older than a tick: the build could vouch for all of them
    with sqlite3.connect(site / MANIFEST_NAME) as connection:
        connection.execute("DELETE FROM meta WHERE name = 'seal'")
    connection.close()
    rows = build_site(tei, site, jobs=1)  # the rows' way, which seals the manifest again

    def no_rows(self: object) -> None:
        raise AssertionError("a sealed rebuild read the manifest's rows")

    monkeypatch.setattr(manifest_module.ManifestStore, "load", no_rows)
    sealed = build_site(tei, site, jobs=1)
    assert len(sealed.outcomes) == 3
    assert [(o.key, o.source, o.status, o.tei_hash, o.outputs, o.stat[:4]) for o in sealed.outcomes] == [
        (o.key, o.source, o.status, o.tei_hash, o.outputs, o.stat[:4]) for o in rows.outcomes
    ]


@pytest.mark.parametrize(
    "change",
    ["content", "touch", "new record", "removed record", "output gone", "site page gone", "title", "force"],
)
def test_anything_but_nothing_changed_breaks_the_seal(tmp_path: Path, change: str) -> None:
    tei, site = tmp_path / "tei", tmp_path / "site"
    paths = make_records(tei, 3)
    build_site(tei, site, jobs=1)
    assert _seal(site)
    title, force = "Edition", False
    if change == "content":  # same size, an hour-old mtime set back: the ctime still differs
        paths[1].write_text(paths[1].read_text(encoding="utf-8").replace("Port Arthur", "Port Arthar", 1), "utf-8")
        os.utime(paths[1], ns=(AN_HOUR_AGO, AN_HOUR_AGO))
    elif change == "touch":
        os.utime(paths[1], ns=(AN_HOUR_AGO + 10**9, AN_HOUR_AGO + 10**9))
    elif change == "new record":
        (tei / "record-3.xml").write_bytes(paths[0].read_bytes().replace(b">0</idno>", b">3</idno>"))
        os.utime(tei / "record-3.xml", ns=(AN_HOUR_AGO, AN_HOUR_AGO))
    elif change == "removed record":
        paths[2].unlink()
    elif change == "output gone":
        (site / "tei" / "record-1.xml").unlink()
    elif change == "site page gone":
        (site / "index.html").unlink()
    elif change == "title":
        title = "Another edition"
    else:
        force = True
    report = build_site(tei, site, jobs=1, title=title, force=force)
    built = {outcome.key for outcome in report.of("built")}
    expected = {
        "content": {"record-1"},
        "touch": set(),
        "new record": {"record-2", "record-3"},  # record-2's page now links to its new neighbour
        "removed record": {"record-1"},  # and record-1's no longer to record-2
        "output gone": {"record-1"},
        "site page gone": set(),
        "title": set(),
        "force": {"record-0", "record-1", "record-2"},
    }[change]
    assert built == expected
    if change == "content":
        assert "Port Arthar" in (site / "record-1.html").read_text(encoding="utf-8")
    if change == "removed record":
        assert not (site / "record-2.html").exists() and "record-2" not in (site / "index.html").read_text("utf-8")
    if change in ("site page gone", "title"):
        assert title in (site / "index.html").read_text(encoding="utf-8")
    assert _seal(site)  # sealed again for the next rebuild
    assert not build_site(tei, site, jobs=1, title=title).of("built")


def test_no_seal_while_a_record_fails_or_a_file_is_racily_clean(tmp_path: Path) -> None:
    tei, site = tmp_path / "tei", tmp_path / "site"
    paths = make_records(tei, 2)
    now = time.time_ns()
    os.utime(paths[0], ns=(now, now))  # modified just now: its stat cannot vouch for it yet
    build_site(tei, site, jobs=1)
    assert not _seal(site)
    os.utime(paths[0], ns=(AN_HOUR_AGO, AN_HOUR_AGO))
    paths[1].write_text("<TEI>", encoding="utf-8")
    os.utime(paths[1], ns=(AN_HOUR_AGO, AN_HOUR_AGO))
    assert build_site(tei, site, jobs=1).of("failed") and not _seal(site)
    report = build_site(tei, site, jobs=1)  # an invalid record is tried again at each build
    assert [outcome.key for outcome in report.of("failed")] == ["record-1"]


def test_a_manifest_of_the_unsealed_layout_is_taken_over_as_it_is(tmp_path: Path) -> None:
    # Layout 3 had the same rows and no seal; 4 is a new number so that a teikit knowing only 3 starts afresh
    # (it would change rows and leave a seal that no longer matches them).
    tei, site = tmp_path / "tei", tmp_path / "site"
    make_records(tei, 2)
    build_site(tei, site, jobs=1)
    with sqlite3.connect(site / MANIFEST_NAME) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == manifest_module.SCHEMA_VERSION == 4
        # As an older teikit leaves it: a record rebuilt with its own toolchain, a seal it did not know of.
        connection.execute("UPDATE records SET toolchain = X'00' WHERE key = 'record-0'")
        connection.execute("PRAGMA user_version=3")
    connection.close()
    report = build_site(tei, site, jobs=1)
    assert [outcome.key for outcome in report.of("built")] == ["record-0"]
    assert _seal(site)
    with sqlite3.connect(site / MANIFEST_NAME) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == 4
    connection.close()
