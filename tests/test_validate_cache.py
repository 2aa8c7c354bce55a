"""``teikit validate --cache``: an unchanged file is not read again, a changed one is always re-checked,
and the report is the same as without the cache."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from teikit.check.cache import validate_cached
from teikit.cli import cli
from teikit.core.filestat import FileStat

ROOT = Path(__file__).resolve().parent.parent
SEED_TEI = (ROOT / "tei" / "wilson-111240.xml").read_text(encoding="utf-8")
AN_HOUR_AGO = time.time_ns() - 3600 * 10**9


def corpus(folder: Path) -> list[Path]:
    """Two valid records, one with a Schematron error, one malformed and an XSLT stylesheet (left out)."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = {
        "a.xml": SEED_TEI,
        "b.xml": SEED_TEI.replace('<idno type="record">111240</idno>', '<idno type="record">2</idno>'),
        "bad.xml": SEED_TEI.replace('who="#stalin"', 'who="#stalinn"', 1),
        "broken.xml": SEED_TEI[: len(SEED_TEI) // 2],
        "style.xml": '<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0"/>',
    }
    paths = []
    for name, text in texts.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        os.utime(path, ns=(AN_HOUR_AGO, AN_HOUR_AGO))
        paths.append(path)
    return paths


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["validate", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit"])
def test_the_cached_report_is_the_report(tmp_path: Path, fmt: str) -> None:
    tei = tmp_path / "tei"
    corpus(tei)
    cache = f"--cache={tmp_path / 'cache.sqlite'}"
    plain = run(str(tei), "--format", fmt, "-j", "1")
    first = run(str(tei), "--format", fmt, "-j", "1", cache)
    second = run(str(tei), "--format", fmt, "-j", "1", cache)
    assert plain[0] == 1 and "stalinn" in plain[1]
    assert first == plain and second == plain


def test_an_unchanged_corpus_is_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tei, cache = tmp_path / "tei", tmp_path / "cache.sqlite"
    paths = corpus(tei)
    first = validate_cached(paths, cache, None, None, skip_foreign=True, jobs=1)
    assert first.checked == 4 and first.reused == 0 and [str(f.path) for f in first.foreign] == [str(paths[-1])]
    opened: list[str] = []
    real: Callable[..., Any] = io.open

    def counting(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(os.fspath(file) if isinstance(file, (str, os.PathLike)) else repr(file))
        return real(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", counting)
    monkeypatch.setattr(io, "open", counting)
    started = time.perf_counter()
    second = validate_cached(paths, cache, None, None, skip_foreign=True, jobs=1)
    seconds = time.perf_counter() - started
    # The broken file is unreadable as XML, not as a file: it is remembered like the others, roots too.
    assert second.checked == 0 and second.reused == 5 and len(second.foreign) == 1
    assert not {str(path) for path in paths} & set(opened)
    assert [r.diagnostics for r in second.results] == [r.diagnostics for r in first.results]
    assert seconds < 1.0


@pytest.mark.parametrize("keep", ["size", "mtime"])
def test_a_changed_file_is_always_checked_again(tmp_path: Path, keep: str) -> None:
    tei = tmp_path / "tei"
    paths = corpus(tei)
    cache = f"--cache={tmp_path / 'cache.sqlite'}"
    assert run(str(tei), "-j", "1", cache)[0] == 1
    bad = paths[2]
    fixed = bad.read_text(encoding="utf-8").replace(
        'who="#stalinn"', 'who="#stalin"' if keep == "mtime" else 'who="#stalix"', 1
    )
    if keep == "size":  # same size, new mtime: still a wrong pointer, but another one
        bad.write_text(fixed, encoding="utf-8")
        code, out, _ = run(str(tei), "-j", "1", cache)
        assert code == 1 and "stalix" in out and "stalinn" not in out
    else:  # another size, the old mtime set back: now valid
        bad.write_text(fixed, encoding="utf-8")
        os.utime(bad, ns=(AN_HOUR_AGO, AN_HOUR_AGO))
        paths[3].write_text(SEED_TEI, encoding="utf-8")
        os.utime(paths[3], ns=(AN_HOUR_AGO, AN_HOUR_AGO))
        code, out, _ = run(str(tei), "-j", "1", cache)
        assert (code, out) == (0, "")


def test_another_toolchain_checks_again(tmp_path: Path) -> None:
    tei, cache = tmp_path / "tei", tmp_path / "cache.sqlite"
    paths = corpus(tei)
    validate_cached(paths, cache, None, None, skip_foreign=True, jobs=1)
    grammar_only = validate_cached(paths, cache, None, False, skip_foreign=True, jobs=1)
    assert grammar_only.checked == 4 and all(
        "stalinn" not in str(d) for r in grammar_only.results for d in r.diagnostics
    )


def test_the_cache_never_writes_over_another_file(tmp_path: Path) -> None:
    tei = tmp_path / "tei"
    paths = corpus(tei)
    before = paths[0].read_bytes()
    code, _, err = run(str(tei), f"--cache={paths[0]}")
    assert code == 2 and "input" in err and paths[0].read_bytes() == before
    notes = tmp_path / "notes.txt"
    notes.write_text("mine", encoding="utf-8")
    code, _, err = run(str(tei), f"--cache={notes}")
    assert code == 2 and "not a validation cache" in err and notes.read_text(encoding="utf-8") == "mine"


def test_the_default_cache_is_in_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus(tmp_path / "tei")
    monkeypatch.chdir(tmp_path)
    assert run("tei", "-j", "1", "--cache")[0] == 1
    assert (tmp_path / ".teikit-cache" / "validate.sqlite").is_file()


def test_a_racily_clean_file_is_checked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rewrite within one timestamp tick keeps size, mtime and ctime (a coarse file system): the file is
    recorded as racily clean, so it is hashed next time and the rewrite is seen."""
    tei, cache = tmp_path / "tei", tmp_path / "cache.sqlite"
    paths = corpus(tei)
    bad = paths[2]
    text = bad.read_text(encoding="utf-8")
    bad.write_text(text, encoding="utf-8")  # modified just now: within the racy window when it is checked
    recorded = FileStat.of(bad)
    first = validate_cached(paths, cache, None, None, skip_foreign=True, jobs=1)
    assert "stalinn" in str(first.results[2].diagnostics[0])
    bad.write_text(text.replace('who="#stalinn"', 'who="#stalinx"', 1), encoding="utf-8")  # same size
    real_of = FileStat.of.__func__  # type: ignore[attr-defined]

    def coarse(cls: type[FileStat], path: str | Path) -> FileStat:
        found: FileStat = real_of(cls, path)
        if Path(path) == bad:  # the tick has not moved on: the stat is the one recorded
            return found._replace(mtime_ns=recorded.mtime_ns, ctime_ns=recorded.ctime_ns, inode=recorded.inode)
        return found

    monkeypatch.setattr(FileStat, "of", classmethod(coarse))
    assert FileStat.of(bad).same_file(recorded)
    second = validate_cached(paths, cache, None, None, skip_foreign=True, jobs=1)
    assert second.checked == 1 and second.reused == 4
    messages = [str(diagnostic) for diagnostic in second.results[2].diagnostics]
    assert any("stalinx" in message for message in messages)


def test_a_run_answered_from_the_cache_loads_no_xml_toolchain(tmp_path: Path) -> None:
    """lxml, Saxon, the worker pool and the schemas cost more than the whole cached run: none is loaded."""
    tei = tmp_path / "tei"
    corpus(tei)
    cache = f"--cache={tmp_path / 'cache.sqlite'}"
    assert run(str(tei), "-j", "2", cache)[0] == 1
    program = (
        "import sys\n"
        "from teikit.cli import cli\n"
        "try:\n"
        f"    cli(['validate', {str(tei)!r}, {cache!r}, '-j', '2', '--format', 'json'], standalone_mode=False)\n"
        "except SystemExit as stop:\n"
        "    print('exit', stop.code, file=sys.stderr)\n"
        "print(sorted({name.split('.')[0] for name in sys.modules} & "
        "{'lxml', 'saxonche', 'multiprocessing', 'distributed', 'fsspec'}), file=sys.stderr)\n"
    )
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, env=environment, check=False, timeout=120
    )
    assert done.stderr.splitlines()[-2:] == ["exit 1", "[]"], done.stderr
    assert '"rule": "teikit-pointer-who"' in done.stdout
