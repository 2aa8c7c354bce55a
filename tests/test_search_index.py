"""The Pagefind index in buckets: what a build indexes again, and what a reader finds afterwards."""

from __future__ import annotations

import gzip
import json
import os
import sys
import time
from pathlib import Path

import pytest

from teikit.core.errors import ConfigError
from teikit.publish import search
from teikit.publish.build import build_site
from teikit.publish.search import bucket_count, bucket_of, pagefind_executable
from test_build import make_records

needs_pagefind = pytest.mark.skipif(pagefind_executable() is None, reason="Pagefind is not installed")


def test_buckets_double_as_the_edition_grows_and_a_record_stays_in_its_half() -> None:
    assert [bucket_count(n) for n in (0, 1, 500, 501, 1000, 1001, 10_000)] == [1, 1, 1, 2, 2, 4, 32]
    keys = [f"record-{n:05d}" for n in range(2000)]
    for key in keys:
        assert bucket_of(key, 4) % 2 == bucket_of(key, 2)
    sizes = [sum(1 for key in keys if bucket_of(key, 4) == n) for n in range(4)]
    assert min(sizes) > 400, sizes


def _buckets(site: Path) -> dict[str, str]:
    listed: dict[str, str] = json.loads((site / "pagefind" / "buckets.json").read_text(encoding="utf-8"))["buckets"]
    return listed


def _indexed(site: Path) -> dict[str, str]:
    """Every page in the index, by its URL, with the text Pagefind holds of it."""
    pages = {}
    for bucket in _buckets(site):
        for fragment in (site / "pagefind" / bucket / "fragment").iterdir():
            data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
            assert data["url"] not in pages, data["url"]
            pages[data["url"]] = data["content"]
    return pages


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The records of each Pagefind run, in the order they started (one record a bucket)."""
    monkeypatch.setattr(search, "BUCKET_RECORDS", 1)
    runs: list[list[str]] = []
    start = search._start

    def spy(binary: Path, site: Path, folder: Path, name: str, keys: list[str], ui_lang: str):  # type: ignore[no-untyped-def]
        runs.append(keys)
        return start(binary, site, folder, name, keys, ui_lang)

    monkeypatch.setattr(search, "_start", spy)
    return runs


@needs_pagefind
def test_a_rebuild_indexes_the_changed_record_s_bucket_only(tmp_path: Path, started: list[list[str]]) -> None:
    tei, site = tmp_path / "tei", tmp_path / "site"
    paths = make_records(tei, 3)
    build_site(tei, site, jobs=2)
    assert sorted(key for run in started for key in run) == ["record-000", "record-001", "record-002"]
    # Four buckets: record-000 and record-002 share one, record-001 has one, two are empty (not listed).
    assert sorted(_buckets(site)) == sorted({str(bucket_of(path.stem, 4)) for path in paths}) == ["1", "3"]
    before = _indexed(site)
    assert set(before) == {"/record-000.html", "/record-001.html", "/record-002.html"}
    assert "Signs used in this edition" not in before["/record-000.html"]  # the legend is not the record

    started.clear()
    build_site(tei, site, jobs=2)
    assert started == []  # nothing changed: Pagefind is not run

    paths[1].write_text(paths[1].read_text(encoding="utf-8").replace("wolfram", "zyzzyva"), encoding="utf-8")
    build_site(tei, site, jobs=2)
    assert started == [["record-001"]]
    after = _indexed(site)
    assert "zyzzyva" in after["/record-001.html"] and "wolfram" not in after["/record-001.html"]
    assert after["/record-000.html"] == before["/record-000.html"]

    paths[2].unlink()
    build_site(tei, site, jobs=2)
    assert set(_indexed(site)) == {"/record-000.html", "/record-001.html"}
    assert sorted(path.name for path in (site / "pagefind").iterdir()) == sorted([*_buckets(site), "buckets.json"])


@needs_pagefind
def test_the_index_is_rebuilt_whole_when_the_buckets_split(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tei, site = tmp_path / "tei", tmp_path / "site"
    make_records(tei, 3)
    build_site(tei, site, jobs=1)
    assert list(_buckets(site)) == ["0"]
    monkeypatch.setattr(search, "BUCKET_RECORDS", 1)
    search.index_site(site, {f"record-00{n}": "same" for n in range(3)}, "en")
    assert list(_buckets(site)) == ["1", "3"]  # bucket 0 of the old count is gone
    assert set(_indexed(site)) == {"/record-000.html", "/record-001.html", "/record-002.html"}


def _built_then_edited(tmp_path: Path) -> tuple[Path, Path]:
    """Two records built into a site, then the first edited ("wolfram" -> "zyzzyva"): (TEI folder, site)."""
    tei, site = tmp_path / "tei", tmp_path / "site"
    paths = make_records(tei, 2)
    build_site(tei, site, jobs=1)
    paths[0].write_text(paths[0].read_text(encoding="utf-8").replace("wolfram", "zyzzyva"), encoding="utf-8")
    return tei, site


@needs_pagefind
def test_a_build_stopped_while_indexing_is_finished_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tei, site = _built_then_edited(tmp_path)
    failing = tmp_path / "pagefind"
    failing.write_text(f"#!{sys.executable}\nimport sys\nprint('out of memory')\nsys.exit(3)\n", encoding="utf-8")
    failing.chmod(0o755)
    with monkeypatch.context() as patch:
        patch.setattr(search, "pagefind_executable", lambda: failing)
        with pytest.raises(ConfigError, match="Pagefind failed: out of memory"):
            build_site(tei, site, jobs=1)
    assert (site / "pagefind" / ".pending").exists()
    assert "zyzzyva" not in _indexed(site)["/record-000.html"]  # the old index is still whole
    assert [path.name for path in (site / "pagefind").iterdir() if path.name.endswith((".new", ".old"))] == []

    build_site(tei, site, jobs=1)  # no record to rebuild: the index is finished all the same
    assert not (site / "pagefind" / ".pending").exists()
    assert "zyzzyva" in _indexed(site)["/record-000.html"]


@needs_pagefind
def test_the_single_index_of_earlier_versions_is_replaced(tmp_path: Path) -> None:
    tei, site = tmp_path / "tei", tmp_path / "site"
    make_records(tei, 1)
    (site / "pagefind" / "fragment").mkdir(parents=True)
    (site / "pagefind" / "fragment" / "en_1.pf_fragment").write_bytes(b"old")
    for name in ("pagefind.js", "pagefind-entry.json", "wasm.en.pagefind", "pagefind.en_1.pf_meta"):
        (site / "pagefind" / name).write_bytes(b"old")
    build_site(tei, site, jobs=1)
    assert sorted(path.name for path in (site / "pagefind").iterdir()) == ["0", "buckets.json"]
    assert (site / "pagefind" / "0" / "pagefind.js").is_file()
    assert not (site / "pagefind" / "0" / "pagefind-ui.js").exists()


@needs_pagefind
def test_a_build_stopped_among_the_records_is_indexed_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tei, site = _built_then_edited(tmp_path)

    def stop(*_args: object) -> bool:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:  # stopped after the record's row was written, before the index
        patch.setattr(search, "index_site", stop)
        with pytest.raises(KeyboardInterrupt):
            build_site(tei, site, jobs=1)
    report = build_site(tei, site, jobs=1)
    assert report.of("built") == []
    assert "zyzzyva" in _indexed(site)["/record-000.html"]
    assert not (site / "pagefind" / ".pending").exists()


def test_without_pagefind_the_site_has_no_index_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "pagefind_executable", lambda: None)
    tei, site = tmp_path / "tei", tmp_path / "site"
    make_records(tei, 1)
    build_site(tei, site, jobs=1)
    assert not (site / "pagefind").exists()


def test_a_sealed_site_with_its_index_left_unfinished_is_indexed_by_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The seal lets a rebuild that finds nothing changed skip every row; it must not skip an index left behind.
    monkeypatch.setattr(search, "pagefind_executable", lambda: None)
    tei, site = tmp_path / "tei", tmp_path / "site"
    for path in make_records(tei, 2):  # old enough for their stat to vouch for them: the build seals
        os.utime(path, (time.time() - 60, time.time() - 60))
    build_site(tei, site, jobs=1)
    search.mark_index_pending(site)
    report = build_site(tei, site, jobs=1)
    assert report.of("built") == [] and len(report.of("skipped")) == 2
    assert not (site / "pagefind").exists()
